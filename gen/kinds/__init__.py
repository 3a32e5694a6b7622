"""C type kinds: how one C type maps to a term.

Each kind is one class implementing the `Type` protocol below; its C decode and
encode code is one template, `templates/c/kinds/<template>.j2` (a `decode`
macro, an `encode` macro and, for containers, a `helper` macro), over one
runtime codec pair. A scalar kind's pair is `nd_decode_<codec>(call, term, T *out)` /
`nd_encode_<codec>(call, const T *in)` (`c_src/nif_derive_internal.h`), rendered by the one
template `scalar.j2`; a kind whose pair depends on its spelling or size (integers, char
arrays) names the runtime macro line that defines the pair (`codec_instance`), which the
generated C expands once per line. The C type mapper (`ctypes.py`) builds kinds; the planner
(`plan.py`) and the templates only ask them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterator

from ..errors import GeneratorError, Location

if TYPE_CHECKING:
    from ..shapes import Decl

# Recursive types (through lists or optional values) count this deep in work units.
MAX_WORK_DEPTH = 8


@dataclass(frozen=True)
class Default:
    """A NIF_DEFAULT value, as a C expression and as an Elixir literal."""

    c_expr: str
    elixir: str


class Type:
    """A C type the generator can map to a term."""

    template: ClassVar[str]  # templates/c/kinds/<template>.j2
    # True when a value holds no pointer and no term: encoding it reads nothing outside it
    # and builds only valid terms, so a NIF may encode it before checking for failure.
    plain: ClassVar[bool] = False
    # True for lists and maps of any length (NIF_LEN): their conversion is timed.
    variable_length: ClassVar[bool] = False
    # True when converting a value counts toward a normal scheduler's budget.
    counts_work: ClassVar[bool] = False
    # True when a value holds terms that live only in the call's environment.
    env_bound: ClassVar[bool] = False
    # True when the type may be the element of a list, array or optional pointer.
    element_ok: ClassVar[bool] = True
    # True for a top-level argument that takes a lock around the call (resources).
    locks: ClassVar[bool] = False
    # True when a result that never became a term (the call failed) must be destroyed.
    discards: ClassVar[bool] = False

    # Scalars: casts of `&dst` / `&src` to the codec's `T *` / `const T *` (non-const strings).
    decode_cast: ClassVar[str] = ""
    encode_cast: ClassVar[str] = ""

    @property
    def ident(self) -> str:
        """A C identifier fragment naming this type in helper functions."""
        raise NotImplementedError

    @property
    def codec(self) -> str:
        """A scalar's runtime codec pair: nd_decode_<codec> / nd_encode_<codec>."""
        return self.ident

    @property
    def codec_instance(self) -> str | None:
        """The runtime macro line that defines this scalar's codec pair in the generated C,
        or None when the runtime defines it."""
        return None

    def typespec(self) -> str:
        """The Elixir typespec of the term."""
        raise NotImplementedError

    def describe(self) -> str:
        """A short description of the expected term, for messages and docs."""
        return self.typespec()

    def accepts_nil(self) -> bool:
        """True when `nil` decodes: a struct need not be given this field (@enforce_keys)."""
        return False

    def contents(self) -> list["Type"]:
        """The types a value of this type holds directly (elements, fields)."""
        return []

    def helper_functions(self) -> list[str]:
        """The static functions this container's helper template defines, without the prefix."""
        return [f"decode_{self.ident}", f"encode_{self.ident}"]

    def helpers(self) -> list["Type"]:
        """Container types needing a generated helper function, innermost first."""
        return []

    def work_units(self, depth: int = 0) -> int:
        """The terms one value converts, not counting the elements of its own lists."""
        return 1

    def root_label(self) -> str:
        """How an argument of this type starts an error path: `%Geometry.Point{}`,
        `{}`, or empty."""
        return ""

    def declaration(self) -> "Decl | None":
        """The annotated declaration whose term this is, looking through lists and
        optional values."""
        return None

    def parse_default(self, text: str, where: Location) -> "Default":
        """NIF_DEFAULT(text) for a field of this type, or an error."""
        raise GeneratorError(
            where,
            f"NIF_DEFAULT({text}) does not fit a field of type {self.describe()}: "
            "defaults are integer, float, true/false and string literals, NULL for NIF_OPTIONAL, "
            "or an enumerator",
        )

    def recursion_key(self) -> int | None:
        """An identity for types that can contain themselves (annotated declarations)."""
        return None


def types_in(t: Type | None, seen: set[int] | None = None) -> Iterator[Type]:
    """Every type a value of `t` holds, `t` included, through fields, arms and elements."""
    seen = set() if seen is None else seen
    if t is None:
        return
    yield t
    key = t.recursion_key()
    if key is not None:
        if key in seen:
            return
        seen.add(key)
    for inner in t.contents():
        yield from types_in(inner, seen)


def has_lists(t: Type | None) -> bool:
    """True when a value of `t` can hold a list or map of any length, whose conversion is timed."""
    return any(u.variable_length for u in types_in(t))


def counts_work(t: Type | None) -> bool:
    """True when converting a value of `t` counts toward a normal scheduler's budget."""
    return any(u.counts_work for u in types_in(t))


def is_plain(t: Type | None) -> bool:
    """True when `t` (None: no result) holds no pointer and no term."""
    return t is None or t.plain


from .containers import Array, List, MapOf, Named, Optional  # noqa: E402
from .flags import Bytes, IntBool  # noqa: E402
from .resource import ResourceRef  # noqa: E402
from .scalars import (  # noqa: E402
    Binary,
    Bool,
    CharArray,
    Float,
    Integer,
    Pid,
    String,
    Term,
    UString,
)

__all__ = [
    "Type",
    "Default",
    "types_in",
    "has_lists",
    "counts_work",
    "is_plain",
    "Integer",
    "Float",
    "Bool",
    "Binary",
    "String",
    "UString",
    "CharArray",
    "Term",
    "Pid",
    "Named",
    "Array",
    "List",
    "Optional",
    "MapOf",
    "ResourceRef",
    "Bytes",
    "IntBool",
]
