defmodule Kv.MonitorTest do
  # Kv.Watch has NIF_DOWN(watch_down), which sends {:down, pid, tag}.
  use ExUnit.Case, async: false

  import Kv.Case

  defp waiting_process, do: spawn(fn -> receive do: (:stop -> :ok) end)

  test "the down callback fires for a process that exits" do
    watch = Kv.Nif.watch_new(self(), 1)
    pid = waiting_process()
    assert Kv.Nif.watch_monitor(watch, pid) == true
    send(pid, :stop)
    assert_receive {:down, ^pid, 1}, 5000
    refute_receive {:down, _, _}, 100
  end

  test "the down callback fires for a process that is killed" do
    watch = Kv.Nif.watch_new(self(), 2)
    pid = waiting_process()
    assert Kv.Nif.watch_monitor(watch, pid) == true
    Process.exit(pid, :kill)
    assert_receive {:down, ^pid, 2}, 5000
  end

  test "demonitor removes the monitor: no down callback" do
    watch = Kv.Nif.watch_new(self(), 3)
    pid = waiting_process()
    assert Kv.Nif.watch_monitor(watch, pid) == true
    assert Kv.Nif.watch_demonitor(watch) == true
    assert Kv.Nif.watch_demonitor(watch) == false
    Process.exit(pid, :kill)
    refute_receive {:down, ^pid, _}, 300
  end

  test "monitoring a dead process returns 0" do
    watch = Kv.Nif.watch_new(self(), 4)
    assert Kv.Nif.watch_monitor(watch, dead_pid()) == false
    assert Kv.Nif.watch_demonitor(watch) == false
  end
end
