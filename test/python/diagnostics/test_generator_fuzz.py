"""Property: for any header, the generator either stops with `header:line:col: error:` or writes
C that compiles with -Wall -Wextra -Werror; it never raises anything else.

Headers are small annotated declarations built from random shapes, field types, options and
names, and byte mutations of them. Fixed profile (derandomized, bounded example count) so the
run takes well under a minute and fails the same way every time.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import ROOT, Project, erts_include
from nif_derive import emit, parse
from nif_derive.errors import GeneratorError

NAMES = st.sampled_from(
    ["x", "y", "env", "argc", "term", "value", "end", "nil", "größe", "Abc", "_x", "main", "id"]
)
FIELD_TYPES = st.sampled_from(
    ["int", "int8_t", "uint64_t", "double", "float", "bool", "const char *", "char", "size_t",
     "nif_binary", "ERL_NIF_TERM", "ErlNifPid", "char[8]", "int[3]", "long double", "void *",
     "_Float16", "e_t", "p_t", "p_t *", "int *"]
)  # fmt: skip
OPTIONS = st.sampled_from(
    ["", " NIF_OPTIONAL", " NIF_ENCODE_ONLY", " NIF_DECODE_ONLY", " NIF_DEFAULT(1)",
     ' NIF_DEFAULT("s")', " NIF_DEFAULT(1.5e3)", " NIF_DEFAULT(E_A)", " NIF_DEFAULT(NULL)",
     ' NIF_RENAME("a\\"b")', ' NIF_RENAME("#{x}")', " NIF_LEN(n)", " NIF_DEFAULT(1_0)",
     ' NIF_RENAME("x")']
)  # fmt: skip
SHAPES = st.sampled_from(
    ["NIF_MAP", "NIF_TUPLE", 'NIF_STRUCT("Fz.S")', 'NIF_STRUCT("Fz.s")', 'NIF_RECORD("r")',
     'NIF_EXCEPTION("Fz.E")', "NIF_MAP NIF_STRICT", 'NIF_STRUCT("Kernel")', "NIF_MAPP"]
)  # fmt: skip

PRELUDE = "typedef enum NIF_UNIT_ENUM { E_A, E_B } e_t;\ntypedef struct NIF_TUPLE { int a; } p_t;\n"


def declarator(c_type: str, name: str) -> str:
    if c_type.endswith("]"):
        base, _, size = c_type.partition("[")
        return f"{base} {name}[{size}"
    return f"{c_type} {name}" if not c_type.endswith("*") else f"{c_type}{name}"


@st.composite
def struct(draw) -> str:
    fields = draw(st.lists(st.tuples(FIELD_TYPES, NAMES, OPTIONS), min_size=1, max_size=4))
    body = "".join(f"    {declarator(t, n)}{o};\n" for t, n, o in fields)
    if any("NIF_LEN" in o for _, _, o in fields):
        body += "    size_t n;\n"
    return f"typedef struct {draw(SHAPES)} {{\n{body}}} s_t;\n"


@st.composite
def tagged_union(draw) -> str:
    """A tagged or untagged enum over k_t, with arms of random types named after variants."""
    shape = draw(st.sampled_from(["NIF_TAGGED_ENUM", "NIF_UNTAGGED_ENUM"]))
    arms = draw(st.lists(st.tuples(FIELD_TYPES, OPTIONS), min_size=0, max_size=3))
    names = ["a", "b", "c"][: len(arms)]
    body = "".join(f"        {declarator(t, n)}{o};\n" for (t, o), n in zip(arms, names))
    if draw(st.booleans()):
        body += "        struct { int x; const char *y; } c;\n" if len(arms) < 3 else ""
    return (
        "typedef enum { K_A, K_B, K_C } k_t;\n"
        f"typedef struct {shape} {{\n    k_t kind;\n    union {{\n{body}    }};\n}} s_t;\n"
    )


@st.composite
def headers(draw) -> bytes:
    text = PRELUDE + draw(st.one_of(struct(), tagged_union()))
    for _ in range(draw(st.integers(0, 2))):
        name = draw(NAMES)
        params = draw(st.lists(st.tuples(FIELD_TYPES, NAMES), max_size=3, unique_by=lambda p: p[1]))
        parameters = ", ".join(declarator(t, n) for t, n in params) or "void"
        result = draw(st.sampled_from(["s_t", "void", "int", "const char *", "e_t"]))
        text += f"NIF_FUNCTION {result} {name}({parameters});\n"
    data = text.encode()
    mutations = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=3)
    for position, byte in draw(mutations):
        position %= len(data) + 1
        data = data[:position] + bytes([byte]) + data[position:]
    return data


def compiles(c_dir: Path, header_dir: Path) -> subprocess.CompletedProcess:
    includes = [f"-I{c_dir}", f"-I{header_dir}", f"-I{ROOT / 'c_src'}", f"-I{erts_include()}"]
    return subprocess.run(
        ["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", *includes,
         str(c_dir / "t_native.c")],
        capture_output=True, text=True,
    )  # fmt: skip


@settings(
    # NIF_DERIVE_FUZZ_EXAMPLES=1000 explores further, with random examples each run
    max_examples=int(os.environ.get("NIF_DERIVE_FUZZ_EXAMPLES", "30")),
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its header as is
    deadline=None,
    derandomize="NIF_DERIVE_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(headers())
def test_generator_errs_cleanly_or_writes_code_that_compiles(data):
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp))
        project.header.write_bytes(b"#include <nif_derive.h>\n" + data)
        try:
            module = parse.generate_model(
                [str(project.header)], project.include_dirs(), "T.Native", "t"
            )
            c_files, ex_files = emit.render(module)
        except GeneratorError as error:
            assert re.match(rf"{re.escape(str(project.header))}:\d+:\d+: error: ", str(error)), str(
                error
            )
            return
        emit.write_all([(project.dir / "c", c_files), (project.dir / "ex", ex_files)])
        result = compiles(project.dir / "c", project.dir)
        assert result.returncode == 0, data.decode(errors="replace") + result.stderr
