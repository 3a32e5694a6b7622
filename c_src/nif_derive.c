/*
 * nif_derive runtime core: the call's end, arena and errors, and the scalar
 * and container decoders that are too long to inline. See
 * nif_derive_api.h, nif_derive_internal.h, docs/runtime.md.
 */
#include "nif_derive_internal.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

ERL_NIF_TERM nd_atom_ok, nd_atom_true, nd_atom_false, nd_atom_nil, nd_atom_struct,
    nd_atom_exception, nd_atom_nan, nd_atom_infinity, nd_atom_neg_infinity, nd_atom_elem,
    nd_atom_variant;
static ERL_NIF_TERM atom_nif_derive_error, atom_nif_derive_fallback, atom_badarg, atom_encode,
    atom_key, atom_message, atom_runtime_error;

_Thread_local nif_call *nd_current_call ND_TLS_MODEL;

struct nd_arena_block {
    nd_arena_block *next;
    size_t size;
    _Alignas(max_align_t) unsigned char data[];
};

#define ND_ALIGN _Alignof(max_align_t)
#define ND_BLOCK_MIN 4096

/*
 * Under AddressSanitizer the arena's free space and a red zone after each
 * allocation are poisoned, so that an overflow staying inside a block or
 * the inline arena is reported too. Memory goes back unpoisoned: blocks to
 * the VM's allocator, the inline arena to the NIF's stack. Without ASan
 * this is nothing.
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ND_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(ND_ASAN)
#define ND_ASAN 1
#endif
#ifdef ND_ASAN
#include <sanitizer/asan_interface.h>
#define ND_POISON(start, size) ASAN_POISON_MEMORY_REGION(start, size)
#define ND_UNPOISON(start, size) ASAN_UNPOISON_MEMORY_REGION(start, size)
#define ND_RED_ZONE ND_ALIGN /* bytes after each allocation */
#else
#define ND_POISON(start, size) ((void)(start), (void)(size))
#define ND_UNPOISON(start, size) ((void)(start), (void)(size))
#define ND_RED_ZONE 0
#endif

void nd_free_blocks(nd_arena_block *block)
{
    while (block != NULL) {
        nd_arena_block *next = block->next;
        ND_UNPOISON(block->data, block->size);
        enif_free(block);
        block = next;
    }
}

int nif_derive_load(ErlNifEnv *env)
{
    nd_atom_ok = enif_make_atom(env, "ok");
    nd_atom_true = enif_make_atom(env, "true");
    nd_atom_false = enif_make_atom(env, "false");
    nd_atom_nil = enif_make_atom(env, "nil");
    nd_atom_struct = enif_make_atom(env, "__struct__");
    nd_atom_exception = enif_make_atom(env, "__exception__");
    nd_atom_nan = enif_make_atom(env, "nan");
    nd_atom_infinity = enif_make_atom(env, "infinity");
    nd_atom_neg_infinity = enif_make_atom(env, "neg_infinity");
    nd_atom_elem = enif_make_atom(env, "elem");
    nd_atom_variant = enif_make_atom(env, "variant");
    atom_nif_derive_error = enif_make_atom(env, "nif_derive_error");
    atom_nif_derive_fallback = enif_make_atom(env, "nif_derive_fallback");
    atom_badarg = enif_make_atom(env, "badarg");
    atom_encode = enif_make_atom(env, "encode");
    atom_key = enif_make_atom(env, "key");
    atom_message = enif_make_atom(env, "message");
    atom_runtime_error = enif_make_atom(env, "Elixir.RuntimeError");
    return nd_budget_load(env);
}

static ERL_NIF_TERM make_text(ErlNifEnv *env, const char *text)
{
    size_t length = strlen(text);
    ERL_NIF_TERM term;
    unsigned char *bytes = enif_make_new_binary(env, length, &term);

    if (bytes != NULL)
        memcpy(bytes, text, length);
    return term;
}

/* The path as a list, outermost segment first. */
static ERL_NIF_TERM make_path(nif_call *call)
{
    ERL_NIF_TERM list = enif_make_list(call->env, 0);

    for (unsigned i = 0; i < call->path_len; i++)
        list = enif_make_list_cell(call->env, call->path[i], list);
    return list;
}

