/*
 * POSIX calls as NIFs, over the structs of the system's own headers.
 *
 * No system header is edited: each annotated typedef below maps a struct
 * declared in <sys/stat.h>, <time.h>, <pwd.h>, ... and the options on the
 * typedef (NIF_SKIP, NIF_DEFAULT_FIELD, ...) adjust it from here. The
 * prototypes at the end are the NIF functions, implemented in posix.c.
 */
#ifndef POSIX_H
#define POSIX_H

#include <nif_derive.h>

#include <errno.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

/* ------------------------------------------------------------------------
 * Structs declared by the system headers
 * ------------------------------------------------------------------------ */

/* %{tv_sec: 1700000000, tv_nsec: 123456789} */
typedef struct timespec NIF_MAP posix_timespec_t;

/* %{tv_sec: 0, tv_usec: 4000} */
typedef struct timeval NIF_MAP posix_timeval_t;

/*
 * %Posix.Stat{st_dev: 66306, st_ino: 1234, st_mode: 33188, ..., st_mtim: %{tv_sec: .., tv_nsec: ..}}.
 * st_atim, st_mtim and st_ctim are struct timespec, so they use the mapping
 * above; glibc's padding (__pad0, __glibc_reserved) is never exposed.
 */
typedef struct stat NIF_STRUCT("Posix.Stat") NIF_ENCODE_ONLY posix_stat_t;

/* %Posix.Utsname{sysname: "Linux", nodename: .., release: .., version: .., machine: "x86_64"} */
typedef struct utsname NIF_STRUCT("Posix.Utsname") NIF_ENCODE_ONLY posix_utsname_t;

/*
 * %Posix.Rusage{ru_utime: %{tv_sec: .., tv_usec: ..}, ru_maxrss: .., ...}.
 * glibc wraps most members in an anonymous union with a reserved twin
 * (`union { long ru_maxrss; __syscall_slong_t __ru_maxrss_word; }`): the
 * named member is the field. Linux leaves the members skipped here at zero.
 */
typedef struct rusage NIF_STRUCT("Posix.Rusage") NIF_ENCODE_ONLY
    NIF_SKIP(ru_ixrss, ru_idrss, ru_isrss, ru_nswap, ru_msgsnd, ru_msgrcv, ru_nsignals) posix_rusage_t;

/*
 * %Posix.Tm{tm_year: 124, tm_mon: 0, tm_mday: 31, tm_hour: .., tm_min: .., tm_sec: .., ...}:
 * the C fields as they are (tm_year counts from 1900, tm_mon from 0). The
 * fields mktime ignores or works out itself may be left out: a missing
 * tm_isdst is -1 ("find out"), a missing tm_zone is NULL.
 */
typedef struct tm NIF_STRUCT("Posix.Tm")
    NIF_DEFAULT_FIELD(tm_wday, 0) NIF_DEFAULT_FIELD(tm_yday, 0) NIF_DEFAULT_FIELD(tm_isdst, -1)
    NIF_DEFAULT_FIELD(tm_gmtoff, 0) NIF_OPTIONAL_FIELD(tm_zone) NIF_DEFAULT_FIELD(tm_zone, NULL) posix_tm_t;

/* %Posix.Passwd{pw_name: "root", pw_passwd: "x", pw_uid: 0, pw_gid: 0, pw_gecos: .., pw_dir: .., pw_shell: ..} */
typedef struct passwd NIF_STRUCT("Posix.Passwd") NIF_ENCODE_ONLY posix_passwd_t;

/* ------------------------------------------------------------------------
 * Enums over the system's constants
 * ------------------------------------------------------------------------ */

/*
 * errno values as atoms, named as Erlang's own :file functions name them:
 * :enoent, :eacces, ... Every distinct errno of Linux is listed once (the
 * aliases EWOULDBLOCK = EAGAIN, EDEADLOCK = EDEADLK and ENOTSUP = EOPNOTSUPP
 * are left out: an atom per value). posix.c maps any other value to :eunknown.
 * The list is an X-macro so that posix.c can switch over the same names.
 * Only ever a result, so only its encoder is generated (NIF_ENCODE_ONLY).
 */
