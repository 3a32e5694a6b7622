/*
 * The C behind kv.h: plain C over the resource types, with nothing of
 * erl_nif but what the contract exposes (ErlNifPid, the generated
 * nif_send_T / nif_keep_T / nif_monitor_T, nif_fail_argument) and the
 * benchmark's hand-written baselines.
 */
#include "kv_nif.h" /* the generated header: includes kv.h */

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef KV_LIBRARY_VERSION
#define KV_LIBRARY_VERSION 1 /* the hot-upgrade test builds 2 and 3 */
#endif

/* ------------------------------------------------------------------------
 * Table
 * ------------------------------------------------------------------------ */

void table_close(table_t *table)
{
    if (table->cells != NULL)
        for (size_t i = 0; i < table->rows * table->columns; i++)
            free(table->cells[i]);
    if (table->header != NULL)
        for (size_t i = 0; i < table->columns; i++)
            free(table->header[i]);
    free(table->cells);
    free(table->header);
}

/* The comma-separated fields of one line (no quoting), appended to *fields. */
static int split_line(char *line, char ***fields, size_t *count, size_t *capacity)
{
    char *start = line;

    line[strcspn(line, "\r\n")] = '\0';
    for (;;) {
        char *comma = strchr(start, ',');
        size_t length = comma != NULL ? (size_t)(comma - start) : strlen(start);
        char *field;

        if (*count == *capacity) {
            size_t grown = *capacity ? *capacity * 2 : 16;
            char **more = realloc(*fields, grown * sizeof *more);

            if (more == NULL)
                return 0;
            *fields = more;
            *capacity = grown;
        }
        field = malloc(length + 1);
        if (field == NULL)
            return 0;
        memcpy(field, start, length);
        field[length] = '\0';
        (*fields)[(*count)++] = field;
        if (comma == NULL)
            return 1;
        start = comma + 1;
    }
}

table_t load_csv(const char *path)
{
    table_t table = {0};
    FILE *file = fopen(path, "r");
    char line[4096];
    size_t count = 0, capacity = 0, columns = 0;
    char **fields = NULL;

    if (file == NULL) {
        nif_fail_argument(1, "path of a readable CSV file");
        return table;
    }
    while (fgets(line, sizeof line, file) != NULL) {
        size_t before = count;

        if (line[0] == '\n' || line[0] == '\0')
            continue;
        if (!split_line(line, &fields, &count, &capacity))
            break;
        if (columns == 0)
            columns = count;
        else if (count - before != columns) {
            nif_fail_argument(1, "path of a CSV file whose rows have as many fields as its header");
            break;
        }
    }
    fclose(file);
    if (columns != 0) /* a partial last row, after an error: not the table's */
        while (count % columns != 0)
            free(fields[--count]);
    /* the table owns the fields from here: a failed call hands it to table_close */
    table.columns = columns;
    table.rows = columns != 0 ? count / columns - 1 : 0;
    table.header = fields;
    if (columns != 0 && count >= columns) {
        table.cells = malloc((count - columns + 1) * sizeof *table.cells);
        if (table.cells != NULL)
            memcpy(table.cells, fields + columns, (count - columns) * sizeof *table.cells);
        else
            table.rows = 0;
    }
    if (table.cells == NULL) /* header only, or out of memory: keep the fields freeable */
        for (size_t i = columns; i < count; i++)
            free(fields[i]);
    return table;
}

table_t filter(const table_t *table, const char *column, const char *value)
{
    table_t result = {0};
    size_t match = 0, column_index;

    for (column_index = 0; column_index < table->columns; column_index++)
        if (strcmp(table->header[column_index], column) == 0)
            break;
    if (column_index == table->columns) {
        nif_fail_argument(2, "a column of the table");
        return result;
    }
    result.columns = table->columns;
    result.header = calloc(table->columns, sizeof *result.header);
    result.cells = calloc(table->rows * table->columns + 1, sizeof *result.cells);
    if (result.header == NULL || result.cells == NULL) {
        nif_fail_argument(1, "a table small enough to copy");
        return result;
    }
    for (size_t c = 0; c < table->columns; c++)
        result.header[c] = strdup(table->header[c]);
    for (size_t r = 0; r < table->rows; r++) {
        char *const *row = table->cells + r * table->columns;

        if (strcmp(row[column_index], value) != 0)
            continue;
        for (size_t c = 0; c < table->columns; c++)
            result.cells[match * table->columns + c] = strdup(row[c]);
        match++;
        result.rows = match;
    }
    return result;
}

