ExUnit.start()

defmodule Everything.Case do
  @moduledoc "Helpers for asserting nif_derive's ArgumentError messages exactly."

  import ExUnit.Assertions

  @doc """
  The message of the ArgumentError raised for argument `n`: `location` is
  the argument's type and the path into it ("" for a plain scalar
  argument), `got` the offending term.
  """
  def message(n, location, expected, got) do
    where = if location == "", do: "", else: location <> "\n      "

    "errors were found at the given arguments:\n\n  * #{ordinal(n)} argument: " <>
      where <>
      "expected: #{expected}\n      got: #{inspect(got, limit: 10, printable_limit: 80)}\n"
  end

  @doc "Asserts that `fun` raises exactly the ArgumentError of `message/4`."
  def assert_arg_error(fun, n \\ 1, location, expected, got) do
    error = assert_raise ArgumentError, fun
    assert error.message == message(n, location, expected, got)
    error
  end

  defp ordinal(1), do: "1st"
  defp ordinal(2), do: "2nd"
  defp ordinal(3), do: "3rd"
  defp ordinal(n), do: "#{n}th"

  @doc """
  Every C integer type of everything.h: the echo function, the field of
  %Everything.Integers{}, the C spelling and its range on this machine.
  """
  def integer_types do
    word = :erlang.system_info({:wordsize, :external}) * 8

    char_signed? =
      not (to_string(:erlang.system_info(:system_architecture)) =~
             ~r/^(aarch64|arm|powerpc|s390|riscv)/)

    {char_min, char_max} = if char_signed?, do: {-128, 127}, else: {0, 255}

    [
      {:echo_char, :c, "char", char_min, char_max},
      {:echo_schar, :sc, "signed char", -128, 127},
      {:echo_uchar, :uc, "unsigned char", 0, 255},
      {:echo_short, :s, "short", -32768, 32767},
      {:echo_ushort, :us, "unsigned short", 0, 65535},
      {:echo_int, :i, "int", -2 ** 31, 2 ** 31 - 1},
      {:echo_uint, :ui, "unsigned int", 0, 2 ** 32 - 1},
      {:echo_long, :l, "long", -2 ** (word - 1), 2 ** (word - 1) - 1},
      {:echo_ulong, :ul, "unsigned long", 0, 2 ** word - 1},
      {:echo_llong, :ll, "long long", -2 ** 63, 2 ** 63 - 1},
      {:echo_ullong, :ull, "unsigned long long", 0, 2 ** 64 - 1},
      {:echo_int8, :i8, "int8_t", -128, 127},
      {:echo_int16, :i16, "int16_t", -32768, 32767},
      {:echo_int32, :i32, "int32_t", -2 ** 31, 2 ** 31 - 1},
      {:echo_int64, :i64, "int64_t", -2 ** 63, 2 ** 63 - 1},
      {:echo_uint8, :u8, "uint8_t", 0, 255},
      {:echo_uint16, :u16, "uint16_t", 0, 65535},
      {:echo_uint32, :u32, "uint32_t", 0, 2 ** 32 - 1},
      {:echo_uint64, :u64, "uint64_t", 0, 2 ** 64 - 1},
      {:echo_size, :size, "size_t", 0, 2 ** word - 1},
      {:echo_ssize, :ssize, "ssize_t", -2 ** (word - 1), 2 ** (word - 1) - 1}
    ]
  end

  @doc "An %Everything.Integers{} with every field set by `pick.(min, max)`."
  def integers(pick) do
    fields = for {_, field, _, min, max} <- integer_types(), do: {field, pick.(min, max)}
    struct!(Everything.Integers, fields)
  end
end
