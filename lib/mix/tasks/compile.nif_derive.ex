defmodule Mix.Tasks.Compile.NifDerive do
  @shortdoc "Regenerates nif_derive code when headers changed and builds the NIF library"
  @moduledoc """
  The `:nif_derive` compiler. Add it before the Elixir compiler:

      compilers: [:nif_derive] ++ Mix.compilers()

  Regenerates (as `mix gen`) when a header, anything it includes, the
  configuration or the generator itself changed, then builds `priv/<library>.so` when any of its
  inputs changed. Does nothing, quietly, when nothing changed.
  """
  use Mix.Task.Compiler

  alias NifDerive.{Build, Config, Generator}

  @impl true
  def run(_args) do
    case Config.current() do
      nil -> {:noop, []}
      config -> compile(config)
    end
  end

  @impl true
  def manifests, do: [Config.manifest_path()]

  @impl true
  def clean do
    with %Config{} = config <- Config.current() do
      File.rm(Config.library_path(config))
    end

    File.rm(Config.manifest_path())
    :ok
  end

  defp compile(config) do
    manifest = read_manifest()
    fingerprint = :erlang.phash2({config, Build.command(config)})

    with {:ok, generated?, inputs} <- generate(config, manifest, fingerprint),
         {:ok, built?} <-
           build(config, inputs, generated? or manifest[:fingerprint] != fingerprint) do
      write_manifest(%{fingerprint: fingerprint, inputs: inputs})
      if generated? or built?, do: {:ok, []}, else: {:noop, []}
    end
  end

  defp generate(config, manifest, fingerprint) do
    stale? =
      manifest[:fingerprint] != fingerprint or
        not Enum.all?(generated_files(config), &File.exists?/1) or
        newer_than?(
          Map.get(manifest, :inputs, []) ++ config.headers ++ Generator.sources(),
          Config.manifest_path()
        )

    if stale? do
      case Generator.run(config) do
        {:ok, lines, inputs} ->
          Enum.each(lines, &Mix.shell().info/1)
          {:ok, true, inputs}

        {:error, message} ->
          Mix.shell().error(message)
          {:error, [diagnostic(message)]}
      end
    else
      {:ok, false, manifest.inputs}
    end
  end

  defp build(config, inputs, force?) do
    target = Config.library_path(config)

    if force? or not File.exists?(target) or newer_than?(Build.inputs(config, inputs), target) do
      case Build.run(config) do
        :ok ->
          # Links priv/ into _build now that it exists, so :code.priv_dir/1 finds the library.
          Mix.Project.build_structure()
          Mix.shell().info("nif_derive: built #{target}")
          {:ok, true}

        {:error, output} ->
          Mix.shell().error(output)
          {:error, [diagnostic("nif_derive: building #{target} failed:\n" <> output)]}
      end
    else
      {:ok, false}
    end
  end

  defp generated_files(config) do
    library = Config.library(config)
    [Path.join(config.c_out, library <> ".c"), Path.join(config.c_out, library <> ".h")]
  end

  defp newer_than?(sources, target) do
    case File.stat(target, time: :posix) do
      {:ok, %{mtime: built}} ->
        Enum.any?(sources, fn source ->
          match?({:ok, %{mtime: mtime}} when mtime > built, File.stat(source, time: :posix))
        end)

      {:error, _} ->
        true
    end
  end

  defp read_manifest do
    case File.read(Config.manifest_path()) do
      {:ok, binary} -> :erlang.binary_to_term(binary)
      {:error, _} -> %{}
    end
  rescue
    ArgumentError -> %{}
  end

  defp write_manifest(manifest) do
    File.mkdir_p!(Path.dirname(Config.manifest_path()))
    File.write!(Config.manifest_path(), :erlang.term_to_binary(manifest))
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
