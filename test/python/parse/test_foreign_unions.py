"""Typedefs of foreign tagged unions and enums (DESIGN §9): the forms the generator accepts."""

import os

import pytest

from nif_derive import model

# A library header the user cannot edit (beside h.h), shaped like libyaml's yaml_event_t.
LIBRARY = """\
#include <stddef.h>
typedef enum ev_type_e { EV_NO_EVENT, EV_SCALAR_EVENT, EV_ALIAS_EVENT, EV_END_EVENT } ev_type_t;
typedef enum ev_style_e { EV_ANY_STYLE, EV_PLAIN_STYLE, EV_QUOTED_STYLE } ev_style_t;
typedef struct ev_mark_s { size_t line; } ev_mark_t;
typedef struct ev_s {
    ev_type_t type;
    union {
        struct { char *anchor; char *value; size_t length; ev_style_t style; void *ctx; } scalar;
        struct { char *anchor; } alias;
    } data;
    ev_mark_t start_mark;
    ev_mark_t end_mark;
} ev_t;
typedef enum { SH_NONE, SH_CIRCLE } sh_kind_t;
typedef struct { sh_kind_t kind; unsigned refs; union { double radius; }; void *user; } sh_t;
typedef struct pos_s { size_t line; void *buf; } pos_t;
typedef struct st_s { int v; struct { int x; struct { int deep; } in; } anon; pos_t pos; } st_t;
typedef struct {
    sh_kind_t kind;
    union { struct { int v; struct { void *start; void *end; int n; } dirs; } circle; } data;
} tu_t;
"""

STYLE = 'typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(EV_ANY_STYLE, "any") style_t;'
EVENT = f"""
{STYLE}
typedef ev_t NIF_TAGGED_ENUM
    NIF_ARM(EV_SCALAR_EVENT, scalar) NIF_ARM(EV_ALIAS_EVENT, data.alias)
    NIF_RENAME_FIELD(EV_SCALAR_EVENT, "scalar") NIF_LEN_FIELD(data.scalar.value, data.scalar.length)
    NIF_OPTIONAL_FIELD(data.scalar.anchor) NIF_RENAME_FIELD(data.scalar.style, "how")
    NIF_SKIP(data.scalar.ctx) NIF_SKIP(start_mark, end_mark) event_t;
NIF_FUNCTION event_t echo_event(event_t e);
"""


def model_of(project, body):
    (project.dir / "lib.h").write_text(LIBRARY)
    return project.model(f'#include "lib.h"\n{body}')


def decl(module, ident):
    return next(d for d in module.decls if d.ident == ident)


def test_arms_paired_by_nif_arm_with_options_by_dotted_paths(project):
    event = decl(model_of(project, EVENT), "event_t")
    assert [(v.enumerator, v.atom) for v in event.variants] == [
        ("EV_NO_EVENT", "no_event"),
        ("EV_SCALAR_EVENT", "scalar"),
        ("EV_ALIAS_EVENT", "alias_event"),
        ("EV_END_EVENT", "end_event"),
    ]
    scalar, alias = event.variants[1].arm, event.variants[2].arm
    assert event.variants[0].arm.unit and event.variants[3].arm.unit
    assert scalar.member == "data.scalar" and alias.member == "data.alias"
    assert [(f.name, f.atom) for f in scalar.fields] == [
        ("data.scalar.anchor", "anchor"),
        ("data.scalar.value", "value"),
        ("data.scalar.style", "how"),
    ]
    anchor, value, style = (f.type for f in scalar.fields)
    assert anchor.nullable and not alias.fields[0].type.nullable
    assert isinstance(value, model.List) and value.length_name == "data.scalar.length"
    assert style.decl.ident == "style_t"
    assert event.tag_field == "type" and not event.partial
    assert event.zeroed == ["start_mark", "end_mark", "data.scalar.ctx"]


def summary(decl):
    return [
        (
            v.enumerator,
            v.atom,
            v.arm.member,
            [(f.name, f.atom, f.type.typespec()) for f in v.arm.fields],
        )
        for v in decl.variants
    ]


