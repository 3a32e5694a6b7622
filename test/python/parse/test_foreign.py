"""Types declared in headers you cannot edit, mapped by an annotated typedef (issue 3)."""

import pytest

from nif_derive import model

STAT = """
#include <sys/stat.h>
#include <time.h>
typedef struct timespec NIF_MAP posix_timespec_t;
typedef struct stat NIF_STRUCT("Posix.Stat") NIF_SKIP(st_blksize, st_blocks)
    NIF_RENAME_FIELD(st_size, "size") posix_stat_t;
NIF_DIRTY_IO posix_stat_t stat_path(const char *path);
"""


def decl(module, ident):
    return next(d for d in module.decls if d.ident == ident)


def test_typedef_maps_a_foreign_struct_with_its_options(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    atoms = [f.atom for f in stat.fields]
    assert "size" in atoms and "st_size" not in atoms
    assert "st_blksize" not in atoms and "st_blocks" not in atoms
    assert not any(atom.startswith("__") for atom in atoms)  # __pad0, __glibc_reserved
    assert set(stat.zeroed) >= {"st_blksize", "st_blocks", "__glibc_reserved"}


def test_fields_of_a_mapped_foreign_type_use_that_mapping(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    mtim = next(f for f in stat.fields if f.atom == "st_mtim")
    assert isinstance(mtim.type, model.Named) and mtim.type.decl.ident == "posix_timespec_t"


def test_platform_typedef_chains_get_their_real_width(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    dev = next(f for f in stat.fields if f.atom == "st_dev").type
    nsec = next(
        f for f in decl(project.model(STAT), "posix_timespec_t").fields if f.atom == "tv_nsec"
    ).type
    assert (dev.spelling, dev.signed, dev.bits) == ("__dev_t", False, 64)
    assert (nsec.spelling, nsec.signed, nsec.bits) == ("__syscall_slong_t", True, 64)


def test_origin_names_the_real_header_and_the_typedef(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    assert stat.origin.type_name == "struct stat"
    assert "struct_stat.h" in stat.origin.type_location.file
    assert stat.origin.location.file == str(project.header) and stat.origin.location.line == 7
    project.run_cli()
    doc = (project.dir / "ex" / "posix" / "stat.ex").read_text()
    assert "struct_stat.h" in doc and "posix_stat_t" in doc and f"{project.header}:7" in doc


def test_only_and_field_options(project):
    m = project.model(
        """
        #include <time.h>
        typedef struct tm NIF_STRUCT("Posix.Tm") NIF_ONLY(tm_year, tm_mon, tm_zone)
            NIF_OPTIONAL_FIELD(tm_zone) NIF_DEFAULT_FIELD(tm_mon, 0) posix_tm_t;
        """
    )
    tm = decl(m, "posix_tm_t")
    assert [f.atom for f in tm.fields] == ["tm_mon", "tm_year", "tm_zone"]  # C order
    assert tm.fields[0].default.elixir == "0"
    assert tm.fields[2].type.nullable


@pytest.mark.parametrize(
    "body, fragment",
    [
        (
            "#include <time.h>\ntypedef struct tm NIF_MAP NIF_SKIP(tm_nope) t_t;",
            "NIF_SKIP(tm_nope): t_t has no field 'tm_nope'",
        ),
        (
            "#include <time.h>\ntypedef struct tm NIF_MAP NIF_ONLY(tm_year, nope) t_t;",
            "NIF_ONLY(nope)",
        ),
        (
            '#include <time.h>\ntypedef struct tm NIF_MAP NIF_RENAME_FIELD(nope, "x") t_t;',
            "has no field 'nope' to give options to",
        ),
        (
            "#include <time.h>\n"
            'typedef struct tm NIF_MAP NIF_RENAME_FIELD(tm_year, "y") '
            'NIF_RENAME_FIELD(tm_year, "z") t_t;',
            "given twice",
        ),
        (
            '#include <time.h>\ntypedef struct tm NIF_MAP NIF_RENAME_FIELD(tm_year, "tm_mon") t_t;',
            "key :tm_mon is used twice",
        ),
    ],
)
def test_foreign_option_diagnostics(project, body, fragment):
    error = project.error(body)
    assert str(error).startswith(f"{project.header}:3:")
    assert fragment in str(error)


# C11 anonymous unions: glibc's struct rusage wraps each member as
# `union { long ru_maxrss; __syscall_slong_t __ru_maxrss_word; };`.
RUSAGE = """
#include <sys/resource.h>
typedef struct timeval NIF_MAP posix_timeval_t;
typedef struct rusage NIF_STRUCT("Posix.Rusage") NIF_SKIP(ru_ixrss, ru_nswap) posix_rusage_t;
NIF_FUNCTION posix_rusage_t usage(int who);
"""


def test_members_of_anonymous_unions_are_fields(project):
    rusage = decl(project.model(RUSAGE), "posix_rusage_t")
    atoms = [f.atom for f in rusage.fields]
    assert atoms[:4] == [
        "ru_utime",
        "ru_stime",
        "ru_maxrss",
        "ru_idrss",
    ]  # C order, skipped left out
    assert "ru_ixrss" not in atoms and "ru_nswap" not in atoms and "ru_nivcsw" in atoms
    assert not any(atom.startswith("__") for atom in atoms)
    assert {"__ru_maxrss_word", "ru_ixrss", "__ru_ixrss_word"} <= set(rusage.zeroed)
    maxrss = next(f for f in rusage.fields if f.atom == "ru_maxrss")
    assert (maxrss.name, maxrss.type.bits) == (
        "ru_maxrss",
        64,
    )  # `value->ru_maxrss`, as C spells it


def test_anonymous_union_members_compile(project):
    project.write(RUSAGE)
    assert project.run_cli() == 0
    for compiler in ("gcc", "clang"):
        result = project.compile(compiler)
        assert result.returncode == 0, result.stderr


def test_an_anonymous_union_exposes_one_member(project):
    body = """
        typedef struct NIF_MAP { int tag; union { int64_t i; double d; }; } t_t;
        """
    error = project.error(body)
    assert str(error).startswith(f"{project.header}:3:")
    assert (
        "members 'i', 'd' of t_t share an anonymous union's storage: NIF_SKIP all but one"
        in str(error)
    )
    ok = decl(project.model(body.replace("NIF_MAP {", "NIF_MAP NIF_SKIP(d) {")), "t_t")
    assert [f.atom for f in ok.fields] == ["tag", "i"] and ok.zeroed == ["d"]


def test_foreign_anonymous_union_error_points_at_the_typedef(project):
    (project.dir / "vendor.h").write_text("struct own { int a; union { int b; int c; }; };\n")
    error = project.error('#include "vendor.h"\ntypedef struct own NIF_MAP own_t;')
    assert str(error).startswith(f"{project.header}:3:")
    assert "members 'b', 'c' of own_t share an anonymous union's storage" in str(error)
    assert "vendor.h:1:" in str(error)
    own = decl(
        project.model('#include "vendor.h"\ntypedef struct own NIF_MAP NIF_SKIP(c) own_t;'), "own_t"
    )
    assert [f.atom for f in own.fields] == ["a", "b"]


def test_an_anonymous_struct_member_stays_an_error(project):
    error = project.error(
        "typedef struct NIF_MAP { int a; union { struct { int b; }; int c; }; } t_t;"
    )
    assert "has no name to use as a key" in str(error)
