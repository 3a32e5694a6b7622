defmodule Posix.TimeTest do
  # Oracles: :calendar (OTP's own calendar arithmetic), the coreutils `date`
  # command, and System.os_time/1.
  use ExUnit.Case, async: true

  import Posix.TestHelpers

  # 0000-01-01T00:00:00Z, the earliest time :calendar converts.
  @year_zero -62_167_219_200
  @year_9999_end 253_402_300_799

  @fixed [
    -(2 ** 31) - 1,
    -(2 ** 31),
    -86_400,
    -1,
    0,
    1,
    951_782_400,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    4_107_542_400,
    @year_zero,
    @year_9999_end,
    @year_9999_end + 1,
    2 ** 40
  ]

  # Deterministic "random" times: the same values on every run.
  defp times(count, range) do
    state = :rand.seed_s(:exsss, {2024, 11, 21})

    {values, _} =
      Enum.map_reduce(1..count, state, fn _, state ->
        {n, state} = :rand.uniform_s(Range.size(range), state)
        {range.first + n - 1, state}
      end)

    @fixed ++ values
  end

  defp date_tuple(%Posix.Tm{} = tm),
    do: {{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, {tm.tm_hour, tm.tm_min, tm.tm_sec}}

  test "gmtime/1 agrees with :calendar.system_time_to_universal_time/2" do
    for t <- times(400, @year_zero..@year_9999_end) do
      {{y, m, d}, _} = expected = :calendar.system_time_to_universal_time(t, :second)
      assert {:ok, tm} = Posix.gmtime(t)
      assert date_tuple(tm) == expected, "gmtime(#{t})"
      assert tm.tm_wday == rem(:calendar.day_of_the_week(y, m, d), 7)

      assert tm.tm_yday ==
               :calendar.date_to_gregorian_days(y, m, d) -
                 :calendar.date_to_gregorian_days(y, 1, 1)

      assert {tm.tm_isdst, tm.tm_gmtoff} == {0, 0}
    end
  end

  test "gmtime/1 agrees with `date -u`" do
    values = times(100, -(2 ** 40)..(2 ** 40))
    lines = run_date(values, ["-u"], [], "%Y %m %d %H %M %S %w %j")
    assert length(lines) == length(values)

    for {t, line} <- Enum.zip(values, lines) do
      assert {:ok, tm} = Posix.gmtime(t)
      assert fields(tm) == line, "gmtime(#{t})"
    end
  end

  test "gmtime/1 past the years an int holds is {:error, :eoverflow}" do
    assert Posix.gmtime(2 ** 62) == {:error, :eoverflow}
    assert Posix.gmtime(-(2 ** 63)) == {:error, :eoverflow}
  end

  test "mktime/1 undoes localtime/1" do
    for t <- times(400, -(2 ** 31)..(2 ** 34)) do
      assert {:ok, tm} = Posix.localtime(t)
      assert Posix.mktime(tm) == {:ok, t}, "mktime(localtime(#{t}))"
    end
  end

  test "mktime/1 takes a Posix.Tm without the fields it works out itself" do
    {:ok, local} = Posix.localtime(1_700_000_000)

    tm = %Posix.Tm{
      tm_year: local.tm_year,
      tm_mon: local.tm_mon,
      tm_mday: local.tm_mday,
      tm_hour: local.tm_hour,
      tm_min: local.tm_min,
      tm_sec: local.tm_sec
    }

    assert {tm.tm_isdst, tm.tm_zone} == {-1, nil}
    assert Posix.mktime(tm) == {:ok, 1_700_000_000}
    # Out-of-range fields are normalised, as C's mktime does.
    assert Posix.mktime(%{tm | tm_sec: tm.tm_sec + 3600}) == {:ok, 1_700_003_600}
  end

  test "mktime/1 tells the time -1 from an error" do
    {:ok, tm} = Posix.localtime(-1)
    assert Posix.mktime(tm) == {:ok, -1}

    assert Posix.mktime(%{tm | tm_year: 2 ** 31 - 1, tm_mon: 11 + 12 * 1000}) ==
             {:error, :eoverflow}
  end

  test "clock_gettime(:realtime) agrees with System.os_time/1" do
    tolerance = 50_000_000

    for _ <- 1..20 do
      before = System.os_time(:nanosecond)
      assert {:ok, %{tv_sec: sec, tv_nsec: nsec}} = Posix.clock_gettime(:realtime)
      later = System.os_time(:nanosecond)
      assert nsec in 0..999_999_999
      now = sec * 1_000_000_000 + nsec
      assert now >= before - tolerance and now <= later + tolerance
    end
  end

  test "clock_gettime(:monotonic) never goes back" do
    readings =
      for _ <- 1..100 do
        {:ok, %{tv_sec: sec, tv_nsec: nsec}} = Posix.clock_gettime(:monotonic)
        sec * 1_000_000_000 + nsec
      end

    assert readings == Enum.sort(readings)
  end

  test "every clock of the enum gives a time or an errno" do
    clocks = [
      :realtime,
      :monotonic,
      :process_cputime_id,
      :thread_cputime_id,
      :monotonic_raw,
      :realtime_coarse,
      :monotonic_coarse,
      :boottime,
      :tai
    ]

    for clock <- clocks do
      assert match?({:ok, %{tv_sec: _, tv_nsec: _}}, Posix.clock_gettime(clock)) or
               Posix.clock_gettime(clock) == {:error, :einval}
    end
  end
end
