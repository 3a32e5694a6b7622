defmodule NifDerive.ManifestTest do
  use ExUnit.Case, async: true

  alias NifDerive.Manifest

  setup do
    dir =
      Path.join(
        System.tmp_dir!(),
        "nif_derive_manifest_test_#{System.unique_integer([:positive])}"
      )

    File.mkdir_p!(dir)
    on_exit(fn -> File.rm_rf!(dir) end)
    %{dir: dir}
  end

  test "a step is fresh only with the same key, every required input, and unchanged contents", %{
    dir: dir
  } do
    input = Path.join(dir, "a.h")
    output = Path.join(dir, "a.ex")
    File.write!(input, "one")
    File.write!(output, "out")
    step = %{key: :k, inputs: Manifest.hashes([input]), outputs: Manifest.hashes([output])}

    assert Manifest.fresh?(step, :k, [input])
    refute Manifest.fresh?(step, :other, [input])
    refute Manifest.fresh?(step, :k, [input, Path.join(dir, "new.h")])
    refute Manifest.fresh?(%{}, :k, [])

    # Same size, same second: only the content tells.
    %{mtime: mtime} = File.stat!(input, time: :posix)
    File.write!(input, "two")
    File.touch!(input, mtime)
    refute Manifest.fresh?(step, :k, [input])

    File.write!(input, "one")
    assert Manifest.fresh?(step, :k, [input])
    File.rm!(output)
    refute Manifest.fresh?(step, :k, [input])
  end

  test "record keeps the content from before the step for known files, and distrusts new files modified since it started",
       %{dir: dir} do
    [known, settled, fresh] = for name <- ~w(known.h settled.h fresh.h), do: Path.join(dir, name)
    File.write!(known, "before")
    File.write!(settled, "settled")
    File.touch!(settled, System.os_time(:second) - 10)

    {:ran, snapshot} =
      Manifest.around([known], fn ->
        # An edit while the step runs, and a file it finds that is written meanwhile.
        File.write!(known, "during")
        File.write!(fresh, "fresh")
        :ran
      end)

    recorded = Manifest.record([known, settled, fresh, Path.join(dir, "gone.h")], snapshot)

    assert recorded[known] == :erlang.md5("before")
    assert recorded[settled] == :erlang.md5("settled")
    assert recorded[fresh] == :unknown
    assert recorded[Path.join(dir, "gone.h")] == :missing

    # So the next check runs the step again.
    refute Manifest.fresh?(%{key: :k, inputs: recorded, outputs: %{}}, :k, [])
  end
end
