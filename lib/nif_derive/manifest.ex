defmodule NifDerive.Manifest do
  @moduledoc """
  Staleness by content: what the generator and the C build read and wrote
  last time, as `%{path => md5}`.

  Modification times never say that a file is unchanged: an edit made in
  the same second as the previous run has the same whole-second mtime, and
  was lost that way. A step is up to date only when its key (the options
  that shape its output) is the same and every file it read and wrote
  still has the recorded content. (An mtime is read only to distrust a
  file first seen during a step, see `record/2`.)

  The manifest (`_build/<env>/lib/<app>/.mix/compile.nif_derive`) holds one
  entry per step, `:generate`, `:build` and `:module_clash` (`NifDerive.ModuleClash`), each
  `%{key: term, inputs: %{path => hash}, outputs: %{path => hash}}`.
  """

  @version 1

  @typedoc "A file's md5, or `:missing`, or `:unknown` (never equal to a file's hash)."
  @type hash :: binary() | :missing | :unknown
  @type hashes :: %{Path.t() => hash()}
  @type step :: %{key: term(), inputs: hashes(), outputs: hashes()}

  @doc "The recorded step `name` (`%{}` when there is none)."
  @spec read(atom()) :: step() | %{}
  def read(name) do
    Map.get(read_all(), name, %{})
  end

  @doc "Records `step` under `name`, keeping the other steps."
  @spec write(atom(), step()) :: :ok
  def write(name, step) do
    path = NifDerive.Config.manifest_path()
    File.mkdir_p!(Path.dirname(path))
    File.write!(path, :erlang.term_to_binary({@version, Map.put(read_all(), name, step)}))
  end

  defp read_all do
    with {:ok, binary} <- File.read(NifDerive.Config.manifest_path()),
         {@version, steps} when is_map(steps) <- :erlang.binary_to_term(binary) do
      steps
    else
      _ -> %{}
    end
  rescue
    ArgumentError -> %{}
  end

  @doc """
  Whether `step` was recorded with `key`, read every path of `required`, and
  every file it read or wrote still has the recorded content.
  """
  @spec fresh?(step() | %{}, term(), [Path.t()]) :: boolean()
  def fresh?(%{key: key, inputs: inputs, outputs: outputs}, key, required) do
    Enum.all?(required, &Map.has_key?(inputs, &1)) and unchanged?(inputs) and
      unchanged?(outputs)
  end

  def fresh?(_step, _key, _required), do: false

  defp unchanged?(hashes), do: Enum.all?(hashes, fn {path, hash} -> hash(path) == hash end)

  @doc "The content hash of one file."
  @spec hash(Path.t()) :: hash()
  def hash(path) do
    case File.read(path) do
      {:ok, content} -> md5(content)
      {:error, _} -> :missing
    end
  end

  # OpenSSL's md5 (through :crypto) is about four times faster than :erlang.md5, the
  # fallback when :crypto is not there: 10 ms against 40 ms for the 5 MB of a 1,000-type module.
  defp md5(content) do
    if Code.ensure_loaded?(:crypto), do: :crypto.hash(:md5, content), else: :erlang.md5(content)
  end

  @doc "The content hashes of `paths`."
  @spec hashes([Path.t()]) :: hashes()
  def hashes(paths), do: Map.new(paths, &{&1, hash(&1)})

  @doc """
  Runs `fun` (a step that reads files) and returns `{fun's result, started}`
  with what is needed to record the inputs safely afterwards: the hashes of
  the files known beforehand (`known`), taken before `fun` ran, and the
  second it started.
  """
  @spec around([Path.t()], (() -> result)) :: {result, {hashes(), integer()}} when result: term()
  def around(known, fun) do
    before = hashes(Enum.uniq(known))
    started = System.os_time(:second)
    {fun.(), {before, started}}
  end

  @doc """
  The input hashes to record for a step that read `inputs`, given the
  `{before, started}` of `around/2`.

  A file known beforehand records its content from before the step ran: if
  it was edited while the step ran, the next run sees the difference. A file
  the step found only now (a new `#include`) is hashed now, unless it was
  modified since the step started: then it is recorded as `:unknown`, so
  the next run does the step again rather than trust what it may have read.
  """
  @spec record([Path.t()], {hashes(), integer()}) :: hashes()
  def record(inputs, {before, started}) do
    Map.new(inputs, fn path ->
      case before do
        %{^path => hash} -> {path, hash}
        %{} -> {path, hash_if_settled(path, started)}
      end
    end)
  end

  defp hash_if_settled(path, started) do
    case File.stat(path, time: :posix) do
      {:ok, %{mtime: mtime}} when mtime < started -> hash(path)
      {:ok, _} -> :unknown
      {:error, _} -> :missing
    end
  end
end
