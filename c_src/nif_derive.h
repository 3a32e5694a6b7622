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
#define NIF_DERIVE_VERSION 3

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
 * The runtime and the generated code are private to the NIF library they
 * are built into (only its nif_init is exported), so calls between them
 * bind directly, not through the PLT, and may be inlined.
 */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/*
 * A binary's bytes. Decoding is zero-copy: `data` points into the term and
 * is valid only until the NIF returns. Encoding copies `size` bytes, except
 * that bytes lying inside a binary decoded by the same call (at least
 * NIF_DERIVE_SUB_BINARY_MIN of them) become a sub-binary of it, as
 * binary:part/3 makes: a round trip hands back the binary it was given
 * without copying it.
 */
typedef struct {
    const unsigned char *data;
    size_t size;
} nif_binary;

#define NIF_DERIVE_PATH_MAX 24
#define NIF_DERIVE_EXPECTED_MAX 200
#define NIF_DERIVE_INLINE_ARENA 256
#define NIF_DERIVE_BINARY_SOURCES 4   /* decoded binaries a call remembers */
#define NIF_DERIVE_SUB_BINARY_MIN 64  /* smaller ones are copied (heap binaries) */

typedef struct nd_arena_block nd_arena_block;
typedef struct nd_nif nd_nif;

/* A binary decoded by the call: encoding bytes inside it makes a sub-binary. */
typedef struct {
    const unsigned char *data;
    size_t size;
    ERL_NIF_TERM term;
} nd_binary_source;

/*
 * One NIF call: its environment, arena and first error. Lives on the C
 * stack of the NIF; start it with nif_call_begin and end it with
 * nif_call_end. Fields are private to the runtime. Starting a call sets
 * only the first fields (the hot path); the rest are set when needed.
 */
typedef struct nif_call {
    ErlNifEnv *env;
    const ERL_NIF_TERM *argv;   /* the NIF's arguments */
    int argc;
    unsigned state;             /* the failure (ND_OK, ND_BADARG, ...) | ND_ARENA | ... */
    struct nif_call *outer;     /* the call this one interrupted, if any */
    unsigned char *arena_next;  /* free space in the current block */
    size_t arena_left;          /* arena_next, arena_left, blocks: set with ND_ARENA */
    nd_arena_block *blocks;     /* enif_alloc'd blocks, freed at the end */
    unsigned argument;          /* set with the failure: 1-based argument being decoded */
    const char *root;           /* e.g. "%Geometry.Segment{}" */
    ERL_NIF_TERM got;           /* the offending term */
    ERL_NIF_TERM raise;         /* term for nif_raise */
    unsigned path_len;          /* segments, innermost first */
    unsigned binary_count;      /* set with ND_BINARIES */
    nd_binary_source binaries[NIF_DERIVE_BINARY_SOURCES];
    const nd_nif *nif;          /* set with ND_TIMED: the generated NIF running the call */
    size_t work_left;           /* set with ND_TIMED: what a normal scheduler may still do */
    ERL_NIF_TERM path[NIF_DERIVE_PATH_MAX];
    char expected[NIF_DERIVE_EXPECTED_MAX];
    unsigned char inline_arena[NIF_DERIVE_INLINE_ARENA];
} nif_call;

/*
 * nif_call.state: how the call failed (ND_FAILURE bits: ND_RESCHEDULE is
 * work too long for a normal scheduler), ND_ARENA once it allocated (to
 * free at the end), ND_BINARIES once it remembered a decoded binary,
 * ND_TIMED while it counts its work, ND_MOVABLE when its arena must
 * outlive the NIF (its result may be encoded later), ND_YIELDED when it
 * encodes a result in a time slice of its own (nd_move_encode).
 */
enum {
    ND_OK = 0, ND_BADARG, ND_ENCODE, ND_RAISE, ND_RESCHEDULE, ND_FAILURE = 0xF,
    ND_ARENA = 0x10, ND_BINARIES = 0x20, ND_TIMED = 0x40, ND_MOVABLE = 0x80,
    ND_YIELDED = 0x100
};

