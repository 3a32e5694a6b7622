/*
 * A stand-in for a C library's header that its users cannot edit (no
 * nif_derive annotations), shaped like libyaml's yaml.h: a tagged union whose
 * tag is the first member, whose arms are a named union `data` of one struct
 * per event, followed by members of the library's own (the marks); a shape
 * whose arms are an anonymous union between bookkeeping members; and a number
 * whose union `as` is named; a parser state with a nested anonymous struct.
 * foreign.h maps them.
 */
#ifndef FOREIGN_EVENTS_H
#define FOREIGN_EVENTS_H

#include <stddef.h>
#include <stdint.h>

typedef enum ev_style_e { EV_ANY_STYLE, EV_PLAIN_STYLE, EV_QUOTED_STYLE, EV_FOLDED_STYLE } ev_style_t;

typedef enum ev_type_e {
    EV_NO_EVENT,
    EV_STREAM_START_EVENT,
    EV_STREAM_END_EVENT,
    EV_SCALAR_EVENT,
    EV_SEQUENCE_START_EVENT,
    EV_SEQUENCE_END_EVENT,
    EV_ALIAS_EVENT
} ev_type_t;

typedef struct ev_mark_s {
    size_t index;
    size_t line;
    size_t column;
} ev_mark_t;

typedef struct ev_event_s {
    ev_type_t type;
    union {
        struct {
            int encoding;
        } stream_start;
        struct {
            char *anchor;
            char *tag;
            char *value;
            size_t length;
            int plain_implicit;
            ev_style_t style;
        } scalar;
        struct {
            char *anchor;
            char *tag;
            int implicit;
            struct {
                void *start;
                void *end;
            } tag_directives;
        } sequence_start;
        struct {
            char *anchor;
        } alias;
    } data;
    ev_mark_t start_mark;
    ev_mark_t end_mark;
} ev_event_t;

typedef enum sh_kind_e { SH_NONE, SH_CIRCLE_KIND, SH_RECT_KIND, SH_LABEL_KIND, SH_GROUP_KIND } sh_kind_t;

typedef struct sh_shape_s {
    sh_kind_t kind;
    unsigned refcount;
    union {
        double radius;
        struct {
            int32_t w;
            int32_t h;
        } rect;
        const char *text;
    };
    void *user_data;
} sh_shape_t;

typedef enum num_kind_e { NUM_INT, NUM_REAL } num_kind_t;

typedef struct num_s {
    num_kind_t kind;
    union {
        long i;
        double d;
    } as;
    unsigned flags;
} num_t;

typedef struct ev_parser_s {
    int version;
    struct {
        size_t line;
        size_t column;
        void *buffer;
    } position;
    void *internal;
} ev_parser_t;

#endif /* FOREIGN_EVENTS_H */