summary_t summarize(const table_t *table)
{
    return (summary_t){.rows = table->rows, .columns = table->columns};
}

/* ------------------------------------------------------------------------
 * Counters: a read-modify-write slow enough that unlocked updates are lost
 * ------------------------------------------------------------------------ */

static void spin(unsigned iterations)
{
    for (volatile unsigned i = 0; i < iterations; i++)
        ;
}

#define KV_CRITICAL_SPIN 2000 /* ~2 us between the read and the write */

static int on_dirty_scheduler(void)
{
    int type = enif_thread_type();

    return type == ERL_NIF_THR_DIRTY_CPU_SCHEDULER || type == ERL_NIF_THR_DIRTY_IO_SCHEDULER;
}

counter_t counter_new(uint64_t start)
{
    return (counter_t){.value = start};
}

void counter_add(counter_t *counter, uint64_t amount)
{
    volatile uint64_t *value = &counter->value;
    uint64_t read = *value;

    spin(KV_CRITICAL_SPIN);
    *value = read + amount;
    counter->on_dirty += on_dirty_scheduler();
}

uint64_t counter_get(const counter_t *counter)
{
    return counter->value;
}

uint64_t counter_on_dirty(const counter_t *counter)
{
    return counter->on_dirty;
}

rw_counter_t rw_counter_new(uint64_t start)
{
    return (rw_counter_t){.value = start};
}

void rw_counter_add(rw_counter_t *counter, uint64_t amount)
{
    volatile uint64_t *value = &counter->value;
    uint64_t read = *value;

    spin(KV_CRITICAL_SPIN);
    *value = read + amount;
    counter->on_dirty += on_dirty_scheduler();
}

uint64_t rw_counter_get(const rw_counter_t *counter)
{
    return counter->value;
}

uint64_t rw_counter_on_dirty(const rw_counter_t *counter)
{
    return counter->on_dirty;
}

uint64_t counter_transfer(counter_t *from, counter_t *to, uint64_t amount)
{
    if (from->value < amount) {
        nif_fail_argument(3, "an amount the first counter holds");
        return 0;
    }
    from->value -= amount;
    to->value += amount;
    return to->value;
}

/* ------------------------------------------------------------------------
 * Probes: destructor bookkeeping
 * ------------------------------------------------------------------------ */

#define KV_PROBE_IDS (1u << 20)
static atomic_uint_least8_t probe_destroy_counts[KV_PROBE_IDS];
static atomic_uint_least64_t probe_extra_destroys;

void probe_destroy(probe_t *probe)
{
    if (probe->id < KV_PROBE_IDS && atomic_fetch_add(&probe_destroy_counts[probe->id], 1) != 0)
        atomic_fetch_add(&probe_extra_destroys, 1);
    if (probe->notify) /* from the destructor's own callback environment */
        nif_send_destroyed_t(&probe->to, &(destroyed_t){.id = probe->id});
}

probe_t probe_new(uint64_t id)
{
    if (id >= KV_PROBE_IDS)
        nif_fail_argument(1, "an id below 2^20");
    return (probe_t){.id = id};
}

probe_t probe_new_notify(uint64_t id, ErlNifPid to)
{
    probe_t probe = probe_new(id);

    probe.notify = true;
    probe.to = to;
    return probe;
}

probe_t probe_new_failing(uint64_t id)
{
    nif_fail_argument(1, "an id that this function accepts (none)");
    return (probe_t){.id = id};
}

uint64_t probe_id(const probe_t *probe)
{
    return probe->id;
}

