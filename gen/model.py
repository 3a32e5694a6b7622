"""The typed model between parsing and emitting.

Each C type kind is one class here (its Elixir typespec, its helper names);
its C decode/encode code is one template, `templates/c/kinds/<kind>.j2`.
Declarations (the derive shapes and NIF functions) follow the type kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .errors import Location
from .naming import c_identifier, elixir_atom, keyword_key

# ---------------------------------------------------------------------------
# Type kinds
# ---------------------------------------------------------------------------


class Type:
    """A C type the generator can map to a term."""

    kind: ClassVar[str]

    @property
    def ident(self) -> str:
        """A C identifier fragment naming this type in helper functions."""
        raise NotImplementedError

    def typespec(self) -> str:
        """The Elixir typespec of the term."""
        raise NotImplementedError

    def describe(self) -> str:
        """A short description of the expected term, for messages and docs."""
        return self.typespec()

    def helpers(self) -> list["Type"]:
        """Container types needing a generated helper function, innermost first."""
        return []


@dataclass(frozen=True)
class Integer(Type):
    """Any C integer type; `spelling` as written (`int32_t`), `rank` its canonical type."""

    kind: ClassVar[str] = "integer"
    spelling: str
    rank: str  # runtime decoder suffix: char schar short int long llong uchar ushort uint ulong ullong
    signed: bool
    bits: int

    @property
    def ident(self) -> str:
        return self.spelling.replace(" ", "_")

    @property
    def min(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def max(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    @property
    def max_macro(self) -> str:
        """The C expression for `max`: a <stdint.h>/<limits.h> macro where the spelling has one."""
        macros = {"size_t": "SIZE_MAX", "int": "INT_MAX", "unsigned": "UINT_MAX", "unsigned int": "UINT_MAX", "long": "LONG_MAX", "unsigned long": "ULONG_MAX"}
        if self.spelling in macros:
            return macros[self.spelling]
        if self.spelling in ("int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t"):
            return self.spelling[:-2].upper() + "_MAX"
        return f"{self.max}u"

    def typespec(self) -> str:
        return "integer()" if self.signed else "non_neg_integer()"

    def describe(self) -> str:
        return f"integer in {self.spelling} range {self.min}..{self.max}"


@dataclass(frozen=True)
class Float(Type):
    """`float` or `double`."""

    kind: ClassVar[str] = "float"
    spelling: str

    @property
    def ident(self) -> str:
        return self.spelling

    def typespec(self) -> str:
        return "float()"

    def describe(self) -> str:
        return f"number ({self.spelling})"


@dataclass(frozen=True)
class Bool(Type):
    kind: ClassVar[str] = "bool"

    @property
    def ident(self) -> str:
        return "bool"

    def typespec(self) -> str:
        return "boolean()"


@dataclass(frozen=True)
class Binary(Type):
    """`nif_binary`: zero-copy binary."""

    kind: ClassVar[str] = "binary"

    @property
    def ident(self) -> str:
        return "binary"

    def typespec(self) -> str:
        return "binary()"


@dataclass(frozen=True)
class String(Type):
    """`const char *` (or `char *`): UTF-8 binary, copied and NUL-terminated on decode."""

    kind: ClassVar[str] = "string"
    const: bool = True
    nullable: bool = False  # NIF_OPTIONAL: nil ↔ NULL

    @property
    def ident(self) -> str:
        return "nullable_string" if self.nullable else "string"

    def typespec(self) -> str:
        return "String.t() | nil" if self.nullable else "String.t()"

    def describe(self) -> str:
        return "nil or UTF-8 binary" if self.nullable else "UTF-8 binary"


@dataclass(frozen=True)
class CharArray(Type):
    """`char name[N]`: UTF-8 binary of at most N-1 bytes."""

    kind: ClassVar[str] = "char_array"
    capacity: int

    @property
    def ident(self) -> str:
        return f"char{self.capacity}"

    def typespec(self) -> str:
        return "String.t()"

    def describe(self) -> str:
        return f"UTF-8 binary of at most {self.capacity - 1} bytes"


@dataclass(frozen=True)
class Term(Type):
    """`ERL_NIF_TERM`: any term, passed through."""

    kind: ClassVar[str] = "term"

    @property
    def ident(self) -> str:
        return "term"

    def typespec(self) -> str:
        return "term()"


@dataclass(frozen=True)
class Pid(Type):
    """`ErlNifPid`: a local pid."""

    kind: ClassVar[str] = "pid"

    @property
    def ident(self) -> str:
        return "pid"

    def typespec(self) -> str:
        return "pid()"


@dataclass(frozen=True)
class Named(Type):
    """A field whose type is an annotated declaration: that declaration's term."""

    kind: ClassVar[str] = "named"
    decl: "Decl"

    @property
    def ident(self) -> str:
        return self.decl.ident

    def typespec(self) -> str:
        return self.decl.typespec_ref()

    def describe(self) -> str:
        return self.decl.describe()


