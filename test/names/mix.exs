defmodule NifDeriveNames.MixProject do
  use Mix.Project

  # A new user's names: NIF functions named like nif_derive's runtime and generated symbols,
  # parameters named like the generated wrapper's locals, unsigned char strings.
  def project do
    [
      app: :nif_derive_names,
      version: "0.1.0",
      elixir: "~> 1.14",
      compilers: [:nif_derive] ++ Mix.compilers(),
      deps: [{:nif_derive, path: "../.."}],
      nif_derive: [
        module: Names.Native,
        headers: ["c_src/names.h"],
        sources: ["c_src/names.c"],
        # The C side of naming functions like libc's: -fno-builtin lets strdup have another
        # type (the build's -fvisibility=hidden makes this library's calls reach its own
        # strdup and raise rather than libc's, which the VM loaded first).
        cflags: ["-fno-builtin"]
      ]
    ]
  end

  def application, do: [extra_applications: [:logger]]
end
