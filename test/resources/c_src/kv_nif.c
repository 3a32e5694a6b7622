/*
 * The NIF library kv_native behind Kv.Nif, for kv_resources.h.
 *
 * Written by hand as the generator will write it for a NIF_RESOURCE
 * header: per resource type, its nd_resource_type and callbacks and the
 * public nif_keep_T / nif_release_T / nif_new_T (and nif_monitor_T /
 * nif_demonitor_T with NIF_DOWN); nif_send_T per type that can be
 * encoded; the encoder and decoder of Kv.SharedStruct, whose field holds a
 * reference (the generated ones, in kv_native.c, cover kv.h's types); one
 * wrapper per function; the load, upgrade and unload callbacks.
 */
#include "kv_native.h"
#include "kv_resources.h"

#include <string.h>

/* The integer codec pairs, as the generated code defines them. */
ND_INTEGER_CODEC(int64_t, long, "int64_t")
ND_INTEGER_CODEC(uint32_t, uint, "uint32_t")
ND_INTEGER_CODEC(uint64_t, ulong, "uint64_t")

/* ------------------------------------------------------------------------
 * Resource types
 * ------------------------------------------------------------------------ */

/*
 * Each type's layout text lists T's members with their C types, offsets
 * and sizes, as the generator will write it from libclang: a changed text
 * is a new type name.
 */
static nd_resource_type table_t_resource, counter_t_resource, rw_counter_t_resource,
    probe_t_resource, watch_t_resource, private_t_resource, plain_t_resource;

/* table_t: Kv.Table (NIF_RWLOCK, NIF_DESTRUCTOR(table_close)) */
static void table_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&table_t_resource, env, object);
}

static void table_t_destroy(void *value)
{
    table_close(value);
}

static nd_resource_type table_t_resource = {
    .module = "Kv.Table",
#ifdef KV_TABLE_LAYOUT_CHANGED
    .layout = "size_t rows@0:8;size_t columns@8:8;char **header@16:8;char **cells@24:8;"
              "uint64_t generation@32:8;",
#else
    .layout = "size_t rows@0:8;size_t columns@8:8;char **header@16:8;char **cells@24:8;",
#endif
    .size = sizeof(table_t),
    .align = _Alignof(table_t),
    .lock = ND_LOCK_RWLOCK,
    .dtor = table_t_dtor,
    .destroy = table_t_destroy,
};

/* counter_t: Kv.Counter (NIF_MUTEX) */
static void counter_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&counter_t_resource, env, object);
}

static nd_resource_type counter_t_resource = {
    .module = "Kv.Counter",
    .layout = "uint64_t value@0:8;uint64_t on_dirty@8:8;",
    .size = sizeof(counter_t),
    .align = _Alignof(counter_t),
    .lock = ND_LOCK_MUTEX,
    .dtor = counter_t_dtor,
};

/* rw_counter_t: Kv.RwCounter (NIF_RWLOCK) */
static void rw_counter_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&rw_counter_t_resource, env, object);
}

static nd_resource_type rw_counter_t_resource = {
    .module = "Kv.RwCounter",
    .layout = "uint64_t value@0:8;uint64_t on_dirty@8:8;",
    .size = sizeof(rw_counter_t),
    .align = _Alignof(rw_counter_t),
    .lock = ND_LOCK_RWLOCK,
    .dtor = rw_counter_t_dtor,
};

/* probe_t: Kv.Probe (NIF_DESTRUCTOR(probe_destroy)) */
static void probe_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&probe_t_resource, env, object);
}

static void probe_t_destroy(void *value)
{
    probe_destroy(value);
}

static nd_resource_type probe_t_resource = {
    .module = "Kv.Probe",
    .layout = "uint64_t id@0:8;bool notify@8:1;ErlNifPid to@16:8;",
    .size = sizeof(probe_t),
    .align = _Alignof(probe_t),
    .lock = ND_LOCK_NONE,
    .dtor = probe_t_dtor,
    .destroy = probe_t_destroy,
};

void nif_keep_probe_t(const probe_t *probe)
{
    nif_keep(probe);
}

void nif_release_probe_t(const probe_t *probe)
{
    nif_release(probe);
}

/* watch_t: Kv.Watch (NIF_MUTEX, NIF_DOWN(watch_down)) */
static void watch_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&watch_t_resource, env, object);
}

static void watch_t_down(ErlNifEnv *env, void *object, ErlNifPid *pid, ErlNifMonitor *monitor)
{
    nd_resource_down(&watch_t_resource, env, object, pid, monitor);
}

static void watch_t_on_down(void *value, ErlNifPid pid, ErlNifMonitor monitor)
{
    watch_down(value, pid, monitor);
}