@dataclass(frozen=True)
class Array(Type):
    """`T xs[N]`: a list of exactly N."""

    kind: ClassVar[str] = "array"
    element: Type
    length: int
    element_c_type: str

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_array"

    def typespec(self) -> str:
        return f"[{self.element.typespec()}]"

    def describe(self) -> str:
        return f"list of exactly {self.length} elements"

    def helpers(self) -> list[Type]:
        return self.element.helpers() + [self]


@dataclass(frozen=True)
class List(Type):
    """`T *xs` with `NIF_LEN(xs_len)`: a list; decode allocates from the call's arena."""

    kind: ClassVar[str] = "list"
    element: Type
    element_c_type: str  # unqualified pointee, for the arena array
    length_name: str  # the length field or parameter
    length_type: Integer

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_list"

    def typespec(self) -> str:
        return f"[{self.element.typespec()}]"

    def describe(self) -> str:
        return "list"

    def helpers(self) -> list[Type]:
        return self.element.helpers() + [self]


@dataclass(frozen=True)
class Optional(Type):
    """`T *p` with `NIF_OPTIONAL`: `nil` ↔ NULL."""

    kind: ClassVar[str] = "optional"
    element: Type
    element_c_type: str

    @property
    def ident(self) -> str:
        return f"{self.element.ident}_optional"

    def typespec(self) -> str:
        return f"{self.element.typespec()} | nil"

    def describe(self) -> str:
        return f"nil or {self.element.describe()}"

    def helpers(self) -> list[Type]:
        return self.element.helpers() + [self]


@dataclass(frozen=True)
class MapOf(Type):
    """`T *entries` with `NIF_LEN(n) NIF_AS_MAP`, T a two-field NIF_TUPLE: a map of any keys (Rustler's HashMap)."""

    kind: ClassVar[str] = "map_of"
    entry: "Composite"
    length_name: str
    length_type: Integer

    @property
    def ident(self) -> str:
        return f"{self.entry.ident}_map"

    @property
    def element_c_type(self) -> str:
        """The C type of one entry, as `List.element_c_type` (the two share their decode/encode macros)."""
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

    def helpers(self) -> list[Type]:
        return self.key.type.helpers() + self.value.type.helpers() + [self]


# ---------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Default:
    """A NIF_DEFAULT value, as a C expression and as an Elixir literal."""

    c_expr: str
    elixir: str


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


@dataclass
class Origin:
    """Where a declaration comes from, for @moduledoc: the C type and the annotating declaration."""

    c_type: str
    location: Location  # the annotation
    type_location: Location | None = None  # the type's own declaration, when elsewhere
    type_name: str = ""  # the type's own spelling (`struct stat`) when a typedef maps it


class Decl:
    """An annotated type: one of the derive shapes."""

    shape: str
    c_type: str  # C spelling usable in declarations: `point_t`, `struct timespec`
    ident: str  # C identifier fragment: `point_t`, `timespec`
    origin: Origin
    encode: bool
    decode: bool
    native_module: str  # set when the module is assembled

    def typespec_ref(self) -> str:
        return f"{self.native_module}.{self.ident}()"

    def describe(self) -> str:
        raise NotImplementedError


