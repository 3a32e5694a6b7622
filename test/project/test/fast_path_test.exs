defmodule FastPathTest do
  @moduledoc """
  The fast path (the wrapper matches a fixed shape and passes its values flat
  to a second NIF) against the full decoder (`nif_full_<name>`, the NIF that
  decodes the whole term): for random valid and invalid arguments, both
  accept or both reject, return the same value, and raise the same error with
  the same message.

  The terms: a valid seed per function, then 0 to 3 random mutations, each at
  a random place in the term (a map value, a tuple or list element, or the
  whole argument): a value from a pool of edge cases of every C type (range
  ends and one past them, floats beyond `float`, integers for floats,
  `:nan`/`:infinity`, invalid UTF-8, NUL bytes, wrong containers), a nearby
  integer, a key removed, an extra key, another `__struct__`, one element
  more or fewer, a list longer than the fast path takes.
  """
  use ExUnit.Case, async: true

  alias Everything.{Credentials, Documented, Error, Native, Point, Scene, Scalars, Segment}
  alias Everything.{Settings, Strict, Wide}

  @runs 300

  defp point(x, y), do: %Point{x: x, y: y}
  defp segment, do: %Segment{from: point(1, 2), to: point(-3, 4)}
  defp layer, do: %{name: "l", segments: [segment()], origin: point(0, 1)}

  defp scalars do
    %Scalars{
      f: 1.5,
      d: -2.0,
      flag: true,
      bytes: <<1, 2>>,
      text: "text",
      code: "c",
      samples: [1, -2, 3],
      corners: [point(0, 0), point(1, 1)],
      palette: [:red, :azure],
      any: {:any, "term"},
      owner: self(),
      nickname: nil,
      origin: point(5, 6),
      color: :green,
      rgb: {:rgb, 1, 2, 3},
      entry: {"e", 1, 2.5},
      shape: {:rect, 1, 2},
      mutable_text: "m",
      names: ["a", "b"],
      mac: [1, 2, 3],
      bits: [true, false]
    }
  end

  defp bytes do
    %{
      frozen: <<0, 255>>,
      scratch: "ab",
      numbers: [1, 2],
      on: true,
      lit: false,
      label: "l",
      maybe: nil
    }
  end

  defp wide do
    fields = for i <- 0..39, do: {String.to_atom("f" <> String.pad_leading("#{i}", 2, "0")), i}
    struct!(Wide, fields)
  end

  # Each function with a fast path, and valid arguments to mutate.
  defp seeds do
    %{
      {:echo_point, 1} => [point(1, -2)],
      {:echo_segment, 1} => [segment()],
      {:echo_scene, 1} => [
        %Scene{title: "s", layers: [layer()], tint: {:rgb, 9, 8, 7}, background: :red}
      ],
      {:echo_layer, 1} => [layer()],
      {:echo_rgb, 1} => [{:rgb, 1, 2, 255}],
      {:echo_entry, 1} => [{"key", -5, 0.25}],
      {:echo_error, 1} => [%Error{message: "m", code: 3}],
      {:echo_samples, 1} => [%{values: [1.0, 2, :nan]}],
      {:echo_integers, 1} => [Everything.Case.integers(fn min, _max -> min end)],
      {:echo_scalars, 1} => [scalars()],
      {:echo_wide, 1} => [wide()],
      {:echo_settings, 1} => [%Settings{level: 1, end: 2}],
      {:echo_options, 1} => [%{width: 3, fill: "*"}],
      {:echo_strict_map, 1} => [%{a: 1, b: 2, seen: 0}],
      {:echo_strict_struct, 1} => [%Strict{a: 1, b: 2}],
      {:echo_account, 1} => [%{id: 1, name: "bob", password: "pw"}],
      {:echo_credentials, 1} => [%Credentials{user: "u", secret: "abc", strength: 1}],
      {:echo_credentials, 2} => [%Credentials{user: "u", secret: "abc", strength: 1}, 7],
      {:summarize, 1} => [[1, 2, 3]],
      {:count_points, 1} => [[point(1, 2), point(3, 4)]],
      {:reverse_points, 1} => [[point(1, 2), point(3, 4), point(5, 6)]],
      {:diagonal, 1} => [3],
      {:query_limit, 1} => [%{text: "abc", limit: 5}],
      {:scale_point, 3} => [point(1, 2), 2.0, :green],
      {:negative_length_result, 0} => [],
      {:echo_documented, 1} => [%Documented{label: "l", value: 1, undocumented: 2}],
      {:echo_bytes, 1} => [bytes()],
      {:shout_bytes, 1} => [bytes()],
      {:raw_bytes, 2} => [1, 0],
      {:echo_lib_record, 1} => [
        %{name: "n", anchor: "a", value: <<0, 255>>, plain_implicit: true, note: "x"}
      ],
      {:null_lib_record, 1} => [0],
      {:echo_parser, 1} => [%{version: 1, position: %{row: 2, column: 3}}],
      {:parser_rest_is_zero, 1} => [%{version: 1, position: %{row: 2, column: 3}}]
    }
  end

  @pool [
    0,
    -1,
    1,
    127,
    128,
    -128,
    -129,
    255,
    256,
    65535,
    65536,
    2_147_483_647,
    2_147_483_648,
    -2_147_483_648,
    -2_147_483_649,
    4_294_967_295,
    4_294_967_296,
    9_223_372_036_854_775_807,
    9_223_372_036_854_775_808,
    -9_223_372_036_854_775_808,
    -9_223_372_036_854_775_809,
    18_446_744_073_709_551_615,
    18_446_744_073_709_551_616,
    0.0,
    -0.0,
    1.5,
    3.4e38,
    3.5e38,
    -3.5e38,
    1.0e308,
    :nan,
    :infinity,
    :neg_infinity,
    true,
    false,
    nil,
    :red,
    :green,
    :azure,
    :blue,
    :empty,
    :rgb,
    "",
    "abc",
    "é",
    <<0xFF>>,
    "a\0b",
    [],
    [1, 2],
    [1 | 2],
    ~c"abc",
    {},
    {:rgb, 1, 2, 3},
    {:circle, 1.0},
    %{},
    %{x: 1, y: 2},
    %{__struct__: Everything.Point, x: 1, y: 2},
    %{__struct__: Everything.Segment},
    %{"x" => 1}
  ]

  defp pick(list), do: Enum.at(list, :rand.uniform(length(list)) - 1)

  # A random place in `term`, replaced by what `fun` makes of the subterm there.
  defp at_random_place(term, fun) do
    children =
      cond do
        is_map(term) -> Map.keys(term)
        is_tuple(term) -> Enum.to_list(0..(tuple_size(term) - 1)//1)
        is_list(term) and term != [] and is_list(tl(term)) -> Enum.to_list(0..(length(term) - 1))
        true -> []
      end

    if children == [] or :rand.uniform(3) == 1 do
      fun.(term)
    else
      key = pick(children)

      cond do
        is_map(term) -> Map.put(term, key, at_random_place(Map.fetch!(term, key), fun))
        is_tuple(term) -> put_elem(term, key, at_random_place(elem(term, key), fun))
        true -> List.update_at(term, key, &at_random_place(&1, fun))
      end
    end
  end

  defp mutate(term) do
    at_random_place(term, fn sub ->
      case :rand.uniform(9) do
        1 when is_integer(sub) ->
          sub + :rand.uniform(5) - 3

        2 when is_map(sub) and map_size(sub) > 0 ->
          Map.delete(sub, pick(Map.keys(sub)))

        3 when is_map(sub) ->
          Map.put(sub, pick([:extra, "extra", :x, :__exception__]), 1)

        4 when is_map(sub) ->
          Map.put(sub, :__struct__, pick([Everything.Point, Other, "s"]))

        5 when is_tuple(sub) and tuple_size(sub) > 0 ->
          Tuple.delete_at(sub, tuple_size(sub) - 1)

        6 when is_tuple(sub) ->
          Tuple.append(sub, 0)

        7 when is_float(sub) ->
          pick([trunc(sub), -sub, 1.0e300])

        # longer than a flat list may be (gen/fastpath.py: FLAT_LIST_BUDGET)
        8 when is_list(sub) and sub != [] ->
          List.duplicate(hd(sub), 16_001)

        _ ->
          pick(@pool)
      end
    end)
  end

  defp outcome(fun) do
    {:ok, fun.()}
  rescue
    error -> {:raised, error.__struct__, Exception.message(error)}
  catch
    kind, reason -> {kind, reason}
  end

  test "every function with a fast path has a seed" do
    fast =
      for {name, arity} <- Native.__info__(:functions),
          full = Atom.to_string(name),
          String.starts_with?(full, "nif_full_"),
          do: {String.to_atom(String.replace_prefix(full, "nif_full_", "")), arity}

    assert Enum.sort(fast) == Enum.sort(Map.keys(seeds()))
  end

  test "the fast path and the full decoder agree on random valid and invalid terms" do
    :rand.seed(:exsss, {ExUnit.configuration()[:seed], 12, 0})

    for {{name, arity}, seed} <- seeds() do
      full = String.to_atom("nif_full_#{name}")

      results =
        for run <- 1..@runs do
          args = Enum.reduce(1..rem(run, 4)//1, seed, fn _, args -> mutate_one(args) end)
          args = tame(name, args)
          fast = outcome(fn -> apply(Native, name, args) end)
          expected = outcome(fn -> apply(Native, full, args) end)

          if fast !== expected do
            flunk(
              "#{name}/#{arity} on #{inspect(args, limit: :infinity, charlists: :as_lists)}:\n" <>
                "fast path: #{inspect(fast, charlists: :as_lists)}\n" <>
                "full decoder: #{inspect(expected, charlists: :as_lists)}"
            )
          end

          elem(fast, 0)
        end

      # The seeds themselves (a quarter of the runs) are valid, so both paths are exercised.
      assert Enum.count(results, &(&1 == :ok)) >= @runs / 4 or name == :negative_length_result
    end
  end

  # diagonal(n) makes n points (up to a million): past the flat lists' limit, but not far.
  defp tame(:diagonal, [n]) when is_integer(n) and n > 16_100, do: [16_000 + rem(n, 100)]
  defp tame(_name, args), do: args

  defp mutate_one([]), do: []

  defp mutate_one(args) do
    i = :rand.uniform(length(args)) - 1
    List.update_at(args, i, &mutate/1)
  end
end
