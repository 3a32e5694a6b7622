# `make demo`: the guide's calls, then one clean error.
alias Guide.Native

show = fn call, result -> IO.puts(String.pad_trailing(call, 62) <> " => " <> inspect(result)) end

show.("align(:center)", Native.align(:center))
show.("render_event(:loading)", Native.render_event(:loading))
show.(~s|render_event({:redirect, "/docs"})|, Native.render_event({:redirect, "/docs"}))

show.(
  "render_event({:resize, %{width: 800, height: 600}})",
  Native.render_event({:resize, %{width: 800, height: 600}})
)

show.("describe_input(123)", Native.describe_input(123))
show.(~s|describe_input("hello")|, Native.describe_input("hello"))

show.(
  "move_point(%Guide.Point{x: 2, y: 3}, %{x: 10, y: 20})",
  Native.move_point(%Guide.Point{x: 2, y: 3}, %{x: 10, y: 20})
)

show.(
  ~s|rewrite_asset_url(%{root: "https://cdn.example.com/", path: "app.css"})|,
  Native.rewrite_asset_url(%{root: "https://cdn.example.com/", path: "app.css"})
)

show.(~s|normalize_name(" elixir ")|, Native.normalize_name(" elixir "))
show.("sum_list([1.5, 2.5])", Native.sum_list([1.5, 2.5]))
show.(~s|process_pairs([{"a", 1}])|, Native.process_pairs([{"a", 1}]))

IO.puts("\nA term of the wrong shape never reaches the C code:\n")
IO.puts(~s|render_event({:resize, %{width: 800, height: "600"}})|)

try do
  Native.render_event({:resize, %{width: 800, height: "600"}})
rescue
  error in ArgumentError -> IO.puts("** (ArgumentError) " <> Exception.message(error))
end
