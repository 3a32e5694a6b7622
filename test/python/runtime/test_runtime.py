"""The C runtime (c_src/) on its own: a hand-written NIF library over its API, loaded in `erl`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, STRICT_CFLAGS, erts_include

RUNTIME = sorted((ROOT / "c_src").glob("nif_derive*.c"))


def includes() -> list[str]:
    return [f"-I{ROOT / 'c_src'}", f"-I{erts_include()}"]


# Each runs inside one nif_call and records two or three errors: the first must be reported.
NIFS = r"""
#include <nif_derive.h>

static ERL_NIF_TERM fail_twice(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;

    nif_call_begin(&call, env, argc, argv);
    nif_fail_argument(2, "the first error");
    nif_fail_argument(1, "a second error");
    nif_raise(enif_make_atom(env, "a_raise"));
    return nif_call_end(&call, argv[0], NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM raise_then_fail(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;

    nif_call_begin(&call, env, argc, argv);
    nif_raise(enif_make_atom(env, "the_first_error"));
    nif_fail_argument(1, "a second error");
    return nif_call_end(&call, argv[0], NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM decode_then_encode_error(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;
    int value;

    nif_call_begin(&call, env, argc, argv);
    if (!nd_decode_int(&call, argv[0], "int", &value)) {
        nd_fail_encode(&call, "a second error");
        nd_fail(&call, argv[0], "a third error");
        return nd_fail_argument(&call, 1, "root");
    }
    return nif_call_end(&call, enif_make_int(env, value), NIF_RAISE_DETAILED);
}

static int load(ErlNifEnv *env, void **priv, ERL_NIF_TERM info)
{
    (void)priv;
    (void)info;
    return nif_derive_load(env);
}

static ErlNifFunc functions[] = {
    {"fail_twice", 2, fail_twice, 0},
    {"raise_then_fail", 1, raise_then_fail, 0},
    {"decode_then_encode_error", 1, decode_then_encode_error, 0},
};

ERL_NIF_INIT(nd_runtime_test, functions, load, NULL, NULL, NULL)
"""

MODULE = """
-module(nd_runtime_test).
-export([fail_twice/2, raise_then_fail/1, decode_then_encode_error/1, run/0]).
-on_load(init/0).

init() ->
    Directory = filename:dirname(code:which(?MODULE)),
    erlang:load_nif(filename:join(Directory, "nd_runtime_test"), 0).

fail_twice(_, _) -> erlang:nif_error(not_loaded).
raise_then_fail(_) -> erlang:nif_error(not_loaded).
decode_then_encode_error(_) -> erlang:nif_error(not_loaded).

run() ->
    Calls = [fun() -> fail_twice(a, b) end,
             fun() -> raise_then_fail(a) end,
             fun() -> decode_then_encode_error(<<"x">>) end,
             fun() -> decode_then_encode_error(7) end],
    [io:format("~1000p~n", [try F() catch error:Reason -> {error, Reason} end]) || F <- Calls],
    ok.
"""


def compiler(name: str) -> str:
    if shutil.which(name) is None:
        pytest.fail(f"{name} is not installed (make setup installs it)")
    return name


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The NIF library and its module, built in a temporary directory."""
    directory = tmp_path_factory.mktemp("runtime")
    (directory / "nifs.c").write_text(NIFS)
    (directory / "nd_runtime_test.erl").write_text(MODULE)
    flags = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared", *includes()]
    sources = [str(directory / "nifs.c"), *map(str, RUNTIME)]
    build = subprocess.run(
        [compiler("cc"), *flags, *sources, "-o", str(directory / "nd_runtime_test.so"), "-lm"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    erlc = subprocess.run(
        ["erlc", "-o", str(directory), str(directory / "nd_runtime_test.erl")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert erlc.returncode == 0, erlc.stdout + erlc.stderr
    return directory


def test_the_first_error_of_a_call_is_the_one_raised(library):
    run = subprocess.run(
        ["erl", "-noshell", "-pa", str(library), "-eval", "nd_runtime_test:run(), halt()."],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [
        # the argument number, expectation and term all come from the first nif_fail_argument
        '{error,{nif_derive_error,{badarg,2,<<>>,[],<<"the first error">>,b}}}',
        "{error,the_first_error}",
        '{error,{nif_derive_error,{badarg,1,<<"root">>,[],'
        '<<"integer in int range -2147483648..2147483647">>,<<"x">>}}}',
        "7",
    ]


# (declarations, a decoder call): each decoder is ND_MUST_CHECK.
DECODER_CALLS = [
    ("int v;", 'nd_decode_int(call, term, "int", &v)'),
    ("int32_t v;", "nd_decode_int_int32_t(call, term, &v)"),
    ("double v;", "nd_decode_double(call, term, &v)"),
    ("bool v;", "nd_decode_bool(call, term, &v)"),
    ("nif_binary v;", "nd_decode_binary(call, term, &v)"),
    ("const char *v;", "nd_decode_string(call, term, &v)"),
    ("const unsigned char *v;", "nd_decode_nullable_ustring(call, term, &v)"),
    ("char v[8];", "nd_decode_char_array_8(call, term, &v)"),
    ("ErlNifPid v;", "nd_decode_pid(call, term, &v)"),
    ("", 'nd_get_map(call, term, "map")'),
    ("size_t n;", 'nd_get_list(call, term, &n, "list")'),
    ("const ERL_NIF_TERM *e; size_t n;", 'nd_get_list_elements(call, term, &e, &n, "list")'),
    ("(void)term;", "nd_count_work(call, 1)"),
    ("ERL_NIF_TERM k = term, v; unsigned s = 0;", "nd_get_fields(call, term, &k, &s, &s, 1, &v)"),
]


@pytest.mark.parametrize("cc", ["gcc", "clang"])
@pytest.mark.parametrize(("declarations", "decode"), DECODER_CALLS)
def test_a_decoder_result_left_unchecked_does_not_compile(tmp_path, cc, declarations, decode):
    source = tmp_path / "unchecked.c"
    flags = [*STRICT_CFLAGS, *includes()]

    def compile_body(statement: str) -> subprocess.CompletedProcess:
        source.write_text(
            "#include <nif_derive.h>\n"
            'ND_INTEGER_CODEC(int32_t, int, "int32_t")\n'
            "ND_CHAR_ARRAY_CODEC(8)\n"
            "void f(nif_call *call, ERL_NIF_TERM term);\n"
            "void f(nif_call *call, ERL_NIF_TERM term)\n"
            f"{{\n    {declarations}\n    {statement}\n}}\n"
        )
        command = [compiler(cc), *flags, str(source)]
        return subprocess.run(command, check=False, capture_output=True, text=True)

    checked = compile_body(f"if (!{decode})\n        return;")
    assert checked.returncode == 0, checked.stderr
    unchecked = compile_body(f"{decode};")
    assert unchecked.returncode != 0
    assert "unused-result" in unchecked.stderr, unchecked.stderr
