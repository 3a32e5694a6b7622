"""Enum shapes: NIF_UNIT_ENUM (atoms), NIF_TAGGED_ENUM and NIF_UNTAGGED_ENUM (tagged unions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import GeneratorError, Location
from ..kinds import Default, Type
from ..naming import c_identifier, elixir_atom, keyword_key
from . import Decl, Field, Origin

MAX_LISTED = 6  # descriptions list this many alternatives, else the first five and a count


def one_of(items: list[str], noun: str) -> str:
    if len(items) <= MAX_LISTED:
        return "one of " + ", ".join(items)
    return "one of " + ", ".join(items[:5]) + f", … ({len(items)} {noun})"


@dataclass
class UnitEnum(Decl):
    """NIF_UNIT_ENUM on a C enum: each enumerator is an atom."""

    annotation: ClassVar[str] = "unit_enum"
    template: ClassVar[str] = "unit_enum"
    on_enum: ClassVar[bool] = True
    members_heading: ClassVar[str] = "Atoms"
    c_type: str
    ident: str
    origin: Origin
    variants: list[tuple[str, str]] = field(default_factory=list)  # (enumerator, atom)
    encode: bool = True
    decode: bool = True
    native_module: str = ""
    docs: dict[str, str] = field(default_factory=dict)  # enumerator → its C doc comment

    def fill(self, parser, definition, where: Location, notes) -> None:
        self.variants = parser.enumerators(definition, notes)
        self.docs = parser.enumerator_docs(definition)

    def member_docs(self) -> list[tuple[str, str]]:
        return [
            (f"`{elixir_atom(atom)}`", self.docs[name])
            for name, atom in self.variants
            if self.docs.get(name)
        ]

    def typespec(self) -> str:
        return " | ".join(elixir_atom(atom) for _, atom in self.variants)

    def describe(self) -> str:
        return one_of([elixir_atom(atom) for _, atom in self.variants], "atoms")

    def plain(self) -> bool:
        return True

    def parse_default(self, text: str, where: Location) -> Default:
        for enumerator, atom in self.variants:
            if text == enumerator:
                return Default(text, elixir_atom(atom))
        raise GeneratorError(where, f"NIF_DEFAULT({text}) is not an enumerator of {self.c_type}")

    def atom_table(self) -> list[str]:
        return [atom for _, atom in self.variants]

    def enumerators(self) -> list[str]:
        return [enumerator for enumerator, _ in self.variants]


class Arm:
    """One variant's payload in a tagged union: none, one value, a tuple or named fields."""

    unit: ClassVar[bool] = False
    tuple: ClassVar[bool] = False
    named: ClassVar[bool] = False
    member: str | None = None  # C access path from the struct: `redirect`, `u.redirect`
    type: Type | None = None
    fields: "list[Field] | tuple[()]" = ()

    def types(self) -> list[Type]:
        return [f.type for f in self.fields]

    def work_units(self, depth: int) -> int:
        return sum(t.work_units(depth + 1) for t in self.types())

    def typespec(self, atom: str) -> str:
        return f"{{{elixir_atom(atom)}, {self.payload_typespec()}}}"

    def payload_typespec(self) -> str:
        """The arm's own term, for untagged enums."""
        raise NotImplementedError

    def shape_label(self, atom: str) -> str:
        """How the variant appears in an error path: `{:resize, %{}}`, `{:redirect, …}`."""
        return f"{{{elixir_atom(atom)}, …}}"

    def pattern(self, atom: str) -> str:
        """The variant's term as a pattern: `:loading`, `{:redirect, _}`, `{:resize, %{}}`."""
        return f"{{{elixir_atom(atom)}, _}}"

    @property
    def arity(self) -> int:
        """The size of a tagged variant's tuple."""
        return 2

    def describe(self) -> str:
        raise NotImplementedError


class UnitArm(Arm):
    unit: ClassVar[bool] = True

    def typespec(self, atom: str) -> str:
        return elixir_atom(atom)

    def pattern(self, atom: str) -> str:
        return elixir_atom(atom)


@dataclass
class NewtypeArm(Arm):
    member: str
    type: Type

    def types(self) -> list[Type]:
        return [self.type]

    def work_units(self, depth: int) -> int:
        return self.type.work_units(depth + 1)

    def payload_typespec(self) -> str:
        return self.type.typespec()

    def describe(self) -> str:
        return self.type.describe()


@dataclass
class TupleArm(Arm):
    tuple: ClassVar[bool] = True
    member: str
    fields: list[Field]

    @property
    def arity(self) -> int:
        return len(self.fields) + 1

    def typespec(self, atom: str) -> str:
        return "{" + ", ".join([elixir_atom(atom)] + [f.type.typespec() for f in self.fields]) + "}"

    def payload_typespec(self) -> str:
        return "{" + ", ".join(f.type.typespec() for f in self.fields) + "}"

    def pattern(self, atom: str) -> str:
        return "{" + ", ".join([elixir_atom(atom)] + ["_"] * len(self.fields)) + "}"

    def describe(self) -> str:
        return f"tuple of {len(self.fields)} elements"


