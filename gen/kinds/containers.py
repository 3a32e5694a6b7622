"""Container kinds: annotated declarations, fixed arrays, NIF_LEN lists, optional values, maps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..errors import Location
from . import MAX_WORK_DEPTH, Default, Type
from .scalars import Integer

if TYPE_CHECKING:
    from ..shapes import Composite, Decl, Field


@dataclass(frozen=True)
class Named(Type):
    """A field whose type is an annotated declaration: that declaration's term."""

    template: ClassVar[str] = "named"
    decl: "Decl"

    @property
    def ident(self) -> str:
        return self.decl.ident

    @property
    def plain(self) -> bool:  # type: ignore[override]
        return self.decl.plain()

    def typespec(self) -> str:
        return self.decl.typespec_ref()

    def describe(self) -> str:
        return self.decl.describe()

    def contents(self) -> list[Type]:
        return self.decl.types()

    def recursion_key(self) -> int:
        return id(self.decl)

    def work_units(self, depth: int = 0) -> int:
        return self.decl.work_units(depth)

    def root_label(self) -> str:
        return self.decl.root_label()

    def declaration(self) -> "Decl":
        return self.decl

    def parse_default(self, text: str, where: Location) -> Default:
        return self.decl.parse_default(text, where) or super().parse_default(text, where)


@dataclass(frozen=True)
class Element(Type):
    """A kind holding values of one element type, spelled `element_c_type` as the user wrote it."""

    element_ok: ClassVar[bool] = False
    element: Type
    element_c_type: str

    def typespec(self) -> str:
        return f"[{self.element.typespec()}]"

    def contents(self) -> list[Type]:
        return [self.element]

    def helpers(self) -> list[Type]:
        return self.element.helpers() + [self]

    def declaration(self) -> "Decl | None":
        return self.element.declaration()


@dataclass(frozen=True)
class Array(Element):
    """`T xs[N]`: a list of exactly N."""

    template: ClassVar[str] = "array"
    length: int = 0

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_array"

    @property
    def plain(self) -> bool:  # type: ignore[override]
        return self.element.plain

    def describe(self) -> str:
        return f"list of exactly {self.length} elements"

    def work_units(self, depth: int = 0) -> int:
        if depth > MAX_WORK_DEPTH:
            return 1
        return 1 + self.length * self.element.work_units(depth + 1)


@dataclass(frozen=True)
class List(Element):
    """`T *xs` with `NIF_LEN(xs_len)`: a list; decode allocates from the call's arena."""

    template: ClassVar[str] = "list"
    variable_length: ClassVar[bool] = True
    counts_work: ClassVar[bool] = True
    length_name: str = ""  # the length field or parameter
    length_type: Integer | None = None

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_list"

    def describe(self) -> str:
        return "list"


@dataclass(frozen=True)
class Optional(Element):
    """`T *p` with `NIF_OPTIONAL`: `nil` ↔ NULL."""

    template: ClassVar[str] = "optional"

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_optional"

    def typespec(self) -> str:
        return f"{self.element.typespec()} | nil"

    def accepts_nil(self) -> bool:
        return True

    def describe(self) -> str:
        return f"nil or {self.element.describe()}"

    def work_units(self, depth: int = 0) -> int:
        if depth > MAX_WORK_DEPTH:
            return 1
        return self.element.work_units(depth + 1)

    def parse_default(self, text: str, where: Location) -> Default:
        if text == "NULL":
            return Default("NULL", "nil")
        return super().parse_default(text, where)


@dataclass(frozen=True)
class MapOf(Type):
    """`T *entries` with `NIF_LEN(n) NIF_AS_MAP`, T a two-field NIF_TUPLE: a map of any keys."""

    template: ClassVar[str] = "map_of"
    variable_length: ClassVar[bool] = True
    counts_work: ClassVar[bool] = True
    element_ok: ClassVar[bool] = True
    entry: "Composite"
    length_name: str
    length_type: Integer

    @property
    def ident(self) -> str:
        return f"{self.entry.ident}_map"

    @property
    def element_c_type(self) -> str:
        """The C type of one entry, as `List.element_c_type` (the two share
        decode/encode macros)."""
        return self.entry.c_type

    @property
    def key(self) -> "Field":
        return self.entry.fields[0]

    @property
    def value(self) -> "Field":
        return self.entry.fields[1]

    def typespec(self) -> str:
        return f"%{{optional({self.key.type.typespec()}) => {self.value.type.typespec()}}}"

    def describe(self) -> str:
        return "map"

    def contents(self) -> list[Type]:
        return [self.key.type, self.value.type]

    def helper_functions(self) -> list[str]:
        return super().helper_functions() + [f"decode_{self.ident}_entry"]

    def helpers(self) -> list[Type]:
        return self.key.type.helpers() + self.value.type.helpers() + [self]
