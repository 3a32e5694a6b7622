/*
 * bench.c: the user side of the benchmark's NIF functions (bench.h).
 *
 * Plain C over plain C values, as a nif_derive user writes it: no erl_nif
 * in sight. Decode functions return one small integer taken from the
 * decoded value (so the decode cannot be skipped); encode functions return
 * a static value; round trips return their argument. The same values are
 * spelled as Elixir terms in bench/lib/inputs.ex.
 */
#include "bench.h"

#define LIST_LENGTH 10000
#define BLOB_SIZE (1024 * 1024)

int64_t ten_decode(ten_t v) { return v.crc; }
ten_t ten_encode(void) { return (ten_t){1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; }
ten_t ten_roundtrip(ten_t v) { return v; }

int64_t mixed_decode(mixed_t v) { return (int64_t)v.grade; }
mixed_t mixed_encode(void)
{
    return (mixed_t){
        .origin = {3, 4}, .name = "hello nif_derive", .score = 2.5, .active = true,
        .grade = GREEK_UPSILON};
}
mixed_t mixed_roundtrip(mixed_t v) { return v; }

int64_t frame_decode(frame_t v) { return v.id; }
frame_t frame_encode(void)
{
    return (frame_t){
        .id = 7, .x = -10, .y = 20, .width = 800, .height = 600, .scale = 1.5,
        .visible = true, .layer = 3};
}
frame_t frame_roundtrip(frame_t v) { return v; }

int64_t pixel_decode(pixel_t v) { return v.a; }
pixel_t pixel_encode(void) { return (pixel_t){10, 20, 255, 128, 0, 255}; }
pixel_t pixel_roundtrip(pixel_t v) { return v; }

int64_t greek_decode(greek_t v) { return (int64_t)v; }
greek_t greek_encode(void) { return GREEK_UPSILON; }
greek_t greek_roundtrip(greek_t v) { return v; }

int64_t cmd_decode(cmd_t v) { return (int64_t)v.kind; }
cmd_t cmd_encode(void) { return (cmd_t){.kind = CMD_RESIZE, .resize = {800, 600}}; }
cmd_t cmd_roundtrip(cmd_t v) { return v; }

int64_t list_decode(path_t v) { return (int64_t)v.count; }
static point_t list_points[LIST_LENGTH];
path_t list_encode(void) { return (path_t){list_points, LIST_LENGTH}; }
path_t list_roundtrip(path_t v) { return v; }

int64_t blob_decode(blob_t v) { return (int64_t)v.data.size; }
static unsigned char blob_bytes[BLOB_SIZE];
blob_t blob_encode(void) { return (blob_t){.id = 1, .data = {blob_bytes, BLOB_SIZE}}; }
blob_t blob_roundtrip(blob_t v) { return v; }

int64_t forty_decode(forty_t v) { return v.f40; }
forty_t forty_encode(void)
{
    return (forty_t){1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
                     15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                     29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40};
}
forty_t forty_roundtrip(forty_t v) { return v; }

/* The static values too large to spell out are filled when the library is
 * loaded, so encode calls measure only the encoding. */
__attribute__((constructor)) static void fill_static_values(void)
{
    for (int64_t i = 0; i < LIST_LENGTH; i++)
        list_points[i] = (point_t){i, -i};
    for (size_t i = 0; i < BLOB_SIZE; i++)
        blob_bytes[i] = (unsigned char)i;
}
