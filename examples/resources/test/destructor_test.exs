defmodule Kv.DestructorTest do
  # Destructors counted from C (kv.c keeps a count per probe id).
  use ExUnit.Case, async: false

  import Kv.Case

  test "each destructor runs exactly once after GC, for 2,000 resources of processes that exit" do
    ids = ids(2000)
    parent = self()

    holders =
      for chunk <- Enum.chunk_every(ids, 100) do
        spawn(fn ->
          probes = Enum.map(chunk, &Kv.Nif.probe_new/1)
          send(parent, {:made, self()})

          receive do
            :exit -> Enum.each(probes, &Kv.Nif.probe_id/1)
          end
        end)
      end

    for pid <- holders, do: assert_receive({:made, ^pid}, 5000)
    gc_all()
    Process.sleep(50)
    assert Kv.Nif.probe_destroyed(ids.first, ids.last + 1) == 0

    for pid <- holders do
      ref = Process.monitor(pid)
      send(pid, :exit)
      assert_receive {:DOWN, ^ref, :process, ^pid, :normal}
    end

    eventually(fn -> Kv.Nif.probe_destroyed(ids.first, ids.last + 1) == 2000 end)
    Process.sleep(50)
    gc_all()
    assert Kv.Nif.probe_destroyed(ids.first, ids.last + 1) == 2000
    assert Kv.Nif.probe_overdestroyed() == 0
  end

  test "a failed call that returned a value by value destroys it and makes no resource" do
    [id] = Enum.to_list(ids(1))
    error = assert_raise ArgumentError, fn -> Kv.Nif.probe_new_failing(id) end
    assert error.message =~ "expected: an id that this function accepts (none)"
    assert Kv.Nif.probe_destroyed(id, id + 1) == 1
  end

  test "a destructor can send: {:destroyed, id} from the destructor's callback environment" do
    [id] = Enum.to_list(ids(1))
    parent = self()
    in_exiting_process(fn -> Kv.Nif.probe_new_notify(id, parent) end)
    gc_all()
    assert_receive {:destroyed, ^id}, 5000
  end

  test "a T * result is that same resource" do
    [id] = Enum.to_list(ids(1))
    probe = Kv.Nif.probe_new(id)
    assert Kv.Nif.probe_same(probe, false) == probe
    assert Kv.Nif.probe_id(Kv.Nif.probe_same(probe, false)) == id
  end

  test "a NULL T * result raises, naming the function" do
    [id] = Enum.to_list(ids(1))
    probe = Kv.Nif.probe_new(id)
    error = assert_raise RuntimeError, fn -> Kv.Nif.probe_same(probe, true) end

    assert error.message ==
             "Kv.Nif.probe_same/2: a Kv.Probe reference in the result is NULL (mark it NIF_OPTIONAL)"
  end

  test "a NIF_OPTIONAL T * result is nil for NULL" do
    [id] = Enum.to_list(ids(1))
    probe = Kv.Nif.probe_new(id)
    assert Kv.Nif.probe_maybe(probe, false) == probe
    assert Kv.Nif.probe_maybe(probe, true) == nil
  end

  test "nif_keep holds an object past GC until nif_release (from a scheduler or a native thread)" do
    for from_thread <- [false, true] do
      [id] = Enum.to_list(ids(1))
      in_exiting_process(fn -> Kv.Nif.probe_keep(Kv.Nif.probe_new(id)) end)
      gc_all()
      Process.sleep(100)
      gc_all()
      assert Kv.Nif.probe_destroyed(id, id + 1) == 0

      assert Kv.Nif.probe_release_kept(from_thread) == 1
      eventually(fn -> Kv.Nif.probe_destroyed(id, id + 1) == 1 end)
    end

    assert Kv.Nif.probe_overdestroyed() == 0
  end
end
