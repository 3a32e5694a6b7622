/*
 * The NIF functions declared in posix.h: plain C over the system's own
 * structs. Each returns {:ok, value} or {:error, errno_atom}; none raises.
 */
#include "posix.h"

#include <string.h>
#include <unistd.h>

/* errno → posix_errno_t: a listed value is its own enumerator, any other :eunknown. */
static posix_errno_t errno_atom(int error)
{
    switch (error) {
#define POSIX_ERRNO_CASE(name) \
    case name:                 \
        return POSIX_ERRNO_##name;
        POSIX_ERRNO_LIST(POSIX_ERRNO_CASE)
#undef POSIX_ERRNO_CASE
    default:
        return POSIX_ERRNO_EUNKNOWN;
    }
}

posix_stat_result_t posix_stat(const char *path)
{
    posix_stat_result_t result = {.kind = POSIX_RESULT_OK};

    if (stat(path, &result.ok) != 0)
        return (posix_stat_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

posix_stat_result_t posix_lstat(const char *path)
{
    posix_stat_result_t result = {.kind = POSIX_RESULT_OK};

    if (lstat(path, &result.ok) != 0)
        return (posix_stat_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

/* uname(2) fails only for a bad pointer, so the result is the struct itself. */
posix_utsname_t posix_uname(void)
{
    posix_utsname_t name;

    if (uname(&name) != 0)
        memset(&name, 0, sizeof name);
    return name;
}

posix_rusage_result_t posix_getrusage(posix_rusage_who_t who)
{
    posix_rusage_result_t result = {.kind = POSIX_RESULT_OK};

    if (getrusage((int)who, &result.ok) != 0)
        return (posix_rusage_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

/*
 * The reentrant variants: NIFs run on several scheduler threads at once.
 * tm_zone points into libc's static time zone names, which outlive the call.
 */
posix_tm_result_t posix_gmtime(time_t seconds)
{
    posix_tm_result_t result = {.kind = POSIX_RESULT_OK};

    if (gmtime_r(&seconds, &result.ok) == NULL)
        return (posix_tm_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

posix_tm_result_t posix_localtime(time_t seconds)
{
    posix_tm_result_t result = {.kind = POSIX_RESULT_OK};

    tzset(); /* localtime_r need not look at TZ itself */
    if (localtime_r(&seconds, &result.ok) == NULL)
        return (posix_tm_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

posix_time_result_t posix_mktime(posix_tm_t tm)
{
    time_t seconds;

    /* -1 is both the error value and 1969-12-31 23:59:59 UTC: a successful
     * mktime sets tm_wday, so a tm_wday still at -1 tells them apart. */
    tm.tm_wday = -1;
    errno = 0;
    seconds = mktime(&tm);
    if (seconds == (time_t)-1 && tm.tm_wday == -1)
        return (posix_time_result_t){.kind = POSIX_RESULT_ERROR,
                                     .error = errno_atom(errno != 0 ? errno : EOVERFLOW)};
    return (posix_time_result_t){.kind = POSIX_RESULT_OK, .ok = seconds};
}

posix_timespec_result_t posix_clock_gettime(posix_clock_t clock)
{
    posix_timespec_result_t result = {.kind = POSIX_RESULT_OK};

    if (clock_gettime((clockid_t)clock, &result.ok) != 0)
        return (posix_timespec_result_t){.kind = POSIX_RESULT_ERROR, .error = errno_atom(errno)};
    return result;
}

/*
 * getpwnam_r writes the entry's strings into a buffer we give it: the
 * buffer comes from the call's arena, so the strings stay valid until the
 * result has been encoded. No such user is :enoent.
 */
posix_passwd_result_t posix_getpwnam(const char *name)
{
    posix_passwd_result_t result = {.kind = POSIX_RESULT_OK};
    long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
    size_t size = hint > 0 ? (size_t)hint : 1024;

    for (;;) {
        struct passwd *found = NULL;
        char *buffer = nif_alloc(size);
        int error;

        if (buffer == NULL)
            return (posix_passwd_result_t){.kind = POSIX_RESULT_ERROR, .error = POSIX_ERRNO_ENOMEM};
        error = getpwnam_r(name, &result.ok, buffer, size, &found);
        if (error == ERANGE && size < (1u << 20)) {
            size *= 2;
            continue;
        }
        if (error != 0 || found == NULL)
            return (posix_passwd_result_t){.kind = POSIX_RESULT_ERROR,
                                           .error = errno_atom(error != 0 ? error : ENOENT)};
        return result;
    }
}