static nd_resource_type watch_t_resource = {
    .module = "Kv.Watch",
    .layout = "ErlNifPid reporter@0:8;int64_t tag@8:8;ErlNifMonitor monitor@16:32;"
              "bool monitoring@48:1;",
    .size = sizeof(watch_t),
    .align = _Alignof(watch_t),
    .lock = ND_LOCK_MUTEX,
    .dtor = watch_t_dtor,
    .down = watch_t_down,
    .on_down = watch_t_on_down,
};

int nif_monitor_watch_t(watch_t *watch, const ErlNifPid *pid, ErlNifMonitor *monitor)
{
    return nif_monitor(watch, pid, monitor);
}

int nif_demonitor_watch_t(watch_t *watch, const ErlNifMonitor *monitor)
{
    return nif_demonitor(watch, monitor);
}

/* private_t: Kv.Private (NIF_MUTEX, NIF_DESTRUCTOR(private_close)) */
static void private_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&private_t_resource, env, object);
}

static void private_t_destroy(void *value)
{
    private_close(value);
}

static nd_resource_type private_t_resource = {
    .module = "Kv.Private",
    .layout = "uint64_t visits@0:8;",
    .size = sizeof(private_t),
    .align = _Alignof(private_t),
    .lock = ND_LOCK_MUTEX,
    .dtor = private_t_dtor,
    .destroy = private_t_destroy,
};

void nif_keep_private_t(const private_t *private_data)
{
    nif_keep(private_data);
}

void nif_release_private_t(const private_t *private_data)
{
    nif_release(private_data);
}

private_t *nif_new_private_t(const private_t *value)
{
    private_t copy = *value;

    return nd_resource_new(&private_t_resource, &copy);
}

/* plain_t: Kv.Plain (no lock, no destructor) */
static void plain_t_dtor(ErlNifEnv *env, void *object)
{
    nd_resource_dtor(&plain_t_resource, env, object);
}

static nd_resource_type plain_t_resource = {
    .module = "Kv.Plain",
    .layout = "uint64_t value@0:8;",
    .size = sizeof(plain_t),
    .align = _Alignof(plain_t),
    .lock = ND_LOCK_NONE,
    .dtor = plain_t_dtor,
};

static nd_resource_type *const resource_types[] = {
    &table_t_resource, &counter_t_resource, &rw_counter_t_resource, &probe_t_resource,
    &watch_t_resource, &private_t_resource, &plain_t_resource,
};

/* ------------------------------------------------------------------------
 * Kv.SharedStruct and {:hi, %Kv.SharedStruct{}}: a field holding a reference
 * ------------------------------------------------------------------------ */

static ERL_NIF_TERM atom_elixir_kv_shared_struct, atom_ref, atom_is_cool, atom_hi;
static ERL_NIF_TERM shared_struct_t_keys[3];
static unsigned shared_struct_t_slots[3];

/* %Kv.SharedStruct{} → shared_struct_t: the reference is borrowed, not locked */
static int decode_shared_struct_t(nif_call *call, ERL_NIF_TERM term, shared_struct_t *out)
{
    ERL_NIF_TERM value;
    void *object;

    if (!nd_get_struct(call, term, atom_elixir_kv_shared_struct, "%Kv.SharedStruct{}"))
        return 0;
    if (!enif_get_map_value(call->env, term, atom_ref, &value))
        return nd_fail_missing_key(call, term, atom_ref);
    if (!nd_resource_get(call, value, &private_t_resource, &object))
        return nd_at_field(call, atom_ref);
    out->ref = object;
    if (!enif_get_map_value(call->env, term, atom_is_cool, &value))
        return nd_fail_missing_key(call, term, atom_is_cool);
    if (!nd_decode_bool(call, value, &out->is_cool))
        return nd_at_field(call, atom_is_cool);
    return 1;
}

/* shared_struct_t → %Kv.SharedStruct{} */
static ERL_NIF_TERM encode_shared_struct_t(nif_call *call, const shared_struct_t *value)
{
    ERL_NIF_TERM values[3];

    values[shared_struct_t_slots[0]] = atom_elixir_kv_shared_struct;
    values[shared_struct_t_slots[1]] = nd_resource_term(call, &private_t_resource, value->ref);
    values[shared_struct_t_slots[2]] = nd_encode_bool(call, &value->is_cool);
    return nd_make_map(call, shared_struct_t_keys, values, 3);
}

/* greeting_t → {:hi, %Kv.SharedStruct{}} */
static ERL_NIF_TERM encode_greeting_t(nif_call *call, const greeting_t *value)
{
    ERL_NIF_TERM elements[2];

    switch (value->kind) {
    case GREETING_HI:
        elements[0] = atom_hi;
        elements[1] = encode_shared_struct_t(call, &value->hi);
        return enif_make_tuple_from_array(call->env, elements, 2);
    }
    nd_fail_encode(call, "greeting_t.kind holds a value that is none of its enumerators");
    return nd_atom_nil;
}

