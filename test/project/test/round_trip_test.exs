defmodule Everything.RoundTripTest do
  @moduledoc "Every shape and C type goes into C and comes back as the term Rustler would give."
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.{Credentials, Error, Native, Point, Scalars, Scene, Segment}

  require Native

  defp point(x, y), do: %Point{x: x, y: y}

  describe "C types" do
    test "every integer width keeps its min, max and zero" do
      for {fun, _field, _c, min, max} <- integer_types(), value <- [min, max, 0, div(max, 2)] do
        assert apply(Native, fun, [value]) === value, "#{fun}(#{value})"
      end
    end

    test "a struct of every integer width round-trips its mins and its maxes" do
      for pick <- [fn min, _ -> min end, fn _, max -> max end, fn _, _ -> 1 end] do
        integers = integers(pick)
        assert Native.echo_integers(integers) === integers
      end
    end

    test "float and double: floats, integers converted, and the non-finite atoms" do
      assert Native.echo_double(1.5) === 1.5
      assert Native.echo_double(-0.0) === -0.0
      assert Native.echo_double(1.0e308) === 1.0e308
      assert Native.echo_double(5.0e-324) === 5.0e-324
      assert Native.echo_double(3) === 3.0
      assert Native.echo_double(-(2 ** 63)) === -9.223372036854776e18
      assert Native.echo_double(2 ** 64 - 1) === 1.8446744073709552e19
      assert Native.echo_float(1.5) === 1.5
      assert Native.echo_float(-7) === -7.0
      # a C float keeps 24 bits of mantissa
      assert Native.echo_float(0.1) === 0.10000000149011612
      assert Native.echo_float(3.4028234663852886e38) === 3.4028234663852886e38
      assert Native.echo_float(-3.4028234663852886e38) === -3.4028234663852886e38

      for special <- [:nan, :infinity, :neg_infinity] do
        assert Native.echo_double(special) === special
        assert Native.echo_float(special) === special
      end
    end

    test "bool" do
      assert Native.echo_bool(true) === true
      assert Native.echo_bool(false) === false
    end

    test "nif_binary: any bytes, zero-copy in, copied out" do
      big = :binary.copy(<<0, 1, 2, 255>>, 50_000)
      sub = binary_part(big, 3, 1001)

      for bytes <- [<<>>, <<0>>, <<0, 255, 128>>, "text", big, sub] do
        assert Native.echo_binary(bytes) === bytes
      end
    end

    test "const char *: UTF-8 text" do
      for text <- ["", "a", "héllo wörld", "日本語", "emoji 🎉", String.duplicate("x", 10_000)] do
        assert Native.echo_string(text) === text
      end
    end

    test "ERL_NIF_TERM passes any term through" do
      ref = make_ref()
      fun = fn -> :ok end

      for term <- [
            1,
            2 ** 100,
            1.5,
            :atom,
            "bin",
            <<1::3>>,
            [1 | 2],
            {},
            %{a: [ref]},
            fun,
            self()
          ] do
        assert Native.echo_term(term) === term
      end
    end

    test "ErlNifPid" do
      assert Native.echo_pid(self()) === self()
      other = spawn(fn -> :ok end)
      assert Native.echo_pid(other) === other
    end

    test "a struct of every other type: arrays, char[N], optional, nested shapes" do
      scalars = %Scalars{
        f: 1.5,
        d: -2.25,
        flag: true,
        bytes: <<0, 255>>,
        text: "héllo",
        code: "abc",
        samples: [1, -32768, 32767],
        corners: [point(0, 0), point(-1, 1)],
        palette: [:red, :azure],
        any: {make_ref(), [1, "two"]},
        owner: self(),
        nickname: "nick",
        origin: point(7, 8),
        color: :white,
        rgb: {:rgb, 0, 128, 255},
        entry: {"e", -1, 0.25},
        shape: {:rect, 3, 4},
        mutable_text: "mutable",
        names: ["first", "second"],
        mac: [0, 127, 255],
        bits: [true, false]
      }

      assert Native.echo_scalars(scalars) === scalars

      without = %{scalars | nickname: nil, origin: nil, code: "", shape: :empty}
      assert Native.echo_scalars(without) === without
    end

    test "integers given for floats come back as floats" do
      scalars = %Scalars{
        f: 2,
        d: -3,
        flag: false,
        bytes: "",
        text: "",
        code: "é",
        samples: [0, 0, 0],
        corners: [point(0, 0), point(0, 0)],
        palette: [:green, :green],
        any: nil,
        owner: self(),
        nickname: nil,
        origin: nil,
        color: :red,
        rgb: {:rgb, 0, 0, 0},
        entry: {"", 0, 1},
        shape: {:circle, 1},
        mutable_text: "",
        names: ["", ""],
        mac: [0, 0, 0],
        bits: [false, false]
      }

      assert Native.echo_scalars(scalars) ===
               %{scalars | f: 2.0, d: -3.0, entry: {"", 0, 1.0}, shape: {:circle, 1.0}}
    end
  end

  describe "shapes" do
    test "NifUnitEnum: one atom per enumerator, prefix dropped, NIF_RENAME honoured" do
      for color <- [:red, :green, :azure, :white] do
        assert Native.echo_color(color) === color
      end
    end

    test "NifStruct" do
      assert Native.echo_point(point(1, -2)) === point(1, -2)
      result = Native.echo_point(point(1, -2))
      assert Map.keys(result) |> Enum.sort() == [:__struct__, :x, :y]
    end

    test "NifStruct nested, passed by const pointer" do
      segment = %Segment{from: point(1, 2), to: point(3, 4)}
      assert Native.echo_segment(segment) === segment
    end

    test "NifStruct three levels deep, with lists of maps of lists of structs" do
      scene = %Scene{
        title: "scene",
        layers: [
          %{name: "empty", segments: [], origin: nil},
          %{
            name: "1234567",
            segments: [
              %Segment{from: point(0, 0), to: point(1, 1)},
              %Segment{from: point(-5, 5), to: point(2 ** 31 - 1, -(2 ** 31))}
            ],
            origin: point(9, 9)
          }
        ],
        background: :azure,
        tint: {:rgb, 1, 2, 3}
      }

      assert Native.echo_scene(scene) === scene
    end

    test "NifMap: atom keys, exactly the fields" do
      layer = %{name: "l", segments: [%Segment{from: point(1, 1), to: point(2, 2)}], origin: nil}
      assert Native.echo_layer(layer) === layer
    end

    test "NifTuple: the fields in order" do
      assert Native.echo_entry({"name", 2 ** 63 - 1, 0.5}) === {"name", 2 ** 63 - 1, 0.5}
    end

    test "NifRecord: {:tag, fields...}, and the generated Record macros" do
      assert Native.echo_rgb({:rgb, 0, 127, 255}) === {:rgb, 0, 127, 255}
      assert Native.rgb_t(r: 1, g: 2, b: 3) === {:rgb, 1, 2, 3}
      assert Native.rgb_t(Native.echo_rgb(Native.rgb_t(r: 4, g: 5, b: 6)), :g) == 5
    end

    test "NifException: a struct with __exception__: true" do
      error = %Error{message: "bad", code: -1}
      result = Native.echo_error(error)
      assert result === error
      assert result.__exception__ === true
      assert Exception.message(result) == "bad"
    end

    test "NifTaggedEnum: unit, newtype, tuple and named variants" do
      polygon = {:polygon, %{points: [point(0, 0), point(1, 0), point(0, 1)], closed: true}}

      for shape <- [
            :empty,
            {:circle, 2.5},
            {:rect, -1, 2},
            polygon,
            {:polygon, %{points: [], closed: false}},
            {:text, "renamed arm"}
          ] do
        assert Native.echo_shape(shape) === shape
      end
    end

    test "NifTaggedEnum over a named union: char[N], array, struct and optional arms" do
      for token <- [
            :eof,
            {:word, "hello"},
            {:word, ""},
            {:pair, [-1, 1]},
            {:at, point(1, 2)},
            {:maybe_at, point(3, 4)},
            {:maybe_at, nil}
          ] do
        assert Native.echo_token(token) === token
      end
    end

    test "a list whose signed length field comes first" do
      assert Native.echo_samples(%{values: [1.5, 2, -3.0]}) === %{values: [1.5, 2.0, -3.0]}
      assert Native.echo_samples(%{values: []}) === %{values: []}
    end

    test "NifUntaggedEnum: each arm's own term, tried in order" do
      for value <- [
            0,
            -(2 ** 63),
            1.5,
            "text",
            {1, "pair"},
            point(1, 2),
            %{on: true}
          ] do
        assert Native.echo_value(value) === value
      end

      # An integer beyond int64_t falls through to the double arm.
      assert Native.echo_value(2 ** 63) === 9.223372036854776e18
    end

    test "NifStruct of more than 32 keys (a hash map in the VM)" do
      fields = for i <- 0..39, do: {String.to_atom("f" <> String.pad_leading("#{i}", 2, "0")), i}
      wide = struct!(Everything.Wide, fields)
      assert Native.echo_wide(wide) === wide
      assert map_size(Native.echo_wide(wide)) == 41

      bad = %{wide | f33: 256}

      assert_arg_error(
        fn -> Native.echo_wide(bad) end,
        "%Everything.Wide{}.f33",
        "integer in uint8_t range 0..255",
        256
      )
    end

    test "NIF_DECODE_ONLY struct fields are still keys of the struct, as nil" do
      result = Native.echo_credentials(%Credentials{user: "u", secret: "abc", strength: 99})
      assert result === %Credentials{user: "u", secret: nil, strength: 3}
      assert Map.keys(result) |> Enum.sort() == [:__struct__, :secret, :strength, :user]
    end
  end
end
