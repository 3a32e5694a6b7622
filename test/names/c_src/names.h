/*
 * NIF functions named like the runtime's public functions (nif_alloc, nif_strdup, nif_raise)
 * and like the generated decoder and encoder of p_t (nif_decode_p_t, nif_encode_p_t).
 * strdup and raise are libc's names too: mix.exs builds with -fno-builtin and hidden
 * visibility. (`sprintf` itself cannot be redeclared at all: erl_nif.h includes <stdio.h>.)
 */
#ifndef NAMES_H
#define NAMES_H

#include <nif_derive.h>

typedef struct NIF_TUPLE { int64_t a; int64_t b; } p_t;

NIF_FUNCTION int64_t alloc(int64_t n);
NIF_FUNCTION int64_t strdup(int64_t n);
NIF_FUNCTION int64_t raise(int64_t n);
NIF_FUNCTION p_t decode_p_t(int64_t a, int64_t b);
NIF_FUNCTION int64_t encode_p_t(p_t p);
NIF_FUNCTION int64_t load(int64_t n);
NIF_FUNCTION int64_t upgrade(int64_t n);

/* Parameters named like the wrapper's own names, and like the function itself. */
NIF_FUNCTION int64_t locals(int64_t env, int64_t argc, int64_t argv, int64_t call, int64_t result,
                            int64_t term, int64_t value, int64_t items, int64_t length,
                            int64_t frame);
NIF_FUNCTION int64_t twice(int64_t twice);
NIF_FUNCTION int64_t sum(const int64_t *items NIF_LEN(length), size_t length);

/* unsigned char * and uint8_t * without a length: NUL-terminated UTF-8 strings. */
typedef struct NIF_MAP { const unsigned char *name; const uint8_t *note NIF_OPTIONAL; } label_t;
NIF_FUNCTION label_t echo_label(label_t label);
NIF_FUNCTION size_t ustrlen(const uint8_t *s);

#endif