@dataclass
class Composite(Decl):
    """A struct mapped as NIF_STRUCT, NIF_EXCEPTION, NIF_MAP, NIF_TUPLE or NIF_RECORD."""

    shape: str  # struct | exception | map | tuple | record
    c_type: str
    ident: str
    origin: Origin
    fields: list[Field]
    module: str | None = None  # struct, exception
    tag: str | None = None  # record
    strict: bool = False
    encode: bool = True
    decode: bool = True
    zeroed: list[str] = field(default_factory=list)  # C members set to zero on decode
    native_module: str = ""

    @property
    def is_map(self) -> bool:
        return self.shape in ("struct", "exception", "map")

    @property
    def key_fields(self) -> list[Field]:
        """The fields that are keys of the encoded map, in field order.

        A struct keeps every key of its `defstruct`, so a NIF_DECODE_ONLY field
        is encoded as nil; a plain map leaves it out.
        """
        if self.shape in ("struct", "exception"):
            return self.fields
        return [f for f in self.fields if f.encode]

    @property
    def keys(self) -> list[str]:
        """Map keys in field order, the `__struct__`/`__exception__` keys first."""
        extra = {"struct": ["__struct__"], "exception": ["__struct__", "__exception__"]}
        return extra.get(self.shape, []) + [f.atom for f in self.key_fields]

    def typespec_ref(self) -> str:
        if self.module is not None:
            return f"{self.module}.t()"
        return super().typespec_ref()

    def typespec(self) -> str:
        """The full typespec (the `@type t` of a struct module, or the native module's @type)."""
        pairs = ", ".join(f"{keyword_key(f.atom)} {self.field_typespec(f)}" for f in self.fields)
        if self.shape in ("struct", "exception"):
            return f"%__MODULE__{{{pairs}}}"
        if self.shape == "map":
            return f"%{{{pairs}}}"
        if self.shape == "record":
            return f"record(:{self.ident}, {pairs})" if pairs else f"record(:{self.ident})"
        if self.shape == "tuple":
            return "{" + ", ".join(f.type.typespec() for f in self.fields) + "}"
        raise AssertionError(self.shape)

    def field_typespec(self, f: Field) -> str:
        """A field's typespec; a struct's NIF_DECODE_ONLY field comes back as nil."""
        spec = f.type.typespec()
        if self.shape in ("struct", "exception") and not f.encode and not spec.endswith("| nil"):
            return f"{spec} | nil"
        return spec

    def describe(self) -> str:
        if self.shape in ("struct", "exception"):
            return f"%{self.module}{{}}"
        if self.shape == "map":
            return "map"
        if self.shape == "record":
            return f"{{{elixir_atom(self.tag)}, …}} record of {len(self.fields) + 1} elements"
        return f"tuple of {len(self.fields)} elements"

    def root_label(self) -> str:
        """How an argument of this type starts an error path."""
        if self.shape in ("struct", "exception"):
            return f"%{self.module}{{}}"
        if self.shape == "map":
            return "%{}"
        return "{}"


@dataclass
class UnitEnum(Decl):
    """A C enum mapped as NIF_UNIT_ENUM: each enumerator is an atom."""

    c_type: str
    ident: str
    origin: Origin
    variants: list[tuple[str, str]]  # (enumerator, atom)
    shape: str = "unit_enum"
    encode: bool = True
    decode: bool = True
    native_module: str = ""

    def typespec(self) -> str:
        return " | ".join(elixir_atom(atom) for _, atom in self.variants)

    def describe(self) -> str:
        atoms = [elixir_atom(atom) for _, atom in self.variants]
        if len(atoms) <= 6:
            return "one of " + ", ".join(atoms)
        return "one of " + ", ".join(atoms[:5]) + f", … ({len(atoms)} atoms)"


@dataclass
class Arm:
    """One variant of a tagged union: none, one value, a tuple or named fields."""

    kind: str  # unit | newtype | tuple | named
    member: str | None = None  # C access path from the struct: `redirect`, `u.redirect`
    type: Type | None = None  # newtype
    fields: list[Field] = field(default_factory=list)  # tuple, named

    def typespec(self, atom: str) -> str:
        tag = elixir_atom(atom)
        if self.kind == "unit":
            return tag
        if self.kind == "newtype":
            return f"{{{tag}, {self.type.typespec()}}}"
        if self.kind == "tuple":
            return "{" + ", ".join([tag] + [f.type.typespec() for f in self.fields]) + "}"
        pairs = ", ".join(f"{keyword_key(f.atom)} {f.type.typespec()}" for f in self.fields)
        return f"{{{tag}, %{{{pairs}}}}}"

    def payload_typespec(self) -> str:
        """The arm's own term, for untagged enums."""
        if self.kind == "newtype":
            return self.type.typespec()
        if self.kind == "tuple":
            return "{" + ", ".join(f.type.typespec() for f in self.fields) + "}"
        pairs = ", ".join(f"{keyword_key(f.atom)} {f.type.typespec()}" for f in self.fields)
        return f"%{{{pairs}}}"

    def shape_label(self, atom: str) -> str:
        """How the variant appears in an error path: `{:resize, %{}}`."""
        tag = elixir_atom(atom)
        if self.kind == "named":
            return f"{{{tag}, %{{}}}}"
        return f"{{{tag}, …}}"

    def pattern(self, atom: str) -> str:
        """The variant's term as a pattern: `:loading`, `{:redirect, _}`, `{:pair, _, _}`, `{:resize, %{}}`."""
        tag = elixir_atom(atom)
        return {
            "unit": tag,
            "newtype": f"{{{tag}, _}}",
            "tuple": "{" + ", ".join([tag] + ["_"] * len(self.fields)) + "}",
            "named": f"{{{tag}, %{{}}}}",
        }[self.kind]

    def describe(self) -> str:
        if self.kind == "newtype":
            return self.type.describe()
        if self.kind == "tuple":
            return f"tuple of {len(self.fields)} elements"
        return "map"


