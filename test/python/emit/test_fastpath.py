"""The fast path's plan (gen/fastpath.py): which functions get one, what the wrapper matches
and builds, and where it falls back."""

from __future__ import annotations

from nif_derive.fastpath import FLAT_LIST_BUDGET, MAX_ARITY, function_fast_plan

SHAPES = """
typedef struct NIF_STRUCT("T.Point") { int32_t x, y; } point_t;
typedef struct NIF_STRUCT("T.Box") { point_t min, max; const char *label; } box_t;
typedef struct NIF_MAP NIF_STRICT {
    int32_t a;
    int32_t b NIF_DEFAULT(2);
    int32_t seen NIF_ENCODE_ONLY;
} strict_t;
typedef struct NIF_EXCEPTION("T.Oops") { const char *message; } oops_t;
typedef struct NIF_RECORD("pair") { double l, r; } pair_t;
typedef struct NIF_RECORD("at") { point_t p; int32_t n; } at_t;
typedef struct NIF_STRUCT("T.Path") { point_t *points NIF_LEN(n); size_t n; } path_t;
typedef enum NIF_UNIT_ENUM { COLOR_RED, COLOR_BLUE } color_t;
"""


def plans(project, functions: str):
    module = project.model(SHAPES + functions)
    return {fn.name: function_fast_plan(fn) for fn in module.functions}


def test_nested_shapes_flatten_to_one_pattern_and_leaves(project):
    plan = plans(project, "NIF_FUNCTION box_t grow(box_t b, color_t c);")["grow"]
    assert plan.arguments[0].pattern == (
        "%{__struct__: T.Box, min: %{__struct__: T.Point, x: v1, y: v2}, "
        "max: %{__struct__: T.Point, x: v3, y: v4}, label: v5} = b"
    )
    # a unit enum is a leaf: the fast NIF checks its atom with the enum's own decoder
    assert plan.arguments[1].pattern == "c" and not plan.arguments[1].flat
    assert [leaf.c for leaf in plan.leaves] == [
        *("b.min.x", "b.min.y", "b.max.x", "b.max.y", "b.label", "c"),
    ]
    # every value of the built struct is a variable, the module atoms included
    assert plan.result_build == (
        "%{__struct__: r1, min: %{__struct__: r2, x: r3, y: r4}, "
        "max: %{__struct__: r5, x: r6, y: r7}, label: r8}"
    )
    assert [leaf.atom for leaf in plan.results] == ["Elixir.T.Box", "Elixir.T.Point", "", ""] + [
        "Elixir.T.Point",
        "",
        "",
        "",
    ]


def test_strict_maps_require_every_key_and_their_size(project):
    plan = plans(project, "NIF_FUNCTION int32_t use_strict(strict_t s);")["use_strict"]
    assert plan.arguments[0].pattern == "%{a: v1, b: v2, seen: _} = m1 = s"
    assert plan.guards == ["map_size(m1) == 3"]


def test_exceptions_and_records(project):
    found = plans(
        project,
        "NIF_FUNCTION oops_t echo_oops(oops_t e);\nNIF_FUNCTION pair_t swap(pair_t p);\n"
        "NIF_FUNCTION at_t move_at(at_t a);",
    )
    oops = found["echo_oops"]
    # the C decoder reads no __exception__ key: the pattern asks for none either
    assert oops.arguments[0].pattern == "%{__struct__: T.Oops, message: v1} = e"
    assert oops.result_build == "%{__struct__: r1, __exception__: r2, message: r3}"
    assert [leaf.atom for leaf in oops.results][:2] == ["Elixir.T.Oops", "true"]
    assert found["swap"].arguments[0].pattern == "{:pair, v1, v2} = p"
    # a tuple of values comes back as the full NIF builds it: C makes tuples as cheaply
    assert found["swap"].results is None
    assert found["move_at"].result_build == "{:at, %{__struct__: r1, x: r2, y: r3}, r4}"


def test_lists_of_fixed_shapes_go_flat_within_the_budget(project):
    plan = plans(project, "NIF_FUNCTION path_t echo_path(path_t p);")["echo_path"]
    [decode, encode] = plan.lists
    assert decode.decode and not encode.decode
    assert decode.max_length == FLAT_LIST_BUDGET // (1 + decode.work_units)
    assert plan.leaves[0].argument == f"nif_flat_point_t_list(v1, [], {decode.max_length})"
    assert plan.result_build == "%{__struct__: r1, points: nif_build_point_t_list(r2, [])}"


def test_no_fast_path_without_a_fixed_shape_or_past_the_arity_limit(project):
    fields = " ".join(f"int8_t f{i};" for i in range(MAX_ARITY + 1))
    found = plans(
        project,
        f"typedef struct NIF_MAP {{ {fields} }} wide_t;\n"
        "NIF_FUNCTION int64_t add(int64_t a, int64_t b);\n"
        "NIF_FUNCTION int64_t count_wide(wide_t w);\n"
        "NIF_FUNCTION int64_t count_two(point_t p, wide_t w);\n",
    )
    assert found["add"] is None
    assert found["count_wide"] is None
    assert found["count_two"] is None


def test_the_wrapper_falls_back_to_the_full_nif(project):
    _, elixir = project.render(SHAPES + "NIF_FUNCTION point_t move(point_t p);")
    native = next(out.text for out in elixir if out.module == "T.Native")
    assert "def move(%{__struct__: T.Point, x: v1, y: v2} = p) do" in native
    assert ":error, :nif_derive_fallback ->\n      nif_full_move(p)" in native
    assert "def move(p), do: nif_full_move(p)" in native
    assert "def nif_full_move(p) do\n    nif_move(p)" in native
