/* The NIF functions declared in guide.h: plain C over plain C types. */
#include "guide.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

const char *align(alignment_t alignment)
{
    switch (alignment) {
    case ALIGN_LEFT:
        return "text-left";
    case ALIGN_CENTER:
        return "text-center";
    case ALIGN_RIGHT:
        return "text-right";
    }
    return "";
}

/* Results may point into the call's arena: nif_sprintf allocates there. */
const char *render_event(ui_event_t event)
{
    switch (event.kind) {
    case UI_EVENT_LOADING:
        return "loading";
    case UI_EVENT_REDIRECT:
        return nif_sprintf("redirect to %s", event.redirect);
    case UI_EVENT_RESIZE:
        return nif_sprintf("resize to %" PRIu32 "x%" PRIu32, event.resize.width, event.resize.height);
    }
    return "";
}

const char *describe_input(input_t input)
{
    if (input.kind == INPUT_ID)
        return nif_sprintf("id=%" PRIu64, input.id);
    return nif_sprintf("name=%s", input.name);
}

point_t move_point(point_t point, delta_t delta)
{
    return (point_t){.x = point.x + delta.x, .y = point.y + delta.y};
}

const char *rewrite_asset_url(const asset_path_t *asset_path)
{
    return nif_sprintf("%s%s", asset_path->root, asset_path->path);
}

const char *normalize_name(const char *name)
{
    size_t start = 0, end = strlen(name);

    while (start < end && isspace((unsigned char)name[start]))
        start++;
    while (end > start && isspace((unsigned char)name[end - 1]))
        end--;
    if (start == end) {
        nif_fail_argument(1, "a name that is not blank");
        return NULL;
    }
    return nif_sprintf("%.*s", (int)(end - start), name + start);
}

double sum_list(const double *numbers, size_t count)
{
    double sum = 0;

    for (size_t i = 0; i < count; i++)
        sum += numbers[i];
    return sum;
}

const char **process_pairs(const name_count_t *pairs, size_t count, size_t *result_count)
{
    const char **lines = nif_alloc(count * sizeof *lines);

    for (size_t i = 0; i < count; i++)
        lines[i] = nif_sprintf("%s: %" PRId64, pairs[i].name, pairs[i].count);
    *result_count = count;
    return lines;
}
