defmodule Everything.OptionsTest do
  @moduledoc "NIF_DEFAULT, NIF_STRICT, NIF_RENAME, NIF_ENCODE_ONLY and NIF_DECODE_ONLY."
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.{Credentials, Native, Point, Report, Scene, Settings, Strict}

  describe "NIF_DEFAULT" do
    test "a missing key takes its default: integer, float, bool, string, NULL, enumerator" do
      minimal = %{__struct__: Settings, level: 1, end: 0}

      assert Native.echo_settings(minimal) === %Settings{
               level: 1,
               end: 0,
               retries: 3,
               ratio: 0.5,
               verbose: true,
               quiet: false,
               label: "none",
               comment: nil,
               anchor: nil,
               color: :green,
               offset: -7,
               mask: 255,
               scale: 1000.0,
               gain: 0.25,
               quote: "say \"hi\" \#{not} \\ interpolated\n",
               tint: :azure,
               "dash-key": 1
             }
    end

    test "the Elixir struct has the same defaults" do
      assert Native.echo_settings(%{__struct__: Settings, level: 1, end: 2}) ===
               %Settings{level: 1, end: 2}
    end

    test "a given key wins over the default" do
      settings = %Settings{
        level: 255,
        retries: -1,
        ratio: 2.0,
        verbose: false,
        quiet: true,
        label: "given",
        comment: "c",
        anchor: %Point{x: 1, y: 2},
        color: :azure,
        offset: 0,
        mask: 0,
        scale: -1.0,
        gain: 2.0,
        quote: "",
        tint: :red,
        "dash-key": -1,
        end: 9
      }

      assert Native.echo_settings(settings) === settings
    end

    test "a key that is present is still checked" do
      bad = %{__struct__: Settings, level: 1, end: 0, retries: "3"}

      assert_arg_error(
        fn -> Native.echo_settings(bad) end,
        "%Everything.Settings{}.retries",
        "integer in int32_t range -2147483648..2147483647",
        "3"
      )

      bad = %{__struct__: Settings, level: 1, end: 0, label: nil}

      assert_arg_error(
        fn -> Native.echo_settings(bad) end,
        "%Everything.Settings{}.label",
        "UTF-8 binary without NUL bytes",
        nil
      )
    end

    test "a field without default is still required" do
      bad = %{__struct__: Settings, retries: 1, end: 0}

      assert_arg_error(
        fn -> Native.echo_settings(bad) end,
        "%Everything.Settings{}",
        "map with key :level",
        bad
      )
    end

    test "defaults on a plain map, and on a field of a nested struct" do
      assert Native.echo_options(%{}) === %{width: 80, fill: "-"}
      assert Native.echo_options(%{width: 1}) === %{width: 1, fill: "-"}

      scene = %{__struct__: Scene, title: "t", layers: [], tint: {:rgb, 1, 1, 1}}
      assert %Scene{background: :white} = Native.echo_scene(scene)
    end
  end

  describe "NIF_STRICT" do
    test "extra keys are ignored without it, as in Rustler" do
      assert Native.echo_point(Map.put(%Point{x: 1, y: 2}, :z, 3)) === %Point{x: 1, y: 2}

      assert Native.echo_options(%{"string" => 1, width: 1, extra: true}) === %{
               width: 1,
               fill: "-"
             }
    end

    test "a strict map rejects extra keys" do
      assert Native.echo_strict_map(%{a: 1}) === %{a: 1, b: 2, seen: 2}
      assert Native.echo_strict_map(%{a: 1, b: 3}) === %{a: 1, b: 3, seen: 2}

      for bad <- [
            %{a: 1, c: 3},
            %{a: 1, b: 2, c: 3},
            %{"a" => 1, :a => 1},
            %{a: 1, seen: 0, z: 0}
          ] do
        assert_arg_error(
          fn -> Native.echo_strict_map(bad) end,
          "%{}",
          "map with no keys other than the fields (strict)",
          bad
        )
      end
    end

    test "a strict map accepts its encode-only key, which decode ignores" do
      assert Native.echo_strict_map(%{a: 1, b: 2, seen: 99}) === %{a: 1, b: 2, seen: 2}
    end

    test "a strict struct rejects extra keys" do
      assert Native.echo_strict_struct(%Strict{a: 1}) === %Strict{a: 1, b: 2}
      assert Native.echo_strict_struct(%{__struct__: Strict, a: 1}) === %Strict{a: 1, b: 2}

      bad = Map.put(%Strict{a: 1}, :c, 3)

      assert_arg_error(
        fn -> Native.echo_strict_struct(bad) end,
        "%Everything.Strict{}",
        "map with no keys other than the fields (strict)",
        bad
      )
    end

    test "strict still reports a missing key as missing" do
      assert_arg_error(fn -> Native.echo_strict_map(%{b: 1}) end, "%{}", "map with key :a", %{
        b: 1
      })
    end
  end

  describe "NIF_RENAME" do
    test "on a field: the key is the new name" do
      assert Native.echo_account(%{name: "bob", password: "pw"}) === %{id: 2, name: "bob"}

      bad = %{user_name: "bob", password: "pw"}
      assert_arg_error(fn -> Native.echo_account(bad) end, "%{}", "map with key :name", bad)
    end

    test "to an atom that needs quoting, and a key that is an Elixir keyword" do
      settings = Native.echo_settings(%{__struct__: Settings, level: 1, end: 5, "dash-key": 7})
      assert %{"dash-key": 7, end: 5} = settings
      refute Map.has_key?(settings, :dashed)
    end

    test "on an enumerator and on a tagged-union arm" do
      assert Native.echo_color(:azure) === :azure
      assert Native.echo_shape({:text, "t"}) === {:text, "t"}
    end
  end

  describe "NIF_ENCODE_ONLY and NIF_DECODE_ONLY" do
    test "map fields: encode-only is output only, decode-only input only" do
      # :id is ignored on input (C sees 0 and sets it); :password never comes back
      assert Native.echo_account(%{id: 99, name: "bob", password: "secret"}) === %{
               id: 6,
               name: "bob"
             }

      bad = %{id: 1, name: "bob"}
      assert_arg_error(fn -> Native.echo_account(bad) end, "%{}", "map with key :password", bad)
    end

    test "struct fields: a decode-only field comes back nil, an encode-only one is not read" do
      assert Native.echo_credentials(%Credentials{user: "u", secret: "abcd", strength: 0}) ===
               %Credentials{user: "u", secret: nil, strength: 4}

      # an encode-only key may be missing on input
      assert Native.echo_credentials(%{__struct__: Credentials, user: "u", secret: "ab"}) ===
               %Credentials{user: "u", secret: nil, strength: 2}

      bad = %{__struct__: Credentials, user: "u", strength: 1}

      assert_arg_error(
        fn -> Native.echo_credentials(bad) end,
        "%Everything.Credentials{}",
        "map with key :secret",
        bad
      )
    end

    test "an encode-only type is a result" do
      assert Native.summarize([1, 2, 3]) === %Report{
               count: 3,
               mean: 2.0,
               summary: "3 values, sum 6"
             }

      assert Native.summarize([]) === %Report{count: 0, mean: 0.0, summary: "0 values, sum 0"}
    end

    test "a decode-only type is an argument" do
      assert Native.query_limit(%{text: "abc"}) === 13
      assert Native.query_limit(%{text: "", limit: 1}) === 1

      assert_arg_error(fn -> Native.query_limit(%{limit: 1}) end, "%{}", "map with key :text", %{
        limit: 1
      })
    end
  end
end
