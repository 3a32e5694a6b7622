"""Pairing a tagged union's arms with the enumerators of its tag, into variants.

An arm pairs with the enumerator it shares a name with: the arm's member
name or its NIF_RENAME, against the enumerator's atom before or after the
enumerator's NIF_RENAME. The variant's atom is the rename of either side
(both renamed: they must agree), else the enumerator's own atom. So an arm
`label NIF_RENAME("text")` pairs with `SHAPE_LABEL` as `:text`, and a
variant whose atom is a C keyword gets its arm through a rename on the arm
(`struct_ NIF_RENAME("struct")` pairs with `KW_STRUCT`).

A typedef that maps a foreign tagged union (DESIGN §9) names enumerators in
its options: NIF_ARM(ENUMERATOR, member) pairs them whatever the names,
NIF_RENAME_FIELD(ENUMERATOR, "atom") renames one, NIF_SKIP / NIF_ONLY leave
variants out.
"""

from __future__ import annotations

from dataclasses import dataclass

import clang.cindex as cindex

from . import annotations as notes_of
from . import doc_comments, model
from .annotations import Annotations
from .errors import GeneratorError, Location
from .naming import check_atom, common_prefix, enumerator_atom


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

    def error(self, message: str) -> GeneratorError:
        """An error at this arm, about the member at its C access path (`data.scalar`)."""
        return GeneratorError(Location.of(self.member), message, self.arm.member)


@dataclass
class EnumeratorOptions:
    """What a typedef's options say about the enumerators of the enum it maps (or of its tag)."""

    notes: Annotations  # NIF_RENAME_FIELD and NIF_ARM, by enumerator
    skipped: set[str]  # left out by NIF_SKIP / NIF_ONLY: no variant

    def arm(self, enumerator: str) -> tuple[str, Location] | None:
        """NIF_ARM(enumerator, member): the member and where the option is."""
        options = self.notes.members.get(enumerator)
        if options is None or "arm" not in options:
            return None
        return options.get("arm"), options.locations["arm"]


def enumerator_options(
    notes: Annotations, names: list[str], allowed: tuple[str, ...]
) -> EnumeratorOptions:
    """The options in `notes` (already limited to the enumerator `names`) that name enumerators,
    checked: only `allowed` member options, no dotted paths."""
    for path, macro, where in notes.paths():
        if "." in path:
            raise GeneratorError(
                where, f"{macro}: the enumerator {path.split('.')[0]} has no members"
            )
    for name, options in notes.members.items():
        for option, where in options.locations.items():
            if option not in allowed:
                raise GeneratorError(
                    where,
                    f"{notes_of.member_macro(option)}({name}, …) cannot be used on an enumerator",
                )
    return EnumeratorOptions(notes, notes.left_out(names))


def constants_of(definition: "cindex.Cursor") -> list["cindex.Cursor"]:
    return [c for c in definition.get_children() if c.kind == cindex.CursorKind.ENUM_CONSTANT_DECL]