static ERL_NIF_TERM make_error(nif_call *call)
{
    ErlNifEnv *env = call->env;
    ERL_NIF_TERM detail;

    if ((call->state & ND_FAILURE) == ND_BADARG)
        detail = enif_make_tuple6(env, atom_badarg, enif_make_uint(env, call->argument),
                                  make_text(env, call->root), make_path(call),
                                  make_text(env, call->expected), call->got);
    else
        detail = enif_make_tuple2(env, atom_encode, make_text(env, call->expected));
    return enif_make_tuple2(env, atom_nif_derive_error, detail);
}

/* %RuntimeError{message: "<function>: <why>"}, as NifDerive.Error.raise/5 makes it. */
static ERL_NIF_TERM make_runtime_error(nif_call *call, const char *function)
{
    ERL_NIF_TERM keys[3] = {nd_atom_struct, nd_atom_exception, atom_message};
    ERL_NIF_TERM values[3] = {atom_runtime_error, nd_atom_true, 0};
    ERL_NIF_TERM map;
    size_t function_length = strlen(function), why_length = strlen(call->expected);
    unsigned char *text =
        enif_make_new_binary(call->env, function_length + 2 + why_length, &values[2]);

    if (text == NULL)
        return atom_runtime_error;
    memcpy(text, function, function_length);
    memcpy(text + function_length, ": ", 2);
    memcpy(text + function_length + 2, call->expected, why_length);
    if (!enif_make_map_from_arrays(call->env, keys, values, 3, &map))
        return atom_runtime_error;
    return map;
}

ERL_NIF_TERM nd_call_end(nif_call *call, ERL_NIF_TERM result, nif_raise_mode raise_mode,
                         const char *function)
{
    switch (call->state & ND_FAILURE) {
    case ND_OK:
        break;
    case ND_RAISE:
        result = enif_raise_exception(call->env, call->raise);
        break;
    case ND_RESCHEDULE: /* decoding was too long for a normal scheduler: again, on a dirty one */
        result = nd_run_dirty(call);
        break;
    case ND_ENCODE:
        if (function != NULL) {
            result = enif_raise_exception(call->env, make_runtime_error(call, function));
            break;
        }
        /* fall through */
    default:
        result = raise_mode == NIF_RAISE_BADARG ? enif_make_badarg(call->env)
                                                : enif_raise_exception(call->env, make_error(call));
        break;
    }
    if (call->state & ND_ARENA)
        nd_free_blocks(call->blocks);
    ND_UNPOISON(call->inline_arena, sizeof call->inline_arena); /* it is the NIF's stack */
    call->state &= ~(unsigned)(ND_ARENA | ND_BINARIES);
    nd_current_call = call->outer;
    return result;
}

/* ------------------------------------------------------------------------
 * Arena
 * ------------------------------------------------------------------------ */

void nd_arena_resume(nif_call *call, nd_arena_block *blocks)
{
    call->state |= ND_ARENA;
    call->blocks = blocks;
    call->arena_next = call->inline_arena;
    /* a movable call's memory must outlive the NIF's stack: heap blocks only */
    call->arena_left = call->state & ND_MOVABLE ? 0 : sizeof call->inline_arena;
    ND_POISON(call->inline_arena, call->arena_left);
}

