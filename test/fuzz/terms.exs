# Term generators of the fuzz harness (worker.exs) and of test/project's
# robustness test: random terms, mutations of a term, and valid-looking
# arguments from a native module's @specs. Hand-written: no hex packages.

defmodule Fuzz.Terms do
  @moduledoc false
  # Random terms. Atoms come from a fixed pool (plus the fixture's own atoms): a
  # generator that made atoms would hide the atoms a call makes.

  @pool [nil, true, false, :ok, :error, :nan, :infinity, :neg_infinity, :inf, :NaN] ++
          [:red, :green, :azure, :white, :blue, :empty, :circle, :rect, :polygon, :text] ++
          [:eof, :word, :pair, :at, :maybe_at, :maybe, :rgb, :rgba, :x, :y, :on, :values] ++
          [:__struct__, :__exception__, :message, :"dash-key", :end, :zip, :"Elixir.Nope"] ++
          [:"with space", :é, Everything.Native, Enum, :erlang]

  def setup(struct_modules, fixture_atoms) do
    :persistent_term.put({__MODULE__, :structs}, List.to_tuple(struct_modules))
    :persistent_term.put({__MODULE__, :atoms}, List.to_tuple(Enum.uniq(@pool ++ fixture_atoms)))
    big = :crypto.strong_rand_bytes(4096)
    :persistent_term.put({__MODULE__, :big}, big)
  end

  defp pick(tuple), do: elem(tuple, :rand.uniform(tuple_size(tuple)) - 1)
  def atom, do: pick(:persistent_term.get({__MODULE__, :atoms}))
  def struct_module, do: pick(:persistent_term.get({__MODULE__, :structs}))

  @edges for k <- [7, 8, 15, 16, 31, 32, 53, 63, 64, 65, 128],
             n <- [2 ** k, 2 ** k - 1, 2 ** k + 1],
             s <- [1, -1],
             do: s * n

  def integer do
    case :rand.uniform(6) do
      n when n <= 2 -> Enum.random(@edges)
      3 -> :rand.uniform(2 ** 70) - 2 ** 69
      4 -> Enum.random([0, 1, -1, 255, 256, 65_535, 65_536])
      _ -> :rand.uniform(201) - 101
    end
  end

  def float do
    Enum.random([
      0.0,
      -0.0,
      1.0,
      -1.5,
      3.4028234663852886e38,
      3.402823669209385e38,
      1.0e300,
      -1.0e300,
      5.0e-324,
      1.0e-40,
      :rand.normal() * 1.0e6,
      :rand.uniform() * 100
    ])
  end

  @texts ["", "a", "abc", "héllo", "日本", "a\0b", "\0", "12345678", "w1 w2  w3", "\u{10FFFF}"]

  def string do
    case :rand.uniform(5) do
      1 ->
        Enum.random(@texts)

      2 ->
        :crypto.strong_rand_bytes(:rand.uniform(16) - 1)

      3 ->
        for(_ <- 1..:rand.uniform(12), into: "", do: <<Enum.random(~c"ab é日\u{1F600}")::utf8>>)

      4 ->
        Enum.random([
          <<0xFF>>,
          <<0xC3>>,
          <<0xC0, 0x80>>,
          <<0xED, 0xA0, 0x80>>,
          <<"ok", 0xE2, 0x82>>
        ])

      5 ->
        String.duplicate("x", Enum.random([7, 8, 255, 256, 1000]))
    end
  end

  def binary do
    big = :persistent_term.get({__MODULE__, :big})

    case :rand.uniform(4) do
      1 -> binary_part(big, :rand.uniform(100), :rand.uniform(200))
      2 -> <<:rand.uniform(255)::size(:rand.uniform(15))>>
      _ -> string()
    end
  end

  def leaf do
    case :rand.uniform(14) do
      1 -> atom()
      2 -> integer()
      3 -> float()
      4 -> string()
      5 -> binary()
      6 -> []
      7 -> {}
      8 -> %{}
      9 -> self()
      10 -> make_ref()
      11 -> Enum.random([&Enum.map/2, fn -> :ok end, hd(Port.list())])
      12 -> Enum.random([[0x110000], [-1, 0xD800], ~c"abc", [?a | ?b]])
      _ -> integer()
    end
  end

  def term(0), do: leaf()

  def term(depth) do
    case :rand.uniform(14) do
      n when n <= 4 ->
        leaf()

      5 ->
        list(depth)

      6 ->
        List.to_tuple(list(depth))

      7 ->
        List.to_tuple([atom() | list(depth)])

      8 ->
        Map.new(1..:rand.uniform(4), fn _ -> {atom(), term(depth - 1)} end)

      9 ->
        struct_like(depth)

      10 ->
        [term(depth - 1) | term(depth - 1)]

      11 ->
        %{term(0) => term(depth - 1)}

      12 ->
        Map.new(1..40, fn i -> {Enum.random([i, atom()]), term(0)} end)

      13 ->
        Map.put(Map.new(1..:rand.uniform(3), fn _ -> {atom(), leaf()} end), :__struct__, atom())

      14 ->
        List.duplicate(term(depth - 1), Enum.random([2, 3, 255, 256, 300]))
    end
  end

  defp list(depth), do: for(_ <- 1..:rand.uniform(4), do: term(depth - 1))

  def struct_like(depth) do
    module = struct_module()

    fields =
      for key <- Map.keys(module.__struct__()), key != :__struct__, do: {key, term(depth - 1)}

    Map.new([{:__struct__, module} | fields])
  end

  # `term` with one random part changed: a subterm replaced, an integer moved to an edge, a
  # key dropped or added, a tuple or list made longer, shorter or improper, a string broken.
  def mutate(term) do
    children =
      case term do
        [_ | _] = list -> if List.improper?(list), do: 0, else: length(list)
        tuple when is_tuple(tuple) -> tuple_size(tuple)
        %{} = map -> map_size(map)
        _ -> 0
      end

    if children == 0 or :rand.uniform(4) == 1 do
      change(term)
    else
      i = :rand.uniform(children) - 1

      case term do
        list when is_list(list) -> List.update_at(list, i, &mutate/1)
        tuple when is_tuple(tuple) -> put_elem(tuple, i, mutate(elem(tuple, i)))
        map -> Map.update!(map, Enum.at(Map.keys(map), i), &mutate/1)
      end
    end
  end

  defp change(int) when is_integer(int) do
    Enum.random([int + 1, int - 1, -int, int * 2 ** 32, integer(), int * 1.0, term(1)])
  end

  defp change(binary) when is_binary(binary) do
    Enum.random(
      [binary <> <<0>>, binary <> <<0xFF>>, binary <> binary, :binary.copy(binary, 300)] ++
        [:binary.bin_to_list(binary), string(), term(1)]
    )
  end

  defp change(%{} = map) when map_size(map) > 0 do
    key = Enum.random(Map.keys(map))
    Enum.random([Map.delete(map, key), Map.put(map, atom(), term(1)), Map.to_list(map), term(2)])
  end

  defp change(tuple) when is_tuple(tuple) and tuple_size(tuple) > 0 do
    Enum.random([Tuple.append(tuple, leaf()), Tuple.delete_at(tuple, 0), Tuple.to_list(tuple)])
  end

  defp change([_ | _] = list) do
    if List.improper?(list) do
      Enum.random([hd(list), [term(1) | list], term(2)])
    else
      Enum.random([
        list ++ [term(1)],
        tl(list),
        list ++ :tail,
        List.duplicate(hd(list), 256),
        term(2)
      ])
    end
  end

  defp change(_term), do: term(2)
