# The fuzz harness: `make fuzz` (FUZZ_SECONDS, default 300) and a short run in
# `make test`. Run from test/project with `MIX_ENV=test mix run --no-start`:
#
#   mix run --no-start ../fuzz/run.exs SECONDS
#
# 1. Builds test/project's NIF library (the command of NifDerive.Build, so the
#    same sources and flags) with -fsanitize=address,undefined
#    -fno-sanitize-recover=undefined into _build/fuzz/, beside the project's
#    compiled modules; priv/ and _build/test are left as they are.
# 2. Runs worker.exs in a VM with the sanitizer runtime preloaded and
#    `+Mea min` (enif_alloc memory through malloc, where ASan sees it): first
#    most of the time without leak checks ("fuzz"), then the rest with
#    LeakSanitizer at exit and full malloc stacks ("leaks").
# 3. Fails on the worker's own failures (an unexpected exception, an atom, a
#    module loaded), any ASan or UBSan report, a VM that does not exit 0, and
#    any leak whose allocation stack passes through the library. Leaks of the
#    VM itself (it frees little at exit) are counted and ignored.
#
# FUZZ_CC picks the compiler (gcc or clang; default gcc), FUZZ_SEED the seed.

defmodule Fuzz.Run do
  @moduledoc false

  @report ~r/ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error:/

  @sanitize ~w(-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined
               -fno-sanitize-recover=undefined)

  def main([seconds]) do
    seconds = String.to_integer(seconds)
    config = NifDerive.Config.current()
    dir = Path.expand("_build/fuzz")
    library = build(config, dir)

    seed =
      String.to_integer(
        System.get_env("FUZZ_SEED") || Integer.to_string(:rand.uniform(1_000_000))
      )

    leak_seconds = max(div(seconds, 5), 5)
    IO.puts("fuzz: seed #{seed} (FUZZ_SEED=#{seed} repeats it), #{library.cc}, #{seconds} s")

    fuzz = phase(dir, library, "fuzz", seconds - leak_seconds, seed)
    leaks = phase(dir, library, "leaks", leak_seconds, seed + 1)
    calls = fuzz.calls + leaks.calls

    IO.puts("""
    fuzz: #{calls} calls in #{fuzz.seconds + leaks.seconds} s under ASan+UBSan \
    (#{fuzz.calls_per_second} calls/s; #{leaks.calls_per_second} calls/s with full malloc stacks)
      random terms #{fuzz.random + leaks.random}, mutations #{fuzz.mutated + leaks.mutated}, \
    valid arguments #{fuzz.valid + leaks.valid}
      returned #{fuzz.returned + leaks.returned}, ArgumentError #{fuzz.rejected + leaks.rejected}, \
    documented exceptions #{fuzz.raised + leaks.raised}, processes killed mid-call #{leaks.kills}
      sanitizer reports 0, atoms created 0, modules loaded 0, bytes leaked from the library 0 \
    (the VM's own at exit: #{leaks.vm_leaks} allocations, ignored)
    """)
  end

  # The library, built again when the normal build is newer. Returns the compiler and the
  # sanitizer runtime to preload.
  defp build(config, dir) do
    cc = System.get_env("FUZZ_CC", "gcc")
    clang? = Path.basename(cc) =~ "clang"
    {_cc, args} = NifDerive.Build.command(config)
    {normal, ["-o", _ | rest]} = Enum.split_while(args, &(&1 != "-o"))
    priv = Path.join([dir, "lib", Atom.to_string(config.otp_app), "priv"])
    output = Path.join(priv, Path.basename(NifDerive.Config.library_path(config)))
    flags = @sanitize ++ if(clang?, do: ["-shared-libsan"], else: [])

    runtime_name = if clang?, do: "libclang_rt.asan-x86_64.so", else: "libasan.so"
    {runtime, 0} = System.cmd(cc, ["-print-file-name=" <> runtime_name])
    runtime = String.trim(runtime)
    File.exists?(runtime) || Mix.raise("fuzz: #{cc} has no #{runtime_name}")

    File.mkdir_p!(priv)
    link_ebins(dir)
    stamp = Path.join(dir, "cc")

    fresh? =
      File.exists?(output) and File.read(stamp) == {:ok, Enum.join([cc | flags], " ")} and
        mtime(output) >= mtime(NifDerive.Config.library_path(config))

    unless fresh? do
      IO.puts(
        "fuzz: building #{Path.relative_to_cwd(output)} with #{cc} #{Enum.join(flags, " ")}"
      )

      case System.cmd(cc, normal ++ flags ++ ["-o", output | rest], stderr_to_stdout: true) do
        {_, 0} -> File.write!(stamp, Enum.join([cc | flags], " "))
        {out, _} -> Mix.raise("fuzz: the sanitized build failed:\n" <> out)
      end
    end

    sources = for arg <- normal ++ rest, String.ends_with?(arg, ".c"), do: Path.basename(arg)
    %{cc: cc, runtime: runtime, path: output, sources: sources}
  end

  defp mtime(path), do: File.stat!(path, time: :posix).mtime

  # The compiled modules of every app, seen from _build/fuzz: the native module's
  # :code.priv_dir/1 is then _build/fuzz/lib/<app>/priv.
  defp link_ebins(dir) do
    for ebin <- Path.wildcard(Path.join(Mix.Project.build_path(), "lib/*/ebin")) do
      app = ebin |> Path.dirname() |> Path.basename()
      link = Path.join([dir, "lib", app, "ebin"])
      File.mkdir_p!(Path.dirname(link))
      File.rm(link)
      File.ln_s!(ebin, link)
    end
  end

  defp phase(dir, library, mode, seconds, seed) do
    logs = Path.join(dir, "logs-" <> mode)
    File.rm_rf!(logs)
    File.mkdir_p!(logs)
    result = Path.join(dir, "result-" <> mode)
    File.rm(result)

    asan =
      [
        "log_path=#{logs}/asan",
        "detect_leaks=#{if mode == "leaks", do: 1, else: 0}",
        "abort_on_error=1",
        "detect_stack_use_after_return=0"
      ] ++
        if mode == "leaks",
          # full stacks, to tell the library's leaks from the VM's; leaks are judged here
          do: ["fast_unwind_on_malloc=0", "malloc_context_size=40", "exitcode=0"],
          else: []

    env = [
      {"LD_PRELOAD", library.runtime},
      {"ASAN_OPTIONS", Enum.join(asan, ":")},
      {"UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:log_path=#{logs}/ubsan"}
    ]

    paths = Enum.flat_map(Path.wildcard(Path.join(dir, "lib/*/ebin")), &["-pa", &1])
    worker = Path.expand("../fuzz/worker.exs")

    args =
      ["--erl", "+Mea min"] ++
        paths ++ [worker, mode, to_string(seconds), to_string(seed), result]

    # The VM writes to a file, not a pipe (a child it leaves behind cannot hold the run), and
    # a VM that has not finished long after its time is a failure too.
    log = Path.join(dir, "output-" <> mode)
    limit = to_string(3 * seconds + 120)
    redirect = ["sh", "-c", ~s(exec "$0" "$@" > "#{log}" 2>&1), "elixir" | args]
    {_, status} = System.cmd("timeout", ["--kill-after=10", limit | redirect], env: env)
    output = File.read!(log)
    {reports, vm_leaks} = read_logs(logs, library)
    # (a report the runtime wrote to stderr rather than to its log counts the same)
    reports = if output =~ @report, do: [output | reports], else: reports

    outcome =
      case :file.consult(result) do
        {:ok, [value]} -> value
        _ -> {:failure, "the VM stopped without a result (exit status #{status})"}
      end

    case {outcome, status, reports} do
      {{:ok, summary}, 0, []} ->
        Map.merge(
          %{random: 0, mutated: 0, valid: 0, returned: 0, rejected: 0, raised: 0},
          summary
        )
        |> Map.put(:vm_leaks, vm_leaks)

      _ ->
        IO.puts(output)
        Enum.each(reports -- [output], &IO.puts/1)

        why =
          case outcome do
            {:failure, text} -> text
            {:ok, _} when status != 0 -> "the VM exited with status #{status}"
            {:ok, _} -> "sanitizer reports"
          end

        Mix.raise(
          "fuzz (#{mode}, FUZZ_SEED=#{seed}) failed: #{why} (#{length(reports)} sanitizer reports above)"
        )
    end
  end

  # Sanitizer reports in the logs: every ASan or UBSan report, and the LeakSanitizer leaks
  # whose stacks pass through the library (a frame in the .so or in one of its sources).
  # Returns them and the number of other leaks.
  defp read_logs(logs, library) do
    names = [Path.basename(library.path) | library.sources]
    frame = ~r"[ /(](#{Enum.map_join(names, "|", &Regex.escape/1)})[:+]"

    Enum.reduce(Path.wildcard(Path.join(logs, "*")), {[], 0}, fn file, {reports, vm} ->
      text = File.read!(file)

      cond do
        text =~ @report ->
          {[text | reports], vm}

        text =~ "ERROR: LeakSanitizer" ->
          leaks = Regex.split(~r/\n(?=(Direct|Indirect) leak of)/, text) |> tl()
          {ours, others} = Enum.split_with(leaks, &(&1 =~ frame))
          {Enum.map(ours, &(file <> ":\n" <> &1)) ++ reports, vm + length(others)}

        true ->
          {reports, vm}
      end
    end)
  end
end

Fuzz.Run.main(System.argv())
