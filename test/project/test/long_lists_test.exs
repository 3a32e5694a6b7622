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

  # Calls `call.(input)` `calls` times in a new process that does nothing
  # else (input = setup.(), made and garbage collected first), each call in
  # a scheduling of its own, and returns the calls during which the process
  # held a normal scheduler 1 ms or more, as erlang:system_monitor's
  # long_schedule reports it: a NIF holds the scheduler it runs on for its
  # whole duration, and the garbage collection its result causes counts
  # too. On a loaded machine the OS may stop a scheduler thread in any
  # short scheduling, so a call that was reported is tried twice more, and
  # only one reported all three times counts: work that holds a scheduler
  # is reported every time.
  defp calls_holding_a_scheduler(setup, call, calls) do
    parent = self()

    {pid, ref} =
      spawn_monitor(fn ->
        input = setup.()
        :erlang.garbage_collect()
        send(parent, {:ready, self()})
        serve(parent, call, input)
      end)

    receive do
      {:ready, ^pid} -> :ok
    end

    previous = :erlang.system_monitor(self(), [{:long_schedule, 1}])

    held =
      try do
        for k <- 1..calls, held?(pid, 3), do: k
      after
        restore(previous)
      end

    send(pid, :stop)

    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> assert reason == :normal
    end

    held
  end

  defp serve(parent, call, input) do
    receive do
      :go ->
        call.(input)
        # scheduled out here, the end of the scheduling that made the call
        Process.sleep(1)
        send(parent, {:done, self()})
        serve(parent, call, input)

      :stop ->
        :ok
    end
  end

  defp held?(_pid, 0), do: true

  defp held?(pid, tries) do
    send(pid, :go)

    receive do
      {:done, ^pid} -> :ok
    end

    # reported when the process was scheduled out, before it sent :done
    if long_schedule?(pid), do: held?(pid, tries - 1), else: false
  end

  defp long_schedule?(pid) do
    receive do
      {:monitor, ^pid, :long_schedule, _info} ->
        flush_long_schedules(pid)
        true

      {:monitor, _, :long_schedule, _} ->
        long_schedule?(pid)
    after
      0 -> false
    end
  end

  defp flush_long_schedules(pid) do
    receive do
      {:monitor, ^pid, :long_schedule, _} -> flush_long_schedules(pid)
    after
      0 -> :ok
    end
  end

  defp restore(:undefined), do: :erlang.system_monitor(:undefined)
  defp restore({pid, options}), do: :erlang.system_monitor(pid, options)

  @million 1_000_000

  describe "a million elements hold no normal scheduler for 1 ms" do
    test "in: a list of integers, a list of structs" do
      setup = fn -> Enum.to_list(1..@million) end
      sum = div(@million * (@million + 1), 2)
      assert calls_holding_a_scheduler(setup, fn xs -> ^sum = Native.sum_list(xs) end, 4) == []

      setup = fn -> for i <- 1..@million, do: %Point{x: i, y: -i} end
      call = fn points -> @million = Native.count_points(points) end
      assert calls_holding_a_scheduler(setup, call, 4) == []
    end

    test "out: a list of integers, a list of structs made on a dirty scheduler" do
      setup = fn -> :binary.copy(<<1, 2, 3, 4>>, div(@million, 4)) end
      call = fn bytes -> [1, 2, 3, 4, 1 | _] = Native.bytes_of(bytes) end
      assert calls_holding_a_scheduler(setup, call, 4) == []

      call = fn count -> [%Point{x: 1, y: -1} | _] = Native.diagonal(count) end
      assert calls_holding_a_scheduler(fn -> @million end, call, 4) == []
    end

    test "both ways: a list of structs" do
      setup = fn -> for i <- 1..@million, do: %Point{x: i, y: -i} end
      call = fn points -> [%Point{x: @million} | _] = Native.reverse_points(points) end
      assert calls_holding_a_scheduler(setup, call, 4) == []
    end
  end

  test "a million elements given for a fixed-size array fail without being walked" do
    setup = fn -> {:pair, Enum.to_list(1..@million)} end

    call = fn token ->
      try do
        Native.echo_token(token)
      rescue
        ArgumentError -> :ok
      end
    end

    assert calls_holding_a_scheduler(setup, call, 4) == []

    assert_arg_error(
      fn -> Native.echo_token({:pair, [1, 2, 3]}) end,
      "{:pair, …}",
      "list of exactly 2 elements",
      [1, 2, 3]
    )
  end

  test "lists of every length around the steps of the budget decode as short ones" do
    # 8 and 64: where the array of elements grows; 32,000: the most integers decoded where called
    for n <- [
          0,
          1,
          7,
          8,
          9,
          63,
          64,
          65,
          1000,
          15_999,
          16_000,
          16_001,
          31_999,
          32_000,
          32_001,
          100_000
        ] do
      xs = Enum.to_list(1..n//1)
      assert Native.sum_list(xs) == Enum.sum(xs)
      assert_arg_error(fn -> Native.sum_list(xs ++ :tail) end, "", "list", xs ++ :tail)

      points = for i <- 1..n//1, do: %Point{x: i, y: -i}
      assert Native.reverse_points(points) === Enum.reverse(points)
      assert Native.count_points(points) == n
    end
  end

  test "long results are the same as short ones" do
    bytes = :crypto.strong_rand_bytes(@million)
    assert Native.bytes_of(bytes) == :binary.bin_to_list(bytes)
    assert Native.diagonal(@million) == for(i <- 1..@million, do: %Point{x: i, y: -i})
    assert Native.count_points(Native.diagonal(@million)) == @million

    # longer would take the VM's memory on any input: refused
    assert_arg_error(
      fn -> Native.diagonal(@million + 1) end,
      "",
      "integer in 0..1000000",
      @million + 1
    )
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
