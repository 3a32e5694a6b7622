"""Derive shapes: one class per annotation (NIF_STRUCT, NIF_MAP, NIF_TAGGED_ENUM, …).

Each shape owns its C template (`templates/c/shapes/<template>.j2`), its
typespec, its description for error messages, its map keys and atoms. The
parser builds a shape through `create` and `fill`; the planner and the
templates only ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..errors import Location
from ..kinds import Default, Type

if TYPE_CHECKING:
    from ..annotations import Annotations


@dataclass
class Field:
    """A struct field (or an arm's field) that has a term."""

    name: str  # C member name
    atom: str  # key / record field name
    type: Type
    location: Location
    default: Default | None = None
    encode: bool = True
    decode: bool = True
    doc: str = ""  # its C doc comment


@dataclass
class Origin:
    """Where a declaration comes from, for @moduledoc: the C type and the annotating declaration."""

    c_type: str
    location: Location  # the annotation
    type_location: Location | None = None  # the type's own declaration, when elsewhere
    type_name: str = ""  # the type's own spelling (`struct stat`) when a typedef maps it
    doc: str = ""  # the C doc comment of the annotated declaration, else of the type


class Decl:
    """An annotated type: one of the derive shapes."""

    annotation: ClassVar[str]  # the annotation's name in nif_derive.h's `nif_derive:<name>`
    template: ClassVar[str]  # templates/c/shapes/<template>.j2
    on_enum: ClassVar[bool] = False  # annotates a C enum (else a struct)
    elixir_module: ClassVar[str | None] = None  # a module of its own (structs, exceptions)
    defrecord: ClassVar[bool] = False  # a Record definition in the native module
    raises: ClassVar[bool] = False  # an exception: nif_raise_T is generated
    map_entry: ClassVar[bool] = False  # can be a NIF_AS_MAP entry: a tuple of a key and a value
    members_heading: ClassVar[str] = "Fields"  # the docs' heading over `member_docs`
    c_type: str  # C spelling usable in declarations: `point_t`, `struct timespec`
    ident: str  # C identifier fragment: `point_t`, `timespec`
    origin: Origin
    encode: bool
    decode: bool
    native_module: str  # set when the module is assembled

    @property
    def macro(self) -> str:
        """The annotation as the user writes it: `NIF_STRUCT`."""
        return f"NIF_{self.annotation.upper()}"

    @classmethod
    def create(
        cls,
        c_type: str,
        ident: str,
        origin: Origin,
        notes: "Annotations",
        encode: bool,
        decode: bool,
    ):
        """A declaration of this shape, before its fields or variants are read."""
        return cls(c_type, ident, origin, encode=encode, decode=decode)

    def fill(self, parser, definition, where: Location, notes: "Annotations") -> None:
        """Read the fields or variants of `definition` through `parser` (parse.Parser)."""
        raise NotImplementedError

    def typespec_ref(self) -> str:
        return f"{self.native_module}.{self.ident}()"

    def member_docs(self) -> list[tuple[str, str]]:
        """(how the docs name a field or variant, its C doc comment), for those that have one."""
        return []

    def typespec(self) -> str:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def root_label(self) -> str:
        """How an argument of this type starts an error path (empty: no label)."""
        return ""

    def types(self) -> list[Type]:
        """The types of every field and arm."""
        return []

    def public_functions(self) -> list[str]:
        """The functions the generated header declares for this type (nif_decode_T, …)."""
        names = []
        if self.decode:
            names.append(f"nif_decode_{self.ident}")
        if self.encode:
            names.append(f"nif_encode_{self.ident}")
        if self.encode and self.raises:
            names.append(f"nif_raise_{self.ident}")
        return names

    def helper_functions(self) -> list[str]:
        """The static functions its template defines besides them, without the prefix."""
        return []

    def directed_types(self) -> list[tuple[Type, bool, bool]]:
        """Each field's or arm's type, with whether it is decoded and whether it is encoded."""
        return []

    def plain(self) -> bool:
        """True when a value holds no pointer and no term (see kinds.Type.plain)."""
        return all(t.plain for t in self.types())

    def work_units(self, depth: int) -> int:
        return 1

    def parse_default(self, text: str, where: Location) -> Default | None:
        """NIF_DEFAULT(text) for a field of this type, or None when the shape has no defaults."""
        return None

    def key_sets(self) -> list[tuple[str, list[str] | None, list[str] | None]]:
        """Map key sets as (name, keys encoded, keys decoded); None where not used."""
        return []

    def atom_table(self) -> list[str] | None:
        """The atoms decode finds a position among (enums), in declaration order."""
        return None

    def atoms(self) -> list[str]:
        """Every atom the C code of this declaration names, in order of first use."""
        return []


from .composite import Composite, Exception_, Map, Record, Struct, Tuple  # noqa: E402
from .enums import (  # noqa: E402
    Arm,
    NamedArm,
    NewtypeArm,
    TaggedEnum,
    TupleArm,
    UnitArm,
    UnitEnum,
    UntaggedEnum,
    Variant,
)

SHAPES: list[type[Decl]] = [
    Struct,
    Exception_,
    Map,
    Tuple,
    Record,
    UnitEnum,
    TaggedEnum,
    UntaggedEnum,
]
BY_ANNOTATION = {shape.annotation: shape for shape in SHAPES}

__all__ = [
    "Decl",
    "Field",
    "Origin",
    "Composite",
    "Struct",
    "Exception_",
    "Map",
    "Tuple",
    "Record",
    "UnitEnum",
    "TaggedEnum",
    "UntaggedEnum",
    "Arm",
    "UnitArm",
    "NewtypeArm",
    "TupleArm",
    "NamedArm",
    "Variant",
    "SHAPES",
    "BY_ANNOTATION",
]
