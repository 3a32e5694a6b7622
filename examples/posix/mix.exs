defmodule Posix.MixProject do
  use Mix.Project

  # POSIX calls as NIFs, over the structs of the system's own (unedited) headers.
  def project do
    [
      app: :posix,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Posix.Native,
        headers: ["c_src/posix.h"],
        sources: ["c_src/posix.c"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
