defmodule NifDerive.TestProject do
  @moduledoc """
  Throwaway Mix projects under a temporary directory that depend on this
  checkout by path, driven by `mix` in a subprocess as a user would.

  Compiling the nif_derive dependency costs seconds, so it is compiled once
  per suite and copied into each new project's `_build`.
  """

  import ExUnit.Assertions

  @checkout Path.expand("../../..", __DIR__)

  def checkout, do: @checkout

  @doc "Makes the suite's temporary root and the shared dependency build; removes them after the suite."
  def setup_suite do
    root = Path.join(System.tmp_dir!(), "nif_derive_mix_test_#{System.os_time(:millisecond)}")
    File.mkdir_p!(root)
    :persistent_term.put({__MODULE__, :root}, root)
    ExUnit.after_suite(fn _ -> File.rm_rf!(root) end)

    base = new("base", nil, %{})
    {output, 0} = mix(base, ["compile"])
    assert output =~ "Generated nif_derive app"
    :persistent_term.put({__MODULE__, :dep_build}, Path.join(base, "_build/dev/lib/nif_derive"))
  end

  @doc """
  A new project `name` whose `:nif_derive` config is the Elixir source
  `config` (`nil` for none), with `files` (`%{path => content}`) written.
  """
  def new(name, config, files) do
    dir = Path.join(:persistent_term.get({__MODULE__, :root}), name)
    File.rm_rf!(dir)
    File.mkdir_p!(dir)
    write(dir, "mix.exs", mix_exs(name, config))
    Enum.each(files, fn {path, content} -> write(dir, path, content) end)

    case :persistent_term.get({__MODULE__, :dep_build}, nil) do
      nil ->
        :ok

      build ->
        File.mkdir_p!(Path.join(dir, "_build/dev/lib"))
        File.cp_r!(build, Path.join(dir, "_build/dev/lib/nif_derive"))
    end

    dir
  end

  def mix_exs(name, config) do
    nif_derive =
      if config,
        do: "compilers: [:nif_derive] ++ Mix.compilers(),\n      nif_derive: #{config},",
        else: ""

    """
    defmodule #{Macro.camelize(name)}.MixProject do
      use Mix.Project

      def project do
        [
          app: :#{name},
          version: "0.1.0",
          elixir: "~> 1.14",
          #{nif_derive}
          deps: [{:nif_derive, path: #{inspect(@checkout)}}]
        ]
      end

      def application, do: [extra_applications: [:logger]]
    end
    """
  end

  def write(dir, path, content) do
    path = Path.join(dir, path)
    File.mkdir_p!(Path.dirname(path))
    File.write!(path, content)
  end

  @doc "Runs `mix args` in `dir` (MIX_ENV=dev whatever this suite runs in, the default `cc`). Returns `{output, status}`."
  def mix(dir, args, env \\ []) do
    clean =
      for var <- ~w(MIX_EXS MIX_BUILD_PATH MIX_BUILD_ROOT MIX_DEPS_PATH MIX_TARGET CC),
          do: {var, nil}

    System.cmd("mix", args,
      cd: dir,
      stderr_to_stdout: true,
      env: [{"MIX_ENV", "dev"} | clean] ++ env
    )
  end

  @doc "Runs `mix args` in `dir` and returns its output; fails the test on a non-zero status."
  def mix!(dir, args, env \\ []) do
    {output, status} = mix(dir, args, env)
    assert status == 0, "mix #{Enum.join(args, " ")} failed (#{status}):\n#{output}"
    output
  end

  @doc """
  A directory with `cc` and `python` scripts that only record that they ran
  (in `ran`): put first in PATH and named by NIF_DERIVE_PYTHON, they show
  whether a run started the C compiler or Python.
  """
  def tripwires(dir) do
    bin = Path.join(dir, "tripwires")
    File.mkdir_p!(bin)
    File.rm(Path.join(bin, "ran"))

    for tool <- ~w(cc python) do
      path = Path.join(bin, tool)
      File.write!(path, "#!/bin/sh\necho #{tool} >> #{Path.join(bin, "ran")}\nexit 1\n")
      File.chmod!(path, 0o755)
    end

    env = [
      {"PATH", bin <> ":" <> System.get_env("PATH")},
      {"NIF_DERIVE_PYTHON", Path.join(bin, "python")}
    ]

    {env, Path.join(bin, "ran")}
  end
end
