/*
 * client.c: callgrind client requests as NIFs (module Bench.Callgrind.Client).
 *
 * Under `valgrind --tool=callgrind --instr-atstart=no` the VM boots
 * uninstrumented (fast); start/0 switches instrumentation on, zero/0
 * resets the counts and dump/1 writes the counts since then to a file whose
 * `desc:` line carries the label. Instructions of N calls minus those of an
 * empty loop of N, over N, give the cost of one call; counts repeat exactly
 * where times do not. Outside valgrind every request is a no-op.
 */
#include <string.h>

#include <erl_nif.h>
#include <valgrind/callgrind.h>

static ERL_NIF_TERM atom_ok, atom_true, atom_false;

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    (void)priv_data, (void)load_info;
    atom_ok = enif_make_atom(env, "ok");
    atom_true = enif_make_atom(env, "true");
    atom_false = enif_make_atom(env, "false");
    return 0;
}

static ERL_NIF_TERM running(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc, (void)argv;
    return RUNNING_ON_VALGRIND ? atom_true : atom_false;
}

static ERL_NIF_TERM start(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc, (void)argv;
    CALLGRIND_START_INSTRUMENTATION;
    return atom_ok;
}

static ERL_NIF_TERM zero(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc, (void)argv;
    CALLGRIND_ZERO_STATS;
    return atom_ok;
}

static ERL_NIF_TERM dump(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifBinary label;
    char text[200];

    (void)argc;
    if (!enif_inspect_binary(env, argv[0], &label) || label.size >= sizeof text)
        return enif_make_badarg(env);
    memcpy(text, label.data, label.size);
    text[label.size] = '\0';
    CALLGRIND_DUMP_STATS_AT(text);
    return atom_ok;
}

static ErlNifFunc nif_funcs[] = {
    {"running?", 0, running, 0},
    {"start", 0, start, 0},
    {"zero", 0, zero, 0},
    {"dump", 1, dump, 0},
};

ERL_NIF_INIT(Elixir.Bench.Callgrind.Client, nif_funcs, load, NULL, NULL, NULL)
