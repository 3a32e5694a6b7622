defmodule Bench.Hold do
  @moduledoc """
  How long one call holds a normal scheduler, for the list scenarios (issue
  4: the 10,000-element list must not hold one past ~1 ms).

  A NIF runs to its end on the scheduler that called it, unless it moves
  its work to a dirty scheduler. `erlang:system_monitor/2` with
  `{long_schedule, 1}` reports every time a process stayed scheduled in for
  1 ms or more. A fresh process (the scenario's heap options) makes `calls`
  calls, sleeping 1 ms after each so that each call has a scheduling slot
  of its own, and the reports on it are counted. A garbage collection of
  the process in the same slot counts too, as it holds the scheduler as
  well.
  """

  alias Bench.{Implementations, Inputs}

  @doc "`%{calls: n, held: slots of 1 ms or more, longest_ms: ms}`, or nil when it failed."
  def measure(impl, scenario, op, calls) do
    {module, function, arity} = Implementations.call(impl, scenario.functions, op)
    input = Implementations.input(impl, scenario, op)
    parent = self()

    {pid, ref} =
      Process.spawn(
        fn ->
          args = if arity == 0, do: [], else: [Inputs.fresh(input)]
          apply(module, function, args)
          send(parent, {:ready, self()})

          receive do
            :go -> :ok
          end

          for _ <- 1..calls do
            apply(module, function, args)
            Process.sleep(1)
          end
        end,
        [:monitor | scenario.spawn]
      )

    receive do
      {:ready, ^pid} ->
        previous = :erlang.system_monitor(self(), [{:long_schedule, 1}])
        send(pid, :go)

        receive do
          {:DOWN, ^ref, :process, ^pid, reason} ->
            restore(previous)
            if reason == :normal, do: collect(pid, calls)
        end

      {:DOWN, ^ref, :process, ^pid, _} ->
        nil
    end
  end

  defp restore(:undefined), do: :erlang.system_monitor(:undefined)
  defp restore({pid, options}), do: :erlang.system_monitor(pid, options)

  defp collect(pid, calls) do
    held = reports(pid, [])
    %{calls: calls, held: length(held), longest_ms: Enum.max(held, fn -> 0 end)}
  end

  defp reports(pid, acc) do
    receive do
      {:monitor, ^pid, :long_schedule, info} -> reports(pid, [info[:timeout] | acc])
      {:monitor, _, _, _} -> reports(pid, acc)
    after
      0 -> acc
    end
  end
end
