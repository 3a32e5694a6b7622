/*
 * nif_derive runtime: atom index tables and map keys in the VM's own
 * order. See nif_derive_keys.h, docs/runtime.md.
 */
#include "nif_derive_internal.h"

#include <string.h>

int nd_index_atoms(const ERL_NIF_TERM *atoms, unsigned count, nd_atom_slot *slots, unsigned bits)
{
    size_t mask = ((size_t)1 << bits) - 1;

    memset(slots, 0, (mask + 1) * sizeof *slots);
    for (unsigned position = 0; position < count; position++) {
        size_t i = nd_atom_hash(atoms[position], bits);

        while (slots[i].position != 0)
            i = (i + 1) & mask;
        slots[i].atom = atoms[position];
        slots[i].position = position + 1;
    }
    return 0;
}

int nd_learn_key_order(ErlNifEnv *env, ERL_NIF_TERM *keys, unsigned *slots, unsigned count)
{
    ERL_NIF_TERM values[count > 0 ? count : 1], sorted[count > 0 ? count : 1];
    ERL_NIF_TERM map, key, value;
    ErlNifMapIterator iterator;
    unsigned position = 0;

    for (unsigned i = 0; i < count; i++)
        values[i] = enif_make_uint(env, i);
    if (!enif_make_map_from_arrays(env, keys, values, count, &map))
        return -1; /* duplicate keys: the generator rules them out */
    if (!enif_map_iterator_create(env, map, &iterator, ERL_NIF_MAP_ITERATOR_FIRST))
        return -1;
    while (enif_map_iterator_get_pair(env, &iterator, &key, &value)) {
        unsigned field;

        if (position >= count || !enif_get_uint(env, value, &field) || field >= count)
            break;
        slots[field] = position;
        sorted[position] = key;
        position++;
        enif_map_iterator_next(env, &iterator);
    }
    enif_map_iterator_destroy(env, &iterator);
    if (position != count)
        return -1;
    memcpy(keys, sorted, count * sizeof *keys);
    return 0;
}

void nd_invert_slots(const unsigned *slots, unsigned *fields, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        fields[slots[i]] = i;
}

/* One iterator pass over a map of `count` keys, expected in the learnt order. */
static int walk_fields(nif_call *call, ERL_NIF_TERM map, const ERL_NIF_TERM *keys,
                       const unsigned *fields, unsigned count, ERL_NIF_TERM *values)
{
    ErlNifMapIterator iterator;
    ERL_NIF_TERM key, value;
    unsigned position = 0;

    if (!enif_map_iterator_create(call->env, map, &iterator, ERL_NIF_MAP_ITERATOR_FIRST))
        return 0;
    while (position < count && enif_map_iterator_get_pair(call->env, &iterator, &key, &value) &&
           key == keys[position]) {
        values[fields[position]] = value;
        position++;
        enif_map_iterator_next(call->env, &iterator);
    }
    enif_map_iterator_destroy(call->env, &iterator);
    return position == count;
}

int nd_get_fields(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM *keys,
                  const unsigned *slots, const unsigned *fields, unsigned count,
                  ERL_NIF_TERM *values)
{
    size_t size;

    if (!enif_get_map_size(call->env, term, &size))
        return 0;
    if (size == count && count <= ND_WALK_MAX_KEYS &&
        walk_fields(call, term, keys, fields, count, values))
        return 1;
    for (unsigned i = 0; i < count; i++)
        if (!enif_get_map_value(call->env, term, keys[slots[i]], &values[i]))
            values[i] = ND_NO_VALUE;
    return 1;
}

ERL_NIF_TERM nd_make_map(nif_call *call, ERL_NIF_TERM *keys, ERL_NIF_TERM *values, unsigned count)
{
    ERL_NIF_TERM map;

    if (enif_make_map_from_arrays(call->env, keys, values, count, &map))
        return map;
    nd_fail_encode(call, "duplicate map keys");
    return nd_atom_nil;
}
