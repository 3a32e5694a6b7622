defmodule Posix.ArgumentsTest do
  # A term of the wrong shape never reaches the C code: ArgumentError, naming where and why.
  use ExUnit.Case, async: true

  test "a path that is not a string" do
    error = assert_raise ArgumentError, fn -> Posix.stat(123) end
    assert error.message =~ "1st argument"
    assert error.message =~ "got: 123"
    assert_raise ArgumentError, fn -> Posix.lstat(:root) end
    assert_raise ArgumentError, fn -> Posix.getpwnam(nil) end
  end

  test "a path with a NUL byte or invalid UTF-8" do
    assert_raise ArgumentError, ~r/without NUL bytes/, fn -> Posix.stat("/etc\0/passwd") end
    assert_raise ArgumentError, fn -> Posix.stat(<<0xFF, 0xFE>>) end
  end

  test "an atom that is not one of the enum's" do
    error = assert_raise ArgumentError, fn -> Posix.clock_gettime(:sundial) end
    assert error.message =~ ":realtime"
    assert error.message =~ ":monotonic"
    assert_raise ArgumentError, fn -> Posix.getrusage(:everyone) end
    assert_raise ArgumentError, fn -> Posix.getrusage(0) end
  end

  test "seconds beyond time_t" do
    error = assert_raise ArgumentError, fn -> Posix.gmtime(2 ** 63) end
    assert error.message =~ "time_t range"
    assert_raise ArgumentError, fn -> Posix.localtime(1.5) end
  end

  test "a struct tm with a bad field names the field" do
    {:ok, tm} = Posix.gmtime(0)
    error = assert_raise ArgumentError, fn -> Posix.mktime(%{tm | tm_mday: "1"}) end
    assert error.message =~ "%Posix.Tm{}.tm_mday"
    assert error.message =~ "int range"

    error = assert_raise ArgumentError, fn -> Posix.mktime(Map.from_struct(tm)) end
    assert error.message =~ "expected: %Posix.Tm{}"
  end

  test "Erlang callers see plain badarg" do
    # `catch :error, reason` gets the raw Erlang reason, as an Erlang `catch` would.
    assert (try do
              Posix.Native.posix_stat(123)
            catch
              :error, reason -> reason
            end) == :badarg
  end
end
