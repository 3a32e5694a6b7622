"""Reading a header with libclang: compiler arguments, builtin headers, fatal diagnostics."""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import subprocess

from . import typos
from .errors import GeneratorError, Location

try:
    import clang.cindex as cindex
except ImportError as error:  # pragma: no cover - reported by the CLI
    raise ImportError(
        "nif_derive needs the Python package libclang: pip install libclang"
    ) from error

# Kinds a newer libclang reports than this binding knows (`_Float16` is type kind 32) raise
# ValueError on every `.kind`: give each a kind of its own, which no type kind maps to a term.
for _enumeration in (cindex.TypeKind, cindex.CursorKind):
    for _value in range(1024):
        if _value >= len(_enumeration._kinds) or _enumeration._kinds[_value] is None:
            _enumeration(_value)


@functools.cache
def _has_attrs():
    function = cindex.conf.lib.clang_Cursor_hasAttrs
    function.argtypes = [cindex.Cursor]
    function.restype = ctypes.c_uint
    return function


def has_attributes(cursor: "cindex.Cursor") -> bool:
    """Whether the declaration `cursor` has any attribute (its annotations are attributes):
    clang_Cursor_hasAttrs (libclang 3.9+, not wrapped by the Python binding), one C call where
    walking the cursor's children costs a Python callback per child."""
    return bool(_has_attrs()(cursor))


@functools.cache
def builtin_include_args() -> tuple[str, ...]:
    """Arguments that give libclang the compiler's builtin headers (stddef.h, stdbool.h, ...).

    The PyPI libclang wheel ships none. Prefer the system clang's resource
    directory; fall back to gcc's builtin include directory. Override with
    NIF_DERIVE_RESOURCE_DIR.
    """
    override = os.environ.get("NIF_DERIVE_RESOURCE_DIR")
    if override:
        return ("-resource-dir", override)
    for compiler, args in (
        ("clang", ["-print-resource-dir"]),
        ("gcc", ["-print-file-name=include"]),
    ):
        path = shutil.which(compiler)
        if path is None:
            continue
        try:
            out = subprocess.run(
                [path, *args], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            continue
        if compiler == "clang" and os.path.isfile(os.path.join(out, "include", "stddef.h")):
            return ("-resource-dir", out)
        if compiler == "gcc" and os.path.isfile(os.path.join(out, "stddef.h")):
            return ("-isystem", out)
    raise GeneratorError(
        None,
        "no compiler builtin headers (stddef.h) found for libclang: install clang or gcc, "
        "or set NIF_DERIVE_RESOURCE_DIR to clang's resource directory",
    )


def erts_include_dir() -> str | None:
    """The directory holding erl_nif.h, from `erl` (None when erl is missing)."""
    erl = shutil.which("erl")
    if erl is None:
        return None
    out = subprocess.run(
        [erl, "-noshell", "-eval", 'io:format("~s", [code:root_dir()]), halt().'],
        capture_output=True,
        text=True,
    ).stdout.strip()
    path = os.path.join(out, "usr", "include")
    return path if os.path.isfile(os.path.join(path, "erl_nif.h")) else None


def parse(
    header: str, include_dirs: list[str], defines: list[str] | None = None
) -> "cindex.TranslationUnit":
    """Parse one header as C11; any diagnostic of severity error or worse raises GeneratorError."""
    args = ["-x", "c", "-std=gnu11", *builtin_include_args()]
    args += [f"-I{d}" for d in include_dirs]
    args += [f"-D{d}" for d in defines or []]
    check_text(header)
    index = cindex.Index.create()
    try:
        unit = index.parse(
            header, args=args, options=cindex.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES
        )
    except cindex.TranslationUnitLoadError as error:
        raise GeneratorError(
            Location(header, 1, 1), f"libclang could not read the header: {error}"
        ) from error
    errors = [d for d in unit.diagnostics if d.severity >= cindex.Diagnostic.Error]
    if errors or typos.could_be_misspelt(unit):
        # A misspelt NIF_ annotation is the likelier cause: name it rather than the C error.
        typo = typos.find(index, header, args, errors[0] if errors else None)
        if typo is not None:
            raise typo
    if errors:
        raise GeneratorError(Location.of(errors[0]), errors[0].spelling)
    return unit


def check_text(header: str) -> None:
    """Stop at the first byte of `header` that is not UTF-8 text (libclang's names would not
    decode) or is NUL (gcc warns that it ignores it)."""
    try:
        data = open(header, "rb").read()
    except OSError as error:
        where = Location(header, 1, 1)
        raise GeneratorError(where, f"cannot read the header: {error.strerror}") from None
    try:
        bad = data.index(b"\0")
        why = "a NUL byte"
    except ValueError:
        try:
            data.decode()
            return
        except UnicodeDecodeError as error:
            bad, why = error.start, f"byte 0x{data[error.start]:02X}, which is not UTF-8 text"
    line = data.count(b"\n", 0, bad) + 1
    column = bad - (data.rfind(b"\n", 0, bad) + 1) + 1
    raise GeneratorError(Location(header, line, column), f"the header has {why}")


def included_files(unit: "cindex.TranslationUnit") -> list[str]:
    """Every file the translation unit read, the main file first."""
    files = [unit.spelling]
    files += [inclusion.include.name for inclusion in unit.get_includes()]
    return list(dict.fromkeys(files))
