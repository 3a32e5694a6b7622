"""NIF_NAME gives the Elixir function another name than the C function; @enforce_keys lists
only the fields a NIF reads and needs a value for."""

import re

import pytest


def error_at(project, body: str, line: int, fragment: str) -> None:
    """The header (after `#include <nif_derive.h>` on line 1) stops the generator at `line`."""
    error = project.error(body)
    assert error.location is not None and error.location.line == line, str(error)
    assert fragment in error.message, str(error)
    assert re.match(rf"^{re.escape(str(project.header))}:{line}:\d+: error: ", str(error))


def test_nif_name_names_the_elixir_function(project):
    c_files, ex_files = project.render(
        'NIF_FUNCTION NIF_NAME("valid?") bool is_valid(int64_t x);\n'
        'NIF_FUNCTION NIF_NAME("reset!") void do_reset(void);'
    )
    native = ex_files[-1].text
    assert re.search(r"@spec valid\?\([^)]*\) :: boolean\(\)", native)
    assert "def valid?(x) do" in native and "nif_valid?(x)" in native
    assert "NifDerive.Error.raise(detail, __MODULE__, :valid?, [x]" in native
    assert "def reset!, do: :erlang.nif_error(:nif_not_loaded)" in native
    assert "Calls the C function `is_valid`" in native
    assert "is_valid" not in native.split("Calls the C function `is_valid`")[1].split("@doc")[0]
    c_source = c_files[0].text
    # The NIF table registers the Elixir names; the C names keep the C function's name.
    assert '{"nif_valid?", 1, t_native_nif_is_valid, 0}' in c_source
    assert '{"reset!", 0, t_native_nif_do_reset, 0}' in c_source
    assert '"T.Native.reset!/0"' in c_source


@pytest.mark.parametrize(
    "body, line, fragment",
    [
        ('NIF_FUNCTION NIF_NAME("Valid") int f(int x);', 2, 'NIF_NAME("Valid") is not an Elixir'),
        ('NIF_FUNCTION NIF_NAME("a-b") int f(int x);', 2, "is not an Elixir function name"),
        ('NIF_FUNCTION NIF_NAME("9") int f(int x);', 2, "is not an Elixir function name"),
        ('NIF_FUNCTION NIF_NAME("end") int f(int x);', 2, "'end/1' cannot be defined"),
        ('NIF_FUNCTION NIF_NAME("load_nif") int f(void);', 2, "'load_nif/0' cannot be defined"),
        ('NIF_NAME("g") int f(int x);', 2, "without NIF_FUNCTION"),
        (
            'NIF_FUNCTION int g(int x);\nNIF_FUNCTION NIF_NAME("g") int f(int x);',
            3,
            "'g' (",
        ),
        (
            'NIF_FUNCTION NIF_NAME("h") int g(int x);\nNIF_FUNCTION NIF_NAME("h") int f(int x);',
            3,
            "would both be T.Native.h/1",
        ),
        (
            'NIF_FUNCTION int g(int x);\nNIF_FUNCTION NIF_NAME("nif_g") int f(int y);',
            3,
            "private Elixir function that calls 'g'",
        ),
    ],
)
def test_nif_name_errors(project, body, line, fragment):
    error_at(project, body, line, fragment)


def test_nif_name_allows_the_same_name_with_another_arity(project):
    module = project.model(
        'NIF_FUNCTION int g(int x);\nNIF_FUNCTION NIF_NAME("g") int g2(int x, int y);'
    )
    assert [(fn.name, fn.elixir_name) for fn in module.functions] == [("g", "g"), ("g2", "g")]


def test_enforce_keys_lists_the_fields_decode_needs(project):
    _, ex_files = project.render(
        """
        typedef struct NIF_STRUCT("S") {
            int needed;
            int computed NIF_ENCODE_ONLY;
            int secret NIF_DECODE_ONLY;
            int retries NIF_DEFAULT(3);
            const char *label NIF_OPTIONAL;
            int *maybe NIF_OPTIONAL;
            ERL_NIF_TERM any;
        } s_t;
        typedef struct NIF_STRUCT("Out") NIF_ENCODE_ONLY { int x; } out_t;
        """
    )
    by_path = {str(out.path): out.text for out in ex_files}
    assert "@enforce_keys [:needed, :secret]" in by_path["s.ex"]
    assert (
        "defstruct [:needed, :computed, :secret, :label, :maybe, :any, retries: 3]"
        in (by_path["s.ex"])
    )
    assert "@enforce_keys" not in by_path["out.ex"]
