defmodule Posix do
  @moduledoc """
  POSIX calls over the structs of the system's own headers.

  The NIF functions are generated into `Posix.Native` from `c_src/posix.h`,
  where they are named after their C prototypes (`posix_stat/1`, ...: the
  `posix_` prefix keeps the C names clear of libc's `stat`, `uname`, ...).
  This module is the hand-written face over them, with the libc names.

  Errors come back as `{:error, errno}` with the errno as an atom
  (`:enoent`, `:eacces`, ... as in `:file`); an argument of the wrong type
  raises `ArgumentError`.
  """

  alias Posix.Native

  @typedoc "An errno value as an atom, e.g. `:enoent`."
  @type errno :: Native.posix_errno_t()

  @doc "`stat(2)`: the file `path` refers to, following symbolic links."
  @spec stat(Path.t()) :: {:ok, Posix.Stat.t()} | {:error, errno}
  defdelegate stat(path), to: Native, as: :posix_stat

  @doc "`lstat(2)`: like `stat/1`, but a symbolic link is described itself."
  @spec lstat(Path.t()) :: {:ok, Posix.Stat.t()} | {:error, errno}
  defdelegate lstat(path), to: Native, as: :posix_lstat

  @doc "`uname(2)`: the system's name, release, version and machine."
  @spec uname() :: Posix.Utsname.t()
  defdelegate uname(), to: Native, as: :posix_uname

  @doc "`getrusage(2)` for `:self`, `:children` or `:thread`."
  @spec getrusage(Native.posix_rusage_who_t()) :: {:ok, Posix.Rusage.t()} | {:error, errno}
  defdelegate getrusage(who), to: Native, as: :posix_getrusage

  @doc "`gmtime_r(3)`: seconds since the epoch as a `Posix.Tm` in UTC."
  @spec gmtime(integer()) :: {:ok, Posix.Tm.t()} | {:error, errno}
  defdelegate gmtime(seconds), to: Native, as: :posix_gmtime

  @doc "`localtime_r(3)`: seconds since the epoch as a `Posix.Tm` in the local time zone (`TZ`)."
  @spec localtime(integer()) :: {:ok, Posix.Tm.t()} | {:error, errno}
  defdelegate localtime(seconds), to: Native, as: :posix_localtime

  @doc "`mktime(3)`: a local `Posix.Tm` as seconds since the epoch."
  @spec mktime(Posix.Tm.t()) :: {:ok, integer()} | {:error, errno}
  defdelegate mktime(tm), to: Native, as: :posix_mktime

  @doc "`clock_gettime(2)` of a clock such as `:realtime` or `:monotonic`."
  @spec clock_gettime(Native.posix_clock_t()) ::
          {:ok, Native.posix_timespec_t()} | {:error, errno}
  defdelegate clock_gettime(clock), to: Native, as: :posix_clock_gettime

  @doc "`getpwnam_r(3)`: the password database entry of a user name; `{:error, :enoent}` when there is none."
  @spec getpwnam(String.t()) :: {:ok, Posix.Passwd.t()} | {:error, errno}
  defdelegate getpwnam(name), to: Native, as: :posix_getpwnam
end
