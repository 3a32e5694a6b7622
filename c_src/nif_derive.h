/*
 * nif_derive.h: include it in a header you annotate for the nif_derive
 * generator. It gives the annotation macros (README "Annotation
 * reference") and the runtime's C API (nif_derive_api.h).
 *
 * The annotations expand to __attribute__((annotate("nif_derive:..."))) under
 * clang, which the generator uses through libclang, and to nothing under
 * other compilers, which warn about unknown attributes.
 */
#ifndef NIF_DERIVE_H
#define NIF_DERIVE_H

#if defined(__clang__)
#define NIF_DERIVE_ANNOTATE(text) __attribute__((annotate(text)))
#else
#define NIF_DERIVE_ANNOTATE(text)
#endif

/* Type shapes: put right after the `struct` / `enum` keyword. */
#define NIF_STRUCT(module) NIF_DERIVE_ANNOTATE("nif_derive:struct:" module)
#define NIF_EXCEPTION(module) NIF_DERIVE_ANNOTATE("nif_derive:exception:" module)
#define NIF_MAP NIF_DERIVE_ANNOTATE("nif_derive:map")
#define NIF_TUPLE NIF_DERIVE_ANNOTATE("nif_derive:tuple")
#define NIF_RECORD(tag) NIF_DERIVE_ANNOTATE("nif_derive:record:" tag)
#define NIF_UNIT_ENUM NIF_DERIVE_ANNOTATE("nif_derive:unit_enum")
#define NIF_TAGGED_ENUM NIF_DERIVE_ANNOTATE("nif_derive:tagged_enum")
#define NIF_UNTAGGED_ENUM NIF_DERIVE_ANNOTATE("nif_derive:untagged_enum")

/* Type options. */
#define NIF_STRICT NIF_DERIVE_ANNOTATE("nif_derive:strict")
#define NIF_ENCODE_ONLY NIF_DERIVE_ANNOTATE("nif_derive:encode_only")
#define NIF_DECODE_ONLY NIF_DERIVE_ANNOTATE("nif_derive:decode_only")

/* Field, enumerator and arm options: put after the name. */
#define NIF_RENAME(atom) NIF_DERIVE_ANNOTATE("nif_derive:rename:" atom)
#define NIF_LEN(length_field) NIF_DERIVE_ANNOTATE("nif_derive:len:" #length_field)
#define NIF_OPTIONAL NIF_DERIVE_ANNOTATE("nif_derive:optional")
#define NIF_DEFAULT(...) NIF_DERIVE_ANNOTATE("nif_derive:default:" #__VA_ARGS__)
#define NIF_AS_MAP NIF_DERIVE_ANNOTATE("nif_derive:as_map")
/*
 * NIF_AS_BINARY: a `char *`, `unsigned char *` or `uint8_t *` (const or not)
 * with NIF_LEN is a binary of that many bytes (no UTF-8 check), not a list
 * of integers. Decode points into the term's bytes for a const pointee
 * (valid until the NIF returns) and copies them into the call's memory for
 * a non-const one (the C code may write to it).
 */
#define NIF_AS_BINARY NIF_DERIVE_ANNOTATE("nif_derive:as_binary")
/*
 * NIF_AS_BOOL: an integer is true/false. Decode takes only the atoms true
 * (1) and false (0); encode maps any nonzero value to true.
 */
#define NIF_AS_BOOL NIF_DERIVE_ANNOTATE("nif_derive:as_bool")

/*
 * Options for a type whose header you cannot edit, given on the typedef that
 * maps it, e.g. `typedef struct stat NIF_STRUCT("Posix.Stat") NIF_SKIP(st_blksize)
 * NIF_RENAME_FIELD(st_size, "size") posix_stat_t;`. NIF_SKIP leaves members out,
 * NIF_ONLY keeps just those listed; left-out members decode as zero.
 */
