# The fuzz loop, run by test/fuzz/run.exs inside a VM that loaded the
# sanitized NIF library of test/project (never on its own).
#
#   elixir worker.exs MODE SECONDS SEED RESULT_FILE
#
# MODE "fuzz": random terms, mutations of valid arguments and valid arguments
# to every function of the native module, as fast as possible. MODE "leaks":
# the same, plus processes killed in the middle of long (dirty or yielding)
# calls; the VM then halts normally so that LeakSanitizer checks at exit.
#
# Every call must return or raise an exception its function may raise
# (ArgumentError with the full nif_derive message, or what @raises lists),
# create no atom (the call and the message together), and load no module.
# The first failure stops the run: it is written to RESULT_FILE and the VM
# halts with status 1.

Code.require_file("terms.exs", __DIR__)

defmodule Fuzz.Worker do
  @moduledoc false
  alias Everything.Native

  # Exceptions a function may raise besides ArgumentError (everything.h documents them).
  @raises %{
    raise_error: Everything.Error,
    null_string_result: RuntimeError,
    invalid_utf8_result: RuntimeError,
    bad_enum_result: RuntimeError,
    bad_tag_result: RuntimeError,
    negative_length_result: RuntimeError,
    folded_style: RuntimeError,
    group_shape: RuntimeError,
    raw_bytes: RuntimeError,
    null_lib_record: RuntimeError
  }

  # nif_full_<name> (the full decoder behind a fast path) raises what <name> raises.
  defp public_name(name) do
    case Atom.to_string(name) do
      "nif_full_" <> public -> String.to_existing_atom(public)
      _ -> name
    end
  end

  def main([mode, seconds, seed, result_file]) do
    seed = String.to_integer(seed)
    :rand.seed(:exsss, {seed, seed * 7 + 1, seed * 13 + 2})
    :persistent_term.put({Fuzz.Spec, :native}, Native)
    args_by_function = Fuzz.Spec.setup(Native)

    functions =
      for {name, arity} <- Native.__info__(:functions), name != :load_nif, do: {name, arity}

    fixture_atoms = for {name, _} <- functions, do: name
    Fuzz.Terms.setup(Fuzz.Spec.struct_modules(args_by_function), fixture_atoms)
    state = %{mode: mode, result_file: result_file, functions: List.to_tuple(functions)}
    state = Map.put(state, :args, args_by_function)

    # warm up: the modules of the exceptions and structs, and every function a few times
    # with each kind of argument, so that the modules of the error path and of this loop
    # are loaded (and their atoms made) before anything is counted
    # (an encode failure's RuntimeError message interpolates the function's name and arity,
    # which a warm-up with random arguments may not reach for raw_bytes/2 & co.)
    Enum.each(
      Map.values(@raises) ++
        Fuzz.Spec.struct_modules(args_by_function) ++ [String.Chars.Atom, String.Chars.Integer],
      &Code.ensure_loaded!/1
    )

    for _ <- 1..20, {name, arity} <- functions, kind <- [:valid, :random, :mutated] do
      check_call(state, name, arguments(state, kind, name, arity), false)
    end

    loaded = length(:code.all_loaded())
    deadline = System.monotonic_time(:millisecond) + String.to_integer(seconds) * 1000
    started = System.monotonic_time(:microsecond)
    counts = loop(state, deadline, %{calls: 0, kills: 0})
    elapsed = (System.monotonic_time(:microsecond) - started) / 1_000_000

    if length(:code.all_loaded()) != loaded do
      fail(state, "modules were loaded during the run", [])
    end

    rate = round(counts.calls / elapsed)
    summary = Map.merge(counts, %{seconds: Float.round(elapsed, 1), calls_per_second: rate})
    File.write!(result_file, :io_lib.format("~p.~n", [{:ok, summary}]))
    # What the calls made and nobody holds is freed now: what LeakSanitizer then finds
    # allocated by the library at exit was leaked.
    for pid <- Process.list(), do: :erlang.garbage_collect(pid)
    System.halt(0)
  end

  defp loop(state, deadline, counts) do
    if rem(counts.calls, 256) == 0 and System.monotonic_time(:millisecond) > deadline do
      counts
    else
      counts = if state.mode == "leaks", do: maybe_kill(counts), else: counts
      {name, arity} = elem(state.functions, :rand.uniform(tuple_size(state.functions)) - 1)
      kind = Enum.random([:random, :random, :mutated, :mutated, :mutated, :valid])
      outcome = check_call(state, name, arguments(state, kind, name, arity), true)

      counts =
        counts
        |> Map.update(:calls, 1, &(&1 + 1))
        |> Map.update(kind, 1, &(&1 + 1))
        |> Map.update(outcome, 1, &(&1 + 1))

      loop(state, deadline, counts)
    end
  end

  defp arguments(state, kind, name, arity) do
    case {kind, Map.fetch(state.args, {name, arity})} do
      {:random, _} -> for _ <- 1..arity//1, do: Fuzz.Terms.term(3)
      {:valid, {:ok, types}} -> Enum.map(types, &Fuzz.Spec.valid/1)
      {:mutated, {:ok, types}} -> mutate_one(Enum.map(types, &Fuzz.Spec.valid/1))
      {_, :error} -> for _ <- 1..arity//1, do: Fuzz.Terms.term(3)
    end
  end

  defp mutate_one([]), do: []

  defp mutate_one(args),
    do: List.update_at(args, :rand.uniform(length(args)) - 1, &Fuzz.Terms.mutate/1)

  # One call: its outcome, or the run stops. The message is made inside the atom count.
  defp check_call(state, name, args, counted?) do
    atoms = :erlang.system_info(:atom_count)

    outcome =
      try do
        apply(Native, name, args)
        :returned
      rescue
        error in ArgumentError ->
          message = Exception.message(error)

          unless String.starts_with?(message, "errors were found at the given arguments:\n\n  * ") and
                   message =~ "\n      got: " do
            fail(state, "an ArgumentError without the nif_derive message: #{message}", [
              name | args
            ])
          end

          :rejected

        error ->
          message = Exception.message(error)

          unless Map.get(@raises, public_name(name)) == error.__struct__ do
            fail(state, "#{name} raised #{error.__struct__}: #{message}", [name | args])
          end

          :raised
      catch
        kind, reason ->
          fail(state, "#{name}: #{kind} #{:io_lib.format("~0P", [reason, 20])}", [name | args])
      end

    if counted? and :erlang.system_info(:atom_count) != atoms do
      fail(state, "#{name}: atoms were created", [name | args])
    end

    outcome
  end

  # Leak mode: now and then a process starts a long call (dirty, or yielding between time
  # slices) and is killed in the middle of it.
  defp maybe_kill(counts) do
    if :rand.uniform(200) == 1 do
      points = for i <- 1..Enum.random([2_000, 10_000, 30_000]), do: %Everything.Point{x: i, y: i}

      call =
        Enum.random([
          fn -> Native.reverse_points(points) end,
          fn -> Native.sum_list(Enum.to_list(1..300_000)) end,
          fn -> Native.countdown(65_535) end,
          fn ->
            Native.echo_scene(%Everything.Scene{title: "t", layers: [], tint: {:rgb, 1, 2, 3}})
          end
        ])

      pid = spawn(call)
      Process.sleep(:rand.uniform(3) - 1)
      Process.exit(pid, :kill)
      Map.update(counts, :kills, 1, &(&1 + 1))
    else
      counts
    end
  end

  defp fail(state, why, call) do
    text = "#{why}\n  call: #{:io_lib.format("~0P", [call, 40])}\n"
    IO.puts(:stderr, "FUZZ FAILURE: " <> text)
    File.write!(state.result_file, :io_lib.format("~p.~n", [{:failure, text}]))
    System.halt(1)
  end
end

Fuzz.Worker.main(System.argv())
