/*
 * nif_derive.h: annotations for C headers read by the nif_derive generator,
 * and the small runtime that generated encode/decode code runs on.
 *
 * Annotations expand to __attribute__((annotate("nif_derive:..."))) under
 * clang (which the generator uses through libclang) and to nothing under
 * other compilers, which warn about unknown attributes.
 *
 * Runtime: every NIF call runs inside a `nif_call` that owns
 *   - the call's arena: decode allocates strings and lists from it, and the
 *     user's C code may too (nif_alloc, nif_strdup, nif_sprintf); all of it
 *     is freed in one step when the call ends;
 *   - the first decode error: argument number, path to the bad value, what
 *     was expected and the term that was given. The generated Elixir module
 *     turns it into an ArgumentError (and `error:badarg` for Erlang callers).
 */
#ifndef NIF_DERIVE_H
#define NIF_DERIVE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <erl_nif.h>

/* Generated files refuse to compile against a different runtime version. */
#define NIF_DERIVE_VERSION 2

/* ------------------------------------------------------------------------
 * Annotations (see README "Annotation reference")
 * ------------------------------------------------------------------------ */

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
 * Options for a type whose header you cannot edit, given on the typedef that
 * maps it, e.g. `typedef struct stat NIF_STRUCT("Posix.Stat") NIF_SKIP(st_blksize)
 * NIF_RENAME_FIELD(st_size, "size") posix_stat_t;`. NIF_SKIP leaves members out,
 * NIF_ONLY keeps just those listed; left-out members decode as zero.
 */
#define NIF_SKIP(...) NIF_DERIVE_ANNOTATE("nif_derive:skip:" #__VA_ARGS__)
#define NIF_ONLY(...) NIF_DERIVE_ANNOTATE("nif_derive:only:" #__VA_ARGS__)
#define NIF_RENAME_FIELD(field, atom) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":rename:" atom)
#define NIF_LEN_FIELD(field, length_field) \
    NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":len:" #length_field)
#define NIF_OPTIONAL_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":optional")
#define NIF_DEFAULT_FIELD(field, ...) \
    NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":default:" #__VA_ARGS__)
#define NIF_ENCODE_ONLY_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":encode_only")
#define NIF_DECODE_ONLY_FIELD(field) NIF_DERIVE_ANNOTATE("nif_derive:field:" #field ":decode_only")

/* Functions: put before the return type of a prototype. */
#define NIF_FUNCTION NIF_DERIVE_ANNOTATE("nif_derive:function")
#define NIF_DIRTY_CPU NIF_DERIVE_ANNOTATE("nif_derive:dirty_cpu")
#define NIF_DIRTY_IO NIF_DERIVE_ANNOTATE("nif_derive:dirty_io")

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

/*
 * A binary's bytes. Decoding is zero-copy: `data` points into the term and
 * is valid only until the NIF returns. Encoding copies `size` bytes.
 */
typedef struct {
    const unsigned char *data;
    size_t size;
} nif_binary;

#define NIF_DERIVE_PATH_MAX 24
#define NIF_DERIVE_EXPECTED_MAX 200
#define NIF_DERIVE_INLINE_ARENA 256

typedef struct nd_arena_block nd_arena_block;

/*
 * One NIF call: its environment, arena and first error. Lives on the C
 * stack of the NIF; start it with nif_call_begin and end it with
 * nif_call_end. Fields are private to the runtime.
 */
typedef struct nif_call {
    ErlNifEnv *env;
    int argc;                   /* the NIF's arguments */
    const ERL_NIF_TERM *argv;
    struct nif_call *outer;     /* the call this one interrupted, if any */
    nd_arena_block *blocks;     /* enif_alloc'd blocks, freed at the end */
    unsigned char *arena_next;  /* free space in the current block */
    size_t arena_left;
    int failed;                 /* ND_OK, ND_BADARG, ND_ENCODE, ND_RAISE */
    unsigned argument;          /* 1-based argument being decoded */
    const char *root;           /* e.g. "%Geometry.Segment{}" */
    ERL_NIF_TERM got;           /* the offending term */
    ERL_NIF_TERM raise;         /* term for nif_raise */
    unsigned path_len;          /* segments, innermost first */
    ERL_NIF_TERM path[NIF_DERIVE_PATH_MAX];
    char expected[NIF_DERIVE_EXPECTED_MAX];
    unsigned char inline_arena[NIF_DERIVE_INLINE_ARENA];
} nif_call;

