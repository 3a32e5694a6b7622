defmodule Posix.StatTest do
  # Oracles: Elixir's File.stat/2 and File.lstat/2 (ERTS's own stat calls)
  # and the coreutils `stat` command.
  use ExUnit.Case, async: true

  setup do
    dir = Path.join(System.tmp_dir!(), "posix_stat_test_#{System.unique_integer([:positive])}")
    File.mkdir_p!(dir)
    on_exit(fn -> File.rm_rf!(dir) end)

    file = Path.join(dir, "file.txt")
    File.write!(file, String.duplicate("nif_derive ", 1000))
    link = Path.join(dir, "link")
    File.ln_s!(file, link)
    %{dir: dir, regular: file, link: link}
  end

  defp paths(%{dir: dir, regular: file}),
    do: [file, dir, "/etc/passwd", "/", "/dev/null", Path.expand("mix.exs")]

  test "stat/1 agrees with File.stat/2", context do
    for path <- paths(context) do
      assert {:ok, %Posix.Stat{} = st} = Posix.stat(path)
      info = File.stat!(path, time: :posix)

      assert {st.st_size, st.st_ino, st.st_mode, st.st_uid, st.st_gid, st.st_nlink} ==
               {info.size, info.inode, info.mode, info.uid, info.gid, info.links},
             path

      assert st.st_mtim.tv_sec == info.mtime
      assert st.st_atim.tv_sec == info.atime
      assert st.st_ctim.tv_sec == info.ctime
      assert st.st_dev == info.major_device
      assert st.st_mtim.tv_nsec in 0..999_999_999
    end
  end

  test "stat/1 agrees with the stat command", context do
    for path <- paths(context) do
      {out, 0} = System.cmd("stat", ["-c", "%s %i %f %u %g %Y %h %b", path])
      [size, inode, mode, uid, gid, mtime, links, blocks] = String.split(out)
      assert {:ok, st} = Posix.stat(path)

      assert {st.st_size, st.st_ino, st.st_mode, st.st_uid, st.st_gid, st.st_mtim.tv_sec,
              st.st_nlink,
              st.st_blocks} ==
               {String.to_integer(size), String.to_integer(inode), String.to_integer(mode, 16),
                String.to_integer(uid), String.to_integer(gid), String.to_integer(mtime),
                String.to_integer(links), String.to_integer(blocks)},
             path
    end
  end

  test "stat/1 follows a symbolic link, lstat/1 describes the link", %{regular: file, link: link} do
    {:ok, target} = Posix.stat(file)
    {:ok, followed} = Posix.stat(link)
    {:ok, itself} = Posix.lstat(link)

    assert followed == target
    assert Bitwise.band(target.st_mode, 0o170000) == 0o100000
    assert Bitwise.band(itself.st_mode, 0o170000) == 0o120000
    assert itself.st_ino != target.st_ino
    assert itself.st_size == byte_size(file)

    info = File.lstat!(link, time: :posix)
    assert info.type == :symlink
    assert {itself.st_ino, itself.st_mode, itself.st_size} == {info.inode, info.mode, info.size}
  end

  test "lstat/1 of a file that is not a link is stat/1", %{regular: file} do
    assert Posix.lstat(file) == Posix.stat(file)
  end

  test "errors are errno atoms, the same as File.stat/2's", %{dir: dir, regular: file} do
    loop_a = Path.join(dir, "loop_a")
    loop_b = Path.join(dir, "loop_b")
    File.ln_s!(loop_b, loop_a)
    File.ln_s!(loop_a, loop_b)

    assert Posix.stat("/nonexistent") == {:error, :enoent}
    assert Posix.lstat("/nonexistent") == {:error, :enoent}

    cases = [
      {"/nonexistent", :enoent},
      {"", :enoent},
      {Path.join(file, "below"), :enotdir},
      {loop_a, :eloop},
      {Path.join(dir, String.duplicate("x", 300)), :enametoolong}
    ]

    for {path, errno} <- cases do
      assert Posix.stat(path) == {:error, errno}, inspect(path)
      assert File.stat(path) == {:error, errno}, inspect(path)
    end
  end

  test "the generated module docs name the system header and the mapping typedef" do
    {:docs_v1, _, :elixir, _, %{"en" => doc}, _, _} = Code.fetch_docs(Posix.Stat)
    assert doc =~ "struct stat"
    assert doc =~ "struct_stat.h"
    assert doc =~ ~r"posix_stat_t` at c_src/posix.h:\d+"
  end
end
