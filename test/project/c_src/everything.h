/*
 * Every derive shape, C type and option of nif_derive, for the ExUnit tests
 * of test/project. Most functions are identities: the term goes through the
 * generated decoder into C and comes back through the generated encoder.
 */
#ifndef EVERYTHING_H
#define EVERYTHING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h> /* ssize_t */

#include <nif_derive.h>

/* ------------------------------------------------------------------------
 * Shapes
 * ------------------------------------------------------------------------ */

/* NifUnitEnum, with a renamed enumerator: :red | :green | :azure | :white */
typedef enum NIF_UNIT_ENUM {
    COLOR_RED,
    COLOR_GREEN,
    COLOR_BLUE NIF_RENAME("azure"),
    COLOR_WHITE,
} color_t;

/* NifStruct, three levels of nesting: Scene > layers[] > segments[] > Point */
typedef struct NIF_STRUCT("Everything.Point") {
    int32_t x;
    int32_t y;
} point_t;

typedef struct NIF_STRUCT("Everything.Segment") {
    point_t from;
    point_t to;
} segment_t;

/* NifRecord: {:rgb, r, g, b} */
typedef struct NIF_RECORD("rgb") {
    uint8_t r;
    uint8_t g;
    uint8_t b;
} rgb_t;

/* NifMap with a list of structs, a char[N] and an optional struct */
typedef struct NIF_MAP {
    char name[8];
    segment_t *segments NIF_LEN(segment_count);
    size_t segment_count;
    point_t *origin NIF_OPTIONAL;
} layer_t;

typedef struct NIF_STRUCT("Everything.Scene") {
    const char *title;
    layer_t *layers NIF_LEN(layer_count);
    uint8_t layer_count; /* at most 255 layers */
    color_t background NIF_DEFAULT(COLOR_WHITE);
    rgb_t tint;
} scene_t;

/* NifTuple: {name, count, weight} */
typedef struct NIF_TUPLE {
    const char *name;
    int64_t count;
    double weight;
} entry_t;

/* NifException, raised from C with nif_raise_app_error_t */
typedef struct NIF_EXCEPTION("Everything.Error") {
    const char *message;
    int32_t code;
} app_error_t;

/* NifTaggedEnum: every arm kind */
typedef enum { SHAPE_EMPTY, SHAPE_CIRCLE, SHAPE_RECT, SHAPE_POLYGON, SHAPE_LABEL } shape_kind;
typedef struct NIF_TAGGED_ENUM {
    shape_kind kind;
    union {
        double circle;                    /* newtype: {:circle, radius} */
        struct NIF_TUPLE {
            int32_t width;
            int32_t height;
        } rect;                           /* tuple: {:rect, w, h} */
        struct {
            point_t *points NIF_LEN(count);
            size_t count;
            bool closed;
        } polygon;                        /* named: {:polygon, %{points: [...], closed: bool}} */
        const char *label NIF_RENAME("text"); /* renamed newtype: {:text, "..."} */
    };                                    /* SHAPE_EMPTY has no arm: :empty */
} shape_t;

/* NifTaggedEnum with a named union and arms of char[N], T[N], a struct and an optional struct */
typedef enum { TOKEN_EOF, TOKEN_WORD, TOKEN_PAIR, TOKEN_AT, TOKEN_MAYBE NIF_RENAME("maybe_at") } token_kind;
typedef struct NIF_TAGGED_ENUM {
    token_kind kind;
    union {
        char word[6];
        int16_t pair[2];
        point_t at;
        point_t *maybe NIF_OPTIONAL;
    } u;
} token_t;

/* NifUntaggedEnum: the arm's own term, tried in order */
typedef enum { VALUE_NUMBER, VALUE_REAL, VALUE_TEXT, VALUE_PAIR, VALUE_POINT, VALUE_FLAGS } value_kind;
typedef struct NIF_UNTAGGED_ENUM {
    value_kind kind;
    union {
        int64_t number;
        double real;
        const char *text;
        struct NIF_TUPLE {
            int64_t first;
            const char *second;
        } pair;
        point_t point;
        struct {
            bool on;
        } flags;
    };
} value_t;

/* ------------------------------------------------------------------------
 * Every C type
 * ------------------------------------------------------------------------ */

typedef struct NIF_STRUCT("Everything.Integers") {
    char c;
    signed char sc;
    unsigned char uc;
    short s;
    unsigned short us;
    int i;
    unsigned int ui;
    long l;
    unsigned long ul;
    long long ll;
    unsigned long long ull;
    int8_t i8;
    int16_t i16;
    int32_t i32;
    int64_t i64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    size_t size;
    ssize_t ssize;
} integers_t;

typedef struct NIF_STRUCT("Everything.Scalars") {
    float f;
    double d;
    bool flag;
    nif_binary bytes;
    const char *text;
    char code[4];            /* at most 3 bytes */
    int16_t samples[3];      /* exactly 3 */
    point_t corners[2];      /* exactly 2 structs */
    color_t palette[2];      /* exactly 2 atoms */
    ERL_NIF_TERM any;
    ErlNifPid owner;
    const char *nickname NIF_OPTIONAL;
    point_t *origin NIF_OPTIONAL;
    color_t color;
    rgb_t rgb;
    entry_t entry;
    shape_t shape;
    char *mutable_text;      /* not const */
    const char *names[2];    /* array of strings */
    uint8_t mac[3];          /* array of small integers, not a string */
    bool bits[2];
} scalars_t;

/* More than 32 keys: the VM makes a hash map, not a sorted flatmap */
typedef struct NIF_STRUCT("Everything.Wide") {
    uint8_t f00; uint8_t f01; uint8_t f02; uint8_t f03; uint8_t f04; uint8_t f05; uint8_t f06; uint8_t f07;
    uint8_t f08; uint8_t f09; uint8_t f10; uint8_t f11; uint8_t f12; uint8_t f13; uint8_t f14; uint8_t f15;
    uint8_t f16; uint8_t f17; uint8_t f18; uint8_t f19; uint8_t f20; uint8_t f21; uint8_t f22; uint8_t f23;
    uint8_t f24; uint8_t f25; uint8_t f26; uint8_t f27; uint8_t f28; uint8_t f29; uint8_t f30; uint8_t f31;
    uint8_t f32; uint8_t f33; uint8_t f34; uint8_t f35; uint8_t f36; uint8_t f37; uint8_t f38; uint8_t f39;
} wide_t;

/* ------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------ */

/* NIF_DEFAULT of every kind of literal */
typedef struct NIF_STRUCT("Everything.Settings") {
    uint8_t level;
    int32_t retries NIF_DEFAULT(3);
    double ratio NIF_DEFAULT(0.5);
    bool verbose NIF_DEFAULT(true);
    bool quiet NIF_DEFAULT(false);
    const char *label NIF_DEFAULT("none");
    const char *comment NIF_OPTIONAL NIF_DEFAULT(NULL);
    point_t *anchor NIF_OPTIONAL NIF_DEFAULT(NULL);
    color_t color NIF_DEFAULT(COLOR_GREEN);
    int64_t offset NIF_DEFAULT(-7);
    uint16_t mask NIF_DEFAULT(0xFF);
    double scale NIF_DEFAULT(1e3);
    float gain NIF_DEFAULT(0.25f);
    const char *quote NIF_DEFAULT("say \"hi\" #{not} \\ interpolated\n");
    color_t tint NIF_DEFAULT(COLOR_BLUE);
    int32_t dashed NIF_RENAME("dash-key") NIF_DEFAULT(1);
    int32_t end;             /* an Elixir keyword as a key */
} settings_t;

/* A list whose length field comes first and is a signed int */
typedef struct NIF_MAP {
    int count;
    double *values NIF_LEN(count);
} samples_t;

/* NIF_DEFAULT on a plain map */
typedef struct NIF_MAP {
    uint32_t width NIF_DEFAULT(80);
    const char *fill NIF_DEFAULT("-");
} options_t;

/* NIF_STRICT: extra keys rejected (a map and a struct) */
typedef struct NIF_MAP NIF_STRICT {
    int32_t a;
    int32_t b NIF_DEFAULT(2);
    int32_t seen NIF_ENCODE_ONLY;
} strict_map_t;

typedef struct NIF_STRUCT("Everything.Strict") NIF_STRICT {
    int32_t a;
    int32_t b NIF_DEFAULT(2);
} strict_struct_t;

/* NIF_RENAME, NIF_ENCODE_ONLY and NIF_DECODE_ONLY fields */
typedef struct NIF_MAP {
    uint32_t id NIF_ENCODE_ONLY;
    const char *user_name NIF_RENAME("name");
    const char *password NIF_DECODE_ONLY;
} account_t;

typedef struct NIF_STRUCT("Everything.Credentials") {
    const char *user;
    const char *secret NIF_DECODE_ONLY;
    uint32_t strength NIF_ENCODE_ONLY;
} credentials_t;

/* NIF_ENCODE_ONLY and NIF_DECODE_ONLY types */
typedef struct NIF_STRUCT("Everything.Report") NIF_ENCODE_ONLY {
    uint64_t count;
    double mean;
    const char *summary;
} report_t;

typedef struct NIF_MAP NIF_DECODE_ONLY {
    const char *text;
    uint32_t limit NIF_DEFAULT(10);
} query_t;

/* ------------------------------------------------------------------------
 * NIF functions
 * ------------------------------------------------------------------------ */

/* Every integer width, by value */
NIF_FUNCTION char echo_char(char v);
NIF_FUNCTION signed char echo_schar(signed char v);
NIF_FUNCTION unsigned char echo_uchar(unsigned char v);
NIF_FUNCTION short echo_short(short v);
NIF_FUNCTION unsigned short echo_ushort(unsigned short v);
NIF_FUNCTION int echo_int(int v);
NIF_FUNCTION unsigned int echo_uint(unsigned int v);
NIF_FUNCTION long echo_long(long v);
NIF_FUNCTION unsigned long echo_ulong(unsigned long v);
NIF_FUNCTION long long echo_llong(long long v);
NIF_FUNCTION unsigned long long echo_ullong(unsigned long long v);
NIF_FUNCTION int8_t echo_int8(int8_t v);
NIF_FUNCTION int16_t echo_int16(int16_t v);
NIF_FUNCTION int32_t echo_int32(int32_t v);
NIF_FUNCTION int64_t echo_int64(int64_t v);
NIF_FUNCTION uint8_t echo_uint8(uint8_t v);
NIF_FUNCTION uint16_t echo_uint16(uint16_t v);
NIF_FUNCTION uint32_t echo_uint32(uint32_t v);
NIF_FUNCTION uint64_t echo_uint64(uint64_t v);
NIF_FUNCTION size_t echo_size(size_t v);
NIF_FUNCTION ssize_t echo_ssize(ssize_t v);

/* The other scalar types */
NIF_FUNCTION float echo_float(float v);
NIF_FUNCTION double echo_double(double v);
NIF_FUNCTION bool echo_bool(bool v);
NIF_FUNCTION nif_binary echo_binary(nif_binary v);
NIF_FUNCTION const char *echo_string(const char *v);
NIF_FUNCTION ERL_NIF_TERM echo_term(ERL_NIF_TERM v);
NIF_FUNCTION ErlNifPid echo_pid(ErlNifPid v);

/* Every shape */
NIF_FUNCTION color_t echo_color(color_t v);
NIF_FUNCTION point_t echo_point(point_t v);
NIF_FUNCTION segment_t echo_segment(const segment_t *v);
NIF_DIRTY_CPU scene_t echo_scene(const scene_t *v);
NIF_FUNCTION layer_t echo_layer(layer_t v);
NIF_FUNCTION rgb_t echo_rgb(rgb_t v);
NIF_FUNCTION entry_t echo_entry(entry_t v);
NIF_FUNCTION app_error_t echo_error(app_error_t v);
NIF_FUNCTION shape_t echo_shape(shape_t v);
NIF_FUNCTION value_t echo_value(value_t v);
NIF_FUNCTION token_t echo_token(token_t v);
NIF_FUNCTION samples_t echo_samples(samples_t v);
NIF_FUNCTION integers_t echo_integers(integers_t v);
NIF_DIRTY_IO scalars_t echo_scalars(const scalars_t *v);
NIF_FUNCTION wide_t echo_wide(wide_t v);

/* Every option */
NIF_FUNCTION settings_t echo_settings(settings_t v);
NIF_FUNCTION options_t echo_options(options_t v);
NIF_FUNCTION strict_map_t echo_strict_map(strict_map_t v);
NIF_FUNCTION strict_struct_t echo_strict_struct(strict_struct_t v);
NIF_FUNCTION account_t echo_account(account_t v);
NIF_FUNCTION credentials_t echo_credentials(credentials_t v);
NIF_FUNCTION report_t summarize(const int64_t *xs NIF_LEN(n), size_t n);
NIF_FUNCTION uint32_t query_limit(query_t query);

