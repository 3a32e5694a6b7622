defmodule NifDerive.Config do
  @moduledoc """
  The `:nif_derive` key of a project's `Mix.Project.config/0`.

    * `:module` (required) - the native module to generate, e.g. `Geometry.Native`
    * `:headers` (required) - annotated C headers, relative to the project root
    * `:sources` - C files implementing the NIF functions (default `[]`)
    * `:include_dirs` - extra `-I` directories for parsing and compiling (default `[]`)
    * `:cflags`, `:ldflags` - extra compiler and linker flags, a list of strings
      each (default `[]`); `-D` flags of `:cflags` reach the generator too
    * `:c_out` - where the generated C goes (default `"c_src/generated"`)
    * `:ex_out` - where the generated Elixir goes (default `"lib/generated"`)

  The C compiler is `$CC`, else `cc`. Reading the configuration checks every
  key: a wrong type or an unknown key raises one `Mix.Error` naming the key
  and what it expects.
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

  @type t :: %__MODULE__{
          module: module(),
          headers: [Path.t()],
          otp_app: atom(),
          sources: [Path.t()],
          include_dirs: [Path.t()],
          cflags: [String.t()],
          ldflags: [String.t()],
          c_out: Path.t(),
          ex_out: Path.t()
        }

  # key => {what it must be, check}
  @keys [
    module: {"an Elixir module name such as Geometry.Native", &__MODULE__.module_name?/1},
    headers: {"a list of paths", &__MODULE__.paths?/1},
    sources: {"a list of paths", &__MODULE__.paths?/1},
    include_dirs: {"a list of paths", &__MODULE__.paths?/1},
    cflags: {"a list of strings", &__MODULE__.paths?/1},
    ldflags: {"a list of strings", &__MODULE__.paths?/1},
    c_out: {"a path (a string)", &__MODULE__.path?/1},
    ex_out: {"a path (a string)", &__MODULE__.path?/1}
  ]

  @doc """
  The configuration of the current Mix project, or `nil` when it has no
  `:nif_derive` key. Raises `Mix.Error` when the configuration is invalid.
  """
  @spec current() :: t() | nil
  def current do
    project = Mix.Project.config()

    case project[:nif_derive] do
      nil -> nil
      options -> new!(options, project[:app])
    end
  end

  @doc """
  Checks `options` (the `:nif_derive` keyword list) and builds the config of
  the application `otp_app`. Raises `Mix.Error` with the first problem found.
  """
  @spec new!(term(), atom()) :: t()
  def new!(options, otp_app) do
    unless Keyword.keyword?(options) do
      fail("the :nif_derive config must be a keyword list, got: #{inspect(options)}")
    end

    for {key, value} <- options do
      case Keyword.fetch(@keys, key) do
        {:ok, {expected, valid?}} ->
          unless valid?.(value),
            do: fail("#{inspect(key)} must be #{expected}, got: #{inspect(value)}")

        :error ->
          fail("unknown key #{inspect(key)} in the :nif_derive config#{suggestion(key)}")
      end
    end

    for key <- [:module, :headers], not Keyword.has_key?(options, key) do
      {expected, _} = @keys[key]
      fail("the :nif_derive config needs #{inspect(key)}: #{expected}")
    end

    if options[:headers] == [], do: fail(":headers must list at least one header, got: []")

    struct!(__MODULE__, Keyword.put(options, :otp_app, otp_app))
  end

  @doc """
  Raises `Mix.Error` when a listed header or source is not a file, e.g.
  `c_src/x.h: file not found (listed in :headers in mix.exs)`, or an
  include directory is not a directory.
  """
  @spec check_files!(t()) :: :ok
  def check_files!(config) do
    for key <- [:headers, :sources], path <- Map.fetch!(config, key), not File.regular?(path) do
      Mix.raise("#{path}: file not found (listed in #{inspect(key)} in mix.exs)")
    end

    for path <- config.include_dirs, not File.dir?(path) do
      Mix.raise("#{path}: directory not found (listed in :include_dirs in mix.exs)")
    end

    :ok
  end

  @doc false
  def module_name?(module) when is_atom(module) and module not in [nil, true, false] do
    case Atom.to_string(module) do
      "Elixir." <> name ->
        name |> String.split(".") |> Enum.all?(&Regex.match?(~r/\A[A-Z][A-Za-z0-9_]*\z/, &1))

      _ ->
        false
    end
  end

  def module_name?(_), do: false

  @doc false
  def paths?(list), do: is_list(list) and Enum.all?(list, &path?/1)

  @doc false
  def path?(path), do: is_binary(path) and path != ""

  defp suggestion(key) do
    known = Keyword.keys(@keys)
    best = Enum.max_by(known, &String.jaro_distance(to_string(key), to_string(&1)))

    if String.jaro_distance(to_string(key), to_string(best)) > 0.8 do
      "; did you mean #{inspect(best)}?"
    else
      "; the keys are " <> Enum.map_join(known, ", ", &inspect/1)
    end
  end

  defp fail(message), do: Mix.raise("nif_derive: " <> message)

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

  @doc "Where the compiler keeps the content hashes of what it read and wrote last time."
  @spec manifest_path() :: Path.t()
  def manifest_path, do: Path.join(Mix.Project.manifest_path(), "compile.nif_derive")
end
