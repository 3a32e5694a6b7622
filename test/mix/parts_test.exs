defmodule NifDerive.PartsTest do
  # A module large enough that the generator splits its C into parts (gen/units.py), built by
  # `mix compile` one object per file and called end to end.
  use ExUnit.Case, async: false

  alias NifDerive.TestProject

  # Enough types for two parts (gen/units.py: PART_LINES); the NIF functions go to the last.
  @types 160

  @config ~s([module: Parts.Native, headers: ["c_src/parts.h"], sources: ["c_src/parts.c"]])

  defp header(extra_field) do
    types =
      for i <- 1..@types do
        ~s[typedef struct NIF_STRUCT("Parts.S#{i}") { int64_t a; int32_t b; uint8_t c; ] <>
          ~s[double d; bool e; color_t color; #{extra_field}} s#{i}_t;\n]
      end

    """
    #ifndef PARTS_H
    #define PARTS_H
    #include <nif_derive.h>

    typedef enum NIF_UNIT_ENUM { COLOR_RED, COLOR_GREEN, COLOR_BLUE } color_t;
    typedef struct NIF_STRUCT("Parts.Pt") { int32_t x, y; } pt_t;
    typedef struct NIF_STRUCT("Parts.Path") { pt_t *points NIF_LEN(n); size_t n; } path_t;
    #{types}
    NIF_FUNCTION s#{@types}_t last_from_first(s1_t first);
    NIF_FUNCTION color_t next_color(color_t color);
    NIF_FUNCTION int64_t path_sum(path_t path);
    #endif
    """
  end

  @source """
  #include "parts.h"

  s#{@types}_t last_from_first(s1_t first)
  {
      s#{@types}_t last = {first.a, first.b, first.c, first.d, !first.e, first.color};

      return last;
  }

  color_t next_color(color_t color) { return (color + 1) % 3; }

  int64_t path_sum(path_t path)
  {
      int64_t sum = 0;

      for (size_t i = 0; i < path.n; i++)
          sum += path.points[i].x * path.points[i].y;
      return sum;
  }
  """

  # The fast paths (a flat list helper for path_sum), then a value the fast NIF declines (c is
  # a uint8_t): the wrapper falls back to the full NIF, which raises.
  @probe """
  first = %Parts.S1{a: -5, b: 7, c: 255, d: 1.5, e: true, color: :blue}
  path = %Parts.Path{points: [%Parts.Pt{x: 2, y: 3}, %Parts.Pt{x: -1, y: 4}]}
  IO.inspect(Parts.Native.path_sum(path))

  try do
    Parts.Native.last_from_first(%{first | c: 256})
  rescue
    e in ArgumentError -> IO.puts(Exception.message(e))
  end

  IO.write(inspect({Parts.Native.last_from_first(first), Parts.Native.next_color(:blue)}))
  """

  test "a module split into parts builds, hides its symbols and runs" do
    project =
      TestProject.new("parts", @config, %{
        "c_src/parts.h" => header(""),
        "c_src/parts.c" => @source
      })

    output = TestProject.mix!(project, ["run", "-e", @probe])
    assert output =~ "\n2\nerrors were found at the given arguments:\n"

    assert output =~
             "* 1st argument: %Parts.S1{}.c\n      expected: integer in uint8_t range 0..255\n"

    assert output =~
             ~r/\{%Parts.S#{@types}\{a: -5, b: 7, c: 255, d: 1.5, e: false, color: :blue\}, :red\}\z/

    generated = Path.join(project, "c_src/generated")
    assert File.exists?(Path.join(generated, "parts_native_internal.h"))
    assert File.exists?(Path.join(generated, "parts_native_2.c"))
    main = File.read!(Path.join(generated, "parts_native.c"))
    assert main =~ "ErlNifFunc parts_native_nif_functions[]"

    # Both NIFs of each function are defined in a part, not beside the array.
    for nif <- ~w(nif_last_from_first fast_nif_last_from_first nif_path_sum fast_nif_path_sum) do
      definition = ~r/^ERL_NIF_TERM parts_native_#{nif}\([^;]*\)\n\{/m
      refute main =~ definition

      assert Enum.any?(Path.wildcard(Path.join(generated, "parts_native_*.c")), fn part ->
               File.read!(part) =~ definition
             end)
    end

    objects = Path.wildcard(Path.join(project, "_build/dev/lib/parts/nif_derive/*.o"))
    runtime = Path.wildcard(Path.join(TestProject.checkout(), "c_src/nif_derive*.c"))
    # One object per C file: generated, runtime, the project's source.
    assert length(objects) == length(Path.wildcard(Path.join(generated, "*.c")) ++ runtime) + 1

    {symbols, 0} =
      System.cmd("nm", ["-D", "--defined-only", Path.join(project, "priv/parts_native.so")])

    assert for(
             line <- String.split(symbols, "\n"),
             line =~ " T ",
             do: List.last(String.split(line))
           ) ==
             ["nif_init"]

    # A field added to every type: every part changes and is rebuilt.
    TestProject.write(project, "c_src/parts.h", header("int16_t f NIF_DEFAULT(0); "))

    assert TestProject.mix!(project, ["run", "-e", @probe]) =~
             ~r/\{%Parts.S#{@types}\{a: -5, b: 7, c: 255, d: 1.5, e: false, color: :blue, f: 0\}, :red\}\z/
  end
end
