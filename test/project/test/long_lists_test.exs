defmodule Everything.LongListsTest do
  @moduledoc """
  Lists too long for a normal scheduler: a generated NIF counts the terms
  it converts and, past its budget, decodes again on a dirty CPU scheduler,
  or encodes its result in a new time slice, then on a dirty CPU scheduler
  (nd_time in nif_derive_budget.h). Results and errors are the same as for short
  lists; no normal scheduler is held meanwhile.
  Binaries decoded by a call come back as sub-binaries, not copies.
  """
  # Not async: erlang:system_monitor is one per VM.
  use ExUnit.Case, async: false

  import Everything.Case

  alias Everything.{Native, Point}

  @int64 "integer in int64_t range -9223372036854775808..9223372036854775807"

  # Runs `call.(setup.())` in a new process and returns the longest time
  # (ms) one scheduling of that process lasted during the call, as
  # erlang:system_monitor's long_schedule reports it (0: none of
  # `threshold` ms or more). A NIF call holds the scheduler it runs on for
  # all its duration. The setup and its garbage are dealt with first.
  defp longest_schedule(setup, call, threshold) do
    parent = self()

    {pid, ref} =
      spawn_monitor(fn ->
        input = setup.()
        :erlang.garbage_collect()
        send(parent, {:ready, self()})

        receive do
          :go -> call.(input)
        end

        # scheduled out here: this is when the slot's time is checked
        Process.sleep(1)
      end)

    receive do
      {:ready, ^pid} -> :ok
    end

    previous = :erlang.system_monitor(self(), [{:long_schedule, threshold}])
    send(pid, :go)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} ->
        restore(previous)
        assert reason == :normal
    end

    flush_long_schedules(pid, 0)
  end

  defp restore(:undefined), do: :erlang.system_monitor(:undefined)
  defp restore({pid, options}), do: :erlang.system_monitor(pid, options)

  defp flush_long_schedules(pid, longest) do
    receive do
      {:monitor, ^pid, :long_schedule, info} ->
        flush_long_schedules(pid, max(longest, info[:timeout]))

      {:monitor, _, :long_schedule, _} ->
        flush_long_schedules(pid, longest)
    after
      0 -> longest
    end
  end

  test "a long list argument is decoded on a dirty scheduler, holding no normal one" do
    setup = fn -> Enum.to_list(1..2_000_000) end
    call = fn xs -> 2_000_001_000_000 = Native.sum_list(xs) end
    # on a normal scheduler: ~25 ms
    assert longest_schedule(setup, call, 10) == 0
  end

  test "an error in a long list names its index, as in a short one" do
    xs = Enum.to_list(1..300_000) ++ [:x]
    assert_arg_error(fn -> Native.sum_list(xs) end, "[300000]", @int64, :x)
  end

  test "a long list round trip, arena memory of the C function included" do
    # decoded and encoded on a dirty scheduler
    points = for i <- 1..100_000, do: %Point{x: i, y: -i}
    assert Native.reverse_points(points) === Enum.reverse(points)

    # decoded where called, encoded in a time slice of its own
    points = Enum.take(points, 10_000)
    assert Native.reverse_points(points) === Enum.reverse(points)
  end

  test "a long result is encoded elsewhere: a NIF_LEN length, arena strings" do
    assert Native.countdown(65_535) === Enum.to_list(65_535..1//-1)

    # (too long for a time slice of its own: on a dirty scheduler)
    words = for i <- 1..100_000, do: "w#{i}"
    assert Native.split_words(Enum.join(words, " ")) === words
  end

  test "short lists stay where they are called and give the same results" do
    assert Native.countdown(5) === [5, 4, 3, 2, 1]
    assert Native.split_words("a b") === ["a", "b"]
    assert Native.sum_list(Enum.to_list(1..1000)) === 500_500
  end

  test "bytes of a binary decoded by the call come back as a sub-binary of it" do
    big = :binary.copy(<<1, 2, 3, 4>>, 1000)
    part = binary_part(big, 10, 500)
    echoed = Native.echo_binary(part)
    assert echoed === part
    # a sub-binary of `big`, not a 500-byte copy
    assert :binary.referenced_byte_size(echoed) == byte_size(big)

    # small binaries are copied
    small = binary_part(big, 0, 10)
    assert Native.echo_binary(small) === small
  end
end
