defmodule Kv.UpgradeTest do
  # Hot upgrade: the library rebuilt (KV_LIBRARY_VERSION=2) and loaded for a
  # new version of Kv.Nif with :code.load_binary/3. The VM runs the upgrade
  # callback (NIF_ON_UPGRADE, not NIF_ON_LOAD); the resource types are taken
  # over, so references made by the old library keep working; purging the
  # old code unloads the old library (NIF_ON_UNLOAD). A third build changes
  # Kv.Table's layout: its tables are a new type, and old tables are then
  # refused rather than read with the wrong layout.
  use ExUnit.Case, async: false

  import Kv.Case

  setup_all do
    dir = Path.join(System.tmp_dir!(), "kv_upgrade_#{System.unique_integer([:positive])}")
    File.mkdir_p!(dir)
    csv = Path.join(dir, "t.csv")
    File.write!(csv, "country,city\nBR,Recife\nUS,Austin\n")
    on_exit(fn -> File.rm_rf(dir) end)
    {:ok, dir: dir, csv: csv}
  end

  # Builds the library as `mix compile` does, with `defines`, as dir/<name>/kv/priv/kv_nif.so:
  # a new file name, since dlopen of a path already loaded returns the loaded copy.
  defp build(dir, name, defines) do
    {cc, args} = NifDerive.Build.command(NifDerive.Config.current())
    app = Path.join([dir, name, "kv"])
    File.mkdir_p!(Path.join(app, "priv"))
    File.mkdir_p!(Path.join(app, "ebin"))
    output = Path.join([app, "priv", "kv_nif.so"])
    args = Enum.map(args, fn arg -> if arg == "priv/kv_nif.so", do: output, else: arg end)
    assert output in args
    {log, status} = System.cmd(cc, defines ++ args, stderr_to_stdout: true)
    assert status == 0, log
    app
  end

  # Loads the same Kv.Nif object code as a new version. Its on_load loads
  # :code.priv_dir(:kv)/kv_nif.so, so `app` goes first in the code path meanwhile.
  defp load_new_version(app) do
    ebin = String.to_charlist(Path.join(app, "ebin"))
    true = :code.add_patha(ebin)
    assert :code.priv_dir(:kv) == String.to_charlist(Path.join(app, "priv"))
    {Kv.Nif, beam, file} = :code.get_object_code(Kv.Nif)

    try do
      assert {:module, Kv.Nif} = :code.load_binary(Kv.Nif, file, beam)
    after
      :code.del_path(ebin)
    end
  end

  test "a new library version runs the upgrade hook and keeps old resources working", ctx do
    Process.register(self(), :kv_lifecycle)
    [id] = Enum.to_list(ids(1))
    parent = self()

    table = Kv.Nif.load_csv(ctx.csv)
    counter = Kv.Nif.counter_new(5)
    version = Kv.Nif.library_version()

    {probe_holder, probe_ref} =
      spawn_monitor(fn ->
        _probe = Kv.Nif.probe_new_notify(id, parent)
        receive do: (:exit -> :ok)
      end)

    v2 = build(ctx.dir, "v2", ["-DKV_LIBRARY_VERSION=#{version + 1}"])
    load_new_version(v2)
    assert Kv.Nif.library_version() == version + 1
    assert {Kv.Nif.library_loads(), Kv.Nif.library_upgrades()} == {0, 1}

    # the old library's objects, through the new library's code
    assert Kv.Nif.summarize(table) == %Kv.Summary{rows: 2, columns: 2}

    assert Kv.Nif.summarize(Kv.Nif.filter(table, "country", "US")) == %Kv.Summary{
             rows: 1,
             columns: 2
           }

    Kv.Nif.counter_add(counter, 2)
    assert Kv.Nif.counter_get(counter) == 7

    # purging the old code unloads the old library (its types were taken over)
    assert :code.purge(Kv.Nif) == false
    assert_receive {:unloaded, ^version}, 5000

    # an old object's destructor now runs in the new library, and can still send
    send(probe_holder, :exit)
    assert_receive {:DOWN, ^probe_ref, :process, ^probe_holder, :normal}
    assert_receive {:destroyed, ^id}, 5000

    # a changed layout is a new type: old tables are refused, new ones work
    v3 =
      build(ctx.dir, "v3", [
        "-DKV_LIBRARY_VERSION=#{version + 2}",
        "-DKV_TABLE_LAYOUT_CHANGED"
      ])

    load_new_version(v3)
    assert Kv.Nif.library_version() == version + 2
    error = assert_raise ArgumentError, fn -> Kv.Nif.summarize(table) end
    assert error.message == reference_error(1, "Kv.Table", table)
    assert Kv.Nif.summarize(Kv.Nif.load_csv(ctx.csv)) == %Kv.Summary{rows: 2, columns: 2}
    assert Kv.Nif.counter_get(counter) == 7

    # the old table type keeps its library loaded until its last table is gone
    :code.purge(Kv.Nif)
    refute_receive {:unloaded, _}, 200
    table = nil
    old_version = version + 1

    eventually(fn ->
      receive do
        {:unloaded, ^old_version} -> table == nil
      after
        0 -> false
      end
    end)
  after
    Process.unregister(:kv_lifecycle)
  end
end
