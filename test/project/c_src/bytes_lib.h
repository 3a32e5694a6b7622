/*
 * A library header as nif_derive users meet them (libyaml's yaml_char_t and
 * value/length pairs): no annotations, not among the project's :headers. The
 * typedef in everything.h maps it with NIF_*_FIELD options.
 */
#ifndef BYTES_LIB_H
#define BYTES_LIB_H

#include <stddef.h>

typedef unsigned char lib_char_t;

struct lib_record {
    lib_char_t *name;   /* NUL-terminated, never NULL */
    lib_char_t *anchor; /* NUL-terminated or NULL */
    lib_char_t *value;  /* value_length bytes, any of 0..255 */
    size_t value_length;
    int plain_implicit; /* a flag */
    char *note;         /* NUL-terminated, never NULL */
};

#endif
