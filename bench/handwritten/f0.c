/*
 * f0.c: F0, NIFs that do nothing with the same terms: what is left is the
 * cost of calling a NIF at all, the floor under every other line.
 */
#include "handwritten.h"

/* noop/0 stands for encode, noop/1 for decode: both return :ok. */
ERL_NIF_TERM f0_noop(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc, (void)argv;
    return atom_ok;
}

/* echo/1 stands for a round trip: the argument comes back as it is. */
ERL_NIF_TERM f0_echo(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc;
    return argv[0];
}