void *nd_arena_alloc(nif_call *call, size_t size)
{
    size_t rounded = (size + ND_ALIGN - 1) & ~(size_t)(ND_ALIGN - 1), taken = rounded + ND_RED_ZONE;
    unsigned char *start;

    if (rounded < size || taken < rounded) /* overflow */
        return NULL;
    if (!(call->state & ND_ARENA)) /* the first allocation of the call */
        nd_arena_resume(call, NULL);
    /* inline_arena starts aligned only by chance: align the cursor. */
    start = (unsigned char *)(((uintptr_t)call->arena_next + ND_ALIGN - 1) &
                              ~(uintptr_t)(ND_ALIGN - 1));
    if ((size_t)(start - call->arena_next) + taken > call->arena_left) {
        size_t block_size = taken > ND_BLOCK_MIN ? taken : ND_BLOCK_MIN;
        nd_arena_block *block;

        if (block_size > SIZE_MAX - sizeof *block)
            return NULL;
        block = enif_alloc(sizeof *block + block_size);
        if (block == NULL)
            return NULL;
        block->next = call->blocks;
        block->size = block_size;
        ND_POISON(block->data, block_size);
        call->blocks = block;
        call->arena_next = block->data;
        call->arena_left = block_size;
        start = block->data;
    }
    call->arena_left -= (size_t)(start - call->arena_next) + taken;
    call->arena_next = start + taken;
    ND_UNPOISON(start, size);
    return start;
}

void *nif_alloc(size_t size)
{
    void *memory;

    if (nd_current_call == NULL)
        return NULL;
    memory = nd_arena_alloc(nd_current_call, size);
    if (memory == NULL)
        nd_fail_encode(nd_current_call, "out of memory in the call's arena");
    return memory;
}

char *nif_strdup(const char *text)
{
    size_t length = strlen(text);
    char *copy = nif_alloc(length + 1);

    if (copy != NULL)
        memcpy(copy, text, length + 1);
    return copy;
}

char *nif_sprintf(const char *format, ...)
{
    va_list args;
    int length;
    char *text;

    va_start(args, format);
    length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0)
        return NULL;
    text = nif_alloc((size_t)length + 1);
    if (text == NULL)
        return NULL;
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
    return text;
}

void *nd_alloc_array(nif_call *call, size_t count, size_t size)
{
    void *memory;

    if (count == 0)
        return NULL;
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    memory = nd_arena_alloc(call, count * size);
    return memory;
}

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

static int record_failure(nif_call *call, int kind, ERL_NIF_TERM got, const char *format,
                          va_list args)
{
    if (nif_call_failed(call))
        return 0; /* keep the first error */
    call->state |= (unsigned)kind;
    call->argument = 0;
    call->root = "";
    call->got = got;
    call->path_len = 0;
    vsnprintf(call->expected, sizeof call->expected, format, args);
    return 0;
}

int nd_fail(nif_call *call, ERL_NIF_TERM got, const char *expected_format, ...)
{
    va_list args;

    va_start(args, expected_format);
    record_failure(call, ND_BADARG, got, expected_format, args);
    va_end(args);
    return 0;
}

int nd_fail_signed(nif_call *call, ERL_NIF_TERM got, const char *ctype, long long min,
                   long long max)
{
    return nd_fail(call, got, "integer in %s range %lld..%lld", ctype, min, max);
}

int nd_fail_unsigned(nif_call *call, ERL_NIF_TERM got, const char *ctype, unsigned long long max)
{
    return nd_fail(call, got, "integer in %s range 0..%llu", ctype, max);
}

int nd_fail_encode(nif_call *call, const char *what)
{
    if (!nif_call_failed(call)) {
        call->state |= ND_ENCODE;
        snprintf(call->expected, sizeof call->expected, "%s", what);
    }
    return 0;
}

int nd_fail_missing_key(nif_call *call, ERL_NIF_TERM map, ERL_NIF_TERM key)
{
    char name[128];

    if (enif_get_atom(call->env, key, name, sizeof name, ERL_NIF_LATIN1) <= 0)
        snprintf(name, sizeof name, "?");
    return nd_fail(call, map, "map with key :%s", name);
}

int nd_fail_extra_keys(nif_call *call, ERL_NIF_TERM map)
{
    return nd_fail(call, map, "map with no keys other than the fields (strict)");
}

int nif_fail_argument(unsigned argument, const char *expected)
{
    nif_call *call = nd_current_call;
    ERL_NIF_TERM given;

    if (call == NULL || nif_call_failed(call))
        return 0; /* keep the first error, its argument number too */
    given =
        argument >= 1 && argument <= (unsigned)call->argc ? call->argv[argument - 1] : nd_atom_nil;
    nd_fail(call, given, "%s", expected);
    call->argument = argument;
    call->root = "";
    return 0;
}

