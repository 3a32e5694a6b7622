"""Pairing a tagged union's arms with the enumerators of its tag, into variants.

An arm pairs with the enumerator it shares a name with: the arm's member
name or its NIF_RENAME, against the enumerator's atom before or after the
enumerator's NIF_RENAME. The variant's atom is the rename of either side
(both renamed: they must agree), else the enumerator's own atom. So an arm
`label NIF_RENAME("text")` pairs with `SHAPE_LABEL` as `:text`, and a
variant whose atom is a C keyword gets its arm through a rename on the arm
(`struct_ NIF_RENAME("struct")` pairs with `KW_STRUCT`).
"""

from __future__ import annotations

from dataclasses import dataclass

import clang.cindex as cindex

from . import annotations as notes_of
from . import doc_comments, model
from .errors import GeneratorError, Location
from .naming import common_prefix, enumerator_atom


@dataclass
class Enumerator:
    cursor: "cindex.Cursor"
    name: str  # its atom before NIF_RENAME: prefix dropped, lower-cased
    rename: str | None

    @property
    def atom(self) -> str:
        return self.rename or self.name

    @property
    def location(self) -> Location:
        return Location.of(self.cursor)


@dataclass
class UnionArm:
    arm: model.Arm
    member: "cindex.Cursor"
    rename: str | None

    @property
    def names(self) -> set[str]:
        return {self.member.spelling, self.rename} - {None}

    def describe(self) -> str:
        return f"union member '{self.member.spelling}'"


def enumerators(tag: "cindex.Cursor") -> list[Enumerator]:
    """The enumerators of the tag's enum, with no atom given twice by them alone."""
    definition = tag.type.get_canonical().get_declaration()
    constants = [
        c for c in definition.get_children() if c.kind == cindex.CursorKind.ENUM_CONSTANT_DECL
    ]
    prefix = common_prefix([c.spelling for c in constants])
    found = []
    for constant in constants:
        notes = notes_of.read(constant)
        notes.only(("rename",), "an enumerator")
        found.append(
            Enumerator(constant, enumerator_atom(constant.spelling, prefix), notes.get("rename"))
        )
    first: dict[str, Enumerator] = {}
    for e in found:
        other = first.setdefault(e.atom, e)
        if other is not e:
            raise GeneratorError(
                e.location,
                f"atom :{e.atom} is used by both {other.cursor.spelling} and {e.cursor.spelling}",
            )
    return found


def pair(arm: UnionArm, candidates: list[Enumerator], tag_type: str) -> Enumerator:
    """The one enumerator `arm` shares a name with, whose rename (if any) agrees with its own."""
    matches = [e for e in candidates if arm.names & {e.name, e.atom}]
    if not matches:
        choices = ", ".join(e.atom for e in candidates)
        raise GeneratorError(
            Location.of(arm.member),
            f"{arm.describe()} matches no enumerator of '{tag_type}' (arms are named after "
            f'their variant\'s atom, or NIF_RENAME("atom") names it: {choices})',
        )
    if len(matches) > 1:
        both = " and ".join(f"{e.cursor.spelling} (:{e.atom})" for e in matches[:2])
        raise GeneratorError(
            Location.of(arm.member),
            f"{arm.describe()} matches both {both} by its name and its NIF_RENAME: "
            "give it the name or the NIF_RENAME of one of them",
        )
    e = matches[0]
    if arm.rename and e.rename and arm.rename != e.rename:
        raise GeneratorError(
            Location.of(arm.member),
            f'NIF_RENAME("{arm.rename}") on {arm.describe()} disagrees with '
            f'NIF_RENAME("{e.rename}") on its enumerator {e.cursor.spelling} ({e.location}): '
            "a variant has one atom",
        )
    return e


def variants(
    tag: "cindex.Cursor", arms: list[UnionArm], tagged: bool, shape: str
) -> list[model.Variant]:
    """The variants of a tagged union in enumerator order, each with its arm (or none: a unit
    variant, which NIF_UNTAGGED_ENUM cannot have)."""
    found = enumerators(tag)
    by_enumerator: dict[str, UnionArm] = {}
    for arm in arms:
        e = pair(arm, found, tag.type.spelling)
        other = by_enumerator.setdefault(e.cursor.spelling, arm)
        if other is not arm:
            raise GeneratorError(
                Location.of(arm.member),
                f"{other.describe()} and {arm.describe()} both match {e.cursor.spelling}: "
                "a variant has one arm",
            )
    result = []
    for e in found:
        arm = by_enumerator.get(e.cursor.spelling)
        if arm is None and not tagged:
            raise GeneratorError(
                e.location,
                f"{shape}: variant {e.cursor.spelling} has no union member named '{e.name}' "
                f'(or NIF_RENAME("{e.atom}") on one)',
            )
        atom = e.rename or (arm.rename if arm is not None else None) or e.name
        doc = doc_comments.of(e.cursor) or (doc_comments.of(arm.member) if arm else "")
        result.append(
            model.Variant(e.cursor.spelling, atom, arm.arm if arm else model.UnitArm(), doc)
        )
    # No atom twice: an arm's rename that is another variant's atom pairs with both.
    return result