probe_t *probe_same(probe_t *probe, bool null)
{
    return null ? NULL : probe;
}

probe_t *probe_maybe(probe_t *probe, bool null)
{
    return null ? NULL : probe;
}

/* Probes held with nif_keep_probe_t until probe_release_kept. */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static const probe_t *kept[64];
static unsigned kept_count;

void probe_keep(probe_t *probe)
{
    pthread_mutex_lock(&kept_lock);
    if (kept_count < sizeof kept / sizeof *kept) {
        nif_keep_probe_t(probe);
        kept[kept_count++] = probe;
    } else {
        nif_fail_argument(1, "a probe while fewer than 64 are kept");
    }
    pthread_mutex_unlock(&kept_lock);
}

static void *release_kept(void *count)
{
    pthread_mutex_lock(&kept_lock);
    *(uint64_t *)count = kept_count;
    while (kept_count > 0)
        nif_release_probe_t(kept[--kept_count]);
    pthread_mutex_unlock(&kept_lock);
    return NULL;
}

uint64_t probe_release_kept(bool from_thread)
{
    uint64_t count = 0;
    ErlNifTid thread;

    if (!from_thread)
        release_kept(&count);
    else if (enif_thread_create("kv_release", &thread, release_kept, &count, NULL) == 0)
        enif_thread_join(thread, NULL);
    return count;
}

uint64_t probe_destroyed(uint64_t from, uint64_t to)
{
    uint64_t once = 0;

    for (uint64_t id = from; id < to && id < KV_PROBE_IDS; id++)
        once += atomic_load(&probe_destroy_counts[id]) == 1;
    return once;
}

uint64_t probe_overdestroyed(void)
{
    return atomic_load(&probe_extra_destroys);
}

/* ------------------------------------------------------------------------
 * Watches: monitors
 * ------------------------------------------------------------------------ */

void watch_down(watch_t *watch, ErlNifPid pid, ErlNifMonitor monitor)
{
    (void)monitor;
    nif_send_down_t(&watch->reporter, &(down_t){.pid = pid, .tag = watch->tag});
}

watch_t watch_new(ErlNifPid reporter, int64_t tag)
{
    return (watch_t){.reporter = reporter, .tag = tag};
}

bool watch_monitor(watch_t *watch, ErlNifPid pid)
{
    watch->monitoring = nif_monitor_watch_t(watch, &pid, &watch->monitor);
    return watch->monitoring;
}

bool watch_demonitor(watch_t *watch)
{
    bool removed = watch->monitoring && nif_demonitor_watch_t(watch, &watch->monitor);

    watch->monitoring = false;
    return removed;
}

/* ------------------------------------------------------------------------
 * SharedStruct
 * ------------------------------------------------------------------------ */

static atomic_uint_least64_t private_closed;

void private_close(private_t *private_data)
{
    (void)private_data;
    atomic_fetch_add(&private_closed, 1);
}

shared_struct_t shared_new(bool is_cool)
{
    private_t value = {.visits = 0};

    return (shared_struct_t){.ref = nif_new_private_t(&value), .is_cool = is_cool};
}

typedef struct {
    ErlNifPid to;
    shared_struct_t shared;
    int sent;
} greeting_job;

/* A native thread: {:hi, %Kv.SharedStruct{}} to the GenServer, then drop the hold. */
static void *greet(void *argument)
{
    greeting_job *job = argument;
    greeting_t greeting = {.kind = GREETING_HI, .hi = job->shared};

    job->sent = nif_send_greeting_t(&job->to, &greeting);
    nif_release_private_t(job->shared.ref);
    return NULL;
}

bool shared_greet(ErlNifPid to, shared_struct_t shared)
{
    greeting_job job = {.to = to, .shared = shared};
    ErlNifTid thread;

    nif_keep_private_t(shared.ref); /* borrowed for this call only: the thread holds it */
    if (enif_thread_create("kv_greeter", &thread, greet, &job, NULL) != 0) {
        nif_release_private_t(shared.ref);
        return false;
    }
    enif_thread_join(thread, NULL);
    return job.sent;
}

