# Creates and drops 100,000 resources of every kind, for a run under
# AddressSanitizer / LeakSanitizer (see BENCH.md, "Sanitizers"). Prints what
# it checked; leaks are LeakSanitizer's report at exit.
import Bitwise

dir = System.tmp_dir!()
csv = Path.join(dir, "kv_sanitize.csv")
File.write!(csv, "country,city\nBR,Recife\nUS,Austin\nBR,Natal\n")
base = 1 <<< 19

# the resources die with the process that made them
in_process = fn fun -> fun |> Task.async() |> Task.await(:infinity) end

gc = fn -> for pid <- Process.list(), do: :erlang.garbage_collect(pid) end

for round <- 0..9 do
  in_process.(fn ->
    probes = for i <- 0..3999, do: Kv.Nif.probe_new(base + round * 4000 + i)
    tables = for _ <- 1..1000, do: Kv.Nif.filter(Kv.Nif.load_csv(csv), "country", "BR")
    counters = for i <- 1..2000, do: Kv.Nif.counter_new(i)
    rw = for i <- 1..1000, do: Kv.Nif.rw_counter_new(i)
    shared = for _ <- 1..1000, do: Kv.Nif.shared_new(true)
    Enum.each(counters, &Kv.Nif.counter_add(&1, 1))
    Enum.each(shared, &Kv.Nif.private_visit(&1.ref))
    Enum.each(tables, &Kv.Nif.summarize/1)

    for i <- 1..200 do
      try do
        Kv.Nif.probe_new_failing(base + 100_000 + round * 200 + i)
      rescue
        ArgumentError -> :ok
      end
    end

    watched = spawn(fn -> receive do: (:stop -> :ok) end)
    watches = for t <- 1..1000, do: Kv.Nif.watch_new(self(), t)
    Enum.each(watches, &Kv.Nif.watch_monitor(&1, watched))
    Enum.each(Enum.take(watches, 500), &Kv.Nif.watch_demonitor/1)
    send(watched, :stop)
    for _ <- 1..500, do: receive(do: ({:down, _, _} -> :ok))
    Kv.Nif.send_ticks(self(), 4, 1000)
    _ = {probes, tables, rw}
    :ok
  end)

  gc.()
end

Enum.find(1..500, fn _ ->
  gc.()
  Process.sleep(20)
  Kv.Nif.probe_destroyed(base, base + 40_000) == 40_000
end)

IO.puts("probes destroyed exactly once: #{Kv.Nif.probe_destroyed(base, base + 40_000)} of 40000")
IO.puts("destructor calls beyond the first: #{Kv.Nif.probe_overdestroyed()}")
IO.puts("Kv.Private destroyed: #{Kv.Nif.private_destroyed()} of 10000")
File.rm(csv)
