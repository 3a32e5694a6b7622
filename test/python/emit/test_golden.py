"""Golden files: the guide example's generated C and Elixir, checked in under test/golden/guide/.

A change to the generator that changes generated code shows up here as a diff to review;
`make golden` refreshes the files after such a change.
"""

import difflib
import shutil
import subprocess

import pytest

from conftest import ROOT

GOLDEN = ROOT / "test" / "golden" / "guide"
GUIDE = ROOT / "examples" / "guide"


def generate(out):
    """The guide example generated as `mix gen` does: from its directory, header path relative."""
    args = ["c_src/guide.h", "--module", "Guide.Native", "--otp-app", "guide", "--quiet"]
    args += ["--c-out", str(out / "c"), "--ex-out", str(out / "ex")]
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "nif_derive", *args],
        cwd=GUIDE,
        capture_output=True,
        text=True,
    )


def files(root):
    return {p.relative_to(root): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_guide_matches_the_golden_files(tmp_path):
    result = generate(tmp_path)
    assert result.returncode == 0, result.stderr
    golden, fresh = files(GOLDEN), files(tmp_path)
    assert sorted(golden) == sorted(fresh), "run `make golden` to refresh test/golden/guide"
    for path in golden:
        diff = "".join(
            difflib.unified_diff(
                golden[path].splitlines(True), fresh[path].splitlines(True), str(path), "now"
            )
        )
        assert not diff, f"generated {path} differs from the golden file (`make golden`):\n{diff}"


@pytest.mark.parametrize("suffix", [".c", ".h"])
def test_generated_c_follows_clang_format(suffix, tmp_path):
    """The golden guide and a header using every shape and kind pass .clang-format unchanged."""
    if shutil.which("clang-format") is None:
        pytest.fail("clang-format is not installed (make setup installs it)")
    from test_emit import RICH

    from conftest import Project

    project = Project(tmp_path)
    project.write(RICH)
    assert project.run_cli() == 0
    sources = [*GOLDEN.rglob(f"*{suffix}"), *(tmp_path / "c").rglob(f"*{suffix}")]
    style = f"--style=file:{ROOT / '.clang-format'}"
    result = subprocess.run(
        ["clang-format", style, "--dry-run", "-Werror", *map(str, sources)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[:4000]
