defmodule Bench.Measure do
  @moduledoc """
  Times one implementation's operation on one scenario.

  A measurement is taken in passes, each in a fresh process (so no garbage
  or heap growth carries over), and `Bench.Worker` interleaves the passes
  of all measurements of a scenario, so a burst of load on the machine
  spreads over all of them instead of spoiling one.

  The first pass calibrates the loop length `n` so one round takes
  `round_ms`. Each pass warms up, then times rounds: the loop of `n` calls,
  then the empty loop of `n`. `summary/2` gives per call, in nanoseconds,
  median(loop) - median(empty) and min(loop) - min(empty), over `n`.
  """

  alias Bench.{Implementations, Inputs, Loops}

  @doc """
  One pass in a fresh process: `{:ok, %{n: n, calls: [ns], empties: [ns]}}`
  or `{:error, why}`. Options: `:rounds`, `:round_ms`, `:warmup` (rounds),
  and `:n` to reuse a calibration.
  """
  def pass(impl, scenario, op, opts) do
    parent = self()

    {pid, ref} =
      Process.spawn(
        fn -> send(parent, {:measured, self(), rounds(impl, scenario, op, opts)}) end,
        [:monitor | scenario.spawn]
      )

    receive do
      {:measured, ^pid, result} ->
        Process.demonitor(ref, [:flush])
        result

      {:DOWN, ^ref, :process, ^pid, reason} ->
        {:error, Exception.format_exit(reason)}
    end
  end

  defp rounds(impl, scenario, op, opts) do
    # Built here, so the input sits on this process's own heap.
    arg = Inputs.fresh(Implementations.input(impl, scenario, op))
    loop = Loops.name(impl, scenario.functions, op)

    with :ok <- check(impl, scenario, op, arg) do
      n = opts[:n] || calibrate(loop, arg, opts[:round_ms] * 1_000_000)
      for _ <- 1..opts[:warmup], do: time(loop, n, arg)
      rounds = for _ <- 1..opts[:rounds], do: {time(loop, n, arg), time(:empty, n, arg)}
      {calls, empties} = Enum.unzip(rounds)
      {:ok, %{n: n, calls: calls, empties: empties}}
    end
  end

  @doc "Joins passes (same `n`) into ns per call: `%{ns_median, ns_min, n, rounds}`."
  def summary(passes) do
    n = hd(passes).n
    calls = Enum.flat_map(passes, & &1.calls)
    empties = Enum.flat_map(passes, & &1.empties)

    %{
      ns_median: (median(calls) - median(empties)) / n,
      ns_min: (Enum.min(calls) - Enum.min(empties)) / n,
      n: n,
      rounds: length(calls)
    }
  end

  @doc "Calls once and compares with the expected result."
  def check(impl, scenario, op, arg) do
    {module, function, arity} = Implementations.call(impl, scenario.functions, op)
    args = if arity == 0, do: [], else: [arg]
    expected = Implementations.expected(impl, scenario, op)

    case apply(module, function, args) do
      ^expected -> :ok
      other -> {:error, "returned #{inspect(other, limit: 5, printable_limit: 40)}"}
    end
  rescue
    e -> {:error, Exception.format_banner(:error, e, __STACKTRACE__) |> String.slice(0, 300)}
  end

  defp time(loop, n, arg) do
    t0 = System.monotonic_time(:nanosecond)
    apply(Loops, loop, [n, arg])
    System.monotonic_time(:nanosecond) - t0
  end

  # Grows n until one loop takes at least target_ns.
  defp calibrate(loop, arg, target_ns, n \\ 1) do
    elapsed = time(loop, n, arg)

    if elapsed >= target_ns do
      n
    else
      guess = ceil(n * target_ns * 1.2 / max(elapsed, 1))
      calibrate(loop, arg, target_ns, min(max(guess, n * 2), n * 100))
    end
  end

  defp median(values) do
    sorted = Enum.sort(values)
    count = length(sorted)
    mid = div(count, 2)

    if rem(count, 2) == 1,
      do: Enum.at(sorted, mid),
      else: (Enum.at(sorted, mid - 1) + Enum.at(sorted, mid)) / 2
  end
end
