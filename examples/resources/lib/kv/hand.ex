defmodule Kv.Hand do
  @moduledoc """
  The benchmark's baseline (BENCH.md): `plain_get/1` as a hand-written NIF
  doing `enif_get_resource`, from `bench/hand_nif.c`. Call `load/0` first;
  it builds the library with the project's compiler command.
  """

  @doc "Builds `_build/kv_hand.so` (inside a Mix project) and loads it into this module."
  @spec load() :: :ok
  def load, do: load(build())

  @doc "Loads the library built by `build/0` (its path without `.so`)."
  @spec load(String.t()) :: :ok
  def load(library), do: :erlang.load_nif(String.to_charlist(library), 0)

  @doc "Builds `_build/kv_hand.so` with the project's compiler and flags; returns its path without `.so`."
  @spec build() :: String.t()
  def build do
    {cc, args} = NifDerive.Build.command(NifDerive.Config.current())
    flags = Enum.filter(args, &String.starts_with?(&1, ["-I", "-O", "-f", "-std", "-W", "-D"]))
    output = Path.expand("_build/kv_hand.so")
    {_, 0} = System.cmd(cc, flags ++ ["-shared", "bench/hand_nif.c", "-o", output])
    Path.rootname(output)
  end

  @doc "A new resource holding `value`."
  def plain_new(_value), do: :erlang.nif_error(:nif_not_loaded)
  @doc "Its value, through `enif_get_resource`."
  def plain_get(_plain), do: :erlang.nif_error(:nif_not_loaded)
end