@dataclass
class Variant:
    enumerator: str
    atom: str
    arm: Arm

    @property
    def ident(self) -> str:
        return c_identifier(self.atom)


@dataclass
class TaggedEnum(Decl):
    """A tagged union mapped as NIF_TAGGED_ENUM (or NIF_UNTAGGED_ENUM when `untagged`)."""

    c_type: str
    ident: str
    origin: Origin
    tag_field: str
    variants: list[Variant]
    untagged: bool = False
    encode: bool = True
    decode: bool = True
    native_module: str = ""

    @property
    def shape(self) -> str:  # type: ignore[override]
        return "untagged_enum" if self.untagged else "tagged_enum"

    def typespec(self) -> str:
        if self.untagged:
            return " | ".join(v.arm.payload_typespec() for v in self.variants)
        return " | ".join(v.arm.typespec(v.atom) for v in self.variants)

    def describe(self) -> str:
        if self.untagged:
            return "one of: " + "; ".join(v.arm.describe() for v in self.variants)
        shapes = [v.arm.pattern(v.atom) for v in self.variants]
        if len(shapes) > 6:
            return "one of " + ", ".join(shapes[:5]) + f", … ({len(shapes)} variants)"
        return "one of " + ", ".join(shapes)


@dataclass
class Param:
    """A NIF function parameter. `role`: argument (a term), env, length (of a list argument) or result_length."""

    name: str
    c_type: str  # the C parameter type as written
    role: str
    type: Type | None = None  # argument
    by_pointer: bool = False  # argument passed as `const T *`
    local_c_type: str = ""  # the local the argument decodes into


@dataclass
class Function:
    """A prototype annotated NIF_FUNCTION, NIF_DIRTY_CPU or NIF_DIRTY_IO."""

    name: str
    params: list[Param]
    result: Type | None  # None: void → :ok
    result_c_type: str
    location: Location
    dirty: str | None = None  # cpu | io
    result_length: str | None = None  # NIF_LEN on the function: the `size_t *` out parameter

    @property
    def arguments(self) -> list[Param]:
        return [p for p in self.params if p.role == "argument"]


@dataclass
class Module:
    """Everything one run generates: one native module, its NIF library, its types."""

    native_module: str
    otp_app: str
    library: str
    headers: list[str]
    decls: list[Decl]
    functions: list[Function]
    inputs: list[str]  # every file libclang read, for staleness checks

    def helper_types(self) -> list["Helper"]:
        """Container helpers used anywhere, each once, in order of first use, with the directions used."""
        seen: dict[str, Helper] = {}

        def visit(t: Type | None, decode: bool, encode: bool):
            if t is None:
                return
            for container in t.helpers():
                helper = seen.setdefault(f"{container.kind}:{container.ident}", Helper(container))
                helper.decode |= decode
                helper.encode |= encode

        for decl in self.decls:
            for f in getattr(decl, "fields", []):
                visit(f.type, decl.decode and f.decode, decl.encode and f.encode)
            for v in getattr(decl, "variants", []):
                if isinstance(v, Variant):
                    visit(v.arm.type, decl.decode, decl.encode)
                    for f in v.arm.fields:
                        visit(f.type, decl.decode, decl.encode)
        for fn in self.functions:
            for p in fn.arguments:
                visit(p.type, True, False)
            visit(fn.result, False, True)
        return list(seen.values())


@dataclass
class Helper:
    """A container type that needs static helper functions, and in which directions."""

    type: Type
    decode: bool = False
    encode: bool = False
