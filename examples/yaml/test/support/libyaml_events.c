/*
 * The reference the tests compare with: libyaml used directly, no nif_derive.
 *   libyaml_events events < input   one line per event, every field (below)
 *   libyaml_events echo < input     the input parsed and emitted again by libyaml
 * A parse error prints "error" and the parser's problem, context and marks.
 * Event lines: the type number, then the fields in yaml_event_t order, strings
 * as hex ("-" for NULL), separated by spaces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static void hex(const unsigned char *text, size_t length)
{
    if (text == NULL) {
        printf(" -");
        return;
    }
    printf(" x");
    for (size_t i = 0; i < length; i++)
        printf("%02x", text[i]);
}

static void string(const unsigned char *text)
{
    hex(text, text == NULL ? 0 : strlen((const char *)text));
}

static void print(const yaml_event_t *e)
{
    printf("%d", (int)e->type);
    switch (e->type) {
    case YAML_STREAM_START_EVENT:
        printf(" %d", (int)e->data.stream_start.encoding);
        break;
    case YAML_DOCUMENT_START_EVENT:
        if (e->data.document_start.version_directive == NULL)
            printf(" -");
        else
            printf(" %d.%d", e->data.document_start.version_directive->major,
                   e->data.document_start.version_directive->minor);
        printf(" %d", e->data.document_start.implicit != 0);
        break;
    case YAML_DOCUMENT_END_EVENT:
        printf(" %d", e->data.document_end.implicit != 0);
        break;
    case YAML_ALIAS_EVENT:
        string(e->data.alias.anchor);
        break;
    case YAML_SCALAR_EVENT:
        string(e->data.scalar.anchor);
        string(e->data.scalar.tag);
        hex(e->data.scalar.value, e->data.scalar.length);
        printf(" %d %d %d", e->data.scalar.plain_implicit != 0, e->data.scalar.quoted_implicit != 0,
               (int)e->data.scalar.style);
        break;
    case YAML_SEQUENCE_START_EVENT:
        string(e->data.sequence_start.anchor);
        string(e->data.sequence_start.tag);
        printf(" %d %d", e->data.sequence_start.implicit != 0, (int)e->data.sequence_start.style);
        break;
    case YAML_MAPPING_START_EVENT:
        string(e->data.mapping_start.anchor);
        string(e->data.mapping_start.tag);
        printf(" %d %d", e->data.mapping_start.implicit != 0, (int)e->data.mapping_start.style);
        break;
    default:
        break;
    }
    printf("\n");
}

static int write_stdout(void *data, unsigned char *buffer, size_t size)
{
    (void)data;
    return fwrite(buffer, 1, size, stdout) == size;
}

int main(int argc, char **argv)
{
    static unsigned char input[1 << 20];
    size_t size = fread(input, 1, sizeof input, stdin);
    int echo = argc > 1 && strcmp(argv[1], "echo") == 0;
    yaml_parser_t parser;
    yaml_emitter_t emitter;
    yaml_event_t event;
    int done = 0;

    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, input, size);
    yaml_emitter_initialize(&emitter);
    yaml_emitter_set_output(&emitter, write_stdout, NULL);
    yaml_emitter_set_unicode(&emitter, 1);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            printf("error");
            string((const unsigned char *)parser.problem);
            printf(" %zu %zu %zu", parser.problem_mark.index, parser.problem_mark.line,
                   parser.problem_mark.column);
            string((const unsigned char *)parser.context);
            printf(" %zu %zu %zu\n", parser.context_mark.index, parser.context_mark.line,
                   parser.context_mark.column);
            return 0;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        if (echo && event.type == YAML_DOCUMENT_START_EVENT) {
            /* yaml_events.h leaves %TAG directives out (NIF_SKIP): the tags are resolved */
            yaml_tag_directive_t *td = event.data.document_start.tag_directives.start;

            for (; td != event.data.document_start.tag_directives.end; td++) {
                free(td->handle);
                free(td->prefix);
            }
            free(event.data.document_start.tag_directives.start);
            event.data.document_start.tag_directives.start = NULL;
            event.data.document_start.tag_directives.end = NULL;
        }
        if (echo) {
            if (!yaml_emitter_emit(&emitter, &event))
                return 1;
        } else {
            print(&event);
            yaml_event_delete(&event);
        }
    }
    yaml_parser_delete(&parser);
    yaml_emitter_delete(&emitter);
    return 0;
}
