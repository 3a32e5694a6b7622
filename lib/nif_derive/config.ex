defmodule NifDerive.Config do
  @moduledoc """
  The `:nif_derive` key of a project's `Mix.Project.config/0`.

    * `:module` (required) - the native module to generate, e.g. `Geometry.Native`
    * `:headers` (required) - annotated C headers, relative to the project root
    * `:sources` - C files implementing the NIF functions (default `[]`)
    * `:include_dirs` - extra `-I` directories for parsing and compiling (default `[]`)
    * `:cflags`, `:ldflags` - extra compiler and linker flags (default `[]`)
    * `:c_out` - where the generated C goes (default `"c_src/generated"`)
    * `:ex_out` - where the generated Elixir goes (default `"lib/generated"`)
  """

  @enforce_keys [:module, :headers, :otp_app]
  defstruct [
    :module,
    :headers,
    :otp_app,
    sources: [],
    include_dirs: [],
    cflags: [],
    ldflags: [],
    c_out: "c_src/generated",
    ex_out: "lib/generated"
  ]

  @type t :: %__MODULE__{}

  @doc "The configuration of the current Mix project, or `nil` when it has no `:nif_derive` key."
  @spec current() :: t() | nil
  def current do
    project = Mix.Project.config()

    case project[:nif_derive] do
      nil ->
        nil

      options ->
        for key <- [:module, :headers], options[key] == nil do
          Mix.raise("nif_derive: the :nif_derive config needs #{inspect(key)}")
        end

        struct!(__MODULE__, Keyword.put(options, :otp_app, project[:app]))
    end
  end

  @doc "The NIF library's base name: `Geometry.Native` → `geometry_native`."
  @spec library(t()) :: String.t()
  def library(%__MODULE__{module: module}) do
    module |> Module.split() |> Enum.map_join("_", &Macro.underscore/1)
  end

  @doc "The shared library the build writes, under the project's `priv/`."
  @spec library_path(t()) :: Path.t()
  def library_path(config), do: Path.join("priv", library(config) <> ".so")

  @doc "Include directories for both libclang and the C compiler."
  @spec include_dirs(t()) :: [Path.t()]
  def include_dirs(config) do
    headers = Enum.map(config.headers, &Path.dirname/1)

    Enum.uniq(
      config.include_dirs ++
        headers ++
        [config.c_out, Path.join(NifDerive.root(), "c_src"), erts_include_dir()]
    )
  end

  @doc "The directory holding `erl_nif.h` for the running VM."
  @spec erts_include_dir() :: Path.t()
  def erts_include_dir, do: Path.join([:code.root_dir(), "usr", "include"])

  @doc "Where the compiler keeps what it read last time."
  @spec manifest_path() :: Path.t()
  def manifest_path, do: Path.join(Mix.Project.manifest_path(), "compile.nif_derive")
end
