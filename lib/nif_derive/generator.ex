defmodule NifDerive.Generator do
  @moduledoc """
  Runs the Python generator (`gen/` of the nif_derive checkout) for a project.

  The Python comes from `NIF_DERIVE_PYTHON`, else the checkout's `.venv`
  (made by `make setup`), else `python3`; it needs the `libclang` and
  `jinja2` packages. The generator runs from the checkout's source, so
  nif_derive itself need not be pip-installed.
  """

  alias NifDerive.Config

  @doc """
  Generates the C and Elixir files of `config`. Returns `{:ok, output_lines,
  inputs}` where `inputs` are all files the headers include, or
  `{:error, message}` with the generator's `file:line:col: error: …` text.
  """
  @spec run(Config.t()) :: {:ok, [String.t()], [Path.t()]} | {:error, String.t()}
  def run(config) do
    python = python!()
    depfile = Path.join(Mix.Project.manifest_path(), "nif_derive.deps")

    args =
      [
        "-c",
        bootstrap(),
        "--module",
        inspect(config.module),
        "--otp-app",
        to_string(config.otp_app)
      ] ++
        ["--c-out", config.c_out, "--ex-out", config.ex_out, "--depfile", depfile] ++
        Enum.flat_map(Config.include_dirs(config), &["-I", &1]) ++
        defines(config) ++ config.headers

    case System.cmd(python, args, stderr_to_stdout: true) do
      {output, 0} ->
        {:ok, String.split(output, "\n", trim: true),
         File.read!(depfile) |> String.split("\n", trim: true)}

      {output, _status} ->
        {:error, String.trim_trailing(output)}
    end
  end

  # The -D flags of `cflags:`, so libclang sees the same feature macros as the C compiler.
  defp defines(config) do
    Enum.flat_map(config.cflags, fn
      "-D" <> define when define != "" -> ["-D", define]
      _ -> []
    end)
  end

  # Imports gen/ as the package nif_derive straight from the checkout.
  defp bootstrap do
    gen = Path.join(NifDerive.root(), "gen")

    """
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("nif_derive", #{inspect(Path.join(gen, "__init__.py"))}, submodule_search_locations=[#{inspect(gen)}])
    module = importlib.util.module_from_spec(spec)
    sys.modules["nif_derive"] = module
    spec.loader.exec_module(module)
    from nif_derive.cli import main
    sys.exit(main(sys.argv[1:]))
    """
  end

  @doc "The generator's own files (its Python and templates): when one changes, output may change."
  @spec sources() :: [Path.t()]
  def sources do
    Path.wildcard(Path.join([NifDerive.root(), "gen", "*.py"])) ++
      Path.wildcard(Path.join([NifDerive.root(), "templates", "**", "*.j2"]))
  end

  @doc "The Python to run the generator with; raises with the install command when it cannot."
  @spec python!() :: String.t()
  def python! do
    venv = Path.join([NifDerive.root(), ".venv", "bin", "python"])

    python =
      cond do
        env = System.get_env("NIF_DERIVE_PYTHON") ->
          env

        File.exists?(venv) ->
          venv

        path = System.find_executable("python3") ->
          path

        true ->
          Mix.raise(
            "nif_derive: Python 3 is missing: install it (apt-get install python3 python3-venv), then run: make -C #{NifDerive.root()} setup"
          )
      end

    case System.cmd(python, ["-c", "import clang.cindex, jinja2"], stderr_to_stdout: true) do
      {_, 0} ->
        python

      {_, _} ->
        Mix.raise(
          "nif_derive: the generator needs the Python packages libclang and jinja2 (#{python}): run: make -C #{NifDerive.root()} setup"
        )
    end
  end
end
