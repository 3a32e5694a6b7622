defmodule Kv.Nif do
  @moduledoc """
  The NIF functions of `c_src/kv_resources.h`, as the generated native module
  will have them: each public function calls its NIF and turns a nif_derive
  decode error into `ArgumentError` (`NifDerive.Error.raise/5`); functions
  without arguments are the NIFs themselves.

  The library is `priv/kv_native.so`; `:persistent_term` key `{Kv.Nif, :library}`
  names another one to load instead (the hot-upgrade test loads a rebuilt copy
  with `:code.load_binary/3`).
  """

  @on_load :load_nif

  @doc false
  def load_nif do
    default = :filename.join(:code.priv_dir(:kv), ~c"kv_native")
    :erlang.load_nif(:persistent_term.get({__MODULE__, :library}, default), 0)
  end

  @wrapped [
    load_csv: 1,
    filter: 3,
    summarize: 1,
    counter_new: 1,
    counter_add: 2,
    counter_get: 1,
    counter_on_dirty: 1,
    rw_counter_new: 1,
    rw_counter_add: 2,
    rw_counter_get: 1,
    rw_counter_on_dirty: 1,
    counter_transfer: 3,
    probe_new: 1,
    probe_new_notify: 2,
    probe_new_failing: 1,
    probe_id: 1,
    probe_same: 2,
    probe_keep: 1,
    probe_release_kept: 1,
    probe_destroyed: 2,
    watch_new: 2,
    watch_monitor: 2,
    watch_demonitor: 1,
    shared_new: 1,
    shared_greet: 2,
    private_visit: 1,
    shared_visits: 1,
    send_tick: 2,
    send_tick_dirty: 2,
    send_ticks: 3,
    plain_new: 1,
    plain_get: 1,
    bench_send_ten: 3
  ]

  for {name, arity} <- @wrapped do
    args = Macro.generate_arguments(arity, __MODULE__)
    stub_args = for i <- 1..arity, do: Macro.var(:"_arg#{i}", __MODULE__)
    nif = :"nif_#{name}"

    @doc false
    def unquote(name)(unquote_splicing(args)) do
      unquote(nif)(unquote_splicing(args))
    catch
      :error, {:nif_derive_error, detail} ->
        NifDerive.Error.raise(detail, __MODULE__, unquote(name), unquote(args), __STACKTRACE__)
    end

    defp unquote(nif)(unquote_splicing(stub_args)), do: :erlang.nif_error(:nif_not_loaded)
  end

  @doc false
  def probe_overdestroyed, do: :erlang.nif_error(:nif_not_loaded)
  @doc false
  def private_destroyed, do: :erlang.nif_error(:nif_not_loaded)
  @doc false
  def library_version, do: :erlang.nif_error(:nif_not_loaded)
  @doc false
  def library_loads, do: :erlang.nif_error(:nif_not_loaded)
  @doc false
  def library_upgrades, do: :erlang.nif_error(:nif_not_loaded)
  @doc "The benchmark's baseline: a hand-written NIF doing `enif_get_resource`."
  def hand_plain_get(_plain), do: :erlang.nif_error(:nif_not_loaded)
  @doc "With `-DKV_CALLGRIND` (callgrind.sh): zero callgrind's counts."
  def callgrind_zero, do: :erlang.nif_error(:nif_not_loaded)
  @doc "With `-DKV_CALLGRIND` (callgrind.sh): dump callgrind's counts, labelled."
  def callgrind_dump(_label), do: :erlang.nif_error(:nif_not_loaded)
  @doc "A hand-written NIF (no `nif_call`) calling `nif_send_tick_t`."
  def hand_send_tick(_to, _seq), do: :erlang.nif_error(:nif_not_loaded)
  @doc "`plain_get/1`'s NIF without the Elixir wrapper (for the benchmark)."
  def raw_plain_get(_plain), do: :erlang.nif_error(:nif_not_loaded)
end
