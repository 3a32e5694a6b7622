/*
 * nif_derive resources: types, objects, locks, messages and monitors.
 * See nif_derive_resource.h.
 */
#include "nif_derive_resource.h"

#include <stdio.h>
#include <string.h>

/*
 * enif_alloc_resource's data follows a two-word header in a magic binary:
 * aligned to a word. Types needing more are refused at open.
 */
#define ND_RESOURCE_ALIGN sizeof(void *)

/*
 * The lock after a NIF_MUTEX / NIF_RWLOCK value. `ready` is set once the
 * object holds a value and an initialised lock: an object whose lock
 * could not be made is released without running the destructor on it.
 */
typedef struct {
    union {
        pthread_mutex_t mutex;
        pthread_rwlock_t rwlock;
    } u;
    int ready;
} nd_lock_slot;

/* The VM callback environment this thread runs in (nd_callback_begin), if any. */
static _Thread_local ErlNifEnv *callback_env ND_TLS_MODEL;

ErlNifEnv *nd_callback_begin(ErlNifEnv *env)
{
    ErlNifEnv *previous = callback_env;

    callback_env = env;
    return previous;
}

void nd_callback_end(ErlNifEnv *previous)
{
    callback_env = previous;
}

/*
 * The environment for enif_send and enif_monitor_process's `caller_env`:
 * the current NIF call's, else the callback's, else NULL (which the VM
 * requires on threads it did not create).
 */
static ErlNifEnv *caller_env(void)
{
    nif_call *call;

    if (enif_thread_type() == ERL_NIF_THR_UNDEFINED)
        return NULL;
    call = nif_current_call();
    if (call != NULL)
        return call->env;
    return callback_env;
}

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

/* FNV-1a, 64 bits: a stable hash of the layout for the type name. */
static uint64_t hash_bytes(uint64_t hash, const void *data, size_t size)
{
    const unsigned char *bytes = data;

    for (size_t i = 0; i < size; i++) {
        hash ^= bytes[i];
        hash *= UINT64_C(0x100000001b3);
    }
    return hash;
}

static uint64_t layout_hash(const nd_resource_type *resource)
{
    uint64_t hash = UINT64_C(0xcbf29ce484222325);
    unsigned long long numbers[3] = {resource->size, (unsigned long long)resource->lock,
                                     ND_RESOURCE_ABI};
    char text[64];
    int length = snprintf(text, sizeof text, "%llu/%llu/%llu", numbers[0], numbers[1], numbers[2]);

    hash = hash_bytes(hash, resource->layout, strlen(resource->layout) + 1);
    return hash_bytes(hash, text, (size_t)length);
}

int nd_resource_open(ErlNifEnv *env, nd_resource_type *resource)
{
    ErlNifResourceTypeInit init;
    ErlNifResourceFlags tried;
    char name[256];
    size_t object_end = resource->size;
    int length;

    if (resource->align > ND_RESOURCE_ALIGN)
        return -1;
    /* atoms have at most 255 characters: the name is one */
    length = snprintf(name, sizeof name, "%s#%016llx", resource->module,
                      (unsigned long long)layout_hash(resource));
    if (length < 0 || (size_t)length >= sizeof name)
        return -1;
    if (resource->lock != ND_LOCK_NONE) {
        size_t align = _Alignof(nd_lock_slot);

        object_end = (resource->size + align - 1) / align * align;
        resource->lock_offset = object_end;
    }
    memset(&init, 0, sizeof init);
    init.dtor = resource->dtor;
    init.down = resource->down;
#if ERL_NIF_MAJOR_VERSION > 2 || (ERL_NIF_MAJOR_VERSION == 2 && ERL_NIF_MINOR_VERSION >= 16)
    init.members = 3; /* dtor, stop, down */
    resource->type =
        enif_init_resource_type(env, name, &init, ERL_NIF_RT_CREATE | ERL_NIF_RT_TAKEOVER, &tried);
#else
    resource->type = enif_open_resource_type_x(env, name, &init,
                                               ERL_NIF_RT_CREATE | ERL_NIF_RT_TAKEOVER, &tried);
#endif
    return resource->type != NULL ? 0 : -1;
}

/* Bytes of an object: the value, then its lock. */
static size_t object_size(const nd_resource_type *resource)
{
    return resource->lock == ND_LOCK_NONE ? resource->size
                                          : resource->lock_offset + sizeof(nd_lock_slot);
}

