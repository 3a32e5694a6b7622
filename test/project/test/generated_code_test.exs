defmodule Everything.GeneratedCode do
  @moduledoc false

  @root Path.expand("..", __DIR__)

  def root, do: @root
  def c_out, do: Path.join(@root, "c_src/generated")
  def ex_out, do: Path.join(@root, "lib/generated")

  def generated_files do
    Path.wildcard(Path.join(c_out(), "*.{c,h}")) ++ Path.wildcard(Path.join(ex_out(), "**/*.ex"))
  end

  def mix(args) do
    System.cmd("mix", args, cd: @root, env: [{"MIX_ENV", "test"}], stderr_to_stdout: true)
  end
end

defmodule Everything.GeneratedCodeTest do
  @moduledoc """
  The generated files themselves: formatted Elixir, and C that compiles
  clean under gcc and clang. (Async modules all finish before the sync
  Everything.RegenerateTest rewrites these files.)
  """
  use ExUnit.Case, async: true

  import Everything.GeneratedCode

  test "the generated Elixir is mix format clean" do
    files = Path.wildcard(Path.join(ex_out(), "**/*.ex"))
    assert length(files) == 13
    relative = Enum.map(files, &Path.relative_to(&1, root()))
    {output, status} = mix(["format", "--check-formatted" | relative])
    assert status == 0, output
  end

  for cc <- ["gcc", "clang"] do
    @tag cc: cc
    test "the generated C, the runtime and the NIF sources compile with #{cc} -Wall -Wextra -Werror",
         %{cc: cc} do
      compiler = System.find_executable(cc) || flunk("#{cc} is not installed")

      includes =
        Enum.flat_map(
          [
            "c_src",
            "c_src/generated",
            "../../c_src",
            Path.join([:code.root_dir(), "usr", "include"])
          ],
          &["-I", &1]
        )

      sources =
        ["c_src/generated/everything_native.c", "c_src/everything.c"] ++
          Path.wildcard(Path.expand("../../c_src/nif_derive*.c", root()))

      runs =
        for source <- sources,
            args <- [["-fsyntax-only"], ["-O2", "-c", "-o", "/dev/null"]],
            do: {source, args}

      runs
      |> Task.async_stream(
        fn {source, args} ->
          flags = ~w(-std=gnu11 -Wall -Wextra -Werror) ++ args ++ includes

          {output, status} =
            System.cmd(compiler, flags ++ [source], cd: root(), stderr_to_stdout: true)

          {"#{cc} #{Enum.join(flags, " ")} #{source}", status, output}
        end,
        timeout: 60_000
      )
      |> Enum.each(fn {:ok, {command, status, output}} ->
        assert {status, output} == {0, ""}, "#{command}:\n#{output}"
      end)
    end
  end

  test "the generated header declares each direction only where it exists" do
    header = File.read!(Path.join(c_out(), "everything_native.h"))
    assert header =~ "ERL_NIF_TERM nif_encode_report_t("
    refute header =~ "nif_decode_report_t("
    assert header =~ "int nif_decode_query_t("
    refute header =~ "nif_encode_query_t("
    assert header =~ "void nif_raise_app_error_t(const app_error_t *exception);"

    source = File.read!(Path.join(c_out(), "everything_native.c"))

    assert source =~
             ~s({"nif_echo_scene", 1, everything_native_nif_echo_scene, ERL_NIF_DIRTY_JOB_CPU_BOUND})

    assert source =~
             ~s({"nif_echo_scalars", 1, everything_native_nif_echo_scalars, ERL_NIF_DIRTY_JOB_IO_BOUND})

    assert source =~ ~s({"nif_echo_point", 1, everything_native_nif_echo_point, 0})
  end
end

defmodule Everything.RegenerateTest do
  @moduledoc "Not async: it rewrites the generated files the other tests were built from."
  use ExUnit.Case, async: false

  import Everything.GeneratedCode

  defp snapshot, do: Map.new(generated_files(), &{&1, File.read!(&1)})

  test "mix gen twice gives byte-identical output" do
    before = snapshot()
    assert map_size(before) == 15

    {output, 0} = mix(["gen"])
    assert output =~ "nif_derive: generated files are up to date"
    assert snapshot() == before

    # From scratch: every file written again, byte for byte the same.
    mtimes = Map.new(generated_files(), &{&1, File.stat!(&1, time: :posix).mtime})
    File.rm_rf!(c_out())
    File.rm_rf!(ex_out())

    try do
      {output, 0} = mix(["gen"])

      assert output |> String.split("\n", trim: true) |> Enum.count(&(&1 =~ "nif_derive: wrote")) ==
               15

      assert snapshot() == before
    after
      # Keep the next `mix test` from rebuilding what did not change.
      for {path, mtime} <- mtimes, File.exists?(path), do: File.touch!(path, mtime)
    end
  end

  test "bad input creates no atoms" do
    alias Everything.Native

    bad = [
      fn -> Native.echo_color(:no_such_color) end,
      fn -> Native.echo_color("no_such_color_as_text") end,
      fn -> Native.echo_shape({"hexagon_never_an_atom", 1}) end,
      fn -> Native.echo_token({"word", "x"}) end,
      fn -> Native.echo_layer(%{"name_as_text" => "x"}) end,
      fn -> Native.echo_strict_map(%{"a" => 1, a: 1}) end,
      fn -> Native.echo_scene(%{__struct__: "Elixir.Not.A.Module.Atom"}) end
    ]

    # Warm up: the first raise may load code (and its atoms).
    for fun <- bad, do: assert_raise(ArgumentError, fun)
    count = :erlang.system_info(:atom_count)
    for _ <- 1..100, fun <- bad, do: assert_raise(ArgumentError, fun)
    assert :erlang.system_info(:atom_count) == count
  end
end