@dataclass
class NamedArm(Arm):
    named: ClassVar[bool] = True
    member: str
    fields: list[Field]

    def payload_typespec(self) -> str:
        pairs = ", ".join(f"{keyword_key(f.atom)} {f.type.typespec()}" for f in self.fields)
        return f"%{{{pairs}}}"

    def shape_label(self, atom: str) -> str:
        return f"{{{elixir_atom(atom)}, %{{}}}}"

    def pattern(self, atom: str) -> str:
        return self.shape_label(atom)

    def describe(self) -> str:
        return "map"


@dataclass
class Variant:
    enumerator: str
    atom: str
    arm: Arm
    doc: str = ""  # the enumerator's C doc comment, else the arm's

    @property
    def ident(self) -> str:
        return c_identifier(self.atom)


@dataclass
class TaggedEnum(Decl):
    """NIF_TAGGED_ENUM on a tagged union: `:loading`, `{:redirect, "/"}`, `{:resize, %{…}}`."""

    annotation: ClassVar[str] = "tagged_enum"
    template: ClassVar[str] = "tagged_enum"
    tagged: ClassVar[bool] = True
    members_heading: ClassVar[str] = "Variants"
    c_type: str
    ident: str
    origin: Origin
    tag_field: str = ""
    variants: list[Variant] = field(default_factory=list)
    encode: bool = True
    decode: bool = True
    native_module: str = ""
    zeroed: list[str] = field(default_factory=list)  # C members set to zero on decode
    partial: bool = False  # enumerators left out (NIF_SKIP): encode has a default case
    options: ClassVar[tuple[str, ...]] = Decl.options + ("arm",)

    def fill(self, parser, definition, where: Location, notes) -> None:
        parser.tagged_union(self, definition, where, notes)

    def types(self) -> list[Type]:
        return [t for v in self.variants for t in v.arm.types()]

    def work_units(self, depth: int) -> int:
        if depth > 8:
            return 1
        return 1 + max((v.arm.work_units(depth) for v in self.variants), default=0)

    def typespec(self) -> str:
        return " | ".join(v.arm.typespec(v.atom) for v in self.variants)

    def describe(self) -> str:
        return one_of([v.arm.pattern(v.atom) for v in self.variants], "variants")

    def member_docs(self) -> list[tuple[str, str]]:
        return [(f"`{self.variant_label(v)}`", v.doc) for v in self.variants if v.doc]

    def variant_label(self, v: Variant) -> str:
        return v.arm.pattern(v.atom)

    def key_sets(self):
        sets = []
        for v in self.variants:
            if v.arm.named:
                keys = [f.atom for f in v.arm.fields]
                sets.append(
                    (
                        f"{self.ident}_{v.ident}",
                        keys if self.encode else None,
                        keys if self.decode else None,
                    )
                )
        return sets

    def directed_types(self) -> list[tuple[Type, bool, bool]]:
        return [(t, self.decode, self.encode) for t in self.types()]

    def helper_functions(self) -> list[str]:
        names = []
        for v in self.variants:
            if self.decode and not v.arm.unit:
                names.append(f"decode_{self.ident}_{v.ident}")
            if self.encode and v.arm.named:
                names.append(f"encode_{self.ident}_{v.ident}")
        return names

    @property
    def first_element(self) -> int:
        """The position of an arm's first value in its tuple: after the tag atom."""
        return 1

    @property
    def encode_tuple_size(self) -> int:
        """The largest tuple encode builds (0: none), for its `elements` array."""
        sizes = [
            len(v.arm.fields) + self.first_element if v.arm.tuple else 2
            for v in self.variants
            if not v.arm.unit
        ]
        return max(sizes, default=0)

    def atom_table(self) -> list[str] | None:
        return [v.atom for v in self.variants] if self.decode else None

    def enumerators(self) -> list[str]:
        return [v.enumerator for v in self.variants]

    def atoms(self) -> list[str]:
        atoms = []
        if self.decode:
            atoms += [f.atom for v in self.variants if v.arm.named for f in v.arm.fields]
            atoms += [v.atom for v in self.variants if not v.arm.unit]
        if self.encode:
            atoms += [v.atom for v in self.variants]
        return atoms


@dataclass
class UntaggedEnum(TaggedEnum):
    """NIF_UNTAGGED_ENUM on a tagged union: the active arm's own term; decode tries
    arms in order."""

    annotation: ClassVar[str] = "untagged_enum"
    tagged: ClassVar[bool] = False

    def typespec(self) -> str:
        return " | ".join(v.arm.payload_typespec() for v in self.variants)

    describing: bool = field(default=False, repr=False, compare=False)

    def describe(self) -> str:
        if self.describing:  # an arm holds this type again (through NIF_OPTIONAL or a list)
            return self.typespec_ref()
        self.describing = True
        try:
            return "one of: " + "; ".join(v.arm.describe() for v in self.variants)
        finally:
            self.describing = False

    def variant_label(self, v: Variant) -> str:
        return f"{v.enumerator}: {v.arm.payload_typespec()}"

    def atom_table(self) -> list[str] | None:
        return None

    @property
    def first_element(self) -> int:
        return 0

    @property
    def encode_tuple_size(self) -> int:
        return max((len(v.arm.fields) for v in self.variants if v.arm.tuple), default=0)

    def atoms(self) -> list[str]:
        if self.decode:
            return [f.atom for v in self.variants if v.arm.named for f in v.arm.fields]
        return []
