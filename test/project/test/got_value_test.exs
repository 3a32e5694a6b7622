defmodule Everything.GotValueTest do
  @moduledoc """
  The `got:` value of an ArgumentError comes from the caller: showing it
  creates no atom, loads no module, finishes in bounded time and memory for
  any term, and never loses the message.
  """
  # Not async: the atom count and the loaded modules are the whole VM's.
  use ExUnit.Case, async: false

  alias Everything.{Native, Point, Segment}
  alias NifDerive.Error

  # Runs `fun` (which calls a NIF and returns the rescued message) in a process whose heap
  # may not grow past `words` words (it is killed then), and returns the message and the
  # reductions it took. Big inputs are read from persistent_term, which is not copied into
  # the heap, so any copy or walk of the whole input shows up as a kill.
  defp bounded(fun, words \\ 200_000) do
    parent = self()

    {pid, ref} =
      :erlang.spawn_opt(
        fn ->
          {:reductions, before} = Process.info(self(), :reductions)
          message = fun.()
          {:reductions, later} = Process.info(self(), :reductions)
          send(parent, {self(), message, later - before})
        end,
        [:monitor, max_heap_size: %{size: words, kill: true, error_logger: false}]
      )

    receive do
      {^pid, message, reductions} ->
        receive do: ({:DOWN, ^ref, _, _, _} -> :ok)
        {message, reductions}

      {:DOWN, ^ref, :process, ^pid, reason} ->
        flunk("formatting the message died: #{inspect(reason)}")
    end
  end

  defp message_of(fun) do
    fun.()
    flunk("no ArgumentError")
  rescue
    e in ArgumentError -> Exception.message(e)
  end

  # The error path's code is loaded (and its atoms made) by one ordinary error first.
  setup_all do
    message_of(fn -> Native.echo_point(%{__struct__: Point, x: 1}) end)
    :ok
  end

  # Runs `fun` and asserts it created no atom and loaded no module. Returns its result.
  defp no_atoms_no_loading(fun) do
    atoms = :erlang.system_info(:atom_count)
    loaded = MapSet.new(:code.all_loaded(), &elem(&1, 0))
    result = fun.()
    assert :erlang.system_info(:atom_count) == atoms
    assert MapSet.new(:code.all_loaded(), &elem(&1, 0)) == loaded
    result
  end

  # A module on disk that is not loaded: inspect/2 would load it to ask for its Inspect.
  defp unloaded_module do
    Enum.find([:zip, :erl_tar, :ftp, :tftp, :httpc, :xmerl], fn module ->
      not :erlang.module_loaded(module) and :code.which(module) not in [:non_existing, ~c""]
    end) || flunk("no unloaded module on disk")
  end

  defp with_persistent(term, fun) do
    key = {__MODULE__, make_ref()}
    :persistent_term.put(key, term)

    try do
      fun.(key)
    after
      :persistent_term.erase(key)
    end
  end

  test "a map whose __struct__ names an unloaded module loads nothing and makes no atom" do
    module = unloaded_module()
    fake = %{__struct__: module, x: 1, y: 2}
    message = no_atoms_no_loading(fn -> message_of(fn -> Native.echo_point(fake) end) end)
    assert message =~ "got: %{__struct__: :#{module}, x: 1, y: 2}\n"
    refute :erlang.module_loaded(module)

    # a key in the path and a fun naming an unloaded module are shown from their text too
    fun = Function.capture(module, :no_such_function, 3)
    message = no_atoms_no_loading(fn -> message_of(fn -> Native.echo_point(fun) end) end)
    assert message =~ "got: &:#{module}.no_such_function/3\n"
    refute :erlang.module_loaded(module)
  end

  test "a struct is shown with its fields, without calling its Inspect implementation" do
    segment = %Segment{from: %Point{x: 1, y: 2}, to: %Point{x: 3, y: 4}}
    message = no_atoms_no_loading(fn -> message_of(fn -> Native.echo_point(segment) end) end)

    assert message =~
             "got: %Everything.Segment{from: %Everything.Point{x: 1, y: 2}, to: %Everything.Point{x: 3, y: 4}}\n"

    # MapSet has its own Inspect (MapSet.new([...])): shown as the struct it is
    set = MapSet.new([1])
    assert Error.format_term(set) =~ ~r/^%MapSet\{map: %\{1 => \[\]\}/

    # keys that do not match the module's struct: a map
    assert Error.format_term(%{__struct__: Point, x: 1}) ==
             "%{__struct__: Everything.Point, x: 1}"
  end

  test "a charlist with an invalid code point keeps the whole message" do
    bad = List.duplicate(?x, 1000) ++ [0x110000]
    message = no_atoms_no_loading(fn -> message_of(fn -> Native.echo_string(bad) end) end)

    assert message ==
             "errors were found at the given arguments:\n\n  * 1st argument: " <>
               "expected: UTF-8 binary without NUL bytes\n" <>
               "      got: '#{String.duplicate("x", 80)}' ++ ...\n"

    assert Error.format_term([0x110000, -1, 2 ** 70]) == "[1114112, -1, 1180591620717411303424]"
  end

  test "a long improper list is shown in bounded time and memory" do
    bad = List.duplicate(?a, 5000) ++ :tail

    {message, reductions} =
      with_persistent(bad, fn key ->
        bounded(fn -> message_of(fn -> Native.echo_binary(:persistent_term.get(key)) end) end)
      end)

    assert message =~ "got: '#{String.duplicate("a", 80)}' ++ ...\n"
    assert reductions < 50_000

    short = [1, 2 | :tail]
    assert Error.format_term(short) == "[1, 2 | :tail]"

    assert Error.format_term(Enum.to_list(1..20) ++ :tail) ==
             "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...]"
  end

  test "a million-element tuple, map and list, a deep nesting and a huge integer" do
    million = 1_000_000
    deep = Enum.reduce(1..100_000, :bottom, fn _, acc -> [acc] end)

    cases = [
      {List.to_tuple(Enum.to_list(1..million)), :echo_rgb,
       "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...}"},
      {Map.new(1..million, &{&1, &1}), :echo_rgb, ~r/^%\{(\d+ => \d+, )+\d+ => \d*…$/},
      {Enum.to_list(1..million), :echo_binary, "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...]"},
      {deep, :echo_binary, String.duplicate("[", 11) <> "..." <> String.duplicate("]", 11)},
      {Bitwise.bsl(1, 8 * million), :echo_int8, "#Integer<8000001 bits>"},
      {-(2 ** 300), :echo_int8, "-#Integer<301 bits>"},
      {:binary.copy("x", million), :echo_int8, "\"#{String.duplicate("x", 80)}\" <> ..."},
      {:binary.copy(<<0>>, million), :echo_int8, "<<0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...>>"}
    ]

    for {term, function, expected} <- cases do
      {message, reductions} =
        with_persistent(term, fn key ->
          bounded(fn ->
            message_of(fn -> apply(Native, function, [:persistent_term.get(key)]) end)
          end)
        end)

      [_, got] = Regex.run(~r/got: (.*)\n$/, message)
      if is_binary(expected), do: assert(got == expected), else: assert(got =~ expected)
      assert reductions < 50_000, "#{got}: #{reductions} reductions"
    end
  end

  test "ordinary terms read exactly as inspect/2 shows them" do
    terms = [
      [1, -5, 2 ** 200, 1.0, -0.0, 1.5e300, 0.1, 3.0e16, 1.0e15, nil, true, :ok],
      [:"1", :Foo, :foo@bar, :"foo bar", :"a\"b", :+, :"::", :"//", :..., :\\, :->, :_],
      [:foo?, :"foo?x", :"Elixir.foo", Elixir, Foo.Bar, :"", :"\0", :"\#{x}"],
      ["", "abc", "a\0b", <<"é", 0>>, <<0xFF>>, String.duplicate("x", 100), "tab\tnl\n"],
      ["q\"uote", "\#{x}", "\u{FEFF}", <<1::3>>, <<1, 2, 3::4>>, :binary.copy(<<1>>, 20)],
      [[], [1 | 2], ~c"abc", ~c"a'b", Enum.to_list(1..20), [a: 1, b: 2], [{:"a b", 1}]],
      [[{Foo, 1}], [{:a, 1} | :t], [+: 1], List.duplicate(?x, 100), [?a | ?b], {}, {1}],
      [List.to_tuple(Enum.to_list(1..20)), {{{{{{{{{{{{1}}}}}}}}}}}}, %{}, %{a: 1}],
      [%{:a => 1, "b" => 2}, Map.new(1..20, &{&1, &1}), %{{1, 2} => :a}, %{"a" => [1]}],
      [%Point{x: 1, y: 2}, %{__struct__: "Everything.Point", x: 1, y: 2}],
      [%Everything.Error{message: "m", code: 1}, %RuntimeError{message: "x"}],
      [self(), make_ref(), hd(Port.list()), &Enum.map/2, &:erlang.+/2],
      [%{a: %{b: %{c: %{d: %{e: %{f: %{g: %{h: %{i: %{j: %{k: 1}}}}}}}}}}}],
      [[%{a: [%{b: [1, 2, 3, 4, 5, 6, 7, 8, 9]}]}], List.duplicate(1, 256)]
    ]

    for group <- terms, term <- [group | group] do
      assert Error.format_term(term, characters: 10_000) ==
               inspect(term, limit: 10, printable_limit: 80)
    end
  end

  test "the text is cut at its character limit" do
    long = Enum.to_list(100_000..100_020)
    text = Error.format_term(long, limit: 100)
    assert String.length(text) == 121
    assert String.ends_with?(text, "…")
    assert Error.format_term(long, limit: 100, characters: 10) == "[100000, 1…"
  end
end
