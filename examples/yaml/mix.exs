defmodule Yaml.MixProject do
  use Mix.Project

  # libyaml's event parser and emitter as NIFs, over its own (unedited) yaml.h.
  def project do
    [
      app: :yaml,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      elixirc_paths: elixirc_paths(Mix.env()),
      nif_derive: [
        module: Yaml.Native,
        headers: ["c_src/yaml_events.h"],
        sources: ["c_src/yaml_events.c"],
        # YAML_CFLAGS: e.g. "-fsanitize=address,undefined" for a sanitizer run (README.md)
        cflags: ["-Werror"] ++ String.split(System.get_env("YAML_CFLAGS", "")),
        ldflags: ["-lyaml"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
