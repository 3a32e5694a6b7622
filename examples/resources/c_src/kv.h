/*
 * Resources, messages, monitors and lifecycle hooks (DESIGN §8): the
 * survival guide's table and "From Elixir to Rust and Back Again"'s
 * SharedStruct, plus what the tests count. Everything of erl_nif in
 * c_src/generated/ is generated from this header.
 */
#ifndef KV_H
#define KV_H

#include <nif_derive.h>

/* summarize/1's result */
typedef struct NIF_STRUCT("Kv.Summary") {
    uint64_t rows;
    uint64_t columns;
} summary_t;

/* Sent by native threads: %Kv.Tick{thread: 3, seq: 9999} */
typedef struct NIF_STRUCT("Kv.Tick") {
    uint32_t thread;
    uint64_t seq;
} tick_t;

/* Sent by a down callback: {:down, pid, tag} */
typedef struct NIF_RECORD("down") {
    ErlNifPid pid;
    int64_t tag;
} down_t;

/* Sent by a destructor: {:destroyed, id} */
typedef struct NIF_RECORD("destroyed") {
    uint64_t id;
} destroyed_t;

/* Sent by the unload hook: {:unloaded, version} */
typedef struct NIF_RECORD("unloaded") {
    int64_t version;
} unloaded_t;

/* The benchmark's 10-field struct */
typedef struct NIF_STRUCT("Kv.Ten") {
    int64_t id;
    int64_t a;
    int64_t b;
    int64_t c;
    int64_t d;
    double x;
    double y;
    double z;
    bool flag;
    uint32_t count;
} ten_t;

/* The survival guide's table: a parsed CSV file behind a reference. */
typedef struct NIF_RESOURCE("Kv.Table") NIF_RWLOCK NIF_DESTRUCTOR(table_close) {
    size_t rows;
    size_t columns;
    char **header; /* column names */
    char **cells;  /* rows * columns values, row by row */
#ifdef KV_TABLE_LAYOUT_CHANGED
    uint64_t generation; /* a later version's layout: a new type name */
#endif
} table_t;
void table_close(table_t *table);

NIF_DIRTY_IO table_t load_csv(const char *path);
NIF_DIRTY_CPU table_t filter(const table_t *table, const char *column, const char *value);
NIF_DIRTY_CPU summary_t summarize(const table_t *table);

/* Counters whose increment is a slow read-modify-write: only the lock makes it exact. */
typedef struct NIF_RESOURCE("Kv.Counter") NIF_MUTEX {
    uint64_t value;
    uint64_t on_dirty; /* increments that waited for the lock on a dirty scheduler */
} counter_t;
typedef struct NIF_RESOURCE("Kv.RwCounter") NIF_RWLOCK {
    uint64_t value;
    uint64_t on_dirty;
} rw_counter_t;

NIF_FUNCTION counter_t counter_new(uint64_t start);
NIF_FUNCTION void counter_add(counter_t *counter, uint64_t amount);
NIF_FUNCTION uint64_t counter_get(const counter_t *counter);
NIF_FUNCTION uint64_t counter_on_dirty(const counter_t *counter);
NIF_FUNCTION rw_counter_t rw_counter_new(uint64_t start);
NIF_FUNCTION void rw_counter_add(rw_counter_t *counter, uint64_t amount);
NIF_FUNCTION uint64_t rw_counter_get(const rw_counter_t *counter);
NIF_FUNCTION uint64_t rw_counter_on_dirty(const rw_counter_t *counter);
/* two top-level resources: both locked, in address order, once when the same */
NIF_FUNCTION uint64_t counter_transfer(counter_t *from, counter_t *to, uint64_t amount);

/* Destructor bookkeeping: which ids were destroyed, how often, and who hears of it. */
typedef struct NIF_RESOURCE("Kv.Probe") NIF_DESTRUCTOR(probe_destroy) {
    uint64_t id;
    bool notify;
    ErlNifPid to; /* with notify: the destructor sends {:destroyed, id} here */
} probe_t;
void probe_destroy(probe_t *probe);

