/*
 * f2_structs.c: F2, the hand-written floor, for the struct, map and record
 * scenarios. Decoders check the map's size once, then walk or look up its
 * keys (get_fields); encoders put values straight into the VM's key order,
 * so the map is built without sorting. The techniques of DESIGN §6, over
 * the public erl_nif API only.
 */
#include "handwritten.h"

static map_layout ten_layout, point_layout, mixed_layout, frame_layout, path_layout,
    blob_layout, forty_layout;
static ERL_NIF_TERM atom_pixel;

int f2_structs_load(ErlNifEnv *env)
{
    static const char *const ten[] = {TEN_FIELDS(FIELD_NAME)};
    static const char *const forty[] = {FORTY_FIELDS(FIELD_NAME)};
    static const char *const point[] = {"x", "y"};
    static const char *const mixed[] = {"origin", "name", "score", "active", "grade"};
    static const char *const frame[] = {"id", "x", "y", "width", "height", "scale", "visible",
                                        "layer"};
    static const char *const path[] = {"points"};
    static const char *const blob[] = {"id", "data"};

    atom_pixel = enif_make_atom(env, "pixel");
    return learn_layout(env, &ten_layout, "Elixir.Bench.Ten", ten, 10) &&
           learn_layout(env, &forty_layout, "Elixir.Bench.Forty", forty, 40) &&
           learn_layout(env, &point_layout, "Elixir.Bench.Point", point, 2) &&
           learn_layout(env, &mixed_layout, "Elixir.Bench.Mixed", mixed, 5) &&
           learn_layout(env, &frame_layout, NULL, frame, 8) &&
           learn_layout(env, &path_layout, "Elixir.Bench.Path", path, 1) &&
           learn_layout(env, &blob_layout, "Elixir.Bench.Blob", blob, 2);
}

/* ten: %Bench.Ten{id: 1, seq: 2, ..., crc: 10} */
static int f2_get_ten(ErlNifEnv *env, ERL_NIF_TERM t, ten_t *out)
{
    ERL_NIF_TERM v[11];
    unsigned f = 1;
    if (!get_fields(env, t, &ten_layout, v))
        return 0;
#define GET_I64(name)                                                                   \
    if (!get_i64(env, v[f++], &out->name))                                              \
        return 0;
    TEN_FIELDS(GET_I64)
    return 1;
}

static ERL_NIF_TERM f2_make_ten(ErlNifEnv *env, const ten_t *x)
{
    const map_layout *l = &ten_layout;
    ERL_NIF_TERM v[11];
    unsigned f = 1;
    v[l->slot[0]] = l->module;
#define PUT_I64(name) v[l->slot[f++]] = enif_make_int64(env, x->name);
    TEN_FIELDS(PUT_I64)
    return make_map(env, l, v);
}

SCENARIO_NIFS(f2, ten, ten_t)

/* forty: the same, 41 keys: a hashmap, decoded in one iterator pass. */
static int f2_get_forty(ErlNifEnv *env, ERL_NIF_TERM t, forty_t *out)
{
    ERL_NIF_TERM v[41];
    unsigned f = 1;
    if (!get_fields(env, t, &forty_layout, v))
        return 0;
    FORTY_FIELDS(GET_I64)
    return 1;
}

static ERL_NIF_TERM f2_make_forty(ErlNifEnv *env, const forty_t *x)
{
    const map_layout *l = &forty_layout;
    ERL_NIF_TERM v[41];
    unsigned f = 1;
    v[l->slot[0]] = l->module;
    FORTY_FIELDS(PUT_I64)
    return make_map(env, l, v);
}

SCENARIO_NIFS(f2, forty, forty_t)

/* point: %Bench.Point{x: 3, y: 4}, nested in mixed, cmd and list. */
int f2_get_point(ErlNifEnv *env, ERL_NIF_TERM t, point_t *out)
{
    ERL_NIF_TERM v[3];
    return get_fields(env, t, &point_layout, v) && get_i64(env, v[1], &out->x) &&
           get_i64(env, v[2], &out->y);
}

