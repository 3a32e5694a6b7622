defmodule Mix.Tasks.Gen do
  @shortdoc "Generates C encode/decode code and Elixir modules from annotated C headers"
  @moduledoc """
  Runs the nif_derive generator over the project's `:nif_derive` headers.

      mix gen            # when an input changed; else says the files are up to date
      mix gen --force    # always

  Writes the generated C to `c_src/generated/` and the Elixir modules to
  `lib/generated/` (see `NifDerive.Config` to change them), printing each
  file it changed. A header the generator cannot map prints
  `file:line:col: error: …`, changes no file and exits non-zero.

  Optional once the `:nif_derive` compiler is listed in `compilers:`:
  `mix compile` runs the same step whenever an input changed.
  """
  use Mix.Task

  @impl true
  def run(args) do
    {opts, _} = OptionParser.parse!(args, strict: [force: :boolean])

    case NifDerive.Config.current() do
      nil ->
        Mix.raise(
          "nif_derive: no :nif_derive key in this project's config (see the README's quick start)"
        )

      config ->
        case NifDerive.Generator.ensure(config, force: opts[:force]) do
          :up_to_date ->
            Mix.shell().info("nif_derive: generated files are up to date")

          {:generated, lines} ->
            Enum.each(lines, &Mix.shell().info/1)

          {:error, message} ->
            Mix.shell().error(message)
            exit({:shutdown, 1})
        end

        NifDerive.ModuleClash.check!(config)
    end
  end
end