end

defmodule Fuzz.Spec do
  @moduledoc false
  # Valid-looking arguments from the native module's @specs (the C ranges are not in the
  # specs, so some still fail, mostly at the edges).

  def setup(module) do
    {:ok, specs} = Code.Typespec.fetch_specs(module)

    for {{name, arity}, [{:type, _, :fun, [{:type, _, :product, args}, _result]} | _]} <- specs,
        into: %{},
        do: {{name, arity}, args}
  end

  def valid(type, depth \\ 0)
  def valid(_type, depth) when depth > 12, do: nil
  # small mostly, C's edges often enough that sums and products of them overflow
  def valid({:type, _, :integer, []}, _),
    do: Enum.random([small(), small(), Fuzz.Terms.integer()])

  def valid({:type, _, :non_neg_integer, []}, _), do: abs(valid({:type, 0, :integer, []}, 0))
  def valid({:type, _, :pos_integer, []}, _), do: :rand.uniform(255)
  def valid({:type, _, :float, []}, _), do: :rand.uniform() * 200 - 100
  def valid({:type, _, :boolean, []}, _), do: :rand.uniform(2) == 1
  def valid({:type, _, :binary, []}, _), do: Fuzz.Terms.binary()
  def valid({:type, _, :pid, []}, _), do: self()
  def valid({:type, _, type, []}, _) when type in [:term, :any], do: Fuzz.Terms.term(2)
  def valid({:type, _, :range, [{:integer, _, a}, {:integer, _, b}]}, _), do: Enum.random(a..b)
  def valid({:atom, _, atom}, _), do: atom
  def valid({:integer, _, int}, _), do: int
  def valid({:ann_type, _, [_var, type]}, depth), do: valid(type, depth)
  def valid({:type, _, :union, types}, depth), do: valid(Enum.random(types), depth + 1)

  def valid({:type, _, :list, [type]}, depth),
    do: for(_ <- 1..(:rand.uniform(5) - 1)//1, do: valid(type, depth + 1))

  def valid({:type, _, :tuple, :any}, _), do: {}

  def valid({:type, _, :tuple, types}, depth),
    do: List.to_tuple(Enum.map(types, &valid(&1, depth + 1)))

  def valid({:type, _, :map, :any}, _), do: %{}

  def valid({:type, _, :map, fields}, depth) do
    Enum.reduce(fields, %{}, fn
      {:type, _, :map_field_exact, [key, value]}, map ->
        Map.put(map, valid(key, depth + 1), valid(value, depth + 1))

      {:type, _, :map_field_assoc, [key, value]}, map ->
        Enum.reduce(1..:rand.uniform(4)//1, map, fn _, map ->
          Map.put(map, valid(key, depth + 1), valid(value, depth + 1))
        end)
    end)
  end

  def valid({:remote_type, _, [{:atom, _, String}, {:atom, _, :t}, []]}, _) do
    Enum.random(["", "a", "héllo", "w1 w2", "日本語", "0123456"])
  end

  def valid({:remote_type, _, [{:atom, _, module}, {:atom, _, name}, []]}, depth),
    do: valid(type_of(module, name), depth + 1)

  def valid({:user_type, _, name, []}, depth),
    do: valid(type_of(:persistent_term.get({__MODULE__, :native}), name), depth + 1)

  def valid(_other, _), do: nil

  defp small, do: :rand.uniform(201) - 101

  defp type_of(module, name) do
    types =
      case :persistent_term.get({__MODULE__, module}, nil) do
        nil ->
          {:ok, types} = Code.Typespec.fetch_types(module)
          types = for {_kind, {name, type, []}} <- types, into: %{}, do: {name, type}
          :persistent_term.put({__MODULE__, module}, types)
          types

        types ->
          types
      end

    Map.fetch!(types, name)
  end

  # The struct modules the specs name, for struct-like random maps.
  def struct_modules(args_by_function) do
    for {_, args} <- args_by_function,
        arg <- args,
        {:remote_type, _, [{:atom, _, module}, {:atom, _, :t}, []]} <- [arg],
        module != String,
        function_exported?(module, :__struct__, 0),
        uniq: true,
        do: module
  end
end
