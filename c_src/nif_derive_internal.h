/*
 * nif_derive_internal.h: the runtime functions that generated code calls
 * (nd_ prefix). Not for user code: names and signatures change with
 * NIF_DERIVE_VERSION. Includes the optional parts at its end: the work
 * budget (nif_derive_budget.h) and map key order (nif_derive_keys.h).
 *
 * Conventions: decoders (nd_decode_*, nd_get_*) return 1 on success or 0
 * with the error recorded in `call`, and are ND_MUST_CHECK; the first error
 * recorded in a call is the one reported. Encoders return the term; when
 * they cannot, they record an encode error and return a placeholder term.
 * Scalar codecs are one family: nd_decode_<codec>(call, term, T *out) and
 * nd_encode_<codec>(call, const T *in) (docs/runtime.md); nd_get_* check a
 * container's shape.
 */
#ifndef NIF_DERIVE_INTERNAL_H
#define NIF_DERIVE_INTERNAL_H

#include <limits.h>

#include "nif_derive_api.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* A decoder's result says whether the call failed: ignoring it is a bug. */
#if defined(__GNUC__)
#define ND_MUST_CHECK __attribute__((warn_unused_result))
#else
#define ND_MUST_CHECK
#endif

/* The codec macros expand in the generated .c, where clang warns of unused static functions. */
#if defined(__GNUC__)
#define ND_MAYBE_UNUSED __attribute__((unused))
#else
#define ND_MAYBE_UNUSED
#endif

/* Forced inline: wide structs would otherwise get a call per field (docs/runtime.md). */
#if defined(__GNUC__)
#define ND_INLINE static inline __attribute__((always_inline))
#else
#define ND_INLINE static inline
#endif

extern ERL_NIF_TERM nd_atom_ok, nd_atom_true, nd_atom_false, nd_atom_nil, nd_atom_struct,
    nd_atom_exception, nd_atom_nan, nd_atom_infinity, nd_atom_neg_infinity, nd_atom_elem,
    nd_atom_variant;

/* `size` bytes of the call's arena, aligned for any type; NULL when out of memory. */
void *nd_arena_alloc(nif_call *call, size_t size);
/* `count` elements of `size` bytes from the arena; NULL when count is 0 or out of memory. */
void *nd_alloc_array(nif_call *call, size_t count, size_t size);
/* Frees a list of arena blocks (a call's, or a moved result's). */
void nd_free_blocks(nd_arena_block *block);
/* Gives the call an arena made of `blocks` (NULL: none yet), ended with the call. */
void nd_arena_resume(nif_call *call, nd_arena_block *blocks);

/*
 * Error recording. All return 0 so that decoders can `return nd_fail...(...)`,
 * and none replaces an error already recorded.
 */