#define POSIX_ERRNO_LIST(X)                                                                        \
    X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(E2BIG) X(ENOEXEC) X(EBADF) X(ECHILD)    \
    X(EAGAIN) X(ENOMEM) X(EACCES) X(EFAULT) X(ENOTBLK) X(EBUSY) X(EEXIST) X(EXDEV) X(ENODEV)       \
    X(ENOTDIR) X(EISDIR) X(EINVAL) X(ENFILE) X(EMFILE) X(ENOTTY) X(ETXTBSY) X(EFBIG) X(ENOSPC)     \
    X(ESPIPE) X(EROFS) X(EMLINK) X(EPIPE) X(EDOM) X(ERANGE) X(EDEADLK) X(ENAMETOOLONG) X(ENOLCK)   \
    X(ENOSYS) X(ENOTEMPTY) X(ELOOP) X(ENOMSG) X(EIDRM) X(ECHRNG) X(EL2NSYNC) X(EL3HLT) X(EL3RST)   \
    X(ELNRNG) X(EUNATCH) X(ENOCSI) X(EL2HLT) X(EBADE) X(EBADR) X(EXFULL) X(ENOANO) X(EBADRQC)      \
    X(EBADSLT) X(EBFONT) X(ENOSTR) X(ENODATA) X(ETIME) X(ENOSR) X(ENONET) X(ENOPKG) X(EREMOTE)     \
    X(ENOLINK) X(EADV) X(ESRMNT) X(ECOMM) X(EPROTO) X(EMULTIHOP) X(EDOTDOT) X(EBADMSG)             \
    X(EOVERFLOW) X(ENOTUNIQ) X(EBADFD) X(EREMCHG) X(ELIBACC) X(ELIBBAD) X(ELIBSCN) X(ELIBMAX)      \
    X(ELIBEXEC) X(EILSEQ) X(ERESTART) X(ESTRPIPE) X(EUSERS) X(ENOTSOCK) X(EDESTADDRREQ)            \
    X(EMSGSIZE) X(EPROTOTYPE) X(ENOPROTOOPT) X(EPROTONOSUPPORT) X(ESOCKTNOSUPPORT) X(EOPNOTSUPP)   \
    X(EPFNOSUPPORT) X(EAFNOSUPPORT) X(EADDRINUSE) X(EADDRNOTAVAIL) X(ENETDOWN) X(ENETUNREACH)      \
    X(ENETRESET) X(ECONNABORTED) X(ECONNRESET) X(ENOBUFS) X(EISCONN) X(ENOTCONN) X(ESHUTDOWN)      \
    X(ETOOMANYREFS) X(ETIMEDOUT) X(ECONNREFUSED) X(EHOSTDOWN) X(EHOSTUNREACH) X(EALREADY)          \
    X(EINPROGRESS) X(ESTALE) X(EUCLEAN) X(ENOTNAM) X(ENAVAIL) X(EISNAM) X(EREMOTEIO) X(EDQUOT)     \
    X(ENOMEDIUM) X(EMEDIUMTYPE) X(ECANCELED) X(ENOKEY) X(EKEYEXPIRED) X(EKEYREVOKED)               \
    X(EKEYREJECTED) X(EOWNERDEAD) X(ENOTRECOVERABLE) X(ERFKILL) X(EHWPOISON)

#define POSIX_ERRNO_ENUMERATOR(name) POSIX_ERRNO_##name = name,
typedef enum NIF_UNIT_ENUM NIF_ENCODE_ONLY {
    POSIX_ERRNO_LIST(POSIX_ERRNO_ENUMERATOR)
    POSIX_ERRNO_EUNKNOWN = -1 /* an errno value not listed above */
} posix_errno_t;
#undef POSIX_ERRNO_ENUMERATOR

