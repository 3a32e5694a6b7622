defmodule Kv.Greeter do
  @moduledoc """
  The GenServer of "From Elixir to Rust and Back Again": a native thread sends
  it `{:hi, %Kv.SharedStruct{}}`; it handles the message in `handle_info/2`,
  passes the struct's reference to a further NIF (`Kv.Nif.private_visit/1`,
  under the resource's mutex) and reports `{:greeted, shared, visits}` to its
  owner.
  """
  use GenServer

  @spec start_link(pid()) :: GenServer.on_start()
  def start_link(owner), do: GenServer.start_link(__MODULE__, owner)

  @impl true
  def init(owner), do: {:ok, owner}

  @impl true
  def handle_info({:hi, %Kv.SharedStruct{} = shared}, owner) do
    visits = Kv.Nif.private_visit(shared.ref)
    send(owner, {:greeted, shared, visits})
    {:noreply, owner}
  end
end