ERL_NIF_TERM f2_make_point(ErlNifEnv *env, const point_t *x)
{
    const map_layout *l = &point_layout;
    ERL_NIF_TERM v[3];
    v[l->slot[0]] = l->module;
    v[l->slot[1]] = enif_make_int64(env, x->x);
    v[l->slot[2]] = enif_make_int64(env, x->y);
    return make_map(env, l, v);
}

/* mixed: nested struct, string, float, bool, unit enum. */
static int f2_get_mixed(ErlNifEnv *env, ERL_NIF_TERM t, scratch *mem, mixed_t *out)
{
    ERL_NIF_TERM v[6];
    return get_fields(env, t, &mixed_layout, v) && f2_get_point(env, v[1], &out->origin) &&
           get_string(env, v[2], mem, &out->name) && get_double(env, v[3], &out->score) &&
           get_bool(v[4], &out->active) && greek_from_atom(v[5], &out->grade);
}

static ERL_NIF_TERM f2_make_mixed(ErlNifEnv *env, const mixed_t *x)
{
    const map_layout *l = &mixed_layout;
    ERL_NIF_TERM v[6];
    v[l->slot[0]] = l->module;
    v[l->slot[1]] = f2_make_point(env, &x->origin);
    v[l->slot[2]] = make_string(env, x->name);
    v[l->slot[3]] = enif_make_double(env, x->score);
    v[l->slot[4]] = make_bool(x->active);
    v[l->slot[5]] = greek_to_atom(x->grade);
    return make_map(env, l, v);
}

SCRATCH_SCENARIO_NIFS(f2, mixed, mixed_t)

/* frame: a plain map with atom keys. */
static int f2_get_frame(ErlNifEnv *env, ERL_NIF_TERM t, frame_t *out)
{
    ERL_NIF_TERM v[8];
    return get_fields(env, t, &frame_layout, v) && get_i64(env, v[0], &out->id) &&
           get_i32(env, v[1], &out->x) && get_i32(env, v[2], &out->y) &&
           get_u32(env, v[3], &out->width) && get_u32(env, v[4], &out->height) &&
           get_double(env, v[5], &out->scale) && get_bool(v[6], &out->visible) &&
           get_u8(env, v[7], &out->layer);
}

static ERL_NIF_TERM f2_make_frame(ErlNifEnv *env, const frame_t *x)
{
    const map_layout *l = &frame_layout;
    ERL_NIF_TERM v[8];
    v[l->slot[0]] = enif_make_int64(env, x->id);
    v[l->slot[1]] = enif_make_int(env, x->x);
    v[l->slot[2]] = enif_make_int(env, x->y);
    v[l->slot[3]] = enif_make_uint(env, x->width);
    v[l->slot[4]] = enif_make_uint(env, x->height);
    v[l->slot[5]] = enif_make_double(env, x->scale);
    v[l->slot[6]] = make_bool(x->visible);
    v[l->slot[7]] = enif_make_uint(env, x->layer);
    return make_map(env, l, v);
}

SCENARIO_NIFS(f2, frame, frame_t)

/* pixel: the record {:pixel, x, y, r, g, b, a}. */
static int f2_get_pixel(ErlNifEnv *env, ERL_NIF_TERM t, pixel_t *out)
{
    const ERL_NIF_TERM *e;
    int arity;
    return enif_get_tuple(env, t, &arity, &e) && arity == 7 && e[0] == atom_pixel &&
           get_i32(env, e[1], &out->x) && get_i32(env, e[2], &out->y) &&
           get_u8(env, e[3], &out->r) && get_u8(env, e[4], &out->g) &&
           get_u8(env, e[5], &out->b) && get_u8(env, e[6], &out->a);
}