/*
 * The call begun last on this thread (nif_alloc, nif_fail_argument and
 * nif_raise find it here). Where the C library allows it (glibc, ELF), the
 * initial-exec TLS model makes this a plain %fs-relative access instead of
 * a __tls_get_addr call per NIF call; it takes 8 bytes of the static TLS
 * that glibc sets aside for libraries loaded with dlopen.
 */
#if defined(__GLIBC__) && defined(__ELF__) && defined(__GNUC__)
#define ND_TLS_MODEL __attribute__((tls_model("initial-exec")))
#else
#define ND_TLS_MODEL
#endif
extern _Thread_local nif_call *nd_current_call ND_TLS_MODEL;

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
static inline void nif_call_begin(nif_call *call, ErlNifEnv *env, int argc,
                                  const ERL_NIF_TERM argv[])
{
    call->env = env;
    call->argv = argv;
    call->argc = argc;
    call->state = ND_OK; /* no failure, and the arena is set up by its first allocation */
    call->outer = nd_current_call;
    nd_current_call = call;
}

/*
 * nif_call_end for a call that failed or used its arena. `function`, when
 * not NULL, names a generated NIF that is its module's public function
 * (see nd_call_end_unwrapped).
 */
ERL_NIF_TERM nd_call_end(nif_call *call, ERL_NIF_TERM result, int plain_badarg,
                         const char *function);

/*
 * Ends a call: frees its arena and returns `result`, or, when the call
 * failed, raises. A decode error raises
 * `{:nif_derive_error, {:badarg, Argument, Root, Path, Expected, Got}}`,
 * which the generated Elixir module turns into ArgumentError/badarg; pass
 * `plain_badarg` != 0 to raise plain `badarg` instead (for modules without
 * the generated wrapper).
 */
static inline ERL_NIF_TERM nif_call_end(nif_call *call, ERL_NIF_TERM result, int plain_badarg)
{
    if ((call->state & (ND_FAILURE | ND_ARENA)) != ND_OK) /* the other flags need no end */
        return nd_call_end(call, result, plain_badarg, NULL);
    nd_current_call = call->outer;
    return result;
}

/* True once the call has failed: stop decoding and return. */
static inline int nif_call_failed(const nif_call *call)
{
    return (call->state & ND_FAILURE) != ND_OK;
}

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
        return nd_call_end(call, result, 1, function);
    nd_current_call = call->outer;
    return result;
}

/*
 * Clears a failed decode attempt (untagged enums try arms in order).
 * Returns 0, clearing nothing, when the call must stop instead (it is
 * moving to a dirty scheduler).
 */
int nd_clear_error(nif_call *call);

/*
 * Long lists on normal schedulers. A generated NIF whose arguments hold
 * lists (or NIF_AS_MAP maps) of any length or strings, or whose result
 * holds such lists, counts the terms it converts (nd_count_work): a list
 * adds its length times the terms one element stands for, a string one
 * term per ND_TEXT_BYTES bytes, and building a term counts as reading two.
 * Past ND_WORK_BUDGET in one time slice of a normal scheduler, the work
 * goes on elsewhere, so that no normal scheduler is held much past a
 * millisecond (DESIGN §6):
 *   - while decoding: decoding stops, and the whole NIF runs again on a
 *     dirty CPU scheduler (nothing has happened yet but decoding);
 *   - while encoding the result: encoding stops, and starts again in a new
 *     time slice of a normal scheduler, with a budget of its own (the C
 *     function is not called again); past that budget too, it moves to a
 *     dirty CPU scheduler. Such a NIF's arena is all heap memory
 *     (ND_MOVABLE), so that what the result points to outlives the NIF.
 *     A result that holds an ERL_NIF_TERM, or of a function taking the
 *     ErlNifEnv, cannot move (the generator's `movable`): it is encoded
 *     where the call runs.
 * Measured with bench/ (OTP 25, lists of 2-field structs, 3 terms an
 * element): reading a term takes ~12 ns, building one 10-17 ns, so the
 * budget of 64,000 is ~0.8 ms of conversion. 10,000 such elements (30,000
 * terms) decode in 0.35 ms and encode in 0.6-1.0 ms (the most with a fresh
 * large heap, whose pages fault in), each in one slice; a round trip of
 * them yields once between the two. Past ~21,000 elements to decode, or
 * ~10,600 to encode, the work moves to a dirty scheduler: that costs ~6 us,
 * and for a long encode up to ~20% more time in a process with a large
 * heap (OTP copies the terms a dirty NIF built into the process heap at
 * its next garbage collection).
 */
