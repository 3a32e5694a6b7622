defmodule Posix.SystemTest do
  # Oracles: :os.type/0, :os.version/0, the `uname` and `getent` commands,
  # and the kernel's /proc/self files.
  use ExUnit.Case, async: true

  test "uname/0 agrees with :os.type/0 and :os.version/0" do
    %Posix.Utsname{} = u = Posix.uname()
    assert {:unix, name} = :os.type()
    assert String.downcase(u.sysname) == Atom.to_string(name)

    [_, major, minor, patch] = Regex.run(~r/^(\d+)\.(\d+)\.(\d+)/, u.release)

    assert :os.version() ==
             {String.to_integer(major), String.to_integer(minor), String.to_integer(patch)}
  end

  test "uname/0 agrees with the uname command" do
    u = Posix.uname()
    {out, 0} = System.cmd("uname", ["-s", "-n", "-r", "-m"])
    assert String.split(out) == [u.sysname, u.nodename, u.release, u.machine]
    {version, 0} = System.cmd("uname", ["-v"])
    assert String.trim_trailing(version, "\n") == u.version
  end

  test "getpwnam/1 of root agrees with `getent passwd root`" do
    {out, 0} = System.cmd("getent", ["passwd", "root"])
    assert {:ok, pw} = Posix.getpwnam("root")
    assert passwd_line(pw) == String.trim_trailing(out, "\n")
    assert {pw.pw_uid, pw.pw_gid} == {0, 0}
  end

  test "getpwnam/1 agrees with getent for every user" do
    {out, 0} = System.cmd("getent", ["passwd"])

    lines =
      out
      |> String.split("\n", trim: true)
      |> Enum.uniq_by(fn line -> line |> String.split(":") |> hd() end)

    assert lines != []

    for line <- lines do
      name = line |> String.split(":") |> hd()
      assert {:ok, pw} = Posix.getpwnam(name)
      assert passwd_line(pw) == line
    end
  end

  test "getpwnam/1 of no such user is {:error, :enoent}" do
    name = "no_such_user_#{System.unique_integer([:positive])}"
    assert {_, 2} = System.cmd("getent", ["passwd", name])
    assert Posix.getpwnam(name) == {:error, :enoent}
  end

  defp passwd_line(pw) do
    Enum.join(
      [pw.pw_name, pw.pw_passwd, pw.pw_uid, pw.pw_gid, pw.pw_gecos, pw.pw_dir, pw.pw_shell],
      ":"
    )
  end

  test "getrusage/1 for :self, :children and :thread" do
    for who <- [:self, :children, :thread] do
      assert {:ok, %Posix.Rusage{} = usage} = Posix.getrusage(who)
      assert usage.ru_utime.tv_usec in 0..999_999
      assert usage.ru_stime.tv_usec in 0..999_999

      assert Enum.all?(
               Map.values(Map.drop(usage, [:__struct__, :ru_utime, :ru_stime])),
               &(&1 >= 0)
             )
    end

    {:ok, process} = Posix.getrusage(:self)
    {:ok, thread} = Posix.getrusage(:thread)
    assert seconds(thread.ru_utime) <= seconds(process.ru_utime) + 0.01
  end

  test "getrusage(:self) agrees with /proc/self" do
    peak_before = vm_hwm_kb()
    {ticks_before, tick} = proc_cpu_ticks()
    {:ok, usage} = Posix.getrusage(:self)
    {ticks_after, _} = proc_cpu_ticks()
    peak_after = vm_hwm_kb()

    # ru_maxrss is the peak resident set size in kB, /proc's VmHWM. The
    # kernel's RSS counters are per-CPU approximations, hence the 5%.
    assert usage.ru_maxrss >= peak_before * 0.95 and usage.ru_maxrss <= peak_after * 1.05

    # utime + stime, as /proc/self/stat counts them in clock ticks.
    cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
    assert cpu >= ticks_before * tick - 0.05 and cpu <= ticks_after * tick + 0.05
  end

  defp seconds(%{tv_sec: sec, tv_usec: usec}), do: sec + usec / 1_000_000

  defp vm_hwm_kb do
    [_, kb] = Regex.run(~r/^VmHWM:\s+(\d+) kB/m, File.read!("/proc/self/status"))
    String.to_integer(kb)
  end

  defp proc_cpu_ticks do
    stat = File.read!("/proc/self/stat")
    # Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    [_, rest] = String.split(stat, ") ", parts: 2)
    fields = String.split(rest)
    utime = String.to_integer(Enum.at(fields, 11))
    stime = String.to_integer(Enum.at(fields, 12))
    {hz, 0} = System.cmd("getconf", ["CLK_TCK"])
    {utime + stime, 1 / String.to_integer(String.trim(hz))}
  end
end