def enumerators(
    definition: "cindex.Cursor", options: EnumeratorOptions | None = None
) -> list[Enumerator]:
    """The enumerators of an enum that are variants (not left out by the typedef), with
    their atoms before and after NIF_RENAME (or the typedef's NIF_RENAME_FIELD), no atom
    given twice by them alone. The common prefix is that of every enumerator."""
    constants = constants_of(definition)
    if not constants:
        raise GeneratorError(Location.of(definition), "an enum with no enumerators has no term")
    prefix = common_prefix([c.spelling for c in constants])
    found = []
    for constant in constants:
        notes = notes_of.read(constant)
        notes.only(("rename",), "an enumerator")
        if options is not None:
            if constant.spelling in options.skipped:
                continue
            typedef = options.notes.members.get(constant.spelling)
            if typedef is not None and "rename" in typedef:
                notes = notes.merged(
                    Annotations(
                        {"rename": typedef.get("rename")}, {"rename": typedef.locations["rename"]}
                    )
                )
        rename = notes.get("rename")
        if rename is not None:
            check_atom(rename, notes.locations["rename"])
        found.append(Enumerator(constant, enumerator_atom(constant.spelling, prefix), rename))
    if not found:
        raise GeneratorError(
            Location.of(definition),
            "every enumerator is left out: an enum needs one to have a term",
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


def explicit_pairs(
    arms: list[UnionArm], options: EnumeratorOptions | None, access: str
) -> dict[str, UnionArm]:
    """The arms NIF_ARM(ENUMERATOR, member) pairs, by enumerator. `member` is the arm's name
    in the union, or its path (`data.scalar`) when the union has the name `access`."""
    pairs: dict[str, UnionArm] = {}
    if options is None:
        return pairs
    by_name = {arm.member.spelling: arm for arm in arms}
    for name in options.notes.members:
        given = options.arm(name)
        if given is None:
            continue
        member, where = given
        if access and member.startswith(access):
            member = member[len(access) :]
        if name in options.skipped:
            raise GeneratorError(where, f"NIF_ARM({name}, {member}): {name} is left out")
        arm = by_name.get(member)
        if arm is None:
            choices = ", ".join(by_name) or "none"
            raise GeneratorError(
                where,
                f"NIF_ARM({name}, {member}): the union of arms has no member '{member}' "
                f"(its members: {choices})",
            )
        for other, taken in pairs.items():
            if taken is arm:
                raise GeneratorError(
                    where,
                    f"NIF_ARM({name}, {member}): '{member}' is already the arm of {other}: "
                    "a variant has one arm",
                )
        pairs[name] = arm
    return pairs


def pair(arm: UnionArm, candidates: list[Enumerator], tag_type: str) -> Enumerator:
    """The one enumerator `arm` shares a name with, whose rename (if any) agrees with its own."""
    matches = [e for e in candidates if arm.names & {e.name, e.atom}]
    if not matches:
        choices = ", ".join(e.atom for e in candidates)
        raise arm.error(
            f"{arm.describe()} matches no enumerator of '{tag_type}' (arms are named after "
            f'their variant\'s atom, or NIF_RENAME("atom") names it: {choices}); or '
            f"NIF_ARM(ENUMERATOR, {arm.member.spelling}) on the type pairs it",
        )
    if len(matches) > 1:
        both = " and ".join(f"{e.cursor.spelling} (:{e.atom})" for e in matches[:2])
        raise arm.error(
            f"{arm.describe()} matches both {both} by its name and its NIF_RENAME: "
            "give it the name or the NIF_RENAME of one of them",
        )
    e = matches[0]
    if arm.rename and e.rename and arm.rename != e.rename:
        raise arm.error(
            f'NIF_RENAME("{arm.rename}") on {arm.describe()} disagrees with '
            f'NIF_RENAME("{e.rename}") on its enumerator {e.cursor.spelling} ({e.location}): '
            "a variant has one atom",
        )
    return e


def variants(
    tag: "cindex.Cursor",
    arms: list[UnionArm],
    tagged: bool,
    shape: str,
    options: EnumeratorOptions | None = None,
    access: str = "",
) -> list[model.Variant]:
    """The variants of a tagged union in enumerator order, each with its arm (or none: a unit
    variant, which NIF_UNTAGGED_ENUM cannot have). NIF_ARM pairs first; the other arms pair
    by name."""
    found = enumerators(tag.type.get_canonical().get_declaration(), options)
    by_enumerator = explicit_pairs(arms, options, access)
    paired = {id(arm) for arm in by_enumerator.values()}
    candidates = [e for e in found if e.cursor.spelling not in by_enumerator]
    for arm in arms:
        if id(arm) in paired:
            continue
        e = pair(arm, candidates, tag.type.spelling)
        other = by_enumerator.setdefault(e.cursor.spelling, arm)
        if other is not arm:
            raise arm.error(
                f"{other.describe()} and {arm.describe()} both match {e.cursor.spelling}: "
                "a variant has one arm",
            )
    result = []
    atoms: dict[str, Enumerator] = {}
    for e in found:
        arm = by_enumerator.get(e.cursor.spelling)
        if arm is None and not tagged:
            raise GeneratorError(
                e.location,
                f"{shape}: variant {e.cursor.spelling} has no union member named '{e.name}' "
                f'(or NIF_RENAME("{e.atom}") on one); or NIF_ARM({e.cursor.spelling}, member) '
                f"on the type pairs one, NIF_SKIP({e.cursor.spelling}) leaves the variant out",
            )
        atom = e.rename or (arm.rename if arm is not None else None) or e.name
        check_atom(atom, e.location)
        first = atoms.setdefault(atom, e)
        if first is not e:
            raise GeneratorError(
                Location.of(arm.member) if arm else e.location,
                f"atom :{atom} is used by both {first.cursor.spelling} and {e.cursor.spelling}",
            )
        doc = doc_comments.of(e.cursor) or (doc_comments.of(arm.member) if arm else "")
        result.append(
            model.Variant(e.cursor.spelling, atom, arm.arm if arm else model.UnitArm(), doc)
        )
    # No atom twice: an arm's rename that is another variant's atom pairs with both.
    return result