#define ND_WORK_BUDGET 64000
#define ND_TEXT_BYTES 64 /* bytes of a string (validated and copied) that count as a term */

/* A generated NIF, for running it (or its result's encoding) on a dirty scheduler. */
struct nd_nif {
    const char *name; /* as registered: "nif_<function>" or, unwrapped, "<function>" */
    ERL_NIF_TERM (*nif)(ErlNifEnv *env, int argc, const ERL_NIF_TERM argv[]);
    /* The result's encoder, or NULL when it cannot move (see nd_move_encode). */
    ERL_NIF_TERM (*encode)(nif_call *call, const void *result, size_t length);
    const char *function; /* unwrapped NIFs: "MyApp.Native.f/0" (nd_call_end_unwrapped) */
};

/* Starts counting the call's work, run by `nif` (on a normal scheduler). */
static inline void nd_time(nif_call *call, const nd_nif *nif)
{
    call->state |= nif->encode != NULL ? ND_TIMED | ND_MOVABLE : ND_TIMED;
    call->nif = nif;
    call->work_left = ND_WORK_BUDGET;
}

/* Stops counting: a result that cannot move is encoded where the call runs. */
static inline void nd_untime(nif_call *call)
{
    call->state &= ~(unsigned)ND_TIMED;
}

/* Past the budget: 0 (and ND_RESCHEDULE) on a normal scheduler; 1, no longer counting, on a dirty one. */
int nd_out_of_time(nif_call *call);

/* Counts `units` terms of work; 0 when the call must stop and move. */
static inline int nd_count_work(nif_call *call, size_t units)
{
    if (!(call->state & ND_TIMED))
        return 1;
    if (units <= call->work_left) {
        call->work_left -= units;
        return 1;
    }
    return nd_out_of_time(call);
}

/* True when encoding the result stopped for want of time: return nd_move_encode(...). */
static inline int nd_encode_moves(const nif_call *call)
{
    return (call->state & ND_FAILURE) == ND_RESCHEDULE;
}

/*
 * Ends the call by encoding its result in a new time slice (or, when that
 * one ran out too, on a dirty CPU scheduler): the `size` bytes at `result`
 * (and a NIF_LEN result's `length`), the arena and the remembered binaries
 * move into a resource that the next NIF takes; the NIF's arguments are
 * passed on, so binaries decoded from them stay valid.
 */
ERL_NIF_TERM nd_move_encode(nif_call *call, const void *result, size_t size, size_t length);

/*
 * Forced inline: the scalar decoders are a call into erl_nif, a check and
 * a store, inlined at every field; left to itself the compiler stops
 * inlining them in wide structs and adds a call per field.
 */
#if defined(__GNUC__)
#define ND_INLINE static inline __attribute__((always_inline))
#else
#define ND_INLINE static inline
#endif

/*
 * Integers: exact range of the C type, named in the error. Inline decoders
 * end in an explicit `return 0` so that the compiler sees *out is set
 * whenever they return 1 (no -Wmaybe-uninitialized in the callers).
 */
