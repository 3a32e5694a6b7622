defmodule NifDerive.NewTest do
  use ExUnit.Case, async: false

  alias NifDerive.TestProject

  test "mix nif_derive.new writes a starter that compiles and runs once the printed lines are in mix.exs" do
    project = TestProject.new("shapes", nil, %{})
    output = TestProject.mix!(project, ["nif_derive.new", "Shapes.Native"])
    assert output =~ "* creating c_src/shapes.h\n* creating c_src/shapes.c\n"

    header = File.read!(Path.join(project, "c_src/shapes.h"))
    assert header =~ ~r/\A#ifndef SHAPES_H\n#define SHAPES_H\n/
    assert header =~ ~s[NIF_STRUCT("Shapes.Point")]
    assert header =~ "NIF_FUNCTION shapes_point_t add_points("

    # The printed lines, pasted as they are into project/0.
    [_, lines] = Regex.run(~r/Add to the list in project\/0 of mix.exs:\n\n(.*?)\n\n/s, output)
    mix_exs = File.read!(Path.join(project, "mix.exs"))

    TestProject.write(
      project,
      "mix.exs",
      String.replace(mix_exs, "      deps: [", lines <> "\n      deps: [")
    )

    assert output =~ "/c_src/generated/\n    /lib/generated/\n    /priv/*.so\n"

    output = TestProject.mix!(project, ["compile"])
    assert output =~ "nif_derive: built priv/shapes_native.so"

    call =
      "IO.inspect(Shapes.Native.add_points(%Shapes.Point{x: 1, y: 2}, %Shapes.Point{x: 10, y: 20}))"

    assert TestProject.mix!(project, ["run", "-e", call]) == "%Shapes.Point{x: 11, y: 22}\n"

    # Never overwrites, and wants a module name.
    {output, 1} = TestProject.mix(project, ["nif_derive.new", "Shapes.Native"])
    assert output =~ "** (Mix) nif_derive.new: c_src/shapes.h already exists"
    assert File.read!(Path.join(project, "c_src/shapes.h")) == header

    {output, 1} = TestProject.mix(project, ["nif_derive.new", "shapes_native"])

    assert output =~
             ~s{** (Mix) nif_derive.new: "shapes_native" is not an Elixir module name such as Geometry.Native}
  end
end
