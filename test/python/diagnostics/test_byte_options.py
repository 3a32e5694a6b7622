"""NIF_AS_BINARY and NIF_AS_BOOL misused, and pointer members of foreign types: one
`file:line:col: error:` at the user's declaration (the option, or the mapping typedef), exit
status 1, nothing written (`Project.cli_error`)."""

import pytest

CASES = {
    "NIF_AS_BINARY without NIF_LEN": (
        "typedef struct NIF_MAP { const uint8_t *data NIF_AS_BINARY; } a_t;",
        "h.h:2:46: error: NIF_AS_BINARY on field 'data' needs its length: add "
        "NIF_LEN(length_field)",
    ),
    "NIF_AS_BINARY on an int pointer": (
        "typedef struct NIF_MAP { const int *xs NIF_LEN(n) NIF_AS_BINARY; size_t n; } a_t;",
        "h.h:2:51: error: NIF_AS_BINARY on field 'xs' needs a pointer to bytes (char *, "
        "unsigned char * or uint8_t *, const or not), not 'const int *'",
    ),
    "NIF_AS_BINARY on an integer": (
        "typedef struct NIF_MAP { uint8_t b NIF_AS_BINARY; } a_t;",
        "h.h:2:36: error: NIF_AS_BINARY on field 'b' needs a pointer to bytes (char *, "
        "unsigned char * or uint8_t *, const or not), not 'uint8_t'",
    ),
    "NIF_AS_BINARY with NIF_OPTIONAL": (
        "typedef struct NIF_MAP { char *s NIF_LEN(n) NIF_AS_BINARY NIF_OPTIONAL; int n; } a_t;",
        "h.h:2:45: error: NIF_AS_BINARY and NIF_OPTIONAL on field 's' do not combine",
    ),
    "NIF_AS_BINARY with NIF_AS_MAP": (
        "typedef struct NIF_MAP { char *s NIF_LEN(n) NIF_AS_BINARY NIF_AS_MAP; int n; } a_t;",
        "h.h:2:45: error: NIF_AS_BINARY and NIF_AS_MAP on field 's' do not combine",
    ),
    "NIF_AS_BINARY on a union arm": (
        "typedef enum { K_A } k_t;\ntypedef struct NIF_TAGGED_ENUM { k_t kind; "
        "union { char *a NIF_AS_BINARY; }; } t_t;",
        "h.h:3:60: error: NIF_AS_BINARY cannot be used on a union arm",
    ),
    "NIF_AS_BINARY parameter without NIF_LEN": (
        "NIF_FUNCTION int f(const char *data NIF_AS_BINARY);",
        "h.h:2:37: error: NIF_AS_BINARY on parameter 'data' needs its length: add "
        "NIF_LEN(length_field)",
    ),
    "NIF_AS_BOOL on a double": (
        "typedef struct NIF_MAP { double on NIF_AS_BOOL; } a_t;",
        "h.h:2:36: error: NIF_AS_BOOL on field 'on' needs an integer (a C flag kept in an "
        "int), not 'double'",
    ),
    "NIF_AS_BOOL on a pointer": (
        "typedef struct NIF_MAP { int *on NIF_AS_BOOL NIF_OPTIONAL; } a_t;",
        "h.h:2:34: error: NIF_AS_BOOL on field 'on' needs an integer (a C flag kept in an "
        "int), not 'int *'",
    ),
    "NIF_AS_BOOL_FIELD on a foreign string": (
        "#include <pwd.h>\n"
        'typedef struct passwd NIF_STRUCT("P") NIF_AS_BOOL_FIELD(pw_name) NIF_SKIP(pw_passwd, '
        "pw_gecos, pw_dir, pw_shell) p_t;",
        "h.h:3:39: error: NIF_AS_BOOL on field 'pw_name' needs an integer (a C flag kept in an "
        "int), not 'char *'",
    ),
    "NIF_AS_BINARY_FIELD without NIF_LEN_FIELD": (
        "#include <pwd.h>\n"
        'typedef struct passwd NIF_STRUCT("P") NIF_AS_BINARY_FIELD(pw_name) NIF_SKIP(pw_passwd, '
        "pw_gecos, pw_dir, pw_shell) p_t;",
        "h.h:3:39: error: NIF_AS_BINARY on field 'pw_name' needs its length: add "
        "NIF_LEN_FIELD(pw_name, length_field)",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_byte_option_error(project, name):
    body, expected = CASES[name]
    assert project.cli_error(body) == expected


def test_pointer_hint_of_a_foreign_member_names_the_field_options(project):
    """The hint for a pointer member of a type the user cannot edit spells the options as
    they go on the typedef."""
    (project.dir / "lib.h").write_text("struct lib { int *xs; unsigned n; };\n")
    message = project.cli_error('#include "lib.h"\ntypedef struct lib NIF_MAP lib_t;')
    assert message.startswith(
        "h.h:3:28: error: field 'xs' is a pointer ('int *'): add "
        "NIF_LEN_FIELD(xs, length_field) for a list or NIF_OPTIONAL_FIELD(xs) for nil-or-value"
    ), message


def test_pointer_hint_of_a_native_member_names_the_member_options(project):
    message = project.cli_error("typedef struct NIF_MAP { int *xs; unsigned n; } a_t;")
    assert message == (
        "h.h:2:31: error: field 'xs' is a pointer ('int *'): add NIF_LEN(length_field) for a "
        "list or NIF_OPTIONAL for nil-or-value"
    )
