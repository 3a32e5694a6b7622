/*
 * The two NIFs of yaml_events.h: libyaml's parser and emitter, event by
 * event. Decoding and encoding the events is generated; this file only
 * copies what libyaml owns into the call's memory and hands events back to
 * libyaml's initialisers.
 */
#include "yaml_events.h"
#include "yaml_native.h"

#include <limits.h>
#include <string.h>

/* A copy of a NUL-terminated libyaml string in the call's memory (NULL stays NULL). */
static yaml_char_t *keep_string(const yaml_char_t *text)
{
    return text == NULL ? NULL : (yaml_char_t *)nif_strdup((const char *)text);
}

/* The event, its strings copied into the call's memory, so libyaml's copy can be deleted. */
static int keep(yaml_event_t *out, const yaml_event_t *event)
{
    *out = *event;
    switch (event->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (event->data.document_start.version_directive != NULL) {
            out->data.document_start.version_directive =
                nif_alloc(sizeof *out->data.document_start.version_directive);
            if (out->data.document_start.version_directive == NULL)
                return 0;
            *out->data.document_start.version_directive =
                *event->data.document_start.version_directive;
        }
        out->data.document_start.tag_directives.start = NULL;
        out->data.document_start.tag_directives.end = NULL;
        return 1;
    case YAML_ALIAS_EVENT:
        out->data.alias.anchor = keep_string(event->data.alias.anchor);
        return 1;
    case YAML_SCALAR_EVENT:
        out->data.scalar.anchor = keep_string(event->data.scalar.anchor);
        out->data.scalar.tag = keep_string(event->data.scalar.tag);
        out->data.scalar.value = nif_alloc(event->data.scalar.length + 1);
        if (out->data.scalar.value == NULL)
            return 0;
        memcpy(out->data.scalar.value, event->data.scalar.value, event->data.scalar.length);
        return 1;
    case YAML_SEQUENCE_START_EVENT:
        out->data.sequence_start.anchor = keep_string(event->data.sequence_start.anchor);
        out->data.sequence_start.tag = keep_string(event->data.sequence_start.tag);
        return 1;
    case YAML_MAPPING_START_EVENT:
        out->data.mapping_start.anchor = keep_string(event->data.mapping_start.anchor);
        out->data.mapping_start.tag = keep_string(event->data.mapping_start.tag);
        return 1;
    default:
        return 1;
    }
}

static ERL_NIF_TERM parse_error(const yaml_parser_t *parser)
{
    nif_call *call = nif_current_call();
    yaml_parse_error_t error = {
        .problem = parser->problem != NULL ? parser->problem : "no memory",
        .problem_mark = parser->problem_mark,
        .context = parser->context,
        .context_mark = parser->context_mark,
    };

    /* libyaml's lines and columns count from 0; people count from 1 */
    error.message = nif_sprintf("%s at line %zu column %zu", error.problem,
                                parser->problem_mark.line + 1, parser->problem_mark.column + 1);
    return nif_encode_yaml_parse_error_t(call, &error);
}

yaml_event_term_t *yaml_parse_events(nif_binary yaml, size_t *count)
{
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_event_term_t *events = NULL;
    size_t capacity = 0;
    int done = 0;

    *count = 0;
    if (!yaml_parser_initialize(&parser)) {
        nif_raise(enif_make_atom(nif_current_call()->env, "enomem"));
        return NULL;
    }
    yaml_parser_set_input_string(&parser, yaml.data, yaml.size);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            nif_raise(parse_error(&parser));
            break;
        }
        if (*count == capacity) {
            /* the arena has no realloc: grow by doubling, the old arrays freed with the call */
            yaml_event_term_t *grown;

            capacity = capacity == 0 ? 16 : 2 * capacity;
            grown = nif_alloc(capacity * sizeof *grown);
            if (grown == NULL) {
                yaml_event_delete(&event);
                break;
            }
            if (*count > 0)
                memcpy(grown, events, *count * sizeof *grown);
            events = grown;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        if (!keep(&events[*count], &event)) {
            yaml_event_delete(&event);
            break;
        }
        (*count)++;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return events;
}

/* The emitter's output, collected in the call's memory. */
typedef struct {
    unsigned char *data;
    size_t size, capacity;
} output_t;

