defmodule Everything.BytesTest do
  @moduledoc "NIF_AS_BINARY, NIF_AS_BOOL and unsigned char * strings (issue 9), native and foreign."
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.Native

  defp bytes(fields \\ []) do
    Map.merge(
      %{frozen: "", scratch: "", numbers: [], on: false, lit: true, label: "l", maybe: nil},
      Map.new(fields)
    )
  end

  describe "NIF_AS_BINARY" do
    test "a binary of any bytes, 0..255 included, both ways" do
      all = :binary.list_to_bin(Enum.to_list(0..255))
      b = bytes(frozen: all, scratch: all <> <<0>>, numbers: [0, 255])
      assert Native.echo_bytes(b) === b
    end

    test "without NIF_AS_BINARY the same C type stays a list of integers" do
      assert Native.echo_bytes(bytes(numbers: [1, 2, 3])).numbers === [1, 2, 3]

      assert_arg_error(
        fn -> Native.echo_bytes(bytes(numbers: "abc")) end,
        "%{}.numbers",
        "list",
        "abc"
      )
    end

    test "a const pointee is zero-copy: the result is a sub-binary of the argument" do
      big = :binary.copy("x", 1000)
      frozen = Native.echo_bytes(bytes(frozen: big)).frozen
      assert frozen === big
      assert :binary.referenced_byte_size(frozen) == 1000

      part = binary_part(:binary.copy("y", 2000), 500, 1000)
      assert :binary.referenced_byte_size(Native.echo_bytes(bytes(frozen: part)).frozen) == 2000
    end

    test "a non-const pointee is a copy the C code may write; the argument is unchanged" do
      original = :binary.copy("abc", 100)
      shouted = Native.shout_bytes(bytes(scratch: original))
      assert shouted.scratch === :binary.copy("ABC", 100)
      assert original === :binary.copy("abc", 100)
    end

    test "the length type bounds the size" do
      assert Native.echo_bytes(bytes(scratch: :binary.copy("a", 32767))).scratch ==
               :binary.copy("a", 32767)

      too_long = :binary.copy("a", 32768)

      assert_arg_error(
        fn -> Native.echo_bytes(bytes(scratch: too_long)) end,
        "%{}.scratch",
        "binary of at most 32767 bytes",
        too_long
      )
    end

    test "anything else is an error naming the member; no UTF-8 check" do
      assert_arg_error(
        fn -> Native.echo_bytes(bytes(frozen: [1, 2])) end,
        "%{}.frozen",
        "binary",
        [1, 2]
      )

      assert_arg_error(fn -> Native.echo_bytes(bytes(frozen: :a)) end, "%{}.frozen", "binary", :a)
      assert Native.echo_bytes(bytes(frozen: <<0xFF, 0xFE>>)).frozen == <<0xFF, 0xFE>>
    end

    test "a parameter" do
      assert Native.all_zero(<<0, 0, 0>>) === true
      assert Native.all_zero(<<>>) === true
      assert Native.all_zero(<<0, 1>>) === false

      assert_arg_error(
        fn -> Native.all_zero("é" |> :unicode.characters_to_list()) end,
        "",
        "binary",
        [233]
      )
    end

    test "a result: a sub-binary of the argument it points into" do
      data = :binary.copy("ab", 100)
      half = Native.first_half(data)
      assert half === :binary.copy("ab", 50)
      assert :binary.referenced_byte_size(half) == 200
      assert Native.first_half(<<1, 2, 3>>) === <<1>>
    end

    test "NULL with a nonzero length in a result is an error naming the member" do
      assert_raise RuntimeError,
                   ~r"bytes_t\.scratch \(char \*\) is NULL with a nonzero length",
                   fn -> Native.raw_bytes(0, 1) end
    end
  end

  describe "NIF_AS_BOOL" do
    test "true and false both ways" do
      assert Native.echo_bytes(bytes(on: true)).on === true
      assert Native.echo_bytes(bytes(on: false, lit: false)) === bytes(on: false, lit: false)
      assert Native.shout_bytes(bytes(on: false)).on === true
    end

    test "decodes to 1 and 0" do
      assert Native.raw_flag(true) === 1
      assert Native.raw_flag(false) === 0
    end

    test "any nonzero value encodes as true" do
      assert Native.raw_bytes(0, 0).on === false

      for raw <- [1, 2, -1, 7, 2_147_483_647, -2_147_483_648] do
        assert Native.raw_bytes(raw, 0).on === true
      end
    end

    test "only the atoms true and false decode" do
      for bad <- [1, 0, nil, :yes, "true"] do
        assert_arg_error(fn -> Native.raw_flag(bad) end, "", "true or false", bad)

        assert_arg_error(
          fn -> Native.echo_bytes(bytes(on: bad)) end,
          "%{}.on",
          "true or false",
          bad
        )
      end
    end

    test "a default of true" do
      assert Native.echo_bytes(Map.delete(bytes(), :lit)).lit === true
    end
  end

  describe "unsigned char * strings" do
    test "NUL-terminated UTF-8, nullable with NIF_OPTIONAL" do
      b = bytes(label: "héllo", maybe: "ü")
      assert Native.echo_bytes(b) === b
      assert Native.echo_bytes(bytes(maybe: nil)).maybe === nil
    end

    test "invalid UTF-8 and NUL bytes are errors" do
      assert_arg_error(
        fn -> Native.echo_bytes(bytes(label: <<0xFF>>)) end,
        "%{}.label",
        "UTF-8 binary without NUL bytes",
        <<0xFF>>
      )

      assert_arg_error(
        fn -> Native.echo_bytes(bytes(maybe: "a\0b")) end,
        "%{}.maybe",
        "nil or UTF-8 binary without NUL bytes",
        "a\0b"
      )
    end

    test "NULL in a result names the member, its C type and NIF_OPTIONAL" do
      assert_raise RuntimeError,
                   "Everything.Native.raw_bytes/2: bytes_t.label (const unsigned char *) is NULL: mark it NIF_OPTIONAL",
                   fn -> Native.raw_bytes(0, 2) end
    end
  end

  describe "a foreign struct's members (NIF_*_FIELD on the typedef)" do
    @record %{
      name: "n",
      anchor: nil,
      value: <<0, 255, ?a>>,
      plain_implicit: true,
      note: "note"
    }

    test "unsigned char * strings, NIF_OPTIONAL_FIELD, NIF_AS_BINARY_FIELD, NIF_AS_BOOL_FIELD" do
      assert Native.echo_lib_record(@record) === @record
      with_anchor = %{@record | anchor: "a1", plain_implicit: false}
      assert Native.echo_lib_record(with_anchor) === with_anchor
    end

    test "the optional member is nil or a string, never a byte" do
      assert_arg_error(
        fn -> Native.echo_lib_record(%{@record | anchor: 65}) end,
        "%{}.anchor",
        "nil or UTF-8 binary without NUL bytes",
        65
      )
    end

    test "NULL in a result names the member, its C type and NIF_OPTIONAL_FIELD" do
      assert_raise RuntimeError,
                   "Everything.Native.null_lib_record/1: lib_record_t.name (lib_char_t *) is NULL: mark it NIF_OPTIONAL_FIELD(name)",
                   fn -> Native.null_lib_record(1) end

      assert_raise RuntimeError,
                   "Everything.Native.null_lib_record/1: lib_record_t.note (char *) is NULL: mark it NIF_OPTIONAL_FIELD(note)",
                   fn -> Native.null_lib_record(2) end
    end

    test "typespecs" do
      {:ok, types} = Code.Typespec.fetch_types(Native)

      specs =
        for {:type, {name, spec, []}} <- types, name in [:lib_record_t, :bytes_t], into: %{} do
          {name, Macro.to_string(Code.Typespec.type_to_quoted({name, spec, []}))}
        end

      assert specs.lib_record_t =~ "anchor: String.t() | nil"
      assert specs.lib_record_t =~ "value: binary()"
      assert specs.lib_record_t =~ "plain_implicit: boolean()"
      assert specs.bytes_t =~ "frozen: binary()"
      assert specs.bytes_t =~ "maybe: String.t() | nil"
    end
  end
end