static int load_shared_struct_t(ErlNifEnv *env)
{
    atom_elixir_kv_shared_struct = enif_make_atom(env, "Elixir.Kv.SharedStruct");
    atom_ref = enif_make_atom(env, "ref");
    atom_is_cool = enif_make_atom(env, "is_cool");
    atom_hi = enif_make_atom(env, "hi");
    shared_struct_t_keys[0] = nd_atom_struct;
    shared_struct_t_keys[1] = atom_ref;
    shared_struct_t_keys[2] = atom_is_cool;
    return nd_learn_key_order(env, shared_struct_t_keys, shared_struct_t_slots, 3);
}

/* ------------------------------------------------------------------------
 * Messages: nif_send_T
 * ------------------------------------------------------------------------ */

static ERL_NIF_TERM encode_any_tick_t(nif_call *call, const void *message)
{
    return nif_encode_tick_t(call, message);
}

int nif_send_tick_t(const ErlNifPid *to, const tick_t *message)
{
    return nd_send(to, encode_any_tick_t, message);
}

static ERL_NIF_TERM encode_any_down_t(nif_call *call, const void *message)
{
    return nif_encode_down_t(call, message);
}

int nif_send_down_t(const ErlNifPid *to, const down_t *message)
{
    return nd_send(to, encode_any_down_t, message);
}

static ERL_NIF_TERM encode_any_destroyed_t(nif_call *call, const void *message)
{
    return nif_encode_destroyed_t(call, message);
}

int nif_send_destroyed_t(const ErlNifPid *to, const destroyed_t *message)
{
    return nd_send(to, encode_any_destroyed_t, message);
}

static ERL_NIF_TERM encode_any_unloaded_t(nif_call *call, const void *message)
{
    return nif_encode_unloaded_t(call, message);
}

int nif_send_unloaded_t(const ErlNifPid *to, const unloaded_t *message)
{
    return nd_send(to, encode_any_unloaded_t, message);
}

static ERL_NIF_TERM encode_any_greeting_t(nif_call *call, const void *message)
{
    return encode_greeting_t(call, message);
}

int nif_send_greeting_t(const ErlNifPid *to, const greeting_t *message)
{
    return nd_send(to, encode_any_greeting_t, message);
}

static ERL_NIF_TERM encode_any_ten_t(nif_call *call, const void *message)
{
    return nif_encode_ten_t(call, message);
}

int nif_send_ten_t(const ErlNifPid *to, const ten_t *message)
{
    return nd_send(to, encode_any_ten_t, message);
}

/* ------------------------------------------------------------------------
 * NIFs
 * ------------------------------------------------------------------------ */

