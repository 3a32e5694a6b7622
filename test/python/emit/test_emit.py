"""Model → files: the generated C compiles clean under gcc and clang, output is deterministic."""

import shutil
import subprocess

import pytest

from conftest import ROOT, generated_project

RICH = """
#include <sys/types.h>
typedef enum NIF_UNIT_ENUM { COLOR_RED, COLOR_GREEN, COLOR_BLUE } color_t;
typedef struct NIF_TUPLE { int8_t a; uint16_t b; } small_t;
typedef struct NIF_RECORD("rec") { double d; float f; bool on; } rec_t;
typedef struct NIF_STRUCT("Rich.Inner") {
    char name[8]; const char *label NIF_OPTIONAL; color_t color NIF_DEFAULT(COLOR_BLUE);
} inner_t;
typedef struct NIF_STRUCT("Rich.Outer") NIF_STRICT {
    inner_t inner;
    inner_t *maybe NIF_OPTIONAL;
    small_t *smalls NIF_LEN(smalls_len);
    unsigned smalls_len;
    long long grid[3];
    short s; unsigned short us; long l; unsigned long ul; size_t size; ssize_t ssize;
    char c; signed char sc; unsigned char uc;
    nif_binary bytes;
    ERL_NIF_TERM any;
    ErlNifPid pid;
    int retries NIF_DEFAULT(3);
    int computed NIF_ENCODE_ONLY;
    int secret NIF_DECODE_ONLY;
    const uint8_t *raw NIF_LEN(raw_len) NIF_AS_BINARY; int raw_len;
    char *scratch NIF_LEN(scratch_len) NIF_AS_BINARY; size_t scratch_len;
    int flag NIF_AS_BOOL; unsigned char *ustr; char *str;
} outer_t;
typedef struct NIF_EXCEPTION("Rich.Error") { const char *message; int code; } rich_error_t;
typedef enum { SHAPE_POINT, SHAPE_CIRCLE, SHAPE_LINE, SHAPE_NAMED, SHAPE_NONE } shape_kind;
typedef struct NIF_TAGGED_ENUM {
    shape_kind kind;
    union {
        small_t point;
        struct NIF_TUPLE { double r; color_t color; } circle;
        struct { int64_t *xs NIF_LEN(n); size_t n; } line;
        const char *named;
    };
} shape_t;
typedef enum { ANY_NUMBER, ANY_TEXT, ANY_PAIR } any_kind;
typedef struct NIF_UNTAGGED_ENUM {
    any_kind kind;
    union { double number; const char *text; struct NIF_TUPLE { int a, b; } pair; };
} any_t;
typedef struct NIF_MAP NIF_ENCODE_ONLY { rich_error_t error; } report_t;
NIF_FUNCTION outer_t echo_outer(const outer_t *outer);
NIF_DIRTY_CPU shape_t echo_shape(shape_t shape);
NIF_DIRTY_IO any_t echo_any(any_t any, ErlNifEnv *env);
NIF_FUNCTION NIF_LEN(out) color_t *colors(const rec_t *recs NIF_LEN(n), size_t n, size_t *out);
NIF_FUNCTION void nothing(void);
NIF_FUNCTION report_t report(int code);
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generated_project(tmp_path_factory, "rich", RICH)


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_generated_c_compiles_clean(generated, compiler):
    for source in [
        generated.dir / "c" / "t_native.c",
        *sorted((ROOT / "c_src").glob("nif_derive*.c")),
    ]:
        result = generated.compile(compiler, source)
        assert result.returncode == 0, result.stderr


def test_output_is_byte_identical_for_the_same_input(generated, tmp_path):
    from conftest import Project

    again = Project(tmp_path)
    again.write(RICH)
    assert again.run_cli() == 0

    def outputs(project):
        # The header is named by its path, which differs between the two temporary directories.
        return {
            p.relative_to(project.dir): p.read_bytes().replace(bytes(project.dir), b"DIR")
            for p in project.dir.rglob("*")
            if p.is_file() and p.suffix in (".c", ".h", ".ex")
        }

    assert outputs(generated) == outputs(again)


def test_one_elixir_module_per_struct_and_the_native_module(generated):
    files = sorted(
        str(p.relative_to(generated.dir / "ex")) for p in (generated.dir / "ex").rglob("*.ex")
    )
    assert files == ["rich/error.ex", "rich/inner.ex", "rich/outer.ex", "t/native.ex"]
    outer = (generated.dir / "ex" / "rich" / "outer.ex").read_text()
    assert (
        "@enforce_keys [" in outer
        and ":retries" not in outer.split("@enforce_keys")[1].split("]")[0]
    )
    assert "retries: 3" in outer
    assert "h.h:" in outer  # @moduledoc names the header and line
    native = (generated.dir / "ex" / "t" / "native.ex").read_text()
    assert "Record.defrecord(:rec_t, :rec, d: nil, f: nil, on: nil)" in native
    assert "@spec echo_any(any_t()" in native  # the module's own types, unqualified
    assert "echo_outer(Rich.Outer.t()) :: Rich.Outer.t()" in native
    assert "@type small_t :: {-128..127, 0..65535}" in native  # exact integer ranges
    assert "@spec nothing() :: :ok" in native


@pytest.mark.skipif(shutil.which("elixir") is None, reason="elixir formats the generated modules")
def test_generated_elixir_is_formatted(generated):
    script = (
        "for f <- System.argv(), do: if(Code.format_string!(File.read!(f)) |> "
        'IO.iodata_to_binary() |> Kernel.<>("\\n") != File.read!(f), do: raise(f))'
    )
    files = [str(p) for p in (generated.dir / "ex").rglob("*.ex")]
    result = subprocess.run(["elixir", "-e", script, *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_unchanged_outputs_are_not_rewritten(generated):
    source = generated.dir / "c" / "t_native.c"
    stamp = source.stat().st_mtime_ns
    assert generated.run_cli() == 0
    assert source.stat().st_mtime_ns == stamp


def test_stale_generated_files_are_removed(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write('typedef struct NIF_STRUCT("Old.Thing") { int x; } t_t;')
    assert project.run_cli() == 0
    assert (tmp_path / "ex" / "old" / "thing.ex").exists()
    project.write('typedef struct NIF_STRUCT("New.Thing") { int x; } t_t;')
    assert project.run_cli() == 0
    assert not (tmp_path / "ex" / "old" / "thing.ex").exists()
    assert (tmp_path / "ex" / "new" / "thing.ex").exists()


def test_as_map_compiles_and_types(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write(
        """
        typedef struct NIF_TUPLE { const char *word; uint32_t count; } word_count_t;
        typedef struct NIF_MAP {
            word_count_t *counts NIF_LEN(n) NIF_AS_MAP; size_t n;
        } histogram_t;
        NIF_FUNCTION histogram_t echo_histogram(histogram_t h);
        """
    )
    assert project.run_cli() == 0
    native = (tmp_path / "ex" / "t" / "native.ex").read_text()
    assert "counts: %{optional(String.t()) => 0..4_294_967_295}" in native
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr


def test_without_nif_functions_the_library_is_the_users(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write('typedef struct NIF_STRUCT("P.Point") { int64_t x; } point_t;')
    assert project.run_cli() == 0
    native = (tmp_path / "ex" / "t" / "native.ex").read_text()
    source = (tmp_path / "c" / "t_native.c").read_text()
    assert "@on_load" not in native and "load_nif" not in native
    assert "ERL_NIF_INIT" not in source and "int nif_derive_load_t_native(ErlNifEnv *env)" in source


def test_unsigned_char_strings_use_the_ustring_codec_and_compile(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write(
        """
        typedef struct NIF_MAP {
            const uint8_t *name; const unsigned char **tags NIF_LEN(n); size_t n;
        } u_t;
        NIF_FUNCTION u_t echo_u(u_t u);
        NIF_FUNCTION const uint8_t *maybe(const uint8_t *s NIF_OPTIONAL);
        """
    )
    assert project.run_cli() == 0
    source = (tmp_path / "c" / "t_native.c").read_text()
    assert "nd_decode_ustring(call, value, &out->name)" in source
    assert "nd_decode_nullable_ustring(call, argv[0], &s)" in source
    assert "nd_encode_ustring_at(call, &value->name," in source
    native = (tmp_path / "ex" / "t" / "native.ex").read_text()
    assert "@spec maybe(String.t() | nil) :: String.t()" in native
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_names_like_the_runtimes_compile_clean(tmp_path, compiler):
    """test/names: NIF functions named alloc, strdup, raise, decode_p_t, encode_p_t, load beside
    a type p_t, and parameters named like the wrapper's locals (-fno-builtin: strdup is libc's)."""
    from conftest import Project, erts_include

    project = Project(tmp_path)
    project.header = ROOT / "test" / "names" / "c_src" / "names.h"
    assert project.run_cli() == 0
    source = tmp_path / "c" / "t_native.c"
    includes = [f"-I{tmp_path / 'c'}", f"-I{project.header.parent}", f"-I{ROOT / 'c_src'}"]
    flags = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-fno-builtin", "-c"]
    command = [compiler, *flags, *includes, f"-I{erts_include()}", str(source), "-o", "/dev/null"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = source.read_text()
    assert "static ERL_NIF_TERM t_native_nif_alloc(" in text and "result = alloc(n);" in text
    assert "result = twice(twice_arg);" in text  # a local `twice` would hide the function
    assert "int64_t call_arg;" in text and "int64_t env_arg;" in text


def test_generated_c_details(generated):
    """Expected texts are plain `%s` arguments; element types as written; no `* 1`."""
    source = (generated.dir / "c" / "t_native.c").read_text()
    assert '"%%' not in source and 'nd_fail(call, term, "%s", "%Rich.Outer{}")' in source
    assert "long long *items" in source and "long long const *items" in source  # grid[3]
    assert "* 1)" not in source
    # one unit arm: an if, not a switch with a single case
    assert "switch (nd_atom_position(t_native_shape_t_atom_index, 4, term))" not in source
    assert "if (nd_atom_position(t_native_shape_t_atom_index, 4, term) == 4) {" in source


def test_array_elements_keep_the_users_spelling(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write("typedef struct NIF_MAP { int16_t xs[2]; bool flags[2]; } a_t;")
    assert project.run_cli() == 0
    source = (tmp_path / "c" / "t_native.c").read_text()
    assert "int16_t *items" in source and "int16_t const *items" in source
    assert "bool *items" in source and "bool const *items" in source
    assert "short " not in source and "_Bool" not in source


def test_one_variant_enums_encode_without_a_switch(tmp_path):
    from conftest import Project

    project = Project(tmp_path)
    project.write(
        """
        typedef enum NIF_UNIT_ENUM { ONLY_A } only_t;
        typedef enum { SOLE_PAIR } sole_kind;
        typedef struct NIF_TAGGED_ENUM {
            sole_kind kind;
            union { struct NIF_TUPLE { int64_t a, b; } pair; };
        } sole_t;
        NIF_FUNCTION only_t only(only_t o);
        NIF_FUNCTION sole_t sole(sole_t s);
        """
    )
    assert project.run_cli() == 0
    source = (tmp_path / "c" / "t_native.c").read_text()
    assert "    if (*value == ONLY_A)\n        return t_native_only_t_atoms[0];\n" in source
    assert "    if (value->kind == SOLE_PAIR) {\n" in source
    assert "switch (*value)" not in source and "switch (value->kind)" not in source
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr


def test_null_string_messages_name_the_member_and_the_option_that_applies(tmp_path):
    """A NULL string in a result: the member's path, its C type as written and the option
    for where it is declared (NIF_OPTIONAL_FIELD on a foreign typedef, NIF_OPTIONAL at home)."""
    from conftest import Project

    project = Project(tmp_path)
    (tmp_path / "lib.h").write_text(
        "typedef unsigned char lib_char_t;\n"
        "typedef enum { EV_NONE, EV_SCALAR } ev_type_t;\n"
        "typedef struct { ev_type_t type;\n"
        "    union { struct { lib_char_t *tag; char *note; int flag; } scalar; } data;\n"
        "} ev_t;\n"
    )
    project.write(
        """
        #include "lib.h"
        typedef ev_t NIF_TAGGED_ENUM NIF_ARM(EV_SCALAR, scalar)
            NIF_AS_BOOL_FIELD(data.scalar.flag) ev_term_t;
        typedef enum { MINE_TEXT, MINE_ON } mine_kind;
        typedef struct NIF_TAGGED_ENUM {
            mine_kind kind;
            union { struct { char *text; } text; int on NIF_AS_BOOL; };
        } mine_t;
        NIF_FUNCTION ev_term_t ev(ev_term_t e);
        NIF_FUNCTION mine_t mine(mine_t m);
        """
    )
    assert project.run_cli() == 0
    # the C with its lines and string literals joined
    source = " ".join((tmp_path / "c" / "t_native.c").read_text().split()).replace('" "', "")
    tag = "data.scalar.tag (lib_char_t *) is NULL: mark it NIF_OPTIONAL_FIELD(data.scalar.tag)"
    assert f'"{tag}"' in source
    assert '"data.scalar.note (char *) is NULL: mark it NIF_OPTIONAL_FIELD(data.scalar.note)"' in (
        source
    )
    assert '"text.text (char *) is NULL: mark it NIF_OPTIONAL"' in source
    assert "nd_encode_bool_int(call, &value->data.scalar.flag)" in source
    assert "nd_decode_bool_int(call, term, &out->on)" in source
    native = (tmp_path / "ex" / "t" / "native.ex").read_text()
    assert "{:on, boolean()}" in native and "flag: boolean()" in native
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr
