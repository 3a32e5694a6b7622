"""The `nif_derive:` annotations on a declaration (ANNOTATE_ATTR children in libclang)."""

from __future__ import annotations

from dataclasses import dataclass, field

import clang.cindex as cindex

from .errors import GeneratorError, Location
from .libclang import has_attributes
from .shapes import BY_ANNOTATION

SHAPES = tuple(BY_ANNOTATION)  # one per derive shape class (gen/shapes/)
TYPE_OPTIONS = ("strict", "encode_only", "decode_only", "skip", "only", "field", "arm")
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
    "arm",
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
# NIF_ARM(ENUMERATOR, member) on a tagged-union typedef: kept as the enumerator's option "arm".
ENUMERATOR_OPTIONS = ("rename", "arm")
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
    path: str = ""  # the member these options were given for, as the user wrote it: `data.`

    def names(self, option: str) -> list[str]:
        """The member names listed by NIF_SKIP(a, b) / NIF_ONLY(a, b)."""
        value = self.values.get(option)
        return (
            [name.strip() for name in value.split(",") if name.strip()]
            if isinstance(value, str)
            else []
        )

    def paths(self) -> list[tuple[str, str, Location]]:
        """Every member path the type's options name (NIF_SKIP, NIF_ONLY, NIF_*_FIELD, NIF_ARM),
        with the option as written and its location: for checking that each names a member."""
        found = []
        for option in ("skip", "only"):
            for name in self.names(option):
                macro = f"NIF_{option.upper()}({self.path}{name})"
                found.append((name, macro, self.locations[option]))
        for name, options in self.members.items():
            for option, where in options.locations.items():
                found.append((name, f"{member_macro(option)}({self.path}{name}, …)", where))
        return found

    def left_out(self, names: "set[str] | list[str]") -> set[str]:
        """Which of `names` (the members of one level) NIF_SKIP and NIF_ONLY leave out.
        A dotted path leaves out a member of a member: NIF_ONLY(data.scalar) keeps `data`."""
        skipped = {name for name in self.names("skip") if "." not in name} & set(names)
        if "only" in self.values:
            kept = {name.split(".")[0] for name in self.names("only")}
            skipped |= set(names) - kept
        return skipped

    def child(self, name: str) -> "Annotations":
        """The options this type gives the members of its member `name`, paths shortened:
        NIF_SKIP(data.scalar) → NIF_SKIP(scalar), NIF_LEN_FIELD(data.v, data.n) → (v, n)."""
        prefix = name + "."
        found = Annotations(path=self.path + prefix)
        for option in ("skip", "only"):
            inner = [n[len(prefix) :] for n in self.names(option) if n.startswith(prefix)]
            if inner:
                found.values[option] = ", ".join(inner)
                found.locations[option] = self.locations[option]
        for path, options in self.members.items():
            if path.startswith(prefix):
                length = options.values.get("len")
                if isinstance(length, str) and length.startswith(prefix):
                    options = Annotations(
                        {**options.values, "len": length[len(prefix) :]}, options.locations
                    )
                found.members[path[len(prefix) :]] = options
        return found

    def select(self, names: set[str]) -> "Annotations":
        """These options restricted to the paths that start with one of `names`."""
        found = Annotations(path=self.path)
        for option in ("skip", "only"):
            inner = [n for n in self.names(option) if n.split(".")[0] in names]
            if inner:
                found.values[option] = ", ".join(inner)
                found.locations[option] = self.locations[option]
        found.members = {p: o for p, o in self.members.items() if p.split(".")[0] in names}
        return found

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
    if not has_attributes(cursor):
        return found
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
        if name == "arm":
            enumerator, _, member = value.partition(":")
            read_member_option(found, f"{enumerator}:arm:{member}", where)
            continue
        if name in ("skip", "only") and name in found.values and value.strip():
            # NIF_SKIP(a) NIF_SKIP(data.b): one list, wherever a typedef's options are spread
            found.values[name] = f"{found.values[name]}, {value.strip()}"
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


def member_macro(option: str) -> str:
    """How the user wrote a member option given on a type: NIF_RENAME_FIELD, NIF_ARM."""
    return "NIF_ARM" if option == "arm" else f"NIF_{option.upper()}_FIELD"


def read_member_option(found: Annotations, value: str, where: Location) -> None:
    """`member:option[:value]` from NIF_RENAME_FIELD(member, "atom") and its siblings."""
    member, _, rest = value.partition(":")
    option, _, argument = rest.partition(":")
    member = member.strip()
    if not member or option not in FIELD_OPTIONS + ENUMERATOR_OPTIONS:
        raise GeneratorError(where, f"malformed field option '{value}'")
    options = found.members.setdefault(member, Annotations())
    if option in options.values:
        raise GeneratorError(where, f"{member_macro(option)}({member}, …) given twice")
    if option in WITH_VALUE and not argument.strip():
        raise GeneratorError(where, f"{member_macro(option)}({member}, …) needs a value")
    options.values[option] = argument.strip() if option in WITH_VALUE else True
    options.locations[option] = where
