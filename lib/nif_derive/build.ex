defmodule NifDerive.Build do
  @moduledoc """
  Compiles the generated C, the nif_derive runtime and the project's sources
  into `priv/<library>.so` with the system C compiler (`CC`, default `cc`).
  """

  alias NifDerive.Config

  @base_cflags ~w(-std=gnu11 -O2 -fPIC -shared -pthread -fvisibility=hidden -Wall -Wextra)

  @doc "Every file the library is built from."
  @spec inputs(Config.t(), [Path.t()]) :: [Path.t()]
  def inputs(config, header_inputs) do
    library = Config.library(config)

    [Path.join(config.c_out, library <> ".c"), Path.join(config.c_out, library <> ".h")] ++
      runtime_files("{c,h}") ++ config.sources ++ header_inputs
  end

  # The runtime is every c_src/nif_derive*.c (core and optional parts) and its headers.
  defp runtime_files(extensions) do
    Path.join([NifDerive.root(), "c_src", "nif_derive*." <> extensions])
    |> Path.wildcard()
    |> Enum.sort()
  end

  @doc "The compiler command line: `{compiler, args}`."
  @spec command(Config.t()) :: {String.t(), [String.t()]}
  def command(config) do
    library = Config.library(config)

    sources = [Path.join(config.c_out, library <> ".c") | runtime_files("c")]

    platform =
      if match?({:unix, :darwin}, :os.type()), do: ["-undefined", "dynamic_lookup"], else: []

    args =
      @base_cflags ++
        config.cflags ++
        Enum.map(Config.include_dirs(config), &("-I" <> &1)) ++
        sources ++
        config.sources ++ ["-o", Config.library_path(config), "-lm"] ++ platform ++ config.ldflags

    {System.get_env("CC", "cc"), args}
  end

  @doc "Builds the library. Returns `:ok` or `{:error, compiler_output}`."
  @spec run(Config.t()) :: :ok | {:error, String.t()}
  def run(config) do
    File.mkdir_p!("priv")
    {cc, args} = command(config)

    case System.cmd(cc, args, stderr_to_stdout: true) do
      {output, 0} ->
        if output != "", do: Mix.shell().info(String.trim_trailing(output))
        :ok

      {output, _} ->
        {:error, String.trim_trailing(output)}
    end
  end
end
