"""Types declared in headers you cannot edit, mapped by an annotated typedef (issue 3)."""

import pytest

STAT = """
#include <sys/stat.h>
#include <time.h>
typedef struct timespec NIF_MAP posix_timespec_t;
typedef struct stat NIF_STRUCT("Posix.Stat") NIF_SKIP(st_blksize, st_blocks) NIF_RENAME_FIELD(st_size, "size") posix_stat_t;
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
    assert mtim.type.kind == "named" and mtim.type.decl.ident == "posix_timespec_t"


def test_platform_typedef_chains_get_their_real_width(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    dev = next(f for f in stat.fields if f.atom == "st_dev").type
    nsec = next(f for f in decl(project.model(STAT), "posix_timespec_t").fields if f.atom == "tv_nsec").type
    assert (dev.spelling, dev.signed, dev.bits) == ("__dev_t", False, 64)
    assert (nsec.spelling, nsec.signed, nsec.bits) == ("__syscall_slong_t", True, 64)


def test_origin_names_the_real_header_and_the_typedef(project):
    stat = decl(project.model(STAT), "posix_stat_t")
    assert stat.origin.type_name == "struct stat"
    assert "struct_stat.h" in stat.origin.type_location.file
    assert stat.origin.location.file == str(project.header) and stat.origin.location.line == 6
    project.run_cli()
    doc = (project.dir / "ex" / "posix" / "stat.ex").read_text()
    assert "struct_stat.h" in doc and "posix_stat_t" in doc and f"{project.header}:6" in doc


def test_only_and_field_options(project):
    m = project.model(
        """
        #include <time.h>
        typedef struct tm NIF_STRUCT("Posix.Tm") NIF_ONLY(tm_year, tm_mon, tm_zone) NIF_OPTIONAL_FIELD(tm_zone)
            NIF_DEFAULT_FIELD(tm_mon, 0) posix_tm_t;
        """
    )
    tm = decl(m, "posix_tm_t")
    assert [f.atom for f in tm.fields] == ["tm_mon", "tm_year", "tm_zone"]  # C order
    assert tm.fields[0].default.elixir == "0"
    assert tm.fields[2].type.nullable


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('#include <time.h>\ntypedef struct tm NIF_MAP NIF_SKIP(tm_nope) t_t;', "NIF_SKIP(tm_nope): t_t has no field 'tm_nope'"),
        ('#include <time.h>\ntypedef struct tm NIF_MAP NIF_ONLY(tm_year, nope) t_t;', "NIF_ONLY(nope)"),
        ('#include <time.h>\ntypedef struct tm NIF_MAP NIF_RENAME_FIELD(nope, "x") t_t;', "has no field 'nope' to give options to"),
        ('#include <time.h>\ntypedef struct tm NIF_MAP NIF_RENAME_FIELD(tm_year, "y") NIF_RENAME_FIELD(tm_year, "z") t_t;', "given twice"),
        ('#include <time.h>\ntypedef struct tm NIF_MAP NIF_RENAME_FIELD(tm_year, "tm_mon") t_t;', "key :tm_mon is used twice"),
    ],
)
def test_foreign_option_diagnostics(project, body, fragment):
    error = project.error(body)
    assert str(error).startswith(f"{project.header}:3:")
    assert fragment in str(error)
