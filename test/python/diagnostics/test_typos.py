"""A misspelt annotation is named, with the annotation meant, whatever C error it causes."""

import pytest

CASES = {
    # C error: expected identifier or '('
    "shape with a value": (
        'typedef struct NIF_STRUCTT("X") { int x; } a_t;',
        "h.h:2:16: error: unknown annotation NIF_STRUCTT; did you mean NIF_STRUCT?",
    ),
    # C error: unknown type name 'NIF_FUNCTON'
    "function annotation": (
        "NIF_FUNCTON int f(int x);",
        "h.h:2:1: error: unknown annotation NIF_FUNCTON; did you mean NIF_FUNCTION?",
    ),
    # C error: expected ';' at end of declaration list (at the end of `x`)
    "field option": (
        "typedef struct NIF_MAP { int *x NIF_OPTINAL; } a_t;",
        "h.h:2:33: error: unknown annotation NIF_OPTINAL; did you mean NIF_OPTIONAL?",
    ),
    # valid C: a struct tagged NIF_MAPP
    "shape without a value": (
        "typedef struct NIF_MAPP { int x; } a_t;",
        "h.h:2:16: error: unknown annotation NIF_MAPP; did you mean NIF_MAP?",
    ),
    "wrong case": (
        "typedef struct NIF_Map { int x; } a_t;",
        "h.h:2:16: error: unknown annotation NIF_Map; did you mean NIF_MAP?",
    ),
    "nothing close": (
        "NIF_WHATEVER int f(int x);",
        "h.h:2:1: error: unknown annotation NIF_WHATEVER: nif_derive.h defines no macro of "
        "that name",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_misspelt_annotation(project, name):
    body, expected = CASES[name]
    assert project.cli_error(body) == expected


def test_names_of_the_users_own_starting_with_nif_are_not_misspellings(project):
    # a macro, an enumerator and a struct tag of the user's, and a C error elsewhere
    body = """
        #define NIF_SIZE 4
        enum { NIF_OK };
        struct NIF_STATE { int x; };
        typedef struct NIF_MAP { int xs[NIF_SIZE]; int ok NIF_DEFAULT(NIF_OK); } a_t;
        typedef struct NIF_MAP { unknown_t y; } b_t;
    """
    assert project.cli_error(body) == "h.h:7:26: error: unknown type name 'unknown_t'"