int nd_fail(nif_call *call, ERL_NIF_TERM got, const char *expected_format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int nd_fail_signed(nif_call *call, ERL_NIF_TERM got, const char *ctype, long long min,
                   long long max);
int nd_fail_unsigned(nif_call *call, ERL_NIF_TERM got, const char *ctype, unsigned long long max);
int nd_fail_encode(nif_call *call, const char *what);
int nd_fail_missing_key(nif_call *call, ERL_NIF_TERM map, ERL_NIF_TERM key);
int nd_fail_extra_keys(nif_call *call, ERL_NIF_TERM map);

/* Path segments pushed while an error unwinds (innermost first). Return 0. */
int nd_at_field(nif_call *call, ERL_NIF_TERM field_atom);
int nd_at_index(nif_call *call, size_t index);
int nd_at_element(nif_call *call, unsigned position);
int nd_at_key(nif_call *call, ERL_NIF_TERM key);
int nd_at_variant(nif_call *call, ERL_NIF_TERM tag_atom, const char *shape);

/* Names the argument whose decode failed and ends the call (raising). */
ERL_NIF_TERM nd_fail_argument(nif_call *call, unsigned argument, const char *root);
/*
 * Ends a fast-path NIF whose flat arguments did not decode (README "How it
 * works"): raises `:nif_derive_fallback`, on which the generated Elixir
 * wrapper calls the full NIF, whose decoder words the error. A call that
 * ran out of time moves to a dirty scheduler instead.
 */
ERL_NIF_TERM nd_fall_back(nif_call *call);

/*
 * Ends the call of a generated NIF without arguments. Such a NIF is its
 * module's public function itself: it has nothing to decode, so it needs
 * no Elixir wrapper to turn decode errors into ArgumentError. A result
 * that has no term raises RuntimeError "<function>: <why>" (`function`
 * as in "MyApp.Native.make_point/0"); nif_fail_argument raises plain
 * badarg; nif_raise raises its term.
 */
static inline ERL_NIF_TERM nd_call_end_unwrapped(nif_call *call, ERL_NIF_TERM result,
                                                 const char *function)
{
    if ((call->state & (ND_FAILURE | ND_ARENA)) != ND_OK)
        return nd_call_end(call, result, NIF_RAISE_BADARG, function);
    nd_current_call = call->outer;
    return result;
}

/*
 * Clears a failed decode attempt (untagged enums try arms in order).
 * Returns 0, clearing nothing, when the call must stop instead (it is
 * moving to a dirty scheduler).
 */
ND_MUST_CHECK int nd_clear_error(nif_call *call);

/*
 * Scalar codecs. Every scalar kind has one pair of one shape:
 *
 *     ND_MUST_CHECK int nd_decode_<kind>(nif_call *call, ERL_NIF_TERM term, T *out);
 *     ERL_NIF_TERM nd_encode_<kind>(nif_call *call, const T *in);
 *
 * The decoder returns 1, or 0 with the error recorded; the encoder returns
 * the term (or records an encode error and returns a placeholder). Kinds
 * whose error text names the type as the user wrote it (integers: "integer
 * in int32_t range ...") or whose size is part of the type (char arrays)
 * get their pair from a macro that the generated code expands once per
 * spelling or size it uses (ND_INTEGER_CODEC, ND_CHAR_ARRAY_CODEC): the
 * text is a constant of the inlined pair, read only when a decode fails.
 */

/*
 * Integers, by the rank of the C type (its canonical type): nd_<rank>_t,
 * nd_decode_<rank>(call, term, spelling, out), which checks the exact range
 * and names `spelling` in the error, and nd_encode_<rank>(call, value). The
 * inline decoders end in an explicit `return 0` so that the compiler sees
 * *out is set whenever they return 1 (no -Wmaybe-uninitialized in callers).
 */
#define ND_SIGNED_RANK(rank, ctype, min, max, make)                                                \
    typedef ctype nd_##rank##_t;                                                                   \
    ND_MUST_CHECK ND_INLINE int nd_decode_##rank(nif_call *call, ERL_NIF_TERM term,                \
                                                 const char *spelling, ctype *out)                 \
    {                                                                                              \
        ErlNifSInt64 value;                                                                        \
        if (enif_get_int64(call->env, term, &value) && value >= (min) && value <= (max)) {         \
            *out = (ctype)value;                                                                   \
            return 1;                                                                              \
        }                                                                                          \
        nd_fail_signed(call, term, spelling, (min), (max));                                        \
        return 0;                                                                                  \
    }                                                                                              \
    ND_INLINE ERL_NIF_TERM nd_encode_##rank(nif_call *call, ctype value)                           \
    {                                                                                              \
        return make(call->env, value);                                                             \
    }
#define ND_UNSIGNED_RANK(rank, ctype, max, make)                                                   \
    typedef ctype nd_##rank##_t;                                                                   \
    ND_MUST_CHECK ND_INLINE int nd_decode_##rank(nif_call *call, ERL_NIF_TERM term,                \
                                                 const char *spelling, ctype *out)                 \
    {                                                                                              \
        ErlNifUInt64 value;                                                                        \
        if (enif_get_uint64(call->env, term, &value) && value <= (max)) {                          \
            *out = (ctype)value;                                                                   \
            return 1;                                                                              \
        }                                                                                          \
        nd_fail_unsigned(call, term, spelling, (max));                                             \
        return 0;                                                                                  \
    }                                                                                              \
    ND_INLINE ERL_NIF_TERM nd_encode_##rank(nif_call *call, ctype value)                           \
    {                                                                                              \
        return make(call->env, value);                                                             \
    }

