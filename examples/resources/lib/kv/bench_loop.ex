defmodule Kv.BenchLoop do
  @moduledoc "The compiled loop of bench.exs and callgrind.sh: `fun.(arg)`, `n` times."

  @spec loop(non_neg_integer(), (term() -> term()), term()) :: :ok
  def loop(0, _fun, _arg), do: :ok

  def loop(n, fun, arg) do
    fun.(arg)
    loop(n - 1, fun, arg)
  end
end
