"""Headers the generator once crashed on or turned into code that did not build (issues 10, 11):
each now stops with one `file:line:col: error:` line, exit status 1 and no file changed."""

import pytest

ALIAS_RULE = (
    "is not an Elixir module name: each dot-separated part starts with an ASCII capital "
    "letter, followed by ASCII letters, digits or underscores (Geometry.Point)"
)


def struct_on(module: str) -> str:
    return f'typedef struct NIF_STRUCT("{module}") {{ int x; }} a_t;'


CASES = {
    # modules
    "module ending in a dot": (struct_on("A."), f'h.h:2:9: error: "A." {ALIAS_RULE}'),
    "module with a space": (struct_on("Foo Bar"), f'h.h:2:9: error: "Foo Bar" {ALIAS_RULE}'),
    "module with a quote": (struct_on('Foo\\"Bar'), f'h.h:2:9: error: "Foo\\"Bar" {ALIAS_RULE}'),
    "module with interpolation": (
        struct_on("Foo#{1}"),
        f'h.h:2:9: error: "Foo#{{1}}" {ALIAS_RULE}',
    ),
    "module not ASCII": (struct_on("Föö"), f'h.h:2:9: error: "Föö" {ALIAS_RULE}'),
    "module in lowercase": (struct_on("lower.case"), f'h.h:2:9: error: "lower.case" {ALIAS_RULE}'),
    "module with an empty part": (struct_on("A..B"), f'h.h:2:9: error: "A..B" {ALIAS_RULE}'),
    "module like a path": (
        struct_on("Foo/../../Bar"),
        f'h.h:2:9: error: "Foo/../../Bar" {ALIAS_RULE}',
    ),
    "module too long": (
        struct_on("A" * 250),
        f"h.h:2:9: error: module name {'A' * 20}… is too long: atoms have at most 255 characters",
    ),
    "Elixir's Kernel": (
        struct_on("Kernel"),
        "h.h:2:9: error: module Kernel is one of Elixir's own: choose another",
    ),
    "Elixir's Mix.Task": (
        struct_on("Mix.Task"),
        "h.h:2:9: error: module Mix.Task is one of Elixir's own: choose another",
    ),
    "the native module": (
        struct_on("T.Native"),
        'h.h:2:9: error: NIF_STRUCT("T.Native") is the native module\'s name: choose another',
    ),
    "one module twice": (
        struct_on("Dup") + "\n" + struct_on("Dup").replace("a_t", "b_t"),
        "h.h:3:9: error: module Dup is already defined by the type at h.h:2:9",
    ),
    "one file for two modules (case)": (
        struct_on("Dup.AB") + "\n" + struct_on("Dup.Ab").replace("a_t", "b_t"),
        "h.h:3:9: error: module Dup.Ab would be written to dup/ab.ex, the file of Dup.AB "
        "(the type at h.h:2:9): choose names that differ after Macro.underscore",
    ),
    "one file for two modules (underscore)": (
        struct_on("Dup.ABc") + "\n" + struct_on("Dup.A_bc").replace("a_t", "b_t"),
        "h.h:3:9: error: module Dup.A_bc would be written to dup/a_bc.ex, the file of Dup.ABc "
        "(the type at h.h:2:9): choose names that differ after Macro.underscore",
    ),
    "the native module's file": (
        struct_on("T.NATIVE"),
        "h.h:2:9: error: module T.NATIVE would be written to t/native.ex, the file of T.Native "
        "(the native module): choose names that differ after Macro.underscore",
    ),
    # types and names
    "_Float16": (
        "typedef struct NIF_MAP { _Float16 x; } a_t;",
        "h.h:2:35: error: field 'x' has type '_Float16', which nif_derive cannot map to a term",
    ),
    "Cyrillic typedef name": (
        "typedef struct NIF_MAP { int x; } точка_t;",
        "h.h:2:9: error: 'точка_t' cannot name an Elixir type: nif_derive needs ASCII C type names",
    ),
    "256-character rename": (
        'typedef struct NIF_MAP { int x NIF_RENAME("' + "a" * 256 + '"); } a_t;',
        f"h.h:2:30: error: atom :{'a' * 20}… is 256 characters long; atoms have at most 255",
    ),
    "rename beyond Latin-1": (
        'typedef struct NIF_MAP { int x NIF_RENAME("точка"); } a_t;',
        'h.h:2:30: error: atom :"точка" has characters a NIF cannot put in an atom: '
        "Latin-1 printable characters only",
    ),
    "bit-field in an arm": (
        "typedef enum { K_A, K_B } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; "
        "union { struct { unsigned x : 3; } a; }; } t_t;",
        "h.h:3:70: error: field 'x' is a bit-field, which has no address to decode into",
    ),
    "typedef named like a built-in Elixir type": (
        "typedef struct NIF_MAP { int x; } map;",
        "h.h:2:9: error: 'map' would define map(), a built-in Elixir type: rename it",
    ),
    "typedefs with one Elixir type": (
        "typedef struct NIF_MAP { int x; } Point;\ntypedef struct NIF_MAP { int y; } point;",
        "h.h:3:9: error: 'point' and 'Point' (h.h:2:9) would both define the Elixir type "
        "point(): rename one of them",
    ),
    "typedef named like a generated local": (
        "typedef struct NIF_MAP { int x; } value;",
        "h.h:2:9: error: 'value' is also the name of a local variable of the generated C: "
        "rename it",
    ),
    "enumerator named like a generated local": (
        "typedef enum NIF_UNIT_ENUM { count, other } e_t;",
        "h.h:2:9: error: 'count' is also the name of a local variable of the generated C: "
        "rename it",
    ),
    "two arms renamed alike": (
        "typedef enum { K_A, K_B } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; "
        'union { int a NIF_RENAME("x"); int b NIF_RENAME("x"); }; } t_t;',
        "h.h:3:79: error: atom :x is used by both K_A and K_B",
    ),
    "function named main": (
        "NIF_FUNCTION int main(int x);",
        "h.h:2:18: error: a NIF function cannot be named 'main'",
    ),
    "function named like a generated local": (
        "NIF_FUNCTION int env(int x);",
        "h.h:2:18: error: a NIF function cannot be named 'env': "
        "its NIF wrapper in C uses that name",
    ),
    "array parameter": (
        "NIF_FUNCTION int f(int a[4]);",
        "h.h:2:24: error: parameter 'a' is an array, which C passes as a pointer: write "
        "`const T *name NIF_LEN(length)` and a length parameter",
    ),
    # defaults
    "two strings as a default": (
        'typedef struct NIF_MAP { const char *s NIF_DEFAULT("a", "b"); } a_t;',
        'h.h:2:40: error: NIF_DEFAULT("a", "b") is not a string literal',
    ),
    "Python-style integer default": (
        "typedef struct NIF_MAP { int x NIF_DEFAULT(1_000); } a_t;",
        "h.h:2:32: error: NIF_DEFAULT(1_000) is not an integer literal",
    ),
    "float default beyond double": (
        "typedef struct NIF_MAP { double x NIF_DEFAULT(1e999); } a_t;",
        "h.h:2:35: error: NIF_DEFAULT(1e999) is out of double range",
    ),
    "float default beyond float": (
        "typedef struct NIF_MAP { float x NIF_DEFAULT(1e39); } a_t;",
        "h.h:2:34: error: NIF_DEFAULT(1e39) is out of float range",
    ),
    "nan default": (
        "typedef struct NIF_MAP { double x NIF_DEFAULT(nan); } a_t;",
        "h.h:2:35: error: NIF_DEFAULT(nan) is not a number",
    ),
    "infinity default": (
        "typedef struct NIF_MAP { double x NIF_DEFAULT(infinity); } a_t;",
        "h.h:2:35: error: NIF_DEFAULT(infinity) is not a number",
    ),
    # bytes that are not UTF-8 in annotation strings
    "0xFF in NIF_STRUCT": (
        b'typedef struct NIF_STRUCT("Foo\xff") { int x; } a_t;\n',
        "h.h:2:31: error: the header has byte 0xFF, which is not UTF-8 text",
    ),
    "0xFF in NIF_RENAME": (
        b'typedef struct NIF_MAP { int x NIF_RENAME("a\xffb"); } a_t;\n',
        "h.h:2:45: error: the header has byte 0xFF, which is not UTF-8 text",
    ),
    "0xFF in NIF_DEFAULT": (
        b'typedef struct NIF_MAP { const char *x NIF_DEFAULT("a\xffb"); } a_t;\n',
        "h.h:2:54: error: the header has byte 0xFF, which is not UTF-8 text",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_generator_error(project, name):
    body, expected = CASES[name]
    assert project.cli_error(body) == expected


def test_type_of_an_unlisted_header(project):
    (project.dir / "other.h").write_text(
        "#include <nif_derive.h>\ntypedef struct NIF_MAP { int x; } other_t;\n"
    )
    body = '#include "other.h"\ntypedef struct NIF_MAP { other_t o; } a_t;'
    other = project.dir / "other.h"
    assert project.cli_error(body) == (
        f"h.h:3:34: error: field 'o' has type 'other_t', annotated at {other}:2:9 in a header "
        f"the generator was not given: add {other} to :headers in mix.exs"
    )


@pytest.mark.parametrize(
    "option, value, why",
    [
        ("--module", "", '"" is not an Elixir module name'),
        ("--module", "geometry.native", '"geometry.native" is not an Elixir module name'),
        ("--otp-app", "Geometry", '"Geometry" is not an OTP application name'),
    ],
)
def test_invalid_cli_names(project, capsys, option, value, why):
    project.write("typedef struct NIF_MAP { int x; } a_t;")
    args = [str(project.header), "--module", "T.Native", "--otp-app", "t"]
    args[args.index(option) + 1] = value
    from nif_derive import cli

    status = cli.main(
        args + ["--c-out", str(project.dir / "c"), "--ex-out", str(project.dir / "ex")]
    )
    assert status == 2
    assert capsys.readouterr().err.startswith(f"nif-derive: error: {option}: {why}")
    assert not (project.dir / "c").exists() and not (project.dir / "ex").exists()


# Headers the generator accepts that once gave code that did not build: all in one header.
ACCEPTED = r"""
typedef struct NIF_MAP {
    int q NIF_RENAME("a\"b"); int i NIF_RENAME("#{x}"); int b NIF_RENAME("\\");
    int u NIF_RENAME("Abc"); int t NIF_RENAME("a b?"); int l NIF_RENAME("größe");
} odd_t;
typedef struct NIF_MAP { int x; } Point;
typedef struct NIF_MAP { int x NIF_ENCODE_ONLY; } encode_only_t;
typedef struct NIF_RECORD("r\"#{1}") { int x; } Rec;
typedef enum { R_LEAF, R_NODE } r_kind;
struct r;
typedef struct NIF_UNTAGGED_ENUM r {
    r_kind kind; union { int leaf; struct r *node NIF_OPTIONAL; };
} r_t;
NIF_FUNCTION odd_t echo_odd(odd_t odd);
NIF_FUNCTION Point echo_point(Point p, Rec r);
NIF_FUNCTION r_t echo_r(r_t r);
NIF_FUNCTION encode_only_t encode_only(int x);
NIF_FUNCTION int f(int größe);
NIF_FUNCTION int g(int env, int argc, int argv, int call, int result, int term, int value,
                   int items, int length, int frame);
NIF_FUNCTION int h(int x);
NIF_FUNCTION int nif_h(void);
"""


def test_accepted_headers_build_clean(project):
    import subprocess

    from conftest import ROOT

    project.write(ACCEPTED)
    assert project.run_cli() == 0
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr
    sources = [str(p) for p in (project.dir / "ex").rglob("*.ex")]
    result = subprocess.run(
        ["elixirc", "--warnings-as-errors", "-o", str(project.dir / "beam"), *sources]
        + [str(ROOT / "lib" / "nif_derive" / "error.ex")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"int a;\n\x00int b;\n", "h.h:3:1: error: the header has a NUL byte"),
        (
            b"int a; /* caf\xe9 */\n",
            "h.h:2:14: error: the header has byte 0xE9, which is not UTF-8 text",
        ),
    ],
)
def test_header_that_is_not_text(project, data, expected):
    assert project.cli_error(data) == expected


def test_annotation_not_utf8_in_an_included_header(project):
    other = project.dir / "other.h"
    other.write_bytes(
        b'#include <nif_derive.h>\ntypedef struct NIF_STRUCT("F\xff") { int x; } o_t;\n'
    )
    body = '#include "other.h"\ntypedef struct NIF_MAP { o_t o; } a_t;'
    assert (
        project.cli_error(body) == f"{other}:2:16: error: the annotation's text is not valid UTF-8"
    )