uint64_t private_visit(private_t *private_data)
{
    return ++private_data->visits;
}

uint64_t shared_visits(shared_struct_t shared)
{
    return shared.ref->visits;
}

uint64_t private_destroyed(void)
{
    return atomic_load(&private_closed);
}

/* ------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------ */

bool send_tick(ErlNifPid to, uint64_t seq)
{
    return nif_send_tick_t(&to, &(tick_t){.thread = 0, .seq = seq});
}

bool send_tick_dirty(ErlNifPid to, uint64_t seq)
{
    return nif_send_tick_t(&to, &(tick_t){.thread = 0, .seq = seq});
}

typedef struct {
    ErlNifPid to;
    uint32_t thread;
    uint64_t count;
    uint64_t sent;
} tick_job;

static void *send_thread_ticks(void *argument)
{
    tick_job *job = argument;

    for (uint64_t seq = 0; seq < job->count; seq++)
        job->sent += nif_send_tick_t(&job->to, &(tick_t){.thread = job->thread, .seq = seq});
    return NULL;
}

uint64_t send_ticks(ErlNifPid to, uint32_t threads, uint64_t count)
{
    tick_job jobs[64];
    ErlNifTid tids[64];
    uint32_t started = 0;
    uint64_t sent = 0;

    if (threads > 64) {
        nif_fail_argument(2, "at most 64 threads");
        return 0;
    }
    for (uint32_t i = 0; i < threads; i++) {
        jobs[i] = (tick_job){.to = to, .thread = i, .count = count};
        if (enif_thread_create("kv_ticks", &tids[i], send_thread_ticks, &jobs[i], NULL) != 0)
            break;
        started++;
    }
    for (uint32_t i = 0; i < started; i++) {
        enif_thread_join(tids[i], NULL);
        sent += jobs[i].sent;
    }
    return sent;
}

/* ------------------------------------------------------------------------
 * Lifecycle
 * ------------------------------------------------------------------------ */

static int64_t loads, upgrades;

static int make_ten_keys(ErlNifEnv *env);

int kv_load(ErlNifEnv *env)
{
    loads++;
    return make_ten_keys(env);
}

int kv_upgrade(ErlNifEnv *env)
{
    upgrades++;
    return make_ten_keys(env);
}

/* Tells the process registered as :kv_lifecycle, if any, which version went away. */
void kv_unload(ErlNifEnv *env)
{
    ErlNifPid listener;

    if (enif_whereis_pid(env, enif_make_atom(env, "kv_lifecycle"), &listener))
        nif_send_unloaded_t(&listener, &(unloaded_t){.version = KV_LIBRARY_VERSION});
}

int64_t library_version(void)
{
    return KV_LIBRARY_VERSION;
}

int64_t library_loads(void)
{
    return loads;
}

int64_t library_upgrades(void)
{
    return upgrades;
}

/* ------------------------------------------------------------------------
 * Benchmarks
 * ------------------------------------------------------------------------ */

plain_t plain_new(uint64_t value)
{
    return (plain_t){.value = value};
}

uint64_t plain_get(const plain_t *plain)
{
    return plain->value;
}

uint64_t plain_sum(const plain_t **plains, size_t count)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < count; i++)
        sum += plains[i]->value;
    return sum;
}

const plain_t **plain_reverse(const plain_t **plains, size_t count, size_t *result_count)
{
    const plain_t **reversed = nif_alloc(count * sizeof *reversed);

    if (reversed == NULL && count > 0)
        return NULL;
    for (size_t i = 0; i < count; i++)
        reversed[i] = plains[count - 1 - i];
    *result_count = count;
    return reversed;
}

/* Mode 2's hand-made %Kv.Ten{}: atoms and keys in the VM's order, made at load. */
static ERL_NIF_TERM ten_keys[11], ten_module, ten_true, ten_false;
static unsigned ten_slots[11];

