defmodule NifDerive.Error do
  @moduledoc """
  Turns a failed decode in generated C into `ArgumentError` (and `error:badarg`).

  A generated NIF that cannot decode an argument raises
  `{:nif_derive_error, {:badarg, argument, root, path, expected, got}}`; the
  generated Elixir wrapper catches it and calls `raise/5`, which re-raises
  `:badarg` with OTP's `error_info` (EEP 54) pointing at `format_error/2`.
  Elixir shows that as

      ** (ArgumentError) errors were found at the given arguments:

        * 1st argument: %Geometry.Segment{}.to.y
            expected: integer in int32_t range -2147483648..2147483647
            got: "3"

  and Erlang callers still match `error:badarg`.
  """

  @got_limit 120

  @doc """
  Re-raises a generated NIF's error for the call `module.function(args)`.

  `detail` is `{:badarg, argument, root, path, expected, got}` (raised as
  `:badarg` with `error_info`) or `{:encode, message}` (a result the C code
  produced that has no term, raised as `RuntimeError`).
  """
  @spec raise(tuple(), module(), atom(), list(), Exception.stacktrace()) :: no_return()
  def raise(detail, module, function, args, stacktrace) do
    rest = drop_nif_frames(stacktrace, module, function)

    case detail do
      {:badarg, _argument, _root, _path, _expected, _got} ->
        info = [error_info: %{module: __MODULE__, cause: detail}]
        :erlang.raise(:error, :badarg, [{module, function, args, info} | rest])

      {:encode, message} ->
        exception =
          RuntimeError.exception("#{inspect(module)}.#{function}/#{length(args)}: #{message}")

        :erlang.raise(:error, exception, [{module, function, args, []} | rest])
    end
  end

  # The NIF's own frame and the wrapper's are replaced by one frame naming the public function.
  # (A NIF whose long result was encoded on a dirty scheduler has one argument more there.)
  defp drop_nif_frames(stacktrace, module, function) do
    nif = :"nif_#{function}"

    Enum.drop_while(stacktrace, fn
      {^module, ^function, _, _} -> true
      {^module, ^nif, _, _} -> true
      _ -> false
    end)
  end

  @doc """
  The `error_info` formatter (EEP 54): a map from argument position to its message.
  """
  @spec format_error(term(), Exception.stacktrace()) :: map()
  def format_error(_reason, [{_module, _function, _args, info} | _]) do
    case info[:error_info] do
      %{cause: {:badarg, argument, root, path, expected, got}} ->
        %{argument => message(root, path, expected, got)}

      _ ->
        %{}
    end
  end

  def format_error(_reason, _stacktrace), do: %{}

  @doc """
  The message for one argument: where (the argument's type and the path into
  it), what was expected and what was given.

      iex> NifDerive.Error.message("%Geometry.Segment{}", [:to, :y], "integer", "3")
      "%Geometry.Segment{}.to.y\\n      expected: integer\\n      got: \\"3\\""
  """
  @spec message(String.t(), [term()], String.t(), term()) :: String.t()
  def message(root, path, expected, got) do
    location = root <> Enum.map_join(path, &segment/1)
    details = "expected: #{expected}\n      got: #{inspect_got(got)}"

    case location do
      "" -> details
      _ -> location <> "\n      " <> details
    end
  end

  defp segment(field) when is_atom(field), do: "." <> Atom.to_string(field)
  defp segment(index) when is_integer(index), do: "[#{index}]"
  defp segment({:elem, position}), do: "{#{position}}"
  defp segment({:key, key}), do: "[#{inspect(key, limit: 5, printable_limit: 40)}]"
  defp segment({:variant, _tag, shape}), do: shape

  defp inspect_got(got) do
    text = inspect(got, limit: 10, printable_limit: 80)

    if String.length(text) > @got_limit do
      String.slice(text, 0, @got_limit) <> "…"
    else
      text
    end
  end
end