def test_the_same_mapping_spelt_otherwise(project):
    """NIF_ONLY instead of NIF_SKIP; a rename to the arm's name instead of NIF_ARM; NIF_SKIP
    given twice; the arm by its path or its name."""
    same = (
        EVENT.replace("NIF_ARM(EV_SCALAR_EVENT, scalar) ", "")
        .replace("data.alias)", "alias)")
        .replace("NIF_SKIP(start_mark, end_mark)", "NIF_ONLY(type, data)")
    )
    assert same != EVENT
    first = decl(model_of(project, EVENT), "event_t")
    second = decl(model_of(project, same), "event_t")
    assert summary(second) == summary(first)
    assert second.zeroed == ["start_mark", "end_mark", "data.scalar.ctx"]


def test_an_enumerator_left_out_is_no_variant_and_encode_has_a_default(project):
    body = EVENT.replace(
        "NIF_SKIP(start_mark, end_mark)", "NIF_SKIP(start_mark, end_mark, EV_NO_EVENT)"
    )
    event = decl(model_of(project, body), "event_t")
    assert [v.atom for v in event.variants] == ["scalar", "alias_event", "end_event"]
    assert event.partial
    c_files, _ = project.render(f'#include "lib.h"\n{body}')
    source = next(f.text for f in c_files if f.path.suffix == ".c")
    assert "default: /* an enumerator left out by NIF_SKIP */" in source


def test_unit_enum_options_rename_and_leave_out_enumerators(project):
    body = (
        'typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(EV_ANY_STYLE, "any") '
        "NIF_SKIP(EV_QUOTED_STYLE) style_t;"
    )
    style = decl(model_of(project, body), "style_t")
    assert style.variants == [("EV_ANY_STYLE", "any"), ("EV_PLAIN_STYLE", "plain_style")]
    only = decl(
        model_of(project, body.replace("NIF_SKIP(EV_QUOTED_STYLE)", "NIF_ONLY(EV_QUOTED_STYLE)")),
        "style_t",
    )
    assert only.variants == [("EV_QUOTED_STYLE", "quoted_style")]


def test_anonymous_union_between_members_left_out(project):
    body = (
        "typedef sh_t NIF_TAGGED_ENUM NIF_ARM(SH_CIRCLE, radius) NIF_SKIP(refs, user) shape_t;\n"
        "typedef sh_t NIF_UNTAGGED_ENUM NIF_ARM(SH_CIRCLE, radius) NIF_SKIP(SH_NONE) "
        "NIF_ONLY(kind, radius) radius_t;"
    )
    with pytest.raises(Exception, match="already mapped"):  # one C type, one mapping
        model_of(project, body)
    shape = decl(model_of(project, body.split("\n")[0]), "shape_t")
    assert [(v.atom, v.arm.member) for v in shape.variants] == [
        ("none", None),
        ("circle", "radius"),
    ]
    assert shape.zeroed == ["refs", "user"]
    radius = decl(model_of(project, body.split("\n")[1]), "radius_t")
    assert [v.enumerator for v in radius.variants] == ["SH_CIRCLE"] and radius.zeroed == [
        "refs",
        "user",
    ]


NESTED = """
typedef st_t NIF_MAP NIF_RENAME_FIELD(anon.in.deep, "d") NIF_SKIP(pos.buf) st_term_t;
typedef tu_t NIF_TAGGED_ENUM NIF_SKIP(data.circle.dirs.start, data.circle.dirs.end) tu_term_t;
NIF_FUNCTION st_term_t echo_st(st_term_t v);
NIF_FUNCTION tu_term_t echo_tu(tu_term_t v);
"""


