/*
 * The examples of "Rust In Elixir — A Survival Guide", in C.
 * Each Rustler derive becomes an annotation; each #[rustler::nif] a prototype.
 */
#ifndef GUIDE_H
#define GUIDE_H

#include <nif_derive.h>

/* NifUnitEnum: :left | :center | :right */
typedef enum NIF_UNIT_ENUM { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } alignment_t;

/* NifTaggedEnum: :loading | {:redirect, path} | {:resize, %{width: w, height: h}} */
typedef enum { UI_EVENT_LOADING, UI_EVENT_REDIRECT, UI_EVENT_RESIZE } ui_event_kind;
typedef struct NIF_TAGGED_ENUM {
    ui_event_kind kind;
    union {
        const char *redirect;
        struct {
            uint32_t width;
            uint32_t height;
        } resize;
    };
} ui_event_t;

/* NifUntaggedEnum: an integer id or a name */
typedef enum { INPUT_ID, INPUT_NAME } input_kind;
typedef struct NIF_UNTAGGED_ENUM {
    input_kind kind;
    union {
        uint64_t id;
        const char *name;
    };
} input_t;

/* NifStruct and NifMap */
typedef struct NIF_STRUCT("Guide.Point") {
    int64_t x;
    int64_t y;
} point_t;

typedef struct NIF_MAP {
    int64_t x;
    int64_t y;
} delta_t;

/* NifMap with string fields: atom keys only, as in Rustler */
typedef struct NIF_MAP {
    const char *root;
    const char *path;
} asset_path_t;

/* A {name, count} pair: NifTuple */
typedef struct NIF_TUPLE {
    const char *name;
    int64_t count;
} name_count_t;

NIF_DIRTY_CPU const char *align(alignment_t alignment);
NIF_DIRTY_CPU const char *render_event(ui_event_t event);
NIF_DIRTY_CPU const char *describe_input(input_t input);
NIF_DIRTY_CPU point_t move_point(point_t point, delta_t delta);
NIF_DIRTY_CPU const char *rewrite_asset_url(const asset_path_t *asset_path);

/* Validation in C: a blank name raises ArgumentError. */
NIF_DIRTY_CPU const char *normalize_name(const char *name);

/* Lists as arguments and results. */
NIF_FUNCTION double sum_list(const double *numbers NIF_LEN(count), size_t count);
NIF_FUNCTION NIF_LEN(result_count) const char **process_pairs(const name_count_t *pairs NIF_LEN(count),
                                                              size_t count, size_t *result_count);

#endif
