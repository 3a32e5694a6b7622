"""Every header the generator cannot map stops it with `file:line:col: error: …`.

One case per diagnostic: the header (after `#include <nif_derive.h>` on
line 1), the line the error must point at, and a fragment of the message.
"""

import re

import pytest

from nif_derive.errors import GeneratorError

CASES = {
    "unknown annotation": (
        'typedef struct __attribute__((annotate("nif_derive:bogus"))) { int x; } a_t;',
        2,
        "unknown nif_derive annotation 'bogus'",
    ),
    "annotation twice": (
        "typedef struct NIF_MAP NIF_MAP { int x; } a_t;",
        2,
        "NIF_MAP given twice",
    ),
    "annotation needs a value": (
        'typedef struct NIF_MAP { int x NIF_RENAME(""); } a_t;',
        2,
        "NIF_RENAME needs a value",
    ),
    "conflicting shapes": (
        "typedef struct NIF_MAP NIF_TUPLE { int x; } a_t;",
        2,
        "conflicting annotations NIF_MAP and NIF_TUPLE",
    ),
    "field option on a type": (
        "typedef struct NIF_MAP NIF_OPTIONAL { int x; } a_t;",
        2,
        "NIF_OPTIONAL cannot be used on a type",
    ),
    "C error": ("typedef struct NIF_MAP { unknown_t x; } a_t;", 2, "unknown type name 'unknown_t'"),
    "annotation on a variable": (
        "NIF_MAP int x;",
        2,
        "annotations go on structs, enums, typedefs and function prototypes",
    ),
    "annotation on a plain function": (
        'NIF_RENAME("g") int f(void);',
        2,
        "cannot be used on a function without NIF_FUNCTION",
    ),
    "option without a shape": ("struct NIF_STRICT s { int x; };", 2, "without a shape annotation"),
    "typedef option without a shape": (
        "typedef struct { int x; } NIF_STRICT a_t;",
        2,
        "without a shape annotation",
    ),
    "type mapped twice": (
        "struct s { int x; };\ntypedef struct s NIF_MAP a_t;\ntypedef struct s NIF_TUPLE b_t;",
        4,
        "already mapped at",
    ),
    "declared, not defined": (
        "typedef struct missing NIF_MAP a_t;",
        2,
        "only declared, not defined",
    ),
    "unit enum on a struct": (
        "typedef struct NIF_UNIT_ENUM { int x; } a_t;",
        2,
        "NIF_UNIT_ENUM cannot be used on a struct",
    ),
    "map on an enum": ("typedef enum NIF_MAP { A_X } a_t;", 2, "NIF_MAP cannot be used on an enum"),
    "union with a shape": ("union NIF_MAP u { int a; };", 2, "annotations go on structs, enums"),
    "encode-only and decode-only": (
        "typedef struct NIF_MAP NIF_ENCODE_ONLY NIF_DECODE_ONLY { int x; } a_t;",
        2,
        "leave nothing to generate",
    ),
    "strict exception": (
        'typedef struct NIF_EXCEPTION("E") NIF_STRICT { const char *message; } e_t;',
        2,
        "NIF_STRICT cannot be used on an exception",
    ),
    "reserved key": (
        'typedef struct NIF_STRUCT("S") { int x NIF_RENAME("__struct__"); } s_t;',
        2,
        "reserved by Elixir structs",
    ),
    "encode-only in a tuple": (
        "typedef struct NIF_TUPLE { int x NIF_ENCODE_ONLY; } t_t;",
        2,
        "would change a tuple's arity",
    ),
    "default in a tuple": (
        'typedef struct NIF_RECORD("r") { int x NIF_DEFAULT(1); } r_t;',
        2,
        "NIF_DEFAULT needs a key",
    ),
    "enum atom twice": (
        'typedef enum NIF_UNIT_ENUM { C_RED, C_BLUE NIF_RENAME("red") } c_t;',
        2,
        "atom :red is used by both C_RED and C_BLUE",
    ),
    "enumerators with one value": (
        "typedef enum NIF_UNIT_ENUM { C_RED = 1, C_BLUE = 1 } c_t;",
        2,
        "has the same value as C_RED",
    ),
    "length field missing": (
        "typedef struct NIF_MAP { int *xs NIF_LEN(n); } a_t;",
        2,
        "has no field 'n'",
    ),
    "length field shared": (
        "typedef struct NIF_MAP { int *xs NIF_LEN(n); int *ys NIF_LEN(n); size_t n; } a_t;",
        2,
        "'n' is already the length of 'xs'",
    ),
    "length field not an integer": (
        "typedef struct NIF_MAP { int *xs NIF_LEN(n); double n; } a_t;",
        2,
        "must be an integer",
    ),
    "length field annotated": (
        'typedef struct NIF_MAP { int *xs NIF_LEN(n); size_t n NIF_RENAME("m"); } a_t;',
        2,
        "is the length of 'xs'",
    ),
    "anonymous member": (
        "typedef struct NIF_MAP { struct { int a; }; } a_t;",
        2,
        "has no name to use as a key",
    ),
    "bit-field": ("typedef struct NIF_MAP { unsigned flag : 1; } a_t;", 2, "is a bit-field"),
    "key twice": (
        'typedef struct NIF_MAP { int x; int y NIF_RENAME("x"); } a_t;',
        2,
        "key :x is used twice",
    ),
    "tag is not an enum": (
        "typedef struct NIF_TAGGED_ENUM { int kind; union { int a; }; } t_t;",
        2,
        "the first field must be the tag, an enum",
    ),
    "extra field in a tagged enum": (
        "typedef enum { K_A } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; int other; } t_t;",
        3,
        "only the tag and one union of arms may be fields",
    ),
    "two unions": (
        "typedef enum { K_A, K_B } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; "
        "union { int a; }; union { int b; }; } t_t;",
        3,
        "only one union of arms is allowed",
    ),
    "arm without an enumerator": (
        "typedef enum { K_A, K_B } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; "
        "union { int a; int c; }; } t_t;",
        3,
        "union member 'c' matches no enumerator",
    ),
    "untagged variant without arm": (
        "typedef enum { K_A, K_B } k_t;\ntypedef struct NIF_UNTAGGED_ENUM { k_t kind; "
        "union { int a; }; } t_t;",
        2,
        "variant K_B has no union member named 'b'",
    ),
    "variant atom twice": (
        'typedef enum { K_A, K_B NIF_RENAME("a") } k_t;\n'
        "typedef struct NIF_TAGGED_ENUM { k_t kind; } t_t;",
        2,
        "atom :a is used by both K_A and K_B",
    ),
    "default in an arm": (
        "typedef enum { K_A } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; union { "
        "struct { int x NIF_DEFAULT(1); } a; }; } t_t;",
        3,
        "are not allowed in arms",
    ),
    "list in an arm": (
        "typedef enum { K_A } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; union { "
        "int *a NIF_LEN(n); }; } t_t;",
        3,
        "NIF_LEN in a union arm",
    ),
    "two dirty flags": ("NIF_DIRTY_CPU NIF_DIRTY_IO int f(int x);", 2, "cannot both be used"),
    "variadic": ("NIF_FUNCTION int f(int x, ...);", 2, "is variadic"),
    "unnamed parameter": ("NIF_FUNCTION int f(int);", 2, "needs a name"),
    "length parameter missing": (
        "NIF_FUNCTION int f(const int *xs NIF_LEN(n));",
        2,
        "has no parameter 'n'",
    ),
    "length parameter not an integer": (
        "NIF_FUNCTION int f(const int *xs NIF_LEN(n), double n);",
        2,
        "the length parameter must be an integer",
    ),
    "result length not a pointer": (
        "NIF_FUNCTION NIF_LEN(n) int *f(size_t n);",
        2,
        "names its result's length",
    ),
    "result length on void": (
        "NIF_FUNCTION NIF_LEN(n) void f(size_t *n);",
        2,
        "which returns void",
    ),
    "non-const pointer parameter": (
        "typedef struct NIF_MAP { int x; } a_t;\nNIF_FUNCTION int f(a_t *a);",
        3,
        "pointer to non-const 'a_t'",
    ),
    "encode-only type as argument": (
        "typedef struct NIF_MAP NIF_ENCODE_ONLY { int x; } a_t;\nNIF_FUNCTION int f(a_t a);",
        3,
        "which is NIF_ENCODE_ONLY",
    ),
    "decode-only type as result": (
        "typedef struct NIF_MAP NIF_DECODE_ONLY { int x; } a_t;\nNIF_FUNCTION a_t f(int x);",
        3,
        "which is NIF_DECODE_ONLY",
    ),
    "function twice": (
        "NIF_FUNCTION int f(int x);\nNIF_FUNCTION int f(int x);",
        3,
        "declared twice",
    ),
    "NIF_LEN on a non-pointer": (
        "typedef struct NIF_MAP { int xs NIF_LEN(n); size_t n; } a_t;",
        2,
        "NIF_LEN needs a pointer",
    ),
    "function pointer": (
        "typedef struct NIF_MAP { void (*callback)(void); } a_t;",
        2,
        "is a function pointer",
    ),
    "void pointer": ("typedef struct NIF_MAP { void *data; } a_t;", 2, "is 'void *'"),
    "bare pointer": (
        "typedef struct NIF_MAP { int *xs; } a_t;",
        2,
        "add NIF_LEN(length_field) for a list or NIF_OPTIONAL",
    ),
    "flexible array member": (
        "typedef struct NIF_MAP { size_t n; int xs[]; } a_t;",
        2,
        "flexible array member",
    ),
    "union field": (
        "typedef struct NIF_MAP { union { int a; float b; } u; } a_t;",
        2,
        "is a union",
    ),
    "unannotated struct field": (
        "struct plain { int a; };\ntypedef struct NIF_MAP { struct plain p; } a_t;",
        3,
        "has no nif_derive annotation: add a shape annotation",
    ),
    "unannotated enum field": (
        "enum color { RED };\ntypedef struct NIF_MAP { enum color c; } a_t;",
        3,
        "add NIF_UNIT_ENUM",
    ),
    "long double": ("typedef struct NIF_MAP { long double x; } a_t;", 2, "cannot map to a term"),
    "array of arrays": (
        "typedef struct NIF_MAP { int grid[2][2]; } a_t;",
        2,
        "elements cannot themselves be arrays",
    ),
    "const field": ("typedef struct NIF_MAP { const int x; } a_t;", 2, "field 'x' is const"),
    "annotated type inside a struct": (
        "typedef struct NIF_MAP { struct NIF_TUPLE inner { int a; } in; } a_t;",
        2,
        "declare it at file scope",
    ),
    "function name Elixir reserves": (
        "NIF_FUNCTION int end(int x);",
        2,
        "cannot be defined in the Elixir module",
    ),
    "default not an integer": (
        "typedef struct NIF_MAP { int x NIF_DEFAULT(abc); } a_t;",
        2,
        "is not an integer literal",
    ),
    "default out of range": (
        "typedef struct NIF_MAP { uint8_t x NIF_DEFAULT(256); } a_t;",
        2,
        "out of uint8_t range 0..255",
    ),
    "default not a number": (
        "typedef struct NIF_MAP { double x NIF_DEFAULT(fast); } a_t;",
        2,
        "is not a number",
    ),
    "default not an enumerator": (
        "typedef enum NIF_UNIT_ENUM { M_A } m_t;\ntypedef struct NIF_MAP { m_t m "
        "NIF_DEFAULT(M_B); } a_t;",
        3,
        "is not an enumerator of m_t",
    ),
    "default of the wrong kind": (
        "typedef struct NIF_MAP { bool b NIF_DEFAULT(1); } a_t;",
        2,
        "does not fit a field of type",
    ),
    "private Elixir name of another NIF": (
        "NIF_FUNCTION int f(int x);\nNIF_FUNCTION int nif_f(int x);",
        3,
        "has the name of the private Elixir function that calls 'f'",
    ),
    "resource on an enum": (
        'typedef enum NIF_RESOURCE("R.T") { R_A } r_t;',
        2,
        "NIF_RESOURCE cannot be used on an enum",
    ),
    "lock without a resource": (
        "typedef struct NIF_MAP NIF_MUTEX { int x; } a_t;",
        2,
        "NIF_MUTEX cannot be used on a type (only with NIF_RESOURCE)",
    ),
    "two locks": (
        'typedef struct NIF_RESOURCE("R.T") NIF_MUTEX NIF_RWLOCK { int x; } r_t;',
        2,
        "NIF_MUTEX and NIF_RWLOCK: a resource has one lock",
    ),
    "struct option on a resource": (
        'typedef struct NIF_RESOURCE("R.T") NIF_STRICT { int x; } r_t;',
        2,
        "NIF_STRICT cannot be used on a type",
    ),
    "destructor not declared": (
        'typedef struct NIF_RESOURCE("R.T") NIF_DESTRUCTOR(gone) { int x; } r_t;',
        2,
        "NIF_DESTRUCTOR(gone): no prototype 'void gone(r_t *)' is declared",
    ),
    "destructor of another type": (
        'typedef struct NIF_RESOURCE("R.T") NIF_DESTRUCTOR(close_r) { int x; } r_t;\n'
        "void close_r(int *r);",
        3,
        "'close_r' is the NIF_DESTRUCTOR of r_t: declare it as 'void close_r(r_t *)'",
    ),
    "down callback with the wrong parameters": (
        'typedef struct NIF_RESOURCE("R.T") NIF_DOWN(down_r) { int x; } r_t;\n'
        "void down_r(r_t *r, ErlNifPid pid);",
        3,
        "declare it as 'void down_r(r_t *, ErlNifPid, ErlNifMonitor)'",
    ),
    "resource module twice": (
        'typedef struct NIF_RESOURCE("R.T") { int x; } r_t;\n'
        'typedef struct NIF_RESOURCE("R.T") { int y; } s_t;',
        3,
        "module R.T is already defined by the type at",
    ),
    "resource module too long": (
        'typedef struct NIF_RESOURCE("' + "M" * 239 + '") { int x; } r_t;',
        2,
        "NIF_RESOURCE module name is longer than 238 bytes",
    ),
    "resource over-aligned": (
        'typedef struct NIF_RESOURCE("R.T") { _Alignas(16) char x; } r_t;',
        2,
        "needs 16-byte alignment",
    ),
    "resource argument by value": (
        'typedef struct NIF_RESOURCE("R.T") { int x; } r_t;\nNIF_FUNCTION int f(r_t r);',
        3,
        "parameter 'r' is the resource type 'r_t' by value: pass 'r_t *'",
    ),
    "resource field by value": (
        'typedef struct NIF_RESOURCE("R.T") { int x; } r_t;\n'
        "typedef struct NIF_MAP { r_t r; } a_t;",
        3,
        "field 'r' is the resource type 'r_t' by value",
    ),
    "load hook with the wrong signature": (
        "NIF_ON_LOAD void on_load(ErlNifEnv *env);",
        2,
        "NIF_ON_LOAD 'on_load' must be 'int on_load(ErlNifEnv *env)'",
    ),
    "unload hook with the wrong signature": (
        "NIF_ON_UNLOAD void bye(void);",
        2,
        "must be 'void bye(ErlNifEnv *env)'",
    ),
    "two load hooks": (
        "NIF_ON_LOAD int a(ErlNifEnv *env);\nNIF_ON_LOAD int b(ErlNifEnv *env);",
        3,
        "NIF_ON_LOAD is already 'a': one hook of each kind",
    ),
    "hook and NIF function": (
        "NIF_ON_LOAD NIF_FUNCTION int a(ErlNifEnv *env);",
        2,
        "NIF_FUNCTION cannot be used on a lifecycle hook",
    ),
}

