/*
 * handwritten.h: shared pieces of the hand-written NIF library that the
 * benchmark measures nif_derive against (module Bench.Handwritten):
 *   F0  no-op NIFs taking the same term (the cost of a NIF call);
 *   F1  the same values as positional tuples (conversion without keys);
 *   F2  the floor: careful C over the public erl_nif API (DESIGN §6).
 *
 * Both F1 and F2 decode into the C types of bench.h and call the user
 * functions of bench.c, exactly as generated code does.
 */
#ifndef HANDWRITTEN_H
#define HANDWRITTEN_H

#include <erl_nif.h>

#include "bench.h"

/* The largest key set among the benchmark's maps: Bench.Forty's 40 fields
 * plus __struct__. */
#define MAX_KEYS 41

/*
 * Decoding a map of 8 to 32 keys (a flatmap) without extra keys walks it
 * once with an iterator, expecting the learnt key order; other maps are
 * decoded by looking each key up. Measured on OTP 25 (callgrind): the walk
 * saves ~5% of the instructions at 8 keys and ~15% at 11, but costs more
 * below ~7 keys (the iterator's set-up); at 41 keys (a hashmap) lookups
 * take ~15% more instructions but ~4% less time than a walk, and do not
 * allocate (a hashmap iterator does).
 */
#define WALK_MIN_KEYS 8
#define WALK_MAX_KEYS 32

/*
 * A map type's keys, learnt at load. Fields are numbered in declaration
 * order, 0 being __struct__ for structs. `keys` are in the order the VM
 * itself keeps them (term order on OTP 25, atom-index order on OTP 26+),
 * so enif_make_map_from_arrays finds them sorted and sorts nothing.
 */
typedef struct {
    unsigned count;
    ERL_NIF_TERM module;           /* the __struct__ value, 0 for plain maps */
    ERL_NIF_TERM keys[MAX_KEYS];   /* keys[i]: the key in VM position i */
    ERL_NIF_TERM by_field[MAX_KEYS]; /* by_field[f]: the key of field f */
    unsigned slot[MAX_KEYS];       /* slot[f]: VM position of field f */
    unsigned field[MAX_KEYS];      /* field[i]: the field at VM position i */
} map_layout;

/* A unit enum's atoms, with a copy sorted by term for binary search. */
typedef struct {
    unsigned count;
    ERL_NIF_TERM by_value[32];
    ERL_NIF_TERM sorted[32];
    unsigned value_of_sorted[32];
} atom_table;

/* Made once in `load` (atoms are immediates: comparing with == is exact). */
extern ERL_NIF_TERM atom_ok, atom_true, atom_false, atom_struct;

int learn_layout(ErlNifEnv *env, map_layout *layout, const char *module,
                 const char *const *fields, unsigned field_count);
int learn_atoms(ErlNifEnv *env, atom_table *table, const char *const *names, unsigned count);

/* The map's values by field (values[f]); checks it is a map holding every
 * key and, for a struct, that __struct__ is the module. Extra keys are
 * ignored, as in Rustler. */
int get_fields(ErlNifEnv *env, ERL_NIF_TERM map, const map_layout *layout,
               ERL_NIF_TERM *values);
/* A map from values in VM order: values[layout->slot[f]] is field f's. */
ERL_NIF_TERM make_map(ErlNifEnv *env, const map_layout *layout, ERL_NIF_TERM *values);

/* The value of an enum atom, or -1. */
int atom_value(const atom_table *table, ERL_NIF_TERM term);

/*
 * Memory for one call: small needs come from the C stack, larger ones from
 * enif_alloc, all released by scratch_release. No malloc on fixed-size
 * paths; a list is allocated once, at its full length.
 */
typedef struct {
    size_t used;
    unsigned heap_count;
    void *heap[8];
    _Alignas(16) unsigned char stack[256];
} scratch;

void *scratch_alloc(scratch *s, size_t size);
void scratch_free_heap(scratch *s);

static inline void scratch_init(scratch *s)
{
    s->used = 0;
    s->heap_count = 0;
}

static inline void scratch_release(scratch *s)
{
    if (s->heap_count)
        scratch_free_heap(s);
}

