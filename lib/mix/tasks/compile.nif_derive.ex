defmodule Mix.Tasks.Compile.NifDerive do
  @shortdoc "Regenerates nif_derive code when its inputs changed and builds the NIF library"
  @moduledoc """
  The `:nif_derive` compiler. Add it before the Elixir compiler:

      compilers: [:nif_derive] ++ Mix.compilers()

  Regenerates (as `mix gen`) when a header, anything it includes, the
  configuration or the generator itself changed, then builds
  `priv/<library>.so` when any C input changed: the generated C, the
  headers and what they include, the `:sources` and what they include, the
  nif_derive runtime, or the compiler command. Changes are found by content,
  never by modification time, so an edit is never missed whatever its
  timing. Does nothing, quietly and without starting Python or a C
  compiler, when nothing changed. `mix compile --force` does both steps
  anyway.

  Stops with a `Mix.Error` when a generated module would replace a module
  defined in the project's own `lib/`.
  """
  use Mix.Task.Compiler

  alias NifDerive.{Build, Config, Generator, Manifest, ModuleClash}

  @impl true
  def run(args) do
    case Config.current() do
      nil -> {:noop, []}
      config -> compile(config, "--force" in args)
    end
  end

  @impl true
  def manifests, do: [Config.manifest_path()]

  @impl true
  def clean do
    with %Config{} = config <- Config.current() do
      File.rm(Config.library_path(config))
    end

    File.rm_rf(Build.objects_dir())

    File.rm(Config.manifest_path())
    :ok
  end

  defp compile(config, force?) do
    Config.check_files!(config)

    with {:ok, generated?} <- generate(config, force?),
         :ok <- ModuleClash.check!(config),
         {:ok, built?} <- build(config, force?) do
      if generated? or built?, do: {:ok, []}, else: {:noop, []}
    end
  end

  defp generate(config, force?) do
    case Generator.ensure(config, force: force?) do
      :up_to_date ->
        {:ok, false}

      {:generated, lines} ->
        Enum.each(lines, &Mix.shell().info/1)
        {:ok, true}

      {:error, message} ->
        Mix.shell().error(message)
        {:error, [diagnostic(message)]}
    end
  end

  defp build(config, force?) do
    target = Config.library_path(config)
    key = Build.command(config)
    recorded = Manifest.read(:build)
    required = c_inputs(config)

    if not force? and Manifest.fresh?(recorded, key, required) do
      {:ok, false}
    else
      known = required ++ Map.keys(Map.get(recorded, :inputs, %{}))

      case Manifest.around(known, fn -> Build.run(config) end) do
        {:ok, snapshot} ->
          Manifest.write(:build, %{
            key: key,
            inputs: Manifest.record(required ++ source_includes(config), snapshot),
            outputs: Manifest.hashes([target])
          })

          # Links priv/ into _build now that it exists, so :code.priv_dir/1 finds the library.
          Mix.Project.build_structure()
          Mix.shell().info("nif_derive: built #{target}")
          {:ok, true}

        {{:error, output}, _snapshot} ->
          Mix.shell().error(output)
          {:error, [diagnostic("nif_derive: building #{target} failed:\n" <> output)]}
      end
    end
  end

  # The generated C, the headers and all they include (as the generator
  # recorded them), the project's sources, and the whole nif_derive runtime
  # (Build.inputs lists every c_src/nif_derive*.{c,h}).
  defp c_inputs(config) do
    header_inputs =
      Map.keys(Map.get(Manifest.read(:generate), :inputs, %{})) -- Generator.sources()

    Enum.uniq(Build.inputs(config, header_inputs))
  end

  # What the project's own sources include beyond the headers (`cc -MM`):
  # a private header next to a .c file is an input too.
  defp source_includes(%Config{sources: []}), do: []

  defp source_includes(config) do
    {cc, _} = Build.command(config)

    args =
      ["-MM"] ++
        config.cflags ++ Enum.map(Config.include_dirs(config), &("-I" <> &1)) ++ config.sources

    case System.cmd(cc, args, stderr_to_stdout: true) do
      {rules, 0} ->
        rules
        |> String.replace("\\\n", " ")
        |> String.split("\n", trim: true)
        |> Enum.flat_map(fn rule ->
          rule |> String.split(":", parts: 2) |> List.last() |> String.split()
        end)
        |> Enum.uniq()

      {_, _} ->
        []
    end
  end

  defp diagnostic(message) do
    {file, position} =
      case Regex.run(~r/^([^:\n]+):(\d+):(\d+): error:/, message) do
        [_, file, line, _column] -> {file, String.to_integer(line)}
        nil -> {"mix.exs", 0}
      end

    %Mix.Task.Compiler.Diagnostic{
      compiler_name: "nif_derive",
      file: Path.expand(file),
      position: position,
      message: message,
      severity: :error
    }
  end
end
