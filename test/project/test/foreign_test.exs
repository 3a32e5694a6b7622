defmodule Everything.ForeignTest do
  @moduledoc """
  Foreign tagged unions (DESIGN §9): c_src/foreign_events.h stands for a library
  header the user cannot edit (libyaml's yaml_event_t shape); c_src/foreign.h maps
  its types with typedef options only.
  """
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.Native

  @int32 "integer in int range -2147483648..2147483647"

  describe "a named union of arms, paired by NIF_ARM, options by dotted paths" do
    test "every variant round-trips: unit variants, renamed ones and arms" do
      events = [
        :no_event,
        {:stream_start_event, %{encoding: 1}},
        :stream_end,
        {:scalar, %{anchor: "a", tag: nil, value: ~c"hello", plain: 1, style: :plain}},
        {:scalar, %{anchor: nil, tag: "!t", value: [], plain: 0, style: :quoted_style}},
        {:sequence_start_event, %{anchor: nil, tag: "!seq", implicit: 1}},
        :sequence_end_event,
        {:alias_event, %{anchor: "a"}}
      ]

      for event <- events do
        assert Native.echo_event(event) === event
      end
    end

    test "members left out by NIF_SKIP, dotted or not, decode as zero" do
      assert Native.event_rest_is_zero(
               {:sequence_start_event, %{anchor: nil, tag: nil, implicit: 0}}
             )

      assert Native.event_rest_is_zero(:no_event)
    end

    test "encode leaves out the members without a term, whatever they hold" do
      assert Native.library_scalar("v") ===
               {:scalar,
                %{
                  anchor: nil,
                  tag: "tag:yaml.org,2002:str",
                  value: ~c"v",
                  plain: 1,
                  style: :quoted_style
                }}
    end

    test "the variant's atom comes from the enumerator, or its NIF_RENAME_FIELD" do
      for gone <- [:scalar_event, :stream_end_event] do
        assert_raise ArgumentError, fn -> Native.echo_event(gone) end
      end

      assert_raise ArgumentError, fn -> Native.echo_event({:scalar_event, %{}}) end
    end

    test "a bad value inside an arm names the variant and the field's atom" do
      bad = %{anchor: nil, tag: nil, value: [], plain: "1", style: :any}

      assert_arg_error(
        fn -> Native.echo_event({:scalar, bad}) end,
        "{:scalar, %{}}.plain",
        @int32,
        "1"
      )
    end

    test "NIF_OPTIONAL_FIELD on a dotted path: nil only where it is given" do
      assert Native.echo_event({:alias_event, %{anchor: "x"}}) === {:alias_event, %{anchor: "x"}}
      assert_raise ArgumentError, fn -> Native.echo_event({:alias_event, %{anchor: nil}}) end
    end
  end

  describe "an anonymous union of arms between bookkeeping members" do
    test "round-trips, the bookkeeping members zero" do
      for shape <- [:none, {:circle_kind, 1.5}, {:rect_kind, %{w: 2, h: 3}}, {:label, "hi"}] do
        assert Native.echo_sh_shape(shape) === shape
        assert Native.sh_shape_rest_is_zero(shape)
      end
    end

    test "an enumerator left out by NIF_SKIP is no variant, and encoding it fails" do
      assert_raise ArgumentError, fn -> Native.echo_sh_shape(:group_kind) end

      assert_raise RuntimeError, ~r/sh_shape_term_t.kind holds a value/, fn ->
        Native.group_shape()
      end
    end
  end

  test "NIF_UNTAGGED_ENUM on a foreign type: the active arm's own term" do
    assert Native.echo_num(7) === 7
    assert Native.echo_num(2.5) === 2.5
    assert_raise ArgumentError, fn -> Native.echo_num("7") end
  end

  describe "dotted paths into a nested anonymous struct of a map" do
    test "the struct is a map of its members, with their options" do
      parser = %{version: 1, position: %{row: 2, column: 3}}
      assert Native.echo_parser(parser) === parser
      assert Native.parser_rest_is_zero(parser)
    end

    test "a bad value in it names its path" do
      assert_arg_error(
        fn -> Native.echo_parser(%{version: 1, position: %{row: -1, column: 3}}) end,
        "%{}.position.row",
        "integer in size_t range 0..18446744073709551615",
        -1
      )
    end
  end

  describe "options on a foreign NIF_UNIT_ENUM" do
    test "NIF_RENAME_FIELD shortens an enumerator's atom" do
      for style <- [:any, :plain, :quoted_style] do
        assert Native.echo_style(style) === style
      end

      assert_raise ArgumentError, fn -> Native.echo_style(:any_style) end
    end

    test "an enumerator left out by NIF_SKIP has no atom" do
      assert_raise ArgumentError, fn -> Native.echo_style(:folded_style) end

      assert_raise RuntimeError, ~r/ev_style_term_t holds a value that is none/, fn ->
        Native.folded_style()
      end
    end
  end
end
