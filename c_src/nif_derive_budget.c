/*
 * nif_derive runtime: the work budget. Long decodes run again on a dirty
 * scheduler; long encodes yield, then move to a dirty scheduler, their
 * result carried in a resource. See nif_derive_budget.h, docs/runtime.md.
 */
#include "nif_derive_internal.h"

#include <string.h>

/* A result on its way to a dirty scheduler (nd_move_encode), in a resource. */
typedef struct {
    const nd_nif *nif;
    nd_arena_block *blocks; /* the call's arena, owned here until the dirty NIF takes it */
    unsigned binary_count;
    nd_binary_source binaries[NIF_DERIVE_BINARY_SOURCES];
    size_t size, length; /* of the result, and a NIF_LEN result's length */
    _Alignas(max_align_t) unsigned char result[];
} moved_result;

static ErlNifResourceType *moved_result_type;

/* A moved result whose dirty NIF never ran (its process died first). */
static void moved_result_destructor(ErlNifEnv *env, void *object)
{
    moved_result *moved = object;

    (void)env;
    nd_free_blocks(moved->blocks);
}

int nd_budget_load(ErlNifEnv *env)
{
    moved_result_type =
        enif_open_resource_type(env, NULL, "nif_derive_moved_result", moved_result_destructor,
                                ERL_NIF_RT_CREATE | ERL_NIF_RT_TAKEOVER, NULL);
    return moved_result_type != NULL ? 0 : -1;
}

int nd_out_of_time(nif_call *call)
{
    if (enif_thread_type() != ERL_NIF_THR_NORMAL_SCHEDULER) {
        call->state &= ~(unsigned)ND_TIMED; /* already where long work belongs */
        return 1;
    }
    if (!nif_call_failed(call))
        call->state |= ND_RESCHEDULE;
    return 0;
}

ERL_NIF_TERM nd_run_dirty(nif_call *call)
{
    return enif_schedule_nif(call->env, call->nif->name, ERL_NIF_DIRTY_JOB_CPU_BOUND,
                             call->nif->nif, call->argc, call->argv);
}

/*
 * The NIF that encodes a moved result: argv[0] the resource, then the NIF's
 * arguments. After a yield it runs on a normal scheduler, with a budget of
 * its own: past it, the encoding moves again, to a dirty scheduler.
 */
/* A generated NIF without arguments is its module's public function: plain badarg (no wrapper). */
static nif_raise_mode raise_mode(const nd_nif *nif)
{
    return nif->function != NULL ? NIF_RAISE_BADARG : NIF_RAISE_DETAILED;
}

static ERL_NIF_TERM encode_moved_result(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    moved_result *moved;
    const nd_nif *nif;
    ERL_NIF_TERM result;

    if (argc < 1 || !enif_get_resource(env, argv[0], moved_result_type, (void **)&moved))
        return enif_make_badarg(env);
    nif = moved->nif;
    nif_call_begin(call, env, argc - 1, argv + 1);
    if (enif_thread_type() == ERL_NIF_THR_NORMAL_SCHEDULER) {
        nd_time(call, nif);
        call->state |= ND_YIELDED;
    }
    nd_arena_resume(call, moved->blocks); /* the moved arena, ended with this call */
    moved->blocks = NULL;
    if (moved->binary_count > 0) {
        call->state |= ND_BINARIES;
        call->binary_count = moved->binary_count;
        memcpy(call->binaries, moved->binaries, moved->binary_count * sizeof *moved->binaries);
    }
    result = nif->encode(call, moved->result, moved->length);
    if (nd_encode_moves(call))
        return nd_move_encode(call, moved->result, moved->size, moved->length);
    return nd_call_end(call, result, raise_mode(nif), nif->function);
}

ERL_NIF_TERM nd_move_encode(nif_call *call, const void *result, size_t size, size_t length)
{
    const nd_nif *nif = call->nif;
    moved_result *moved;
    ERL_NIF_TERM args[256];
    int argc = call->argc < 254 ? call->argc : 254; /* enif_schedule_nif takes 255 */
    int dirty;

    moved = enif_alloc_resource(moved_result_type, sizeof *moved + size);
    if (moved == NULL) {
        call->state &= ~(unsigned)ND_FAILURE;
        nd_fail_encode(call, "out of memory moving a long result to a dirty scheduler");
        return nd_call_end(call, 0, raise_mode(nif), nif->function);
    }
    moved->nif = nif;
    moved->blocks = NULL;
    if (call->state & ND_ARENA) { /* all in heap blocks (ND_MOVABLE) */
        moved->blocks = call->blocks;
        call->state &= ~(unsigned)ND_ARENA;
    }
    moved->binary_count = call->state & ND_BINARIES ? call->binary_count : 0;
    memcpy(moved->binaries, call->binaries, moved->binary_count * sizeof *moved->binaries);
    moved->size = size;
    moved->length = length;
    memcpy(moved->result, result, size);
    args[0] = enif_make_resource(call->env, moved);
    enif_release_resource(moved);
    memcpy(args + 1, call->argv, (size_t)argc * sizeof *args);
    /*
     * The first time, the encoding only yields: it goes on in a new time
     * slice of a normal scheduler (no copy of its terms into the process
     * heap, as a dirty NIF's would need). Too long for that slice too, it
     * moves to a dirty scheduler.
     */
    dirty = (call->state & ND_YIELDED) != 0;
    call->state &= ~(unsigned)ND_FAILURE;
    if (!dirty)
        enif_consume_timeslice(call->env, 100);
    return nd_call_end(call,
                       enif_schedule_nif(call->env, nif->name,
                                         dirty ? ERL_NIF_DIRTY_JOB_CPU_BOUND : 0,
                                         encode_moved_result, argc + 1, args),
                       NIF_RAISE_DETAILED, NULL);
}
