defmodule Bench.NativeLibrary do
  @moduledoc """
  The NIF libraries the harness builds, in bench/priv. Their paths live
  here, not in the NIF modules, which do not load without their library.
  """

  @doc "The path without `.so`, as `:erlang.load_nif/2` takes it."
  def stem(name), do: Path.expand("../priv/#{name}", __DIR__)
  def file(name), do: stem(name) <> ".so"
end

defmodule Bench.Handwritten do
  @moduledoc """
  F0, F1 and F2: the hand-written NIF library (bench/handwritten/*.c with
  bench/c_src/bench.c). Functions: `f0_noop/0,1`, `f0_echo/1`, and
  `f1_<s>_<op>`, `f2_<s>_<op>` for each scenario's function set.
  """
  @on_load :load
  def load,
    do: :erlang.load_nif(String.to_charlist(Bench.NativeLibrary.stem("bench_handwritten")), 0)

  def f0_noop, do: :erlang.nif_error(:not_loaded)
  def f0_noop(_term), do: :erlang.nif_error(:not_loaded)
  def f0_echo(_term), do: :erlang.nif_error(:not_loaded)

  for impl <- [:f1, :f2],
      set <- Bench.Scenarios.function_sets(),
      impl == :f2 or set in Bench.Scenarios.keyed() do
    def unquote(:"#{impl}_#{set}_decode")(_term), do: :erlang.nif_error(:not_loaded)
    def unquote(:"#{impl}_#{set}_encode")(), do: :erlang.nif_error(:not_loaded)
    def unquote(:"#{impl}_#{set}_roundtrip")(_term), do: :erlang.nif_error(:not_loaded)
  end
end

defmodule Bench.Rustler do
  @moduledoc """
  The Rustler implementation (bench/rustler, built by cargo), loaded with
  `:erlang.load_nif/2`: no hex package involved.
  """
  @on_load :load
  def load, do: :erlang.load_nif(String.to_charlist(Bench.NativeLibrary.stem("bench_rustler")), 0)

  for set <- Bench.Scenarios.function_sets() do
    def unquote(:"#{set}_decode")(_term), do: :erlang.nif_error(:not_loaded)
    def unquote(:"#{set}_encode")(), do: :erlang.nif_error(:not_loaded)
    def unquote(:"#{set}_roundtrip")(_term), do: :erlang.nif_error(:not_loaded)
  end
end

defmodule Bench.Callgrind.Client do
  @moduledoc """
  Callgrind client requests (bench/callgrind/client.c): they count nothing
  themselves but tell a VM running under `valgrind --tool=callgrind` when
  to start, zero and dump its instruction counts. Outside valgrind they do
  nothing.
  """
  @on_load :load
  def load,
    do: :erlang.load_nif(String.to_charlist(Bench.NativeLibrary.stem("bench_callgrind")), 0)

  @doc "True when running under valgrind."
  def running?, do: :erlang.nif_error(:not_loaded)
  @doc "Switches instrumentation on (the VM starts with it off, to boot fast)."
  def start, do: :erlang.nif_error(:not_loaded)
  def zero, do: :erlang.nif_error(:not_loaded)
  @doc "Writes the counts since the last zero or dump to a file labelled `label`."
  def dump(_label), do: :erlang.nif_error(:not_loaded)
end
