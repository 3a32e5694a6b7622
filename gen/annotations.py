"""The `nif_derive:` annotations on a declaration (ANNOTATE_ATTR children in libclang)."""

from __future__ import annotations

from dataclasses import dataclass, field

import clang.cindex as cindex

from .errors import GeneratorError, Location
from .shapes import BY_ANNOTATION

SHAPES = tuple(BY_ANNOTATION)  # one per derive shape class (gen/shapes/)
TYPE_OPTIONS = ("strict", "encode_only", "decode_only", "skip", "only", "field")
RESOURCE_OPTIONS = ("lock", "destructor", "down")  # only with NIF_RESOURCE
HOOKS = ("on_load", "on_upgrade", "on_unload")  # NIF_ON_LOAD & co. on a prototype
MEMBER_OPTIONS = ("rename", "len", "optional", "default", "as_map", "as_binary", "as_bool")
FUNCTION_OPTIONS = ("function", "dirty_cpu", "dirty_io")
# Options of a prototype annotated with one of FUNCTION_OPTIONS.
NIF_OPTIONS = ("name", "len", "as_map", "optional", "as_binary", "as_bool")
WITH_VALUE = (
    "struct",
    "exception",
    "record",
    "rename",
    "len",
    "default",
    "skip",
    "only",
    "field",
    "name",
    "resource",
    "lock",
    "destructor",
    "down",
)
# Options a typedef gives one member of a type whose header cannot be edited: NIF_RENAME_FIELD & co.
FIELD_OPTIONS = (
    "rename",
    "len",
    "optional",
    "default",
    "encode_only",
    "decode_only",
    "as_binary",
    "as_bool",
)
KNOWN = SHAPES + TYPE_OPTIONS + RESOURCE_OPTIONS + MEMBER_OPTIONS + FUNCTION_OPTIONS + HOOKS
KNOWN += ("name",)
PREFIX = "nif_derive:"


@dataclass
class Annotations:
    """Annotations by name → value (True for those without a value), with their locations."""

    values: dict[str, str | bool] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    members: dict[str, "Annotations"] = field(
        default_factory=dict
    )  # NIF_*_FIELD(member, …) on a type

    def names(self, option: str) -> list[str]:
        """The member names listed by NIF_SKIP(a, b) / NIF_ONLY(a, b)."""
        value = self.values.get(option)
        return (
            [name.strip() for name in value.split(",") if name.strip()]
            if isinstance(value, str)
            else []
        )

    def merged(self, overrides: "Annotations | None") -> "Annotations":
        """These annotations with a type's NIF_*_FIELD options for this member added."""
        if overrides is None:
            return self
        for name, where in overrides.locations.items():
            if name in self.values:
                raise GeneratorError(
                    where, f"NIF_{name.upper()} is given both on the field and on its type"
                )
        return Annotations(
            {**self.values, **overrides.values}, {**self.locations, **overrides.locations}
        )

    def __contains__(self, name: str) -> bool:
        return name in self.values

    def get(self, name: str):
        return self.values.get(name)

    def shape(self) -> str | None:
        found = [name for name in SHAPES if name in self.values]
        if len(found) > 1:
            raise GeneratorError(
                self.locations[found[1]],
                f"conflicting annotations NIF_{found[0].upper()} and NIF_{found[1].upper()}",
            )
        return found[0] if found else None

    def macro(self, name: str) -> str:
        """The annotation as the user wrote it: `NIF_STRICT`, `NIF_MUTEX` (for `lock:mutex`)."""
        value = self.values.get(name)
        return f"NIF_{(value if name == 'lock' else name).upper()}"

    def only(self, allowed: tuple[str, ...], what: str) -> None:
        """Reject annotations that make no sense on `what`."""
        for name, where in self.locations.items():
            if name not in allowed:
                hint = " (only with NIF_RESOURCE)" if name in RESOURCE_OPTIONS else ""
                raise GeneratorError(where, f"{self.macro(name)} cannot be used on {what}{hint}")


def read(cursor: "cindex.Cursor") -> Annotations:
    """The nif_derive annotations directly on `cursor`."""
    found = Annotations()
    for child in cursor.get_children():
        if child.kind != cindex.CursorKind.ANNOTATE_ATTR:
            continue
        where = Location.of(child)
        try:
            text = child.spelling
        except UnicodeDecodeError:
            raise GeneratorError(where, "the annotation's text is not valid UTF-8") from None
        if not text.startswith(PREFIX):
            continue
        name, _, value = text[len(PREFIX) :].partition(":")
        if name not in KNOWN:
            raise GeneratorError(where, f"unknown nif_derive annotation '{name}'")
        if name == "field":
            read_member_option(found, value, where)
            continue
        if name in found.values:
            if name == "lock":
                raise GeneratorError(where, "NIF_MUTEX and NIF_RWLOCK: a resource has one lock")
            raise GeneratorError(where, f"NIF_{name.upper()} given twice")
        if name in WITH_VALUE:
            if not value.strip():
                raise GeneratorError(where, f"NIF_{name.upper()} needs a value")
            found.values[name] = value.strip()
        else:
            found.values[name] = True
        found.locations[name] = where
    return found


def read_member_option(found: Annotations, value: str, where: Location) -> None:
    """`member:option[:value]` from NIF_RENAME_FIELD(member, "atom") and its siblings."""
    member, _, rest = value.partition(":")
    option, _, argument = rest.partition(":")
    member = member.strip()
    if not member or option not in FIELD_OPTIONS:
        raise GeneratorError(where, f"malformed field option '{value}'")
    options = found.members.setdefault(member, Annotations())
    if option in options.values:
        raise GeneratorError(where, f"NIF_{option.upper()}_FIELD({member}, …) given twice")
    if option in WITH_VALUE and not argument.strip():
        raise GeneratorError(where, f"NIF_{option.upper()}_FIELD({member}, …) needs a value")
    options.values[option] = argument.strip() if option in WITH_VALUE else True
    options.locations[option] = where
