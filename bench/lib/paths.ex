defmodule Bench.Paths do
  @moduledoc """
  Where things are. nif_derive's compiled modules are found through
  `NIF_DERIVE_EBIN` (directories separated by `:`) or, by default, in
  `bench/nif_derive/_build/prod/lib/*/ebin` (the Mix project of the slot).
  """

  @bench Path.expand("..", __DIR__)

  def bench, do: @bench
  def ebin, do: Path.join(@bench, "_build/ebin")
  def work, do: Path.join(@bench, "_build/run")

  def nif_derive_ebins do
    case System.get_env("NIF_DERIVE_EBIN") do
      nil -> Path.wildcard(Path.join(@bench, "nif_derive/_build/prod/lib/*/ebin"))
      dirs -> String.split(dirs, ":", trim: true)
    end
  end

  @doc "Puts nif_derive's modules on the code path, after the harness's own."
  def setup, do: Enum.each(nif_derive_ebins(), &Code.append_path/1)
end