enum { ND_OK = 0, ND_BADARG, ND_ENCODE, ND_RAISE };

/* ------------------------------------------------------------------------
 * Public API for C code (generated wrappers and hand-written NIFs)
 * ------------------------------------------------------------------------ */

/*
 * Loads the runtime's atoms. Generated load callbacks call it; a
 * hand-written NIF library calls it from its own `load` before using any
 * generated encode/decode function. Returns 0 on success.
 */
int nif_derive_load(ErlNifEnv *env);

/*
 * Starts a call of a NIF with arguments argv[0..argc-1] on `env`; it
 * becomes the current call of this thread until nif_call_end.
 */
void nif_call_begin(nif_call *call, ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);

/*
 * Ends a call: frees its arena and returns `result`, or, when the call
 * failed, raises. A decode error raises
 * `{:nif_derive_error, {:badarg, Argument, Root, Path, Expected, Got}}`,
 * which the generated Elixir module turns into ArgumentError/badarg; pass
 * `plain_badarg` != 0 to raise plain `badarg` instead (for modules without
 * the generated wrapper).
 */
ERL_NIF_TERM nif_call_end(nif_call *call, ERL_NIF_TERM result, int plain_badarg);

/* True once the call has failed: stop decoding and return. */
static inline int nif_call_failed(const nif_call *call) { return call->failed != ND_OK; }

/*
 * Arena memory of the current call (the one begun last on this thread):
 * freed when the call ends, so results may point into it. NULL (and the
 * call fails) when out of memory or outside a call. Aligned for any type.
 */