static ERL_NIF_TERM f2_make_pixel(ErlNifEnv *env, const pixel_t *x)
{
    ERL_NIF_TERM e[7] = {atom_pixel,
                         enif_make_int(env, x->x),
                         enif_make_int(env, x->y),
                         enif_make_uint(env, x->r),
                         enif_make_uint(env, x->g),
                         enif_make_uint(env, x->b),
                         enif_make_uint(env, x->a)};
    return enif_make_tuple_from_array(env, e, 7);
}

SCENARIO_NIFS(f2, pixel, pixel_t)

/* list: %Bench.Path{points: [...]}: the length read once, one allocation. */
static int f2_get_list(ErlNifEnv *env, ERL_NIF_TERM t, scratch *mem, path_t *out)
{
    ERL_NIF_TERM v[2], list, head;
    unsigned length;
    point_t *points;

    if (!get_fields(env, t, &path_layout, v) || !enif_get_list_length(env, v[1], &length))
        return 0;
    if (!(points = scratch_alloc(mem, (size_t)length * sizeof *points)))
        return 0;
    list = v[1];
    for (unsigned i = 0; i < length; i++) {
        enif_get_list_cell(env, list, &head, &list);
        if (!f2_get_point(env, head, &points[i]))
            return 0;
    }
    out->points = points;
    out->count = length;
    return 1;
}

/* Built from the tail, so no array of element terms is needed. */
static ERL_NIF_TERM f2_make_list(ErlNifEnv *env, const path_t *x)
{
    const map_layout *l = &path_layout;
    ERL_NIF_TERM v[2], list = enif_make_list(env, 0);
    for (size_t i = x->count; i > 0; i--)
        list = enif_make_list_cell(env, f2_make_point(env, &x->points[i - 1]), list);
    v[l->slot[0]] = l->module;
    v[l->slot[1]] = list;
    return make_map(env, l, v);
}

SCRATCH_SCENARIO_NIFS(f2, list, path_t)

/*
 * blob: %Bench.Blob{id: 1, data: <<1 MB>>}. Decoding points into the
 * binary (zero-copy). Encoding copies, except in a round trip, where bytes
 * still inside the argument's binary become a sub-binary of it.
 */
static int get_blob(ErlNifEnv *env, ERL_NIF_TERM t, blob_t *out, ERL_NIF_TERM *data_term)
{
    ERL_NIF_TERM v[3];
    ErlNifBinary bin;
    if (!get_fields(env, t, &blob_layout, v) || !get_i64(env, v[1], &out->id) ||
        !enif_inspect_binary(env, v[2], &bin))
        return 0;
    out->data = (nif_binary){bin.data, bin.size};
    *data_term = v[2];
    return 1;
}

static ERL_NIF_TERM make_blob(ErlNifEnv *env, const blob_t *x, ERL_NIF_TERM source,
                              const blob_t *decoded)
{
    const map_layout *l = &blob_layout;
    ERL_NIF_TERM v[3];
    v[l->slot[0]] = l->module;
    v[l->slot[1]] = enif_make_int64(env, x->id);
    v[l->slot[2]] = make_binary(env, x->data, source, decoded ? &decoded->data : NULL);
    return make_map(env, l, v);
}

ERL_NIF_TERM f2_blob_decode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t v;
    ERL_NIF_TERM data;
    (void)argc;
    if (!get_blob(env, argv[0], &v, &data))
        return enif_make_badarg(env);
    return enif_make_int64(env, blob_decode(v));
}

ERL_NIF_TERM f2_blob_encode(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t v = blob_encode();
    (void)argc, (void)argv;
    return make_blob(env, &v, 0, NULL);
}

ERL_NIF_TERM f2_blob_roundtrip(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[])
{
    blob_t decoded, v;
    ERL_NIF_TERM data;
    (void)argc;
    if (!get_blob(env, argv[0], &decoded, &data))
        return enif_make_badarg(env);
    v = blob_roundtrip(decoded);
    return make_blob(env, &v, data, &decoded);
}
