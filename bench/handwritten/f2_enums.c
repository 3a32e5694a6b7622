/*
 * f2_enums.c: F2, the hand-written floor, for the unit enum (greek) and the
 * tagged enum (cmd). An atom's value is found by binary search over the
 * enum's atom terms, sorted at load; encoding indexes an array of atoms.
 */
#include "handwritten.h"

static atom_table greek_atoms, cmd_atoms;
static map_layout rect_layout, circle_layout, color_layout, resize_layout;

int f2_enums_load(ErlNifEnv *env)
{
    static const char *const greek[] = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta",    "eta",
        "theta", "iota", "kappa", "lambda", "mu",     "nu",      "xi",
        "omicron", "pi", "rho",   "sigma", "tau",    "upsilon"};
    static const char *const cmd[] = {
        "noop",         "clear",  "flush",  "save",    "restore", "begin_path",
        "close_path",   "fill",   "stroke_width", "layer", "label", "visible",
        "grade",        "origin", "move_to", "line_to", "scale",  "translate",
        "rect",         "circle", "color",  "resize"};
    static const char *const rect[] = {"x", "y", "w", "h"};
    static const char *const circle[] = {"cx", "cy", "r"};
    static const char *const color[] = {"r", "g", "b", "a"};
    static const char *const resize[] = {"width", "height"};

    return learn_atoms(env, &greek_atoms, greek, 20) && learn_atoms(env, &cmd_atoms, cmd, 22) &&
           learn_layout(env, &rect_layout, NULL, rect, 4) &&
           learn_layout(env, &circle_layout, NULL, circle, 3) &&
           learn_layout(env, &color_layout, NULL, color, 4) &&
           learn_layout(env, &resize_layout, NULL, resize, 2);
}

int greek_from_atom(ERL_NIF_TERM t, greek_t *out)
{
    int value = atom_value(&greek_atoms, t);
    if (value < 0)
        return 0;
    *out = (greek_t)value;
    return 1;
}

ERL_NIF_TERM greek_to_atom(greek_t v) { return greek_atoms.by_value[v]; }

static int f2_get_greek(ErlNifEnv *env, ERL_NIF_TERM t, greek_t *out)
{
    (void)env;
    return greek_from_atom(t, out);
}

static ERL_NIF_TERM f2_make_greek(ErlNifEnv *env, const greek_t *v)
{
    (void)env;
    return greek_to_atom(*v);
}

SCENARIO_NIFS(f2, greek, greek_t)

/* Named arms are maps: {:resize, %{width: 800, height: 600}}. */
static int get_rect(ErlNifEnv *env, ERL_NIF_TERM t, cmd_t *out)
{
    ERL_NIF_TERM v[4];
    return get_fields(env, t, &rect_layout, v) && get_i64(env, v[0], &out->rect.x) &&
           get_i64(env, v[1], &out->rect.y) && get_i64(env, v[2], &out->rect.w) &&
           get_i64(env, v[3], &out->rect.h);
}

static int get_circle(ErlNifEnv *env, ERL_NIF_TERM t, cmd_t *out)
{
    ERL_NIF_TERM v[3];
    return get_fields(env, t, &circle_layout, v) && get_i64(env, v[0], &out->circle.cx) &&
           get_i64(env, v[1], &out->circle.cy) && get_i64(env, v[2], &out->circle.r);
}

static int get_color(ErlNifEnv *env, ERL_NIF_TERM t, cmd_t *out)
{
    ERL_NIF_TERM v[4];
    return get_fields(env, t, &color_layout, v) && get_u8(env, v[0], &out->color.r) &&
           get_u8(env, v[1], &out->color.g) && get_u8(env, v[2], &out->color.b) &&
           get_u8(env, v[3], &out->color.a);
}

static int get_resize(ErlNifEnv *env, ERL_NIF_TERM t, cmd_t *out)
{
    ERL_NIF_TERM v[2];
    return get_fields(env, t, &resize_layout, v) && get_u32(env, v[0], &out->resize.width) &&
           get_u32(env, v[1], &out->resize.height);
}

