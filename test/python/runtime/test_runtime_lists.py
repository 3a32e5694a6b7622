"""The runtime's list readers in a timed call: a list is read only as far as it can fit the budget.

A hand-written NIF over the runtime times itself as generated NIFs do (`nd_time`) and reports the
scheduler that finished it: a list too long for what is left of the budget must move the call to a
dirty scheduler, a list that fits must not, and both must read the same elements.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import build_nif_library

NIFS = r"""
#include <nif_derive.h>

static ERL_NIF_TERM where(ErlNifEnv *env)
{
    int normal = enif_thread_type() == ERL_NIF_THR_NORMAL_SCHEDULER;

    return enif_make_atom(env, normal ? "normal" : "dirty");
}

/* {error, normal | dirty} for a list that is not one; a call moving to a dirty scheduler moves. */
static ERL_NIF_TERM failed(nif_call *call)
{
    if (!nd_clear_error(call))
        return nd_fail_argument(call, 1, "");
    ERL_NIF_TERM error = enif_make_atom(call->env, "error");
    ERL_NIF_TERM result = enif_make_tuple2(call->env, error, where(call->env));

    return nif_call_end(call, result, NIF_RAISE_BADARG);
}

static ERL_NIF_TERM elements(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
static ERL_NIF_TERM list_length(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
static const nd_nif elements_nif = {.name = "elements", .nif = elements};
static const nd_nif length_nif = {.name = "list_length", .nif = list_length};

/*
 * {Elements, normal | dirty} (the scheduler that ended the call): the list read by
 * nd_get_list_elements, each element one more unit.
 */
static ERL_NIF_TERM elements(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;
    const ERL_NIF_TERM *items;
    ERL_NIF_TERM list;
    size_t count;

    nif_call_begin(&call, env, argc, argv);
    nd_time(&call, &elements_nif);
    if (!nd_get_list_elements(&call, argv[0], &items, &count, "list") ||
        !nd_count_work(&call, count))
        return failed(&call);
    list = enif_make_list_from_array(env, items, (unsigned)count);
    return nif_call_end(&call, enif_make_tuple2(env, list, where(env)), NIF_RAISE_BADARG);
}

/* {Length, normal | dirty}: the list read by nd_get_list, each element one more unit. */
static ERL_NIF_TERM list_length(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;
    size_t count;

    nif_call_begin(&call, env, argc, argv);
    nd_time(&call, &length_nif);
    if (!nd_get_list(&call, argv[0], &count, "list") || !nd_count_work(&call, count))
        return failed(&call);
    return nif_call_end(&call, enif_make_tuple2(env, enif_make_uint64(env, count), where(env)),
                        NIF_RAISE_BADARG);
}

/* The number of elements of a list of exactly `N` (argv[1]), else badarg. */
static ERL_NIF_TERM exact(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;
    unsigned n;

    if (!enif_get_uint(env, argv[1], &n))
        return enif_make_badarg(env);
    nif_call_begin(&call, env, argc, argv);
    if (!nd_get_list_exact(&call, argv[0], n))
        return nd_fail_argument(&call, 1, "");
    return nif_call_end(&call, enif_make_uint(env, n), NIF_RAISE_BADARG);
}

static int load(ErlNifEnv *env, void **priv, ERL_NIF_TERM info)
{
    (void)priv;
    (void)info;
    return nif_derive_load(env);
}

static ErlNifFunc functions[] = {
    {"elements", 1, elements, 0},
    {"list_length", 1, list_length, 0},
    {"exact", 2, exact, 0},
};

ERL_NIF_INIT(nd_lists_test, functions, load, NULL, NULL, NULL)
"""

MODULE = """
-module(nd_lists_test).
-export([elements/1, list_length/1, exact/2, run/1]).
-on_load(init/0).

init() ->
    Directory = filename:dirname(code:which(?MODULE)),
    erlang:load_nif(filename:join(Directory, "nd_lists_test"), 0).

elements(_) -> erlang:nif_error(not_loaded).
list_length(_) -> erlang:nif_error(not_loaded).
exact(_, _) -> erlang:nif_error(not_loaded).

%% One line per call: {Length, Where} of both readers (the elements checked),
%% or the error's expectation.
run(Calls) ->
    [io:format("~p~n", [try call(C)
                        catch error:{nif_derive_error, {badarg, 1, _, [], Expected, _}} -> Expected
                        end])
     || C <- Calls],
    ok.

call({list, N}) -> both(lists:seq(1, N));
call({improper, N}) -> both(lists:seq(1, N) ++ tail);
call({exact, N, Given}) -> exact(lists:seq(1, Given), N).

both(List) ->
    case {elements(List), list_length(List)} of
        {{List, Where}, {Length, Where}} -> {Length, Where};
        {{error, Where}, {error, Where}} -> {error, Where}
    end.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return build_nif_library(
        tmp_path_factory.mktemp("lists"), "nd_lists_test", NIFS, MODULE, cflags=("-O2",)
    )


def run(library: Path, calls: str) -> list[str]:
    result = subprocess.run(
        ["erl", "-noshell", "-pa", str(library), "-eval", f"nd_lists_test:run({calls}), halt()."],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=library,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_a_list_is_read_where_called_only_while_it_fits_the_budget(library):
    # 64,000 units: a cell and an element one each, so 32,000 elements fit; 8 and 64: where the
    # array of elements grows
    sizes = [0, 1, 8, 9, 64, 65, 31_999, 32_000, 32_001, 1_000_000]
    lines = run(library, "[" + ", ".join(f"{{list, {n}}}" for n in sizes) + "]")
    assert lines == [f"{{{n},{'normal' if n <= 32_000 else 'dirty'}}}" for n in sizes]


def test_an_improper_list_is_found_where_called_only_while_it_fits_the_budget(library):
    # 32,001 cells are read where called; longer, it is found improper on the dirty scheduler,
    # after the move: its end was not read
    sizes = [0, 1, 9, 65, 32_000, 32_001, 32_002, 1_000_000]
    lines = run(library, "[" + ", ".join(f"{{improper, {n}}}" for n in sizes) + "]")
    assert lines == [f"{{error,{'normal' if n <= 32_001 else 'dirty'}}}" for n in sizes]


def test_a_fixed_size_array_takes_exactly_its_length(library):
    lines = run(
        library,
        "[{exact, 0, 0}, {exact, 2, 2}, {exact, 2, 1}, {exact, 2, 3}, {exact, 2, 1000000},"
        " {exact, 3, 0}]",
    )
    wrong = ['<<"list of exactly 2 elements">>'] * 3
    assert lines == ["0", "2", *wrong, '<<"list of exactly 3 elements">>']