#define NIF_SKIP(...) NIF_DERIVE_ANNOTATE("nif_derive:skip:" #__VA_ARGS__)
#define NIF_ONLY(...) NIF_DERIVE_ANNOTATE("nif_derive:only:" #__VA_ARGS__)
#define NIF_RENAME_FIELD(field, atom)                                                              \
    NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":rename:" atom)
#define NIF_LEN_FIELD(field, length_field)                                                         \
    NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":len:" #length_field)
#define NIF_OPTIONAL_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":optional")
#define NIF_DEFAULT_FIELD(field, ...)                                                              \
    NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":default:" #__VA_ARGS__)
#define NIF_ENCODE_ONLY_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":encode_only")
#define NIF_DECODE_ONLY_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":decode_only")
/* NIF_AS_BINARY and NIF_AS_BOOL for a member: NIF_AS_BINARY_FIELD(data.scalar.value). */
#define NIF_AS_BINARY_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":as_binary")
#define NIF_AS_BOOL_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":as_bool")

/*
 * A foreign tagged union (DESIGN §9), e.g. libyaml's yaml_event_t: the tag is
 * its first member, the arms are its first union member. NIF_ARM pairs a variant
 * with its arm where their names differ: `typedef yaml_event_t NIF_TAGGED_ENUM
 * NIF_ARM(YAML_SCALAR_EVENT, scalar) NIF_RENAME_FIELD(YAML_SCALAR_EVENT, "scalar")
 * NIF_SKIP(start_mark, end_mark) yaml_event_term_t;`. An enumerator with no arm is
 * a unit variant. Member options take dotted paths: NIF_OPTIONAL_FIELD(data.scalar.tag).
 */
#define NIF_ARM(enumerator, member) NIF_DERIVE_ANNOTATE("nif_derive:arm:" #enumerator ":" #member)

/* Functions: put before the return type of a prototype. */
#define NIF_FUNCTION NIF_DERIVE_ANNOTATE("nif_derive:function")
/* The Elixir function's name when it differs from the C name: NIF_NAME("valid?"). */
#define NIF_NAME(elixir_name) NIF_DERIVE_ANNOTATE("nif_derive:name:" elixir_name)
#define NIF_DIRTY_CPU NIF_DERIVE_ANNOTATE("nif_derive:dirty_cpu")
#define NIF_DIRTY_IO NIF_DERIVE_ANNOTATE("nif_derive:dirty_io")

/*
 * Resources (a C struct behind an opaque reference): after the `struct`
 * keyword, like NIF_STRUCT. The destructor is `void f(T *)`, the down
 * callback `void f(T *, ErlNifPid, ErlNifMonitor)`.
 */
#define NIF_RESOURCE(module) NIF_DERIVE_ANNOTATE("nif_derive:resource:" module)
#define NIF_MUTEX NIF_DERIVE_ANNOTATE("nif_derive:lock:mutex")
#define NIF_RWLOCK NIF_DERIVE_ANNOTATE("nif_derive:lock:rwlock")
#define NIF_DESTRUCTOR(function) NIF_DERIVE_ANNOTATE("nif_derive:destructor:" #function)
#define NIF_DOWN(function) NIF_DERIVE_ANNOTATE("nif_derive:down:" #function)

/* Lifecycle hooks, before a prototype: `int f(ErlNifEnv *)`, unload `void f(ErlNifEnv *)`. */
#define NIF_ON_LOAD NIF_DERIVE_ANNOTATE("nif_derive:on_load")
#define NIF_ON_UPGRADE NIF_DERIVE_ANNOTATE("nif_derive:on_upgrade")
#define NIF_ON_UNLOAD NIF_DERIVE_ANNOTATE("nif_derive:on_unload")

#include "nif_derive_api.h"

/*
 * The generated code includes only this header, so the runtime internals
 * it calls (nd_ names, not for user code) come with it. docs/runtime.md.
 */
#include "nif_derive_internal.h"

#endif /* NIF_DERIVE_H */