static int f2_get_cmd(ErlNifEnv *env, ERL_NIF_TERM t, scratch *mem, cmd_t *out)
{
    const ERL_NIF_TERM *e;
    int arity, kind = atom_value(&cmd_atoms, t);

    if (kind >= 0) { /* a bare atom: a unit variant */
        out->kind = (cmd_kind)kind;
        return kind < CMD_STROKE_WIDTH;
    }
    if (!enif_get_tuple(env, t, &arity, &e) || arity < 2 ||
        (kind = atom_value(&cmd_atoms, e[0])) < CMD_STROKE_WIDTH)
        return 0;
    out->kind = (cmd_kind)kind;
    switch (out->kind) {
    case CMD_STROKE_WIDTH:
        return arity == 2 && get_double(env, e[1], &out->stroke_width);
    case CMD_LAYER:
        return arity == 2 && get_i64(env, e[1], &out->layer);
    case CMD_LABEL:
        return arity == 2 && get_string(env, e[1], mem, &out->label);
    case CMD_VISIBLE:
        return arity == 2 && get_bool(e[1], &out->visible);
    case CMD_GRADE:
        return arity == 2 && greek_from_atom(e[1], &out->grade);
    case CMD_ORIGIN:
        return arity == 2 && f2_get_point(env, e[1], &out->origin);
    case CMD_MOVE_TO:
        return arity == 3 && get_i64(env, e[1], &out->move_to.x) &&
               get_i64(env, e[2], &out->move_to.y);
    case CMD_LINE_TO:
        return arity == 3 && get_i64(env, e[1], &out->line_to.x) &&
               get_i64(env, e[2], &out->line_to.y);
    case CMD_SCALE:
        return arity == 3 && get_double(env, e[1], &out->scale.sx) &&
               get_double(env, e[2], &out->scale.sy);
    case CMD_TRANSLATE:
        return arity == 3 && get_i64(env, e[1], &out->translate.dx) &&
               get_i64(env, e[2], &out->translate.dy);
    case CMD_RECT:
        return arity == 2 && get_rect(env, e[1], out);
    case CMD_CIRCLE:
        return arity == 2 && get_circle(env, e[1], out);
    case CMD_COLOR:
        return arity == 2 && get_color(env, e[1], out);
    case CMD_RESIZE:
        return arity == 2 && get_resize(env, e[1], out);
    default:
        return 0;
    }
}

static ERL_NIF_TERM tuple2(ErlNifEnv *env, ERL_NIF_TERM a, ERL_NIF_TERM b)
{
    ERL_NIF_TERM e[2] = {a, b};
    return enif_make_tuple_from_array(env, e, 2);
}

static ERL_NIF_TERM tuple3(ErlNifEnv *env, ERL_NIF_TERM a, ERL_NIF_TERM b, ERL_NIF_TERM c)
{
    ERL_NIF_TERM e[3] = {a, b, c};
    return enif_make_tuple_from_array(env, e, 3);
}

static ERL_NIF_TERM f2_make_cmd(ErlNifEnv *env, const cmd_t *x)
{
    ERL_NIF_TERM tag = cmd_atoms.by_value[x->kind], v[4];

    switch (x->kind) {
    case CMD_STROKE_WIDTH:
        return tuple2(env, tag, enif_make_double(env, x->stroke_width));
    case CMD_LAYER:
        return tuple2(env, tag, enif_make_int64(env, x->layer));
    case CMD_LABEL:
        return tuple2(env, tag, make_string(env, x->label));
    case CMD_VISIBLE:
        return tuple2(env, tag, make_bool(x->visible));
    case CMD_GRADE:
        return tuple2(env, tag, greek_atoms.by_value[x->grade]);
    case CMD_ORIGIN:
        return tuple2(env, tag, f2_make_point(env, &x->origin));
    case CMD_MOVE_TO:
        return tuple3(env, tag, enif_make_int64(env, x->move_to.x),
                      enif_make_int64(env, x->move_to.y));
    case CMD_LINE_TO:
        return tuple3(env, tag, enif_make_int64(env, x->line_to.x),
                      enif_make_int64(env, x->line_to.y));
    case CMD_SCALE:
        return tuple3(env, tag, enif_make_double(env, x->scale.sx),
                      enif_make_double(env, x->scale.sy));
    case CMD_TRANSLATE:
        return tuple3(env, tag, enif_make_int64(env, x->translate.dx),
                      enif_make_int64(env, x->translate.dy));
    case CMD_RECT:
        v[rect_layout.slot[0]] = enif_make_int64(env, x->rect.x);
        v[rect_layout.slot[1]] = enif_make_int64(env, x->rect.y);
        v[rect_layout.slot[2]] = enif_make_int64(env, x->rect.w);
        v[rect_layout.slot[3]] = enif_make_int64(env, x->rect.h);
        return tuple2(env, tag, make_map(env, &rect_layout, v));
    case CMD_CIRCLE:
        v[circle_layout.slot[0]] = enif_make_int64(env, x->circle.cx);
        v[circle_layout.slot[1]] = enif_make_int64(env, x->circle.cy);
        v[circle_layout.slot[2]] = enif_make_int64(env, x->circle.r);
        return tuple2(env, tag, make_map(env, &circle_layout, v));
    case CMD_COLOR:
        v[color_layout.slot[0]] = enif_make_uint(env, x->color.r);
        v[color_layout.slot[1]] = enif_make_uint(env, x->color.g);
        v[color_layout.slot[2]] = enif_make_uint(env, x->color.b);
        v[color_layout.slot[3]] = enif_make_uint(env, x->color.a);
        return tuple2(env, tag, make_map(env, &color_layout, v));
    case CMD_RESIZE:
        v[resize_layout.slot[0]] = enif_make_uint(env, x->resize.width);
        v[resize_layout.slot[1]] = enif_make_uint(env, x->resize.height);
        return tuple2(env, tag, make_map(env, &resize_layout, v));
    default: /* unit variants */
        return tag;
    }
}

SCRATCH_SCENARIO_NIFS(f2, cmd, cmd_t)
