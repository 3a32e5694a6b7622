defmodule Everything.RobustnessTest do
  @moduledoc "No input crashes the VM: every NIF either returns or raises a clean exception."
  use ExUnit.Case, async: true

  alias Everything.{Native, Point, Scene, Segment}

  @atoms [
    nil,
    true,
    false,
    :ok,
    :nan,
    :infinity,
    :neg_infinity,
    :red,
    :azure,
    :blue,
    :empty,
    :circle,
    :rect,
    :polygon,
    :text,
    :label,
    :rgb,
    :eof,
    :word,
    :pair,
    :at,
    :maybe_at,
    :x,
    :y,
    :__struct__,
    :__exception__,
    Everything.Point,
    Everything.Scene,
    Everything.Error
  ]

  @bad_results [
    :null_string_result,
    :invalid_utf8_result,
    :bad_enum_result,
    :bad_tag_result,
    :negative_length_result
  ]

  # A random term, up to `depth` levels of nesting, biased towards the shapes the NIFs expect.
  defp term(0), do: leaf()

  defp term(depth) do
    case :rand.uniform(12) do
      n when n <= 4 ->
        leaf()

      5 ->
        for _ <- 1..:rand.uniform(4), do: term(depth - 1)

      6 ->
        List.to_tuple(for _ <- 1..:rand.uniform(4), do: term(depth - 1))

      7 ->
        List.to_tuple([Enum.random(@atoms) | for(_ <- 1..:rand.uniform(3), do: term(depth - 1))])

      8 ->
        Map.new(1..:rand.uniform(4), fn _ -> {Enum.random(@atoms), term(depth - 1)} end)

      9 ->
        struct_like(depth)

      10 ->
        [term(depth - 1) | term(depth - 1)]

      11 ->
        %{term(0) => term(depth - 1)}

      12 ->
        Map.new(1..40, fn i -> {i, term(0)} end)
    end
  end

  defp struct_like(depth) do
    module = Enum.random([Point, Segment, Scene, Everything.Settings, Everything.Strict])

    fields =
      for key <- Map.keys(module.__struct__()), key != :__struct__, do: {key, term(depth - 1)}

    Map.new([{:__struct__, module} | fields])
  end

  defp leaf do
    Enum.random([
      fn -> Enum.random(@atoms) end,
      fn -> :rand.uniform(1000) - 500 end,
      fn -> Enum.random([2 ** 63, -(2 ** 63) - 1, 2 ** 64, 2 ** 200, -(2 ** 200)]) end,
      fn -> (:rand.uniform() - 0.5) * 1.0e40 end,
      fn -> :crypto.strong_rand_bytes(:rand.uniform(12) - 1) end,
      fn -> Enum.random(["", "abc", "a\0b", "héllo", <<0xFF>>, "12345678"]) end,
      fn -> <<1::size(:rand.uniform(7))>> end,
      fn -> [] end,
      fn -> {} end,
      fn -> %{} end,
      fn -> self() end,
      fn -> make_ref() end,
      fn -> &Kernel.+/2 end
    ]).()
  end

  # `term` with one random subterm (a list element, tuple element or map value) replaced.
  defp mutate(term) do
    children =
      case term do
        [_ | _] = list -> if List.improper?(list), do: 0, else: length(list)
        tuple when is_tuple(tuple) -> tuple_size(tuple)
        %{} = map -> map_size(map)
        _ -> 0
      end

    if children == 0 or :rand.uniform(5) == 1 do
      term(2)
    else
      i = :rand.uniform(children) - 1

      case term do
        list when is_list(list) -> List.update_at(list, i, &mutate/1)
        tuple when is_tuple(tuple) -> put_elem(tuple, i, mutate(elem(tuple, i)))
        map -> Map.update!(map, Enum.at(Map.keys(map), i), &mutate/1)
      end
    end
  end

  defp valid_calls do
    point = %Point{x: 1, y: 2}
    segment = %Segment{from: point, to: point}
    layer = %{name: "l", segments: [segment, segment], origin: point}

    [
      {:echo_scene, [%Scene{title: "t", layers: [layer, layer], tint: {:rgb, 1, 2, 3}}]},
      {:echo_segment, [segment]},
      {:echo_layer, [layer]},
      {:echo_shape, [{:polygon, %{points: [point, point], closed: true}}]},
      {:echo_shape, [{:rect, 1, 2}]},
      {:echo_token, [{:maybe_at, point}]},
      {:echo_token, [{:pair, [1, 2]}]},
      {:echo_value, [{1, "a"}]},
      {:echo_settings, [%Everything.Settings{level: 1, end: 2, anchor: point}]},
      {:echo_strict_map, [%{a: 1, b: 2}]},
      {:echo_account, [%{name: "n", password: "p"}]},
      {:echo_samples, [%{values: [1.0, 2.0]}]},
      {:reverse_points, [[point, point, point]]},
      {:greet, ["ann", 2]},
      {:total_length, [["a", "b"]]}
    ]
  end

  test "valid arguments with one part replaced by a random term" do
    :rand.seed(:exsss, {4, 5, 6})

    outcomes =
      for {name, args} <- valid_calls(), _ <- 1..300 do
        i = :rand.uniform(length(args)) - 1

        try do
          apply(Native, name, List.update_at(args, i, &mutate/1))
          :returned
        rescue
          ArgumentError -> :rejected
        end
      end

    # both kinds happen: the mutations reach deep into valid terms
    assert %{returned: returned, rejected: rejected} = Enum.frequencies(outcomes)
    assert returned > 20 and rejected > 1000
    assert Native.echo_int8(1) === 1
  end

  test "random terms to every NIF" do
    :rand.seed(:exsss, {1, 2, 3})

    functions =
      for {name, arity} <- Native.__info__(:functions),
          not String.starts_with?(Atom.to_string(name), "nif_"),
          name not in [:load_nif, :rgb_t],
          do: {name, arity}

    assert length(functions) > 50

    for {name, arity} <- functions, _ <- 1..150 do
      args = for _ <- 1..arity//1, do: term(3)

      try do
        apply(Native, name, args)
      rescue
        ArgumentError -> :ok
        Everything.Error -> :ok
        # results that have no term, made on purpose
        e in RuntimeError -> assert name in @bad_results, Exception.message(e)
      end
    end

    assert Native.echo_int8(1) === 1
  end
end
