defmodule NifDerive.MixProject do
  use Mix.Project

  def project do
    [
      app: :nif_derive,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: [],
      # The Mix tasks' own tests; test/project is a separate Mix project.
      test_paths: ["test/mix"],
      description: "Rustler-style derives for C NIFs",
      docs: [main: "readme"],
      # NifDerive.Manifest hashes with :crypto when the VM has it, else with :erlang.md5.
      xref: [exclude: [:crypto]]
    ]
  end

  def application do
    [extra_applications: [:logger]]
  end
end