/* The clocks of clock_gettime: :realtime, :monotonic, ... */
typedef enum NIF_UNIT_ENUM {
    POSIX_CLOCK_REALTIME = CLOCK_REALTIME,
    POSIX_CLOCK_MONOTONIC = CLOCK_MONOTONIC,
    POSIX_CLOCK_PROCESS_CPUTIME_ID = CLOCK_PROCESS_CPUTIME_ID,
    POSIX_CLOCK_THREAD_CPUTIME_ID = CLOCK_THREAD_CPUTIME_ID,
    POSIX_CLOCK_MONOTONIC_RAW = CLOCK_MONOTONIC_RAW,
    POSIX_CLOCK_REALTIME_COARSE = CLOCK_REALTIME_COARSE,
    POSIX_CLOCK_MONOTONIC_COARSE = CLOCK_MONOTONIC_COARSE,
    POSIX_CLOCK_BOOTTIME = CLOCK_BOOTTIME,
    POSIX_CLOCK_TAI = CLOCK_TAI,
} posix_clock_t;

/*
 * Whose usage getrusage reports: :self, :children, :thread. glibc declares
 * RUSAGE_THREAD only under _GNU_SOURCE, which this header does not ask for
 * (see README), so it is spelled as its Linux value.
 */
typedef enum NIF_UNIT_ENUM {
    POSIX_RUSAGE_SELF = RUSAGE_SELF,
    POSIX_RUSAGE_CHILDREN = RUSAGE_CHILDREN,
    POSIX_RUSAGE_THREAD = 1, /* RUSAGE_THREAD */
} posix_rusage_who_t;

/* ------------------------------------------------------------------------
 * Results: {:ok, value} or {:error, errno_atom}
 * ------------------------------------------------------------------------ */

typedef enum { POSIX_RESULT_OK, POSIX_RESULT_ERROR } posix_result_kind;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        posix_stat_t ok;
        posix_errno_t error;
    };
} posix_stat_result_t;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        posix_rusage_t ok;
        posix_errno_t error;
    };
} posix_rusage_result_t;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        posix_tm_t ok;
        posix_errno_t error;
    };
} posix_tm_result_t;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        time_t ok; /* seconds since the epoch */
        posix_errno_t error;
    };
} posix_time_result_t;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        posix_timespec_t ok;
        posix_errno_t error;
    };
} posix_timespec_result_t;

typedef struct NIF_TAGGED_ENUM NIF_ENCODE_ONLY {
    posix_result_kind kind;
    union {
        posix_passwd_t ok;
        posix_errno_t error; /* :enoent when there is no such user */
    };
} posix_passwd_result_t;

/* ------------------------------------------------------------------------
 * NIF functions: Posix.Native.posix_stat/1 and so on (lib/posix.ex drops
 * the prefix, which keeps these names clear of libc's own)
 * ------------------------------------------------------------------------ */

/* These touch the file system (localtime and mktime may read the time zone database). */
NIF_DIRTY_IO posix_stat_result_t posix_stat(const char *path);
NIF_DIRTY_IO posix_stat_result_t posix_lstat(const char *path);
NIF_DIRTY_IO posix_tm_result_t posix_localtime(time_t seconds);
NIF_DIRTY_IO posix_time_result_t posix_mktime(posix_tm_t tm);
NIF_DIRTY_IO posix_passwd_result_t posix_getpwnam(const char *name);

NIF_FUNCTION posix_utsname_t posix_uname(void);
NIF_FUNCTION posix_rusage_result_t posix_getrusage(posix_rusage_who_t who);
NIF_FUNCTION posix_tm_result_t posix_gmtime(time_t seconds);
NIF_FUNCTION posix_timespec_result_t posix_clock_gettime(posix_clock_t clock);

#endif
