/*
 * nif_derive_api.h: the C API of the nif_derive runtime for user code: the
 * NIF functions a header declares, and hand-written NIFs that call the
 * generated nif_decode_T / nif_encode_T functions (see the README, "Calling
 * generated code from a hand-written NIF"). <nif_derive.h> includes it.
 *
 * Every NIF call runs inside a `nif_call` that owns
 *   - the call's arena: decoding allocates strings and lists from it, and
 *     user code may too (nif_alloc, nif_strdup, nif_sprintf); all of it is
 *     freed in one step when the call ends;
 *   - the first error: argument number, path to the bad value, what was
 *     expected and the term that was given. A later error never replaces
 *     it. The generated Elixir module turns it into an ArgumentError (and
 *     `error:badarg` for Erlang callers).
 *
 * Thread-safety: a nif_call belongs to the thread that began it; the
 * functions that take no nif_call act on the call begun last on the
 * calling thread.
 */
#ifndef NIF_DERIVE_API_H
#define NIF_DERIVE_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <erl_nif.h>

/* Generated files refuse to compile against a different runtime version. */
#define NIF_DERIVE_VERSION 5

/*
 * The runtime and the generated code are private to the NIF library they
 * are built into (only its nif_init is exported).
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

#define NIF_DERIVE_SUB_BINARY_MIN 64 /* bytes; smaller binaries are copied */
#define NIF_DERIVE_BINARY_SOURCES 4  /* decoded binaries a call remembers */
#define NIF_DERIVE_PATH_MAX 24       /* path segments an error keeps */
#define NIF_DERIVE_EXPECTED_MAX 200  /* bytes of an error's "expected" text */
#define NIF_DERIVE_INLINE_ARENA 256  /* bytes of arena inside the nif_call */

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
 * nif_call_end. The fields are private to the runtime; nif_call_begin sets
 * only the first ones, the rest are set when needed.
 */
typedef struct nif_call {
    ErlNifEnv *env;
    const ERL_NIF_TERM *argv; /* the NIF's arguments */
    int argc;
    unsigned state;            /* the failure (ND_OK, ND_BADARG, ...) | ND_ARENA | ... */
    struct nif_call *outer;    /* the call this one interrupted, if any */
    unsigned char *arena_next; /* free space in the current block */
    size_t arena_left;         /* arena_next, arena_left, blocks: set with ND_ARENA */
    nd_arena_block *blocks;    /* enif_alloc'd blocks, freed at the end */
    unsigned argument;         /* set with the failure: 1-based argument being decoded */
    const char *root;          /* e.g. "%Geometry.Segment{}" */
    ERL_NIF_TERM got;          /* the offending term */
    ERL_NIF_TERM raise;        /* term for nif_raise */
    unsigned path_len;         /* segments, innermost first */
    unsigned binary_count;     /* set with ND_BINARIES */
    nd_binary_source binaries[NIF_DERIVE_BINARY_SOURCES];
    const nd_nif *nif; /* set with ND_TIMED: the generated NIF running the call */
    size_t work_left;  /* set with ND_TIMED: what a normal scheduler may still do */
    ERL_NIF_TERM path[NIF_DERIVE_PATH_MAX];
    char expected[NIF_DERIVE_EXPECTED_MAX];
    unsigned char inline_arena[NIF_DERIVE_INLINE_ARENA];
} nif_call;

/*
 * nif_call.state (private): how the call failed (the ND_FAILURE bits;
 * ND_RESCHEDULE is work too long for a normal scheduler), ND_ARENA once it
 * allocated (to free at the end), ND_BINARIES once it remembered a decoded
 * binary, ND_TIMED while it counts its work, ND_MOVABLE when its arena must
 * outlive the NIF (its result may be encoded later), ND_YIELDED when it
 * encodes a result in a time slice of its own (nd_move_encode).
 */
enum {
    ND_OK = 0,
    ND_BADARG,
    ND_ENCODE,
    ND_RAISE,
    ND_RESCHEDULE,
    ND_FAILURE = 0xF,
    ND_ARENA = 0x10,
    ND_BINARIES = 0x20,
    ND_TIMED = 0x40,
    ND_MOVABLE = 0x80,
    ND_YIELDED = 0x100
};

/* Private: the call begun last on this thread (see docs/runtime.md on its TLS model). */
#if defined(__GLIBC__) && defined(__ELF__) && defined(__GNUC__)
#define ND_TLS_MODEL __attribute__((tls_model("initial-exec")))
#else
#define ND_TLS_MODEL
#endif
extern _Thread_local nif_call *nd_current_call ND_TLS_MODEL;

/* How nif_call_end raises the decode error of a failed call. */
typedef enum {
    /* {:nif_derive_error, detail}, which the generated Elixir wrapper (NifDerive.Error.raise/5)
       turns into an ArgumentError naming the argument, path, expectation and term */
    NIF_RAISE_DETAILED = 0,
    /* plain badarg: for NIFs called without the generated wrapper */
    NIF_RAISE_BADARG = 1
} nif_raise_mode;

/* Private: nif_call_end's slow path (a failure, or an arena to free). */
ERL_NIF_TERM nd_call_end(nif_call *call, ERL_NIF_TERM result, nif_raise_mode raise_mode,
                         const char *function);

/*
 * Makes the runtime's atoms. The generated nif_derive_load_<library> calls
 * it; call that from your library's `load` callback before using any
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
 * Ends a call: frees its arena and returns `result`, or, when the call
 * failed, raises. With NIF_RAISE_DETAILED a decode error raises
 * `{:nif_derive_error, {:badarg, Argument, Root, Path, Expected, Got}}`,
 * which the generated Elixir module turns into ArgumentError/badarg; with
 * NIF_RAISE_BADARG it raises plain `badarg` (for modules without the
 * generated wrapper). A nif_raise'd term is raised as it is.
 */
static inline ERL_NIF_TERM nif_call_end(nif_call *call, ERL_NIF_TERM result,
                                        nif_raise_mode raise_mode)
{
    if ((call->state & (ND_FAILURE | ND_ARENA)) != ND_OK) /* the other flags need no end */
        return nd_call_end(call, result, raise_mode, NULL);
    nd_current_call = call->outer;
    return result;
}

/* True once the call has failed: stop decoding and return. */
static inline int nif_call_failed(const nif_call *call)
{
    return (call->state & ND_FAILURE) != ND_OK;
}

/*
 * Arena memory of the current call: freed when the call ends, so results
 * may point into it. Aligned for any type. NULL, and the call fails, when
 * out of memory; NULL outside a call.
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
 * result is then discarded. Does nothing when the call already failed.
 */
int nif_fail_argument(unsigned argument, const char *expected);

/* The call begun last on this thread, or NULL outside a NIF call. */
nif_call *nif_current_call(void);

/*
 * Raises `reason` (a term of the call's environment) as an `error`
 * exception when the current call ends, unless the call already failed.
 */
void nif_raise(ERL_NIF_TERM reason);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* NIF_DERIVE_API_H */
