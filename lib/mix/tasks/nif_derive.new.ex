defmodule Mix.Tasks.NifDerive.New do
  @shortdoc "Writes a starter annotated C header and C file for a native module"
  @moduledoc """
  Starts nif_derive in the current Mix project (which already lists
  `{:nif_derive, path: …}` in its deps):

      mix nif_derive.new Geometry.Native

  writes `c_src/<app>.h` (an include guard, one `NIF_STRUCT` and one
  `NIF_FUNCTION`) and `c_src/<app>.c` (the function), never overwriting a
  file, and prints the lines to add to `mix.exs` and `.gitignore`. With them
  added, `mix compile` generates the code, builds the NIF library, and the
  starter function can be called:

      Geometry.Native.add_points(%Geometry.Point{x: 1, y: 2}, %Geometry.Point{x: 10, y: 20})
      #=> %Geometry.Point{x: 11, y: 22}
  """
  use Mix.Task

  alias NifDerive.Config

  @impl true
  def run(args) do
    module =
      case args do
        [name] -> module!(name)
        _ -> Mix.raise("usage: mix nif_derive.new Mod.Native")
      end

    app = Mix.Project.config()[:app] || Mix.raise("nif_derive.new: run it inside a Mix project")
    base = base_name(app, module)
    header = Path.join("c_src", base <> ".h")
    source = Path.join("c_src", base <> ".c")

    for path <- [header, source], File.exists?(path) do
      Mix.raise("nif_derive.new: #{path} already exists; move it away or edit it yourself")
    end

    struct = Module.concat(namespace(module) ++ ["Point"])
    type = base <> "_point_t"
    File.mkdir_p!("c_src")
    File.write!(header, header(base, module, struct, type))
    Mix.shell().info("* creating #{header}")
    File.write!(source, source(base, type))
    Mix.shell().info("* creating #{source}")
    Mix.shell().info(instructions(module, struct, header, source))
  end

  defp module!(name) do
    # Checked before making an atom of it.
    with true <- Regex.match?(~r/\A[A-Z][A-Za-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)*\z/, name),
         module = Module.concat([name]),
         true <- Config.module_name?(module) do
      module
    else
      _ ->
        Mix.raise(
          "nif_derive.new: #{inspect(name)} is not an Elixir module name such as Geometry.Native"
        )
    end
  end

  # The files are named after the app; never like the generated `<library>.h`,
  # which includes them by name.
  defp base_name(app, module) do
    base = to_string(app)

    if base == Config.library(%Config{module: module, headers: [], otp_app: app}),
      do: base <> "_api",
      else: base
  end

  defp namespace(module) do
    case Module.split(module) do
      [single] -> [single]
      parts -> Enum.drop(parts, -1)
    end
  end

  defp header(base, module, struct, type) do
    guard = String.upcase(base) <> "_H"

    """
    #ifndef #{guard}
    #define #{guard}

    #include <nif_derive.h>

    /** %#{inspect(struct)}{x: 1, y: 2} in Elixir. */
    typedef struct NIF_STRUCT("#{inspect(struct)}") {
        int64_t x;
        int64_t y;
    } #{type};

    /** #{inspect(module)}.add_points(%#{inspect(struct)}{x: 1, y: 2}, %#{inspect(struct)}{x: 10, y: 20})
     * returns %#{inspect(struct)}{x: 11, y: 22}. */
    NIF_FUNCTION #{type} add_points(#{type} a, #{type} b);

    #endif /* #{guard} */
    """
  end

  defp source(base, type) do
    """
    #include "#{base}.h"

    #{type} add_points(#{type} a, #{type} b)
    {
        return (#{type}){.x = a.x + b.x, .y = a.y + b.y};
    }
    """
  end

  defp instructions(module, struct, header, source) do
    """

    Add to the list in project/0 of mix.exs:

          compilers: [:nif_derive] ++ Mix.compilers(),
          nif_derive: [
            module: #{inspect(module)},
            headers: [#{inspect(header)}],
            sources: [#{inspect(source)}]
          ],

    and to .gitignore:

        /c_src/generated/
        /lib/generated/
        /priv/*.so

    Then run `mix compile` and try, in `iex -S mix`:

        #{inspect(module)}.add_points(%#{inspect(struct)}{x: 1, y: 2}, %#{inspect(struct)}{x: 10, y: 20})
    """
  end
end
