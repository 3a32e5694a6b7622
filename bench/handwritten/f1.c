/*
 * f1.c: F1, the same values as positional tuples: %Bench.Ten{a: 1, ...}
 * becomes {1, ..., 10}, nested structs become nested tuples, enum atoms
 * stay atoms. The gap between F1 and F2 is the price of the keys.
 */
#include "handwritten.h"

/* The tuple's elements, when it has exactly `arity` of them. */
static inline int get_tuple(ErlNifEnv *env, ERL_NIF_TERM t, int arity, const ERL_NIF_TERM **e)
{
    int actual;
    return enif_get_tuple(env, t, &actual, e) && actual == arity;
}

/* ten: {1, ..., 10} */
static int f1_get_ten(ErlNifEnv *env, ERL_NIF_TERM t, ten_t *out)
{
    const ERL_NIF_TERM *e;
    unsigned i = 0;
    if (!get_tuple(env, t, 10, &e))
        return 0;
#define GET_I64(name)                                                                   \
    if (!get_i64(env, e[i++], &out->name))                                              \
        return 0;
    TEN_FIELDS(GET_I64)
    return 1;
}

static ERL_NIF_TERM f1_make_ten(ErlNifEnv *env, const ten_t *x)
{
    ERL_NIF_TERM e[10];
    unsigned i = 0;
#define PUT_I64(name) e[i++] = enif_make_int64(env, x->name);
    TEN_FIELDS(PUT_I64)
    return enif_make_tuple_from_array(env, e, 10);
}

SCENARIO_NIFS(f1, ten, ten_t)

/* forty: {1, ..., 40} */
static int f1_get_forty(ErlNifEnv *env, ERL_NIF_TERM t, forty_t *out)
{
    const ERL_NIF_TERM *e;
    unsigned i = 0;
    if (!get_tuple(env, t, 40, &e))
        return 0;
    FORTY_FIELDS(GET_I64)
    return 1;
}

static ERL_NIF_TERM f1_make_forty(ErlNifEnv *env, const forty_t *x)
{
    ERL_NIF_TERM e[40];
    unsigned i = 0;
    FORTY_FIELDS(PUT_I64)
    return enif_make_tuple_from_array(env, e, 40);
}

SCENARIO_NIFS(f1, forty, forty_t)

/* point: {3, 4} */
static int f1_get_point(ErlNifEnv *env, ERL_NIF_TERM t, point_t *out)
{
    const ERL_NIF_TERM *e;
    return get_tuple(env, t, 2, &e) && get_i64(env, e[0], &out->x) &&
           get_i64(env, e[1], &out->y);
}

static ERL_NIF_TERM f1_make_point(ErlNifEnv *env, const point_t *x)
{
    ERL_NIF_TERM e[2] = {enif_make_int64(env, x->x), enif_make_int64(env, x->y)};
    return enif_make_tuple_from_array(env, e, 2);
}

/* mixed: {{3, 4}, "hello nif_derive", 2.5, true, :upsilon} */
static int f1_get_mixed(ErlNifEnv *env, ERL_NIF_TERM t, scratch *mem, mixed_t *out)
{
    const ERL_NIF_TERM *e;
    return get_tuple(env, t, 5, &e) && f1_get_point(env, e[0], &out->origin) &&
           get_string(env, e[1], mem, &out->name) && get_double(env, e[2], &out->score) &&
           get_bool(e[3], &out->active) && greek_from_atom(e[4], &out->grade);
}

static ERL_NIF_TERM f1_make_mixed(ErlNifEnv *env, const mixed_t *x)
{
    ERL_NIF_TERM e[5] = {f1_make_point(env, &x->origin), make_string(env, x->name),
                         enif_make_double(env, x->score), make_bool(x->active),
                         greek_to_atom(x->grade)};
    return enif_make_tuple_from_array(env, e, 5);
}

SCRATCH_SCENARIO_NIFS(f1, mixed, mixed_t)

