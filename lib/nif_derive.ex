defmodule NifDerive do
  @moduledoc """
  Rustler-style derives for C NIFs.

  Annotate structs, enums and tagged unions in a C header with the macros of
  `c_src/nif_derive.h`, list the header in your project's `:nif_derive`
  configuration and add the `:nif_derive` compiler:

      def project do
        [
          app: :geometry,
          compilers: [:nif_derive] ++ Mix.compilers(),
          deps: [{:nif_derive, path: "../nif_derive"}],
          nif_derive: [
            module: Geometry.Native,
            headers: ["c_src/geometry.h"],
            sources: ["c_src/geometry.c"]
          ]
        ]
      end

  `mix compile` then generates the C into `c_src/generated/` and the Elixir
  modules into `lib/generated/` whenever an input changed (by content; see
  `Mix.Tasks.Compile.NifDerive`) and builds `priv/<library>.so`. `mix gen`
  (`Mix.Tasks.Gen`) runs only the generation step. `mix nif_derive.new
  Geometry.Native` (`Mix.Tasks.NifDerive.New`) writes a starter header and
  C file. `NifDerive.Config` lists the configuration keys.
  """

  @root Path.expand("..", __DIR__)

  @doc "The nif_derive checkout: where `c_src/`, `gen/` and the generator's virtualenv live."
  @spec root() :: Path.t()
  def root, do: @root
end
