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

  `mix gen` (`Mix.Tasks.Gen`) writes the generated C into `c_src/generated/`
  and the Elixir modules into `lib/generated/`; `mix compile` regenerates
  them when a header changed and builds `priv/<library>.so`.
  """

  @root Path.expand("..", __DIR__)

  @doc "The nif_derive checkout: where `c_src/`, `gen/` and the generator's virtualenv live."
  @spec root() :: Path.t()
  def root, do: @root
end
