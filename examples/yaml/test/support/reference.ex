defmodule Yaml.Reference do
  @moduledoc """
  libyaml used directly (test/support/libyaml_events.c, built on first use),
  and `Yaml`'s events written in the same one-line-per-event format.
  """

  @source Path.expand("libyaml_events.c", __DIR__)

  @encodings [:any, :utf8, :utf16le, :utf16be]
  @scalar_styles [:any, :plain, :single_quoted, :double_quoted, :literal, :folded]
  @sequence_styles [:any, :block, :flow]
  @mapping_styles [:any, :block, :flow]
  @types [
    :no_event,
    :stream_start,
    :stream_end,
    :document_start,
    :document_end,
    :alias,
    :scalar,
    :sequence_start,
    :sequence_end,
    :mapping_start,
    :mapping_end
  ]

  @doc "The tool's path, compiled from its C source with `cc -lyaml` when missing or older."
  def tool do
    path = Path.join(Mix.Project.build_path(), "libyaml_events")

    unless File.exists?(path) and File.stat!(path).mtime >= File.stat!(@source).mtime do
      {out, status} =
        System.cmd("cc", ["-std=gnu11", "-O1", "-Wall", "-Werror", @source, "-lyaml", "-o", path],
          stderr_to_stdout: true
        )

      if status != 0, do: raise("cannot build #{@source}: #{out}")
    end

    path
  end

  @doc "libyaml's events of `yaml`: a list of lines, the last one `error …` on a parse error."
  def events(yaml), do: yaml |> run("events") |> String.split("\n", trim: true)

  @doc "`yaml` parsed and emitted again by libyaml."
  def echo(yaml), do: run(yaml, "echo")

  defp run(yaml, mode) do
    file = Path.join(System.tmp_dir!(), "yaml_ref_#{System.unique_integer([:positive])}")
    File.write!(file, yaml)

    try do
      {out, 0} = System.cmd("sh", ["-c", ~s("$0" "$1" < "$2"), tool(), mode, file])
      out
    after
      File.rm(file)
    end
  end

  @doc "`Yaml.parse_events/1`'s events in the tool's format."
  def lines(events), do: Enum.map(events, &line/1)

  @doc "A Yaml.ParseError in the tool's format."
  def error_line(%Yaml.ParseError{} = e) do
    Enum.join(
      ["error", string(e.problem), mark(e.problem_mark), string(e.context), mark(e.context_mark)],
      " "
    )
  end

  defp mark(%{index: i, line: l, column: c}), do: "#{i} #{l} #{c}"

  defp line(type) when is_atom(type), do: "#{index(@types, type)}"

  defp line({type, fields}) do
    Enum.join(["#{index(@types, type)}" | fields(type, fields)], " ")
  end

  defp fields(:stream_start, e), do: ["#{index(@encodings, e.encoding)}"]

  defp fields(:document_start, e) do
    version =
      case e.version_directive do
        nil -> "-"
        {major, minor} -> "#{major}.#{minor}"
      end

    [version, flag(e.implicit)]
  end

  defp fields(:document_end, e), do: [flag(e.implicit)]
  defp fields(:alias, e), do: [string(e.anchor)]

  defp fields(:scalar, e) do
    [string(e.anchor), string(e.tag), string(e.value), flag(e.plain_implicit)] ++
      [flag(e.quoted_implicit), "#{index(@scalar_styles, e.style)}"]
  end

  defp fields(:sequence_start, e) do
    [string(e.anchor), string(e.tag), flag(e.implicit), "#{index(@sequence_styles, e.style)}"]
  end

  defp fields(:mapping_start, e) do
    [string(e.anchor), string(e.tag), flag(e.implicit), "#{index(@mapping_styles, e.style)}"]
  end

  defp string(nil), do: "-"
  defp string(bytes), do: "x" <> Base.encode16(bytes, case: :lower)

  defp flag(true), do: "1"
  defp flag(false), do: "0"

  defp index(list, atom), do: Enum.find_index(list, &(&1 == atom)) || raise("unknown #{atom}")
end
