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

  The `got:` term comes from the caller and may be anything, so it is shown
  by `format_term/2`, never by `inspect/2` (see there).
  """

  import Bitwise, only: [>>>: 2]

  # The got-value: inspect/2's `limit: 10, printable_limit: 80`, then 120 characters.
  @got_options [limit: 10, printable_limit: 80, characters: 120]
  # A map key in a path (`[key]`) is shorter still.
  @key_options [limit: 5, printable_limit: 40, characters: 60]

  # A code point String.printable?/1 accepts.
  defguardp printable(char)
            when char in 32..126 or char in 7..13 or char == 27 or char == 127 or
                   char in 0xA0..0xD7FF or char in 0xE000..0xFFFD or char in 0x10000..0x10FFFF

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
          RuntimeError.exception("#{format_term(module)}.#{function}/#{length(args)}: #{message}")

        :erlang.raise(:error, exception, [{module, function, args, []} | rest])
    end
  end

  # The NIF's own frame and the wrapper's are replaced by one frame naming the public function.
  # (A NIF whose long result was encoded on a dirty scheduler has one argument more there.)
  # The NIF's name is compared as text: making the atom could create one.
  defp drop_nif_frames(stacktrace, module, function) do
    nif = "nif_" <> Atom.to_string(function)

    Enum.drop_while(stacktrace, fn
      {^module, ^function, _, _} -> true
      {^module, name, _, _} when is_atom(name) -> Atom.to_string(name) == nif
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
  it), what was expected and what was given (shown by `format_term/2`).

      iex> NifDerive.Error.message("%Geometry.Segment{}", [:to, :y], "integer", "3")
      "%Geometry.Segment{}.to.y\\n      expected: integer\\n      got: \\"3\\""
  """
  @spec message(String.t(), [term()], String.t(), term()) :: String.t()
  def message(root, path, expected, got) do
    location = root <> Enum.map_join(path, &segment/1)
    details = "expected: #{expected}\n      got: #{format_term(got, @got_options)}"

    case location do
      "" -> details
      _ -> location <> "\n      " <> details
    end
  end

  defp segment(field) when is_atom(field), do: "." <> Atom.to_string(field)
  defp segment(index) when is_integer(index), do: "[#{index}]"
  defp segment({:elem, position}), do: "{#{position}}"
  defp segment({:key, key}), do: "[" <> format_term(key, @key_options) <> "]"
  defp segment({:variant, _tag, shape}), do: shape

  @doc """
  Any term as text that reads like `inspect/2`'s, made safely.

  Options: `:limit` (elements shown per list, tuple, map or binary, shared
  with the elements nested in them as `inspect/2` does; default 10),
  `:printable_limit` (characters shown of a string or charlist; default 80)
  and `:characters` (the text is cut there and ends in `…`; default 120).

  Unlike `inspect/2` it is safe on a term an untrusted caller made: it calls
  no protocol (a map with a `:__struct__` key is shown as `%Module{...}`
  only when that module is already loaded and defines a struct with exactly
  those keys, and otherwise as the map it is; no `Inspect` implementation
  runs, no module is loaded), creates no atom, never raises, and reads a
  bounded part of the term whatever its size (a million-element tuple, a
  long improper list, a charlist with invalid code points, deep nesting).
  Integers wider than 256 bits are shown by size (`#Integer<300000 bits>`).
  """
  @spec format_term(term(), keyword()) :: String.t()
  def format_term(term, options \\ []) do
    options = Keyword.merge(@got_options, options)
    characters = Keyword.fetch!(options, :characters)
    opts = %{printable: Keyword.fetch!(options, :printable_limit)}
    # Output is produced up to a byte budget, well past the character cut.
    {doc, budget} = doc(term, Keyword.fetch!(options, :limit), opts, 16 * characters + 64)
    text = IO.iodata_to_binary(doc)

    if budget <= 0 or String.length(text) > characters do
      String.slice(text, 0, characters) <> "…"
    else
      text
    end
  end

  # `doc(term, limit, opts, budget)` is `{iodata, budget}`: the term's text and the byte
  # budget left. A budget at or below zero stops every container: the text is cut.
  defp doc(_term, _limit, _opts, budget) when budget <= 0, do: {[], budget}
  defp doc(atom, _limit, _opts, budget) when is_atom(atom), do: emit(atom_text(atom), budget)
  defp doc(int, _limit, _opts, budget) when is_integer(int), do: emit(integer_text(int), budget)
  defp doc(float, _limit, _opts, budget) when is_float(float), do: emit(float_text(float), budget)

  defp doc(binary, limit, opts, budget) when is_binary(binary),
    do: binary_doc(binary, limit, opts, budget)

  defp doc(bits, limit, _opts, budget) when is_bitstring(bits),
    do: emit(bytes_text(bits, limit), budget)

  defp doc([], _limit, _opts, budget), do: emit("[]", budget)
  defp doc(list, limit, opts, budget) when is_list(list), do: list_doc(list, limit, opts, budget)

  defp doc(tuple, limit, opts, budget) when is_tuple(tuple),
    do: tuple_doc(tuple, limit, opts, budget)

  defp doc(map, limit, opts, budget) when is_map(map), do: map_doc(map, limit, opts, budget)

  defp doc(pid, _limit, _opts, budget) when is_pid(pid),
    do: emit(["#PID", :erlang.pid_to_list(pid)], budget)

  defp doc(port, _limit, _opts, budget) when is_port(port),
    do: emit(:erlang.port_to_list(port), budget)

  defp doc(ref, _limit, _opts, budget) when is_reference(ref),
    do: emit(reference_text(ref), budget)

  defp doc(fun, _limit, _opts, budget) when is_function(fun), do: emit(function_text(fun), budget)

  defp emit(text, budget), do: {text, budget - IO.iodata_length(text)}

  # Containers: `open`, the items each shown by `item` with the limit left after it, then
  # how the container ends: `:done`, `:more` (past the limit: "...") or `{:tail, term}`
  # (an improper list: " | term", shown with the last item's limit as inspect/2 does).
  defp container(open, items, ending, close, limit, opts, budget, item) do
    {first, budget} = emit(open, budget)
    {inner, budget} = items(items, ending, limit, opts, budget, item, [])
    {last, budget} = if budget > 0, do: emit(close, budget), else: {[], budget}
    {[first, inner, last], budget}
  end

  defp items(_items, _ending, _limit, _opts, budget, _item, acc) when budget <= 0,
    do: {Enum.reverse(acc), budget}

  defp items([], ending, limit, opts, budget, _item, acc) do
    {text, budget} =
      case {ending, acc} do
        {:done, _} -> {[], budget}
        {:more, []} -> emit("...", budget)
        {:more, _} -> emit(", ...", budget)
        {{:tail, tail}, _} -> tail_doc(tail, limit, opts, budget)
      end

    {Enum.reverse([text | acc]), budget}
  end

  defp items([next | rest], ending, limit, opts, budget, item, acc) do
    {separator, budget} = if acc == [], do: {[], budget}, else: emit(", ", budget)
    {text, budget} = item.(next, limit - 1, opts, budget)
    items(rest, ending, limit - 1, opts, budget, item, [text, separator | acc])
  end

  defp tail_doc(tail, limit, opts, budget) do
    {bar, budget} = emit(" | ", budget)
    {text, budget} = doc(tail, limit, opts, budget)
    {[bar, text], budget}
  end

  # Lists: a charlist when the first `printable` elements are printable ASCII, a keyword
  # list when every shown element is an `{atom, value}` pair, else elements.
  defp list_doc(list, limit, opts, budget) do
    if ascii_printable?(list, opts.printable) do
      {chars, rest} = take_list(list, opts.printable)
      # printable ASCII only, so List.to_string/1 cannot fail
      text = escape(List.to_string(chars), ?')
      emit([?', text, ?', if(rest == [], do: [], else: " ++ ...")], budget)
    else
      {shown, rest} = take_list(list, limit)

      ending =
        case rest do
          [] -> :done
          [_ | _] -> :more
          tail -> {:tail, tail}
        end

      item = if keyword?(shown) and not match?({:tail, _}, ending), do: &pair_doc/4, else: &doc/4
      container("[", shown, ending, "]", limit, opts, budget, item)
    end
  end

  # The first `n` elements and the rest (`[]`, more elements or an improper tail).
  defp take_list(list, n), do: take_list(list, n, [])
  defp take_list([x | rest], n, acc) when n > 0, do: take_list(rest, n - 1, [x | acc])
  defp take_list(rest, _n, acc), do: {Enum.reverse(acc), rest}

  defp ascii_printable?(_list, 0), do: true
  defp ascii_printable?([], _n), do: true

  defp ascii_printable?([char | rest], n)
       when is_integer(char) and (char in 32..126 or char in 7..13 or char == 27),
       do: ascii_printable?(rest, n - 1)

  defp ascii_printable?(_list, _n), do: false

  # As Inspect.List.keyword?/1: atom keys, but no aliases (`Elixir.` atoms).
  defp keyword?(pairs) do
    Enum.all?(pairs, fn
      {key, _value} when is_atom(key) -> not String.starts_with?(Atom.to_string(key), "Elixir.")
      _ -> false
    end)
  end

  defp pair_doc({key, value}, limit, opts, budget) do
    {key, budget} = emit(key_text(key), budget)
    {value, budget} = doc(value, limit, opts, budget)
    {[key, " ", value], budget}
  end

  defp tuple_doc(tuple, limit, opts, budget) do
    shown = for i <- 1..min(limit, tuple_size(tuple))//1, do: elem(tuple, i - 1)
    ending = if tuple_size(tuple) > limit, do: :more, else: :done
    container("{", shown, ending, "}", limit, opts, budget, &doc/4)
  end

  # Maps: as a struct (fields in their defined order) when the map is one of a loaded module,
  # else `key: value` when the shown keys are atoms, else `key => value`. Only the shown
  # entries are read, through an iterator.
  defp map_doc(map, limit, opts, budget) do
    case struct_fields(map) do
      {:ok, module, fields} ->
        {shown, _} = take_list(fields, limit)
        shown = for field <- shown, do: {field, :erlang.map_get(field, map)}
        ending = if length(fields) > limit, do: :more, else: :done
        open = ["%", atom_text(module), "{"]
        container(open, shown, ending, "}", limit, opts, budget, &pair_doc/4)

      :error ->
        shown = take_map(:maps.next(:maps.iterator(map)), limit, [])
        ending = if map_size(map) > limit, do: :more, else: :done
        item = if keyword?(shown), do: &pair_doc/4, else: &assoc_doc/4
        container("%{", shown, ending, "}", limit, opts, budget, item)
    end
  end

  defp take_map({key, value, iterator}, n, acc) when n > 0,
    do: take_map(:maps.next(iterator), n - 1, [{key, value} | acc])

  defp take_map(_iterator, _n, acc), do: Enum.reverse(acc)

  defp assoc_doc({key, value}, limit, opts, budget) do
    {key, budget} = doc(key, limit, opts, budget)
    {arrow, budget} = emit(" => ", budget)
    {value, budget} = doc(value, limit, opts, budget)
    {[key, arrow, value], budget}
  end

  # A map is shown as a struct only when `__struct__` names a module that is already loaded
  # and whose compiler-made `__info__(:struct)` lists exactly the map's other keys (as
  # inspect/2 requires); nothing is loaded and no code of the module but `__info__` runs.
  defp struct_fields(%{__struct__: module} = map) when is_atom(module) do
    with true <- :erlang.module_loaded(module),
         true <- :erlang.function_exported(module, :__info__, 1),
         fields when is_list(fields) <- struct_info(module),
         fields = for(%{field: field} when is_atom(field) <- fields, do: field),
         true <- map_size(map) == length(fields) + 1,
         true <- Enum.all?(fields, &is_map_key(map, &1)) do
      {:ok, module, fields -- [:__exception__]}
    else
      _ -> :error
    end
  end

  defp struct_fields(_map), do: :error

  # A module compiled by an older Elixir may not answer `:struct`.
  defp struct_info(module) do
    module.__info__(:struct)
  catch
    _, _ -> nil
  end

  # Binaries: a string when the first `printable` characters are printable, else bytes.
  defp binary_doc(binary, limit, opts, budget) do
    case printable_prefix(binary, opts.printable, 0) do
      {:ok, size} ->
        <<shown::binary-size(size), rest::binary>> = binary
        emit([?", escape(shown, ?"), ?", if(rest == "", do: [], else: " <> ...")], budget)

      :error ->
        emit(bytes_text(binary, limit), budget)
    end
  end

  # `{:ok, bytes}` when the first `n` characters (or all of them) are printable in the
  # sense of String.printable?/2, `bytes` being their size.
  defp printable_prefix(_binary, 0, size), do: {:ok, size}
  defp printable_prefix(<<>>, _n, size), do: {:ok, size}

  defp printable_prefix(<<char::utf8, rest::binary>>, n, size) when printable(char),
    do: printable_prefix(rest, n - 1, size + utf8_size(char))

  defp printable_prefix(_binary, _n, _size), do: :error

  defp utf8_size(char) when char < 0x80, do: 1
  defp utf8_size(char) when char < 0x800, do: 2
  defp utf8_size(char) when char < 0x10000, do: 3
  defp utf8_size(_char), do: 4

  # `<<1, 2, ...>>`: the first `limit` bytes, and the trailing bits of a bitstring.
  defp bytes_text(<<>>, _limit), do: "<<>>"
  defp bytes_text(bits, limit), do: ["<<", bytes(bits, limit), ">>"]

  defp bytes(<<>>, _limit), do: []
  defp bytes(_bits, 0), do: "..."
  defp bytes(<<byte>>, _limit), do: Integer.to_string(byte)

  defp bytes(<<byte, rest::bitstring>>, limit),
    do: [Integer.to_string(byte), ", " | bytes(rest, limit - 1)]

  defp bytes(bits, _limit) do
    size = bit_size(bits)
    <<value::size(size)>> = bits
    [Integer.to_string(value), "::size(", Integer.to_string(size), ")"]
  end

  @wide_integer 2 ** 256

  defp integer_text(int) when int < @wide_integer and int > -@wide_integer,
    do: Integer.to_string(int)

  defp integer_text(int) when int < 0, do: ["-" | integer_text(-int)]

  # The size comes from the external term format (SMALL_BIG_EXT or LARGE_BIG_EXT after the
  # version byte), so no copy of the integer is made.
  defp integer_text(int) do
    size = :erlang.external_size(int)
    bytes = if size - 4 <= 255, do: size - 4, else: size - 7
    top = int >>> (8 * (bytes - 1))
    bits = 8 * (bytes - 1) + length(Integer.digits(top, 2))
    ["#Integer<", Integer.to_string(bits), " bits>"]
  end

  # As inspect/2: whole floats below 1.0e16 as `3.0`, others in the shortest form.
  defp float_text(float) when abs(float) >= 1.0 and abs(float) < 1.0e16 and trunc(float) == float,
    do: [Integer.to_string(trunc(float)), ".0"]

  defp float_text(float), do: :io_lib_format.fwrite_g(float)

  defp reference_text(ref) do
    [?#, ?R, ?e, ?f | rest] = :erlang.ref_to_list(ref)
    ["#Reference", rest]
  end

  # `&Module.fun/1` for an external function, `#Function<...>` for a closure. The names come
  # from `:erlang.fun_info/2` and are shown from their text.
  defp function_text(fun) do
    {:module, module} = :erlang.fun_info(fun, :module)
    {:name, name} = :erlang.fun_info(fun, :name)
    {:arity, arity} = :erlang.fun_info(fun, :arity)
    arity = Integer.to_string(arity)

    case :erlang.fun_info(fun, :type) do
      {:type, :external} ->
        ["&", atom_text(module), ".", call_text(Atom.to_string(name)), "/", arity]

      {:type, :local} ->
        {:new_index, index} = :erlang.fun_info(fun, :new_index)
        {:uniq, uniq} = :erlang.fun_info(fun, :uniq)
        where = [" in ", atom_text(module), parent_text(Atom.to_string(name))]

        [
          "#Function<",
          Integer.to_string(index),
          ".",
          Integer.to_string(uniq),
          "/",
          arity,
          where,
          ">"
        ]
    end
  end

  # A closure's name, "-parent/2-fun-0-", names the function it was made in.
  defp parent_text("-" <> rest) do
    case :binary.split(rest, "/", [:global]) |> Enum.reverse() do
      [trailing | reversed] when reversed != [] ->
        case :binary.split(trailing, "-", [:global]) do
          [arity, _inner, _count, ""] ->
            [".", call_text(Enum.join(Enum.reverse(reversed), "/")), "/", arity]

          _ ->
            [".", call_text("-" <> rest)]
        end

      _ ->
        [".", call_text("-" <> rest)]
    end
  end

  defp parent_text(name), do: [".", call_text(name)]

  # Atoms, classified from their text as Macro.inspect_atom/2 does (ASCII identifiers;
  # any other name is quoted, which reads back as the same atom).
  defp atom_text(atom) when atom in [nil, true, false], do: Atom.to_string(atom)

  defp atom_text(atom) do
    text = Atom.to_string(atom)

    case classify(text) do
      :alias -> alias_text(text)
      type when type in [:quoted, :quoted_operator] -> [":", quote_text(text)]
      _ -> [":", text]
    end
  end

  defp alias_text(text) when text in ["Elixir", "Elixir.Elixir"], do: text
  defp alias_text("Elixir.Elixir." <> _ = text), do: text
  defp alias_text("Elixir." <> rest), do: rest

  defp key_text(atom) do
    text = Atom.to_string(atom)

    case classify(text) do
      :alias -> [?", text, ?", ?:]
      type when type in [:quoted, :quoted_operator] -> [quote_text(text), ?:]
      _ -> [text, ?:]
    end
  end

  defp call_text(text) do
    case classify(text) do
      type when type in [:identifier, :operator, :quoted_operator] -> text
      type when type in [:alias, :unquoted] -> [?", text, ?"]
      :quoted -> quote_text(text)
    end
  end

  defp quote_text(text), do: [?", escape(text, ?"), ?"]

  @operators ~w(& ! ^ not + - @ <- \\\\ when :: | = || ||| or && &&& and == != =~ === !== < <= >= >
                |> <<< >>> <~ ~> <<~ ~>> <~> in ++ -- .. <> +++ --- * / ** .)
  @quoted_operators ~w(:: ^^^ ~~~ <|>)
  @not_callable ~w(% %{} {} <<>> ... .. . ..// ->)

  defp classify(text) do
    cond do
      text in @not_callable -> :unquoted
      text in @quoted_operators -> :quoted_operator
      text in @operators -> :operator
      alias?(text) -> :alias
      true -> identifier(text)
    end
  end

  defp alias?("Elixir" <> rest), do: alias_pieces?(rest)
  defp alias?(_text), do: false

  defp alias_pieces?(""), do: true

  defp alias_pieces?(<<".", first, rest::binary>>) when first in ?A..?Z,
    do: alias_pieces?(skip_word(rest))

  defp alias_pieces?(_text), do: false

  defp skip_word(<<c, rest::binary>>) when c in ?a..?z or c in ?A..?Z or c in ?0..?9 or c == ?_,
    do: skip_word(rest)

  defp skip_word(rest), do: rest

  # An ASCII identifier (`foo`, `foo?`, `_bar!`) reads unquoted, and so do capitalised names
  # and names with `@` (`:Foo`, `:node@host`); anything else is quoted.
  defp identifier(<<first, rest::binary>>) when first in ?a..?z or first == ?_ do
    case identifier_rest(rest) do
      :ok -> :identifier
      :at -> :unquoted
      :error -> :quoted
    end
  end

  defp identifier(<<first, rest::binary>>) when first in ?A..?Z do
    if identifier_rest(rest) == :error, do: :quoted, else: :unquoted
  end

  defp identifier(_text), do: :quoted

  defp identifier_rest(text), do: identifier_rest(text, :ok)
  defp identifier_rest("", seen), do: seen
  defp identifier_rest(<<c>>, seen) when c in [??, ?!], do: seen
  defp identifier_rest(<<?@, rest::binary>>, _seen), do: identifier_rest(rest, :at)

  defp identifier_rest(<<c, rest::binary>>, seen)
       when c in ?a..?z or c in ?A..?Z or c in ?0..?9 or c == ?_,
       do: identifier_rest(rest, seen)

  defp identifier_rest(_text, _seen), do: :error

  # Escapes as in Elixir's string and charlist literals; `text` is a binary (any bytes) or a
  # list of code points.
  defp escape(text, delimiter) when is_list(text), do: Enum.map(text, &escape_char(&1, delimiter))
  defp escape(text, delimiter), do: escape_binary(text, delimiter, [])

  defp escape_binary(<<>>, _delimiter, acc), do: Enum.reverse(acc)

  defp escape_binary(<<"\#{", rest::binary>>, delimiter, acc),
    do: escape_binary(rest, delimiter, ["\\\#{" | acc])

  defp escape_binary(<<char::utf8, rest::binary>>, delimiter, acc),
    do: escape_binary(rest, delimiter, [escape_char(char, delimiter) | acc])

  defp escape_binary(<<byte, rest::binary>>, delimiter, acc),
    do: escape_binary(rest, delimiter, [hex(byte, 2) | acc])

  defp escape_char(delimiter, delimiter), do: [?\\, delimiter]
  defp escape_char(?\\, _), do: "\\\\"
  defp escape_char(?\a, _), do: "\\a"
  defp escape_char(?\b, _), do: "\\b"
  defp escape_char(?\d, _), do: "\\d"
  defp escape_char(?\e, _), do: "\\e"
  defp escape_char(?\f, _), do: "\\f"
  defp escape_char(?\n, _), do: "\\n"
  defp escape_char(?\r, _), do: "\\r"
  defp escape_char(?\t, _), do: "\\t"
  defp escape_char(?\v, _), do: "\\v"
  defp escape_char(0, _), do: "\\0"
  defp escape_char(0xFEFF, _), do: "\\uFEFF"

  defp escape_char(char, _)
       when char in 32..126 or char in 0xA0..0xD7FF or char in 0xE000..0xFFFD or
              char in 0x10000..0x10FFFF,
       do: <<char::utf8>>

  defp escape_char(char, _) when char < 256, do: hex(char, 2)

  defp escape_char(char, _),
    do: ["\\x{", hex_digits(char, if(char < 0x10000, do: 4, else: 6)), "}"]

  defp hex(byte, 2), do: ["\\x", hex_digits(byte, 2)]

  defp hex_digits(n, width), do: String.pad_leading(Integer.to_string(n, 16), width, "0")
end