nif_call *nif_current_call(void)
{
    return nd_current_call;
}

void nif_raise(ERL_NIF_TERM reason)
{
    if (nd_current_call != NULL && !nif_call_failed(nd_current_call)) {
        nd_current_call->state |= ND_RAISE;
        nd_current_call->raise = reason;
    }
}

static int push_segment(nif_call *call, ERL_NIF_TERM segment)
{
    if (call->path_len < NIF_DERIVE_PATH_MAX)
        call->path[call->path_len++] = segment;
    return 0;
}

int nd_at_field(nif_call *call, ERL_NIF_TERM field_atom)
{
    return push_segment(call, field_atom);
}

int nd_at_index(nif_call *call, size_t index)
{
    return push_segment(call, enif_make_uint64(call->env, (ErlNifUInt64)index));
}

int nd_at_element(nif_call *call, unsigned position)
{
    return push_segment(
        call, enif_make_tuple2(call->env, nd_atom_elem, enif_make_uint(call->env, position)));
}

int nd_at_key(nif_call *call, ERL_NIF_TERM key)
{
    return push_segment(call, enif_make_tuple2(call->env, atom_key, key));
}

int nd_at_variant(nif_call *call, ERL_NIF_TERM tag_atom, const char *shape)
{
    return push_segment(
        call, enif_make_tuple3(call->env, nd_atom_variant, tag_atom, make_text(call->env, shape)));
}

ERL_NIF_TERM nd_fail_argument(nif_call *call, unsigned argument, const char *root)
{
    call->argument = argument;
    call->root = root;
    return nif_call_end(call, 0, NIF_RAISE_DETAILED);
}

ERL_NIF_TERM nd_fall_back(nif_call *call)
{
    if ((call->state & ND_FAILURE) != ND_RESCHEDULE) {
        call->state = (call->state & ~(unsigned)ND_FAILURE) | ND_RAISE;
        call->raise = atom_nif_derive_fallback;
    }
    return nif_call_end(call, 0, NIF_RAISE_DETAILED);
}

int nd_clear_error(nif_call *call)
{
    if ((call->state & ND_FAILURE) == ND_RESCHEDULE)
        return 0;
    call->state &= ~(unsigned)ND_FAILURE;
    call->path_len = 0;
    return 1;
}

/* ------------------------------------------------------------------------
 * Scalars
 * ------------------------------------------------------------------------ */

static int decode_special_float(ERL_NIF_TERM term, double *out)
{
    if (term == nd_atom_nan)
        *out = NAN;
    else if (term == nd_atom_infinity)
        *out = INFINITY;
    else if (term == nd_atom_neg_infinity)
        *out = -INFINITY;
    else
        return 0;
    return 1;
}

static int get_number(nif_call *call, ERL_NIF_TERM term, double *out)
{
    ErlNifSInt64 integer;
    ErlNifUInt64 unsigned_integer;

    if (enif_get_double(call->env, term, out))
        return 1;
    if (enif_get_int64(call->env, term, &integer)) {
        *out = (double)integer;
        return 1;
    }
    if (enif_get_uint64(call->env, term, &unsigned_integer)) {
        *out = (double)unsigned_integer;
        return 1;
    }
    return decode_special_float(term, out);
}

int nd_decode_double(nif_call *call, ERL_NIF_TERM term, double *out)
{
    if (get_number(call, term, out))
        return 1;
    return nd_fail(call, term,
                   "float, integer in int64/uint64 range, :nan, :infinity or :neg_infinity");
}

int nd_decode_float(nif_call *call, ERL_NIF_TERM term, float *out)
{
    double value;

    if (get_number(call, term, &value) && (!isfinite(value) || fabs(value) <= (double)FLT_MAX)) {
        *out = (float)value;
        return 1;
    }
    return nd_fail(call, term,
                   "number in float range -3.4028234663852886e38..3.4028234663852886e38, :nan, "
                   ":infinity or :neg_infinity");
}

