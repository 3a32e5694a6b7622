/*
 * bench.h: the types and NIF functions of the benchmark (issue 4),
 * annotated for nif_derive.
 *
 * Every implementation measured (hand-written C, Rustler, plain Elixir and
 * the code nif_derive generates from this header) converts these same
 * types, with the same values (see bench/lib/inputs.ex).
 *
 * Each scenario has three functions, implemented in bench.c over plain C
 * values:
 *   <s>_decode(v)     the NIF takes the term and returns a small integer;
 *   <s>_encode()      the NIF builds the term from a static C value;
 *   <s>_roundtrip(v)  decode, then encode the same value back.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nif_derive.h>

/*
 * ten: a struct of 10 integer fields, 1 to 10 in declaration order:
 * %Bench.Ten{id: 1, seq: 2, ..., crc: 10}. The fields are not declared in
 * alphabetical order, as in most real structs: the VM keeps map keys sorted
 * (term order on OTP 25), so an encoder passing keys in declaration order
 * makes the VM sort them.
 */
typedef struct NIF_STRUCT("Bench.Ten") {
    int64_t id, seq, ts, value, low, high, count, total, flags, crc;
} ten_t;

/* A 2-field struct, nested in "mixed" and the element of "list". */
typedef struct NIF_STRUCT("Bench.Point") {
    int64_t x, y;
} point_t;

/* greek: a unit enum of 20 variants, :alpha .. :upsilon. */
typedef enum NIF_UNIT_ENUM {
    GREEK_ALPHA, GREEK_BETA, GREEK_GAMMA, GREEK_DELTA, GREEK_EPSILON,
    GREEK_ZETA, GREEK_ETA, GREEK_THETA, GREEK_IOTA, GREEK_KAPPA,
    GREEK_LAMBDA, GREEK_MU, GREEK_NU, GREEK_XI, GREEK_OMICRON,
    GREEK_PI, GREEK_RHO, GREEK_SIGMA, GREEK_TAU, GREEK_UPSILON
} greek_t;

/* mixed: nested struct, string, float, bool and unit enum. */
typedef struct NIF_STRUCT("Bench.Mixed") {
    point_t origin;
    const char *name;
    double score;
    bool active;
    greek_t grade;
} mixed_t;

/* frame: a plain map with atom keys. %{id: 7, x: -10, ...} */
typedef struct NIF_MAP {
    int64_t id;
    int32_t x, y;
    uint32_t width, height;
    double scale;
    bool visible;
    uint8_t layer;
} frame_t;

/* pixel: a record. {:pixel, 10, 20, 255, 128, 0, 255} */
typedef struct NIF_RECORD("pixel") {
    int32_t x, y;
    uint8_t r, g, b, a;
} pixel_t;

/*
 * cmd: a tagged enum of 22 variants: 8 unit (:noop), 6 newtype
 * ({:layer, 3}), 4 tuple ({:move_to, 1, 2}) and 4 named arms
 * ({:resize, %{width: 800, height: 600}}).
 */
typedef enum {
    CMD_NOOP, CMD_CLEAR, CMD_FLUSH, CMD_SAVE,
    CMD_RESTORE, CMD_BEGIN_PATH, CMD_CLOSE_PATH, CMD_FILL,
    CMD_STROKE_WIDTH, CMD_LAYER, CMD_LABEL, CMD_VISIBLE, CMD_GRADE, CMD_ORIGIN,
    CMD_MOVE_TO, CMD_LINE_TO, CMD_SCALE, CMD_TRANSLATE,
    CMD_RECT, CMD_CIRCLE, CMD_COLOR, CMD_RESIZE
} cmd_kind;

typedef struct NIF_TAGGED_ENUM {
    cmd_kind kind;
    union {
        double stroke_width;
        int64_t layer;
        const char *label;
        bool visible;
        greek_t grade;
        point_t origin;
        struct NIF_TUPLE { int64_t x, y; } move_to;
        struct NIF_TUPLE { int64_t x, y; } line_to;
        struct NIF_TUPLE { double sx, sy; } scale;
        struct NIF_TUPLE { int64_t dx, dy; } translate;
        struct { int64_t x, y, w, h; } rect;
        struct { int64_t cx, cy, r; } circle;
        struct { uint8_t r, g, b, a; } color;
        struct { uint32_t width, height; } resize;
    };
} cmd_t;

/* list: 10,000 points. %Bench.Path{points: [%Bench.Point{}, ...]} */
typedef struct NIF_STRUCT("Bench.Path") {
    point_t *points NIF_LEN(count);
    size_t count;
} path_t;

/* blob: a 1 MB binary field, zero-copy on decode. */
typedef struct NIF_STRUCT("Bench.Blob") {
    int64_t id;
    nif_binary data;
} blob_t;

/* forty: 40 integer fields, past the VM's 32-key flatmap limit. */
typedef struct NIF_STRUCT("Bench.Forty") {
    int64_t f01, f02, f03, f04, f05, f06, f07, f08, f09, f10;
    int64_t f11, f12, f13, f14, f15, f16, f17, f18, f19, f20;
    int64_t f21, f22, f23, f24, f25, f26, f27, f28, f29, f30;
    int64_t f31, f32, f33, f34, f35, f36, f37, f38, f39, f40;
} forty_t;

NIF_FUNCTION int64_t ten_decode(ten_t v);
NIF_FUNCTION ten_t ten_encode(void);
NIF_FUNCTION ten_t ten_roundtrip(ten_t v);

NIF_FUNCTION int64_t mixed_decode(mixed_t v);
NIF_FUNCTION mixed_t mixed_encode(void);
NIF_FUNCTION mixed_t mixed_roundtrip(mixed_t v);

NIF_FUNCTION int64_t frame_decode(frame_t v);
NIF_FUNCTION frame_t frame_encode(void);
NIF_FUNCTION frame_t frame_roundtrip(frame_t v);

NIF_FUNCTION int64_t pixel_decode(pixel_t v);
NIF_FUNCTION pixel_t pixel_encode(void);
NIF_FUNCTION pixel_t pixel_roundtrip(pixel_t v);

NIF_FUNCTION int64_t greek_decode(greek_t v);
NIF_FUNCTION greek_t greek_encode(void);
NIF_FUNCTION greek_t greek_roundtrip(greek_t v);

NIF_FUNCTION int64_t cmd_decode(cmd_t v);
NIF_FUNCTION cmd_t cmd_encode(void);
NIF_FUNCTION cmd_t cmd_roundtrip(cmd_t v);

NIF_FUNCTION int64_t list_decode(path_t v);
NIF_FUNCTION path_t list_encode(void);
NIF_FUNCTION path_t list_roundtrip(path_t v);

NIF_FUNCTION int64_t blob_decode(blob_t v);
NIF_FUNCTION blob_t blob_encode(void);
NIF_FUNCTION blob_t blob_roundtrip(blob_t v);

NIF_FUNCTION int64_t forty_decode(forty_t v);
NIF_FUNCTION forty_t forty_encode(void);
NIF_FUNCTION forty_t forty_roundtrip(forty_t v);

#endif /* BENCH_H */
