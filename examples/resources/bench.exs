# The resource benchmarks of BENCH.md: ns per call from one run, rounds
# interleaved, median and minimum of the rounds. `mix run bench.exs`.
defmodule Kv.Bench do
  @calls 1_000_000
  @rounds 7

  # ns per call of each {name, fun, arg}, interleaved over the rounds
  def time(cases, calls \\ @calls) do
    rounds =
      for _ <- 1..@rounds do
        for {name, fun, arg} <- cases do
          :erlang.garbage_collect()
          {us, :ok} = :timer.tc(fn -> Kv.BenchLoop.loop(calls, fun, arg) end)
          {name, us * 1000 / calls}
        end
      end

    for {name, _, _} <- cases do
      times =
        rounds |> List.flatten() |> Enum.filter(&(elem(&1, 0) == name)) |> Enum.map(&elem(&1, 1))

      {name, median(times), Enum.min(times)}
    end
  end

  def median(list), do: list |> Enum.sort() |> Enum.at(div(length(list), 2))

  def report(title, rows) do
    IO.puts("\n#{title}")

    for {name, med, min} <- rows,
        do: IO.puts("  #{String.pad_trailing(name, 44)} #{fmt(med)}  #{fmt(min)}")
  end

  defp fmt(ns), do: :io_lib.format("~8.1f", [ns]) |> to_string()

  def drain do
    receive do
      {:stop, from} -> send(from, :drained)
      _ -> drain()
    end
  end
end

Kv.Hand.load()
plain = Kv.Nif.plain_new(42)
hand = Kv.Hand.plain_new(42)
counter = Kv.Nif.counter_new(42)
rw = Kv.Nif.rw_counter_new(42)

Kv.Bench.report(
  "resource argument, ns per call (median, min of 7 rounds of 1,000,000)",
  Kv.Bench.time([
    {"empty loop (fun call only)", fn x -> x end, plain},
    {"hand-written NIF: enif_get_resource", &Kv.Hand.plain_get/1, hand},
    {"generated NIF + its Elixir wrapper", &Kv.Nif.plain_get/1, plain},
    {"... NIF_MUTEX, uncontended (+wrapper)", &Kv.Nif.counter_get/1, counter},
    {"... NIF_RWLOCK read side (+wrapper)", &Kv.Nif.rw_counter_get/1, rw}
  ])
)

# contended: two processes on the two schedulers, one mutex, a tiny critical section
contended = fn get, arg, procs ->
  {us, _} =
    :timer.tc(fn ->
      1..procs
      |> Enum.map(fn _ -> Task.async(fn -> Kv.BenchLoop.loop(200_000, get, arg) end) end)
      |> Task.await_many(:infinity)
    end)

  us * 1000 / (200_000 * procs)
end

rows =
  for {name, get, arg} <- [
        {"NIF_MUTEX counter_get", &Kv.Nif.counter_get/1, counter},
        {"no lock plain_get", &Kv.Nif.plain_get/1, plain}
      ],
      procs <- [1, 2] do
    times = for _ <- 1..5, do: contended.(get, arg, procs)
    {"#{name}, #{procs} process(es)", Kv.Bench.median(times), Enum.min(times)}
  end

Kv.Bench.report("the same object from 1 and 2 processes, wall ns per call", rows)

# 80,000 increments with a ~2 us critical section: 1 process vs 16
adds = fn procs ->
  c = Kv.Nif.counter_new(0)

  {us, _} =
    :timer.tc(fn ->
      1..procs
      |> Enum.map(fn _ ->
        Task.async(fn -> for _ <- 1..div(80_000, procs), do: Kv.Nif.counter_add(c, 1) end)
      end)
      |> Task.await_many(:infinity)
    end)

  {us * 1000 / 80_000, Kv.Nif.counter_on_dirty(c)}
end

rows =
  for procs <- [1, 16] do
    runs = for _ <- 1..3, do: adds.(procs)
    {ns, moved} = Enum.min_by(runs, &elem(&1, 0))

    {"#{procs} process(es), #{moved} of 80,000 moved to dirty I/O",
     Kv.Bench.median(Enum.map(runs, &elem(&1, 0))), ns}
  end

Kv.Bench.report("counter_add (~2 us critical section) x 80,000, wall ns per increment", rows)

# sending %Kv.Ten{} from a native thread, ns per message measured in the thread
receiver = spawn(&Kv.Bench.drain/0)
count = 100_000

rounds =
  for _ <- 1..7, mode <- [0, 1, 2] do
    ns = Kv.Nif.bench_send_ten(receiver, count, mode)
    {mode, ns / count}
  end

send(receiver, {:stop, self()})
receive do: (:drained -> :ok)

names = %{
  0 => "nif_send_ten_t (nd_send)",
  1 => "alloc_env + nif_encode_ten_t + enif_send",
  2 => "alloc_env + hand-made map + enif_send"
}

rows =
  for mode <- [0, 1, 2] do
    times = for {^mode, ns} <- rounds, do: ns
    {names[mode], Kv.Bench.median(times), Enum.min(times)}
  end

Kv.Bench.report("%Kv.Ten{} from a native thread, ns per message (7 rounds of 100,000)", rows)
