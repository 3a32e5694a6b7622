/* The NIF functions of foreign.h. */
#include "foreign.h"
#include "everything_native.h"

#include <string.h>

ev_event_term_t echo_event(ev_event_term_t event) { return event; }
ev_style_term_t echo_style(ev_style_term_t style) { return style; }
sh_shape_term_t echo_sh_shape(sh_shape_term_t shape) { return shape; }
num_term_t echo_num(num_term_t num) { return num; }
ev_parser_term_t echo_parser(ev_parser_term_t parser) { return parser; }

bool parser_rest_is_zero(ev_parser_term_t parser)
{
    return parser.internal == NULL && parser.position.buffer == NULL;
}

static bool mark_is_zero(ev_mark_t mark) { return mark.index == 0 && mark.line == 0 && mark.column == 0; }

bool event_rest_is_zero(ev_event_term_t event)
{
    if (event.type == EV_SEQUENCE_START_EVENT &&
        (event.data.sequence_start.tag_directives.start || event.data.sequence_start.tag_directives.end))
        return false;
    return mark_is_zero(event.start_mark) && mark_is_zero(event.end_mark);
}

bool sh_shape_rest_is_zero(sh_shape_term_t shape) { return shape.refcount == 0 && shape.user_data == NULL; }

ev_event_term_t library_scalar(const char *value)
{
    ev_event_term_t event;

    memset(&event, 0xA5, sizeof event); /* what the library leaves in members without a term */
    event.type = EV_SCALAR_EVENT;
    event.data.scalar.anchor = NULL;
    event.data.scalar.tag = "tag:yaml.org,2002:str";
    event.data.scalar.value = (char *)value;
    event.data.scalar.length = strlen(value);
    event.data.scalar.plain_implicit = 1;
    event.data.scalar.style = EV_QUOTED_STYLE;
    event.start_mark = (ev_mark_t){.index = 1, .line = 2, .column = 3};
    event.end_mark = (ev_mark_t){.index = 4, .line = 5, .column = 6};
    return event;
}

ev_style_term_t folded_style(void) { return EV_FOLDED_STYLE; }

sh_shape_term_t group_shape(void)
{
    sh_shape_term_t shape = {.kind = SH_GROUP_KIND, .refcount = 1};
    return shape;
}