/* Scalars, with the exact range of their C type. */
static inline __attribute__((always_inline)) int get_i64(ErlNifEnv *env, ERL_NIF_TERM t, int64_t *out)
{
    ErlNifSInt64 v;
    if (!enif_get_int64(env, t, &v))
        return 0;
    *out = v;
    return 1;
}

static inline __attribute__((always_inline)) int get_i32(ErlNifEnv *env, ERL_NIF_TERM t, int32_t *out)
{
    int v;
    if (!enif_get_int(env, t, &v))
        return 0;
    *out = v;
    return 1;
}

static inline __attribute__((always_inline)) int get_u32(ErlNifEnv *env, ERL_NIF_TERM t, uint32_t *out)
{
    unsigned v;
    if (!enif_get_uint(env, t, &v))
        return 0;
    *out = v;
    return 1;
}

static inline __attribute__((always_inline)) int get_u8(ErlNifEnv *env, ERL_NIF_TERM t, uint8_t *out)
{
    unsigned v;
    if (!enif_get_uint(env, t, &v) || v > UINT8_MAX)
        return 0;
    *out = (uint8_t)v;
    return 1;
}

/* Integers are accepted for floats and converted, as nif_derive does. */
static inline __attribute__((always_inline)) int get_double(ErlNifEnv *env, ERL_NIF_TERM t, double *out)
{
    ErlNifSInt64 i;
    if (enif_get_double(env, t, out))
        return 1;
    if (!enif_get_int64(env, t, &i))
        return 0;
    *out = (double)i;
    return 1;
}

static inline __attribute__((always_inline)) int get_bool(ERL_NIF_TERM t, bool *out)
{
    if (t != atom_true && t != atom_false)
        return 0;
    *out = t == atom_true;
    return 1;
}

static inline ERL_NIF_TERM make_bool(bool value) { return value ? atom_true : atom_false; }

/*
 * A binary term holding `bytes`: a sub-binary of `source` (no copy) when
 * the bytes lie inside `decoded`, the bytes `source` was decoded to (a
 * round trip handing back what it was given); otherwise a copy. Pass
 * decoded = NULL when there is no source.
 */
ERL_NIF_TERM make_binary(ErlNifEnv *env, nif_binary bytes, ERL_NIF_TERM source,
                         const nif_binary *decoded);

/* A UTF-8 binary without NUL, copied and NUL-terminated. */
int get_string(ErlNifEnv *env, ERL_NIF_TERM t, scratch *s, const char **out);
ERL_NIF_TERM make_string(ErlNifEnv *env, const char *text);

/* Types that others nest, and each file's load step. */
int f2_get_point(ErlNifEnv *env, ERL_NIF_TERM t, point_t *out);
ERL_NIF_TERM f2_make_point(ErlNifEnv *env, const point_t *v);
int greek_from_atom(ERL_NIF_TERM t, greek_t *out);
ERL_NIF_TERM greek_to_atom(greek_t v);
int f2_structs_load(ErlNifEnv *env);
int f2_enums_load(ErlNifEnv *env);

/*
 * The three NIFs of a scenario: decode calls the user's <s>_decode and
 * returns its integer; encode encodes what <s>_encode returns; round trip
 * does both around <s>_roundtrip. The file defines the decoder
 * <impl>_get_<s> and the encoder <impl>_make_<s>.
 */
