/* The NIF functions of names.h. No <string.h>: this library defines its own strdup. */
#include "names.h"

int64_t alloc(int64_t n) { return n + 1; }
int64_t strdup(int64_t n) { return n + 2; }
int64_t raise(int64_t n) { return n + 3; }
p_t decode_p_t(int64_t a, int64_t b) { return (p_t){a, b}; }
int64_t encode_p_t(p_t p) { return p.a * 10 + p.b; }
int64_t load(int64_t n) { return n + 4; }
int64_t upgrade(int64_t n) { return n + 5; }

int64_t locals(int64_t env, int64_t argc, int64_t argv, int64_t call, int64_t result,
               int64_t term, int64_t value, int64_t items, int64_t length, int64_t frame)
{
    return env + 2 * argc + 3 * argv + 4 * call + 5 * result + 6 * term + 7 * value +
           8 * items + 9 * length + 10 * frame;
}

int64_t twice(int64_t twice) { return 2 * twice; }

int64_t sum(const int64_t *items, size_t length)
{
    int64_t total = 0;

    for (size_t i = 0; i < length; i++)
        total += items[i];
    return total;
}

label_t echo_label(label_t label) { return label; }

size_t ustrlen(const uint8_t *s)
{
    size_t n = 0;

    while (s[n] != 0)
        n++;
    return n;
}