static int make_ten_keys(ErlNifEnv *env)
{
    static const char *names[11] = {"__struct__", "id", "a", "b",    "c",    "d",
                                    "x",          "y",  "z", "flag", "count"};

    for (int i = 0; i < 11; i++)
        ten_keys[i] = enif_make_atom(env, names[i]);
    ten_module = enif_make_atom(env, "Elixir.Kv.Ten");
    ten_true = enif_make_atom(env, "true");
    ten_false = enif_make_atom(env, "false");
    return nd_learn_key_order(env, ten_keys, ten_slots, 11);
}

static ERL_NIF_TERM hand_ten(ErlNifEnv *env, const ten_t *ten)
{
    ERL_NIF_TERM values[11], map;
    ERL_NIF_TERM fields[11] = {
        ten_module,
        enif_make_int64(env, ten->id),
        enif_make_int64(env, ten->a),
        enif_make_int64(env, ten->b),
        enif_make_int64(env, ten->c),
        enif_make_int64(env, ten->d),
        enif_make_double(env, ten->x),
        enif_make_double(env, ten->y),
        enif_make_double(env, ten->z),
        ten->flag ? ten_true : ten_false,
        enif_make_uint(env, ten->count),
    };

    for (int i = 0; i < 11; i++)
        values[ten_slots[i]] = fields[i];
    enif_make_map_from_arrays(env, ten_keys, values, 11, &map);
    return map;
}

typedef struct {
    ErlNifPid to;
    uint64_t count;
    uint32_t mode;
    uint64_t ns;
} ten_job;

static uint64_t now_ns(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/*
 * One message each, not inlined, so callgrind can count each way of
 * sending on its own (--toggle-collect=bench_send_*, see BENCH.md).
 */
#if defined(__GNUC__)
#define KV_NOINLINE __attribute__((noinline))
#else
#define KV_NOINLINE
#endif

KV_NOINLINE static void bench_send_nd(const ErlNifPid *to, const ten_t *ten)
{
    nif_send_ten_t(to, ten);
}

KV_NOINLINE static void bench_send_encoder(const ErlNifPid *to, const ten_t *ten)
{
    ErlNifEnv *env = enif_alloc_env();
    nif_call frame;
    ERL_NIF_TERM message;

    nif_call_begin(&frame, env, 0, NULL);
    message = nif_encode_ten_t(&frame, ten);
    nif_call_end(&frame, 0, NIF_RAISE_BADARG);
    enif_send(NULL, to, env, message);
    enif_free_env(env);
}

KV_NOINLINE static void bench_send_hand(const ErlNifPid *to, const ten_t *ten)
{
    ErlNifEnv *env = enif_alloc_env();

    enif_send(NULL, to, env, hand_ten(env, ten));
    enif_free_env(env);
}

static void *send_tens(void *argument)
{
    ten_job *job = argument;
    uint64_t start = now_ns();

    for (uint64_t i = 0; i < job->count; i++) {
        ten_t ten = {.id = (int64_t)i,
                     .a = 1,
                     .b = 2,
                     .c = 3,
                     .d = 4,
                     .x = 0.5,
                     .y = 1.5,
                     .z = 2.5,
                     .flag = true,
                     .count = 7};

        if (job->mode == 0)
            bench_send_nd(&job->to, &ten);
        else if (job->mode == 1)
            bench_send_encoder(&job->to, &ten);
        else
            bench_send_hand(&job->to, &ten);
    }
    job->ns = now_ns() - start;
    return NULL;
}

uint64_t bench_send_ten(ErlNifPid to, uint64_t count, uint32_t mode)
{
    ten_job job = {.to = to, .count = count, .mode = mode};
    ErlNifTid thread;

    if (enif_thread_create("kv_bench", &thread, send_tens, &job, NULL) != 0)
        return 0;
    enif_thread_join(thread, NULL);
    return job.ns;
}

#ifdef KV_CALLGRIND
#include <valgrind/callgrind.h>

void callgrind_zero(void)
{
    CALLGRIND_ZERO_STATS;
}

void callgrind_dump(const char *label)
{
    CALLGRIND_DUMP_STATS_AT(label);
}
#endif
