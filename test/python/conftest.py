"""Shared helpers: write a header into a temporary directory and run the generator on it."""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from nif_derive import cli, emit, parse
from nif_derive.errors import GeneratorError

ROOT = Path(__file__).resolve().parents[2]
STRICT_CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-c", "-o", "/dev/null"]


@functools.cache
def erts_include() -> str:
    """The directory holding erl_nif.h, from the installed `erl`."""
    out = subprocess.run(
        ["erl", "-noshell", "-eval", 'io:format("~s", [code:root_dir()]), halt().'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return str(Path(out) / "usr" / "include")


def generated_project(tmp_path_factory, name: str, header: str) -> "Project":
    """A Project in a fresh temporary directory with `header` generated into c/ and ex/."""
    project = Project(tmp_path_factory.mktemp(name))
    project.write(header)
    assert project.run_cli() == 0
    return project


class Project:
    """A temporary directory with one header, and the generator's views of it."""

    def __init__(self, tmp_path: Path):
        self.dir = tmp_path
        self.header = tmp_path / "h.h"

    def write(self, body: str) -> Path:
        self.header.write_text("#include <nif_derive.h>\n" + textwrap.dedent(body))
        return self.header

    def cli_arguments(self, c_out: str, ex_out: str) -> list[str]:
        """The generator's command line for this header, module T.Native of app :t."""
        return [
            str(self.header),
            *("--module", "T.Native", "--otp-app", "t"),
            *("--c-out", c_out, "--ex-out", ex_out),
        ]

    def include_dirs(self) -> list[str]:
        return cli.include_dirs(cli.arguments(self.cli_arguments("c", "ex")))

    def model(self, body: str):
        self.write(body)
        return parse.generate_model([str(self.header)], self.include_dirs(), "T.Native", "t")

    def error(self, body: str) -> GeneratorError:
        with pytest.raises(GeneratorError) as info:
            self.model(body)
        return info.value

    def render(self, body: str):
        return emit.render(self.model(body))

    def compile(self, compiler: str, source: Path | None = None) -> subprocess.CompletedProcess:
        """Compile the generated C (or `source`) with `-Wall -Wextra -Werror -O2`;
        fails the test if `compiler` is missing."""
        if shutil.which(compiler) is None:
            pytest.fail(f"{compiler} is not installed (make setup installs it)")
        includes = [
            f"-I{self.dir / 'c'}",
            f"-I{self.dir}",
            f"-I{ROOT / 'c_src'}",
            f"-I{erts_include()}",
        ]
        target = source or self.dir / "c" / "t_native.c"
        return subprocess.run(
            [compiler, *STRICT_CFLAGS, *includes, str(target)], capture_output=True, text=True
        )

    def run_cli(self, *extra: str) -> int:
        return cli.main(
            [*self.cli_arguments(str(self.dir / "c"), str(self.dir / "ex")), "--quiet", *extra]
        )

    def cli_error(self, body: str | bytes, *extra: str) -> str:
        """Run the CLI on a header the generator must reject: the exit status is 1, the output
        directories (seeded with generated files) are left as they were, and the one line
        printed, with the header's path shortened to `h.h`, is returned."""
        if isinstance(body, bytes):
            self.header.write_bytes(b"#include <nif_derive.h>\n" + body)
        else:
            self.write(body)
        seeded = {
            self.dir / "c" / "t_native.c": f"/* {emit.GENERATED_MARK} */\n",
            self.dir / "ex" / "t" / "native.ex": f"# {emit.GENERATED_MARK}\n",
        }
        for path, text in seeded.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        before = {p: p.read_bytes() for p in self.dir.rglob("*") if p.is_file()}
        capture = io.StringIO()
        with contextlib.redirect_stderr(capture), contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(
                [str(self.header), "--module", "T.Native", "--otp-app", "t"]
                + ["--c-out", str(self.dir / "c"), "--ex-out", str(self.dir / "ex"), *extra]
            )
        assert status == 1
        assert {p: p.read_bytes() for p in self.dir.rglob("*") if p.is_file()} == before
        lines = capture.getvalue().splitlines()
        assert len(lines) == 1, lines
        return lines[0].replace(str(self.header), "h.h")


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


def build_nif_library(
    directory: Path,
    module: str,
    nifs: str,
    erlang: str,
    compiler: str = "cc",
    cflags: tuple[str, ...] = (),
) -> Path:
    """Builds `nifs` (C) with the whole runtime into `directory/<module>.so`.

    Also compiles `erlang`, the module loading it.
    """
    if shutil.which(compiler) is None:
        pytest.fail(f"{compiler} is not installed (make setup installs it)")
    (directory / "nifs.c").write_text(nifs)
    (directory / f"{module}.erl").write_text(erlang)
    flags = [
        "-std=gnu11",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-fPIC",
        "-shared",
        *cflags,
        f"-I{ROOT / 'c_src'}",
        f"-I{erts_include()}",
    ]
    runtime = sorted(str(path) for path in (ROOT / "c_src").glob("nif_derive*.c"))
    build = subprocess.run(
        [
            compiler,
            *flags,
            str(directory / "nifs.c"),
            *runtime,
            "-o",
            str(directory / f"{module}.so"),
            "-lm",
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    erlc = subprocess.run(
        ["erlc", "-o", str(directory), str(directory / f"{module}.erl")],
        capture_output=True,
        text=True,
    )
    assert erlc.returncode == 0, erlc.stdout + erlc.stderr
    return directory
