defmodule Posix.LocalTimeZoneTest do
  # localtime/1 and mktime/1 in a time zone with daylight saving time,
  # against the `date` command in the same zone. The zone is a POSIX TZ
  # string (US Eastern rules), so no tzdata is needed.
  #
  # libc reads TZ from the OS environment, which System.put_env/2 does not
  # change (the VM keeps its own copy), so the calls run in a second VM
  # started with TZ set.
  use ExUnit.Case, async: true

  import Posix.TestHelpers

  @zone "EST5EDT,M3.2.0,M11.1.0"

  # The hours around 2024's spring and autumn changes, then 200 fixed
  # pseudo-random times in -2^31..2^33.
  @changes Enum.flat_map([1_710_054_000, 1_730_613_600], fn t ->
             Enum.map(-7200..7200//900, &(t + &1))
           end)

  @july %Posix.Tm{tm_year: 124, tm_mon: 6, tm_mday: 1, tm_hour: 12, tm_min: 0, tm_sec: 0}
  @january %{@july | tm_mon: 0}

  setup_all do
    state = :rand.seed_s(:exsss, {11, 21, 2024})

    {random, _} =
      Enum.map_reduce(1..200, state, fn _, state ->
        {n, state} = :rand.uniform_s(2 ** 33, state)
        {n - 2 ** 31, state}
      end)

    times = @changes ++ random

    code = """
    times = #{inspect(times, limit: :infinity)}
    localtime = for t <- times, do: Posix.localtime(t)
    roundtrip = for {:ok, tm} <- localtime, do: Posix.mktime(tm)
    mktime = Enum.map([#{inspect(@july)}, #{inspect(@january)}], &Posix.mktime/1)
    {localtime, roundtrip, mktime}
    """

    {localtime, roundtrip, mktime} = in_zone(@zone, code)
    %{times: times, localtime: localtime, roundtrip: roundtrip, mktime: mktime}
  end

  defp in_zone(zone, code) do
    paths = Path.wildcard(Path.join(Mix.Project.build_path(), "lib/*/ebin"))
    script = "IO.write(Base.encode64(:erlang.term_to_binary((fn -> #{code} end).())))"
    args = Enum.flat_map(paths, &["-pa", &1]) ++ ["-e", script]
    {out, 0} = System.cmd(System.find_executable("elixir"), args, env: [{"TZ", zone}])
    :erlang.binary_to_term(Base.decode64!(out))
  end

  test "localtime/1 agrees with `date` in the same zone", %{times: times, localtime: localtime} do
    lines = run_date(times, [], [{"TZ", @zone}], "%Y %m %d %H %M %S %w %j %Z %z")
    assert length(lines) == length(times) and length(localtime) == length(times)

    for {t, {:ok, tm}, line} <- Enum.zip([times, localtime, lines]) do
      [zone, offset] = Enum.drop(line, 8)
      assert fields(tm) == Enum.take(line, 8), "localtime(#{t})"
      assert tm.tm_zone == zone
      assert tm.tm_isdst == if(zone == "EDT", do: 1, else: 0)
      assert tm.tm_gmtoff == div(String.to_integer(offset), 100) * 3600
    end
  end

  test "mktime/1 undoes localtime/1 across daylight saving changes", context do
    assert length(context.roundtrip) == length(context.times)

    for {t, result} <- Enum.zip(context.times, context.roundtrip) do
      assert result == {:ok, t}, "mktime(localtime(#{t}))"
    end
  end

  test "mktime/1 with tm_isdst left out finds out whether DST applies", %{mktime: mktime} do
    # 2024-07-01 12:00 EDT is 16:00 UTC; 2024-01-01 12:00 EST is 17:00 UTC.
    assert mktime == [{:ok, 1_719_849_600}, {:ok, 1_704_128_400}]
  end
end
