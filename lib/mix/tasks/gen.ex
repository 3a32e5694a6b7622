defmodule Mix.Tasks.Gen do
  @shortdoc "Generates C encode/decode code and Elixir modules from annotated C headers"
  @moduledoc """
  Runs the nif_derive generator over the project's `:nif_derive` headers.

      mix gen

  Writes the generated C to `c_src/generated/` and the Elixir modules to
  `lib/generated/` (see `NifDerive.Config` to change them), printing each
  file it changed. A header the generator cannot map prints
  `file:line:col: error: …`, changes no file and exits non-zero.
  `mix compile` runs the same step when a header changed.
  """
  use Mix.Task

  @impl true
  def run(_args) do
    case NifDerive.Config.current() do
      nil ->
        Mix.raise(
          "nif_derive: no :nif_derive key in this project's config (see the README's quick start)"
        )

      config ->
        case NifDerive.Generator.run(config) do
          {:ok, lines, _inputs} ->
            Enum.each(lines, &Mix.shell().info/1)

          {:error, message} ->
            Mix.shell().error(message)
            exit({:shutdown, 1})
        end
    end
  end
end
