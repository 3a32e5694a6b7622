defmodule NifDerive.ConfigTest do
  use ExUnit.Case, async: false

  alias NifDerive.{Config, TestProject}

  defp error(options) do
    assert_raise Mix.Error, fn -> Config.new!(options, :geometry) end
  end

  @valid [module: Geometry.Native, headers: ["c_src/geometry.h"]]

  test "a valid config becomes the struct, with defaults" do
    config = Config.new!(@valid ++ [cflags: ["-DX=1"]], :geometry)
    assert %Config{module: Geometry.Native, otp_app: :geometry, c_out: "c_src/generated"} = config
    assert config.cflags == ["-DX=1"]
  end

  test "a wrong type names the key, what it expects and what it got" do
    assert error(module: Geometry.Native, headers: "c_src/x.h").message ==
             ~s(nif_derive: :headers must be a list of paths, got: "c_src/x.h")

    assert error(@valid ++ [sources: [:geometry]]).message ==
             "nif_derive: :sources must be a list of paths, got: [:geometry]"

    assert error(@valid ++ [cflags: "-O3"]).message ==
             ~s(nif_derive: :cflags must be a list of strings, got: "-O3")

    assert error(@valid ++ [c_out: nil]).message ==
             "nif_derive: :c_out must be a path (a string), got: nil"

    assert error(Keyword.put(@valid, :headers, [])).message ==
             "nif_derive: :headers must list at least one header, got: []"
  end

  test "a module name must be an Elixir alias" do
    for bad <- [:geometry_native, "Geometry.Native", :"Elixir.geometry.Native", nil] do
      assert error(Keyword.put(@valid, :module, bad)).message ==
               "nif_derive: :module must be an Elixir module name such as Geometry.Native, got: #{inspect(bad)}"
    end
  end

  test "an unknown key is named, with the closest known key or the list of keys" do
    assert error(module: Geometry.Native, header: ["c_src/x.h"]).message ==
             "nif_derive: unknown key :header in the :nif_derive config; did you mean :headers?"

    assert error(@valid ++ [zzz: 1]).message =~
             "nif_derive: unknown key :zzz in the :nif_derive config; the keys are :module, :headers, :sources"
  end

  test "missing required keys and a config that is not a keyword list" do
    assert error(headers: ["c_src/x.h"]).message ==
             "nif_derive: the :nif_derive config needs :module: an Elixir module name such as Geometry.Native"

    assert error(module: Geometry.Native).message ==
             "nif_derive: the :nif_derive config needs :headers: a list of paths"

    assert error(%{module: Geometry.Native}).message =~
             "nif_derive: the :nif_derive config must be a keyword list, got: %{"
  end

  test "in a project: one Mix error line, and a missing header is named before Python runs" do
    project = TestProject.new("configs", ~s([module: Configs.Native, headers: "c_src/x.h"]), %{})
    {output, 1} = TestProject.mix(project, ["compile"])
    assert output =~ ~s{** (Mix) nif_derive: :headers must be a list of paths, got: "c_src/x.h"\n}
    refute output =~ "stacktrace" or output =~ "Protocol.UndefinedError"

    TestProject.write(
      project,
      "mix.exs",
      TestProject.mix_exs("configs", ~s([module: Configs.Native, headers: ["c_src/x.h"]]))
    )

    {env, ran} = TestProject.tripwires(project)

    for task <- ["compile", "gen"] do
      {output, 1} = TestProject.mix(project, [task], env)
      assert output =~ "** (Mix) c_src/x.h: file not found (listed in :headers in mix.exs)\n"
    end

    refute File.exists?(ran)

    config = ~s([module: Configs.Native, headers: ["c_src/x.h"], include_dirs: ["vendor"]])
    TestProject.write(project, "mix.exs", TestProject.mix_exs("configs", config))
    TestProject.write(project, "c_src/x.h", "")
    {output, 1} = TestProject.mix(project, ["compile"], env)
    assert output =~ "** (Mix) vendor: directory not found (listed in :include_dirs in mix.exs)\n"
    refute File.exists?(ran)
  end
end

defmodule NifDerive.PythonTest do
  use ExUnit.Case, async: false

  alias NifDerive.TestProject

  test "a missing Python, or one without the generator's packages, gives one line with the fix" do
    project =
      TestProject.new("pythons", ~s([module: Pythons.Native, headers: ["c_src/p.h"]]), %{
        "c_src/p.h" => "#include <nif_derive.h>\ntypedef struct NIF_MAP { int x; } p_t;\n"
      })

    {output, 1} =
      TestProject.mix(project, ["gen"], [{"NIF_DERIVE_PYTHON", "/nonexistent/python"}])

    assert output =~
             "** (Mix) nif_derive: Python 3 is missing (NIF_DERIVE_PYTHON=/nonexistent/python is not an executable): " <>
               "install it (apt-get install python3 python3-venv), then run: make -C #{TestProject.checkout()} setup\n"

    # A Python that sees no site packages: no libclang, no jinja2.
    bare = Path.join(project, "bare-python")
    File.write!(bare, "#!/bin/sh\nexec python3 -S \"$@\"\n")
    File.chmod!(bare, 0o755)
    {output, 1} = TestProject.mix(project, ["gen"], [{"NIF_DERIVE_PYTHON", bare}])

    assert output =~
             "** (Mix) nif_derive: the generator needs the Python packages libclang and jinja2 (#{bare}: "

    assert output =~ "): run: make -C #{TestProject.checkout()} setup\n"
  end
end
