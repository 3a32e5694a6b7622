defmodule NamesTest do
  use ExUnit.Case, async: true

  alias Names.Native

  test "functions named like the runtime's and the generated functions are callable" do
    assert Native.alloc(1) == 2
    assert Native.strdup(1) == 3
    assert Native.raise(1) == 4
    assert Native.decode_p_t(1, 2) == {1, 2}
    assert Native.encode_p_t({1, 2}) == 12
    assert Native.load(1) == 5
    assert Native.upgrade(1) == 6
  end

  test "parameters named like the wrapper's locals keep their positions" do
    assert Native.locals(1, 1, 1, 1, 1, 1, 1, 1, 1, 1) == 55
    assert Native.locals(0, 0, 0, 0, 0, 0, 0, 0, 0, 1) == 10
    assert Native.twice(21) == 42
    assert Native.sum([1, 2, 3]) == 6
  end

  test "errors still name the argument" do
    error = assert_raise ArgumentError, fn -> Native.locals(0, 0, 0, 0, 0, 0, 0, 0, 0, :x) end
    assert error.message =~ "10th argument"
    assert_raise ArgumentError, ~r/1st argument/, fn -> Native.encode_p_t({1}) end
  end

  test "unsigned char strings are UTF-8 binaries" do
    assert Native.echo_label(%{name: "héllo", note: nil}) == %{name: "héllo", note: nil}
    assert Native.echo_label(%{name: "a", note: "b"}) == %{name: "a", note: "b"}
    assert Native.ustrlen("héllo") == 6

    error = assert_raise ArgumentError, fn -> Native.ustrlen(<<0xFF>>) end
    assert error.message =~ "expected: UTF-8 binary"
    error = assert_raise ArgumentError, fn -> Native.echo_label(%{name: "a\0b", note: nil}) end
    assert error.message =~ "%{}.name"
  end
end
