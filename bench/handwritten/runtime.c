/*
 * runtime.c: what the hand-written decoders and encoders share: map key
 * layouts learnt at load, atom tables, per-call scratch memory and scalar
 * conversions.
 */
#include <stdlib.h>
#include <string.h>

#include "handwritten.h"

int learn_layout(ErlNifEnv *env, map_layout *layout, const char *module,
                 const char *const *fields, unsigned field_count)
{
    ERL_NIF_TERM values[MAX_KEYS], map, key, value;
    ErlNifMapIterator iter;
    unsigned count = 0, position = 0, field;

    if (field_count + 1 > MAX_KEYS)
        return 0;
    layout->module = 0;
    if (module) {
        layout->module = enif_make_atom(env, module);
        layout->by_field[count++] = atom_struct;
    }
    for (unsigned i = 0; i < field_count; i++)
        layout->by_field[count++] = enif_make_atom(env, fields[i]);
    layout->count = count;

    /* Let the VM sort the keys its own way, then read its order back: the
     * value stored under each key is that key's field number. */
    for (unsigned f = 0; f < count; f++)
        values[f] = enif_make_uint(env, f);
    if (!enif_make_map_from_arrays(env, layout->by_field, values, count, &map))
        return 0;
    if (!enif_map_iterator_create(env, map, &iter, ERL_NIF_MAP_ITERATOR_FIRST))
        return 0;
    while (enif_map_iterator_get_pair(env, &iter, &key, &value)) {
        if (!enif_get_uint(env, value, &field) || field >= count)
            break;
        layout->keys[position] = key;
        layout->field[position] = field;
        layout->slot[field] = position;
        position++;
        enif_map_iterator_next(env, &iter);
    }
    enif_map_iterator_destroy(env, &iter);
    return position == count;
}

/* Fills values[] from one pass over the map, expecting the keys in the
 * learnt order; 0 when the map holds them in another order. */
static int walk_in_order(ErlNifEnv *env, ERL_NIF_TERM map, const map_layout *layout,
                         ERL_NIF_TERM *values)
{
    ErlNifMapIterator iter;
    ERL_NIF_TERM key, value;
    unsigned position = 0;

    if (!enif_map_iterator_create(env, map, &iter, ERL_NIF_MAP_ITERATOR_FIRST))
        return 0;
    while (position < layout->count && enif_map_iterator_get_pair(env, &iter, &key, &value)) {
        if (key != layout->keys[position])
            break;
        values[layout->field[position]] = value;
        position++;
        enif_map_iterator_next(env, &iter);
    }
    enif_map_iterator_destroy(env, &iter);
    return position == layout->count;
}

int get_fields(ErlNifEnv *env, ERL_NIF_TERM map, const map_layout *layout,
               ERL_NIF_TERM *values)
{
    size_t size;

    /* One size check: rejects non-maps and maps too small to hold every key. */
    if (!enif_get_map_size(env, map, &size) || size < layout->count)
        return 0;
    /* Without extra keys, a small map's keys are in the learnt order. */
    if (!(size == layout->count && layout->count >= WALK_MIN_KEYS && layout->count <= WALK_MAX_KEYS &&
          walk_in_order(env, map, layout, values))) {
        for (unsigned f = 0; f < layout->count; f++)
            if (!enif_get_map_value(env, map, layout->by_field[f], &values[f]))
                return 0;
    }
    return !layout->module || values[0] == layout->module;
}

ERL_NIF_TERM make_map(ErlNifEnv *env, const map_layout *layout, ERL_NIF_TERM *values)
{
    ERL_NIF_TERM map;

    /* Cannot fail: the keys are distinct by construction. */
    enif_make_map_from_arrays(env, (ERL_NIF_TERM *)layout->keys, values, layout->count, &map);
    return map;
}

static int by_term(const void *a, const void *b)
{
    ERL_NIF_TERM x = *(const ERL_NIF_TERM *)a, y = *(const ERL_NIF_TERM *)b;
    return (x > y) - (x < y);
}

int learn_atoms(ErlNifEnv *env, atom_table *table, const char *const *names, unsigned count)
{
    if (count > sizeof table->sorted / sizeof *table->sorted)
        return 0;
    table->count = count;
    for (unsigned i = 0; i < count; i++)
        table->sorted[i] = table->by_value[i] = enif_make_atom(env, names[i]);
    qsort(table->sorted, count, sizeof *table->sorted, by_term);
    for (unsigned i = 0; i < count; i++)
        for (unsigned v = 0; v < count; v++)
            if (table->by_value[v] == table->sorted[i])
                table->value_of_sorted[i] = v;
    return 1;
}

int atom_value(const atom_table *table, ERL_NIF_TERM term)
{
    unsigned low = 0, high = table->count;

    /* Any term works: an atom's term is unique, so a non-atom finds nothing. */
    while (low < high) {
        unsigned mid = (low + high) / 2;
        if (table->sorted[mid] == term)
            return (int)table->value_of_sorted[mid];
        if (table->sorted[mid] < term)
            low = mid + 1;
        else
            high = mid;
    }
    return -1;
}

void *scratch_alloc(scratch *s, size_t size)
{
    void *p;

    size = (size + 15) & ~(size_t)15;
    if (size <= sizeof s->stack - s->used) {
        p = s->stack + s->used;
        s->used += size;
        return p;
    }
    if (s->heap_count == sizeof s->heap / sizeof *s->heap || !(p = enif_alloc(size)))
        return NULL;
    s->heap[s->heap_count++] = p;
    return p;
}

void scratch_free_heap(scratch *s)
{
    while (s->heap_count)
        enif_free(s->heap[--s->heap_count]);
}

/* True when p[0..n) is well-formed UTF-8 (no overlongs, surrogates or code
 * points past U+10FFFF) and holds no NUL byte. */
static int utf8_without_nul(const unsigned char *p, size_t n)
{
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t i = 0;

    while (i < n) {
        /* ASCII runs 8 bytes at a time: no high bit set and no zero byte. */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & high) || ((w - ones) & ~w & high))
                break;
            i += 8;
        }
        if (i == n)
            break;
        unsigned char c = p[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

int get_string(ErlNifEnv *env, ERL_NIF_TERM t, scratch *s, const char **out)
{
    ErlNifBinary bin;
    char *copy;

    if (!enif_inspect_binary(env, t, &bin) || !utf8_without_nul(bin.data, bin.size))
        return 0;
    if (!(copy = scratch_alloc(s, bin.size + 1)))
        return 0;
    memcpy(copy, bin.data, bin.size);
    copy[bin.size] = '\0';
    *out = copy;
    return 1;
}

ERL_NIF_TERM make_binary(ErlNifEnv *env, nif_binary bytes, ERL_NIF_TERM source,
                         const nif_binary *decoded)
{
    ERL_NIF_TERM t;
    uintptr_t at = (uintptr_t)bytes.data;

    if (decoded && at >= (uintptr_t)decoded->data &&
        at + bytes.size <= (uintptr_t)decoded->data + decoded->size)
        return enif_make_sub_binary(env, source, at - (uintptr_t)decoded->data, bytes.size);
    memcpy(enif_make_new_binary(env, bytes.size, &t), bytes.data, bytes.size);
    return t;
}

ERL_NIF_TERM make_string(ErlNifEnv *env, const char *text)
{
    ERL_NIF_TERM t;
    size_t n = strlen(text);
    memcpy(enif_make_new_binary(env, n, &t), text, n);
    return t;
}
