defmodule Bench.Plain do
  @moduledoc """
  F3: the benchmark's conversions in plain Elixir, the cost of staying in
  the VM. Decoding is a pattern match that checks what the C decoders check
  (types, integer ranges, UTF-8 without NUL) and returns the same small
  integer; encoding builds the term from `Bench.Inputs.raw/1`, the
  positional value that stands for the C value; a round trip matches and
  rebuilds.

  Structs are written as `%{__struct__: Mod, ...}`, exactly what
  `%Mod{...}` compiles to, so this module needs no struct definitions.
  """

  import Bitwise, only: [<<<: 2]

  defguardp is_int32(x) when is_integer(x) and x >= -(1 <<< 31) and x < 1 <<< 31
  defguardp is_uint32(x) when is_integer(x) and x >= 0 and x < 1 <<< 32
  defguardp is_uint8(x) when is_integer(x) and x >= 0 and x <= 255

  # ten and forty: all-integer structs. Their clauses are written with
  # unquote so 40 fields are not spelled out three times; the code compiled
  # is the same as if they were.
  for {name, module, fields} <- [
        {:ten, Bench.Ten, Bench.Inputs.ten_fields()},
        {:forty, Bench.Forty, Bench.Inputs.forty_fields()}
      ] do
    vars = Enum.map(fields, &Macro.var(&1, __MODULE__))
    # %{__struct__: module, id: id, seq: seq, ...}, as a pattern and as a value.
    struct = {:%{}, [], [{:__struct__, module} | Enum.zip(fields, vars)]}

    guard =
      vars
      |> Enum.map(&quote(do: is_integer(unquote(&1))))
      |> Enum.reduce(&quote(do: unquote(&2) and unquote(&1)))

    def unquote(:"#{name}_decode")(unquote(struct)) when unquote(guard),
      do: unquote(List.last(vars))

    def unquote(:"#{name}_encode")({unquote_splicing(vars)}), do: unquote(struct)

    def unquote(:"#{name}_roundtrip")(unquote(struct)) when unquote(guard),
      do: unquote(struct)
  end

  # mixed: nested struct, string, float, bool, unit enum.
  def mixed_decode(%{
        __struct__: Bench.Mixed,
        origin: %{__struct__: Bench.Point, x: x, y: y},
        name: name,
        score: score,
        active: active,
        grade: grade
      })
      when is_integer(x) and is_integer(y) and is_binary(name) and is_number(score) and
             is_boolean(active) do
    check_string!(name)
    greek_value(grade)
  end

  def mixed_encode({{x, y}, name, score, active, grade}) do
    %{
      __struct__: Bench.Mixed,
      origin: %{__struct__: Bench.Point, x: x, y: y},
      name: name,
      score: score,
      active: active,
      grade: greek_atom(grade)
    }
  end

  def mixed_roundtrip(%{
        __struct__: Bench.Mixed,
        origin: %{__struct__: Bench.Point, x: x, y: y},
        name: name,
        score: score,
        active: active,
        grade: grade
      })
      when is_integer(x) and is_integer(y) and is_binary(name) and is_number(score) and
             is_boolean(active) do
    check_string!(name)

    %{
      __struct__: Bench.Mixed,
      origin: %{__struct__: Bench.Point, x: x, y: y},
      name: name,
      score: score,
      active: active,
      grade: greek_atom(greek_value(grade))
    }
  end

  # frame: a plain map.
  def frame_decode(%{id: id, x: x, y: y, width: w, height: h, scale: s, visible: v, layer: l})
      when is_integer(id) and is_int32(x) and is_int32(y) and is_uint32(w) and is_uint32(h) and
             is_number(s) and is_boolean(v) and is_uint8(l),
      do: id

  def frame_encode({id, x, y, w, h, s, v, l}),
    do: %{id: id, x: x, y: y, width: w, height: h, scale: s, visible: v, layer: l}

  def frame_roundtrip(%{id: id, x: x, y: y, width: w, height: h, scale: s, visible: v, layer: l})
      when is_integer(id) and is_int32(x) and is_int32(y) and is_uint32(w) and is_uint32(h) and
             is_number(s) and is_boolean(v) and is_uint8(l),
      do: %{id: id, x: x, y: y, width: w, height: h, scale: s, visible: v, layer: l}

  # pixel: a record.
  def pixel_decode({:pixel, x, y, r, g, b, a})
      when is_int32(x) and is_int32(y) and is_uint8(r) and is_uint8(g) and is_uint8(b) and
             is_uint8(a),
      do: a

  def pixel_encode({x, y, r, g, b, a}), do: {:pixel, x, y, r, g, b, a}

  def pixel_roundtrip({:pixel, x, y, r, g, b, a})
      when is_int32(x) and is_int32(y) and is_uint8(r) and is_uint8(g) and is_uint8(b) and
             is_uint8(a),
      do: {:pixel, x, y, r, g, b, a}

  # greek: a unit enum, atom <-> integer as in C.
  @greek Bench.Inputs.greek_atoms()
  @greek_tuple List.to_tuple(@greek)

  for {atom, value} <- Enum.with_index(@greek) do
    defp greek_value(unquote(atom)), do: unquote(value)
  end

  defp greek_atom(value), do: elem(@greek_tuple, value)

  def greek_decode(atom), do: greek_value(atom)
  def greek_encode(value), do: greek_atom(value)
  def greek_roundtrip(atom), do: greek_atom(greek_value(atom))

  # cmd: a tagged enum. Decoding gives {kind, payload} (the C struct's
  # tag and union); encoding builds the term back from it.
  @cmd_units ~w(noop clear flush save restore begin_path close_path fill)a

  for {atom, kind} <- Enum.with_index(@cmd_units) do
    defp cmd_raw(unquote(atom)), do: {unquote(kind), nil}
  end

  defp cmd_raw({:stroke_width, w}) when is_number(w), do: {8, w}
  defp cmd_raw({:layer, l}) when is_integer(l), do: {9, l}
  defp cmd_raw({:label, s}) when is_binary(s), do: {10, check_string!(s)}
  defp cmd_raw({:visible, v}) when is_boolean(v), do: {11, v}
  defp cmd_raw({:grade, g}), do: {12, greek_value(g)}

  defp cmd_raw({:origin, %{__struct__: Bench.Point, x: x, y: y}})
       when is_integer(x) and is_integer(y),
       do: {13, {x, y}}

  defp cmd_raw({:move_to, x, y}) when is_integer(x) and is_integer(y), do: {14, {x, y}}
  defp cmd_raw({:line_to, x, y}) when is_integer(x) and is_integer(y), do: {15, {x, y}}
  defp cmd_raw({:scale, sx, sy}) when is_number(sx) and is_number(sy), do: {16, {sx, sy}}
  defp cmd_raw({:translate, dx, dy}) when is_integer(dx) and is_integer(dy), do: {17, {dx, dy}}

  defp cmd_raw({:rect, %{x: x, y: y, w: w, h: h}})
       when is_integer(x) and is_integer(y) and is_integer(w) and is_integer(h),
       do: {18, {x, y, w, h}}

  defp cmd_raw({:circle, %{cx: x, cy: y, r: r}})
       when is_integer(x) and is_integer(y) and is_integer(r),
       do: {19, {x, y, r}}

  defp cmd_raw({:color, %{r: r, g: g, b: b, a: a}})
       when is_uint8(r) and is_uint8(g) and is_uint8(b) and is_uint8(a),
       do: {20, {r, g, b, a}}

  defp cmd_raw({:resize, %{width: w, height: h}}) when is_uint32(w) and is_uint32(h),
    do: {21, {w, h}}

  for {atom, kind} <- Enum.with_index(@cmd_units) do
    defp cmd_term(unquote(kind), _), do: unquote(atom)
  end

  defp cmd_term(8, w), do: {:stroke_width, w}
  defp cmd_term(9, l), do: {:layer, l}
  defp cmd_term(10, s), do: {:label, s}
  defp cmd_term(11, v), do: {:visible, v}
  defp cmd_term(12, g), do: {:grade, greek_atom(g)}
  defp cmd_term(13, {x, y}), do: {:origin, %{__struct__: Bench.Point, x: x, y: y}}
  defp cmd_term(14, {x, y}), do: {:move_to, x, y}
  defp cmd_term(15, {x, y}), do: {:line_to, x, y}
  defp cmd_term(16, {sx, sy}), do: {:scale, sx, sy}
  defp cmd_term(17, {dx, dy}), do: {:translate, dx, dy}
  defp cmd_term(18, {x, y, w, h}), do: {:rect, %{x: x, y: y, w: w, h: h}}
  defp cmd_term(19, {x, y, r}), do: {:circle, %{cx: x, cy: y, r: r}}
  defp cmd_term(20, {r, g, b, a}), do: {:color, %{r: r, g: g, b: b, a: a}}
  defp cmd_term(21, {w, h}), do: {:resize, %{width: w, height: h}}

  def cmd_decode(term) do
    {kind, _payload} = cmd_raw(term)
    kind
  end

  def cmd_encode({kind, payload}), do: cmd_term(kind, payload)

  def cmd_roundtrip(term) do
    {kind, payload} = cmd_raw(term)
    cmd_term(kind, payload)
  end

  # list: %Bench.Path{points: [10,000 points]}, body-recursive as idiomatic.
  def list_decode(%{__struct__: Bench.Path, points: points}), do: count_points(points, 0)

  def list_encode({points}), do: %{__struct__: Bench.Path, points: build_points(points)}

  def list_roundtrip(%{__struct__: Bench.Path, points: points}),
    do: %{__struct__: Bench.Path, points: copy_points(points)}

  defp count_points([%{__struct__: Bench.Point, x: x, y: y} | rest], n)
       when is_integer(x) and is_integer(y),
       do: count_points(rest, n + 1)

  defp count_points([], n), do: n

  defp build_points([{x, y} | rest]),
    do: [%{__struct__: Bench.Point, x: x, y: y} | build_points(rest)]

  defp build_points([]), do: []

  defp copy_points([%{__struct__: Bench.Point, x: x, y: y} | rest])
       when is_integer(x) and is_integer(y),
       do: [%{__struct__: Bench.Point, x: x, y: y} | copy_points(rest)]

  defp copy_points([]), do: []

  # blob: binaries are shared, never copied, in Elixir.
  def blob_decode(%{__struct__: Bench.Blob, id: id, data: data})
      when is_integer(id) and is_binary(data),
      do: byte_size(data)

  def blob_encode({id, data}), do: %{__struct__: Bench.Blob, id: id, data: data}

  def blob_roundtrip(%{__struct__: Bench.Blob, id: id, data: data})
      when is_integer(id) and is_binary(data),
      do: %{__struct__: Bench.Blob, id: id, data: data}

  # The C side's string rule: UTF-8 without NUL.
  defp check_string!(s) do
    if String.valid?(s) and :binary.match(s, <<0>>) == :nomatch,
      do: s,
      else: raise(ArgumentError, "expected UTF-8 without NUL")
  end
end
