/*
 * nif_derive_resource.h: resources, messages, monitors and lifecycle for
 * nif_derive (DESIGN §8): the runtime that the generated code for a
 * NIF_RESOURCE header calls, and that hand-written NIFs may call too.
 *
 * A resource of C type T is one enif_alloc_resource object laid out as
 *
 *     [ T value ][ padding ][ lock (NIF_MUTEX / NIF_RWLOCK types only) ]
 *
 * so the `T *` that C code holds *is* the resource object: keeping,
 * releasing, monitoring and making a term of it need no arithmetic, and
 * enif_get_resource on a term hands back the `T *` itself. The lock
 * follows the value at an offset fixed per type (nd_resource_type).
 * Objects are aligned as enif_alloc_resource aligns them (8 bytes on
 * 64-bit OTP 25): a T needing more is rejected when its type is opened.
 *
 * Per resource type the generated code defines one nd_resource_type and
 * three small functions (the VM's destructor and down callbacks must
 * know their type, and after a hot upgrade they must live in the new
 * library, so they cannot be shared runtime functions taking the type
 * from the object):
 *
 *     static nd_resource_type table_t_resource;
 *     static void table_t_dtor(ErlNifEnv *env, void *object)
 *     {   nd_resource_dtor(&table_t_resource, env, object); }
 *     static void table_t_down(ErlNifEnv *env, void *object, ErlNifPid *pid, ErlNifMonitor
 * *monitor) {   nd_resource_down(&table_t_resource, env, object, pid, monitor); } static void
 * table_t_destroy(void *value) { table_close(value); } static void table_t_on_down(void *value,
 * ErlNifPid pid, ErlNifMonitor monitor) {   table_owner_down(value, pid, monitor); } static
 * nd_resource_type table_t_resource = { .module = "Kv.Table", .layout = "<the generator's layout
 * text>", .size = sizeof(table_t), .align = _Alignof(table_t), .lock = ND_LOCK_RWLOCK, .dtor =
 * table_t_dtor, .down = table_t_down, .destroy = table_t_destroy, .on_down = table_t_on_down,
 *     };
 *
 * and its load and upgrade callbacks call nd_resource_open for each type.
 *
 * Threads: functions say which threads may call them. "Any thread" means
 * a normal or dirty scheduler (inside a NIF or a VM callback) or a thread
 * created with enif_thread_create (or any other non-VM thread).
 */
#ifndef NIF_DERIVE_RESOURCE_H
#define NIF_DERIVE_RESOURCE_H

#include "nif_derive.h"

#include <pthread.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* ------------------------------------------------------------------------
 * Public API for C code (generated per-type functions and hand-written NIFs)
 * ------------------------------------------------------------------------ */

/*
 * Holds the resource `value` (a `T *` of any resource type made by this
 * runtime) beyond the call that borrowed it: it stays alive, and its
 * destructor does not run, until a matching nif_release. Any thread.
 */
void nif_keep(const void *value);

/*
 * Drops a hold taken with nif_keep. When it was the last reference, the
 * destructor runs later on a scheduler thread (never inside this call).
 * Any thread.
 */
void nif_release(const void *value);

/*
 * Monitors process `pid` on behalf of the resource `value` (of a type with
 * NIF_DOWN): when the process exits, the type's down callback runs once
 * with `*monitor`. Returns 1 when monitoring, 0 when the process is not
 * alive (or the type has no down callback). Any thread.
 */
int nif_monitor(const void *value, const ErlNifPid *pid, ErlNifMonitor *monitor);

/*
 * Removes a monitor made by nif_monitor on `value`. Returns 1 when it
 * removed it, 0 when there was none (never made, already removed, or the
 * process is down and the down callback has run or is about to run).
 * Any thread.
 */
int nif_demonitor(const void *value, const ErlNifMonitor *monitor);

/* ------------------------------------------------------------------------
 * Runtime internals used by generated code (nd_ prefix; may change)
 * ------------------------------------------------------------------------ */

/* A resource type's lock: NIF_MUTEX, NIF_RWLOCK or none. */
typedef enum { ND_LOCK_NONE, ND_LOCK_MUTEX, ND_LOCK_RWLOCK } nd_lock_kind;

/* Object layout version, hashed into every type name with the layout. */
#define ND_RESOURCE_ABI 1

/*
 * One resource type of a NIF library (a static of the generated code).
 * The first fields are set by the generator; `type` and `lock_offset` by
 * nd_resource_open at load and upgrade.
 */
