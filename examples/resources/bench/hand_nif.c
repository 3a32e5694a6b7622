/*
 * The benchmark's baseline (BENCH.md): plain_get as a careful hand-written
 * NIF over erl_nif, with a resource type of its own for the same plain_t,
 * for the module Kv.Hand. bench.exs and callgrind.sh build it with the
 * project's compiler command; nothing else uses it.
 */
#include <erl_nif.h>
#include <stdint.h>

typedef struct {
    uint64_t value;
} plain_t;

static ErlNifResourceType *plain_type;

static ERL_NIF_TERM hand_plain_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifUInt64 value;
    plain_t *plain;
    ERL_NIF_TERM term;

    (void)argc;
    if (!enif_get_uint64(env, argv[0], &value))
        return enif_make_badarg(env);
    plain = enif_alloc_resource(plain_type, sizeof *plain);
    if (plain == NULL)
        return enif_make_badarg(env);
    plain->value = value;
    term = enif_make_resource(env, plain);
    enif_release_resource(plain);
    return term;
}

static ERL_NIF_TERM hand_plain_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const plain_t *plain;

    (void)argc;
    if (!enif_get_resource(env, argv[0], plain_type, (void **)&plain))
        return enif_make_badarg(env);
    return enif_make_uint64(env, plain->value);
}

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    (void)priv_data, (void)load_info;
    plain_type = enif_open_resource_type(env, NULL, "Kv.Hand.Plain", NULL, ERL_NIF_RT_CREATE, NULL);
    return plain_type == NULL ? -1 : 0;
}

static ErlNifFunc nif_functions[] = {
    {"plain_new", 1, hand_plain_new, 0},
    {"plain_get", 1, hand_plain_get, 0},
};

ERL_NIF_INIT(Elixir.Kv.Hand, nif_functions, load, NULL, NULL, NULL)
