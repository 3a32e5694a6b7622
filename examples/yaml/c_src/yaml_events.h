/*
 * libyaml's event API as NIFs, over its own unedited header: yaml_event_t
 * (a tag, a named union of one struct per event, then marks) is mapped as
 * it is, with options on the typedef that maps it (DESIGN §9). The only C
 * written by hand is yaml_events.c: run the parser or the emitter.
 */
#ifndef YAML_EVENTS_H
#define YAML_EVENTS_H

#include <stddef.h>
#include <yaml.h>

#include <nif_derive.h>

/* The enums' atoms shortened: :utf8, :plain, :block, … (not :utf8_encoding, :plain_scalar_style) */
typedef yaml_encoding_t NIF_UNIT_ENUM NIF_RENAME_FIELD(YAML_ANY_ENCODING, "any")
    NIF_RENAME_FIELD(YAML_UTF8_ENCODING, "utf8") NIF_RENAME_FIELD(YAML_UTF16LE_ENCODING, "utf16le")
    NIF_RENAME_FIELD(YAML_UTF16BE_ENCODING, "utf16be") encoding_t;
typedef yaml_scalar_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(YAML_ANY_SCALAR_STYLE, "any")
    NIF_RENAME_FIELD(YAML_PLAIN_SCALAR_STYLE, "plain")
    NIF_RENAME_FIELD(YAML_SINGLE_QUOTED_SCALAR_STYLE, "single_quoted")
    NIF_RENAME_FIELD(YAML_DOUBLE_QUOTED_SCALAR_STYLE, "double_quoted")
    NIF_RENAME_FIELD(YAML_LITERAL_SCALAR_STYLE, "literal")
    NIF_RENAME_FIELD(YAML_FOLDED_SCALAR_STYLE, "folded") scalar_style_t;
typedef yaml_sequence_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(YAML_ANY_SEQUENCE_STYLE, "any")
    NIF_RENAME_FIELD(YAML_BLOCK_SEQUENCE_STYLE, "block")
    NIF_RENAME_FIELD(YAML_FLOW_SEQUENCE_STYLE, "flow") sequence_style_t;
typedef yaml_mapping_style_t NIF_UNIT_ENUM NIF_RENAME_FIELD(YAML_ANY_MAPPING_STYLE, "any")
    NIF_RENAME_FIELD(YAML_BLOCK_MAPPING_STYLE, "block")
    NIF_RENAME_FIELD(YAML_FLOW_MAPPING_STYLE, "flow") mapping_style_t;
/* %YAML 1.1 → {1, 1} */
typedef yaml_version_directive_t NIF_TUPLE version_t;
/* A position in the input, counted from 0. */
typedef yaml_mark_t NIF_MAP mark_t;

/*
 * One parser event:
 * `:no_event`, `{:stream_start, %{encoding: :utf8}}`, `:stream_end`,
 * `{:document_start, %{version_directive: nil | {1, 1}, implicit: bool}}`,
 * `{:document_end, %{implicit: bool}}`, `{:alias, %{anchor: "a"}}`,
 * `{:scalar, %{anchor: nil | "a", tag: nil | "!t", value: <<bytes>>, plain_implicit: bool,
 * quoted_implicit: bool, style: :plain}}`,
 * `{:sequence_start, %{anchor:, tag:, implicit:, style:}}`, `:sequence_end`,
 * `{:mapping_start, %{anchor:, tag:, implicit:, style:}}`, `:mapping_end`.
 */
