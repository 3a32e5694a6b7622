defmodule Kv.MixProject do
  use Mix.Project

  # Resources, messages, monitors and hot upgrade (DESIGN §8): the survival
  # guide's CSV table and the SharedStruct of "From Elixir to Rust and Back
  # Again". All NIF code is generated from c_src/kv.h; c_src/kv.c is plain C.
  def project do
    [
      app: :kv,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Kv.Nif,
        headers: ["c_src/kv.h"],
        sources: ["c_src/kv.c"],
        # KV_CFLAGS: e.g. "-fsanitize=address,undefined" for a sanitizer run (see BENCH.md)
        cflags: ["-Werror"] ++ String.split(System.get_env("KV_CFLAGS", ""))
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