static nd_lock_slot *lock_of(const nd_resource_type *resource, const void *value)
{
    return (nd_lock_slot *)((char *)value + resource->lock_offset);
}

void nd_resource_dtor(const nd_resource_type *resource, ErlNifEnv *env, void *object)
{
    nd_lock_slot *slot = resource->lock != ND_LOCK_NONE ? lock_of(resource, object) : NULL;

    if (slot != NULL && !slot->ready)
        return; /* never held a value */
    if (resource->destroy != NULL) {
        ErlNifEnv *previous = nd_callback_begin(env);

        resource->destroy(object);
        nd_callback_end(previous);
    }
    if (slot == NULL)
        return;
    if (resource->lock == ND_LOCK_MUTEX)
        pthread_mutex_destroy(&slot->u.mutex);
    else
        pthread_rwlock_destroy(&slot->u.rwlock);
}

void nd_resource_down(const nd_resource_type *resource, ErlNifEnv *env, void *object,
                      ErlNifPid *pid, ErlNifMonitor *monitor)
{
    ErlNifEnv *previous;

    if (resource->on_down == NULL)
        return;
    previous = nd_callback_begin(env);
    resource->on_down(object, *pid, *monitor);
    nd_callback_end(previous);
}

/* ------------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------------ */

int nd_fail_resource(nif_call *call, ERL_NIF_TERM term, const nd_resource_type *resource)
{
    return nd_fail(call, term, "%s reference", resource->module);
}

void nd_resource_discard(const nd_resource_type *resource, void *value)
{
    if (resource->destroy != NULL)
        resource->destroy(value);
}

static int init_lock(const nd_resource_type *resource, nd_lock_slot *slot)
{
    if (resource->lock == ND_LOCK_MUTEX)
        return pthread_mutex_init(&slot->u.mutex, NULL) == 0;
#if defined(__GLIBC__)
    {
        /* glibc's default rwlock lets a stream of readers starve writers */
        pthread_rwlockattr_t attributes;
        int ok;

        if (pthread_rwlockattr_init(&attributes) != 0)
            return 0;
        pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        ok = pthread_rwlock_init(&slot->u.rwlock, &attributes) == 0;
        pthread_rwlockattr_destroy(&attributes);
        return ok;
    }
#else
    return pthread_rwlock_init(&slot->u.rwlock, NULL) == 0;
#endif
}

/* A new object holding a copy of *value, with one hold for the caller; NULL (value discarded). */
static void *make_object(const nd_resource_type *resource, void *value)
{
    void *object = enif_alloc_resource(resource->type, object_size(resource));

    if (object == NULL)
        goto failed;
    if (resource->lock != ND_LOCK_NONE) {
        nd_lock_slot *slot = lock_of(resource, object);

        slot->ready = 0;
        if (!init_lock(resource, slot)) {
            enif_release_resource(object); /* not ready: the destructor skips it */
            goto failed;
        }
        slot->ready = 1;
    }
    memcpy(object, value, resource->size);
    return object;

failed:
    nd_resource_discard(resource, value);
    return NULL;
}

ERL_NIF_TERM nd_resource_make(nif_call *call, const nd_resource_type *resource, void *value)
{
    void *object = make_object(resource, value);
    ERL_NIF_TERM term;

    if (object == NULL) {
        nd_fail_encode(call, "out of memory making a resource");
        return nd_atom_nil;
    }
    term = enif_make_resource(call->env, object);
    enif_release_resource(object); /* the term holds it now */
    return term;
}

void *nd_resource_new(const nd_resource_type *resource, void *value)
{
    nif_call *call = nif_current_call();
    void *object;

    if (call == NULL) {
        nd_resource_discard(resource, value);
        return NULL;
    }
    object = make_object(resource, value);
    if (object == NULL) {
        nd_fail_encode(call, "out of memory making a resource");
        return NULL;
    }
    /* a term in the call's environment holds it until garbage collection, after the call */
    enif_make_resource(call->env, object);
    enif_release_resource(object);
    return object;
}

ERL_NIF_TERM nd_resource_term(nif_call *call, const nd_resource_type *resource, const void *value)
{
    if (value == NULL) {
        char why[NIF_DERIVE_EXPECTED_MAX];

        snprintf(why, sizeof why, "a %s reference in the result is NULL (mark it NIF_OPTIONAL)",
                 resource->module);
        nd_fail_encode(call, why);
        return nd_atom_nil;
    }
    return enif_make_resource(call->env, (void *)value);
}

void nif_keep(const void *value)
{
    enif_keep_resource((void *)value);
}

