defmodule Kv.SharedStructTest do
  # "From Elixir to Rust and Back Again": a struct holding a mutex-locked
  # resource, sent by a native thread to a GenServer that passes the
  # reference on to a further NIF.
  use ExUnit.Case, async: false

  import Kv.Case

  test "a native thread sends {:hi, %Kv.SharedStruct{}}; the GenServer uses its reference" do
    {:ok, greeter} = Kv.Greeter.start_link(self())
    shared = Kv.Nif.shared_new(true)
    assert %Kv.SharedStruct{ref: ref, is_cool: true} = shared
    assert is_reference(ref)

    assert Kv.Nif.shared_greet(greeter, shared) == true
    assert_receive {:greeted, ^shared, 1}, 5000
    assert Kv.Nif.shared_greet(greeter, shared) == true
    assert_receive {:greeted, ^shared, 2}, 5000
    assert Kv.Nif.shared_visits(shared) == 2
    assert Kv.Nif.private_visit(ref) == 3
  end

  test "the reference outlives the call that made it only while something holds it" do
    before = Kv.Nif.private_destroyed()
    in_exiting_process(fn -> Kv.Nif.shared_greet(dead_pid(), Kv.Nif.shared_new(false)) end)
    eventually(fn -> Kv.Nif.private_destroyed() == before + 1 end)
  end

  test "a field of the wrong kind names the path" do
    counter = Kv.Nif.counter_new(0)
    bad = %Kv.SharedStruct{ref: counter, is_cool: true}
    error = assert_raise ArgumentError, fn -> Kv.Nif.shared_visits(bad) end
    assert error.message == reference_error(1, "Kv.Private", counter, "%Kv.SharedStruct{}.ref")
  end
end
