defmodule Guide.MixProject do
  use Mix.Project

  # The Rust "Survival Guide" examples, ported to C with nif_derive.
  def project do
    [
      app: :guide,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Guide.Native,
        headers: ["c_src/guide.h"],
        sources: ["c_src/guide.c"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