static int write_output(void *data, unsigned char *buffer, size_t size)
{
    output_t *out = data;

    if (size > out->capacity - out->size) {
        size_t capacity = out->capacity == 0 ? 256 : out->capacity;
        unsigned char *grown;

        while (capacity - out->size < size)
            capacity *= 2;
        grown = nif_alloc(capacity);
        if (grown == NULL)
            return 0;
        if (out->size > 0)
            memcpy(grown, out->data, out->size);
        out->data = grown;
        out->capacity = capacity;
    }
    memcpy(out->data + out->size, buffer, size);
    out->size += size;
    return 1;
}

/* `term`, an event decoded into the call's memory, made again by libyaml's initialiser. */
static int initialize(yaml_event_t *event, const yaml_event_term_t *term)
{
    switch (term->type) {
    case YAML_STREAM_START_EVENT:
        return yaml_stream_start_event_initialize(event, term->data.stream_start.encoding);
    case YAML_STREAM_END_EVENT:
        return yaml_stream_end_event_initialize(event);
    case YAML_DOCUMENT_START_EVENT:
        return yaml_document_start_event_initialize(event,
                                                    term->data.document_start.version_directive,
                                                    NULL, NULL, term->data.document_start.implicit);
    case YAML_DOCUMENT_END_EVENT:
        return yaml_document_end_event_initialize(event, term->data.document_end.implicit);
    case YAML_ALIAS_EVENT:
        /* libyaml asserts (aborts the VM) on a NULL anchor: refuse it first */
        if (term->data.alias.anchor == NULL)
            return 0;
        return yaml_alias_event_initialize(event, term->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        if (term->data.scalar.length > INT_MAX)
            return 0;
        return yaml_scalar_event_initialize(
            event, term->data.scalar.anchor, term->data.scalar.tag,
            term->data.scalar.value != NULL ? term->data.scalar.value : (yaml_char_t *)"",
            (int)term->data.scalar.length, term->data.scalar.plain_implicit,
            term->data.scalar.quoted_implicit, term->data.scalar.style);
    case YAML_SEQUENCE_START_EVENT:
        return yaml_sequence_start_event_initialize(
            event, term->data.sequence_start.anchor, term->data.sequence_start.tag,
            term->data.sequence_start.implicit, term->data.sequence_start.style);
    case YAML_SEQUENCE_END_EVENT:
        return yaml_sequence_end_event_initialize(event);
    case YAML_MAPPING_START_EVENT:
        return yaml_mapping_start_event_initialize(
            event, term->data.mapping_start.anchor, term->data.mapping_start.tag,
            term->data.mapping_start.implicit, term->data.mapping_start.style);
    case YAML_MAPPING_END_EVENT:
        return yaml_mapping_end_event_initialize(event);
    default:
        return 0;
    }
}

static void emit_error(const char *problem, size_t index)
{
    nif_call *call = nif_current_call();
    yaml_emit_error_t error = {.message = nif_sprintf("event %zu: %s", index, problem)};

    nif_raise(nif_encode_yaml_emit_error_t(call, &error));
}

nif_binary yaml_emit_events(const yaml_event_term_t *events, size_t count)
{
    yaml_emitter_t emitter;
    yaml_event_t event;
    output_t out = {NULL, 0, 0};
    size_t i;

    if (!yaml_emitter_initialize(&emitter)) {
        nif_raise(enif_make_atom(nif_current_call()->env, "enomem"));
        return (nif_binary){NULL, 0};
    }
    yaml_emitter_set_output(&emitter, write_output, &out);
    yaml_emitter_set_unicode(&emitter, 1);
    for (i = 0; i < count; i++) {
        if (!initialize(&event, &events[i])) {
            emit_error("libyaml cannot make this event (an alias without an anchor, or an anchor "
                       "or tag that is not UTF-8)",
                       i);
            break;
        }
        /* yaml_emitter_emit takes the event, and deletes it also when it fails */
        if (!yaml_emitter_emit(&emitter, &event)) {
            emit_error(emitter.problem != NULL ? emitter.problem : "out of memory", i);
            break;
        }
    }
    if (i == count && !yaml_emitter_flush(&emitter))
        emit_error("cannot flush the output", i);
    yaml_emitter_delete(&emitter);
    return (nif_binary){out.data, out.size};
}