typedef struct nd_resource_type {
    const char *module; /* "Kv.Table": the reference's module, in errors and the type name */
    /*
     * T's layout as the generator describes it (members, their C types,
     * offsets and sizes): hashed with `size`, `lock` and ND_RESOURCE_ABI
     * into the type name "Kv.Table#<16 hex digits>". A new library whose
     * T is laid out differently opens a new type instead of taking over
     * the old one, so an old object is never read with a new layout.
     */
    const char *layout;
    size_t size;  /* sizeof(T) */
    size_t align; /* _Alignof(T) */
    nd_lock_kind lock;
    ErlNifResourceDtor *dtor; /* the type's wrapper around nd_resource_dtor */
    ErlNifResourceDown
        *down; /* the type's wrapper around nd_resource_down; NULL without NIF_DOWN */
    void (*destroy)(void *value); /* NIF_DESTRUCTOR, or NULL */
    void (*on_down)(void *value, ErlNifPid pid, ErlNifMonitor monitor); /* NIF_DOWN, or NULL */
    ErlNifResourceType *type; /* set by nd_resource_open */
    size_t lock_offset;       /* set by nd_resource_open: where the lock follows the value */
} nd_resource_type;

/*
 * Opens `resource`'s type for the library being loaded or upgraded, with
 * ERL_NIF_RT_CREATE | ERL_NIF_RT_TAKEOVER: a type of the same name (same
 * module and layout) left by the module's previous library is taken over,
 * so its live objects keep working and their destructor and down
 * callbacks become this library's; otherwise a new type is created.
 * Call from the load and upgrade callbacks only. Returns 0, or -1 (the
 * load fails) when the VM refuses, the name is too long or T's alignment
 * exceeds what enif_alloc_resource gives.
 */
int nd_resource_open(ErlNifEnv *env, nd_resource_type *resource);

/* The ErlNifResourceDtor of every resource type, called by its wrapper. Scheduler threads. */
void nd_resource_dtor(const nd_resource_type *resource, ErlNifEnv *env, void *object);

/* The ErlNifResourceDown of types with NIF_DOWN, called by their wrapper. Scheduler threads. */
void nd_resource_down(const nd_resource_type *resource, ErlNifEnv *env, void *object,
                      ErlNifPid *pid, ErlNifMonitor *monitor);

/* Records "expected: Kv.Table reference" for `term`. Returns 0. */
int nd_fail_resource(nif_call *call, ERL_NIF_TERM term, const nd_resource_type *resource);

/*
 * Borrows the `T *` behind `term` for the call: 1, or 0 with the error
 * "expected: Kv.Table reference" recorded (any term that is not a
 * resource of exactly this type). The pointer is valid while the term is
 * reachable, so for the whole NIF call; nif_keep it to hold it longer.
 * NIF calls (normal or dirty scheduler).
 */
static inline int nd_resource_get(nif_call *call, ERL_NIF_TERM term,
                                  const nd_resource_type *resource, void **out)
{
    if (enif_get_resource(call->env, term, resource->type, out))
        return 1;
    return nd_fail_resource(call, term, resource);
}

/*
 * A new resource holding a copy of `*value` (resource->size bytes), as a
 * term of the call: a `T` result by value. When the object cannot be made
 * (out of memory) the value is given to the destructor and the call fails
 * with an encode error. Any thread with a nif_call (its env makes the term).
 */
ERL_NIF_TERM nd_resource_make(nif_call *call, const nd_resource_type *resource, void *value);

/*
 * A new resource holding a copy of `*value`, for C code building a result
 * that holds a reference (the generated `T *nif_new_T(const T *value)`).
 * It belongs to the current NIF call, as nif_alloc memory does: it lives
 * until the call ends, and beyond as long as a term refers to it (put it
 * in the result) or it is kept with nif_keep. Returns NULL, having given
 * the value to the destructor, outside a NIF call or out of memory (which
 * also fails the call). NIF calls only.
 */
void *nd_resource_new(const nd_resource_type *resource, void *value);

/*
 * Gives a `T` value that never became a resource (its call failed) to the
 * type's destructor, so what it owns is freed. Any thread.
 */
void nd_resource_discard(const nd_resource_type *resource, void *value);

/*
 * The term of the existing resource `value` (a `T *` result or field).
 * NULL fails the encode ("a Kv.Table * in the result is NULL"). Never
 * takes the lock. `value` must be a live object of this type. Any thread
 * with a nif_call (its env makes the term; nd_send's encoders included).
 */