ND_SIGNED_RANK(char, char, CHAR_MIN, CHAR_MAX, enif_make_int)
ND_SIGNED_RANK(schar, signed char, SCHAR_MIN, SCHAR_MAX, enif_make_int)
ND_SIGNED_RANK(short, short, SHRT_MIN, SHRT_MAX, enif_make_int)
ND_SIGNED_RANK(int, int, INT_MIN, INT_MAX, enif_make_int)
ND_SIGNED_RANK(long, long, LONG_MIN, LONG_MAX, enif_make_int64)
ND_SIGNED_RANK(llong, long long, LLONG_MIN, LLONG_MAX, enif_make_int64)
ND_UNSIGNED_RANK(uchar, unsigned char, UCHAR_MAX, enif_make_uint)
ND_UNSIGNED_RANK(ushort, unsigned short, USHRT_MAX, enif_make_uint)
ND_UNSIGNED_RANK(uint, unsigned int, UINT_MAX, enif_make_uint)
ND_UNSIGNED_RANK(ulong, unsigned long, ULONG_MAX, enif_make_uint64)
ND_UNSIGNED_RANK(ullong, unsigned long long, ULLONG_MAX, enif_make_uint64)

/*
 * The codec pair of one integer type as the user spelled it:
 * ND_INTEGER_CODEC(int32_t, int, "int32_t") defines
 * nd_decode_int_int32_t(call, term, int *out) and
 * nd_encode_int_int32_t(call, const int *in). `name` is the spelling as an
 * identifier, `rank` the rank of its canonical type.
 */
#define ND_INTEGER_CODEC(name, rank, spelling)                                                     \
    ND_MUST_CHECK ND_MAYBE_UNUSED ND_INLINE int nd_decode_int_##name(                              \
        nif_call *call, ERL_NIF_TERM term, nd_##rank##_t *out)                                     \
    {                                                                                              \
        return nd_decode_##rank(call, term, spelling, out);                                        \
    }                                                                                              \
    ND_MAYBE_UNUSED ND_INLINE ERL_NIF_TERM nd_encode_int_##name(nif_call *call,                    \
                                                                const nd_##rank##_t *in)           \
    {                                                                                              \
        return nd_encode_##rank(call, *in);                                                        \
    }

/*
 * Floats: integers are accepted and converted. NaN, +Inf and -Inf are the
 * atoms :nan, :infinity, :neg_infinity both ways. A `float` beyond its
 * finite range is an error.
 */
ND_MUST_CHECK int nd_decode_double(nif_call *call, ERL_NIF_TERM term, double *out);
ERL_NIF_TERM nd_encode_double(nif_call *call, const double *in);
ND_MUST_CHECK int nd_decode_float(nif_call *call, ERL_NIF_TERM term, float *out);
ERL_NIF_TERM nd_encode_float(nif_call *call, const float *in);

/* Exactly `true` or `false` (atoms are immediate: the same atom is the same word). */
ND_MUST_CHECK ND_INLINE int nd_decode_bool(nif_call *call, ERL_NIF_TERM term, bool *out)
{
    if (term == nd_atom_true) {
        *out = true;
        return 1;
    }
    if (term == nd_atom_false) {
        *out = false;
        return 1;
    }
    nd_fail(call, term, "true or false");
    return 0;
}

static inline ERL_NIF_TERM nd_encode_bool(nif_call *call, const bool *in)
{
    (void)call;
    return *in ? nd_atom_true : nd_atom_false;
}

/* Binaries: zero-copy on decode; a copy, or a sub-binary of a decoded one, on encode. */
ND_MUST_CHECK int nd_decode_binary(nif_call *call, ERL_NIF_TERM term, nif_binary *out);
ERL_NIF_TERM nd_encode_binary(nif_call *call, const nif_binary *in);

