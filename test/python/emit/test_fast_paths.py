"""The generator's performance choices (issue 4): which code each type and function gets."""

import pytest

from conftest import generated_project
from nif_derive.kinds import has_lists

HEADER = """
typedef struct NIF_STRUCT("T.Nine") { int a, b, c, d, e, f, g, h; } nine_t;
typedef struct NIF_STRUCT("T.Ten") { int a, b, c, d, e, f, g, h, i; } ten_t;
typedef struct NIF_MAP { int64_t x; ERL_NIF_TERM extra; } with_term_t;
typedef struct NIF_MAP { int64_t *xs NIF_LEN(n); size_t n; ERL_NIF_TERM tag; } list_and_term_t;
typedef struct NIF_MAP { int32_t *xs NIF_LEN(n); size_t n; } ints_t;
typedef enum NIF_UNIT_ENUM { MODE_A, MODE_B, MODE_C } mode_e;
NIF_FUNCTION nine_t nine(nine_t v);
NIF_FUNCTION ten_t ten(ten_t v);
NIF_FUNCTION mode_e default_mode(void);
NIF_FUNCTION int64_t total(ints_t v);
NIF_FUNCTION ints_t make_ints(uint32_t n);
NIF_FUNCTION list_and_term_t tagged(list_and_term_t v);
NIF_FUNCTION NIF_LEN(out_n) int16_t *series(int16_t from, uint32_t *out_n);
NIF_DIRTY_CPU ints_t dirty_ints(ints_t v);
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generated_project(tmp_path_factory, "fast", HEADER)


def function(source: str, name: str) -> str:
    """The text of the generated NIF wrapper `t_native_nif_<name>`."""
    start = source.index(
        f"static ERL_NIF_TERM t_native_nif_{name}(ErlNifEnv *env, int argc, "
        "const ERL_NIF_TERM argv[])\n{"
    )
    return source[start : source.index("\n}\n", start)]


def test_maps_of_10_to_32_keys_are_read_in_one_pass(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    nine = source[source.index("int nif_decode_nine_t(") :]
    ten = source[source.index("int nif_decode_ten_t(") :]
    assert "enif_get_map_value(call->env, term, t_native_atom_a, &value)" in nine.split("\n}\n")[0]
    decode_ten = " ".join(ten.split("\n}\n")[0].split())  # lines joined as before clang-format
    assert (
        "nd_get_fields(call, term, t_native_ten_t_keys, t_native_ten_t_slots, "
        "t_native_ten_t_fields, 10, values)" in decode_ten
    )
    assert "nd_invert_slots(t_native_ten_t_slots, t_native_ten_t_fields, 10);" in source
    assert "nine_t_fields" not in source


def test_a_function_without_arguments_is_the_public_function(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    native = (generated.dir / "ex" / "t" / "native.ex").read_text()
    assert '{"default_mode", 0, t_native_nif_default_mode, 0}' in source
    assert '{"nif_nine", 1, t_native_nif_nine, 0}' in source
    assert (
        'nd_call_end_unwrapped(call, nif_encode_mode_e(call, &result), "T.Native.default_mode/0")'
        in source
    )
    assert "def default_mode, do: :erlang.nif_error(:nif_not_loaded)" in native
    assert "defp nif_default_mode" not in native
    assert "defp nif_nine(_v), do: :erlang.nif_error(:nif_not_loaded)" in native


def test_unit_enums_use_an_atom_table(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    assert "static nd_atom_slot t_native_mode_e_atom_index[8];" in source
    assert 't_native_mode_e_atoms[2] = enif_make_atom(env, "c");' in source
    assert "nd_index_atoms(t_native_mode_e_atoms, 3, t_native_mode_e_atom_index, 3);" in source
    assert "nd_atom_position(t_native_mode_e_atom_index, 3, term)" in source


def test_lists_count_their_work_and_long_results_can_move(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    # a list argument: timed; an integer result: nothing to move
    total = function(source, "total")
    assert "nd_time(call, &t_native_total_nif);" in total and "nd_move_encode" not in total
    assert (
        'static const nd_nif t_native_total_nif = {\n    .name = "nif_total",\n'
        "    .nif = t_native_nif_total,\n};" in source
    )
    # a list result: may move, its arena in heap blocks
    make_ints = function(source, "make_ints")
    assert "nd_time(call, &t_native_make_ints_nif);" in make_ints
    assert (
        "if (nd_encode_moves(call))\n        return nd_move_encode(call, &result, "
        "sizeof result, 0);" in make_ints
    )
    # a NIF_LEN result carries its length along
    series = function(source, "series")
    assert "return nd_move_encode(call, &result, sizeof result, (size_t)out_n);" in series
    assert "uint32_t out_n = (uint32_t)saved_length;" in source
    # a result holding an ERL_NIF_TERM cannot move: encoded where the call runs
    tagged = function(source, "tagged")
    assert "nd_untime(call);" in tagged and "nd_move_encode" not in tagged
    # a dirty NIF counts nothing
    assert "nd_time" not in function(source, "dirty_ints")
    # no lists: no timing at all
    assert "nd_time" not in function(source, "ten")
    assert "nd_count_work(call, count))" in source  # one term an int32_t element


def test_work_units_of_an_element(project):
    model = project.model(
        """
        typedef struct NIF_STRUCT("T.P") { int64_t x, y; } p_t;
        typedef struct NIF_TUPLE { p_t a; double b[3]; const char *c; } q_t;
        typedef struct NIF_MAP { q_t *qs NIF_LEN(n); size_t n; } qs_t;
        """
    )
    types = {d.ident: d for d in model.decls}
    qs = types["qs_t"].fields[0].type
    # %T.P{} is the map and 2 integers; q_t: its tuple, p_t (3), the list of 3 (4) and the string
    assert qs.element.work_units() == 1 + 3 + 4 + 1
    assert has_lists(qs) and not has_lists(qs.element)


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_the_fast_paths_compile_clean(generated, compiler):
    result = generated.compile(compiler)
    assert result.returncode == 0, result.stderr
