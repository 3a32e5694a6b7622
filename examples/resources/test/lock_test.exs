defmodule Kv.LockTest do
  # counter_add is a read, ~2 us of work, then a write: without the lock,
  # concurrent increments are lost. A normal scheduler never waits for the
  # lock: a busy lock moves the call to a dirty I/O scheduler.
  use ExUnit.Case, async: false

  @processes 16
  @increments 5000

  defp hammer(add) do
    1..@processes
    |> Enum.map(fn _ -> Task.async(fn -> for _ <- 1..@increments, do: add.() end) end)
    |> Task.await_many(300_000)
  end

  for {lock, new, add, get, on_dirty} <- [
        {"NIF_MUTEX", :counter_new, :counter_add, :counter_get, :counter_on_dirty},
        {"NIF_RWLOCK", :rw_counter_new, :rw_counter_add, :rw_counter_get, :rw_counter_on_dirty}
      ] do
    test "16 processes x 5,000 increments under a #{lock} end at exactly 80,000" do
      counter = apply(Kv.Nif, unquote(new), [0])

      # readers too: the read side of a rwlock, the mutex of a mutex
      readers =
        for _ <- 1..2 do
          Task.async(fn -> for _ <- 1..2000, do: apply(Kv.Nif, unquote(get), [counter]) end)
        end

      hammer(fn -> apply(Kv.Nif, unquote(add), [counter, 1]) end)
      Task.await_many(readers, 300_000)
      assert apply(Kv.Nif, unquote(get), [counter]) == @processes * @increments

      if System.schedulers_online() > 1 do
        assert apply(Kv.Nif, unquote(on_dirty), [counter]) > 0, "the lock was never busy"
      end
    end
  end

  test "two resource arguments are locked together; the same resource twice is locked once" do
    a = Kv.Nif.counter_new(100)
    b = Kv.Nif.counter_new(0)

    tasks =
      for i <- 1..8 do
        {from, to} = if rem(i, 2) == 0, do: {a, b}, else: {b, a}
        Task.async(fn -> for _ <- 1..500, do: safe_transfer(from, to) end)
      end

    Task.await_many(tasks, 60_000)
    assert Kv.Nif.counter_get(a) + Kv.Nif.counter_get(b) == 100

    assert Kv.Nif.counter_transfer(a, a, 0) == Kv.Nif.counter_get(a)
  end

  defp safe_transfer(from, to) do
    Kv.Nif.counter_transfer(from, to, 1)
  rescue
    ArgumentError -> :empty
  end
end