/*
 * NIF_AS_BINARY: a byte pointer with a NIF_LEN length as a binary, at most
 * `max_size` bytes (the length type's range). `copy` 0 (a const pointee)
 * points into the term's bytes, valid until the NIF returns; `copy` 1 (the
 * C code may write through the pointer, and a binary's bytes must never be
 * written) copies them into the call's arena. Encode copies `size` bytes, or
 * makes a sub-binary of a decoded one; NULL with a nonzero size fails the
 * encode with the message `what` (which names the member).
 */
ND_MUST_CHECK int nd_decode_bytes(nif_call *call, ERL_NIF_TERM term, size_t max_size, int copy,
                                  const unsigned char **data, size_t *size);
ERL_NIF_TERM nd_encode_bytes(nif_call *call, const void *data, size_t size, const char *what);
/* The same with a signed length (a negative one fails the encode, see nd_encode_length). */
ERL_NIF_TERM nd_encode_bytes_signed(nif_call *call, const void *data, long long size,
                                    const char *what);

/*
 * NIF_AS_BOOL: an integer member as true/false. ND_BOOL_CODEC(int32_t, int)
 * defines nd_decode_bool_int32_t(call, term, int *out), which takes only
 * the atoms true (1) and false (0), and nd_encode_bool_int32_t(call, const
 * int *in): nonzero is true.
 */
#define ND_BOOL_CODEC(name, rank)                                                                  \
    ND_MUST_CHECK ND_MAYBE_UNUSED ND_INLINE int nd_decode_bool_##name(                             \
        nif_call *call, ERL_NIF_TERM term, nd_##rank##_t *out)                                     \
    {                                                                                              \
        bool value;                                                                                \
        if (!nd_decode_bool(call, term, &value))                                                   \
            return 0;                                                                              \
        *out = value ? 1 : 0;                                                                      \
        return 1;                                                                                  \
    }                                                                                              \
    ND_MAYBE_UNUSED ND_INLINE ERL_NIF_TERM nd_encode_bool_##name(nif_call *call,                   \
                                                                 const nd_##rank##_t *in)          \
    {                                                                                              \
        (void)call;                                                                                \
        return *in != 0 ? nd_atom_true : nd_atom_false;                                            \
    }

/* A value of the result that cannot be encoded: fails the encode with `what`, gives a term. */
ERL_NIF_TERM nd_encode_failed(nif_call *call, const char *what);

/*
 * Strings: UTF-8 without NUL bytes. `const char *` is copied to the arena
 * and NUL-terminated; the nullable pair maps nil to NULL both ways.
 * Encoding a NULL string (not nullable) or invalid UTF-8 fails the encode.
 * The ustring pairs are the same strings as `const unsigned char *`. The
 * _at encoders fail a NULL string with `null_message`, which names the
 * member and the option that makes NULL nil.
 */
ND_MUST_CHECK int nd_decode_string(nif_call *call, ERL_NIF_TERM term, const char **out);
ERL_NIF_TERM nd_encode_string(nif_call *call, const char *const *in);
ND_MUST_CHECK int nd_decode_nullable_string(nif_call *call, ERL_NIF_TERM term, const char **out);
ERL_NIF_TERM nd_encode_nullable_string(nif_call *call, const char *const *in);
ND_MUST_CHECK int nd_decode_ustring(nif_call *call, ERL_NIF_TERM term, const unsigned char **out);
ERL_NIF_TERM nd_encode_ustring(nif_call *call, const unsigned char *const *in);
ND_MUST_CHECK int nd_decode_nullable_ustring(nif_call *call, ERL_NIF_TERM term,
                                             const unsigned char **out);
ERL_NIF_TERM nd_encode_nullable_ustring(nif_call *call, const unsigned char *const *in);
ERL_NIF_TERM nd_encode_string_at(nif_call *call, const char *const *in, const char *null_message);
ERL_NIF_TERM nd_encode_ustring_at(nif_call *call, const unsigned char *const *in,
                                  const char *null_message);

/*
 * `char name[capacity]`: at most capacity - 1 bytes, NUL-padded on decode.
 * ND_CHAR_ARRAY_CODEC(32) defines the pair of char[32]:
 * nd_decode_char_array_32(call, term, char (*out)[32]) and
 * nd_encode_char_array_32(call, const char (*in)[32]).
 */
