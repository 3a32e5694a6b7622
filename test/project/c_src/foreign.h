/*
 * Foreign tagged unions (DESIGN §9): foreign_events.h stands for a library
 * header the user cannot edit; these typedefs map its types as they are.
 */
#ifndef FOREIGN_H
#define FOREIGN_H

#include <stdbool.h>

#include <nif_derive.h>

#include "foreign_events.h"

/* :any, :plain, :quoted_style; EV_FOLDED_STYLE is left out: encoding it fails */
typedef ev_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(EV_ANY_STYLE, "any")
    NIF_RENAME_FIELD(EV_PLAIN_STYLE, "plain") NIF_SKIP(EV_FOLDED_STYLE) ev_style_term_t;

/* libyaml's shape: arms paired by NIF_ARM, options by dotted paths, the marks left out */
typedef ev_event_t NIF_TAGGED_ENUM
    NIF_ARM(EV_STREAM_START_EVENT, stream_start) NIF_ARM(EV_SCALAR_EVENT, data.scalar)
    NIF_ARM(EV_SEQUENCE_START_EVENT, sequence_start) NIF_ARM(EV_ALIAS_EVENT, alias)
    NIF_RENAME_FIELD(EV_SCALAR_EVENT, "scalar") NIF_RENAME_FIELD(EV_STREAM_END_EVENT, "stream_end")
    NIF_LEN_FIELD(data.scalar.value, data.scalar.length) NIF_OPTIONAL_FIELD(data.scalar.anchor)
    NIF_OPTIONAL_FIELD(data.scalar.tag) NIF_RENAME_FIELD(data.scalar.plain_implicit, "plain")
    NIF_OPTIONAL_FIELD(data.sequence_start.anchor) NIF_OPTIONAL_FIELD(data.sequence_start.tag)
    NIF_SKIP(data.sequence_start.tag_directives) NIF_SKIP(start_mark, end_mark) ev_event_term_t;

/* arms in an anonymous union between bookkeeping members; SH_GROUP_KIND is left out */
typedef sh_shape_t NIF_TAGGED_ENUM NIF_ARM(SH_CIRCLE_KIND, radius) NIF_ARM(SH_RECT_KIND, rect)
    NIF_ARM(SH_LABEL_KIND, text) NIF_RENAME_FIELD(SH_LABEL_KIND, "label")
    NIF_SKIP(refcount, user_data, SH_GROUP_KIND) sh_shape_term_t;

/* the active arm's own term: an integer or a float */
typedef num_t NIF_UNTAGGED_ENUM NIF_ARM(NUM_INT, as.i) NIF_ARM(NUM_REAL, d) NIF_SKIP(flags) num_term_t;

/* a map whose nested anonymous struct `position` dotted paths enter */
typedef ev_parser_t NIF_MAP NIF_SKIP(internal, position.buffer)
    NIF_RENAME_FIELD(position.line, "row") ev_parser_term_t;

NIF_FUNCTION ev_event_term_t echo_event(ev_event_term_t event);
NIF_FUNCTION ev_parser_term_t echo_parser(ev_parser_term_t parser);
/* true when decode left internal and position.buffer zero */
NIF_FUNCTION bool parser_rest_is_zero(ev_parser_term_t parser);
NIF_FUNCTION ev_style_term_t echo_style(ev_style_term_t style);
NIF_FUNCTION sh_shape_term_t echo_sh_shape(sh_shape_term_t shape);
NIF_FUNCTION num_term_t echo_num(num_term_t num);
/* true when decode left the members without a term zero: the marks, tag_directives */
NIF_FUNCTION bool event_rest_is_zero(ev_event_term_t event);
/* true when decode left refcount and user_data zero */
NIF_FUNCTION bool sh_shape_rest_is_zero(sh_shape_term_t shape);
/* a scalar event as the library makes one, its marks set: encode leaves them out */
NIF_FUNCTION ev_event_term_t library_scalar(const char *value);
/* raise RuntimeError: values of the enumerators left out */
NIF_FUNCTION ev_style_term_t folded_style(void);
NIF_FUNCTION sh_shape_term_t group_shape(void);

#endif /* FOREIGN_H */
