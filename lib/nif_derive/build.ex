defmodule NifDerive.Build do
  @moduledoc """
  Compiles the generated C, the nif_derive runtime and the project's sources
  into `priv/<library>.so` with the system C compiler (`CC`, default `cc`).

  Each C file is compiled to an object of its own, as many at a time as the
  VM has schedulers (one per core), then the objects are linked: the
  generator splits a large module into several files for this
  (`<library>_<n>.c`, sharing `<library>_internal.h`).
  """

  alias NifDerive.Config

  @base_cflags ~w(-std=gnu11 -O2 -fPIC -pthread -fvisibility=hidden -Wall -Wextra)

  @doc "Every file the library is built from."
  @spec inputs(Config.t(), [Path.t()]) :: [Path.t()]
  def inputs(config, header_inputs) do
    generated_sources(config) ++
      generated_headers(config) ++ runtime_files("{c,h}") ++ config.sources ++ header_inputs
  end

  # The runtime is every c_src/nif_derive*.c (core and optional parts) and its headers.
  defp runtime_files(extensions) do
    Path.join([NifDerive.root(), "c_src", "nif_derive*." <> extensions])
    |> Path.wildcard()
    |> Enum.sort()
  end

  # <library>.c, then the parts <library>_1.c, <library>_2.c, … that a large module has.
  defp generated_sources(config) do
    library = Config.library(config)
    part = ~r/^#{Regex.escape(library)}_(\d+)\.c$/

    parts =
      for path <- Path.wildcard(Path.join(config.c_out, library <> "_*.c")),
          [_, n] <- [Regex.run(part, Path.basename(path))],
          do: {String.to_integer(n), path}

    [Path.join(config.c_out, library <> ".c") | parts |> Enum.sort() |> Enum.map(&elem(&1, 1))]
  end

  defp generated_headers(config) do
    library = Config.library(config)
    internal = Path.join(config.c_out, library <> "_internal.h")

    [Path.join(config.c_out, library <> ".h")] ++
      if File.exists?(internal), do: [internal], else: []
  end

  @doc "The C files compiled into the library: generated, runtime, the project's `sources:`."
  @spec sources(Config.t()) :: [Path.t()]
  def sources(config), do: generated_sources(config) ++ runtime_files("c") ++ config.sources

  @doc "The flags every C file is compiled with (without `-c` and the file)."
  @spec cflags(Config.t()) :: [String.t()]
  def cflags(config) do
    @base_cflags ++ config.cflags ++ Enum.map(Config.include_dirs(config), &("-I" <> &1))
  end

  @doc """
  The build as one compiler command line, `{compiler, args}`: what `run/1`
  does in steps. A change to it rebuilds the library.
  """
  @spec command(Config.t()) :: {String.t(), [String.t()]}
  def command(config) do
    {compiler(), ["-shared" | cflags(config)] ++ sources(config) ++ link_tail(config)}
  end

  defp compiler, do: System.get_env("CC", "cc")

  defp link_tail(config) do
    platform =
      if match?({:unix, :darwin}, :os.type()), do: ["-undefined", "dynamic_lookup"], else: []

    ["-o", Config.library_path(config), "-lm"] ++ platform ++ config.ldflags
  end

  @doc """
  Builds the library: compiles each C file (in parallel, one per scheduler)
  into `_build/…/<app>/nif_derive/`, then links. Returns `:ok` (printing
  any warnings) or `{:error, compiler_output}`.
  """
  @spec run(Config.t()) :: :ok | {:error, String.t()}
  def run(config) do
    File.mkdir_p!("priv")
    objects_dir = objects_dir()
    File.rm_rf!(objects_dir)
    File.mkdir_p!(objects_dir)
    cc = compiler()
    flags = cflags(config)

    jobs =
      config
      |> sources()
      |> Enum.with_index(fn source, i ->
        {source, Path.join(objects_dir, "#{i}_#{Path.basename(source, ".c")}.o")}
      end)

    compiled =
      jobs
      # The largest first, so that the last to finish are small.
      |> Enum.sort_by(fn {source, _} -> -file_size(source) end)
      |> Task.async_stream(
        fn {source, object} ->
          {object, System.cmd(cc, flags ++ ["-c", source, "-o", object], stderr_to_stdout: true)}
        end,
        max_concurrency: System.schedulers_online(),
        timeout: :infinity
      )
      |> Map.new(fn {:ok, result} -> result end)

    outputs = for {_, object} <- jobs, {output, _} = compiled[object], output != "", do: output

    if Enum.all?(compiled, fn {_, {_, status}} -> status == 0 end) do
      objects = Enum.map(jobs, &elem(&1, 1))
      link = ["-shared" | @base_cflags ++ config.cflags] ++ objects ++ link_tail(config)

      case System.cmd(cc, link, stderr_to_stdout: true) do
        {output, 0} ->
          warnings = Enum.join(outputs ++ [output], "")
          if warnings != "", do: Mix.shell().info(String.trim_trailing(warnings))
          :ok

        {output, _} ->
          {:error, String.trim_trailing(Enum.join(outputs ++ [output], ""))}
      end
    else
      {:error, String.trim_trailing(Enum.join(outputs, ""))}
    end
  end

  @doc "Where `run/1` puts the object files."
  @spec objects_dir() :: Path.t()
  def objects_dir, do: Path.join(Mix.Project.app_path(), "nif_derive")

  defp file_size(path) do
    case File.stat(path) do
      {:ok, %{size: size}} -> size
      {:error, _} -> 0
    end
  end
end
