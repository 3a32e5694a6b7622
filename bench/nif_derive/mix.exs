defmodule BenchNifDerive.MixProject do
  @moduledoc """
  The nif_derive slot of the benchmark: generates `Bench.NifDerive` (and
  the struct modules) from `bench/c_src/bench.h`, with the user functions
  of `bench/c_src/bench.c`, and builds its NIF library into priv/.
  `make -C bench nif_derive` runs `MIX_ENV=prod mix compile` here; the
  harness then loads the modules from `_build/prod/lib/*/ebin`.
  """
  use Mix.Project

  def project do
    [
      app: :bench_nif_derive,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Bench.NifDerive,
        headers: ["../c_src/bench.h"],
        sources: ["../c_src/bench.c"]
      ]
    ]
  end
end