static ERL_NIF_TERM encode_number(nif_call *call, double value)
{
    if (isnan(value))
        return nd_atom_nan;
    if (isinf(value))
        return value > 0 ? nd_atom_infinity : nd_atom_neg_infinity;
    return enif_make_double(call->env, value);
}

ERL_NIF_TERM nd_encode_double(nif_call *call, const double *in)
{
    return encode_number(call, *in);
}

ERL_NIF_TERM nd_encode_float(nif_call *call, const float *in)
{
    return encode_number(call, *in);
}

int nd_decode_binary(nif_call *call, ERL_NIF_TERM term, nif_binary *out)
{
    ErlNifBinary binary;

    if (!enif_inspect_binary(call->env, term, &binary))
        return nd_fail(call, term, "binary");
    out->data = binary.data;
    out->size = binary.size;
    if (binary.size >= NIF_DERIVE_SUB_BINARY_MIN) {
        if (!(call->state & ND_BINARIES)) {
            call->state |= ND_BINARIES;
            call->binary_count = 0;
        }
        if (call->binary_count < NIF_DERIVE_BINARY_SOURCES)
            call->binaries[call->binary_count++] =
                (nd_binary_source){binary.data, binary.size, term};
    }
    return 1;
}

/* The decoded binary that holds value's bytes, or NULL. */
static const nd_binary_source *binary_source(const nif_call *call, nif_binary value)
{
    uintptr_t start = (uintptr_t)value.data;

    for (unsigned i = 0; i < call->binary_count; i++) {
        const nd_binary_source *source = &call->binaries[i];
        uintptr_t from = (uintptr_t)source->data;

        if (start >= from && start - from <= source->size &&
            value.size <= source->size - (start - from))
            return source;
    }
    return NULL;
}

/* A new binary holding a copy of data[0..size). */
static ERL_NIF_TERM copy_binary(nif_call *call, const void *data, size_t size)
{
    ERL_NIF_TERM term;
    unsigned char *bytes = enif_make_new_binary(call->env, size, &term);

    if (bytes == NULL) {
        nd_fail_encode(call, "out of memory making a binary");
        return nd_atom_nil;
    }
    if (size > 0)
        memcpy(bytes, data, size);
    return term;
}

ERL_NIF_TERM nd_encode_binary(nif_call *call, const nif_binary *in)
{
    if ((call->state & ND_BINARIES) && in->size >= NIF_DERIVE_SUB_BINARY_MIN) {
        const nd_binary_source *source = binary_source(call, *in);

        if (source != NULL)
            return enif_make_sub_binary(call->env, source->term, (size_t)(in->data - source->data),
                                        in->size);
    }
    return copy_binary(call, in->data, in->size);
}

int nd_decode_bytes(nif_call *call, ERL_NIF_TERM term, size_t max_size, int copy,
                    const unsigned char **data, size_t *size)
{
    nif_binary binary;
    unsigned char *bytes;

    *data = NULL;
    *size = 0;
    if (!nd_decode_binary(call, term, &binary))
        return 0;
    if (binary.size > max_size)
        return nd_fail(call, term, "binary of at most %zu bytes", max_size);
    if (copy && binary.size > 0) {
        if (!nd_count_work(call, binary.size / ND_TEXT_BYTES))
            return 0;
        bytes = nd_arena_alloc(call, binary.size);
        if (bytes == NULL)
            return nd_fail(call, term, "binary small enough to copy (out of memory)");
        memcpy(bytes, binary.data, binary.size);
        binary.data = bytes;
    }
    *data = binary.data;
    *size = binary.size;
    return 1;
}

ERL_NIF_TERM nd_encode_bytes(nif_call *call, const void *data, size_t size, const char *what)
{
    if (data == NULL && size > 0)
        return nd_encode_failed(call, what);
    if (!nd_count_work(call, 2 * (size / ND_TEXT_BYTES)))
        return nd_atom_nil;
    return nd_encode_binary(call, &(nif_binary){data, size});
}

ERL_NIF_TERM nd_encode_bytes_signed(nif_call *call, const void *data, long long size,
                                    const char *what)
{
    return nd_encode_bytes(call, data, nd_encode_length(call, size), what);
}