void *nif_alloc(size_t size);
char *nif_strdup(const char *text);
char *nif_sprintf(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/*
 * Fails the current call with a badarg for argument `argument` (1-based):
 * `expected` says what a valid value is; the error shows the argument as
 * given. Returns 0. For validation done in C after decoding; the NIF's
 * result is then discarded.
 */
int nif_fail_argument(unsigned argument, const char *expected);

/* The call begun last on this thread, or NULL outside a NIF call. */
nif_call *nif_current_call(void);

/* Raises `reason` as an `error` exception when the current call ends. */
void nif_raise(ERL_NIF_TERM reason);

/* ------------------------------------------------------------------------
 * Runtime internals used by generated code (nd_ prefix; may change)
 * ------------------------------------------------------------------------ */

extern ERL_NIF_TERM nd_atom_ok, nd_atom_true, nd_atom_false, nd_atom_nil, nd_atom_struct,
    nd_atom_exception, nd_atom_nan, nd_atom_infinity, nd_atom_neg_infinity,
    nd_atom_elem, nd_atom_variant;

void *nd_arena_alloc(nif_call *call, size_t size);

/* Error recording. All return 0 so decoders can `return nd_fail...(...)`. */
int nd_fail(nif_call *call, ERL_NIF_TERM got, const char *expected_format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int nd_fail_signed(nif_call *call, ERL_NIF_TERM got, const char *ctype, long long min,
                   long long max);
int nd_fail_unsigned(nif_call *call, ERL_NIF_TERM got, const char *ctype,
                     unsigned long long max);
int nd_fail_encode(nif_call *call, const char *what);
int nd_fail_missing_key(nif_call *call, ERL_NIF_TERM map, ERL_NIF_TERM key);
int nd_fail_extra_keys(nif_call *call, ERL_NIF_TERM map);

/* Path segments pushed while an error unwinds (innermost first). */
int nd_at_field(nif_call *call, ERL_NIF_TERM field_atom);
int nd_at_index(nif_call *call, size_t index);
int nd_at_element(nif_call *call, unsigned position);
int nd_at_key(nif_call *call, ERL_NIF_TERM key);
int nd_at_variant(nif_call *call, ERL_NIF_TERM tag_atom, const char *shape);

/* Names the argument whose decode failed and ends the call (raising). */
ERL_NIF_TERM nd_fail_argument(nif_call *call, unsigned argument, const char *root);

/* Clears a failed decode attempt (untagged enums try arms in order). */
void nd_clear_error(nif_call *call);

/*
 * Integers: exact range of the C type, named in the error. Inline decoders
 * end in an explicit `return 0` so that the compiler sees *out is set
 * whenever they return 1 (no -Wmaybe-uninitialized in the callers).
 */
#define ND_DECODE_SIGNED(name, ctype, min, max)                                          \
    static inline int nd_decode_##name(nif_call *call, ERL_NIF_TERM term,                 \
                                       const char *spelling, ctype *out)                  \
    {                                                                                     \
        ErlNifSInt64 value;                                                               \
        if (enif_get_int64(call->env, term, &value) && value >= (min) && value <= (max)) { \
            *out = (ctype)value;                                                          \
            return 1;                                                                     \
        }                                                                                 \
        nd_fail_signed(call, term, spelling, (min), (max));                               \
        return 0;                                                                         \
    }
#define ND_DECODE_UNSIGNED(name, ctype, max)                                              \
    static inline int nd_decode_##name(nif_call *call, ERL_NIF_TERM term,                 \
                                       const char *spelling, ctype *out)                  \
    {                                                                                     \
        ErlNifUInt64 value;                                                               \
        if (enif_get_uint64(call->env, term, &value) && value <= (max)) {                 \
            *out = (ctype)value;                                                          \
            return 1;                                                                     \
        }                                                                                 \
        nd_fail_unsigned(call, term, spelling, (max));                                    \
        return 0;                                                                         \
    }

ND_DECODE_SIGNED(char, char, CHAR_MIN, CHAR_MAX)
ND_DECODE_SIGNED(schar, signed char, SCHAR_MIN, SCHAR_MAX)
ND_DECODE_SIGNED(short, short, SHRT_MIN, SHRT_MAX)
ND_DECODE_SIGNED(int, int, INT_MIN, INT_MAX)
ND_DECODE_SIGNED(long, long, LONG_MIN, LONG_MAX)
ND_DECODE_SIGNED(llong, long long, LLONG_MIN, LLONG_MAX)
ND_DECODE_UNSIGNED(uchar, unsigned char, UCHAR_MAX)
ND_DECODE_UNSIGNED(ushort, unsigned short, USHRT_MAX)
ND_DECODE_UNSIGNED(uint, unsigned int, UINT_MAX)
ND_DECODE_UNSIGNED(ulong, unsigned long, ULONG_MAX)
ND_DECODE_UNSIGNED(ullong, unsigned long long, ULLONG_MAX)

static inline ERL_NIF_TERM nd_encode_signed(nif_call *call, long long value)
{
    return enif_make_int64(call->env, (ErlNifSInt64)value);
}

static inline ERL_NIF_TERM nd_encode_unsigned(nif_call *call, unsigned long long value)
{
    return enif_make_uint64(call->env, (ErlNifUInt64)value);
}

/*
 * Floats: integers are accepted and converted. The BEAM has no NaN or
 * infinities, so they map to the atoms :nan, :infinity, :neg_infinity both
 * ways. A `float` out of its finite range is an error.
 */
int nd_decode_double(nif_call *call, ERL_NIF_TERM term, double *out);
int nd_decode_float(nif_call *call, ERL_NIF_TERM term, float *out);
ERL_NIF_TERM nd_encode_double(nif_call *call, double value);

