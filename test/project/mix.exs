defmodule NifDeriveTest.MixProject do
  use Mix.Project

  # Every derive shape, C type and option of nif_derive, end to end.
  def project do
    [
      app: :nif_derive_test,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Everything.Native,
        headers: ["c_src/everything.h", "c_src/foreign.h"],
        sources: ["c_src/everything.c", "c_src/foreign.c"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
