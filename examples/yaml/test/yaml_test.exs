defmodule YamlTest do
  @moduledoc """
  Yaml.parse_events/1 and Yaml.emit_events/1 against libyaml used directly
  (Yaml.Reference): the same events, the same emitted text, and round trips.
  """
  use ExUnit.Case, async: true

  alias Yaml.Reference

  # U+0000..U+00FF as double-quoted escapes: the value is their UTF-8 bytes.
  @escapes Enum.map_join(0..255, &("\\x" <> Base.encode16(<<&1>>)))

  @samples %{
    "every scalar style" => """
    plain: a b
    single: 'it''s'
    double: "tab\\there \\u00e9 \\U0001F389"
    literal: |
      line 1
       line 2
    folded: >-
      folded
      text
    empty: ''
    null:
    """,
    "anchors and aliases" => """
    base: &b {x: 1, y: [2, 3]}
    ref: *b
    list: &l
      - &s scalar
      - *s
    again: *l
    """,
    "tags" => """
    %TAG !e! tag:example.com,2000:
    --- !e!shape
    - !!str 1
    - !local x
    - !<tag:other.org,2001:v> y
    - !!map {a: !!seq [], b: !!null ''}
    """,
    "several documents" => """
    --- first
    --- second
    ...
    %YAML 1.1
    --- !!str third
    ...
    ---
    - fourth
    """,
    "flow and block collections" => "{a: [1, {b: c}], d: e}\n---\n- - x\n  - y\n- k: v\n",
    "an empty stream" => "",
    "unicode" => "k: héllo ✓ 🎉\n\"ключ\": 值\n",
    "escapes of U+0000..U+00FF" => "v: \"#{@escapes}\"\n"
  }

  describe "parse_events/1" do
    for {name, yaml} <- @samples do
      test "gives libyaml's events: #{name}" do
        yaml = unquote(yaml)
        assert Reference.lines(Yaml.parse_events(yaml)) == Reference.events(yaml)
      end
    end

    test "events as terms" do
      assert Yaml.parse_events("- &a x\n- *a\n") == [
               {:stream_start, %{encoding: :utf8}},
               {:document_start, %{version_directive: nil, implicit: true}},
               {:sequence_start, %{anchor: nil, tag: nil, implicit: true, style: :block}},
               {:scalar,
                %{
                  anchor: "a",
                  tag: nil,
                  value: "x",
                  plain_implicit: true,
                  quoted_implicit: false,
                  style: :plain
                }},
               {:alias, %{anchor: "a"}},
               :sequence_end,
               {:document_end, %{implicit: true}},
               :stream_end
             ]
    end

    test "a value holds NUL and every code point U+0000..U+00FF" do
      [_, _, _, _, {:scalar, %{value: value}} | _] = Yaml.parse_events("v: \"#{@escapes}\"\n")

      assert value == :unicode.characters_to_binary(Enum.to_list(0..255))
    end

    test "a %YAML directive" do
      assert {:document_start, %{version_directive: {1, 1}, implicit: false}} in Yaml.parse_events(
               "%YAML 1.1\n--- a\n"
             )
    end

    @bad %{
      "unclosed flow sequence" => "a: [b\n",
      "bad indentation" => "a:\n  b: 1\n c: 2\n",
      "tab indentation" => "a:\n\t- b\n",
      "undefined tag handle" => "--- !x!y z\n",
      "bytes that are not UTF-8" => <<"a: ", 0xFF, 0xFE, "\n">>,
      "a control character" => <<"a: b", 1, "\n">>,
      "an unclosed quote" => "a: \"b\n",
      "a second %YAML directive" => "%YAML 1.1\n%YAML 1.1\n--- a\n"
    }

    for {name, yaml} <- @bad do
      test "raises Yaml.ParseError with libyaml's problem and marks: #{name}" do
        yaml = unquote(yaml)
        error = assert_raise Yaml.ParseError, fn -> Yaml.parse_events(yaml) end
        assert Reference.error_line(error) == List.last(Reference.events(yaml))

        assert error.message ==
                 "#{error.problem} at line #{error.problem_mark.line + 1} column #{error.problem_mark.column + 1}"
      end
    end

    test "rejects a term that is not a binary" do
      assert_raise ArgumentError, ~r/expected: binary/, fn -> Yaml.parse_events(:yaml) end
    end
  end

  describe "emit_events/1" do
    for {name, yaml} <- @samples do
      test "writes what libyaml writes: #{name}" do
        yaml = unquote(yaml)
        assert Yaml.emit_events(Yaml.parse_events(yaml)) == Reference.echo(yaml)
      end

      test "round-trips parse → emit → parse: #{name}" do
        yaml = unquote(yaml)
        again = yaml |> Yaml.parse_events() |> Yaml.emit_events() |> Yaml.parse_events()
        assert Reference.lines(again) == Reference.events(Reference.echo(yaml))
      end
    end

    defp scalar(value, style \\ :double_quoted) do
      {:scalar,
       %{
         anchor: nil,
         tag: nil,
         value: value,
         plain_implicit: true,
         quoted_implicit: true,
         style: style
       }}
    end

    defp document(body) do
      [
        {:stream_start, %{encoding: :utf8}},
        {:document_start, %{version_directive: nil, implicit: true}}
        | body
      ] ++ [{:document_end, %{implicit: true}}, :stream_end]
    end

    test "bytes 0..127 in a value (NUL included) come back the same" do
      ascii = :binary.list_to_bin(Enum.to_list(0..127))
      yaml = Yaml.emit_events(document([scalar(ascii)]))
      assert [_, _, {:scalar, %{value: ^ascii}} | _] = Yaml.parse_events(yaml)
    end

    test "every scalar style is written as asked where libyaml can" do
      styles = [:plain, :single_quoted, :double_quoted, :literal, :folded]

      for style <- styles do
        yaml = Yaml.emit_events(document([scalar("text", style)]))
        assert [_, _, {:scalar, %{value: "text", style: ^style}} | _] = Yaml.parse_events(yaml)
      end
    end

    test "libyaml refuses a value that is not UTF-8 (bytes 128..255 alone)" do
      for byte <- 128..255 do
        error =
          assert_raise Yaml.EmitError, fn -> Yaml.emit_events(document([scalar(<<byte>>)])) end

        assert error.message =~ "event 2:"
      end
    end

    test "libyaml refuses events out of order" do
      error = assert_raise Yaml.EmitError, fn -> Yaml.emit_events([scalar("x")]) end
      assert error.message == "event 0: expected STREAM-START"
    end

    test "an alias with no anchor is refused by libyaml's initialiser" do
      assert_raise Yaml.EmitError, ~r/event 2: libyaml cannot make this event \(an alias/, fn ->
        Yaml.emit_events(document([{:alias, %{anchor: nil}}]))
      end
    end

    test "a term that is not an event is an ArgumentError naming where" do
      error = assert_raise ArgumentError, fn -> Yaml.emit_events(document([scalar(5)])) end
      assert error.message =~ "[2]"
      assert error.message =~ "expected: binary"

      assert_raise ArgumentError, ~r/expected: list/, fn -> Yaml.emit_events(:x) end
      assert_raise ArgumentError, fn -> Yaml.emit_events([:scalar]) end

      assert_raise ArgumentError, fn ->
        Yaml.emit_events([{:stream_start, %{encoding: :utf7}}])
      end

      assert_raise ArgumentError, ~r/true or false/, fn ->
        Yaml.emit_events([{:document_end, %{implicit: 1}}])
      end
    end
  end
end