# Names the generated C defines that a header declares too: found when the plan is made.
NAME_CLASHES = {
    "a public decoder": (
        "typedef struct NIF_TUPLE { int a; } p_t;\nint nif_decode_p_t(int x);",
        3,
        "'nif_decode_p_t' is also the name of a function of p_t that nif_derive generates",
    ),
    "a generated atom": (
        "typedef struct NIF_MAP { int x; } p_t;\nextern int t_native_atom_x;",
        3,
        "'t_native_atom_x' is also the name of the atom :x",
    ),
    "a generated wrapper": (
        "NIF_FUNCTION int f(int x);\nint t_native_nif_f(void);",
        3,
        "'t_native_nif_f' is also the name of the NIF of f",
    ),
    "the entry point": ("NIF_FUNCTION int nif_init(int x);", 2, "ERL_NIF_INIT"),
    "an integer codec": (
        "typedef unsigned long unsigned_long;\n"
        "typedef struct NIF_MAP { unsigned long a; unsigned_long b; } p_t;",
        2,
        "'unsigned long' and 'unsigned_long' would both have the codec pair "
        "nd_decode_int_unsigned_long/nd_encode_int_unsigned_long",
    ),
}


@pytest.mark.parametrize("name", list(NAME_CLASHES))
def test_name_clash(project, name):
    body, line, fragment = NAME_CLASHES[name]
    with pytest.raises(GeneratorError) as info:
        project.render(body)
    text = str(info.value)
    assert re.match(rf"^{re.escape(str(project.header))}:{line}:\d+: error: ", text), text
    assert fragment in text


