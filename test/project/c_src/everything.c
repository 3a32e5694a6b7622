/*
 * The NIF functions of everything.h: mostly identities. Every function is
 * defined for every argument it can receive (the fuzz harness runs them
 * under UBSan): arithmetic is checked and an overflow fails the call with
 * an ArgumentError; work is linear and bounded on normal schedulers.
 */
#include "everything.h"
#include "everything_native.h"

#include <inttypes.h>
#include <string.h>

#define SUM_FITS "integers whose sum fits in int64_t"

/* Sums xs[0..n) into *sum; 0 when the sum leaves int64_t. */
static int checked_sum(const int64_t *xs, size_t n, int64_t *sum)
{
    *sum = 0;
    for (size_t i = 0; i < n; i++)
        if (__builtin_add_overflow(*sum, xs[i], sum))
            return 0;
    return 1;
}

#define ECHO(type, name)                                                                           \
    type name(type v)                                                                              \
    {                                                                                              \
        return v;                                                                                  \
    }

ECHO(char, echo_char)
ECHO(signed char, echo_schar)
ECHO(unsigned char, echo_uchar)
ECHO(short, echo_short)
ECHO(unsigned short, echo_ushort)
ECHO(int, echo_int)
ECHO(unsigned int, echo_uint)
ECHO(long, echo_long)
ECHO(unsigned long, echo_ulong)
ECHO(long long, echo_llong)
ECHO(unsigned long long, echo_ullong)
ECHO(int8_t, echo_int8)
ECHO(int16_t, echo_int16)
ECHO(int32_t, echo_int32)
ECHO(int64_t, echo_int64)
ECHO(uint8_t, echo_uint8)
ECHO(uint16_t, echo_uint16)
ECHO(uint32_t, echo_uint32)
ECHO(uint64_t, echo_uint64)
ECHO(size_t, echo_size)
ECHO(ssize_t, echo_ssize)

ECHO(float, echo_float)
ECHO(double, echo_double)
ECHO(bool, echo_bool)
ECHO(nif_binary, echo_binary)
ECHO(const char *, echo_string)
ECHO(ERL_NIF_TERM, echo_term)
ECHO(ErlNifPid, echo_pid)

ECHO(color_t, echo_color)
ECHO(point_t, echo_point)
ECHO(layer_t, echo_layer)
ECHO(rgb_t, echo_rgb)
ECHO(entry_t, echo_entry)
ECHO(app_error_t, echo_error)
ECHO(shape_t, echo_shape)
ECHO(value_t, echo_value)
ECHO(token_t, echo_token)
ECHO(samples_t, echo_samples)
ECHO(integers_t, echo_integers)
ECHO(wide_t, echo_wide)

ECHO(settings_t, echo_settings)
ECHO(options_t, echo_options)
ECHO(strict_struct_t, echo_strict_struct)

segment_t echo_segment(const segment_t *v)
{
    return *v;
}

scene_t echo_scene(const scene_t *v)
{
    return *v;
}

scalars_t echo_scalars(const scalars_t *v)
{
    return *v;
}

/* `seen` is encode-only: decode leaves it 0; report how many keys C saw. */
strict_map_t echo_strict_map(strict_map_t v)
{
    v.seen = v.seen == 0 ? 2 : -1;
    return v;
}

/* `id` is encode-only, `password` decode-only: the id is the password's length. */
account_t echo_account(account_t v)
{
    v.id = (uint32_t)strlen(v.password);
    v.password = NULL;
    return v;
}

credentials_t echo_credentials(credentials_t v)
{
    v.strength = v.strength == 0 ? (uint32_t)strlen(v.secret) : UINT32_MAX;
    return v;
}

report_t summarize(const int64_t *xs, size_t n)
{
    int64_t sum;

    if (!checked_sum(xs, n, &sum)) {
        nif_fail_argument(1, SUM_FITS);
        return (report_t){0};
    }
    return (report_t){
        .count = n,
        .mean = n > 0 ? (double)sum / (double)n : 0.0,
        .summary = nif_sprintf("%zu values, sum %" PRId64, n, sum),
    };
}

/* The limit plus the text's length, saturated at UINT32_MAX. */
uint32_t query_limit(query_t query)
{
    size_t length = strlen(query.text);

    if (length > UINT32_MAX - query.limit)
        return UINT32_MAX;
    return query.limit + (uint32_t)length;
}