ND_MUST_CHECK int nd_decode_char_array(nif_call *call, ERL_NIF_TERM term, char *out,
                                       size_t capacity);
ERL_NIF_TERM nd_encode_char_array(nif_call *call, const char *in, size_t capacity);
#define ND_CHAR_ARRAY_CODEC(capacity)                                                              \
    ND_MUST_CHECK ND_MAYBE_UNUSED static inline int nd_decode_char_array_##capacity(               \
        nif_call *call, ERL_NIF_TERM term, char(*out)[capacity])                                   \
    {                                                                                              \
        return nd_decode_char_array(call, term, *out, capacity);                                   \
    }                                                                                              \
    ND_MAYBE_UNUSED static inline ERL_NIF_TERM nd_encode_char_array_##capacity(                    \
        nif_call *call, const char(*in)[capacity])                                                 \
    {                                                                                              \
        return nd_encode_char_array(call, *in, capacity);                                          \
    }

/* ERL_NIF_TERM: any term, passed through (valid until the NIF returns). */
ND_MUST_CHECK static inline int nd_decode_term(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM *out)
{
    (void)call;
    *out = term;
    return 1;
}

static inline ERL_NIF_TERM nd_encode_term(nif_call *call, const ERL_NIF_TERM *in)
{
    (void)call;
    return *in;
}

ND_MUST_CHECK static inline int nd_decode_pid(nif_call *call, ERL_NIF_TERM term, ErlNifPid *out)
{
    if (enif_get_local_pid(call->env, term, out))
        return 1;
    nd_fail(call, term, "local pid");
    return 0;
}

static inline ERL_NIF_TERM nd_encode_pid(nif_call *call, const ErlNifPid *in)
{
    return enif_make_pid(call->env, in);
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

/*
 * Containers: each checks the term's shape and records `expected` when it
 * does not fit. nd_get_tuple/nd_get_record set *elements to the tuple's
 * elements (the record's tag included).
 */
ND_MUST_CHECK int nd_get_map(nif_call *call, ERL_NIF_TERM term, const char *expected);
ND_MUST_CHECK int nd_get_struct(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM module,
                                const char *expected);
ND_MUST_CHECK int nd_get_tuple(nif_call *call, ERL_NIF_TERM term, int arity,
                               const ERL_NIF_TERM **elements, const char *expected);
ND_MUST_CHECK int nd_get_record(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM tag, int arity,
                                const ERL_NIF_TERM **elements, const char *expected);
/*
 * Lists. In a timed call (nd_time) reading a cell counts as reading a term, and a list is read
 * only as far as it can fit what is left of the budget (an element counts one unit at least): a
 * longer one stops the call, which moves to a dirty scheduler as with nd_count_work, so that a
 * list of millions holds no normal scheduler while its length is found.
 *
 * nd_get_list_elements sets *elements to a proper list's elements in order (arena memory, NULL
 * when empty) and *length to their number: the list is walked once. nd_get_list sets only
 * *length.
 */
ND_MUST_CHECK int nd_get_list_elements(nif_call *call, ERL_NIF_TERM term,
                                       const ERL_NIF_TERM **elements, size_t *length,
                                       const char *expected);
ND_MUST_CHECK int nd_get_list(nif_call *call, ERL_NIF_TERM term, size_t *length,
                              const char *expected);
/*
 * A list of exactly `length` elements, else fails with "list of exactly <length> elements"; at
 * most length + 1 cells are read.
 */
ND_MUST_CHECK int nd_get_list_exact(nif_call *call, ERL_NIF_TERM term, size_t length);
/* A map of exactly `present` keys, else fails with the strict-keys error. */
ND_MUST_CHECK int nd_check_map_size(nif_call *call, ERL_NIF_TERM map, size_t present);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

/* The optional parts, which generated code uses too. */
#include "nif_derive_budget.h"
#include "nif_derive_keys.h"

#endif /* NIF_DERIVE_INTERNAL_H */