/* Lists and optional values as arguments and results */
NIF_FUNCTION int64_t sum_list(const int64_t *xs NIF_LEN(n), size_t n);
NIF_FUNCTION NIF_LEN(out_n) point_t *reverse_points(const point_t *points NIF_LEN(n), size_t n,
                                                     size_t *out_n);
NIF_FUNCTION NIF_LEN(out_n) const char **split_words(const char *text, size_t *out_n);
NIF_FUNCTION const char *describe_origin(const point_t *origin NIF_OPTIONAL);
NIF_FUNCTION const char *greet(const char *name NIF_OPTIONAL, uint8_t times);
NIF_FUNCTION size_t total_length(const char *const *words NIF_LEN(n), size_t n);
NIF_FUNCTION uint8_t count_small(const uint8_t *xs NIF_LEN(n), uint8_t n);
NIF_FUNCTION NIF_LEN(out_n) uint16_t *countdown(uint16_t from, uint32_t *out_n);
NIF_FUNCTION double scale_point(const point_t *p, const double *factor, const color_t *color);
NIF_FUNCTION int64_t four(int64_t first, int64_t end, int64_t startValue, int64_t fn);

/* NIF_AS_MAP with keys of any term: the sum of the counts */
typedef struct NIF_TUPLE {
    ERL_NIF_TERM key;
    int64_t count;
} tally_entry_t;
NIF_FUNCTION int64_t tally(const tally_entry_t *entries NIF_AS_MAP NIF_LEN(n), size_t n);

/* The env, void results, C-side validation and exceptions */
NIF_FUNCTION ERL_NIF_TERM make_pair(ErlNifEnv *env, int64_t a, int64_t b);
NIF_FUNCTION ErlNifPid self_pid(ErlNifEnv *env);
NIF_FUNCTION void noop(void);
NIF_FUNCTION int64_t checked_div(int64_t a, int64_t b);
NIF_FUNCTION void raise_error(const char *message, int32_t code);

/* Results that have no term: a RuntimeError, never a crash */
NIF_FUNCTION const char *null_string_result(void);
NIF_FUNCTION const char *invalid_utf8_result(void);
NIF_FUNCTION color_t bad_enum_result(void);
NIF_FUNCTION shape_t bad_tag_result(void);

typedef struct NIF_MAP {
    int64_t *xs NIF_LEN(n);
    int n;
} signed_len_t;
NIF_FUNCTION signed_len_t negative_length_result(void);

/* ==== Function names, @enforce_keys, doc comments, keyword-named variants ==== */

/* NIF_NAME: the Elixir function's own name */
/** True when `x` is above zero. */
NIF_FUNCTION NIF_NAME("positive?") bool is_positive(int64_t x);
NIF_FUNCTION NIF_NAME("echo_credentials") credentials_t echo_credentials_again(credentials_t a, int64_t b);

/*
 * Rustler's codegen test types use variants named like C keywords: Enum(..), Struct(..),
 * Long{..}, Bool(bool), Default. An arm renamed to the atom pairs with its enumerator; an
 * enumerator's rename keeps the arm named after the enumerator (function -> :fn).
 */
typedef enum {
    KW_ENUM,
    KW_STRUCT,
    KW_LONG,
    KW_BOOL,
    KW_DEFAULT, /**< No payload. */
    KW_FUNCTION NIF_RENAME("fn")
} keyword_kind;
/** Variants named like C keywords. */
typedef struct NIF_TAGGED_ENUM {
    keyword_kind kind;
    union {
        color_t enum_ NIF_RENAME("enum");    /* {:enum, :red} */
        point_t inner NIF_RENAME("struct");  /* {:struct, %Everything.Point{}} */
        struct {
            int64_t lhs;
            int64_t rhs;
        } long_ NIF_RENAME("long");          /* {:long, %{lhs: 1, rhs: 2}} */
        bool bool_ NIF_RENAME("bool");       /* {:bool, true} */
        int32_t function;                    ///< An arity.
    };                                       /* KW_DEFAULT: :default */
} keyword_variant_t;
NIF_FUNCTION keyword_variant_t echo_keyword_variant(keyword_variant_t v);

