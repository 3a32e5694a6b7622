/*
 * load.c: the library's load step and its NIF table. Everything that can
 * be made once (atoms, the VM's key order of each map type, sorted enum
 * atoms) is made here, not per call.
 */
#include "handwritten.h"

ERL_NIF_TERM atom_ok, atom_true, atom_false, atom_struct;

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    (void)priv_data, (void)load_info;
    atom_ok = enif_make_atom(env, "ok");
    atom_true = enif_make_atom(env, "true");
    atom_false = enif_make_atom(env, "false");
    atom_struct = enif_make_atom(env, "__struct__");
    return !(f2_structs_load(env) && f2_enums_load(env));
}

#define NIF_ENTRIES(impl, s)                                                            \
    {#impl "_" #s "_decode", 1, impl##_##s##_decode, 0},                                  \
    {#impl "_" #s "_encode", 0, impl##_##s##_encode, 0},                                  \
    {#impl "_" #s "_roundtrip", 1, impl##_##s##_roundtrip, 0},
#define F1_ENTRIES(s) NIF_ENTRIES(f1, s)
#define F2_ENTRIES(s) NIF_ENTRIES(f2, s)

static ErlNifFunc nif_funcs[] = {
    {"f0_noop", 0, f0_noop, 0},
    {"f0_noop", 1, f0_noop, 0},
    {"f0_echo", 1, f0_echo, 0},
    KEYED_SCENARIOS(F1_ENTRIES)
    ALL_SCENARIOS(F2_ENTRIES)
};

ERL_NIF_INIT(Elixir.Bench.Handwritten, nif_funcs, load, NULL, NULL, NULL)
