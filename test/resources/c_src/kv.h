/*
 * The value types of the resources test project, read by the generator.
 * No NIF_FUNCTION: the generated kv_native.c has the encoders and decoders
 * and no ERL_NIF_INIT; the NIF library is kv_nif.c, written the way the
 * generator will write it for the NIF_RESOURCE header kv_resources.h.
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

#endif
