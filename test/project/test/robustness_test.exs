Code.require_file("../../fuzz/terms.exs", __DIR__)

defmodule Everything.RobustnessTest do
  @moduledoc "No input crashes the VM: every NIF either returns or raises a clean exception."
  use ExUnit.Case, async: true

  alias Everything.{Native, Point, Scene, Segment}

  @bad_results [
    :null_string_result,
    :invalid_utf8_result,
    :bad_enum_result,
    :bad_tag_result,
    :negative_length_result,
    :folded_style,
    :group_shape,
    :raw_bytes,
    :null_lib_record
  ]

  # The fuzz harness's generators (test/fuzz/terms.exs), here without sanitizers.
  setup_all do
    Fuzz.Terms.setup([Point, Segment, Scene, Everything.Settings, Everything.Strict], [])
  end

  defp term(depth), do: Fuzz.Terms.term(depth)
  defp mutate(term), do: Fuzz.Terms.mutate(term)

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
