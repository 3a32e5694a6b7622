/*
 * nif_derive_budget.h: the work budget of a generated NIF on a normal
 * scheduler (part of nif_derive_internal.h; not for user code).
 *
 * A generated NIF whose arguments or result hold lists, NIF_AS_MAP maps or
 * strings counts the terms it converts with nd_count_work. Past
 * ND_WORK_BUDGET terms in one time slice of a normal scheduler, decoding
 * stops and the whole NIF runs again on a dirty CPU scheduler; encoding
 * stops and goes on in a new time slice (nd_move_encode), then on a dirty
 * scheduler. docs/runtime.md has the reasoning and the measurements.
 */
#ifndef NIF_DERIVE_BUDGET_H
#define NIF_DERIVE_BUDGET_H

#include "nif_derive_internal.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/*
 * Units of work: reading one term is 1, building one is 2; a decoded list
 * counts its cells (nd_get_list_elements) and its length times the terms one
 * element stands for, a string one term per ND_TEXT_BYTES bytes. 64,000
 * units are about 0.8 ms (docs/runtime.md).
 */
#define ND_WORK_BUDGET 64000
#define ND_TEXT_BYTES 64

/* A generated NIF, for running it (or its result's encoding) on a dirty scheduler. */
struct nd_nif {
    const char *name; /* as registered: "nif_<function>" or, unwrapped, "<function>" */
    ERL_NIF_TERM (*nif)(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
    /*
     * Encodes a result saved by nd_move_encode (`length`: a NIF_LEN
     * result's); NULL when the result cannot move (it holds an
     * ERL_NIF_TERM, or the function takes the ErlNifEnv).
     */
    ERL_NIF_TERM (*encode)(nif_call *call, const void *result, size_t length);
    const char *function; /* unwrapped NIFs: "MyApp.Native.f/0" (nd_call_end_unwrapped) */
};

/*
 * Starts counting the call's work, run by `nif` on a normal scheduler. A
 * NIF whose result can move gets an arena of heap blocks only (ND_MOVABLE),
 * so that what the result points to outlives the NIF.
 */
static inline void nd_time(nif_call *call, const nd_nif *nif)
{
    call->state |= nif->encode != NULL ? ND_TIMED | ND_MOVABLE : ND_TIMED;
    call->nif = nif;
    call->work_left = ND_WORK_BUDGET;
}

/* Stops counting: a result that cannot move is encoded where the call runs. */
static inline void nd_untime(nif_call *call)
{
    call->state &= ~(unsigned)ND_TIMED;
}

/*
 * Past the budget: 0, with the call failed as ND_RESCHEDULE, on a normal
 * scheduler; 1, no longer counting, on a dirty one.
 */
ND_MUST_CHECK int nd_out_of_time(nif_call *call);

/* Counts `units` of work: 1 to go on, 0 when the call must stop and move. */
ND_MUST_CHECK static inline int nd_count_work(nif_call *call, size_t units)
{
    if (!(call->state & ND_TIMED))
        return 1;
    if (units <= call->work_left) {
        call->work_left -= units;
        return 1;
    }
    return nd_out_of_time(call);
}

/* True when encoding the result stopped for want of time: return nd_move_encode(...). */
static inline int nd_encode_moves(const nif_call *call)
{
    return (call->state & ND_FAILURE) == ND_RESCHEDULE;
}

/*
 * Ends the call by encoding its result in a new time slice (or, when that
 * one ran out too, on a dirty CPU scheduler): the `size` bytes at `result`
 * (and a NIF_LEN result's `length`), the arena and the remembered binaries
 * move into a resource that the next NIF takes; the NIF's arguments are
 * passed on, so binaries decoded from them stay valid.
 */
ERL_NIF_TERM nd_move_encode(nif_call *call, const void *result, size_t size, size_t length);

/* For nd_call_end: runs the call's NIF again on a dirty CPU scheduler (ND_RESCHEDULE). */
ERL_NIF_TERM nd_run_dirty(nif_call *call);

/* For nif_derive_load: opens the resource type of moved results. Returns 0 on success. */
int nd_budget_load(ErlNifEnv *env);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* NIF_DERIVE_BUDGET_H */