void nif_release(const void *value)
{
    enif_release_resource((void *)value);
}

/* ------------------------------------------------------------------------
 * Locks
 * ------------------------------------------------------------------------ */

int nd_resource_lock(const nd_resource_type *resource, void *value, int write)
{
    nd_lock_slot *slot;

    if (resource->lock == ND_LOCK_NONE)
        return 1;
    slot = lock_of(resource, value);
    if (enif_thread_type() == ERL_NIF_THR_NORMAL_SCHEDULER) {
        if (resource->lock == ND_LOCK_MUTEX)
            return pthread_mutex_trylock(&slot->u.mutex) == 0;
        return (write ? pthread_rwlock_trywrlock(&slot->u.rwlock)
                      : pthread_rwlock_tryrdlock(&slot->u.rwlock)) == 0;
    }
    if (resource->lock == ND_LOCK_MUTEX)
        return pthread_mutex_lock(&slot->u.mutex) == 0;
    return (write ? pthread_rwlock_wrlock(&slot->u.rwlock)
                  : pthread_rwlock_rdlock(&slot->u.rwlock)) == 0;
}

void nd_resource_unlock(const nd_resource_type *resource, void *value, int write)
{
    nd_lock_slot *slot;

    (void)write;
    if (resource->lock == ND_LOCK_NONE)
        return;
    slot = lock_of(resource, value);
    if (resource->lock == ND_LOCK_MUTEX)
        pthread_mutex_unlock(&slot->u.mutex);
    else
        pthread_rwlock_unlock(&slot->u.rwlock);
}

unsigned nd_resource_lock_all(nd_lock *locks, unsigned count)
{
    unsigned kept = 0;

    /* insertion sort by address (a few arguments), merging repeats */
    for (unsigned i = 0; i < count; i++) {
        nd_lock next = locks[i];
        unsigned j = 0;

        while (j < kept && (uintptr_t)locks[j].value < (uintptr_t)next.value)
            j++;
        if (j < kept && locks[j].value == next.value) {
            locks[j].write |= next.write;
            continue;
        }
        memmove(&locks[j + 1], &locks[j], (kept - j) * sizeof *locks);
        locks[j] = next;
        kept++;
    }
    for (unsigned i = 0; i < kept; i++) {
        if (!nd_resource_lock(locks[i].resource, locks[i].value, locks[i].write)) {
            nd_resource_unlock_all(locks, i);
            return 0;
        }
    }
    return kept;
}

void nd_resource_unlock_all(const nd_lock *locks, unsigned count)
{
    while (count > 0) {
        count--;
        nd_resource_unlock(locks[count].resource, locks[count].value, locks[count].write);
    }
}

ERL_NIF_TERM nd_resource_wait(nif_call *call, const nd_nif *nif)
{
    ErlNifEnv *env = call->env;
    const ERL_NIF_TERM *argv = call->argv;
    int argc = call->argc;

    nif_call_end(call, 0,
                 NIF_RAISE_BADARG); /* frees what decoding allocated; it is decoded again there */
    return enif_schedule_nif(env, nif->name, ERL_NIF_DIRTY_JOB_IO_BOUND, nif->nif, argc, argv);
}

/* ------------------------------------------------------------------------
 * Messages and monitors
 * ------------------------------------------------------------------------ */

int nd_send(const ErlNifPid *to, nd_encoder *encode, const void *message)
{
    nif_call frame, *call = &frame;
    ErlNifEnv *caller = caller_env(), *own = NULL;
    ERL_NIF_TERM term;
    int sent = 0;

    if (caller == NULL) {
        own = enif_alloc_env();
        if (own == NULL)
            return 0;
    }
    nif_call_begin(call, caller != NULL ? caller : own, 0, NULL);
    term = encode(call, message);
    if (nif_call_failed(call))
        call->state &= ~(unsigned)ND_FAILURE; /* not sent; the caller's own call goes on */
    else
        sent = enif_send(caller, to, own, term);
    nif_call_end(call, 0, NIF_RAISE_BADARG);
    if (own != NULL)
        enif_free_env(own);
    return sent != 0;
}

int nif_monitor(const void *value, const ErlNifPid *pid, ErlNifMonitor *monitor)
{
    return enif_monitor_process(caller_env(), (void *)value, pid, monitor) == 0;
}

int nif_demonitor(const void *value, const ErlNifMonitor *monitor)
{
    return enif_demonitor_process(caller_env(), (void *)value, monitor) == 0;
}
