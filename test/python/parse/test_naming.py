"""Enumerator atoms, identifiers and module paths."""

from hypothesis import given
from hypothesis import strategies as st

from nif_derive.naming import (
    c_identifier,
    common_prefix,
    elixir_atom,
    enumerator_atom,
    library_name,
    module_path,
    ordinal,
)


def test_common_prefix_drops_the_shared_words():
    assert common_prefix(["ALIGN_LEFT", "ALIGN_CENTER", "ALIGN_RIGHT"]) == "ALIGN_"
    assert common_prefix(["UI_EVENT_LOADING", "UI_EVENT_REDIRECT"]) == "UI_EVENT_"


def test_common_prefix_stops_at_a_word_boundary():
    assert common_prefix(["COLOR_RED", "COLOR_ROSE"]) == "COLOR_"
    assert common_prefix(["LEFT", "LIGHT"]) == ""


def test_common_prefix_never_empties_a_name():
    assert common_prefix(["SIZE_SMALL", "SIZE_SMALL_X"]) == "SIZE_"
    assert common_prefix(["A_B", "A_B_C"]) == "A_"


def test_single_enumerator_keeps_its_last_word():
    assert common_prefix(["COLOR_RED"]) == "COLOR_"


words = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
names = st.lists(
    st.lists(words, min_size=1, max_size=4).map("_".join), min_size=1, max_size=8, unique=True
)


@given(names)
def test_prefix_is_shared_word_aligned_and_leaves_names(names):
    prefix = common_prefix(names)
    assert all(name.startswith(prefix) for name in names)
    assert prefix == "" or prefix.endswith("_")
    assert all(len(name) > len(prefix) for name in names)
    atoms = [enumerator_atom(name, prefix) for name in names]
    assert len(set(atoms)) == len(atoms)


def test_enumerator_atom_is_lower_case_rest():
    assert enumerator_atom("ALIGN_CENTER", "ALIGN_") == "center"


def test_elixir_atom_quotes_when_needed():
    assert elixir_atom("center") == ":center"
    assert elixir_atom("8bit") == ':"8bit"'
    assert elixir_atom("with space") == ':"with space"'


def test_module_and_library_names():
    assert module_path("Geometry.HTTPPoint") == "geometry/http_point"
    assert library_name("Guide.Native") == "guide_native"
    assert c_identifier("Elixir.Guide.Point") == "elixir_guide_point"


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 21, 102)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "21st",
        "102nd",
    ]