ERL_NIF_TERM nd_encode_failed(nif_call *call, const char *what)
{
    nd_fail_encode(call, what);
    return nd_atom_nil;
}

/*
 * Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF)
 * without NUL bytes. Runs of ASCII are skipped 8 bytes at a time.
 */
static int valid_utf8(const unsigned char *s, size_t n)
{
    const uint64_t high_bits = UINT64_C(0x8080808080808080),
                   low_bits = UINT64_C(0x0101010101010101);
    size_t i = 0;

    for (;;) {
        unsigned char c;
        size_t extra;
        uint32_t point;

        for (uint64_t word; n - i >= 8; i += 8) {
            memcpy(&word, s + i, 8);
            if ((word & high_bits) != 0 || ((word - low_bits) & ~word & high_bits) != 0)
                break; /* a byte >= 0x80, or a NUL */
        }
        while (i < n && s[i] >= 0x01 && s[i] <= 0x7F)
            i++;
        if (i == n)
            return 1;
        c = s[i];
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            point = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            point = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            point = c & 0x07;
        } else {
            return 0; /* NUL, a continuation byte, or no lead byte of RFC 3629 */
        }
        if (n - i <= extra)
            return 0;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            point = (point << 6) | (s[i + k] & 0x3F);
        }
        if ((extra == 2 && (point < 0x800 || (point >= 0xD800 && point <= 0xDFFF))) ||
            (extra == 3 && (point < 0x10000 || point > 0x10FFFF)))
            return 0;
        i += extra + 1;
    }
}

/* A UTF-8 binary without NUL, at most `max_size` bytes. */
static int inspect_text(nif_call *call, ERL_NIF_TERM term, ErlNifBinary *binary, size_t max_size)
{
    if (!enif_inspect_binary(call->env, term, binary))
        return 0;
    if (binary->size > max_size)
        return 0;
    return valid_utf8(binary->data, binary->size);
}

int nd_decode_string(nif_call *call, ERL_NIF_TERM term, const char **out)
{
    ErlNifBinary binary;
    char *copy;

    if (!enif_inspect_binary(call->env, term, &binary))
        return nd_fail(call, term, "UTF-8 binary without NUL bytes");
    if (!nd_count_work(call, binary.size / ND_TEXT_BYTES))
        return 0;
    if (!valid_utf8(binary.data, binary.size))
        return nd_fail(call, term, "UTF-8 binary without NUL bytes");
    copy = nd_arena_alloc(call, binary.size + 1);
    if (copy == NULL)
        return nd_fail(call, term, "binary small enough to copy (out of memory)");
    memcpy(copy, binary.data, binary.size);
    copy[binary.size] = '\0';
    *out = copy;
    return 1;
}

int nd_decode_nullable_string(nif_call *call, ERL_NIF_TERM term, const char **out)
{
    if (term == nd_atom_nil) {
        *out = NULL;
        return 1;
    }
    if (nd_decode_string(call, term, out))
        return 1;
    if (!nd_clear_error(call)) /* then restate the error with nil allowed */
        return 0;
    return nd_fail(call, term, "nil or UTF-8 binary without NUL bytes");
}

static ERL_NIF_TERM encode_text(nif_call *call, const char *value, size_t length)
{
    if (!nd_count_work(call, 2 * (length / ND_TEXT_BYTES)))
        return nd_atom_nil;
    if (!valid_utf8((const unsigned char *)value, length)) {
        nd_fail_encode(call, "a string in the result is not valid UTF-8");
        return nd_atom_nil;
    }
    return copy_binary(call, value, length); /* a string is always a copy */
}

ERL_NIF_TERM nd_encode_string_at(nif_call *call, const char *const *in, const char *null_message)
{
    if (*in == NULL)
        return nd_encode_failed(call, null_message);
    return encode_text(call, *in, strlen(*in));
}

ERL_NIF_TERM nd_encode_string(nif_call *call, const char *const *in)
{
    return nd_encode_string_at(call, in, "a string in the result is NULL (mark it NIF_OPTIONAL)");
}

