defmodule Kv.MessageTest do
  # nif_send_T from a NIF, a dirty NIF and native threads (destructors and
  # down callbacks: destructor_test.exs, monitor_test.exs).
  use ExUnit.Case, async: false

  import Kv.Case

  test "from a NIF and from a dirty NIF" do
    assert Kv.Nif.send_tick(self(), 1) == true
    assert_receive %Kv.Tick{thread: 0, seq: 1}
    assert Kv.Nif.send_tick_dirty(self(), 2) == true
    assert_receive %Kv.Tick{thread: 0, seq: 2}
  end

  test "8 native threads x 10,000 messages all arrive, each thread's in order" do
    assert Kv.Nif.send_ticks(self(), 8, 10_000) == 80_000
    next = receive_ticks(Map.new(0..7, &{&1, 0}), 80_000)
    assert next == Map.new(0..7, &{&1, 10_000})
    refute_received %Kv.Tick{}
  end

  defp receive_ticks(next, 0), do: next

  defp receive_ticks(next, left) do
    receive do
      %Kv.Tick{thread: thread, seq: seq} ->
        assert seq == next[thread], "thread #{thread}: #{seq} arrived before #{next[thread]}"
        receive_ticks(%{next | thread => seq + 1}, left - 1)
    after
      10_000 -> flunk("#{left} messages missing")
    end
  end

  test "a send to a dead process returns 0 from a NIF, a dirty NIF and a thread" do
    pid = dead_pid()
    assert Kv.Nif.send_tick(pid, 1) == false
    assert Kv.Nif.send_tick_dirty(pid, 1) == false
    assert Kv.Nif.send_ticks(pid, 2, 100) == 0
  end
end
