defmodule Everything.ErrorsTest do
  @moduledoc "Every class of bad input raises an ArgumentError naming argument, path, expectation and term."
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.{Native, Point, Scalars, Scene, Segment}

  defp point(x, y), do: %Point{x: x, y: y}

  @int32 "integer in int32_t range -2147483648..2147483647"
  @int64 "integer in int64_t range -9223372036854775808..9223372036854775807"
  @text "UTF-8 binary without NUL bytes"
  @double "float, integer in int64/uint64 range, :nan, :infinity or :neg_infinity"

  defp scalars do
    %Scalars{
      f: 1.0,
      d: 1.0,
      flag: true,
      bytes: "",
      text: "",
      code: "",
      samples: [1, 2, 3],
      corners: [point(0, 0), point(0, 0)],
      palette: [:red, :red],
      any: nil,
      owner: self(),
      nickname: nil,
      origin: nil,
      color: :red,
      rgb: {:rgb, 0, 0, 0},
      entry: {"", 0, 0.0},
      shape: :empty,
      mutable_text: "",
      names: ["", ""],
      mac: [0, 0, 0],
      bits: [false, false]
    }
  end

  describe "integers" do
    test "each width one past its min and max, as an argument and as a field" do
      valid = integers(fn _, _ -> 0 end)

      for {fun, field, c, min, max} <- integer_types(),
          bad <- [min - 1, max + 1, 2 ** 200, -(2 ** 200)] do
        expected = "integer in #{c} range #{min}..#{max}"
        assert_arg_error(fn -> apply(Native, fun, [bad]) end, "", expected, bad)

        assert_arg_error(
          fn -> Native.echo_integers(%{valid | field => bad}) end,
          "%Everything.Integers{}.#{field}",
          expected,
          bad
        )
      end
    end

    test "non-integers are rejected, floats included" do
      for {fun, _field, c, min, max} <- integer_types(), bad <- [1.0, "1", nil, [1], :"1"] do
        assert_arg_error(
          fn -> apply(Native, fun, [bad]) end,
          "",
          "integer in #{c} range #{min}..#{max}",
          bad
        )
      end
    end
  end

  describe "scalars" do
    test "float out of float range; double gets numbers only" do
      expected_float =
        "number in float range -3.4028234663852886e38..3.4028234663852886e38, :nan, :infinity or :neg_infinity"

      for bad <- [3.4028236e38, -3.4028236e38, 1.0e300, 2 ** 200, :inf, "1.0"] do
        assert_arg_error(fn -> Native.echo_float(bad) end, "", expected_float, bad)
      end

      for bad <- [2 ** 64, "1.0", nil, :NaN] do
        assert_arg_error(fn -> Native.echo_double(bad) end, "", @double, bad)
      end
    end

    test "bool is exactly true or false" do
      for bad <- [nil, 1, "true", :yes] do
        assert_arg_error(fn -> Native.echo_bool(bad) end, "", "true or false", bad)
      end
    end

    test "binary" do
      for bad <- [~c"abc", :abc, <<1::3>>, 1] do
        assert_arg_error(fn -> Native.echo_binary(bad) end, "", "binary", bad)
      end
    end

    test "const char *: invalid UTF-8 and embedded NUL" do
      invalid = [
        <<0xFF>>,
        <<0xC3>>,
        <<"ok", 0xC3, 0x28>>,
        <<0xC0, 0x80>>,
        <<0xED, 0xA0, 0x80>>,
        <<0xF4, 0x90, 0x80, 0x80>>,
        <<0xE2, 0x82>>
      ]

      for bad <- invalid ++ ["a\0b", "\0", <<"é", 0>>, ~c"abc", :abc, <<1::3>>] do
        assert_arg_error(fn -> Native.echo_string(bad) end, "", @text, bad)
      end
    end

    test "char[N]: at most N-1 bytes, never truncated" do
      too_long = "abcd"
      location = "%Everything.Scalars{}.code"
      expected = "#{@text}, at most 3 bytes"

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | code: too_long}) end,
        location,
        expected,
        too_long
      )

      # 2 characters, 4 bytes
      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | code: "éé"}) end,
        location,
        expected,
        "éé"
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | code: <<0xFF>>}) end,
        location,
        expected,
        <<0xFF>>
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | code: "a\0"}) end,
        location,
        expected,
        "a\0"
      )

      layer = %{name: "12345678", segments: [], origin: nil}

      assert_arg_error(
        fn -> Native.echo_layer(layer) end,
        "%{}.name",
        "#{@text}, at most 7 bytes",
        "12345678"
      )
    end

    test "pid" do
      for bad <- [nil, make_ref(), "pid", hd(Port.list() ++ [:no_port])] do
        assert_arg_error(fn -> Native.echo_pid(bad) end, "", "local pid", bad)
      end
    end

    test "T xs[N]: a list of exactly N" do
      for bad <- [[1, 2], [1, 2, 3, 4], [], {1, 2, 3}, [1, 2 | 3]] do
        assert_arg_error(
          fn -> Native.echo_scalars(%{scalars() | samples: bad}) end,
          "%Everything.Scalars{}.samples",
          "list of exactly 3 elements",
          bad
        )
      end

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | samples: [1, 32768, 3]}) end,
        "%Everything.Scalars{}.samples[1]",
        "integer in int16_t range -32768..32767",
        32768
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | corners: [point(0, 0), point(0, 1.0)]}) end,
        "%Everything.Scalars{}.corners[1].y",
        @int32,
        1.0
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | palette: [:red, :blue]}) end,
        "%Everything.Scalars{}.palette[1]",
        "one of :red, :green, :azure, :white",
        :blue
      )
    end

    test "arrays of strings, small integers and bools check each element" do
      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | names: ["ok", "a\0"]}) end,
        "%Everything.Scalars{}.names[1]",
        @text,
        "a\0"
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | mac: "abc"}) end,
        "%Everything.Scalars{}.mac",
        "list of exactly 3 elements",
        "abc"
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | mac: [0, 256, 0]}) end,
        "%Everything.Scalars{}.mac[1]",
        "integer in uint8_t range 0..255",
        256
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | bits: [true, nil]}) end,
        "%Everything.Scalars{}.bits[1]",
        "true or false",
        nil
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | mutable_text: <<0xFF>>}) end,
        "%Everything.Scalars{}.mutable_text",
        @text,
        <<0xFF>>
      )
    end

    test "NIF_OPTIONAL: nil or the value" do
      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | nickname: 1}) end,
        "%Everything.Scalars{}.nickname",
        "nil or #{@text}",
        1
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | origin: %{x: 1, y: 2}}) end,
        "%Everything.Scalars{}.origin",
        "%Everything.Point{}",
        %{x: 1, y: 2}
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | origin: point(1, nil)}) end,
        "%Everything.Scalars{}.origin.y",
        @int32,
        nil
      )
    end
  end

  describe "containers" do
    test "wrong container" do
      assert_arg_error(
        fn -> Native.echo_point(x: 1, y: 2) end,
        "%Everything.Point{}",
        "%Everything.Point{}",
        x: 1,
        y: 2
      )

      assert_arg_error(fn -> Native.echo_layer([]) end, "%{}", "map", [])
      assert_arg_error(fn -> Native.echo_layer({:name}) end, "%{}", "map", {:name})

      assert_arg_error(fn -> Native.echo_entry(["a", 1, 1.0]) end, "{}", "tuple of 3 elements", [
        "a",
        1,
        1.0
      ])

      assert_arg_error(fn -> Native.echo_entry(%{}) end, "{}", "tuple of 3 elements", %{})

      assert_arg_error(
        fn -> Native.echo_rgb([:rgb, 1, 2, 3]) end,
        "{}",
        "{:rgb, …} record of 4 elements",
        [:rgb, 1, 2, 3]
      )

      assert_arg_error(fn -> Native.sum_list(%{}) end, "", "list", %{})
      assert_arg_error(fn -> Native.sum_list([1 | 2]) end, "", "list", [1 | 2])

      assert_arg_error(
        fn -> Native.echo_color("red") end,
        "",
        "one of :red, :green, :azure, :white",
        "red"
      )
    end

    test "a plain map or another struct where a struct is expected" do
      assert_arg_error(
        fn -> Native.echo_point(%{x: 1, y: 2}) end,
        "%Everything.Point{}",
        "%Everything.Point{}",
        %{x: 1, y: 2}
      )

      segment = %Segment{from: point(1, 2), to: point(3, 4)}

      assert_arg_error(
        fn -> Native.echo_point(segment) end,
        "%Everything.Point{}",
        "%Everything.Point{}",
        segment
      )

      fake = %{__struct__: "Everything.Point", x: 1, y: 2}

      assert_arg_error(
        fn -> Native.echo_point(fake) end,
        "%Everything.Point{}",
        "%Everything.Point{}",
        fake
      )

      assert_arg_error(
        fn -> Native.echo_segment(%Segment{from: point(1, 2), to: %{x: 3, y: 4}}) end,
        "%Everything.Segment{}.to",
        "%Everything.Point{}",
        %{x: 3, y: 4}
      )
    end

    test "missing key" do
      partial = %{__struct__: Point, x: 1}

      assert_arg_error(
        fn -> Native.echo_point(partial) end,
        "%Everything.Point{}",
        "map with key :y",
        partial
      )

      layer = %{name: "l", origin: nil}
      assert_arg_error(fn -> Native.echo_layer(layer) end, "%{}", "map with key :segments", layer)

      string_keys = %{"name" => "l", "segments" => [], "origin" => nil}

      assert_arg_error(
        fn -> Native.echo_layer(string_keys) end,
        "%{}",
        "map with key :name",
        string_keys
      )

      assert_arg_error(
        fn -> Native.echo_shape({:polygon, %{points: []}}) end,
        "{:polygon, %{}}",
        "map with key :closed",
        %{points: []}
      )
    end

    test "wrong type of a field" do
      assert_arg_error(
        fn -> Native.echo_point(point(1, "2")) end,
        "%Everything.Point{}.y",
        @int32,
        "2"
      )

      assert_arg_error(
        fn -> Native.echo_layer(%{name: :l, segments: [], origin: nil}) end,
        "%{}.name",
        "#{@text}, at most 7 bytes",
        :l
      )

      assert_arg_error(fn -> Native.echo_entry({"a", 1.0, 1.0}) end, "{}{1}", @int64, 1.0)

      assert_arg_error(
        fn -> Native.echo_rgb({:rgb, 1, -1, 3}) end,
        "{}.g",
        "integer in uint8_t range 0..255",
        -1
      )

      assert_arg_error(
        fn -> Native.echo_error(%Everything.Error{message: :m, code: 1}) end,
        "%Everything.Error{}.message",
        @text,
        :m
      )
    end

    test "NifRecord: wrong tag and wrong arity" do
      expected = "{:rgb, …} record of 4 elements"

      for bad <- [
            {:rgba, 1, 2, 3},
            {"rgb", 1, 2, 3},
            {:rgb, 1, 2},
            {:rgb, 1, 2, 3, 4},
            {:rgb},
            {}
          ] do
        assert_arg_error(fn -> Native.echo_rgb(bad) end, "{}", expected, bad)
      end
    end

    test "NifTuple: wrong arity" do
      for bad <- [{"a", 1}, {"a", 1, 1.0, 1}, {}] do
        assert_arg_error(fn -> Native.echo_entry(bad) end, "{}", "tuple of 3 elements", bad)
      end
    end

    test "NifTaggedEnum: unknown variant" do
      expected = "one of :empty, {:circle, _}, {:rect, _, _}, {:polygon, %{}}, {:text, _}"

      for bad <- [
            :hexagon,
            :label,
            "empty",
            {:hexagon, 1},
            {:empty},
            {:label, "x"},
            {"circle", 1.0},
            {},
            1,
            nil
          ] do
        assert_arg_error(fn -> Native.echo_shape(bad) end, "", expected, bad)
      end
    end

    test "NifTaggedEnum: wrong tuple arity for a known variant" do
      for {bad, expected} <- [
            {{:rect, 1}, "{:rect, _, _}"},
            {{:rect, 1, 2, 3}, "{:rect, _, _}"},
            {{:circle}, "{:circle, _}"},
            {{:circle, 1.0, 2.0}, "{:circle, _}"},
            {{:polygon, %{points: [], closed: true}, 1}, "{:polygon, %{}}"},
            {{:text}, "{:text, _}"}
          ] do
        assert_arg_error(fn -> Native.echo_shape(bad) end, "", expected, bad)
      end
    end

    test "NifTaggedEnum: a bad value inside a variant names the variant" do
      assert_arg_error(fn -> Native.echo_shape({:circle, "r"}) end, "{:circle, …}", @double, "r")
      assert_arg_error(fn -> Native.echo_shape({:rect, 1, 2.0}) end, "{:rect, …}{2}", @int32, 2.0)

      assert_arg_error(
        fn -> Native.echo_shape({:text, <<0xFF>>}) end,
        "{:text, …}",
        @text,
        <<0xFF>>
      )

      assert_arg_error(
        fn -> Native.echo_shape({:polygon, [points: []]}) end,
        "{:polygon, %{}}",
        "map",
        points: []
      )
    end

    test "NifTaggedEnum arms of char[N], arrays and optional structs" do
      assert_arg_error(
        fn -> Native.echo_token({:word, "toolong"}) end,
        "{:word, …}",
        "#{@text}, at most 5 bytes",
        "toolong"
      )

      assert_arg_error(
        fn -> Native.echo_token({:pair, [1]}) end,
        "{:pair, …}",
        "list of exactly 2 elements",
        [1]
      )

      assert_arg_error(
        fn -> Native.echo_token({:maybe_at, point(1, nil)}) end,
        "{:maybe_at, …}.y",
        @int32,
        nil
      )

      assert_arg_error(
        fn -> Native.echo_token({:maybe, nil}) end,
        "",
        "one of :eof, {:word, _}, {:pair, _}, {:at, _}, {:maybe_at, _}",
        {:maybe, nil}
      )
    end

    test "NifUntaggedEnum: no arm matches" do
      expected =
        "one of: #{@int64}; number (double); UTF-8 binary; tuple of 2 elements; %Everything.Point{}; map"

      for bad <- [:nope, nil, {1, 2}, {1, "a", 3}, [1], %{}, %{on: 1}, 2 ** 64, <<0xFF>>] do
        assert_arg_error(fn -> Native.echo_value(bad) end, "", expected, bad)
      end
    end

    test "a bad list element names its index" do
      assert_arg_error(fn -> Native.sum_list([1, 2, :x]) end, "[2]", @int64, :x)
      assert_arg_error(fn -> Native.sum_list([2 ** 63]) end, "[0]", @int64, 2 ** 63)

      points = [point(1, 1), point(2, 2), %{x: 3, y: 3}]

      assert_arg_error(fn -> Native.reverse_points(points) end, "[2]", "%Everything.Point{}", %{
        x: 3,
        y: 3
      })

      points = [point(1, 1), point(2, :two)]
      assert_arg_error(fn -> Native.reverse_points(points) end, "[1].y", @int32, :two)
    end

    test "an error deep in a nested type names the whole path" do
      good_layer = %{name: "a", segments: [], origin: nil}

      bad_layer = %{
        name: "b",
        segments: [%Segment{from: point(0, 0), to: point(1, "3")}],
        origin: nil
      }

      scene = %Scene{title: "t", layers: [good_layer, bad_layer], tint: {:rgb, 0, 0, 0}}

      error =
        assert_arg_error(
          fn -> Native.echo_scene(scene) end,
          "%Everything.Scene{}.layers[1].segments[0].to.y",
          @int32,
          "3"
        )

      assert error.message =~ "  * 1st argument: %Everything.Scene{}.layers[1].segments[0].to.y\n"

      scene = %Scene{
        title: "t",
        layers: [%{good_layer | origin: point(0, 2 ** 31)}],
        tint: {:rgb, 0, 0, 0}
      }

      assert_arg_error(
        fn -> Native.echo_scene(scene) end,
        "%Everything.Scene{}.layers[0].origin.y",
        @int32,
        2 ** 31
      )

      scene = %Scene{title: "t", layers: [], tint: {:rgb, 0, 256, 0}}

      assert_arg_error(
        fn -> Native.echo_scene(scene) end,
        "%Everything.Scene{}.tint.g",
        "integer in uint8_t range 0..255",
        256
      )

      scene = %Scene{title: "t", layers: [good_layer], tint: {:rgb, 0, 0, 0}, background: :black}

      assert_arg_error(
        fn -> Native.echo_scene(scene) end,
        "%Everything.Scene{}.background",
        "one of :red, :green, :azure, :white",
        :black
      )

      polygon = {:polygon, %{points: [point(0, 0), point(1, nil)], closed: true}}

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | shape: polygon}) end,
        "%Everything.Scalars{}.shape{:polygon, %{}}.points[1].y",
        @int32,
        nil
      )

      assert_arg_error(
        fn -> Native.echo_scalars(%{scalars() | entry: {"e", 1, "w"}}) end,
        "%Everything.Scalars{}.entry{2}",
        @double,
        "w"
      )
    end

    test "a list longer than its length field can count" do
      layers = List.duplicate(%{name: "", segments: [], origin: nil}, 256)
      scene = %Scene{title: "t", layers: layers, tint: {:rgb, 0, 0, 0}}
      error = assert_raise ArgumentError, fn -> Native.echo_scene(scene) end

      assert error.message =~
               "%Everything.Scene{}.layers\n      expected: list of at most 255 elements\n"

      assert %Scene{layers: layers} = Native.echo_scene(%{scene | layers: Enum.take(layers, 255)})
      assert length(layers) == 255
    end

    test "a list argument longer than its length parameter can count" do
      assert Native.count_small(List.duplicate(1, 255)) === 255

      assert_arg_error(
        fn -> Native.count_small(List.duplicate(1, 256)) end,
        "",
        "list of at most 255 elements",
        List.duplicate(1, 256)
      )

      assert_arg_error(
        fn -> Native.echo_samples(%{values: [1.0, :x]}) end,
        "%{}.values[1]",
        @double,
        :x
      )
    end

    test "the error names the argument it is in" do
      assert_arg_error(fn -> Native.four(1, 2, 3, :four) end, 4, "", @int64, :four)
      assert_arg_error(fn -> Native.four(1, 2, "3", 4) end, 3, "", @int64, "3")

      assert_arg_error(
        fn -> Native.greet("ann", 256) end,
        2,
        "",
        "integer in uint8_t range 0..255",
        256
      )

      assert_arg_error(fn -> Native.make_pair(1, :b) end, 2, "", @int64, :b)
      assert_arg_error(fn -> Native.greet(:ann, 1) end, 1, "", "nil or #{@text}", :ann)
    end

    test "the given term is shown cut short" do
      long = String.duplicate("x", 1000)
      error = assert_raise ArgumentError, fn -> Native.echo_int8(long) end
      assert String.length(error.message) < 400
      big = Enum.to_list(1..1000)
      error = assert_raise ArgumentError, fn -> Native.echo_int8(big) end
      assert error.message =~ "got: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...]"
    end
  end
end