ERL_NIF_TERM nd_encode_nullable_string(nif_call *call, const char *const *in)
{
    return *in == NULL ? nd_atom_nil : nd_encode_string(call, in);
}

/* The same strings through `const unsigned char *`: the pointer converts, not the bytes. */
static int to_ustring(int decoded, const char *const *string, const unsigned char **out)
{
    if (decoded)
        *out = (const unsigned char *)*string;
    return decoded;
}

int nd_decode_ustring(nif_call *call, ERL_NIF_TERM term, const unsigned char **out)
{
    const char *string;

    return to_ustring(nd_decode_string(call, term, &string), &string, out);
}

int nd_decode_nullable_ustring(nif_call *call, ERL_NIF_TERM term, const unsigned char **out)
{
    const char *string;

    return to_ustring(nd_decode_nullable_string(call, term, &string), &string, out);
}

ERL_NIF_TERM nd_encode_ustring(nif_call *call, const unsigned char *const *in)
{
    return nd_encode_string(call, &(const char *){(const char *)*in});
}

ERL_NIF_TERM nd_encode_ustring_at(nif_call *call, const unsigned char *const *in,
                                  const char *null_message)
{
    return nd_encode_string_at(call, &(const char *){(const char *)*in}, null_message);
}

ERL_NIF_TERM nd_encode_nullable_ustring(nif_call *call, const unsigned char *const *in)
{
    return nd_encode_nullable_string(call, &(const char *){(const char *)*in});
}

int nd_decode_char_array(nif_call *call, ERL_NIF_TERM term, char *out, size_t capacity)
{
    ErlNifBinary binary;

    if (!inspect_text(call, term, &binary, capacity - 1))
        return nd_fail(call, term, "UTF-8 binary without NUL bytes, at most %zu bytes",
                       capacity - 1);
    memcpy(out, binary.data, binary.size);
    memset(out + binary.size, 0, capacity - binary.size);
    return 1;
}

ERL_NIF_TERM nd_encode_char_array(nif_call *call, const char *in, size_t capacity)
{
    const char *end = memchr(in, 0, capacity);

    return encode_text(call, in, end != NULL ? (size_t)(end - in) : capacity);
}

/* ------------------------------------------------------------------------
 * Containers
 * ------------------------------------------------------------------------ */

int nd_get_map(nif_call *call, ERL_NIF_TERM term, const char *expected)
{
    if (enif_is_map(call->env, term))
        return 1;
    return nd_fail(call, term, "%s", expected);
}

int nd_get_struct(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM module, const char *expected)
{
    ERL_NIF_TERM name;

    /* atoms are immediate terms: the same atom is the same word */
    if (enif_get_map_value(call->env, term, nd_atom_struct, &name) && name == module)
        return 1;
    return nd_fail(call, term, "%s", expected);
}

int nd_get_tuple(nif_call *call, ERL_NIF_TERM term, int arity, const ERL_NIF_TERM **elements,
                 const char *expected)
{
    int actual;

    if (enif_get_tuple(call->env, term, &actual, elements) && actual == arity)
        return 1;
    return nd_fail(call, term, "%s", expected);
}

int nd_get_record(nif_call *call, ERL_NIF_TERM term, ERL_NIF_TERM tag, int arity,
                  const ERL_NIF_TERM **elements, const char *expected)
{
    int actual;

    if (enif_get_tuple(call->env, term, &actual, elements) && actual == arity &&
        (*elements)[0] == tag)
        return 1;
    return nd_fail(call, term, "%s", expected);
}

/* The elements of a list, its length read first: arena memory, NULL when empty. */
static int read_elements(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM **elements,
                         size_t *length, const char *expected)
{
    ERL_NIF_TERM *array, tail = term;
    unsigned count;

    if (!enif_get_list_length(call->env, term, &count))
        return nd_fail(call, term, "%s", expected);
    array = nd_alloc_array(call, count, sizeof *array);
    if (array == NULL && count > 0)
        return nd_fail(call, term, "list small enough to allocate");
    for (unsigned i = 0; i < count; i++)
        enif_get_list_cell(call->env, tail, &array[i], &tail);
    *elements = array;
    *length = count;
    return 1;
}

