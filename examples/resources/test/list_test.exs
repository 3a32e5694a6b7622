defmodule Kv.ListTest do
  # Lists of resource handles (`const plain_t **` with NIF_LEN): each element borrowed for the
  # call like a single handle, and a list result made of the same resources.
  use ExUnit.Case, async: true

  import Kv.Case

  test "a list of references is decoded element by element, and returned as the same resources" do
    plains = Enum.map(1..50, &Kv.Nif.plain_new/1)

    assert Kv.Nif.plain_sum(plains) == Enum.sum(1..50)
    assert Kv.Nif.plain_sum([]) == 0

    reversed = Kv.Nif.plain_reverse(plains)
    assert reversed == Enum.reverse(plains)
    assert Enum.map(reversed, &Kv.Nif.plain_get/1) == Enum.to_list(50..1//-1)
  end

  test "an element of another kind names its index" do
    plain = Kv.Nif.plain_new(1)
    counter = Kv.Nif.counter_new(0)

    error = assert_raise ArgumentError, fn -> Kv.Nif.plain_sum([plain, counter]) end

    assert error.message == reference_error(1, "Kv.Plain", counter, "[1]")

    for other <- [[plain | :tail], :plains, [make_ref()]] do
      assert_raise ArgumentError, fn -> Kv.Nif.plain_sum(other) end
    end
  end
end
