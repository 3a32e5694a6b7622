defmodule NifDerive.StalenessTest do
  # One project shared by these tests; each leaves it as it found it.
  use ExUnit.Case, async: false

  alias NifDerive.TestProject

  @config ~s([module: Geometry.Native, headers: ["c_src/geometry.h"], sources: ["c_src/geometry.c"]])

  # Every value below appears both in generated Elixir (a struct default) and
  # in the built library (a #define the C returns), each edit keeping the size.
  defp header(default) do
    """
    #ifndef GEOMETRY_H
    #define GEOMETRY_H
    #include <nif_derive.h>
    #include "answer.h"

    typedef struct NIF_STRUCT("Geometry.Point") { int64_t x; int64_t y NIF_DEFAULT(#{default}); } point_t;

    NIF_FUNCTION int64_t answer(void);
    NIF_FUNCTION int64_t secret(void);
    NIF_FUNCTION point_t origin(void);
    #endif
    """
  end

  defp answer(value), do: "#define ANSWER #{value}\n"
  defp secret(value), do: "#define SECRET #{value}\n"

  @source """
  #include "geometry.h"
  #include "private.h"

  int64_t answer(void) { return ANSWER; }
  int64_t secret(void) { return SECRET; }
  point_t origin(void) { return (point_t){0, 0}; }
  """

  @probe ~s[IO.write(inspect({Geometry.Native.answer(), Geometry.Native.secret(), %Geometry.Point{x: 0}.y}))]

  setup_all do
    project =
      TestProject.new("geometry", @config, %{
        "c_src/geometry.h" => header(0),
        "c_src/answer.h" => answer(0),
        "c_src/private.h" => secret(0),
        "c_src/geometry.c" => @source
      })

    assert TestProject.mix!(project, ["run", "-e", @probe]) =~ ~r/\{0, 0, 0\}\z/
    %{project: project}
  end

  # Writes `files` with the mtime of the last nif_derive run, and marks the
  # Elixir compiler's manifest as written later still: as when an editor
  # saves in the same second as the previous build, the worst case for
  # whole-second mtimes.
  defp edit(project, files) do
    manifest = Path.join(project, "_build/dev/lib/geometry/.mix/compile.nif_derive")
    %{mtime: last_run} = File.stat!(manifest, time: :posix)

    for {path, content} <- files do
      TestProject.write(project, path, content)
      File.touch!(Path.join(project, path), last_run)
    end

    File.touch!(
      Path.join(project, "_build/dev/lib/geometry/.mix/compile.elixir"),
      System.os_time(:second) + 5
    )
  end

  defp probe(project), do: TestProject.mix!(project, ["run", "-e", @probe])

  test "ten header edits in a row, each in the second of the previous build, are all seen", %{
    project: project
  } do
    for round <- 1..10 do
      value = rem(round, 10)
      edit(project, %{"c_src/geometry.h" => header(value), "c_src/answer.h" => answer(value)})
      output = probe(project)
      assert output =~ ~r/\{#{value}, 0, #{value}\}\z/, "round #{round}:\n#{output}"
    end

    edit(project, %{"c_src/geometry.h" => header(0), "c_src/answer.h" => answer(0)})
    assert probe(project) =~ ~r/\{0, 0, 0\}\z/
  end

  test "a header only the C source includes rebuilds the library without regenerating", %{
    project: project
  } do
    edit(project, %{"c_src/private.h" => secret(7)})
    output = probe(project)
    assert output =~ "nif_derive: built priv/geometry_native.so"
    refute output =~ "wrote"
    assert output =~ ~r/\{0, 7, 0\}\z/

    edit(project, %{"c_src/private.h" => secret(0)})
    assert probe(project) =~ ~r/\{0, 0, 0\}\z/
  end

  test "nothing changed: mix compile is quiet and mix gen says up to date, starting no Python and no C compiler",
       %{project: project} do
    TestProject.mix!(project, ["compile"])
    {env, ran} = TestProject.tripwires(project)

    assert TestProject.mix!(project, ["compile"], env) == ""

    assert TestProject.mix!(project, ["gen"], env) ==
             "nif_derive: generated files are up to date\n"

    refute File.exists?(ran)

    # The tripwires do trip when there is work to do.
    edit(project, %{"c_src/answer.h" => answer(5)})
    assert {_, status} = TestProject.mix(project, ["compile"], env)
    assert status != 0
    assert File.read!(ran) == "python\n"

    edit(project, %{"c_src/answer.h" => answer(0)})
    assert probe(project) =~ ~r/\{0, 0, 0\}\z/
  end

  test "a generated file edited or removed by hand is written again", %{project: project} do
    point = Path.join(project, "lib/generated/geometry/point.ex")
    original = File.read!(point)

    File.write!(point, String.replace(original, "defstruct", "defstruct [:z] #"))
    assert TestProject.mix!(project, ["gen"]) =~ "wrote lib/generated/geometry/point.ex"
    assert File.read!(point) == original

    File.rm!(Path.join(project, "c_src/generated/geometry_native.h"))
    # The same content again: the library it was built into is still up to date.
    assert TestProject.mix!(project, ["compile"]) ==
             "nif_derive: wrote c_src/generated/geometry_native.h\n"
  end

  test "mix gen --force runs the generator even when nothing changed", %{project: project} do
    {env, ran} = TestProject.tripwires(project)
    assert {_, 1} = TestProject.mix(project, ["gen", "--force"], env)
    assert File.read!(ran) == "python\n"
  end

  test "a generated module replacing one of the project's own modules stops the build", %{
    project: project
  } do
    on_exit(fn ->
      File.rm(Path.join(project, "lib/geometry/point.ex"))
      File.rm(Path.join(project, "lib/geometry.ex"))
    end)

    TestProject.write(
      project,
      "lib/geometry/point.ex",
      "defmodule Geometry.Point do\n  defstruct [:a]\nend\n"
    )

    {output, status} = TestProject.mix(project, ["compile"])
    assert status == 1

    assert output =~
             "nif_derive: lib/generated/geometry/point.ex (generated from c_src/geometry.h:6:9) " <>
               "would replace Geometry.Point, which lib/geometry/point.ex already defines: " <>
               "rename the module in the annotation at c_src/geometry.h:6:9, or rename or remove the module in lib/geometry/point.ex"

    refute output =~ "redefining module"

    {output, 1} = TestProject.mix(project, ["gen"])
    assert output =~ "would replace Geometry.Point"

    File.rm!(Path.join(project, "lib/geometry/point.ex"))

    # Nested, as Elixir would name it.
    TestProject.write(
      project,
      "lib/geometry.ex",
      "defmodule Geometry do\n  defmodule Native do\n    def answer, do: 42\n  end\nend\n"
    )

    {output, 1} = TestProject.mix(project, ["compile"])

    assert output =~
             "would replace Geometry.Native, which lib/geometry.ex already defines: change :module in the :nif_derive config of mix.exs"

    File.rm!(Path.join(project, "lib/geometry.ex"))
    assert probe(project) =~ ~r/\{0, 0, 0\}\z/
  end
end
