defmodule GuideTest do
  use ExUnit.Case, async: true

  alias Guide.Native

  test "NifUnitEnum: atoms to a C enum" do
    assert Native.align(:left) == "text-left"
    assert Native.align(:center) == "text-center"
    assert Native.align(:right) == "text-right"

    assert_raise ArgumentError, ~r/expected: one of :left, :center, :right/, fn ->
      Native.align(:up)
    end
  end

  test "NifTaggedEnum: unit, newtype and named variants" do
    assert Native.render_event(:loading) == "loading"
    assert Native.render_event({:redirect, "/docs"}) == "redirect to /docs"
    assert Native.render_event({:resize, %{width: 800, height: 600}}) == "resize to 800x600"
  end

  test "NifTaggedEnum: an error inside a variant names the path" do
    error =
      assert_raise ArgumentError, fn ->
        Native.render_event({:resize, %{width: -1, height: 600}})
      end

    assert error.message =~ "{:resize, %{}}.width"
    assert error.message =~ "integer in uint32_t range 0..4294967295"
  end

  test "NifUntaggedEnum: the term's type picks the arm" do
    assert Native.describe_input(123) == "id=123"
    assert Native.describe_input("hello") == "name=hello"
    assert_raise ArgumentError, fn -> Native.describe_input(:neither) end
  end

  test "NifStruct and NifMap" do
    assert Native.move_point(%Guide.Point{x: 2, y: 3}, %{x: 10, y: 20}) == %Guide.Point{
             x: 12,
             y: 23
           }
  end

  test "NifStruct rejects a plain map" do
    error =
      assert_raise ArgumentError, fn -> Native.move_point(%{x: 2, y: 3}, %{x: 10, y: 20}) end

    assert error.message =~ "1st argument"
    assert error.message =~ "expected: %Guide.Point{}"
  end

  test "NifMap with atom keys" do
    asset = %{root: "https://cdn.example.com/", path: "app.css"}
    assert Native.rewrite_asset_url(asset) == "https://cdn.example.com/app.css"
  end

  test "NifMap with string keys names the missing :root key" do
    asset = %{"root" => "https://cdn.example.com/", "path" => "app.css"}
    error = assert_raise ArgumentError, fn -> Native.rewrite_asset_url(asset) end
    assert error.message =~ "key :root"
  end

  test "validation in C raises ArgumentError cleanly" do
    assert Native.normalize_name(" elixir ") == "elixir"
    error = assert_raise ArgumentError, fn -> Native.normalize_name(" ") end
    assert error.message =~ "a name that is not blank"
  end

  test "Erlang callers can still match error:badarg" do
    assert :badarg == catch_error(Native.align(:up))
  end

  test "lists as arguments and results" do
    assert Native.sum_list([1.5, 2.5]) == 4.0
    assert Native.process_pairs([{"a", 1}]) == ["a: 1"]
    assert Native.process_pairs([]) == []
  end
end