def test_dotted_paths_enter_structs_without_a_mapping(project):
    """A struct member without a mapping of its own (anonymous or not) that a dotted path
    enters is a map of its members, in a struct's fields and in an arm's alike."""
    module = model_of(project, NESTED)
    st = decl(module, "st_term_t")
    anon, pos = st.fields[1].type.decl, st.fields[2].type.decl
    assert (anon.ident, pos.ident) == ("st_term_t_anon", "st_term_t_pos")
    assert anon.c_type == "__typeof__(((st_term_t *)0)->anon)"
    inner = anon.fields[1].type.decl
    assert inner.c_type == "__typeof__(((st_term_t *)0)->anon.in)"
    assert [f.atom for f in inner.fields] == ["d"]
    assert [f.atom for f in pos.fields] == ["line"] and pos.zeroed == ["buf"]
    tu = decl(module, "tu_term_t")
    dirs = tu.variants[1].arm.fields[1].type.decl
    assert dirs.c_type == "__typeof__(((tu_term_t *)0)->data.circle.dirs)"
    assert [f.atom for f in dirs.fields] == ["n"] and dirs.zeroed == ["start", "end"]


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_foreign_mappings_compile(project, compiler):
    body = (
        EVENT
        + (
            "typedef sh_t NIF_TAGGED_ENUM NIF_ARM(SH_CIRCLE, radius) NIF_SKIP(refs, user, SH_NONE) "
            "shape_t;\nNIF_FUNCTION shape_t echo_shape(shape_t s);\n"
        )
        + NESTED
    )
    (project.dir / "lib.h").write_text(LIBRARY)
    project.write(f'#include "lib.h"\n{body}')
    assert project.run_cli() == 0
    result = project.compile(compiler)
    assert result.returncode == 0, result.stderr


YAML = """
#include <yaml.h>
typedef yaml_encoding_t NIF_UNIT_ENUM NIF_RENAME_FIELD(YAML_ANY_ENCODING, "any") encoding_t;
typedef yaml_scalar_style_t NIF_UNIT_ENUM scalar_style_t;
typedef yaml_sequence_style_t NIF_UNIT_ENUM sequence_style_t;
typedef yaml_mapping_style_t NIF_UNIT_ENUM mapping_style_t;
typedef yaml_version_directive_t NIF_MAP version_t;
typedef yaml_event_t NIF_TAGGED_ENUM
    NIF_ARM(YAML_STREAM_START_EVENT, stream_start) NIF_ARM(YAML_SCALAR_EVENT, scalar)
    NIF_ARM(YAML_DOCUMENT_START_EVENT, document_start)
    NIF_ARM(YAML_DOCUMENT_END_EVENT, document_end) NIF_ARM(YAML_ALIAS_EVENT, alias)
    NIF_ARM(YAML_SEQUENCE_START_EVENT, sequence_start)
    NIF_ARM(YAML_MAPPING_START_EVENT, mapping_start)
    NIF_RENAME_FIELD(YAML_SCALAR_EVENT, "scalar")
    NIF_LEN_FIELD(data.scalar.value, data.scalar.length)
    NIF_OPTIONAL_FIELD(data.scalar.anchor) NIF_OPTIONAL_FIELD(data.scalar.tag)
    NIF_OPTIONAL_FIELD(data.sequence_start.anchor) NIF_OPTIONAL_FIELD(data.sequence_start.tag)
    NIF_OPTIONAL_FIELD(data.mapping_start.anchor) NIF_OPTIONAL_FIELD(data.mapping_start.tag)
    NIF_OPTIONAL_FIELD(data.document_start.version_directive)
    NIF_SKIP(data.document_start.tag_directives)
    NIF_SKIP(start_mark, end_mark) yaml_event_term_t;
NIF_FUNCTION yaml_event_term_t echo_event(yaml_event_term_t e);
"""


@pytest.mark.skipif(not os.path.exists("/usr/include/yaml.h"), reason="libyaml-dev")
def test_libyaml_event_maps_directly(project):
    event = decl(project.model(YAML), "yaml_event_term_t")
    atoms = [v.atom for v in event.variants]
    assert atoms[:3] == ["no_event", "stream_start_event", "stream_end_event"]
    assert "scalar" in atoms and "mapping_end_event" in atoms
    project.write(YAML)
    assert project.run_cli() == 0
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr
