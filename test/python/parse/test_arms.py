"""Tagged-union arms pair with enumerators through renames on either side (gen/parse_arms.py)."""

import re

import pytest

KEYWORDS = """
typedef enum { KW_ENUM, KW_STRUCT, KW_LONG, KW_BOOL, KW_DEFAULT } kw_kind;
typedef struct NIF_TAGGED_ENUM {
    kw_kind kind;
    union {
        int64_t enum_ NIF_RENAME("enum");
        const char *inner NIF_RENAME("struct");
        struct { int64_t lhs, rhs; } long_ NIF_RENAME("long");
        bool flag NIF_RENAME("bool");
    };
} kw_t;
"""


def variants(module):
    return [(v.enumerator, v.atom, type(v.arm).__name__) for v in module.decls[0].variants]


def test_keyword_atoms_through_renames_on_the_arms(project):
    assert variants(project.model(KEYWORDS)) == [
        ("KW_ENUM", "enum", "NewtypeArm"),
        ("KW_STRUCT", "struct", "NewtypeArm"),
        ("KW_LONG", "long", "NamedArm"),
        ("KW_BOOL", "bool", "NewtypeArm"),
        ("KW_DEFAULT", "default", "UnitArm"),
    ]


@pytest.mark.parametrize(
    "enumerators, arm, atom",
    [
        # a rename on the enumerator; the arm named after its atom before or after it
        ('K_A, K_AS_STRUCT NIF_RENAME("struct")', "int as_struct;", "struct"),
        ('K_A, K_MAYBE NIF_RENAME("maybe_at")', "int maybe_at;", "maybe_at"),
        # renames on both sides that agree
        ('K_A, K_AS_STRUCT NIF_RENAME("struct")', 'int inner NIF_RENAME("struct");', "struct"),
        # a rename on the arm named after the enumerator sets the atom
        ("K_A, K_LABEL", 'int label NIF_RENAME("text");', "text"),
    ],
)
def test_arm_pairs_with_the_enumerator_it_shares_a_name_with(project, enumerators, arm, atom):
    module = project.model(
        f"typedef enum {{ {enumerators} }} k_t;\n"
        f"typedef struct NIF_TAGGED_ENUM {{ k_t kind; union {{ {arm} }}; }} t_t;"
    )
    assert variants(module)[1][1:] == (atom, "NewtypeArm")
    assert variants(module)[0] == ("K_A", "a", "UnitArm")


@pytest.mark.parametrize(
    "enumerators, arms, line, fragment",
    [
        (
            'K_A, K_B NIF_RENAME("struct")',
            "int a;\n int c;",
            5,
            "union member 'c' matches no enumerator of 'k_t' (arms are named after their "
            'variant\'s atom, or NIF_RENAME("atom") names it: a, struct)',
        ),
        (
            'K_A, K_B NIF_RENAME("y")',
            'int inner NIF_RENAME("x");\n int a;',
            4,
            "union member 'inner' matches no enumerator",
        ),
        (
            'K_A, K_B NIF_RENAME("y")',
            'int b NIF_RENAME("z");',
            4,
            'NIF_RENAME("z") on union member \'b\' disagrees with NIF_RENAME("y") on its '
            "enumerator K_B",
        ),
        (
            "K_A, K_B",
            'int a NIF_RENAME("b");',
            4,
            "union member 'a' matches both K_A (:a) and K_B (:b)",
        ),
        (
            "K_A, K_B",
            'int a;\n int inner NIF_RENAME("a");',
            5,
            "union member 'a' and union member 'inner' both match K_A",
        ),
        (
            'K_A, K_B NIF_RENAME("a")',
            "int a;",
            2,
            "atom :a is used by both K_A and K_B",
        ),
        # an arm's rename that is another variant's atom
        ("K_A, K_B", 'int b NIF_RENAME("a");', 4, "union member 'b' matches both K_A (:a) and K_B"),
    ],
)
def test_arm_errors_point_at_the_arm(project, enumerators, arms, line, fragment):
    error = project.error(
        f"typedef enum {{ {enumerators} }} k_t;\n"
        f"typedef struct NIF_TAGGED_ENUM {{ k_t kind; union {{\n {arms}\n }}; }} t_t;"
    )
    assert error.location.line == line, str(error)
    assert fragment in error.message, str(error)
    assert re.match(rf"^{re.escape(str(project.header))}:{line}:\d+: error: ", str(error))


def test_untagged_variant_without_an_arm_names_both_ways_to_give_one(project):
    error = project.error(
        'typedef enum { K_A, K_B NIF_RENAME("struct") } k_t;\n'
        "typedef struct NIF_UNTAGGED_ENUM { k_t kind; union { int a; }; } t_t;"
    )
    assert error.location.line == 2
    assert (
        "NIF_UNTAGGED_ENUM: variant K_B has no union member named 'b' "
        '(or NIF_RENAME("struct") on one)' in error.message
    )


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_keyword_variants_compile_clean(project, compiler):
    project.write(KEYWORDS + "NIF_FUNCTION kw_t echo_kw(kw_t v);")
    assert project.run_cli() == 0
    native = (project.dir / "ex" / "t" / "native.ex").read_text()
    assert "{:enum, integer()}" in native.replace(
        "-9_223_372_036_854_775_808..9_223_372_036_854_775_807", "integer()"
    )
    assert re.search(r"\{:long,\s+%\{\s+lhs: ", native) and "| :default" in native
    result = project.compile(compiler)
    assert result.returncode == 0, result.stderr
