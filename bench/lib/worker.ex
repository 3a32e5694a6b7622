defmodule Bench.Worker do
  @moduledoc """
  Runs inside the `elixir` OS process started for one scenario: measures
  every available implementation and operation of it and writes the rows
  to a file for `Bench.Main`. Measurements are taken in passes, each pass
  visiting all of them (in a rotated order) before the next begins.
  """

  alias Bench.{Implementations, Measure, Scenarios}

  def main([scenario, out, mode]) do
    Bench.Paths.setup()
    scenario = Scenarios.get(scenario)
    opts = options(if mode == "smoke", do: :smoke, else: :full)

    {available, skipped} =
      Enum.split_with(Implementations.ids(), &(Implementations.availability(&1) == :ok))

    keys =
      for impl <- available,
          op <- scenario.operations,
          Implementations.call(impl, scenario.functions, op),
          do: {impl, op}

    measured = keys |> measure_all(scenario, opts) |> Enum.map(&hold(&1, scenario, opts))
    skipped = Enum.map(skipped, &%{scenario: scenario.name, implementation: &1, operation: nil})
    rows = measured ++ skipped

    File.write!(out, :erlang.term_to_binary(rows))
  end

  @doc "Passes x rounds per pass: at least 9 rounds in a full run; calls watched by Bench.Hold."
  def options(:full), do: [passes: 3, rounds: 4, round_ms: 20, warmup: 1, hold_calls: 30]
  def options(:smoke), do: [passes: 1, rounds: 3, round_ms: 1, warmup: 1, hold_calls: 3]

  # The 10,000-element lists: how long each call holds a normal scheduler.
  @held_scenarios [:list, :list_big_heap]

  defp hold(%{ns_median: _} = row, scenario, opts) when scenario.name in @held_scenarios do
    case Bench.Hold.measure(row.implementation, scenario, row.operation, opts[:hold_calls]) do
      nil -> row
      held -> Map.put(row, :held, held)
    end
  end

  defp hold(row, _scenario, _opts), do: row

  defp measure_all(keys, scenario, opts) do
    results =
      Enum.reduce(0..(opts[:passes] - 1), %{}, fn pass, results ->
        IO.puts("  pass #{pass + 1} of #{opts[:passes]}")

        keys
        |> rotate(pass * div(length(keys), opts[:passes]))
        |> Enum.reduce(results, &step(&2, &1, scenario, opts))
      end)

    for key <- keys, do: row(key, scenario, results[key])
  end

  defp rotate(list, k), do: Enum.drop(list, k) ++ Enum.take(list, k)

  # Adds one pass to a measurement, unless it has already failed.
  defp step(results, {impl, op} = key, scenario, opts) do
    case results[key] do
      {:error, _} ->
        results

      passes ->
        # The first pass calibrates n; the others reuse it.
        n = if passes, do: hd(passes).n

        case Measure.pass(impl, scenario, op, Keyword.put(opts, :n, n)) do
          {:ok, pass} -> Map.put(results, key, [pass | passes || []])
          error -> Map.put(results, key, error)
        end
    end
  end

  defp row({impl, op}, scenario, result) do
    base = %{scenario: scenario.name, operation: op, implementation: impl}

    case result do
      {:error, why} ->
        IO.puts("  #{scenario.name} #{op} #{Implementations.label(impl)}: skipped, #{why}")
        Map.put(base, :note, why)

      passes ->
        m = Measure.summary(passes)

        IO.puts(
          :io_lib.format("  ~-14s ~-10s ~-18s ~12.1f ns  (min ~.1f, n=~b, ~b rounds)", [
            Atom.to_string(scenario.name),
            Atom.to_string(op),
            Implementations.label(impl),
            m.ns_median / 1,
            m.ns_min / 1,
            m.n,
            m.rounds
          ])
        )

        Map.merge(base, Map.take(m, [:ns_median, :ns_min]))
    end
  end
end