#define ND_DECODE_SIGNED(name, ctype, min, max)                                          \
    ND_INLINE int nd_decode_##name(nif_call *call, ERL_NIF_TERM term,                     \
                                   const char *spelling, ctype *out)                      \
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
    ND_INLINE int nd_decode_##name(nif_call *call, ERL_NIF_TERM term,                     \
                                   const char *spelling, ctype *out)                      \
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

/* Atoms are immediate terms: the same atom is the same word. */
ND_INLINE int nd_decode_bool(nif_call *call, ERL_NIF_TERM term, bool *out)
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

static inline ERL_NIF_TERM nd_encode_bool(nif_call *call, bool value)
{
    (void)call;
    return value ? nd_atom_true : nd_atom_false;
}

/* Binaries: zero-copy on decode; a copy, or a sub-binary of a decoded one, on encode. */
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
 * Enum atoms: the position (declaration order) of an atom among an enum's
 * atoms, through an open-addressing hash table made at load with
 * nd_index_atoms. The table has 1 << bits slots, at least twice the atoms,
 * so a lookup reads one or two slots whatever the enum's size. Atoms are
 * immediate terms: the same atom is the same word.
 */
typedef struct {
    ERL_NIF_TERM atom;
    unsigned position; /* 1-based; 0 marks an empty slot */
} nd_atom_slot;

/* Fills `slots` (1 << bits of them) with atoms[0..count-1]. Returns 0. */
int nd_index_atoms(const ERL_NIF_TERM *atoms, unsigned count, nd_atom_slot *slots, unsigned bits);

static inline size_t nd_atom_hash(ERL_NIF_TERM atom, unsigned bits)
{
    return (size_t)(((uint64_t)atom * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* The position of `term` among the atoms, or -1 (any other term). */
static inline int nd_atom_position(const nd_atom_slot *slots, unsigned bits, ERL_NIF_TERM term)
{
    size_t i = nd_atom_hash(term, bits), mask = ((size_t)1 << bits) - 1;

    while (slots[i].position != 0) {
        if (slots[i].atom == term)
            return (int)slots[i].position - 1;
        i = (i + 1) & mask;
    }
    return -1;
}

/*
 * Map key order: the VM keeps small maps sorted (term order on OTP 25,
 * atom-index order on OTP 26+). nd_learn_key_order sorts `keys` (given in
 * field order) in place into the order this VM uses and sets slots[i] to
 * the position of field i's key, so encoding passes pre-sorted arrays and
 * the VM sorts nothing. Returns 0, or -1 on duplicate keys.
 */
int nd_learn_key_order(ErlNifEnv *env, ERL_NIF_TERM *keys, unsigned *slots, unsigned count);

/* The field whose key sits at each position: fields[slots[i]] = i. */
void nd_invert_slots(const unsigned *slots, unsigned *fields, unsigned count);

/*
 * A map's values by field: values[i] is the value of field i's key, or
 * ND_NO_VALUE when the map lacks it. `keys`, `slots` come from
 * nd_learn_key_order, `fields` from nd_invert_slots. A flatmap (up to 32
 * keys) holding exactly these keys keeps them in that order and is read in
 * one pass of a map iterator, which from 10 keys on is cheaper than a
 * lookup per key (callgrind, OTP 25; the generator uses this function for
 * 10 to 32 keys). Other maps are looked up key by key (a hashmap iterator
 * would allocate). Returns 0 when `term` is not a map.
 */
#define ND_NO_VALUE ((ERL_NIF_TERM)0) /* no term is 0 */
#define ND_WALK_MAX_KEYS 32
int nd_get_fields(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM *keys,
                  const unsigned *slots, const unsigned *fields, unsigned count,
                  ERL_NIF_TERM *values);
ERL_NIF_TERM nd_make_map(nif_call *call, ERL_NIF_TERM *keys, ERL_NIF_TERM *values,
                         unsigned count);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* NIF_DERIVE_H */
