defmodule Yaml do
  @moduledoc """
  libyaml's event stream: `parse_events/1` and `emit_events/1`.

  The NIFs are generated into `Yaml.Native` from `c_src/yaml_events.h`,
  which maps libyaml's own `yaml_event_t` with a typedef and its options;
  an event is `Yaml.Native.yaml_event_term_t()`, e.g.
  `{:scalar, %{value: "a", anchor: nil, tag: nil, plain_implicit: true,
  quoted_implicit: false, style: :plain}}`.
  """

  alias Yaml.Native

  @typedoc "One event of libyaml's parser or emitter."
  @type event :: Native.yaml_event_term_t()

  @doc """
  The events of `yaml`, from `{:stream_start, _}` to `:stream_end`.
  Raises `Yaml.ParseError` (with libyaml's problem, context and their marks).
  """
  @spec parse_events(binary()) :: [event]
  defdelegate parse_events(yaml), to: Native

  @doc """
  The YAML libyaml's emitter writes for `events` (as `parse_events/1`
  returns them). Raises `Yaml.EmitError` when libyaml refuses an event,
  `ArgumentError` when a term is not an event.
  """
  @spec emit_events([event]) :: binary()
  defdelegate emit_events(events), to: Native
end