#define SCENARIO_NIFS(impl, s, type)                                                      \
    ERL_NIF_TERM impl##_##s##_decode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]) \
    {                                                                                     \
        type v;                                                                           \
        (void)argc;                                                                       \
        if (!impl##_get_##s(env, argv[0], &v))                                            \
            return enif_make_badarg(env);                                                 \
        return enif_make_int64(env, s##_decode(v));                                       \
    }                                                                                     \
    ERL_NIF_TERM impl##_##s##_encode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]) \
    {                                                                                     \
        type v = s##_encode();                                                            \
        (void)argc, (void)argv;                                                           \
        return impl##_make_##s(env, &v);                                                  \
    }                                                                                     \
    ERL_NIF_TERM impl##_##s##_roundtrip(ErlNifEnv *env, int argc,                         \
                                        const ERL_NIF_TERM argv[])                        \
    {                                                                                     \
        type v;                                                                           \
        (void)argc;                                                                       \
        if (!impl##_get_##s(env, argv[0], &v))                                            \
            return enif_make_badarg(env);                                                 \
        v = s##_roundtrip(v);                                                             \
        return impl##_make_##s(env, &v);                                                  \
    }

/* The same for types whose decoding needs memory (strings, lists). */
#define SCRATCH_SCENARIO_NIFS(impl, s, type)                                              \
    ERL_NIF_TERM impl##_##s##_decode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]) \
    {                                                                                     \
        type v;                                                                           \
        scratch mem;                                                                      \
        ERL_NIF_TERM result;                                                              \
        (void)argc;                                                                       \
        scratch_init(&mem);                                                               \
        if (impl##_get_##s(env, argv[0], &mem, &v))                                       \
            result = enif_make_int64(env, s##_decode(v));                                 \
        else                                                                              \
            result = enif_make_badarg(env);                                               \
        scratch_release(&mem);                                                            \
        return result;                                                                    \
    }                                                                                     \
    ERL_NIF_TERM impl##_##s##_encode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]) \
    {                                                                                     \
        type v = s##_encode();                                                            \
        (void)argc, (void)argv;                                                           \
        return impl##_make_##s(env, &v);                                                  \
    }                                                                                     \
    ERL_NIF_TERM impl##_##s##_roundtrip(ErlNifEnv *env, int argc,                         \
                                        const ERL_NIF_TERM argv[])                        \
    {                                                                                     \
        type v;                                                                           \
        scratch mem;                                                                      \
        ERL_NIF_TERM result;                                                              \
        (void)argc;                                                                       \
        scratch_init(&mem);                                                               \
        if (impl##_get_##s(env, argv[0], &mem, &v)) {                                     \
            v = s##_roundtrip(v);                                                         \
            result = impl##_make_##s(env, &v);                                            \
        } else {                                                                          \
            result = enif_make_badarg(env);                                               \
        }                                                                                 \
        scratch_release(&mem);                                                            \
        return result;                                                                    \
    }

/* Field lists of the wide structs, shared by F1 and F2. */
#define TEN_FIELDS(X)                                                                     \
    X(id) X(seq) X(ts) X(value) X(low) X(high) X(count) X(total) X(flags) X(crc)
#define FORTY_FIELDS(X)                                                                   \
    X(f01) X(f02) X(f03) X(f04) X(f05) X(f06) X(f07) X(f08) X(f09) X(f10)                 \
    X(f11) X(f12) X(f13) X(f14) X(f15) X(f16) X(f17) X(f18) X(f19) X(f20)                 \
    X(f21) X(f22) X(f23) X(f24) X(f25) X(f26) X(f27) X(f28) X(f29) X(f30)                 \
    X(f31) X(f32) X(f33) X(f34) X(f35) X(f36) X(f37) X(f38) X(f39) X(f40)
#define FIELD_NAME(f) #f,

/*
 * The NIFs: <impl>_<scenario>_<operation>, e.g. f2_ten_decode. F1 covers
 * the scenarios whose terms have map keys to leave out.
 */
#define ALL_SCENARIOS(X) X(ten) X(mixed) X(frame) X(pixel) X(greek) X(cmd) X(list) X(blob) X(forty)
#define KEYED_SCENARIOS(X) X(ten) X(mixed) X(frame) X(list) X(blob) X(forty)

#define DECLARE_NIFS(impl, s)                                                           \
    ERL_NIF_TERM impl##_##s##_decode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);    \
    ERL_NIF_TERM impl##_##s##_encode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);    \
    ERL_NIF_TERM impl##_##s##_roundtrip(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
#define DECLARE_F1(s) DECLARE_NIFS(f1, s)
#define DECLARE_F2(s) DECLARE_NIFS(f2, s)
KEYED_SCENARIOS(DECLARE_F1)
ALL_SCENARIOS(DECLARE_F2)

ERL_NIF_TERM f0_noop(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
ERL_NIF_TERM f0_echo(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

#endif /* HANDWRITTEN_H */