def test_generated_names_do_not_clash_among_themselves(project):
    # a variant `list` of x_t has the helper name of a list of x_t
    body = """
        typedef enum { X_LIST, X_NONE } x_kind;
        typedef struct NIF_TAGGED_ENUM { x_kind kind; union { int list; }; } x_t;
        typedef struct NIF_MAP { x_t *xs NIF_LEN(n); size_t n; } y_t;
    """
    with pytest.raises(GeneratorError, match="would define 't_native_decode_x_t_list' twice"):
        project.render(body)


@pytest.mark.parametrize("name", list(CASES))
def test_diagnostic(project, name):
    body, line, fragment = CASES[name]
    error = project.error(body)
    text = str(error)
    assert re.match(rf"^{re.escape(str(project.header))}:{line}:\d+: error: ", text), text
    assert fragment in text


def test_cli_prints_the_error_and_changes_no_output(project, capsys):
    project.write("typedef struct NIF_MAP { int x; } a_t;\nNIF_FUNCTION a_t f(a_t a);")
    assert project.run_cli() == 0
    before = {
        p: p.read_bytes() for p in project.dir.rglob("*") if p.is_file() and p != project.header
    }
    assert any(p.suffix == ".ex" for p in before) and any(p.suffix == ".c" for p in before)

    project.write("typedef struct NIF_MAP { int x; void *bad; } a_t;\nNIF_FUNCTION a_t f(a_t a);")
    capsys.readouterr()
    assert project.run_cli() == 1
    err = capsys.readouterr().err
    assert re.match(
        rf"^{re.escape(str(project.header))}:2:\d+: error: field 'bad' is 'void \*'", err
    )
    after = {
        p: p.read_bytes() for p in project.dir.rglob("*") if p.is_file() and p != project.header
    }
    assert after == before


def test_as_map_needs_a_two_field_tuple(project):
    error = project.error(
        "typedef struct NIF_MAP { int *xs NIF_LEN(n) NIF_AS_MAP; size_t n; } a_t;"
    )
    assert "the entries must be a NIF_TUPLE of two fields" in str(error)
    error = project.error(
        "typedef struct NIF_TUPLE { int k, v; } e_t;\ntypedef struct NIF_MAP { e_t *xs "
        "NIF_AS_MAP; } a_t;"
    )
    assert "needs a pointer to the entries with NIF_LEN" in str(error)