NIF_FUNCTION probe_t probe_new(uint64_t id);
NIF_FUNCTION probe_t probe_new_notify(uint64_t id, ErlNifPid to);
NIF_FUNCTION probe_t probe_new_failing(uint64_t id); /* fails: the value is destroyed */
NIF_FUNCTION uint64_t probe_id(const probe_t *probe);
NIF_FUNCTION probe_t *probe_same(probe_t *probe, bool null); /* that same resource, or NULL */
NIF_FUNCTION NIF_OPTIONAL probe_t *probe_maybe(probe_t *probe, bool null); /* or nil */
NIF_FUNCTION void probe_keep(probe_t *probe); /* nif_keep_probe_t, until probe_release_kept */
NIF_DIRTY_IO uint64_t probe_release_kept(bool from_thread);
/* ids in [from, to) destroyed exactly once */
NIF_FUNCTION uint64_t probe_destroyed(uint64_t from, uint64_t to);
NIF_FUNCTION uint64_t probe_overdestroyed(void); /* destructor calls beyond the first for an id */

/* Monitors: the down callback sends {:down, pid, tag} to the reporter. */
typedef struct NIF_RESOURCE("Kv.Watch") NIF_MUTEX NIF_DOWN(watch_down) {
    ErlNifPid reporter;
    int64_t tag;
    ErlNifMonitor monitor;
    bool monitoring;
} watch_t;
void watch_down(watch_t *watch, ErlNifPid pid, ErlNifMonitor monitor);

NIF_FUNCTION watch_t watch_new(ErlNifPid reporter, int64_t tag);
NIF_FUNCTION bool watch_monitor(watch_t *watch, ErlNifPid pid);
NIF_FUNCTION bool watch_demonitor(watch_t *watch);

/* "From Elixir to Rust and Back Again": a struct holding a mutex-locked resource. */
typedef struct NIF_RESOURCE("Kv.Private") NIF_MUTEX NIF_DESTRUCTOR(private_close) {
    uint64_t visits;
} private_t;
void private_close(private_t *private_data);

typedef struct NIF_STRUCT("Kv.SharedStruct") {
    private_t *ref; /* a reference, borrowed on decode (no lock) */
    bool is_cool;
} shared_struct_t;

/* {:hi, %Kv.SharedStruct{}} */
typedef enum { GREETING_HI } greeting_kind;
typedef struct NIF_TAGGED_ENUM {
    greeting_kind kind;
    union {
        shared_struct_t hi;
    };
} greeting_t;

NIF_FUNCTION shared_struct_t shared_new(bool is_cool);
NIF_DIRTY_IO bool shared_greet(ErlNifPid to, shared_struct_t shared); /* from a native thread */
NIF_FUNCTION uint64_t private_visit(private_t *private_data);         /* locked */
NIF_FUNCTION uint64_t shared_visits(shared_struct_t shared);          /* a field: not locked */
NIF_FUNCTION uint64_t private_destroyed(void);

/* Messages from a NIF, a dirty NIF and native threads. */
NIF_FUNCTION bool send_tick(ErlNifPid to, uint64_t seq);
NIF_DIRTY_CPU bool send_tick_dirty(ErlNifPid to, uint64_t seq);
NIF_DIRTY_IO uint64_t send_ticks(ErlNifPid to, uint32_t threads, uint64_t count);

/* Lifecycle: counted per library instance. */
NIF_ON_LOAD int kv_load(ErlNifEnv *env);
NIF_ON_UPGRADE int kv_upgrade(ErlNifEnv *env);
NIF_ON_UNLOAD void kv_unload(ErlNifEnv *env);
NIF_FUNCTION int64_t library_version(void);
NIF_FUNCTION int64_t library_loads(void);
NIF_FUNCTION int64_t library_upgrades(void);

/* Benchmarks (BENCH.md): a resource argument, and sending Kv.Ten from a thread. */
typedef struct NIF_RESOURCE("Kv.Plain") {
    uint64_t value;
} plain_t;
NIF_FUNCTION plain_t plain_new(uint64_t value);
NIF_FUNCTION uint64_t plain_get(const plain_t *plain);
/* Lists of references: borrowed for the call like a single one, returned as the same resources. */
NIF_FUNCTION uint64_t plain_sum(const plain_t **plains NIF_LEN(count), size_t count);
NIF_FUNCTION NIF_LEN(result_count) const plain_t **plain_reverse(const plain_t **plains NIF_LEN(count),
                                                                size_t count, size_t *result_count);
/* mode 0: nif_send_ten_t; 1: enif_alloc_env + nif_encode_ten_t + enif_send; 2: the same with a
 * hand-made map */
NIF_DIRTY_IO uint64_t bench_send_ten(ErlNifPid to, uint64_t count, uint32_t mode);
#ifdef KV_CALLGRIND
/* callgrind.sh: counts from zero, and written to a file labelled `label` */
NIF_FUNCTION void callgrind_zero(void);
NIF_FUNCTION void callgrind_dump(const char *label);
#endif

#endif
