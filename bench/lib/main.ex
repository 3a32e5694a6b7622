defmodule Bench.Main do
  @moduledoc """
  `make bench` / `make smoke` end here. Starts one `elixir` OS process per
  scenario (`Bench.Worker`), then one VM under callgrind for instruction
  counts (`Bench.Callgrind`), and writes the table, CSV and RESULTS.md
  (`Bench.Report`).

      elixir -pa bench/_build/ebin -e 'Bench.Main.main(System.argv())' -- [options]

  Options: `--smoke` (short rounds, no callgrind, output under
  bench/_build/run), `--scenarios ten,list` (default: all),
  `--[no-]callgrind`.
  """

  alias Bench.{Implementations, Paths, Report, Scenarios}

  def main(argv) do
    {opts, _} =
      OptionParser.parse!(argv, strict: [smoke: :boolean, scenarios: :string, callgrind: :boolean])

    mode = if opts[:smoke], do: :smoke, else: :full
    scenarios = scenarios(opts[:scenarios])
    File.mkdir_p!(Paths.work())
    Paths.setup()

    notes = availability_notes()
    IO.puts("Timing #{length(scenarios)} scenarios (#{mode}), one OS process each:")

    {measured, failed} =
      scenarios
      |> Enum.flat_map(&time_scenario(&1, mode))
      |> Enum.split_with(&Map.has_key?(&1, :ns_median))

    # Implementations not built were noted above; failures are noted here
    # and make the run exit non-zero, so CI notices a harness that rots.
    failures =
      for %{note: note} = row <- failed,
          do:
            "#{Implementations.label(row.implementation)}, #{row.scenario} #{row.operation}: #{note}"

    {counts, notes} =
      if Keyword.get(opts, :callgrind, mode == :full),
        do: count_instructions(scenarios, notes ++ failures),
        else: {%{}, notes ++ failures}

    rows =
      for row <- measured,
          do:
            Map.put(row, :instructions, counts[{row.scenario, row.operation, row.implementation}])

    Report.write(rows, notes, mode)

    if failures != [] do
      IO.puts("\nFailed:\n" <> Enum.map_join(failures, "\n", &("  " <> &1)))
      System.halt(1)
    end
  end

  defp scenarios(nil), do: Scenarios.names()

  defp scenarios(list) do
    for name <- String.split(list, ",", trim: true), do: Scenarios.get(name).name
  end

  defp availability_notes do
    for impl <- Implementations.ids(),
        {:skip, why} <- [Implementations.availability(impl)] do
      note = "#{Implementations.label(impl)}: skipped, #{why}"
      IO.puts("Note: " <> note)
      note
    end
  end

  defp time_scenario(name, mode) do
    out = Path.join(Paths.work(), "#{name}.etf")
    File.rm(out)
    IO.puts("#{name}: #{Scenarios.get(name).about}")

    args = [
      "-pa",
      Paths.ebin(),
      "-e",
      "Bench.Worker.main(System.argv())",
      "--",
      Atom.to_string(name),
      out,
      Atom.to_string(mode)
    ]

    {_, status} =
      System.cmd(System.find_executable("elixir"), args, into: IO.stream(:stdio, :line))

    if status == 0 and File.exists?(out) do
      out |> File.read!() |> :erlang.binary_to_term()
    else
      [
        %{
          scenario: name,
          implementation: :harness,
          operation: nil,
          note: "worker exited #{status}"
        }
      ]
    end
  end

  defp count_instructions(scenarios, notes) do
    case Bench.Callgrind.available?() do
      :ok ->
        IO.puts("Counting instructions under callgrind (valgrind is slow)...")
        {Bench.Callgrind.count(scenarios, Implementations.ids()), notes}

      {:skip, why} ->
        IO.puts("Note: no instruction counts, #{why}")
        {%{}, notes ++ ["no instruction counts: #{why}"]}
    end
  end
end