/* load_csv/1 (NIF_DIRTY_IO): a new Kv.Table */
static ERL_NIF_TERM nif_load_csv(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const char *path;
    table_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_string(call, argv[0], &path))
        return nd_fail_argument(call, 1, "");
    result = load_csv(path);
    if (nif_call_failed(call)) {
        nd_resource_discard(&table_t_resource, &result);
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    }
    return nif_call_end(call, nd_resource_make(call, &table_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_filter(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif filter_nif = {.name = "nif_filter", .nif = nif_filter};

/* filter/3 (NIF_DIRTY_CPU): a new Kv.Table; reads the first under its read lock */
static ERL_NIF_TERM nif_filter(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const table_t *table;
    const char *column;
    const char *value;
    table_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &table_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    table = object;
    if (!nd_decode_string(call, argv[1], &column))
        return nd_fail_argument(call, 2, "");
    if (!nd_decode_string(call, argv[2], &value))
        return nd_fail_argument(call, 3, "");
    if (!nd_resource_lock(&table_t_resource, object, 0))
        return nd_resource_wait(call, &filter_nif);
    result = filter(table, column, value);
    nd_resource_unlock(&table_t_resource, object, 0);
    if (nif_call_failed(call)) {
        nd_resource_discard(&table_t_resource, &result);
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    }
    return nif_call_end(call, nd_resource_make(call, &table_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_summarize(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif summarize_nif = {.name = "nif_summarize", .nif = nif_summarize};

/* summarize/1 (NIF_DIRTY_CPU): %Kv.Summary{} */
static ERL_NIF_TERM nif_summarize(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const table_t *table;
    summary_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &table_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    table = object;
    if (!nd_resource_lock(&table_t_resource, object, 0))
        return nd_resource_wait(call, &summarize_nif);
    result = summarize(table);
    nd_resource_unlock(&table_t_resource, object, 0);
    return nif_call_end(call, nif_encode_summary_t(call, &result), NIF_RAISE_DETAILED);
}

/* counter_new/1 */
static ERL_NIF_TERM nif_counter_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t start;
    counter_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &start))
        return nd_fail_argument(call, 1, "");
    result = counter_new(start);
    return nif_call_end(call, nd_resource_make(call, &counter_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_counter_add(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif counter_add_nif = {.name = "nif_counter_add", .nif = nif_counter_add};

/* counter_add/2: under the counter's mutex */
static ERL_NIF_TERM nif_counter_add(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    counter_t *counter;
    uint64_t amount;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_decode_int_uint64_t(call, argv[1], &amount))
        return nd_fail_argument(call, 2, "");
    if (!nd_resource_lock(&counter_t_resource, object, 1))
        return nd_resource_wait(call, &counter_add_nif);
    counter_add(counter, amount);
    nd_resource_unlock(&counter_t_resource, object, 1);
    return nif_call_end(call, nd_atom_ok, NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_counter_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif counter_get_nif = {.name = "nif_counter_get", .nif = nif_counter_get};

/* counter_get/1: under the counter's mutex (a mutex has no read side) */
static ERL_NIF_TERM nif_counter_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const counter_t *counter;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_resource_lock(&counter_t_resource, object, 0))
        return nd_resource_wait(call, &counter_get_nif);
    result = counter_get(counter);
    nd_resource_unlock(&counter_t_resource, object, 0);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_counter_on_dirty(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif counter_on_dirty_nif = {.name = "nif_counter_on_dirty",
                                            .nif = nif_counter_on_dirty};

/* counter_on_dirty/1 */
static ERL_NIF_TERM nif_counter_on_dirty(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const counter_t *counter;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_resource_lock(&counter_t_resource, object, 0))
        return nd_resource_wait(call, &counter_on_dirty_nif);
    result = counter_on_dirty(counter);
    nd_resource_unlock(&counter_t_resource, object, 0);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

/* rw_counter_new/1 */
static ERL_NIF_TERM nif_rw_counter_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t start;
    rw_counter_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &start))
        return nd_fail_argument(call, 1, "");
    result = rw_counter_new(start);
    return nif_call_end(call, nd_resource_make(call, &rw_counter_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_rw_counter_add(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif rw_counter_add_nif = {.name = "nif_rw_counter_add", .nif = nif_rw_counter_add};

/* rw_counter_add/2: under the write side of the counter's rwlock */
static ERL_NIF_TERM nif_rw_counter_add(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    rw_counter_t *counter;
    uint64_t amount;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &rw_counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_decode_int_uint64_t(call, argv[1], &amount))
        return nd_fail_argument(call, 2, "");
    if (!nd_resource_lock(&rw_counter_t_resource, object, 1))
        return nd_resource_wait(call, &rw_counter_add_nif);
    rw_counter_add(counter, amount);
    nd_resource_unlock(&rw_counter_t_resource, object, 1);
    return nif_call_end(call, nd_atom_ok, NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_rw_counter_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif rw_counter_get_nif = {.name = "nif_rw_counter_get", .nif = nif_rw_counter_get};

/* rw_counter_get/1: under the read side */
static ERL_NIF_TERM nif_rw_counter_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const rw_counter_t *counter;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &rw_counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_resource_lock(&rw_counter_t_resource, object, 0))
        return nd_resource_wait(call, &rw_counter_get_nif);
    result = rw_counter_get(counter);
    nd_resource_unlock(&rw_counter_t_resource, object, 0);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_rw_counter_on_dirty(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif rw_counter_on_dirty_nif = {.name = "nif_rw_counter_on_dirty",
                                               .nif = nif_rw_counter_on_dirty};

/* rw_counter_on_dirty/1 */
static ERL_NIF_TERM nif_rw_counter_on_dirty(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const rw_counter_t *counter;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &rw_counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    counter = object;
    if (!nd_resource_lock(&rw_counter_t_resource, object, 0))
        return nd_resource_wait(call, &rw_counter_on_dirty_nif);
    result = rw_counter_on_dirty(counter);
    nd_resource_unlock(&rw_counter_t_resource, object, 0);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_counter_transfer(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif counter_transfer_nif = {.name = "nif_counter_transfer",
                                            .nif = nif_counter_transfer};

/* counter_transfer/3: two resources, locked together */
static ERL_NIF_TERM nif_counter_transfer(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    counter_t *from;
    counter_t *to;
    uint64_t amount;
    uint64_t result;
    nd_lock locks[2];
    unsigned locked;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &counter_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    from = object;
    if (!nd_resource_get(call, argv[1], &counter_t_resource, &object))
        return nd_fail_argument(call, 2, "");
    to = object;
    if (!nd_decode_int_uint64_t(call, argv[2], &amount))
        return nd_fail_argument(call, 3, "");
    locks[0] = (nd_lock){&counter_t_resource, from, 1};
    locks[1] = (nd_lock){&counter_t_resource, to, 1};
    locked = nd_resource_lock_all(locks, 2);
    if (locked == 0)
        return nd_resource_wait(call, &counter_transfer_nif);
    result = counter_transfer(from, to, amount);
    nd_resource_unlock_all(locks, locked);
    if (nif_call_failed(call))
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

/* probe_new/1 */
static ERL_NIF_TERM nif_probe_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t id;
    probe_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &id))
        return nd_fail_argument(call, 1, "");
    result = probe_new(id);
    if (nif_call_failed(call)) {
        nd_resource_discard(&probe_t_resource, &result);
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    }
    return nif_call_end(call, nd_resource_make(call, &probe_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

/* probe_new_notify/2 */
static ERL_NIF_TERM nif_probe_new_notify(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t id;
    ErlNifPid to;
    probe_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &id))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_pid(call, argv[1], &to))
        return nd_fail_argument(call, 2, "");
    result = probe_new_notify(id, to);
    if (nif_call_failed(call)) {
        nd_resource_discard(&probe_t_resource, &result);
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    }
    return nif_call_end(call, nd_resource_make(call, &probe_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

/* probe_new_failing/1 */
static ERL_NIF_TERM nif_probe_new_failing(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t id;
    probe_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &id))
        return nd_fail_argument(call, 1, "");
    result = probe_new_failing(id);
    if (nif_call_failed(call)) {
        nd_resource_discard(&probe_t_resource, &result);
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    }
    return nif_call_end(call, nd_resource_make(call, &probe_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

/* probe_id/1 (no lock) */
static ERL_NIF_TERM nif_probe_id(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const probe_t *probe;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &probe_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    probe = object;
    return nif_call_end(call, nd_encode_int_uint64_t(call, &(uint64_t){probe_id(probe)}),
                        NIF_RAISE_DETAILED);
}

/* probe_same/2: a `T *` result is that same resource; NULL fails the encode */
static ERL_NIF_TERM nif_probe_same(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    probe_t *probe;
    bool null;
    probe_t *result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &probe_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    probe = object;
    if (!nd_decode_bool(call, argv[1], &null))
        return nd_fail_argument(call, 2, "");
    result = probe_same(probe, null);
    if (nif_call_failed(call))
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    return nif_call_end(call, nd_resource_term(call, &probe_t_resource, result),
                        NIF_RAISE_DETAILED);
}

/* probe_keep/1 */
static ERL_NIF_TERM nif_probe_keep(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    probe_t *probe;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &probe_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    probe = object;
    probe_keep(probe);
    return nif_call_end(call, nd_atom_ok, NIF_RAISE_DETAILED);
}

/* probe_release_kept/1 (NIF_DIRTY_IO) */
static ERL_NIF_TERM nif_probe_release_kept(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    bool from_thread;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_bool(call, argv[0], &from_thread))
        return nd_fail_argument(call, 1, "");
    return nif_call_end(call,
                        nd_encode_int_uint64_t(call, &(uint64_t){probe_release_kept(from_thread)}),
                        NIF_RAISE_DETAILED);
}

/* probe_destroyed/2 */
static ERL_NIF_TERM nif_probe_destroyed(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t from;
    uint64_t to;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &from))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_uint64_t(call, argv[1], &to))
        return nd_fail_argument(call, 2, "");
    return nif_call_end(call, nd_encode_int_uint64_t(call, &(uint64_t){probe_destroyed(from, to)}),
                        NIF_RAISE_DETAILED);
}

/* probe_overdestroyed/0: the NIF itself */
static ERL_NIF_TERM nif_probe_overdestroyed(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;

    nif_call_begin(call, env, argc, argv);
    return nd_call_end_unwrapped(call,
                                 nd_encode_int_uint64_t(call, &(uint64_t){probe_overdestroyed()}),
                                 "Kv.Nif.probe_overdestroyed/0");
}

/* watch_new/2 */
static ERL_NIF_TERM nif_watch_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid reporter;
    int64_t tag;
    watch_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &reporter))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_int64_t(call, argv[1], &tag))
        return nd_fail_argument(call, 2, "");
    result = watch_new(reporter, tag);
    return nif_call_end(call, nd_resource_make(call, &watch_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_watch_monitor(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif watch_monitor_nif = {.name = "nif_watch_monitor", .nif = nif_watch_monitor};

/* watch_monitor/2 */
static ERL_NIF_TERM nif_watch_monitor(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    watch_t *watch;
    ErlNifPid pid;
    bool result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &watch_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    watch = object;
    if (!nd_decode_pid(call, argv[1], &pid))
        return nd_fail_argument(call, 2, "");
    if (!nd_resource_lock(&watch_t_resource, object, 1))
        return nd_resource_wait(call, &watch_monitor_nif);
    result = watch_monitor(watch, pid);
    nd_resource_unlock(&watch_t_resource, object, 1);
    return nif_call_end(call, nd_encode_bool(call, &result), NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_watch_demonitor(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif watch_demonitor_nif = {.name = "nif_watch_demonitor",
                                           .nif = nif_watch_demonitor};

/* watch_demonitor/1 */
static ERL_NIF_TERM nif_watch_demonitor(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    watch_t *watch;
    bool result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &watch_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    watch = object;
    if (!nd_resource_lock(&watch_t_resource, object, 1))
        return nd_resource_wait(call, &watch_demonitor_nif);
    result = watch_demonitor(watch);
    nd_resource_unlock(&watch_t_resource, object, 1);
    return nif_call_end(call, nd_encode_bool(call, &result), NIF_RAISE_DETAILED);
}

/* shared_new/1: %Kv.SharedStruct{} holding a new Kv.Private */
static ERL_NIF_TERM nif_shared_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    bool is_cool;
    shared_struct_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_bool(call, argv[0], &is_cool))
        return nd_fail_argument(call, 1, "");
    result = shared_new(is_cool);
    if (nif_call_failed(call))
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    return nif_call_end(call, encode_shared_struct_t(call, &result), NIF_RAISE_DETAILED);
}

/* shared_greet/2 (NIF_DIRTY_IO) */
static ERL_NIF_TERM nif_shared_greet(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid to;
    shared_struct_t shared;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &to))
        return nd_fail_argument(call, 1, "");
    if (!decode_shared_struct_t(call, argv[1], &shared))
        return nd_fail_argument(call, 2, "%Kv.SharedStruct{}");
    return nif_call_end(call, nd_encode_bool(call, &(bool){shared_greet(to, shared)}),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_private_visit(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

static const nd_nif private_visit_nif = {.name = "nif_private_visit", .nif = nif_private_visit};

/* private_visit/1: under Kv.Private's mutex */
static ERL_NIF_TERM nif_private_visit(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    private_t *private_data;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &private_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    private_data = object;
    if (!nd_resource_lock(&private_t_resource, object, 1))
        return nd_resource_wait(call, &private_visit_nif);
    result = private_visit(private_data);
    nd_resource_unlock(&private_t_resource, object, 1);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

/* shared_visits/1: a resource in a field is borrowed without its lock */
static ERL_NIF_TERM nif_shared_visits(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    shared_struct_t shared;

    nif_call_begin(call, env, argc, argv);
    if (!decode_shared_struct_t(call, argv[0], &shared))
        return nd_fail_argument(call, 1, "%Kv.SharedStruct{}");
    return nif_call_end(call, nd_encode_int_uint64_t(call, &(uint64_t){shared_visits(shared)}),
                        NIF_RAISE_DETAILED);
}

/* private_destroyed/0: the NIF itself */
static ERL_NIF_TERM nif_private_destroyed(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;

    nif_call_begin(call, env, argc, argv);
    return nd_call_end_unwrapped(call,
                                 nd_encode_int_uint64_t(call, &(uint64_t){private_destroyed()}),
                                 "Kv.Nif.private_destroyed/0");
}

/* send_tick/2 and send_tick_dirty/2 (NIF_DIRTY_CPU) */
static ERL_NIF_TERM nif_send_tick(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid to;
    uint64_t seq;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &to))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_uint64_t(call, argv[1], &seq))
        return nd_fail_argument(call, 2, "");
    return nif_call_end(call, nd_encode_bool(call, &(bool){send_tick(to, seq)}),
                        NIF_RAISE_DETAILED);
}

static ERL_NIF_TERM nif_send_tick_dirty(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid to;
    uint64_t seq;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &to))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_uint64_t(call, argv[1], &seq))
        return nd_fail_argument(call, 2, "");
    return nif_call_end(call, nd_encode_bool(call, &(bool){send_tick_dirty(to, seq)}),
                        NIF_RAISE_DETAILED);
}

/* send_ticks/3 (NIF_DIRTY_IO) */
static ERL_NIF_TERM nif_send_ticks(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid to;
    uint32_t threads;
    uint64_t count;
    uint64_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &to))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_uint32_t(call, argv[1], &threads))
        return nd_fail_argument(call, 2, "");
    if (!nd_decode_int_uint64_t(call, argv[2], &count))
        return nd_fail_argument(call, 3, "");
    result = send_ticks(to, threads, count);
    if (nif_call_failed(call))
        return nif_call_end(call, 0, NIF_RAISE_DETAILED);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

/* library_version/0, library_loads/0, library_upgrades/0: the NIFs themselves */
static ERL_NIF_TERM nif_library_version(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;

    nif_call_begin(call, env, argc, argv);
    return nd_call_end_unwrapped(call, nd_encode_int_int64_t(call, &(int64_t){library_version()}),
                                 "Kv.Nif.library_version/0");
}

static ERL_NIF_TERM nif_library_loads(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;

    nif_call_begin(call, env, argc, argv);
    return nd_call_end_unwrapped(call, nd_encode_int_int64_t(call, &(int64_t){library_loads()}),
                                 "Kv.Nif.library_loads/0");
}

static ERL_NIF_TERM nif_library_upgrades(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;

    nif_call_begin(call, env, argc, argv);
    return nd_call_end_unwrapped(call, nd_encode_int_int64_t(call, &(int64_t){library_upgrades()}),
                                 "Kv.Nif.library_upgrades/0");
}

/* plain_new/1 */
static ERL_NIF_TERM nif_plain_new(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    uint64_t value;
    plain_t result;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_int_uint64_t(call, argv[0], &value))
        return nd_fail_argument(call, 1, "");
    result = plain_new(value);
    return nif_call_end(call, nd_resource_make(call, &plain_t_resource, &result),
                        NIF_RAISE_DETAILED);
}

/* plain_get/1 */
static ERL_NIF_TERM nif_plain_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    const plain_t *plain;
    uint64_t result;
    void *object;

    nif_call_begin(call, env, argc, argv);
    if (!nd_resource_get(call, argv[0], &plain_t_resource, &object))
        return nd_fail_argument(call, 1, "");
    plain = object;
    result = plain_get(plain);
    return nif_call_end(call, nd_encode_int_uint64_t(call, &result), NIF_RAISE_DETAILED);
}

/* The benchmark's baseline: plain_get as a careful hand-written NIF. */
static ERL_NIF_TERM hand_plain_get(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    const plain_t *plain;

    (void)argc;
    if (!enif_get_resource(env, argv[0], plain_t_resource.type, (void **)&plain))
        return enif_make_badarg(env);
    return enif_make_uint64(env, plain_get(plain));
}

#ifdef KV_CALLGRIND
#include <valgrind/callgrind.h>

/* callgrind.sh: counts from zero, written to a file labelled with the atom given */
static ERL_NIF_TERM callgrind_zero(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    (void)env, (void)argc, (void)argv;
    CALLGRIND_ZERO_STATS;
    return nd_atom_ok;
}

static ERL_NIF_TERM callgrind_dump(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    char label[64];

    (void)argc;
    if (enif_get_atom(env, argv[0], label, sizeof label, ERL_NIF_LATIN1) <= 0)
        return enif_make_badarg(env);
    CALLGRIND_DUMP_STATS_AT(label);
    return nd_atom_ok;
}
#endif

/*
 * A hand-written NIF without a nif_call: nif_send_T on a scheduler thread
 * with no environment it knows of (it sends as from a thread of its own).
 */
static ERL_NIF_TERM hand_send_tick(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    ErlNifPid to;
    ErlNifUInt64 seq;

    (void)argc;
    if (!enif_get_local_pid(env, argv[0], &to) || !enif_get_uint64(env, argv[1], &seq))
        return enif_make_badarg(env);
    return send_tick(to, seq) ? nd_atom_true : nd_atom_false;
}

/* bench_send_ten/3 (NIF_DIRTY_IO) */
static ERL_NIF_TERM nif_bench_send_ten(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    nif_call frame, *call = &frame;
    ErlNifPid to;
    uint64_t count;
    uint32_t mode;

    nif_call_begin(call, env, argc, argv);
    if (!nd_decode_pid(call, argv[0], &to))
        return nd_fail_argument(call, 1, "");
    if (!nd_decode_int_uint64_t(call, argv[1], &count))
        return nd_fail_argument(call, 2, "");
    if (!nd_decode_int_uint32_t(call, argv[2], &mode))
        return nd_fail_argument(call, 3, "");
    return nif_call_end(call,
                        nd_encode_int_uint64_t(call, &(uint64_t){bench_send_ten(to, count, mode)}),
                        NIF_RAISE_DETAILED);
}

/* ------------------------------------------------------------------------
 * Load, upgrade, unload
 * ------------------------------------------------------------------------ */

/* What load and upgrade share: atoms, key orders, resource types (created or taken over). */
static int open_library(ErlNifEnv *env)
{
    if (nif_derive_load_kv_native(env) != 0 || load_shared_struct_t(env) != 0)
        return -1;
    for (size_t i = 0; i < sizeof resource_types / sizeof *resource_types; i++)
        if (nd_resource_open(env, resource_types[i]) != 0)
            return -1;
    return 0;
}

static int load(ErlNifEnv *env, void **priv_data, ERL_NIF_TERM load_info)
{
    ErlNifEnv *previous;
    int status;

    (void)priv_data;
    (void)load_info;
    if (open_library(env) != 0)
        return -1;
    previous = nd_callback_begin(env);
    status = kv_load(env); /* NIF_ON_LOAD */
    nd_callback_end(previous);
    return status;
}

static int upgrade(ErlNifEnv *env, void **priv_data, void **old_priv_data, ERL_NIF_TERM load_info)
{
    ErlNifEnv *previous;
    int status;

    (void)priv_data;
    (void)old_priv_data;
    (void)load_info;
    if (open_library(env) != 0)
        return -1;
    previous = nd_callback_begin(env);
    status = kv_upgrade(env); /* NIF_ON_UPGRADE */
    nd_callback_end(previous);
    return status;
}

static void unload(ErlNifEnv *env, void *priv_data)
{
    ErlNifEnv *previous = nd_callback_begin(env);

    (void)priv_data;
    kv_unload(env); /* NIF_ON_UNLOAD */
    nd_callback_end(previous);
}

static ErlNifFunc nif_functions[] = {
    {"nif_load_csv", 1, nif_load_csv, ERL_NIF_DIRTY_JOB_IO_BOUND},
    {"nif_filter", 3, nif_filter, ERL_NIF_DIRTY_JOB_CPU_BOUND},
    {"nif_summarize", 1, nif_summarize, ERL_NIF_DIRTY_JOB_CPU_BOUND},
    {"nif_counter_new", 1, nif_counter_new, 0},
    {"nif_counter_add", 2, nif_counter_add, 0},
    {"nif_counter_get", 1, nif_counter_get, 0},
    {"nif_counter_on_dirty", 1, nif_counter_on_dirty, 0},
    {"nif_rw_counter_new", 1, nif_rw_counter_new, 0},
    {"nif_rw_counter_add", 2, nif_rw_counter_add, 0},
    {"nif_rw_counter_get", 1, nif_rw_counter_get, 0},
    {"nif_rw_counter_on_dirty", 1, nif_rw_counter_on_dirty, 0},
    {"nif_counter_transfer", 3, nif_counter_transfer, 0},
    {"nif_probe_new", 1, nif_probe_new, 0},
    {"nif_probe_new_notify", 2, nif_probe_new_notify, 0},
    {"nif_probe_new_failing", 1, nif_probe_new_failing, 0},
    {"nif_probe_id", 1, nif_probe_id, 0},
    {"nif_probe_same", 2, nif_probe_same, 0},
    {"nif_probe_keep", 1, nif_probe_keep, 0},
    {"nif_probe_release_kept", 1, nif_probe_release_kept, ERL_NIF_DIRTY_JOB_IO_BOUND},
    {"nif_probe_destroyed", 2, nif_probe_destroyed, 0},
    {"probe_overdestroyed", 0, nif_probe_overdestroyed, 0},
    {"nif_watch_new", 2, nif_watch_new, 0},
    {"nif_watch_monitor", 2, nif_watch_monitor, 0},
    {"nif_watch_demonitor", 1, nif_watch_demonitor, 0},
    {"nif_shared_new", 1, nif_shared_new, 0},
    {"nif_shared_greet", 2, nif_shared_greet, ERL_NIF_DIRTY_JOB_IO_BOUND},
    {"nif_private_visit", 1, nif_private_visit, 0},
    {"nif_shared_visits", 1, nif_shared_visits, 0},
    {"private_destroyed", 0, nif_private_destroyed, 0},
    {"nif_send_tick", 2, nif_send_tick, 0},
    {"nif_send_tick_dirty", 2, nif_send_tick_dirty, ERL_NIF_DIRTY_JOB_CPU_BOUND},
    {"nif_send_ticks", 3, nif_send_ticks, ERL_NIF_DIRTY_JOB_IO_BOUND},
    {"library_version", 0, nif_library_version, 0},
    {"library_loads", 0, nif_library_loads, 0},
    {"library_upgrades", 0, nif_library_upgrades, 0},
    {"nif_plain_new", 1, nif_plain_new, 0},
    {"nif_plain_get", 1, nif_plain_get, 0},
    {"raw_plain_get", 1, nif_plain_get, 0}, /* the benchmark: the NIF without the Elixir wrapper */
    {"hand_plain_get", 1, hand_plain_get, 0},
    {"hand_send_tick", 2, hand_send_tick, 0},
    {"nif_bench_send_ten", 3, nif_bench_send_ten, ERL_NIF_DIRTY_JOB_IO_BOUND},
#ifdef KV_CALLGRIND
    {"callgrind_zero", 0, callgrind_zero, 0},
    {"callgrind_dump", 1, callgrind_dump, 0},
#endif
};

ERL_NIF_INIT(Elixir.Kv.Nif, nif_functions, load, NULL, upgrade, unload)