ERL_NIF_TERM nd_resource_term(nif_call *call, const nd_resource_type *resource, const void *value);

/* As nd_resource_term, with NULL as nil (a NIF_OPTIONAL `T *`). */
static inline ERL_NIF_TERM nd_resource_term_or_nil(nif_call *call, const nd_resource_type *resource,
                                                   const void *value)
{
    return value == NULL ? nd_atom_nil : nd_resource_term(call, resource, value);
}

/*
 * Locks, held only around the user's function. A normal scheduler never
 * waits: nd_resource_lock only tries, and 0 means the lock is busy; the
 * generated NIF then ends with nd_resource_wait, which runs the whole NIF
 * again on a dirty I/O scheduler (nothing has happened yet but decoding),
 * where nd_resource_lock waits for the lock. `write` is 0 for a `const T *`
 * argument (the read side of a NIF_RWLOCK; a NIF_MUTEX either way).
 * Returns 1 when locked (always, for a type without a lock). NIF calls;
 * unlock on the thread that locked.
 */
int nd_resource_lock(const nd_resource_type *resource, void *value, int write);
void nd_resource_unlock(const nd_resource_type *resource, void *value, int write);

/*
 * Several top-level resource arguments: locked all or none, in address
 * order (so two NIFs locking the same objects cannot deadlock on dirty
 * schedulers), an object passed twice locked once (for writing when any
 * of its arguments is non-const). nd_resource_lock_all may reorder and
 * merge `locks`; pass the same array and the count it returned to
 * nd_resource_unlock_all. It returns the number of entries kept (>= 1
 * when count >= 1), or 0 when a lock is busy on a normal scheduler
 * (nothing is held then).
 */
typedef struct {
    const nd_resource_type *resource;
    void *value;
    int write;
} nd_lock;

unsigned nd_resource_lock_all(nd_lock *locks, unsigned count);
void nd_resource_unlock_all(const nd_lock *locks, unsigned count);

/*
 * Ends `call` (a lock was busy on a normal scheduler) by running `nif`
 * again with the same arguments on a dirty I/O scheduler, where waiting
 * for a lock blocks no normal scheduler (dirty I/O threads are the pool
 * meant for blocking). Normal schedulers, from the NIF `nif` itself.
 */
ERL_NIF_TERM nd_resource_wait(nif_call *call, const nd_nif *nif);

/*
 * Sends `encode(call, message)` to the local process `to`, as the
 * generated `int nif_send_T(const ErlNifPid *to, const T *message)` does.
 * Any thread; it picks the environment itself:
 *   - inside a NIF call (normal or dirty: the thread's current nif_call),
 *     the term is made in the call's environment and copied by enif_send;
 *   - inside a destructor or down callback, or a load, upgrade or unload
 *     hook run through nd_callback_begin, in that callback's environment;
 *   - otherwise (a thread of the user's, or a scheduler thread outside
 *     any known call) in a process-independent environment of its own,
 *     whose heap becomes the message without a copy.
 * Returns 1 when sent, 0 when not: the process is not alive (or not
 * local), the message has no term (an encode error, e.g. a NULL string),
 * or out of memory. Never raises, never aborts the VM; the current call,
 * if any, is not failed by an encode error here.
 */
typedef ERL_NIF_TERM nd_encoder(nif_call *call, const void *message);
int nd_send(const ErlNifPid *to, nd_encoder *encode, const void *message);

/*
 * The generated header's nif_send_T for the type T (`ident`) and its
 * nd_encoder `encode_any`, as static inline functions: compiled only where
 * a program sends a T, not once per type in the generated C.
 */
#define ND_SEND_FUNCTION(ident, type, encode_any)                                                  \
    static inline ERL_NIF_TERM encode_any(nif_call *call, const void *message)                     \
    {                                                                                              \
        return nif_encode_##ident(call, message);                                                  \
    }                                                                                              \
    static inline int nif_send_##ident(const ErlNifPid *to, const type *message)                   \
    {                                                                                              \
        return nd_send(to, encode_any, message);                                                   \
    }

/*
 * Marks the current thread as running a VM callback with `env` (load,
 * upgrade, unload, a destructor or down callback), so nd_send,
 * nif_monitor and nif_demonitor use it; returns the previous mark for
 * nd_callback_end. nd_resource_dtor and nd_resource_down do it themselves.
 */
ErlNifEnv *nd_callback_begin(ErlNifEnv *env);
void nd_callback_end(ErlNifEnv *previous);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* NIF_DERIVE_RESOURCE_H */
