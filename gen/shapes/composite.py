"""Struct shapes: NIF_STRUCT, NIF_EXCEPTION and NIF_MAP (maps with atom keys),
NIF_TUPLE and NIF_RECORD."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import GeneratorError, Location
from ..kinds import Type
from ..naming import elixir_atom, keyword_key
from . import Decl, Field, Origin


@dataclass
class Composite(Decl):
    """A struct whose fields are the term's keys or elements."""

    template: ClassVar[str]
    c_type: str
    ident: str
    origin: Origin
    fields: list[Field] = field(default_factory=list)
    strict: bool = False
    encode: bool = True
    decode: bool = True
    zeroed: list[str] = field(default_factory=list)  # C members set to zero on decode
    native_module: str = ""

    @classmethod
    def create(cls, c_type, ident, origin, notes, encode, decode):
        return cls(c_type, ident, origin, strict="strict" in notes, encode=encode, decode=decode)

    def fill(self, parser, definition, where: Location, notes) -> None:
        self.fields, self.zeroed = parser.struct_fields(self, definition, where, notes)
        self.check()

    def check(self) -> None:
        """Shape-specific rules on the fields, raising GeneratorError at the offending field."""

    def types(self) -> list[Type]:
        return [f.type for f in self.fields]

    def directed_types(self) -> list[tuple[Type, bool, bool]]:
        return [(f.type, self.decode and f.decode, self.encode and f.encode) for f in self.fields]

    def work_units(self, depth: int) -> int:
        if depth > 8:
            return 1
        return 1 + sum(f.type.work_units(depth + 1) for f in self.fields)

    def field_typespec(self, f: Field) -> str:
        return f.type.typespec()

    def member_docs(self) -> list[tuple[str, str]]:
        return [(f"`{elixir_atom(f.atom)}`", f.doc) for f in self.fields if f.doc]

    def pairs(self) -> str:
        return ", ".join(f"{keyword_key(f.atom)} {self.field_typespec(f)}" for f in self.fields)


@dataclass
class Map(Composite):
    """NIF_MAP: `%{x: 1, y: 2}`."""

    annotation: ClassVar[str] = "map"
    template: ClassVar[str] = "map"
    fixed_atoms: ClassVar[tuple[str, ...]] = ()  # keys before the fields: __struct__, __exception__

    @property
    def fixed_keys(self) -> int:
        return len(self.fixed_atoms)

    @property
    def key_fields(self) -> list[Field]:
        """The fields that are keys of the encoded map, in field order (a map leaves out
        NIF_DECODE_ONLY fields; a struct keeps every key of its `defstruct`)."""
        return [f for f in self.fields if f.encode]

    @property
    def keys(self) -> list[str]:
        """Map keys in field order, the `__struct__`/`__exception__` keys first."""
        return list(self.fixed_atoms) + [f.atom for f in self.key_fields]

    def check(self) -> None:
        for f in self.fields:
            if f.atom in ("__struct__", "__exception__"):
                raise GeneratorError(
                    f.location, f"field name '{f.atom}' is reserved by Elixir structs"
                )

    def typespec(self) -> str:
        return f"%{{{self.pairs()}}}"

    def describe(self) -> str:
        return "map"

    def root_label(self) -> str:
        return "%{}"

    def key_sets(self):
        decode_keys = list(self.fixed_atoms) + [f.atom for f in self.fields]
        return [
            (self.ident, self.keys if self.encode else None, decode_keys if self.decode else None)
        ]

    def module_atoms(self) -> list[str]:
        return []

    @property
    def fixed_values(self) -> list[str]:
        """The atoms at the fixed keys: the module at `__struct__`, true at `__exception__`."""
        return []

    def atoms(self) -> list[str]:
        atoms = []
        if self.decode:
            atoms += self.module_atoms() + [f.atom for f in self.fields]
        if self.encode:
            atoms += self.module_atoms()
        return atoms