/*
 * The elements of a list in a timed call. Reading a cell counts as reading a term, and an element
 * as one term at least, so a list is read only while it can fit what is left of the budget: a list
 * of millions would otherwise hold the scheduler for milliseconds before any budget check. Its
 * length is not known before: the array starts small and then takes the most that can fit (only
 * the part written is touched), so that a long list is copied once, and only 64 elements.
 */
static int read_elements_timed(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM **elements,
                               size_t *length, const char *expected)
{
    ErlNifEnv *env = call->env;
    ERL_NIF_TERM *array = NULL, tail = term;
    size_t count = 0, capacity = 0, most = call->work_left / 2;

    for (;; count++) {
        ERL_NIF_TERM head, *larger;

        if (count < capacity) {
            if (!enif_get_list_cell(env, tail, &array[count], &tail))
                break;
            continue;
        }
        /* the array is made once there is an element: not for [] or a term that is no list */
        if (!enif_get_list_cell(env, tail, &head, &tail))
            break;
        if (count > most) /* too long for this time slice */
            return nd_out_of_time(call) && read_elements(call, term, elements, length, expected);
        capacity = count == 0 ? 8 : count == 8 ? 64 : most + 1;
        if (capacity > most + 1)
            capacity = most + 1;
        larger = nd_alloc_array(call, capacity, sizeof *larger);
        if (larger == NULL)
            return nd_fail(call, term, "list small enough to allocate");
        if (count > 0)
            memcpy(larger, array, count * sizeof *array);
        array = larger;
        array[count] = head;
    }
    if (!enif_is_empty_list(env, tail))
        return nd_fail(call, term, "%s", expected);
    if (!nd_count_work(call, count)) /* the cells read */
        return 0;
    *elements = array;
    *length = count;
    return 1;
}

int nd_get_list_elements(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM **elements,
                         size_t *length, const char *expected)
{
    *elements = NULL;
    *length = 0;
    if (call->state & ND_TIMED)
        return read_elements_timed(call, term, elements, length, expected);
    return read_elements(call, term, elements, length, expected);
}

/*
 * Walks at most `most` + 1 cells of a list: the number of cells, and in *tail what follows them
 * (the empty list when the list has at most `most` elements).
 */
static size_t count_cells(nif_call *call, ERL_NIF_TERM term, size_t most, ERL_NIF_TERM *tail)
{
    ERL_NIF_TERM head;
    size_t count = 0;

    *tail = term;
    while (count <= most && enif_get_list_cell(call->env, *tail, &head, tail))
        count++;
    return count;
}

int nd_get_list(nif_call *call, ERL_NIF_TERM term, size_t *length, const char *expected)
{
    unsigned count;

    if (call->state & ND_TIMED) { /* as read_elements_timed, without keeping the elements */
        ERL_NIF_TERM tail;
        size_t most = call->work_left / 2, cells = count_cells(call, term, most, &tail);

        if (enif_is_empty_list(call->env, tail)) {
            *length = cells;
            return nd_count_work(call, cells); /* the cells read */
        }
        if (!enif_is_list(call->env, tail)) /* not a proper list */
            return nd_fail(call, term, "%s", expected);
        if (!nd_out_of_time(call)) /* more cells: too long for this time slice */
            return 0;
    }
    if (enif_get_list_length(call->env, term, &count)) {
        *length = count;
        return 1;
    }
    return nd_fail(call, term, "%s", expected);
}

int nd_get_list_exact(nif_call *call, ERL_NIF_TERM term, size_t length)
{
    ERL_NIF_TERM tail;

    /* a list of millions given for a short array fails without being walked */
    if (count_cells(call, term, length, &tail) == length && enif_is_empty_list(call->env, tail))
        return 1;
    return nd_fail(call, term, "list of exactly %zu elements", length);
}

int nd_check_map_size(nif_call *call, ERL_NIF_TERM map, size_t present)
{
    size_t size;

    if (enif_get_map_size(call->env, map, &size) && size == present)
        return 1;
    return nd_fail_extra_keys(call, map);
}
