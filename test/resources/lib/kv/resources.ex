# The modules the generator will write for the NIF_RESOURCE types of
# c_src/kv_resources.h (one per type, @moduledoc naming its line).
for {module, line} <- [
      {Kv.Table, 27},
      {Kv.Counter, 43},
      {Kv.RwCounter, 47},
      {Kv.Probe, 64},
      {Kv.Watch, 83},
      {Kv.Private, 96},
      {Kv.Plain, 135}
    ] do
  defmodule module do
    @moduledoc """
    A reference to a C resource: `NIF_RESOURCE` declared at c_src/kv_resources.h:#{line}.
    """
    @opaque t :: reference()
  end
end

defmodule Kv.SharedStruct do
  @moduledoc "`NIF_STRUCT(\"Kv.SharedStruct\")` at c_src/kv_resources.h:101: a struct holding a reference."
  @enforce_keys [:ref, :is_cool]
  defstruct [:ref, :is_cool]
  @type t :: %__MODULE__{ref: Kv.Private.t(), is_cool: boolean()}
end
