"""The call's arena under AddressSanitizer: overflows inside an arena block or the inline
arena are reported.

A hand-written NIF library over the runtime is built with `-fsanitize=address` and loaded in
`erl` with the sanitizer runtime preloaded. The VM's own allocators stay in use (no `+Mea min`),
so memory that the runtime handed back still poisoned would be reported when it is used again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_nif_library

NIFS = r"""
#include <string.h>

#include <sanitizer/asan_interface.h>

#include <nif_derive.h>

/*
 * overflow(Size, Count, Which): Count allocations of Size bytes from one call's arena, every byte
 * of each written; then one byte written just past allocation Which (none when Which < 0).
 * Returns the number of bytes of the inline arena still poisoned once the call ended.
 */
static ERL_NIF_TERM overflow(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call call;
    unsigned size, count;
    int which;
    unsigned char *last = NULL;
    ERL_NIF_TERM result;

    if (!enif_get_uint(env, argv[0], &size) || !enif_get_uint(env, argv[1], &count) ||
        !enif_get_int(env, argv[2], &which))
        return enif_make_badarg(env);
    nif_call_begin(&call, env, argc, argv);
    for (unsigned i = 0; i < count; i++) {
        unsigned char *bytes = nif_alloc(size);

        if (bytes == NULL)
            return nif_call_end(&call, enif_make_badarg(env), NIF_RAISE_BADARG);
        memset(bytes, 0xA5, size);
        if ((int)i == which)
            last = bytes;
    }
    if (last != NULL)
        ((volatile unsigned char *)last)[size] = 1;
    result = nif_call_end(&call, enif_make_atom(env, "ok"), NIF_RAISE_BADARG);
    for (size_t i = 0; i < sizeof call.inline_arena; i++)
        if (__asan_address_is_poisoned(call.inline_arena + i))
            return enif_make_uint64(env, sizeof call.inline_arena - i);
    return result;
}

/* Allocates and writes `size` bytes with enif_alloc: memory the arena gave back must be usable. */
static ERL_NIF_TERM reuse(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    unsigned size;
    unsigned char *bytes;

    (void)argc;
    if (!enif_get_uint(env, argv[0], &size) || (bytes = enif_alloc(size)) == NULL)
        return enif_make_badarg(env);
    memset(bytes, 0x5A, size);
    enif_free(bytes);
    return enif_make_atom(env, "ok");
}

static int load(ErlNifEnv *env, void **priv, ERL_NIF_TERM info)
{
    (void)priv;
    (void)info;
    return nif_derive_load(env);
}

static ErlNifFunc functions[] = {
    {"overflow", 3, overflow, 0},
    {"reuse", 1, reuse, 0},
};

ERL_NIF_INIT(nd_asan_test, functions, load, NULL, NULL, NULL)
"""

MODULE = """
-module(nd_asan_test).
-export([overflow/3, reuse/1]).
-on_load(init/0).

init() ->
    Directory = filename:dirname(code:which(?MODULE)),
    erlang:load_nif(filename:join(Directory, "nd_asan_test"), 0).

overflow(_, _, _) -> erlang:nif_error(not_loaded).
reuse(_) -> erlang:nif_error(not_loaded).
"""


def asan_runtime() -> str:
    if shutil.which("gcc") is None:
        pytest.fail("gcc is not installed (make setup installs it)")
    path = subprocess.run(
        ["gcc", "-print-file-name=libasan.so"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if not os.path.isabs(path) or not Path(path).exists():
        pytest.fail("gcc's libasan is missing (apt-get install libasan8 or gcc)")
    return path


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The NIF library (runtime included) built with AddressSanitizer, and its module."""
    asan_runtime()
    flags = ("-O1", "-g", "-fsanitize=address", "-fno-omit-frame-pointer")
    return build_nif_library(
        tmp_path_factory.mktemp("asan"), "nd_asan_test", NIFS, MODULE, compiler="gcc", cflags=flags
    )


def run(library: Path, expression: str) -> subprocess.CompletedProcess:
    """Evaluates `expression` in a VM with the ASan runtime preloaded; prints its value."""
    env = dict(os.environ, LD_PRELOAD=asan_runtime(), ASAN_OPTIONS="detect_leaks=0:halt_on_error=1")
    return subprocess.run(
        [
            "erl",
            "-noshell",
            "-pa",
            str(library),
            "-eval",
            f'io:format("~p~n", [{expression}]), halt().',
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_byte_past_an_allocation_inside_an_arena_block_is_reported(library):
    # three allocations of 300 bytes share one 4 KiB block; the first is overrun by one byte
    result = run(library, "nd_asan_test:overflow(300, 3, 0)")
    assert result.returncode != 0, result.stdout
    assert "AddressSanitizer: use-after-poison" in result.stderr, result.stderr
    assert "WRITE of size 1" in result.stderr


def test_a_byte_past_an_allocation_inside_the_inline_arena_is_reported(library):
    # 20 bytes: the byte past it shares an 8-byte granule with the allocation's last bytes
    result = run(library, "nd_asan_test:overflow(20, 3, 1)")
    assert result.returncode != 0, result.stdout
    assert "AddressSanitizer: use-after-poison" in result.stderr, result.stderr


def test_arena_memory_goes_back_unpoisoned(library):
    # the inline arena, 4 KiB blocks and larger ones: after each call no byte of the inline arena
    # (on the NIF's stack) is left poisoned, and the VM's allocator hands out the freed blocks again
    cases = "[{0, 4}, {1, 5}, {20, 10}, {300, 40}, {5000, 3}, {100000, 2}]"
    calls = (
        "[{nd_asan_test:overflow(S, C, -1), nd_asan_test:reuse(S * C)}"
        f" || _ <- lists:seq(1, 50), {{S, C}} <- {cases}]"
    )
    result = run(library, f"lists:usort({calls})")
    assert result.returncode == 0, result.stderr
    assert "AddressSanitizer" not in result.stderr
    assert result.stdout.split() == ["[{ok,ok}]"]
