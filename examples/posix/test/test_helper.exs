ExUnit.start()

defmodule Posix.TestHelpers do
  @moduledoc "Helpers shared by the time tests: ask the `date` command."

  # A Posix.Tm as `date +"%Y %m %d %H %M %S %w %j"` prints it, leading zeros dropped.
  def fields(%Posix.Tm{} = tm) do
    [
      tm.tm_year + 1900,
      tm.tm_mon + 1,
      tm.tm_mday,
      tm.tm_hour,
      tm.tm_min,
      tm.tm_sec,
      tm.tm_wday,
      tm.tm_yday + 1
    ]
    |> Enum.map(&Integer.to_string/1)
  end

  # One `date` process for all values: `date -f FILE` reads one date per line.
  def run_date(values, args, env, format) do
    file = Path.join(System.tmp_dir!(), "posix_dates_#{System.unique_integer([:positive])}")
    File.write!(file, Enum.map(values, &"@#{&1}\n"))

    try do
      {out, 0} = System.cmd("date", args ++ ["-f", file, "+" <> format], env: env)

      out
      |> String.split("\n", trim: true)
      |> Enum.map(fn line -> line |> String.split() |> Enum.map(&trim_zeros/1) end)
    after
      File.rm(file)
    end
  end

  defp trim_zeros(field) do
    case Integer.parse(field) do
      {n, ""} -> Integer.to_string(n)
      _ -> field
    end
  end
end