/* frame: {7, -10, 20, 800, 600, 1.5, true, 3} */
static int f1_get_frame(ErlNifEnv *env, ERL_NIF_TERM t, frame_t *out)
{
    const ERL_NIF_TERM *e;
    return get_tuple(env, t, 8, &e) && get_i64(env, e[0], &out->id) &&
           get_i32(env, e[1], &out->x) && get_i32(env, e[2], &out->y) &&
           get_u32(env, e[3], &out->width) && get_u32(env, e[4], &out->height) &&
           get_double(env, e[5], &out->scale) && get_bool(e[6], &out->visible) &&
           get_u8(env, e[7], &out->layer);
}

static ERL_NIF_TERM f1_make_frame(ErlNifEnv *env, const frame_t *x)
{
    ERL_NIF_TERM e[8] = {enif_make_int64(env, x->id),     enif_make_int(env, x->x),
                         enif_make_int(env, x->y),        enif_make_uint(env, x->width),
                         enif_make_uint(env, x->height),  enif_make_double(env, x->scale),
                         make_bool(x->visible),           enif_make_uint(env, x->layer)};
    return enif_make_tuple_from_array(env, e, 8);
}

SCENARIO_NIFS(f1, frame, frame_t)

/* list: {[{0, 0}, {1, -1}, ...]} */
static int f1_get_list(ErlNifEnv *env, ERL_NIF_TERM t, scratch *mem, path_t *out)
{
    const ERL_NIF_TERM *e;
    ERL_NIF_TERM list, head;
    unsigned length;
    point_t *points;

    if (!get_tuple(env, t, 1, &e) || !enif_get_list_length(env, e[0], &length))
        return 0;
    if (!(points = scratch_alloc(mem, (size_t)length * sizeof *points)))
        return 0;
    list = e[0];
    for (unsigned i = 0; i < length; i++) {
        enif_get_list_cell(env, list, &head, &list);
        if (!f1_get_point(env, head, &points[i]))
            return 0;
    }
    out->points = points;
    out->count = length;
    return 1;
}

static ERL_NIF_TERM f1_make_list(ErlNifEnv *env, const path_t *x)
{
    ERL_NIF_TERM list = enif_make_list(env, 0);
    for (size_t i = x->count; i > 0; i--)
        list = enif_make_list_cell(env, f1_make_point(env, &x->points[i - 1]), list);
    return enif_make_tuple_from_array(env, &list, 1);
}

SCRATCH_SCENARIO_NIFS(f1, list, path_t)

/* blob: {1, <<1 MB>>}; like F2, a round trip hands back a sub-binary. */
static int get_blob(ErlNifEnv *env, ERL_NIF_TERM t, blob_t *out, ERL_NIF_TERM *data_term)
{
    const ERL_NIF_TERM *e;
    ErlNifBinary bin;
    if (!get_tuple(env, t, 2, &e) || !get_i64(env, e[0], &out->id) ||
        !enif_inspect_binary(env, e[1], &bin))
        return 0;
    out->data = (nif_binary){bin.data, bin.size};
    *data_term = e[1];
    return 1;
}

static ERL_NIF_TERM make_blob(ErlNifEnv *env, const blob_t *x, ERL_NIF_TERM source,
                              const blob_t *decoded)
{
    ERL_NIF_TERM e[2] = {enif_make_int64(env, x->id),
                         make_binary(env, x->data, source, decoded ? &decoded->data : NULL)};
    return enif_make_tuple_from_array(env, e, 2);
}

ERL_NIF_TERM f1_blob_decode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t v;
    ERL_NIF_TERM data;
    (void)argc;
    if (!get_blob(env, argv[0], &v, &data))
        return enif_make_badarg(env);
    return enif_make_int64(env, blob_decode(v));
}

ERL_NIF_TERM f1_blob_encode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t v = blob_encode();
    (void)argc, (void)argv;
    return make_blob(env, &v, 0, NULL);
}

ERL_NIF_TERM f1_blob_roundtrip(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t decoded, v;
    ERL_NIF_TERM data;
    (void)argc;
    if (!get_blob(env, argv[0], &decoded, &data))
        return enif_make_badarg(env);
    v = blob_roundtrip(decoded);
    return make_blob(env, &v, data, &decoded);
}
