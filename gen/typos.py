"""Misspelt annotations: `NIF_STRUCTT("X")` named, with the annotation meant.

A misspelt annotation is an undefined identifier to the C parser, so it shows
up either as a C syntax error somewhere near it (`expected identifier or '('`,
`unknown type name 'NIF_FUNCTON'`) or, right after `struct`/`enum`, as a
struct tag (`struct NIF_MAPP { … }` is valid C). The known annotations are the
macros nif_derive.h defines, read from the header the translation unit included.
"""

from __future__ import annotations

import difflib
import os
import re

import clang.cindex as cindex

from .errors import GeneratorError, Location

C = cindex.CursorKind
PREFIX = "NIF_"
INTERNAL_PREFIX = "NIF_DERIVE_"  # nif_derive.h's own helper macros, never written by users
ANNOTATIONS_HEADER = "nif_derive.h"
TAGS = (C.STRUCT_DECL, C.UNION_DECL, C.ENUM_DECL)
TAG_TEXT = re.compile(r"\b(?:struct|union|enum)\s+(NIF_\w+)")
DEFINE_TEXT = re.compile(r"^\s*#\s*define\s+(NIF_\w+)", re.MULTILINE)


def could_be_misspelt(unit: "cindex.TranslationUnit") -> bool:
    """True when a struct, union or enum of the main file has a tag starting with NIF_
    (a misspelt annotation right after the keyword): worth the closer look of `find`."""
    # The header's text first: a tag is spelt `struct NIF_…`, and one that nif_derive.h defines
    # as a macro is an annotation. Walking the cursors of a large header takes a second.
    spelt = set(TAG_TEXT.findall(open(unit.spelling, errors="replace").read()))
    if spelt <= annotation_macros(unit):
        return False
    main = unit.spelling
    return any(
        cursor.kind in TAGS
        and cursor.spelling.startswith(PREFIX)
        and cursor.location.file is not None
        and cursor.location.file.name == main
        for cursor in main_file_cursors(unit)
    )


def annotation_macros(unit: "cindex.TranslationUnit") -> set[str]:
    """The NIF_ macros of the nif_derive.h the translation unit includes, by its text."""
    for inclusion in unit.get_includes():
        if os.path.basename(inclusion.include.name) == ANNOTATIONS_HEADER:
            return set(DEFINE_TEXT.findall(open(inclusion.include.name, errors="replace").read()))
    return set()


def main_file_cursors(unit: "cindex.TranslationUnit"):
    """Every cursor inside the top-level declarations of the main file (those of the headers
    it includes, erl_nif.h's hundreds, are not walked)."""
    main = unit.spelling
    for top in unit.cursor.get_children():
        if top.location.file is not None and top.location.file.name == main:
            yield from top.walk_preorder()


def find(
    index: "cindex.Index", header: str, args: list[str], error: "cindex.Diagnostic | None"
) -> GeneratorError | None:
    """The misspelt annotation behind C error `error` (None: behind a NIF_ struct tag), if any.

    Parses the header again with its macro definitions recorded, so that a NIF_ name the
    user defines (a macro, a type, an enumerator) is never taken for a misspelling.
    """
    unit = index.parse(
        header,
        args=args,
        options=cindex.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES
        | cindex.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD,
    )
    known = [
        cursor.spelling
        for cursor in unit.cursor.get_children()
        if cursor.kind == C.MACRO_DEFINITION
        and cursor.location.file is not None
        and os.path.basename(cursor.location.file.name) == ANNOTATIONS_HEADER
        and cursor.spelling.startswith(PREFIX)
        and not cursor.spelling.startswith(INTERNAL_PREFIX)
    ]
    if not known:
        return None  # nif_derive.h is not included: the C error says enough
    defined = set()
    for cursor in unit.cursor.get_children():
        # A tag spelt like an annotation is C's reading of `struct NIF_STRUCTT("X")`.
        if cursor.kind not in TAGS or closest(cursor.spelling, known) is None:
            defined.add(cursor.spelling)
        if cursor.kind == C.ENUM_DECL:
            defined.update(c.spelling for c in cursor.get_children())
    if error is None:
        return misspelt_tag(unit, known)
    where = error.location
    if where.file is None:
        return None
    # The tokens up to the error and the one right after it (`int *x NIF_OPTINAL;` is an
    # error at the end of `x`).
    for token in file_tokens(unit, unit.get_file(where.file.name)):
        name = token.spelling
        if (
            token.kind == cindex.TokenKind.IDENTIFIER
            and name.startswith(PREFIX)
            and name not in defined
        ):
            return GeneratorError(Location.of(token), message(name, known))
        if (token.location.line, token.location.column) > (where.line, where.column):
            break
    return None


def misspelt_tag(unit: "cindex.TranslationUnit", known: list[str]) -> GeneratorError | None:
    """`struct NIF_MAPP { … }`: a tag spelt almost like an annotation."""
    main = unit.spelling
    for cursor in main_file_cursors(unit):
        if (
            cursor.kind in TAGS
            and cursor.spelling.startswith(PREFIX)
            and cursor.location.file is not None
            and cursor.location.file.name == main
            and closest(cursor.spelling, known) is not None
        ):
            return GeneratorError(Location.of(cursor), message(cursor.spelling, known))
    return None


def file_tokens(unit: "cindex.TranslationUnit", file: "cindex.File"):
    """The tokens of one file of the translation unit, in order."""
    start = cindex.SourceLocation.from_offset(unit, file, 0)
    end = cindex.SourceLocation.from_offset(unit, file, os.path.getsize(file.name))
    return unit.get_tokens(extent=cindex.SourceRange.from_locations(start, end))


def closest(name: str, known: list[str]) -> str | None:
    """The annotation `name` most likely meant, ignoring case; None when none is close."""
    by_upper = {k.upper(): k for k in known}
    match = difflib.get_close_matches(name.upper(), list(by_upper), n=1, cutoff=0.75)
    return by_upper[match[0]] if match else None


def message(name: str, known: list[str]) -> str:
    meant = closest(name, known)
    if meant is not None:
        return f"unknown annotation {name}; did you mean {meant}?"
    return f"unknown annotation {name}: {ANNOTATIONS_HEADER} defines no macro of that name"