@dataclass
class Struct(Map):
    """NIF_STRUCT("Mod"): `%Mod{x: 1, y: 2}`, with a module of its own."""

    annotation: ClassVar[str] = "struct"
    fixed_atoms: ClassVar[tuple[str, ...]] = ("__struct__",)
    definer: ClassVar[str] = "defstruct"
    enforce_keys: ClassVar[bool] = True
    module: str = ""

    @classmethod
    def create(cls, c_type, ident, origin, notes, encode, decode):
        decl = super().create(c_type, ident, origin, notes, encode, decode)
        decl.module = notes.get(cls.annotation)
        return decl

    @property
    def elixir_module(self) -> str:  # type: ignore[override]
        return self.module

    @property
    def key_fields(self) -> list[Field]:
        return self.fields

    @property
    def enforced_fields(self) -> list[Field]:
        """The fields @enforce_keys lists: those decode reads and that have no value to
        default to (NIF_DEFAULT, or nil where nil decodes). Encode-only fields and every field
        of an encode-only struct are never read."""
        if not self.enforce_keys or not self.decode:
            return []
        return [f for f in self.fields if f.decode and not f.default and not f.type.accepts_nil()]

    def typespec_ref(self) -> str:
        return f"{self.module}.t()"

    def typespec(self) -> str:
        return f"%__MODULE__{{{self.pairs()}}}"

    def field_typespec(self, f: Field) -> str:
        """A field's typespec; a NIF_DECODE_ONLY field comes back as nil."""
        spec = f.type.typespec()
        if not f.encode and not spec.endswith("| nil"):
            return f"{spec} | nil"
        return spec

    def describe(self) -> str:
        return f"%{self.module}{{}}"

    def root_label(self) -> str:
        return self.describe()

    def module_atoms(self) -> list[str]:
        return ["Elixir." + self.module]

    @property
    def fixed_values(self) -> list[str]:
        return self.module_atoms()


@dataclass
class Exception_(Struct):
    """NIF_EXCEPTION("Mod"): `%Mod{__exception__: true, message: "…"}`; nif_raise_T raises it."""

    annotation: ClassVar[str] = "exception"
    fixed_atoms: ClassVar[tuple[str, ...]] = ("__struct__", "__exception__")
    definer: ClassVar[str] = "defexception"
    enforce_keys: ClassVar[bool] = False
    raises: ClassVar[bool] = True

    @classmethod
    def create(cls, c_type, ident, origin, notes, encode, decode):
        if "strict" in notes:
            raise GeneratorError(origin.location, "NIF_STRICT cannot be used on an exception")
        return super().create(c_type, ident, origin, notes, encode, decode)

    @property
    def fixed_values(self) -> list[str]:
        return self.module_atoms() + ["true"]

    @property
    def needs_message(self) -> bool:
        """True when no `message` field gives the exception its message/1."""
        return all(f.atom != "message" for f in self.fields)


@dataclass
class Tuple(Composite):
    """NIF_TUPLE: `{1, 2}` in field order."""

    annotation: ClassVar[str] = "tuple"
    template: ClassVar[str] = "tuple"
    tag: str | None = None  # the record tag

    @property
    def map_entry(self) -> bool:
        return len(self.fields) == 2

    @property
    def arity(self) -> int:
        return len(self.fields) + (self.tag is not None)

    def check(self) -> None:
        for f in self.fields:
            if not (f.encode and f.decode):
                raise GeneratorError(
                    f.location,
                    "NIF_ENCODE_ONLY and NIF_DECODE_ONLY fields would change a tuple's arity: "
                    "use them on keyed shapes",
                )
        for f in self.fields:
            if f.default:
                raise GeneratorError(
                    f.location,
                    "NIF_DEFAULT needs a key: it works on NIF_STRUCT, NIF_EXCEPTION and "
                    "NIF_MAP fields",
                )

    def typespec(self) -> str:
        return "{" + ", ".join(f.type.typespec() for f in self.fields) + "}"

    def member_docs(self) -> list[tuple[str, str]]:
        return [
            (f"element {i + 1} (`{f.name}`)", f.doc) for i, f in enumerate(self.fields) if f.doc
        ]

    def describe(self) -> str:
        return f"tuple of {len(self.fields)} elements"

    def root_label(self) -> str:
        return "{}"


@dataclass
class Record(Tuple):
    """NIF_RECORD("tag"): `{:tag, 1, 2}`, with a `Record` definition in the native module."""

    annotation: ClassVar[str] = "record"
    defrecord: ClassVar[bool] = True

    @property
    def map_entry(self) -> bool:  # the tag is a third element
        return False

    @classmethod
    def create(cls, c_type, ident, origin, notes, encode, decode):
        decl = super().create(c_type, ident, origin, notes, encode, decode)
        decl.tag = notes.get(cls.annotation)
        return decl

    def member_docs(self) -> list[tuple[str, str]]:
        return Composite.member_docs(self)

    def typespec(self) -> str:
        pairs = self.pairs()
        return f"record(:{self.ident}, {pairs})" if pairs else f"record(:{self.ident})"

    def describe(self) -> str:
        return f"{{{elixir_atom(self.tag)}, …}} record of {len(self.fields) + 1} elements"

    def atoms(self) -> list[str]:
        atoms = []
        if self.decode:
            atoms += [self.tag] + [f.atom for f in self.fields]
        if self.encode:
            atoms.append(self.tag)
        return atoms
