import Bitwise
ExUnit.start()

defmodule Kv.Case do
  @moduledoc "Helpers for the resource tests."

  import ExUnit.Assertions

  @doc "`count` probe ids no other test uses (ids are below 2^20)."
  def ids(count) do
    counter =
      case :persistent_term.get({__MODULE__, :ids}, nil) do
        nil ->
          ref = :atomics.new(1, [])
          :persistent_term.put({__MODULE__, :ids}, ref)
          ref

        ref ->
          ref
      end

    last = :atomics.add_get(counter, 1, count)
    assert last < 1 <<< 20
    (last - count + 1)..last
  end

  @doc "Garbage-collects every process, so unreachable resources are freed."
  def gc_all do
    for pid <- Process.list(), do: :erlang.garbage_collect(pid)
    :ok
  end

  @doc "Polls `fun` until it returns true (garbage-collecting in between), or fails after `ms`."
  def eventually(fun, ms \\ 5000) do
    deadline = System.monotonic_time(:millisecond) + ms
    poll(fun, deadline, ms)
  end

  defp poll(fun, deadline, ms) do
    gc_all()

    cond do
      fun.() ->
        :ok

      System.monotonic_time(:millisecond) > deadline ->
        flunk("condition still false after #{ms} ms")

      true ->
        Process.sleep(10)
        poll(fun, deadline, ms)
    end
  end

  @doc "The ArgumentError message for a reference of the wrong kind as argument `n`."
  def reference_error(n, module, got, location \\ "") do
    where = if location == "", do: "", else: location <> "\n      "

    "errors were found at the given arguments:\n\n  * #{ordinal(n)} argument: " <>
      where <> "expected: #{module} reference\n      got: #{inspect(got)}\n"
  end

  defp ordinal(1), do: "1st"
  defp ordinal(2), do: "2nd"
  defp ordinal(3), do: "3rd"

  @doc "Runs `fun` in a new process and waits until that process has exited."
  def in_exiting_process(fun) do
    {pid, ref} = spawn_monitor(fun)
    assert_receive {:DOWN, ^ref, :process, ^pid, :normal}, 10_000
    pid
  end

  @doc "A pid of a process that has exited."
  def dead_pid do
    in_exiting_process(fn -> :ok end)
  end
end
