defmodule Bench.Callgrind do
  @moduledoc """
  Instructions per call, counted by callgrind: they repeat exactly where
  times on a shared machine do not.

  One VM runs under `valgrind --tool=callgrind --instr-atstart=no` (it
  boots uninstrumented; OTP 25's JIT needs `+JPperf true` there, which
  also maps JIT code single, as valgrind requires). For each measurement a
  fresh process zeroes the counts, runs the loop of N calls and dumps;
  then the same for the empty loop of N. (calls - empty) / N is the cost of
  one call, the VM's own call and garbage collection included.
  """

  alias Bench.{Callgrind.Client, Implementations, Inputs, Loops, Measure, Paths, Scenarios}

  # Calls per count: enough to spread garbage collections evenly, few
  # enough for valgrind's ~50x slowdown.
  defp calls(:list), do: 4
  defp calls(:blob), do: 20
  defp calls(_), do: 1000

  @repeats 3

  def available? do
    cond do
      !System.find_executable("valgrind") ->
        {:skip, "valgrind is not installed"}

      !File.exists?(Bench.NativeLibrary.file("bench_callgrind")) ->
        {:skip, "bench/priv/bench_callgrind.so is not built (needs valgrind's headers)"}

      true ->
        :ok
    end
  end

  @doc "Counts `impls` on `scenarios` (names); returns `%{{scenario, op, impl} => instructions}`."
  def count(scenarios, impls) do
    dir = Path.join(Paths.work(), "callgrind")
    File.rm_rf!(dir)
    File.mkdir_p!(dir)
    plan = Path.join(dir, "plan.etf")

    args = [
      "--tool=callgrind",
      "--instr-atstart=no",
      "--trace-children=yes",
      "--log-file=#{dir}/valgrind.%p.log",
      "--callgrind-out-file=#{dir}/callgrind.out.%p",
      System.find_executable("elixir"),
      "--erl",
      # One normal scheduler, and no scheduler spinning while idle: spin
      # loops run for a time, not a count, and would blur the counts.
      "+JPperf true +S 1 +sbwt none +sbwtdcpu none +sbwtdio none",
      "-pa",
      Paths.ebin(),
      "-e",
      "Bench.Callgrind.worker(System.argv())",
      "--",
      plan,
      Enum.join(impls, ","),
      Enum.join(scenarios, ",")
    ]

    {_, status} = System.cmd("valgrind", args, into: IO.stream(:stdio, :line))

    if status != 0 or not File.exists?(plan) do
      IO.puts("  callgrind run failed (exit #{status}); no instruction counts")
      %{}
    else
      totals = read_dumps(dir)

      # Other work of the VM can only add instructions to a window, so
      # the least of the repeats is the count.
      for {key, label, n} <- :erlang.binary_to_term(File.read!(plan)),
          calls = least(totals, "#{label} calls"),
          empty = least(totals, "#{label} empty"),
          into: %{},
          do: {key, (calls - empty) / n}
    end
  end

  defp least(totals, label) do
    case for({{^label, _repeat}, count} <- totals, do: count) do
      [] -> nil
      counts -> Enum.min(counts)
    end
  end

  # Each dump file names its client request on its `desc:` line and holds
  # the total on its `summary:` (or `totals:`) line.
  defp read_dumps(dir) do
    for file <- Path.wildcard(Path.join(dir, "callgrind.out.*")),
        text = File.read!(file),
        [_, label, repeat] <- [Regex.run(~r/^desc: Trigger: Client Request: (.+) #(\d+)$/m, text)],
        [_, total] <- [Regex.run(~r/^(?:summary|totals): (\d+)/m, text)],
        into: %{},
        do: {{label, repeat}, String.to_integer(total)}
  end

  @doc "Runs inside the VM under valgrind."
  def worker([plan, impls, scenarios]) do
    Paths.setup()
    Client.start()
    impls = Enum.filter(Implementations.ids(), &(Atom.to_string(&1) in String.split(impls, ",")))
    scenarios = for s <- String.split(scenarios, ","), do: Scenarios.get(s)

    impls = Enum.filter(impls, &(Implementations.availability(&1) == :ok))

    entries =
      Enum.flat_map(scenarios, fn scenario ->
        IO.puts("  #{scenario.name}")

        for impl <- impls,
            op <- scenario.operations,
            Implementations.call(impl, scenario.functions, op),
            entry = count_one(impl, scenario, op),
            do: entry
      end)

    File.write!(plan, :erlang.term_to_binary(entries))
  end

  defp count_one(impl, scenario, op) do
    parent = self()
    set = scenario.functions
    n = calls(set)
    label = "#{scenario.name}/#{op}/#{impl}"

    {pid, ref} =
      Process.spawn(
        fn ->
          arg = Inputs.fresh(Implementations.input(impl, scenario, op))
          loop = Loops.name(impl, set, op)

          result =
            if Measure.check(impl, scenario, op, arg) == :ok do
              apply(Loops, loop, [10, arg])

              for repeat <- 1..@repeats do
                Client.zero()
                apply(Loops, loop, [n, arg])
                Client.dump("#{label} calls ##{repeat}")
                Client.zero()
                apply(Loops, :empty, [n, arg])
                Client.dump("#{label} empty ##{repeat}")
              end

              {{scenario.name, op, impl}, label, n}
            end

          send(parent, {:counted, self(), result})
        end,
        [:monitor | scenario.spawn]
      )

    receive do
      {:counted, ^pid, result} ->
        Process.demonitor(ref, [:flush])
        result

      {:DOWN, ^ref, :process, ^pid, _} ->
        nil
    end
  end
end