int64_t sum_list(const int64_t *xs, size_t n)
{
    int64_t sum;

    if (!checked_sum(xs, n, &sum))
        nif_fail_argument(1, SUM_FITS);
    return sum;
}

/* (A NULL from nif_alloc has failed the call already: its result is discarded.) */
point_t *reverse_points(const point_t *points, size_t n, size_t *out_n)
{
    point_t *reversed = nif_alloc(n * sizeof *reversed);

    *out_n = 0;
    if (reversed == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        reversed[i] = points[n - 1 - i];
    *out_n = n;
    return reversed;
}

/* Words separated by single spaces, copied into the call's arena. */
const char **split_words(const char *text, size_t *out_n)
{
    size_t length = strlen(text), count = 0;
    const char **words = nif_alloc((length / 2 + 1) * sizeof *words);
    char *copy = nif_strdup(text);

    *out_n = 0;
    if (words == NULL || copy == NULL)
        return NULL;
    for (char *start = copy, *end; *start != '\0'; start = end) {
        end = strchr(start, ' ');
        if (end == NULL)
            end = start + strlen(start);
        else
            *end++ = '\0';
        if (*start != '\0')
            words[count++] = start;
    }
    *out_n = count;
    return words;
}

const char *describe_origin(const point_t *origin)
{
    if (origin == NULL)
        return "nowhere";
    return nif_sprintf("(%" PRId32 ", %" PRId32 ")", origin->x, origin->y);
}

#define GREETING_MAX 65536

/*
 * "hello NAME, hello NAME": one pass over the result, which is at most
 * GREETING_MAX bytes so that a normal scheduler is held for microseconds.
 */
const char *greet(const char *name, uint8_t times)
{
    const char *who = name != NULL ? name : "stranger";
    size_t length = strlen(who), size;
    char *text, *end;

    /* "hello " + name per time, ", " between: no overflow, as length < GREETING_MAX */
    if (length >= GREETING_MAX || (size = (length + 8) * times + 1) > GREETING_MAX) {
        nif_fail_argument(1, "nil or a name short enough for a greeting of at most 65536 bytes");
        return NULL;
    }
    text = end = nif_alloc(size);
    if (text == NULL)
        return NULL;
    for (unsigned i = 0; i < times; i++) {
        if (i > 0) {
            memcpy(end, ", ", 2);
            end += 2;
        }
        memcpy(end, "hello ", 6);
        end += 6;
        memcpy(end, who, length);
        end += length;
    }
    *end = '\0';
    return text;
}

ERL_NIF_TERM make_pair(ErlNifEnv *env, int64_t a, int64_t b)
{
    return enif_make_tuple2(env, enif_make_int64(env, a), enif_make_int64(env, b));
}

ErlNifPid self_pid(ErlNifEnv *env)
{
    ErlNifPid pid;

    enif_self(env, &pid);
    return pid;
}

void noop(void)
{
}

/* Validation in C: a zero divisor fails the 2nd argument. */
int64_t checked_div(int64_t a, int64_t b)
{
    if (b == 0) {
        nif_fail_argument(2, "a non-zero divisor");
        return 0;
    }
    if (a == INT64_MIN && b == -1) {
        nif_fail_argument(1, "a dividend whose quotient fits in int64_t");
        return 0;
    }
    return a / b;
}

void raise_error(const char *message, int32_t code)
{
    app_error_t error = {.message = message, .code = code};

    nif_raise_app_error_t(&error);
}

size_t total_length(const char *const *words, size_t n)
{
    size_t total = 0;

    for (size_t i = 0; i < n; i++)
        total += strlen(words[i]);
    return total;
}

uint8_t count_small(const uint8_t *xs, uint8_t n)
{
    uint8_t count = 0;

    for (uint8_t i = 0; i < n; i++)
        count += xs[i] < 10;
    return count;
}

uint16_t *countdown(uint16_t from, uint32_t *out_n)
{
    uint16_t *values = nif_alloc((size_t)from * sizeof *values);

    *out_n = 0;
    if (values == NULL)
        return NULL;
    for (uint16_t i = 0; i < from; i++)
        values[i] = (uint16_t)(from - i);
    *out_n = from;
    return values;
}

/* In double: x + y of two int32_t can leave int. */
double scale_point(const point_t *p, const double *factor, const color_t *color)
{
    return ((double)p->x + (double)p->y) * *factor * (*color == COLOR_RED ? -1 : 1);
}

int64_t four(int64_t first, int64_t end, int64_t startValue, int64_t fn)
{
    int64_t a, b, c, result;

    if (__builtin_mul_overflow(first, 1000, &a) || __builtin_mul_overflow(end, 100, &b) ||
        __builtin_mul_overflow(startValue, 10, &c) || __builtin_add_overflow(a, b, &result) ||
        __builtin_add_overflow(result, c, &result) || __builtin_add_overflow(result, fn, &result)) {
        nif_fail_argument(1, "first * 1000 + end * 100 + startValue * 10 + fn in int64_t range");
        return 0;
    }
    return result;
}

int64_t tally(const tally_entry_t *entries, size_t n)
{
    int64_t sum = 0;

    for (size_t i = 0; i < n; i++)
        if (__builtin_add_overflow(sum, entries[i].count, &sum)) {
            nif_fail_argument(1, "counts whose sum fits in int64_t");
            return 0;
        }
    return sum;
}

const char *null_string_result(void)
{
    return NULL;
}

const char *invalid_utf8_result(void)
{
    return "\xff";
}

color_t bad_enum_result(void)
{
    return (color_t)42;
}

shape_t bad_tag_result(void)
{
    return (shape_t){.kind = (shape_kind)42};
}

/* A negative signed length must not make the encoder read past the array. */
signed_len_t negative_length_result(void)
{
    return (signed_len_t){.xs = NULL, .n = -1};
}

/* ---- Long lists (issue 11): a million elements in, out and both ways ---- */

size_t count_points(const point_t *points, size_t n)
{
    (void)points;
    return n;
}

const uint8_t *bytes_of(nif_binary data, size_t *out_n)
{
    *out_n = 0;
    if (data.size > LONG_LIST_MAX) {
        nif_fail_argument(1, "binary of at most 1000000 bytes");
        return NULL;
    }
    *out_n = data.size;
    return data.data;
}

point_t *diagonal(uint32_t count, size_t *out_n)
{
    point_t *points;

    *out_n = 0;
    if (count > LONG_LIST_MAX) {
        nif_fail_argument(1, "integer in 0..1000000");
        return NULL;
    }
    points = nif_alloc((size_t)count * sizeof *points);
    if (points == NULL)
        return NULL;
    for (uint32_t i = 0; i < count; i++)
        points[i] = (point_t){.x = (int64_t)i + 1, .y = -((int64_t)i + 1)};
    *out_n = count;
    return points;
}

/* ==== Function names, @enforce_keys, doc comments, keyword-named variants ==== */

bool is_positive(int64_t x)
{
    return x > 0;
}

credentials_t echo_credentials_again(credentials_t a, int64_t b)
{
    a.strength = (uint32_t)b;
    return a;
}

ECHO(keyword_variant_t, echo_keyword_variant)
ECHO(documented_t, echo_documented)

/* ==== Byte strings and flags (issue 9) ==== */

ECHO(bytes_t, echo_bytes)
ECHO(lib_record_t, echo_lib_record)

bytes_t shout_bytes(bytes_t b)
{
    for (int16_t i = 0; i < b.scratch_len; i++)
        if (b.scratch[i] >= 'a' && b.scratch[i] <= 'z')
            b.scratch[i] = (char)(b.scratch[i] - 'a' + 'A');
    b.on = !b.on;
    return b;
}

bytes_t raw_bytes(int raw, int null_members)
{
    static char scratch[] = "s";
    bytes_t b = {
        .scratch = scratch, .scratch_len = 1, .on = raw, .label = (const unsigned char *)"l"};

    if (null_members & 1)
        b.scratch = NULL;
    if (null_members & 2)
        b.label = NULL;
    return b;
}

int raw_flag(int on)
{
    return on;
}

const uint8_t *first_half(const uint8_t *data, size_t n, size_t *out_n)
{
    *out_n = n / 2;
    return data;
}

int all_zero(const char *data, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (data[i] != 0)
            return 0;
    return 7; /* any nonzero int is true */
}

lib_record_t null_lib_record(int which)
{
    static lib_char_t name[] = "n";
    static char note[] = "note";
    lib_record_t r = {.name = name, .note = note};

    if (which == 1)
        r.name = NULL;
    if (which == 2)
        r.note = NULL;
    return r;
}
