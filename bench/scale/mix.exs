defmodule Scale.MixProject do
  use Mix.Project

  # The generator at scale (issue 12): c_src/big.h, written by make_header.py, annotates
  # 1,000 types and declares 200 NIF functions. run.sh times generating and building it.
  def project do
    [
      app: :scale,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [module: Gen.Native, headers: ["c_src/big.h"]]
    ]
  end
end