static inline int nd_decode_bool(nif_call *call, ERL_NIF_TERM term, bool *out)
{
    if (enif_is_identical(term, nd_atom_true)) {
        *out = true;
        return 1;
    }
    if (enif_is_identical(term, nd_atom_false)) {
        *out = false;
        return 1;
    }
    nd_fail(call, term, "true or false");
    return 0;
}

static inline ERL_NIF_TERM nd_encode_bool(nif_call *call, bool value)
{
    (void)call;
    return value ? nd_atom_true : nd_atom_false;
}

/* Binaries: zero-copy on decode, a copy on encode. */
int nd_decode_binary(nif_call *call, ERL_NIF_TERM term, nif_binary *out);
ERL_NIF_TERM nd_encode_binary(nif_call *call, nif_binary value);

/* Strings: UTF-8, no embedded NUL; `const char *` is copied to the arena. */
int nd_decode_string(nif_call *call, ERL_NIF_TERM term, const char **out);
ERL_NIF_TERM nd_encode_string(nif_call *call, const char *value);
int nd_decode_nullable_string(nif_call *call, ERL_NIF_TERM term, const char **out);
ERL_NIF_TERM nd_encode_nullable_string(nif_call *call, const char *value);
int nd_decode_char_array(nif_call *call, ERL_NIF_TERM term, char *out, size_t capacity);
ERL_NIF_TERM nd_encode_char_array(nif_call *call, const char *value, size_t capacity);

static inline int nd_decode_term(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM *out)
{
    (void)call;
    *out = term;
    return 1;
}

static inline ERL_NIF_TERM nd_encode_term(nif_call *call, ERL_NIF_TERM value)
{
    (void)call;
    return value;
}

static inline int nd_decode_pid(nif_call *call, ERL_NIF_TERM term, ErlNifPid *out)
{
    if (enif_get_local_pid(call->env, term, out))
        return 1;
    nd_fail(call, term, "local pid");
    return 0;
}

static inline ERL_NIF_TERM nd_encode_pid(nif_call *call, ErlNifPid value)
{
    return enif_make_pid(call->env, &value);
}

/*
 * A signed length field of a result, as a count: a negative length has no
 * list, so it fails the encode (and counts as 0) instead of reading past
 * the array.
 */
static inline size_t nd_encode_length(nif_call *call, long long length)
{
    if (length >= 0)
        return (size_t)length;
    nd_fail_encode(call, "a NIF_LEN length in the result is negative");
    return 0;
}

/* Containers. */
int nd_get_map(nif_call *call, ERL_NIF_TERM term, const char *expected);
int nd_get_struct(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM module,
                  const char *expected);
int nd_get_tuple(nif_call *call, ERL_NIF_TERM term, int arity, const ERL_NIF_TERM **elements,
                 const char *expected);
int nd_get_record(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM tag, int arity,
                  const ERL_NIF_TERM **elements, const char *expected);
int nd_get_list(nif_call *call, ERL_NIF_TERM term, size_t *length, const char *expected);
/* A list of exactly `length` elements, else fails with "list of exactly <length> elements". */
int nd_get_list_exact(nif_call *call, ERL_NIF_TERM term, size_t length);
void *nd_alloc_array(nif_call *call, size_t count, size_t size);
int nd_check_map_size(nif_call *call, ERL_NIF_TERM map, size_t present);

/*
 * Map key order: the VM keeps small maps sorted (term order on OTP 25,
 * atom-index order on OTP 26+). nd_learn_key_order sorts `keys` (given in
 * field order) in place into the order this VM uses and sets slots[i] to
 * the position of field i's key, so encoding passes pre-sorted arrays and
 * the VM sorts nothing. Returns 0, or -1 on duplicate keys.
 */
int nd_learn_key_order(ErlNifEnv *env, ERL_NIF_TERM *keys, unsigned *slots, unsigned count);
ERL_NIF_TERM nd_make_map(nif_call *call, ERL_NIF_TERM *keys, ERL_NIF_TERM *values,
                         unsigned count);

#endif /* NIF_DERIVE_H */