/**
 * A value with a label.
 *
 * Doc comments become the module's @moduledoc: "quotes", #{not interpolated}, a \ backslash.
 */
typedef struct NIF_STRUCT("Everything.Documented") {
    /** What it is called. */
    const char *label;
    /// The value,
    /// in units.
    int64_t value;
    int64_t undocumented; /* a plain comment is not a doc comment */
} documented_t;
NIF_FUNCTION documented_t echo_documented(documented_t v);

#endif

/* ---- Long lists (issue 11): a million elements in, out and both ways ---- */
#ifndef EVERYTHING_LONG_LISTS_H
#define EVERYTHING_LONG_LISTS_H

/* A long list of structs in, a number out. */
NIF_FUNCTION size_t count_points(const point_t *points NIF_LEN(n), size_t n);
/*
 * A long list out for no work in C: the bytes of `data` (at most LONG_LIST_MAX) as integers; the
 * result points into the argument.
 */
NIF_FUNCTION NIF_LEN(out_n) const uint8_t *bytes_of(nif_binary data, size_t *out_n);
/* %Point{x: i, y: -i} for i in 1..count (at most LONG_LIST_MAX): long C work, so dirty. */
NIF_DIRTY_CPU NIF_LEN(out_n) point_t *diagonal(uint32_t count, size_t *out_n);

/* The longest list bytes_of and diagonal make: any input must leave the VM its memory. */
#define LONG_LIST_MAX 1000000

#endif

/* ---- Byte strings and flags (issue 9): NIF_AS_BINARY, NIF_AS_BOOL, unsigned char * ---- */
#ifndef EVERYTHING_BYTES_H
#define EVERYTHING_BYTES_H

#include "bytes_lib.h"

typedef struct NIF_MAP {
    const uint8_t *frozen NIF_LEN(frozen_len) NIF_AS_BINARY; /* zero-copy */
    uint32_t frozen_len;
    char *scratch NIF_LEN(scratch_len) NIF_AS_BINARY; /* a copy the C code may write */
    int16_t scratch_len;
    const uint8_t *numbers NIF_LEN(numbers_len); /* without NIF_AS_BINARY: a list */
    size_t numbers_len;
    int on NIF_AS_BOOL;
    uint8_t lit NIF_AS_BOOL NIF_DEFAULT(true);
    const unsigned char *label;        /* a NUL-terminated UTF-8 string */
    unsigned char *maybe NIF_OPTIONAL; /* nil or a string */
} bytes_t;
NIF_FUNCTION bytes_t echo_bytes(bytes_t b);
/* Upper-cases `scratch` in place (its own copy) and negates `on`. */
NIF_FUNCTION bytes_t shout_bytes(bytes_t b);
/* A bytes_t whose `on` holds `raw` and whose members `null_members` (bit 0: scratch, with
 * length 1; bit 1: label) are NULL. */
NIF_FUNCTION bytes_t raw_bytes(int raw, int null_members);
/* The int `on NIF_AS_BOOL` decoded into. */
NIF_FUNCTION int raw_flag(int on NIF_AS_BOOL);
/* The first half of `data`: a NIF_AS_BINARY result, whose bytes lie in the argument. */
NIF_FUNCTION NIF_LEN(out_n) NIF_AS_BINARY const uint8_t *first_half(
    const uint8_t *data NIF_LEN(n) NIF_AS_BINARY, size_t n, size_t *out_n);
/* Whether every byte is 0: a parameter and a result with the options. */
NIF_FUNCTION NIF_AS_BOOL int all_zero(const char *data NIF_LEN(n) NIF_AS_BINARY, size_t n);

/* A foreign struct: its members' options given on the typedef. */
typedef struct lib_record NIF_MAP NIF_OPTIONAL_FIELD(anchor) NIF_LEN_FIELD(value, value_length)
    NIF_AS_BINARY_FIELD(value) NIF_AS_BOOL_FIELD(plain_implicit) lib_record_t;
NIF_FUNCTION lib_record_t echo_lib_record(lib_record_t r);
/* A record whose `name` (which 1) or `note` (which 2) is NULL. */
NIF_FUNCTION lib_record_t null_lib_record(int which);

#endif
