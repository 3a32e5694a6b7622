defmodule Bench.Loops do
  @moduledoc """
  The timed loops: one per implementation, function set and operation,
  each a plain recursive function making one static remote call per
  iteration, so the hot path has no closure, no `apply` and no list.
  `empty/2` is the same loop without the call: its time is subtracted.
  """

  alias Bench.{Implementations, Scenarios}

  # Bench.NifDerive is generated elsewhere and may not exist yet.
  @compile {:no_warn_undefined, Bench.NifDerive}

  def empty(0, _arg), do: :ok
  def empty(n, arg), do: empty(n - 1, arg)

  @doc "The name of the loop for `impl`, `set` and `op`."
  def name(impl, set, op), do: :"#{impl}_#{set}_#{op}"

  for impl <- Implementations.ids(),
      set <- Scenarios.function_sets(),
      op <- Scenarios.operations(),
      {module, function, arity} <- [Implementations.call(impl, set, op)] do
    name = :"#{impl}_#{set}_#{op}"
    args = if arity == 0, do: [], else: [Macro.var(:arg, nil)]

    def unquote(name)(0, _arg), do: :ok

    def unquote(name)(n, arg) do
      unquote(module).unquote(function)(unquote_splicing(args))
      unquote(name)(n - 1, arg)
    end
  end
end
