defmodule Kv.TableTest do
  # The survival guide's table: load_csv on a dirty I/O scheduler returns a
  # reference, filter returns a new one, summarize a small struct.
  use ExUnit.Case, async: false

  import Kv.Case

  @csv "country,city,population\nBR,Recife,1600000\nUS,Austin,960000\nBR,Natal,890000\n"

  setup do
    path = Path.join(System.tmp_dir!(), "kv_table_#{System.unique_integer([:positive])}.csv")
    File.write!(path, @csv)
    on_exit(fn -> File.rm(path) end)
    {:ok, path: path}
  end

  test "load_csv returns a reference; filter a new one, the original unchanged", %{path: path} do
    table = Kv.Nif.load_csv(path)
    assert is_reference(table)
    assert Kv.Nif.summarize(table) == %Kv.Summary{rows: 3, columns: 3}

    brazil = Kv.Nif.filter(table, "country", "BR")
    assert is_reference(brazil) and brazil != table
    assert Kv.Nif.summarize(brazil) == %Kv.Summary{rows: 2, columns: 3}

    assert Kv.Nif.summarize(Kv.Nif.filter(brazil, "city", "Natal")) == %Kv.Summary{
             rows: 1,
             columns: 3
           }

    assert Kv.Nif.summarize(table) == %Kv.Summary{rows: 3, columns: 3}
  end

  test "errors from the C code name the argument", %{path: path} do
    table = Kv.Nif.load_csv(path)

    error = assert_raise ArgumentError, fn -> Kv.Nif.filter(table, "planet", "Earth") end

    assert error.message =~
             "* 2nd argument: expected: a column of the table\n      got: \"planet\""

    error = assert_raise ArgumentError, fn -> Kv.Nif.load_csv(path <> ".missing") end
    assert error.message =~ "* 1st argument: expected: path of a readable CSV file"
  end

  test "any other term is an ArgumentError naming the resource's module", %{path: path} do
    counter = Kv.Nif.counter_new(0)

    for other <- [:table, make_ref(), counter, self(), "table", %{}] do
      error = assert_raise ArgumentError, fn -> Kv.Nif.summarize(other) end
      assert error.message == reference_error(1, "Kv.Table", other)
    end

    table = Kv.Nif.load_csv(path)
    error = assert_raise ArgumentError, fn -> Kv.Nif.counter_get(table) end
    assert error.message == reference_error(1, "Kv.Counter", table)
  end

  test "Erlang callers match error:badarg", %{path: _path} do
    assert {:error, :badarg} =
             (try do
                Kv.Nif.summarize(:nope)
              catch
                :error, reason -> {:error, reason}
              end)
  end
end
