defmodule Everything.FunctionsTest do
  @moduledoc "NIF functions: arguments by value and by pointer, lists, env, void, C-side errors."
  use ExUnit.Case, async: true

  import Everything.Case

  alias Everything.{Native, Point}

  @int64 "integer in int64_t range -9223372036854775808..9223372036854775807"

  defp point(x, y), do: %Point{x: x, y: y}

  test "lists as arguments" do
    assert Native.sum_list([]) === 0
    assert Native.sum_list([1, -2, 3]) === 2
    assert Native.sum_list(Enum.to_list(1..10_000)) === 50_005_000
  end

  test "lists as results" do
    points = for i <- 1..100, do: point(i, -i)
    assert Native.reverse_points(points) === Enum.reverse(points)
    assert Native.reverse_points([]) === []
    assert Native.split_words("a bc  d") === ["a", "bc", "d"]
    assert Native.split_words("") === []
  end

  test "lists of strings and of small integers as arguments, a uint32_t-counted list as result" do
    assert Native.total_length(["ab", "", "cde"]) === 5
    assert Native.total_length([]) === 0
    assert Native.count_small([1, 20, 3]) === 2
    assert Native.countdown(3) === [3, 2, 1]
    assert Native.countdown(0) === []
  end

  test "arguments by const pointer: a struct, a double and an enum" do
    assert Native.scale_point(point(1, 2), 2, :green) === 6.0
    assert Native.scale_point(point(1, 2), 0.5, :red) === -1.5

    assert_arg_error(
      fn -> Native.scale_point(point(1, 2), 1.0, :blue) end,
      3,
      "",
      "one of :red, :green, :azure, :white",
      :blue
    )
  end

  test "parameters named like Elixir keywords or in camelCase" do
    assert Native.four(1, 2, 3, 4) === 1234
  end

  @max 2 ** 63 - 1
  @min Integer.pow(-2, 63)

  test "arithmetic that leaves int64_t fails the call instead of overflowing" do
    assert Native.four(0, 0, 0, @max) === @max
    assert Native.four(-9_223_372_036_854_775, 0, 0, -808) === @min

    four = "first * 1000 + end * 100 + startValue * 10 + fn in int64_t range"

    for args <- [[@max, 0, 0, 0], [0, 0, 1, @max], [0, @min, 0, 0]] do
      assert_arg_error(fn -> apply(Native, :four, args) end, "", four, hd(args))
    end

    assert Native.sum_list([@max, -1, 1]) === @max
    sum = "integers whose sum fits in int64_t"
    assert_arg_error(fn -> Native.sum_list([@max, 1]) end, "", sum, [@max, 1])
    assert_arg_error(fn -> Native.sum_list([@min, -1]) end, "", sum, [@min, -1])
    assert_arg_error(fn -> Native.summarize([@max, @max]) end, "", sum, [@max, @max])

    assert Native.tally(%{"a" => 1, {:b} => 2, %{} => -3}) === 0

    assert_arg_error(
      fn -> Native.tally(%{a: @max, b: 1}) end,
      "",
      "counts whose sum fits in int64_t",
      %{a: @max, b: 1}
    )

    assert_arg_error(fn -> Native.tally(%{{1, 2} => :x}) end, "[{1, 2}]", @int64, :x)
  end

  test "results that would leave their C type saturate or are computed wider" do
    max_point = point(2 ** 31 - 1, 2 ** 31 - 1)
    assert Native.scale_point(max_point, 1, :green) === 4_294_967_294.0
    assert Native.scale_point(max_point, 1.0e308, :red) === :neg_infinity
    assert Native.query_limit(%{text: "abc", limit: 2 ** 32 - 2}) === 2 ** 32 - 1
  end

  test "greet is linear and bounded: a greeting of at most 65536 bytes" do
    name = String.duplicate("n", 65_536 - 8 - 1)
    assert byte_size(Native.greet(name, 1)) === 65_536 - 1 - 2
    assert Native.greet("éé", 3) === "hello éé, hello éé, hello éé"

    expected = "nil or a name short enough for a greeting of at most 65536 bytes"
    too_long = String.duplicate("n", 65_536)
    assert_arg_error(fn -> Native.greet(too_long, 1) end, "", expected, too_long)

    assert byte_size(Native.greet("ann", 255)) === 255 * 11 - 2
    wide = String.duplicate("n", 300)
    assert_arg_error(fn -> Native.greet(wide, 255) end, "", expected, wide)
  end

  test "a result without a term raises RuntimeError, never crashes" do
    assert_raise RuntimeError, ~r/null_string_result.*NULL/, fn -> Native.null_string_result() end
    assert_raise RuntimeError, ~r/not valid UTF-8/, fn -> Native.invalid_utf8_result() end

    assert_raise RuntimeError, ~r/color_t holds a value that is none of its enumerators/, fn ->
      Native.bad_enum_result()
    end

    assert_raise RuntimeError, ~r/shape_t.kind holds a value/, fn -> Native.bad_tag_result() end

    assert_raise RuntimeError, ~r/NIF_LEN length in the result is negative/, fn ->
      Native.negative_length_result()
    end
  end

  test "NIF_OPTIONAL arguments" do
    assert Native.describe_origin(nil) === "nowhere"
    assert Native.describe_origin(point(1, -2)) === "(1, -2)"
    assert Native.greet(nil, 2) === "hello stranger, hello stranger"
    assert Native.greet("ann", 1) === "hello ann"
    assert Native.greet("ann", 0) === ""

    assert_arg_error(
      fn -> Native.describe_origin(%{x: 1, y: 2}) end,
      "",
      "%Everything.Point{}",
      %{x: 1, y: 2}
    )
  end

  test "ErlNifEnv *env parameters are not arguments" do
    assert Native.make_pair(1, -(2 ** 63)) === {1, -(2 ** 63)}
    assert Native.self_pid() === self()
    assert function_exported?(Native, :make_pair, 2)
    assert function_exported?(Native, :self_pid, 0)
  end

  test "void returns :ok" do
    assert Native.noop() === :ok
  end

  test "dirty NIFs run like the others" do
    task =
      Task.async(fn ->
        Native.echo_segment(%Everything.Segment{from: point(1, 2), to: point(3, 4)})
      end)

    assert %Everything.Segment{} = Task.await(task)

    assert %Everything.Scene{layers: []} =
             Native.echo_scene(%Everything.Scene{title: "", layers: [], tint: {:rgb, 0, 0, 0}})
  end

  test "nif_fail_argument: validation in C raises ArgumentError for that argument" do
    assert Native.checked_div(7, 2) === 3
    assert_arg_error(fn -> Native.checked_div(1, 0) end, 2, "", "a non-zero divisor", 0)

    assert_arg_error(
      fn -> Native.checked_div(-(2 ** 63), -1) end,
      1,
      "",
      "a dividend whose quotient fits in int64_t",
      -(2 ** 63)
    )
  end

  test "NIF_EXCEPTION raised from C" do
    error = assert_raise Everything.Error, "boom", fn -> Native.raise_error("boom", 42) end
    assert error === %Everything.Error{message: "boom", code: 42}

    assert_raise Everything.Error, "", fn -> Native.raise_error("", 0) end
  end

  test "Erlang callers match error:badarg" do
    assert catch_error(Native.echo_int8(300)) == :badarg
    assert catch_error(Native.echo_scene(%{})) == :badarg
    assert catch_error(Native.checked_div(1, 0)) == :badarg
    assert :everything_erl.echo_int8(1) == 1
    assert :everything_erl.echo_int8(300) == :badarg
  end

  test "error_info formats the message for Erlang too" do
    text = :everything_erl.format_badarg(300)
    assert text =~ "integer in int8_t range -128..127"
    assert text =~ "300"
  end

  test "the stacktrace starts at the public function with its arguments" do
    try do
      Native.echo_int8(300)
    catch
      :error, :badarg ->
        assert [{Native, :echo_int8, [300], info} | _] = __STACKTRACE__
        assert %{module: NifDerive.Error} = info[:error_info]
    end
  end

  test "a process that called a failing NIF keeps working" do
    for _ <- 1..1000 do
      assert_raise ArgumentError, fn ->
        Native.echo_scene(%Everything.Scene{title: 1, layers: [], tint: nil})
      end
    end

    assert Native.echo_int8(1) === 1
  end
end
