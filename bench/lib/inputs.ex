defmodule Bench.Inputs do
  @moduledoc """
  The values every implementation converts, as terms: the same values as
  the static C values of `bench/c_src/bench.c`.

  Structs are written as maps with a `__struct__` key, which is what
  `%Bench.Ten{}` compiles to: the harness then needs no struct modules and
  cannot clash with the ones nif_derive generates from `bench.h`.

  Functions take a scenario's name. Forms of each scenario's value:
    * `term/1`: the keyed term (F0, F2, F3, nif_derive, Rustler);
    * `tuple/1`: the positional form F1 converts (keyed scenarios only);
    * `raw/1`: what plain Elixir (F3) builds the term from when encoding,
      the nearest Elixir thing to a C value: the positional form, with
      enums as their integer value;
    * `decoded/1`: what every decode returns.
  """

  @list_length 10_000
  @ten_fields ~w(id seq ts value low high count total flags crc)a
  @greek ~w(alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi
            omicron pi rho sigma tau upsilon)a
  @forty_fields for i <- 1..40, do: :"f#{String.pad_leading(Integer.to_string(i), 2, "0")}"

  def ten_fields, do: @ten_fields
  def greek_atoms, do: @greek
  def forty_fields, do: @forty_fields
  def list_length, do: @list_length

  @doc "A fresh copy of `term` on the caller's heap (module literals live off-heap)."
  def fresh(term), do: :erlang.binary_to_term(:erlang.term_to_binary(term))

  def term(:ten), do: Map.new([{:__struct__, Bench.Ten} | Enum.zip(ten_fields(), 1..10)])

  def term(:mixed) do
    %{
      __struct__: Bench.Mixed,
      origin: point(3, 4),
      name: "hello nif_derive",
      score: 2.5,
      active: true,
      grade: :upsilon
    }
  end

  def term(:frame),
    do: %{id: 7, x: -10, y: 20, width: 800, height: 600, scale: 1.5, visible: true, layer: 3}

  def term(:pixel), do: {:pixel, 10, 20, 255, 128, 0, 255}
  def term(:greek), do: :upsilon
  def term(:cmd), do: {:resize, %{width: 800, height: 600}}

  def term(:list), do: path(@list_length)
  def term(:list_big_heap), do: path(@list_length)
  def term(:list_1k), do: path(1000)

  def term(:blob), do: %{__struct__: Bench.Blob, id: 1, data: blob_bytes()}
  def term(:forty), do: Map.new([{:__struct__, Bench.Forty} | Enum.zip(@forty_fields, 1..40)])

  def tuple(:ten), do: List.to_tuple(Enum.to_list(1..10))
  def tuple(:mixed), do: {{3, 4}, "hello nif_derive", 2.5, true, :upsilon}
  def tuple(:frame), do: {7, -10, 20, 800, 600, 1.5, true, 3}
  def tuple(:list), do: {for(i <- 0..(@list_length - 1), do: {i, -i})}
  def tuple(:list_big_heap), do: tuple(:list)
  def tuple(:list_1k), do: {for(i <- 0..999, do: {i, -i})}
  def tuple(:blob), do: {1, blob_bytes()}
  def tuple(:forty), do: List.to_tuple(Enum.to_list(1..40))

  def raw(:mixed), do: {{3, 4}, "hello nif_derive", 2.5, true, 19}
  def raw(:pixel), do: {10, 20, 255, 128, 0, 255}
  def raw(:greek), do: 19
  def raw(:cmd), do: {21, {800, 600}}
  def raw(scenario), do: tuple(scenario)

  def decoded(:ten), do: 10
  def decoded(:mixed), do: 19
  def decoded(:frame), do: 7
  def decoded(:pixel), do: 255
  def decoded(:greek), do: 19
  def decoded(:cmd), do: 21
  def decoded(:list), do: @list_length
  def decoded(:list_big_heap), do: @list_length
  def decoded(:list_1k), do: 1000
  def decoded(:blob), do: 1024 * 1024
  def decoded(:forty), do: 40

  defp point(x, y), do: %{__struct__: Bench.Point, x: x, y: y}

  # The points of the static C value: {0, 0}, {1, -1}, ...
  defp path(length),
    do: %{__struct__: Bench.Path, points: for(i <- 0..(length - 1), do: point(i, -i))}

  # 1 MB of bytes 0, 1, ..., 255, 0, 1, ...: a reference-counted binary,
  # stored outside the process heap.
  defp blob_bytes, do: :binary.copy(:binary.list_to_bin(Enum.to_list(0..255)), 4096)
end
