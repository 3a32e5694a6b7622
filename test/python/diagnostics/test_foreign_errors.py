"""Errors on typedefs of foreign types (DESIGN §9): each is one `h.h:3:col: error:` line at the
user's typedef (never inside the library's header), naming the member and where the library
declares it; exit status 1 and no file written (Project.cli_error checks both)."""

import re

import pytest

# A library header the user cannot edit, beside h.h: libyaml's shapes in small.
LIBRARY = """\
typedef enum ev_type_e { EV_NO_EVENT, EV_SCALAR_EVENT, EV_ALIAS_EVENT } ev_type_t;
typedef enum ev_style_e { EV_PLAIN_STYLE, EV_QUOTED_STYLE } ev_style_t;
typedef struct ev_mark_s { unsigned long line; } ev_mark_t;
typedef struct ev_s {
    ev_type_t type;
    union {
        struct { char *value; unsigned long length; int plain; } scalar;
        struct { char *anchor; void *ctx; } alias;
    } data;
    ev_mark_t mark;
} ev_t;
typedef enum { SH_NONE, SH_CIRCLE } sh_kind_t;
typedef struct { sh_kind_t kind; union { double radius; }; void *user; } sh_t;
typedef enum dup_e { DUP_A = 1, DUP_B = 1 } dup_t;
typedef struct st_s { int v; struct { int x; void *p; } anon; } st_t;
"""


def declared(text: str) -> str:
    """`lib.h:line:col` of the first `text` in LIBRARY."""
    for number, line in enumerate(LIBRARY.splitlines(), 1):
        if text in line:
            return f"lib.h:{number}:{line.index(text) + 1}"
    raise AssertionError(text)


def event(options: str) -> str:
    return f"typedef ev_t NIF_TAGGED_ENUM {options} ev_term_t;"


ARMS = "NIF_ARM(EV_SCALAR_EVENT, scalar) NIF_ARM(EV_ALIAS_EVENT, alias)"
OK = f"{ARMS} NIF_SKIP(mark, data.alias.ctx)"

