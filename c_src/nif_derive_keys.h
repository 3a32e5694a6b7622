/*
 * nif_derive_keys.h: atoms and map keys made once at load and put into the
 * VM's own order (part of nif_derive_internal.h; not for user code).
 * docs/runtime.md says why each exists and what it saves.
 */
#ifndef NIF_DERIVE_KEYS_H
#define NIF_DERIVE_KEYS_H

#include "nif_derive_internal.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/*
 * Enum atoms: the position (declaration order) of an atom among an enum's
 * atoms, through an open-addressing hash table made at load. The table has
 * 1 << bits slots, at least twice the atoms.
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
 * Sorts `keys` (given in field order) in place into the order this VM keeps
 * a small map's keys in, and sets slots[i] to the position of field i's
 * key. Called at load. Returns 0, or -1 on duplicate keys.
 */
ND_MUST_CHECK int nd_learn_key_order(ErlNifEnv *env, ERL_NIF_TERM *keys, unsigned *slots,
                                     unsigned count);

/* The field whose key sits at each position: fields[slots[i]] = i. */
void nd_invert_slots(const unsigned *slots, unsigned *fields, unsigned count);

/*
 * A map's values by field: values[i] is the value of field i's key, or
 * ND_NO_VALUE when the map lacks it. `keys`, `slots` come from
 * nd_learn_key_order, `fields` from nd_invert_slots. A map of exactly these
 * keys, at most ND_WALK_MAX_KEYS of them, is read in one iterator pass;
 * others key by key. Returns 0 when `term` is not a map (recording no
 * error: the caller says what it expected).
 */
#define ND_NO_VALUE ((ERL_NIF_TERM)0) /* no term is 0 */
#define ND_WALK_MAX_KEYS 32           /* the VM's flatmap limit */
ND_MUST_CHECK int nd_get_fields(nif_call *call, ERL_NIF_TERM term, const ERL_NIF_TERM *keys,
                                const unsigned *slots, const unsigned *fields, unsigned count,
                                ERL_NIF_TERM *values);

/*
 * A map of keys[i] => values[i]. Keys already in the learnt order cost the
 * VM no sorting. Duplicate keys fail the encode.
 */
ERL_NIF_TERM nd_make_map(nif_call *call, ERL_NIF_TERM *keys, ERL_NIF_TERM *values, unsigned count);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* NIF_DERIVE_KEYS_H */
