"""A resource handle: `T *` / `const T *` (borrowed) or a `T` result (a new resource) of a
NIF_RESOURCE type T. The term is the resource's reference; templates/c/kinds/resource.j2."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from . import Type

if TYPE_CHECKING:
    from ..shapes.resource import Resource


@dataclass
class ResourceRef(Type):
    """`T *` (borrowed for the call; `const`: the read side of T's lock), or `T` by value, only
    as a result: a new resource holding the value. `nullable`: NIF_OPTIONAL, NULL ↔ nil."""

    template: ClassVar[str] = "resource"
    resource: "Resource"
    const: bool = False
    by_value: bool = False
    nullable: bool = False

    @property
    def ident(self) -> str:
        return f"{self.resource.ident}_ref"

    @property
    def descriptor(self) -> str:
        """The static nd_resource_type of T, without the library prefix."""
        return f"{self.resource.ident}_resource"

    @property
    def element_ok(self) -> bool:
        """Borrowed handles (`T **` with NIF_LEN) make a list of references; a new resource
        by value or a nil-able handle cannot be an element."""
        return not self.by_value and not self.nullable

    @property
    def locks(self) -> bool:
        """True when a top-level argument of this type takes T's lock around the call."""
        return bool(self.resource.lock) and not self.by_value

    @property
    def discards(self) -> bool:
        """True when a value that never became a resource (the call failed) is destroyed."""
        return self.by_value

    def typespec(self) -> str:
        spec = self.resource.typespec_ref()
        return f"{spec} | nil" if self.nullable else spec

    def describe(self) -> str:
        return self.resource.describe()

    def recursion_key(self) -> int | None:
        return None