CASES = {
    "a member neither mapped nor skipped": (
        event(f"{ARMS} NIF_SKIP(data.alias.ctx)"),
        "NIF_TAGGED_ENUM: only the tag and one union of arms may be fields, not 'mark' "
        f"(in struct ev_s: 'mark' declared at {declared('mark;')}; NIF_SKIP(mark) leaves it out)",
    ),
    "a member of an arm without a term": (
        event(f"{ARMS} NIF_SKIP(mark)"),
        "field 'ctx' is 'void *'",
        f"'data.alias.ctx' declared at {declared('ctx')}; NIF_SKIP(data.alias.ctx) leaves it out)",
    ),
    "a union member left unpaired": (
        event("NIF_ARM(EV_SCALAR_EVENT, scalar) NIF_SKIP(mark, data.alias.ctx)"),
        "union member 'alias' matches no enumerator of 'ev_type_t'",
        "NIF_ARM(ENUMERATOR, alias) on the type pairs it",
        f"'data.alias' declared at {declared('alias;')}; NIF_SKIP(data.alias) leaves it out",
    ),
    "NIF_ARM naming no arm": (
        event(
            "NIF_ARM(EV_SCALAR_EVENT, scalar) NIF_ARM(EV_ALIAS_EVENT, nope) "
            "NIF_SKIP(mark, data.alias.ctx)"
        ),
        "NIF_ARM(EV_ALIAS_EVENT, nope): the union of arms has no member 'nope' "
        "(its members: scalar, alias)",
    ),
    "NIF_ARM naming no enumerator": (
        event(f"{OK} NIF_ARM(EV_NOPE, alias)"),
        "NIF_ARM(EV_NOPE, …): ev_term_t has no member or enumerator 'EV_NOPE' to give options to",
    ),
    "NIF_ARM pairing one arm twice": (
        event(
            "NIF_ARM(EV_SCALAR_EVENT, scalar) NIF_ARM(EV_ALIAS_EVENT, data.scalar) "
            "NIF_SKIP(mark, data.alias.ctx)"
        ),
        "NIF_ARM(EV_ALIAS_EVENT, scalar): 'scalar' is already the arm of EV_SCALAR_EVENT",
    ),
    "NIF_ARM twice for one enumerator": (
        event(f"{OK} NIF_ARM(EV_SCALAR_EVENT, alias)"),
        "NIF_ARM(EV_SCALAR_EVENT, …) given twice",
    ),
    "NIF_ARM on an enumerator left out": (
        event(f"{OK} NIF_SKIP(EV_ALIAS_EVENT)"),
        "NIF_ARM(EV_ALIAS_EVENT, alias): EV_ALIAS_EVENT is left out",
    ),
    "NIF_SKIP naming nothing": (
        event(f"{OK} NIF_SKIP(bogus)"),
        "NIF_SKIP(bogus): ev_term_t has no member or enumerator 'bogus'",
    ),
    "NIF_RENAME_FIELD naming nothing": (
        event(f'{OK} NIF_RENAME_FIELD(EV_BOGUS, "x")'),
        "ev_term_t has no member or enumerator 'EV_BOGUS' to give options to",
    ),
    "a dotted path naming no arm": (
        event(f"{OK} NIF_SKIP(data.nope)"),
        "NIF_SKIP(data.nope): union 'data' has no member 'nope'",
    ),
    "a dotted path naming no field of an arm": (
        event(f"{OK} NIF_OPTIONAL_FIELD(data.scalar.nope)"),
        "NIF_OPTIONAL_FIELD(data.scalar.nope, …): arm 'scalar' has no field 'nope' "
        "to give options to",
    ),
    "a dotted path into a member left out": (
        event(f"{OK} NIF_SKIP(mark.line)"),
        "NIF_SKIP(mark.line): 'mark' is a 'ev_mark_t', which is left out: neither it nor its "
        "members have a term",
    ),
    "a dotted path into a member mapped on its own": (
        "typedef ev_mark_t NIF_MAP mark_t; "
        'typedef ev_t NIF_MAP NIF_SKIP(data) NIF_RENAME_FIELD(mark.line, "l") e_t;',
        "NIF_RENAME_FIELD(mark.line, …): 'mark' is a 'ev_mark_t', mapped by its own annotation: "
        "options for its members go there",
    ),
    "a dotted path into a scalar of an arm": (
        event(f'{OK} NIF_RENAME_FIELD(data.scalar.plain.x, "x")'),
        "NIF_RENAME_FIELD(data.scalar.plain.x, …): 'plain' is a 'int', which has no members",
    ),
    "a member of a struct that a dotted path enters, without a term": (
        'typedef st_t NIF_MAP NIF_RENAME_FIELD(anon.x, "y") s_t;',
        "field 'p' is 'void *'",
        f"'anon.p' declared at {declared('p;')}; NIF_SKIP(anon.p) leaves it out",
    ),
    "a member of anonymous struct type, not entered": (
        "typedef st_t NIF_MAP s_t;",
        "field 'anon' has type 'struct (unnamed struct at",
        "which has no nif_derive annotation: a dotted option on the typedef that maps its owner "
        f"makes it a map (in struct st_s: 'anon' declared at {declared('anon;')}",
    ),
    "a member of a foreign enum type without a mapping": (
        "typedef struct NIF_MAP { ev_style_t s; } x_t;",
        "field 's' has type 'ev_style_t', which has no nif_derive annotation: add NIF_UNIT_ENUM "
        "to it, or map it with a typedef in your header (`typedef ev_style_t NIF_UNIT_ENUM "
        "name_t;`)",
    ),
    "a field option on a member that dotted paths enter": (
        "typedef st_t NIF_MAP NIF_SKIP(anon.p) NIF_OPTIONAL_FIELD(anon) s_t;",
        "NIF_OPTIONAL cannot be used on a member that dotted paths enter",
    ),
    "an option on the tag": (
        event(f'{OK} NIF_RENAME_FIELD(type, "t")'),
        "NIF_RENAME_FIELD(type, …): 'type' is the tag of ev_term_t: it is always read",
    ),
    "the tag skipped": (
        event(f"{OK} NIF_SKIP(type)"),
        "NIF_SKIP(type): 'type' is the tag of ev_term_t: it is always read",
    ),
    "an option on the union of arms": (
        event(f"{OK} NIF_OPTIONAL_FIELD(data)"),
        "NIF_OPTIONAL_FIELD(data, …): 'data' is the union of arms of ev_term_t",
    ),
    "a field option on an enumerator": (
        event(f"{OK} NIF_OPTIONAL_FIELD(EV_ALIAS_EVENT)"),
        "NIF_OPTIONAL_FIELD(EV_ALIAS_EVENT, …) cannot be used on an enumerator",
    ),
    "a dotted path under an enumerator": (
        event(f"{OK} NIF_SKIP(EV_ALIAS_EVENT.x)"),
        "NIF_SKIP(EV_ALIAS_EVENT.x): the enumerator EV_ALIAS_EVENT has no members",
    ),
    "an untagged variant without an arm": (
        "typedef sh_t NIF_UNTAGGED_ENUM NIF_ARM(SH_CIRCLE, radius) NIF_SKIP(user) sh_term_t;",
        "NIF_UNTAGGED_ENUM: variant SH_NONE has no union member named 'none'",
        "NIF_ARM(SH_NONE, member) on the type pairs one, NIF_SKIP(SH_NONE) leaves the variant out",
        f"(in sh_t: declared at {declared('SH_NONE')})",
    ),
    "unit enum: an option naming no enumerator": (
        'typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(bogus, "x") NIF_SKIP(also_bogus) s_t;',
        "NIF_SKIP(also_bogus): 'enum ev_style_e' has no enumerator 'also_bogus'",
    ),
    "unit enum: a rename naming no enumerator": (
        'typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(bogus, "x") s_t;',
        "NIF_RENAME_FIELD(bogus, …): 'enum ev_style_e' has no enumerator 'bogus' "
        "to give options to",
    ),
    "unit enum: a field option on an enumerator": (
        "typedef ev_style_t NIF_UNIT_ENUM NIF_OPTIONAL_FIELD(EV_PLAIN_STYLE) s_t;",
        "NIF_OPTIONAL_FIELD(EV_PLAIN_STYLE, …) cannot be used on an enumerator",
    ),
    "unit enum: every enumerator left out": (
        "typedef ev_style_t NIF_UNIT_ENUM NIF_SKIP(EV_PLAIN_STYLE, EV_QUOTED_STYLE) s_t;",
        "every enumerator is left out: an enum needs one to have a term",
        f"(in enum ev_style_e: declared at {declared('ev_style_e')})",
    ),
    "unit enum: two enumerators of one value, in the library": (
        "typedef dup_t NIF_UNIT_ENUM d_t;",
        "DUP_B has the same value as DUP_A: their atoms would be ambiguous "
        f"(in enum dup_e: declared at {declared('DUP_B')})",
    ),
    "unit enum: a rename to a bad atom": (
        'typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(EV_PLAIN_STYLE, "") s_t;',
        "NIF_RENAME_FIELD(EV_PLAIN_STYLE, …) needs a value",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_foreign_diagnostic(project, name):
    body, *fragments = CASES[name]
    (project.dir / "lib.h").write_text(LIBRARY)
    line = project.cli_error(f'#include "lib.h"\n{body}\nNIF_FUNCTION int f(int x);')
    assert re.match(r"^h\.h:3:\d+: error: ", line), line
    for fragment in fragments:
        assert fragment.replace("lib.h", str(project.dir / "lib.h")) in line, line


def test_the_base_typedef_is_accepted(project):
    """The cases above break this typedef one way each."""
    (project.dir / "lib.h").write_text(LIBRARY)
    project.write(f'#include "lib.h"\n{event(OK)}\n')
    assert project.run_cli() == 0