typedef yaml_event_t NIF_TAGGED_ENUM
    NIF_ARM(YAML_STREAM_START_EVENT, stream_start)
    NIF_ARM(YAML_DOCUMENT_START_EVENT, document_start)
    NIF_ARM(YAML_DOCUMENT_END_EVENT, document_end)
    NIF_ARM(YAML_ALIAS_EVENT, alias)
    NIF_ARM(YAML_SCALAR_EVENT, scalar)
    NIF_ARM(YAML_SEQUENCE_START_EVENT, sequence_start)
    NIF_ARM(YAML_MAPPING_START_EVENT, mapping_start)
    NIF_RENAME_FIELD(YAML_STREAM_START_EVENT, "stream_start")
    NIF_RENAME_FIELD(YAML_STREAM_END_EVENT, "stream_end")
    NIF_RENAME_FIELD(YAML_DOCUMENT_START_EVENT, "document_start")
    NIF_RENAME_FIELD(YAML_DOCUMENT_END_EVENT, "document_end")
    NIF_RENAME_FIELD(YAML_ALIAS_EVENT, "alias")
    NIF_RENAME_FIELD(YAML_SCALAR_EVENT, "scalar")
    NIF_RENAME_FIELD(YAML_SEQUENCE_START_EVENT, "sequence_start")
    NIF_RENAME_FIELD(YAML_SEQUENCE_END_EVENT, "sequence_end")
    NIF_RENAME_FIELD(YAML_MAPPING_START_EVENT, "mapping_start")
    NIF_RENAME_FIELD(YAML_MAPPING_END_EVENT, "mapping_end")
    NIF_OPTIONAL_FIELD(data.document_start.version_directive)
    NIF_AS_BOOL_FIELD(data.document_start.implicit)
    NIF_AS_BOOL_FIELD(data.document_end.implicit)
    NIF_LEN_FIELD(data.scalar.value, data.scalar.length)
    NIF_AS_BINARY_FIELD(data.scalar.value)
    NIF_OPTIONAL_FIELD(data.alias.anchor)
    NIF_OPTIONAL_FIELD(data.scalar.anchor)
    NIF_OPTIONAL_FIELD(data.scalar.tag)
    NIF_AS_BOOL_FIELD(data.scalar.plain_implicit)
    NIF_AS_BOOL_FIELD(data.scalar.quoted_implicit)
    NIF_OPTIONAL_FIELD(data.sequence_start.anchor)
    NIF_OPTIONAL_FIELD(data.sequence_start.tag)
    NIF_AS_BOOL_FIELD(data.sequence_start.implicit)
    NIF_OPTIONAL_FIELD(data.mapping_start.anchor)
    NIF_OPTIONAL_FIELD(data.mapping_start.tag)
    NIF_AS_BOOL_FIELD(data.mapping_start.implicit)
    NIF_SKIP(start_mark, end_mark, data.document_start.tag_directives)
    yaml_event_term_t;

/* What libyaml's parser reported, with where (`problem_mark`) and in what (`context_mark`). */
typedef struct NIF_EXCEPTION("Yaml.ParseError") {
    const char *message;         /* "did not find expected key at line 2 column 1" */
    const char *problem;         /* libyaml's words */
    mark_t problem_mark;
    const char *context NIF_OPTIONAL; /* e.g. "while parsing a block mapping" */
    mark_t context_mark;
} yaml_parse_error_t;

/* What libyaml's emitter refused (an event out of order, a bad anchor). */
typedef struct NIF_EXCEPTION("Yaml.EmitError") {
    const char *message;
} yaml_emit_error_t;

/*
 * The events of `yaml` (a UTF-8, UTF-16 or plain byte stream), from the
 * stream start to the stream end; raises Yaml.ParseError.
 */
NIF_DIRTY_CPU NIF_NAME("parse_events") NIF_LEN(count)
yaml_event_term_t *yaml_parse_events(nif_binary yaml, size_t *count);

/*
 * The YAML text libyaml's emitter writes for `events`, each made with
 * libyaml's own initialiser (yaml_scalar_event_initialize, ...); raises
 * Yaml.EmitError.
 */
NIF_DIRTY_CPU NIF_NAME("emit_events") nif_binary
yaml_emit_events(const yaml_event_term_t *events NIF_LEN(count), size_t count);

#endif
