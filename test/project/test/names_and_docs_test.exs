defmodule Everything.NamesAndDocsTest do
  @moduledoc "NIF_NAME, @enforce_keys, doc comments in the generated docs, keyword-named variants."
  use ExUnit.Case, async: true

  alias Everything.{Credentials, Native}

  describe "NIF_NAME" do
    test "the Elixir function has the given name, the C function is not exported" do
      assert Native.positive?(3) === true
      assert Native.positive?(-3) === false
      refute function_exported?(Native, :is_positive, 1)
    end

    test "the stacktrace of a bad argument names the Elixir function" do
      stacktrace =
        try do
          Native.positive?(:x)
          flunk("no ArgumentError")
        rescue
          ArgumentError -> __STACKTRACE__
        end

      assert [{Native, :positive?, [:x], _} | _] = stacktrace
    end

    test "two C functions share an Elixir name with different arities" do
      credentials = %Credentials{user: "u", secret: "abc"}
      assert Native.echo_credentials(credentials).strength === 3

      assert Native.echo_credentials(credentials, 7) ===
               %Credentials{user: "u", secret: nil, strength: 7}
    end
  end

  describe "@enforce_keys" do
    test "leaves out encode-only fields, keeps the fields the NIF reads" do
      assert %Credentials{user: "u", secret: "s"}.strength === nil
      assert_raise ArgumentError, ~r/:user, :secret/, fn -> struct!(Credentials, []) end
    end
  end

  describe "variants named like C keywords (Rustler's codegen test types)" do
    test "round trip" do
      for variant <- [
            {:enum, :azure},
            {:struct, %Everything.Point{x: 1, y: -2}},
            {:long, %{lhs: 1, rhs: -1}},
            {:bool, true},
            {:bool, false},
            :default,
            {:fn, 7}
          ] do
        assert Native.echo_keyword_variant(variant) === variant
      end
    end

    test "a wrong variant lists the keyword atoms" do
      error = assert_raise ArgumentError, fn -> Native.echo_keyword_variant({:function, 1}) end

      assert error.message =~
               "one of {:enum, _}, {:struct, _}, {:long, %{}}, {:bool, _}, :default, {:fn, _}"
    end
  end

  describe "C doc comments" do
    defp docs(module) do
      {:docs_v1, _, :elixir, _, %{"en" => moduledoc}, _, docs} = Code.fetch_docs(module)
      {moduledoc, Map.new(docs, fn {key, _, _, doc, _} -> {key, doc} end)}
    end

    test "a struct's doc comment and its fields' are its @moduledoc, escapes kept literal" do
      {moduledoc, _} = docs(Everything.Documented)

      assert moduledoc =~
               ~s|A value with a label.\n\nDoc comments become the module's @moduledoc: | <>
                 ~S|"quotes", #{not interpolated}, a \ backslash.| <>
                 "\n\nThe C type `documented_t`"

      assert moduledoc =~ "everything.h:"

      assert moduledoc =~
               "## Fields\n\n* `:label` - What it is called.\n* `:value` - The value,\n  in units.\n"

      refute moduledoc =~ "undocumented"
      refute moduledoc =~ "plain comment"

      assert Native.echo_documented(%Everything.Documented{label: "l", value: 1, undocumented: 2}).value ===
               1
    end

    test "a function's doc comment opens its @doc; a type's and its variants' are its @typedoc" do
      {_, docs} = docs(Native)

      assert %{"en" => "True when `x` is above zero.\n\nCalls the C function `is_positive`" <> _} =
               docs[{:function, :positive?, 1}]

      %{"en" => typedoc} = docs[{:type, :keyword_variant_t, 0}]
      assert typedoc =~ ~r/^Variants named like C keywords.\n\nThe C type `keyword_variant_t`/
      assert typedoc =~ "## Variants\n\n* `:default` - No payload.\n* `{:fn, _}` - An arity.\n"
    end
  end
end
