"""Resources (DESIGN §8): the C and Elixir generated for NIF_RESOURCE types, handles and hooks."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT, generated_project

HEADER = """
typedef struct NIF_RESOURCE("Kv.Table") NIF_RWLOCK NIF_DESTRUCTOR(table_close)
    NIF_DOWN(table_down) {
    size_t rows;
    char **cells;
} table_t;
void table_close(table_t *t);
void table_down(table_t *t, ErlNifPid pid, ErlNifMonitor monitor);
typedef struct NIF_RESOURCE("Kv.Plain") { uint64_t v; } plain_t;
typedef struct NIF_STRUCT("Kv.Shared") { plain_t *ref; bool cool; } shared_t;
NIF_DIRTY_IO table_t kv_open(const char *path);
NIF_FUNCTION uint64_t kv_rows(const table_t *t);
NIF_FUNCTION void kv_put(table_t *t, const char *key, nif_binary value);
NIF_FUNCTION table_t *kv_same(table_t *t);
NIF_FUNCTION NIF_OPTIONAL table_t *kv_maybe(table_t *t);
NIF_FUNCTION uint64_t two(table_t *a, const table_t *b);
NIF_FUNCTION uint64_t plain_get(const plain_t *p);
NIF_FUNCTION shared_t mk(bool cool);
NIF_FUNCTION uint64_t visits(shared_t s);
NIF_ON_LOAD int kv_load(ErlNifEnv *env);
NIF_ON_UPGRADE int kv_upgrade(ErlNifEnv *env);
NIF_ON_UNLOAD void kv_unload(ErlNifEnv *env);
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generated_project(tmp_path_factory, "resources", HEADER)


def nif(source: str, name: str) -> str:
    """The body of the generated NIF wrapper of `name`."""
    match = re.search(
        rf"t_native_nif_{name}\(ErlNifEnv \*env[^;]*?\n\{{\n(.*?)\n\}}\n", source, re.S
    )
    assert match, name
    return match.group(1)


@pytest.mark.parametrize("compiler", ["gcc", "clang"])
def test_resource_code_compiles_clean(generated, compiler):
    result = generated.compile(compiler)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("suffix", [".c", ".h"])
def test_resource_code_follows_clang_format(generated, suffix):
    if shutil.which("clang-format") is None:
        pytest.fail("clang-format is not installed (make setup installs it)")
    style = f"--style=file:{ROOT / '.clang-format'}"
    source = generated.dir / "c" / f"t_native{suffix}"
    result = subprocess.run(
        ["clang-format", style, "--dry-run", "-Werror", str(source)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[:4000]


def test_descriptor_and_public_functions(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    header = (generated.dir / "c" / "t_native.h").read_text()
    assert '.module = "Kv.Table",\n    .layout = "size_t rows@0:8;char ** cells@8:8;",' in source
    assert ".lock = ND_LOCK_RWLOCK," in source and ".lock = ND_LOCK_NONE," in source
    assert "static void t_native_table_t_destroy(void *value)\n{\n    table_close(value);" in source
    assert "    table_down(value, pid, monitor);" in source
    for declaration in (
        "void nif_keep_table_t(const table_t *value);",
        "void nif_release_plain_t(const plain_t *value);",
        "plain_t *nif_new_plain_t(const plain_t *value);",
        "int nif_monitor_table_t(table_t *value, const ErlNifPid *pid, ErlNifMonitor *monitor);",
        "int nif_demonitor_table_t(table_t *value, const ErlNifMonitor *monitor);",
        "ND_SEND_FUNCTION(shared_t, shared_t, t_native_encode_any_shared_t)",
    ):
        assert declaration in header
    assert "nif_monitor_plain_t" not in header  # no NIF_DOWN
    assert "nif_send_table_t" not in header and "nif_decode_table_t" not in header


def test_locks_only_around_the_users_function(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    rows = nif(source, "kv_rows")
    assert (
        "    if (!nd_resource_lock(&t_native_table_t_resource, (void *)t, 0))\n"
        "        return nd_resource_wait(call, &t_native_kv_rows_nif);\n"
        "    result = kv_rows(t);\n"
        "    nd_resource_unlock(&t_native_table_t_resource, (void *)t, 0);\n"
        "    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);"
    ) in rows
    assert "(void *)t, 1))" in nif(source, "kv_put")  # non-const: the write side
    two = nif(source, "two")
    assert "locked = nd_resource_lock_all(locks, 2);" in two
    assert two.index("result = two(a, b);") < two.index("nd_resource_unlock_all(locks, locked);")
    assert "nd_resource_lock" not in nif(source, "plain_get")  # a type without a lock
    assert "nd_resource_lock" not in nif(source, "visits")  # a resource inside a field


def test_results_new_same_or_nil(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    opened = nif(source, "kv_open")
    assert (
        "    if (nif_call_failed(call)) {\n"
        "        nd_resource_discard(&t_native_table_t_resource, &result);\n"
        "        return nif_call_end(call, 0, NIF_RAISE_DETAILED);\n"
        "    }\n"
        "    return nif_call_end(call, nd_resource_make(call, &t_native_table_t_resource,"
        " &result),\n"
        "                        NIF_RAISE_DETAILED);"
    ) in opened
    assert "nd_resource_term(call, &t_native_table_t_resource, result)" in nif(source, "kv_same")
    assert "nd_resource_term_or_nil(call, &t_native_table_t_resource, result)" in nif(
        source, "kv_maybe"
    )


def test_load_upgrade_and_unload_run_their_hooks(generated):
    source = (generated.dir / "c" / "t_native.c").read_text()
    load_types = source[source.index("int nif_derive_load_t_native(ErlNifEnv *env)") :]
    assert "if (nd_resource_open(env, &t_native_table_t_resource) != 0)" in load_types
    assert "return t_native_start(env, kv_load);" in source
    assert "return t_native_start(env, kv_upgrade);" in source
    assert "    kv_unload(env);" in source
    assert re.search(r"t_native_load, NULL, t_native_upgrade,\s+t_native_unload\)", source)


def test_elixir_modules_and_specs(generated):
    table = (generated.dir / "ex" / "kv" / "table.ex").read_text()
    assert "defmodule Kv.Table do" in table and "@opaque t :: reference()" in table
    assert re.search(r"declared at\s+\S*h\.h:3:\d+\s+\(`NIF_RESOURCE`\)", table)
    native = (generated.dir / "ex" / "t" / "native.ex").read_text()
    assert "@spec kv_open(String.t()) :: Kv.Table.t()" in native
    assert "@spec kv_maybe(Kv.Table.t()) :: Kv.Table.t() | nil" in native
    shared = (generated.dir / "ex" / "kv" / "shared.ex").read_text()
    assert "ref: Kv.Plain.t()" in shared
