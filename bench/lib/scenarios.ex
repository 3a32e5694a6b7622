defmodule Bench.Scenarios do
  @moduledoc """
  The scenarios of issue 4. Each runs decode, encode and round trip (list_1k
  only decode and round trip: encode's static C value has 10,000 points)
  through the NIFs `<functions>_<operation>`. The list scenarios share the
  list NIFs: list_big_heap differs in the measuring process's heap,
  list_1k in the input's length (the cost should be linear in it).
  """

  @operations [:decode, :encode, :roundtrip]

  # min_heap_size, in words, for list_big_heap: room for the 10,000-point
  # input and the terms made from it, so the loop runs with few collections.
  @big_heap 4_000_000

  @scenarios [
               {:ten, :ten, [], "struct of 10 integer fields"},
               {:mixed, :mixed, [], "nested struct, string, float, bool, unit enum"},
               {:frame, :frame, [], "map of 8 atom keys"},
               {:pixel, :pixel, [], "record of 6 fields"},
               {:greek, :greek, [], "unit enum of 20 variants (the last)"},
               {:cmd, :cmd, [], "tagged enum of 22 variants (the last, a named arm)"},
               {:list, :list, [], "list of 10,000 structs, default heap"},
               {:list_big_heap, :list, [min_heap_size: @big_heap],
                "list of 10,000 structs, min_heap_size #{@big_heap} words"},
               {:list_1k, :list, [], "list of 1,000 structs, default heap (decode, round trip)"},
               {:blob, :blob, [], "struct with a 1 MB binary field"},
               {:forty, :forty, [], "struct of 40 integer fields (41 keys: a hashmap)"}
             ]
             |> Enum.map(fn {name, functions, spawn, about} ->
               operations = if name == :list_1k, do: [:decode, :roundtrip], else: @operations

               %{
                 name: name,
                 functions: functions,
                 spawn: spawn,
                 operations: operations,
                 about: about
               }
             end)

  def all, do: @scenarios
  def names, do: Enum.map(@scenarios, & &1.name)
  def operations, do: @operations

  @doc "A scenario by name (atom or string)."
  def get(name) when is_atom(name), do: get(Atom.to_string(name))

  def get(name) when is_binary(name) do
    Enum.find(@scenarios, &(Atom.to_string(&1.name) == name)) ||
      raise ArgumentError, "no scenario #{name}; scenarios: #{Enum.join(names(), ", ")}"
  end

  @doc "The NIF name stems, one per set of functions."
  def function_sets, do: @scenarios |> Enum.map(& &1.functions) |> Enum.uniq()

  @doc "Function sets whose terms have map keys; F1 (positional tuples) covers only these."
  def keyed, do: [:ten, :mixed, :frame, :list, :blob, :forty]
end
