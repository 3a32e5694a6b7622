"""C type → type kind (model.Type). The one place that decides how a C type maps to a term."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import clang.cindex as cindex

from . import annotations as notes_of
from . import model
from .annotations import Annotations
from .errors import GeneratorError, Location

K = cindex.TypeKind
TU = cindex.CursorKind.TRANSLATION_UNIT

# canonical integer kind → (runtime decoder suffix, signed)
INTEGER_KINDS = {
    K.CHAR_S: ("char", True),
    K.CHAR_U: ("char", False),
    K.SCHAR: ("schar", True),
    K.UCHAR: ("uchar", False),
    K.SHORT: ("short", True),
    K.USHORT: ("ushort", False),
    K.INT: ("int", True),
    K.UINT: ("uint", False),
    K.LONG: ("long", True),
    K.ULONG: ("ulong", False),
    K.LONGLONG: ("llong", True),
    K.ULONGLONG: ("ullong", False),
}

# typedef names from erl_nif.h / nif_derive.h that have their own kind
SPECIAL_TYPEDEFS = {
    "ERL_NIF_TERM": model.Term(),
    "ErlNifPid": model.Pid(),
    "nif_binary": model.Binary(),
}

# resolves a struct/enum type to its annotated declaration (or None)
Resolver = Callable[["cindex.Type"], "model.Decl | None"]


def unqualified_spelling(t: "cindex.Type") -> str:
    """`const int64_t` → `int64_t`; `const char *const` → `const char *`; `const char *` stays
    (its const is not top-level). `bool`, which libclang spells `_Bool`, stays `bool`."""
    spelling = re.sub(r"\b_Bool\b", "bool", t.spelling)
    if not t.is_const_qualified():
        return spelling
    if spelling.endswith("const") and spelling[: -len("const")].rstrip().endswith("*"):
        return spelling[: -len("const")].rstrip()  # a const pointer: `T *const`
    if spelling.startswith("const "):
        return spelling[len("const ") :]
    return spelling


def type_key(t: "cindex.Type") -> str:
    """The canonical spelling without qualifiers: one key per C type, whatever its spelling."""
    spelling = t.get_canonical().spelling
    while spelling.startswith(("const ", "volatile ")):
        spelling = spelling.split(" ", 1)[1]
    return spelling


def special_kind(t: "cindex.Type") -> model.Type | None:
    """ERL_NIF_TERM, ErlNifPid, nif_binary: found by typedef name before canonicalising."""
    while True:
        if t.kind == K.ELABORATED:
            t = t.get_named_type()
        elif t.kind == K.TYPEDEF:
            declaration = t.get_declaration()
            if declaration.spelling in SPECIAL_TYPEDEFS:
                return SPECIAL_TYPEDEFS[declaration.spelling]
            t = declaration.underlying_typedef_type
        else:
            return None


def annotated_declaration(t: "cindex.Type") -> "cindex.Cursor | None":
    """The typedef or struct/enum declaration of `t` that carries a shape annotation, if any."""
    while True:
        if t.kind == K.ELABORATED:
            t = t.get_named_type()
            continue
        declaration = t.get_declaration()
        if notes_of.read(declaration).shape() is not None:
            return declaration
        if t.kind != K.TYPEDEF:
            return None
        t = declaration.underlying_typedef_type


def is_char(t: "cindex.Type") -> bool:
    return t.get_canonical().kind in (K.CHAR_S, K.CHAR_U)


def declare_pointer(pointee: str) -> str:
    """`const uint8_t` → `const uint8_t *`."""
    return f"{pointee}*" if pointee.endswith("*") else f"{pointee} *"


def string_kind(
    pointee: "cindex.Type", nullable: bool = False, null_message: str = ""
) -> model.String | None:
    """`char *` and `unsigned char *` (`uint8_t *`) without a length: NUL-terminated
    UTF-8 strings."""
    kind = pointee.get_canonical().kind
    const = pointee.is_const_qualified()
    if kind in (K.CHAR_S, K.CHAR_U):
        return model.String(const=const, nullable=nullable, null_message=null_message)
    if kind == K.UCHAR:
        pointer = declare_pointer(pointee.spelling)
        return model.UString(
            const=const, nullable=nullable, null_message=null_message, pointer_c_type=pointer
        )
    return None


BYTE_KINDS = (K.CHAR_S, K.CHAR_U, K.SCHAR, K.UCHAR)


@dataclass(frozen=True)
class Member:
    """The member (or parameter, or result) a type belongs to, for messages: `path` names
    it (`yaml_event_term_t.data.scalar.tag`); `field` is its path inside a type whose header
    the user cannot edit, whose options go on the mapping typedef as NIF_*_FIELD(field, …)."""

    path: str
    field: str | None = None

    def option(self, name: str, argument: str = "") -> str:
        """How the user writes option NIF_<name> for this member: `NIF_LEN(length_field)` or
        `NIF_LEN_FIELD(value, length_field)`."""
        if self.field is None:
            return f"NIF_{name}({argument})" if argument else f"NIF_{name}"
        return f"NIF_{name}_FIELD({', '.join(filter(None, (self.field, argument)))})"


def integer(t: "cindex.Type") -> model.Integer | None:
    canonical = t.get_canonical()
    if canonical.kind not in INTEGER_KINDS:
        return None
    rank, signed = INTEGER_KINDS[canonical.kind]
    return model.Integer(unqualified_spelling(t), rank, signed, canonical.get_size() * 8)


class TypeMapper:
    """Maps a C type (with its member annotations) to a model type, or stops with an error."""

    def __init__(self, resolve: Resolver):
        self.resolve = resolve
        # special_kind by type spelling: the typedef chain walked once per C type, not once
        # per member (a spelling names one type: the generated C includes every header).
        self.special: dict[str, model.Type | None] = {}

    def map(
        self,
        t: "cindex.Type",
        notes: Annotations,
        where: Location,
        what: str,
        length: model.Integer | None = None,
        length_name: str | None = None,
        result: bool = False,
        member: Member | None = None,
    ) -> model.Type:
        """`result`: `t` is a function's result, the one place a resource may be by value.
        `member`: the member, parameter or result `t` is the type of (None for an element),
        named by messages with the options that apply to it."""
        spelling = t.spelling
        null = ""
        if member is not None:
            null = f"{member.path} ({spelling}) is NULL: mark it {member.option('OPTIONAL')}"
        member = member or Member(what)
        canonical = t.get_canonical()
        resource = self.resource(t, notes, where, what, result)
        if resource is not None:
            return resource
        if "as_bool" in notes:
            return self.as_bool(t, notes, what)
        if "as_binary" in notes:
            return self.as_binary(t, notes, what, length, length_name, member)
        if "as_map" in notes:
            return self.map_of(t, notes, where, what, length, length_name)
        if "len" in notes or "optional" in notes:
            if canonical.kind != K.POINTER:
                option = "NIF_LEN" if "len" in notes else "NIF_OPTIONAL"
                raise GeneratorError(
                    where, f"{option} needs a pointer, but {what} has type '{t.spelling}'"
                )
            pointee = t.get_pointee()
            string = string_kind(pointee, nullable=True)
            if "optional" in notes and string is not None:
                return string
            element = self.element(pointee, where, what)
            element_c_type = unqualified_spelling(pointee)
            if "len" in notes:
                assert length is not None and length_name is not None
                return model.List(
                    element, element_c_type, length_name=length_name, length_type=length
                )
            return model.Optional(element, element_c_type)
        if spelling not in self.special:
            self.special[spelling] = special_kind(t)
        special = self.special[spelling]
        if special is not None:
            return special
        number = integer(t)
        if number is not None:
            return number
        if canonical.kind == K.BOOL:
            return model.Bool()
        if canonical.kind in (K.FLOAT, K.DOUBLE):
            return model.Float(canonical.spelling.replace("const ", ""))
        if canonical.kind == K.POINTER:
            pointee = canonical.get_pointee()
            string = string_kind(
                t.get_pointee() if t.kind == K.POINTER else pointee, null_message=null
            )
            if string is not None:
                return string
            if pointee.kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO):
                raise GeneratorError(where, f"{what} is a function pointer, which has no term")
            if pointee.kind == K.VOID:
                raise GeneratorError(where, f"{what} is 'void *', which has no term")
            raise GeneratorError(
                where,
                f"{what} is a pointer ('{t.spelling}'): add "
                f"{member.option('LEN', 'length_field')} for a list or "
                f"{member.option('OPTIONAL')} for nil-or-value",
            )
        if canonical.kind == K.CONSTANTARRAY:
            element_type = canonical.get_array_element_type()
            if is_char(element_type):
                return model.CharArray(canonical.get_array_size())
            if t.kind == K.CONSTANTARRAY:  # as the user wrote it: `int16_t`, not `short`
                element_type = t.get_array_element_type()
            element = self.element(element_type, where, what)
            return model.Array(
                element, unqualified_spelling(element_type), length=canonical.get_array_size()
            )
        if canonical.kind == K.INCOMPLETEARRAY:
            raise GeneratorError(
                where,
                f"{what} is a flexible array member, which has no fixed size: use a "
                "pointer with NIF_LEN",
            )
        if canonical.kind in (K.RECORD, K.ENUM):
            decl = self.resolve(canonical)
            if decl is not None:
                return model.Named(decl)
            declaration = canonical.get_declaration()
            if declaration.kind == cindex.CursorKind.UNION_DECL:
                raise GeneratorError(
                    where,
                    f"{what} is a union: only a union inside a NIF_TAGGED_ENUM or "
                    "NIF_UNTAGGED_ENUM struct has a term",
                )
            annotated = annotated_declaration(t)
            if annotated is not None and annotated.lexical_parent.kind == TU:
                elsewhere = Location.of(annotated)
                raise GeneratorError(
                    where,
                    f"{what} has type '{t.spelling}', annotated at {elsewhere} in a header "
                    f"the generator was not given: add {elsewhere.file} to :headers in mix.exs",
                )
            if annotated is not None:
                raise GeneratorError(
                    where,
                    f"{what} has a type annotated inside another declaration: declare "
                    f"it at file scope, e.g. `typedef struct NIF_TUPLE {{...}} name_t;`",
                )
            shape = (
                "NIF_UNIT_ENUM"
                if canonical.kind == K.ENUM
                else "a shape annotation such as NIF_MAP"
            )
            if declaration.is_anonymous():
                # only a typedef's dotted options can reach it (DESIGN §9)
                hint = "a dotted option on the typedef that maps its owner makes it a map"
            else:
                macro = "NIF_UNIT_ENUM" if canonical.kind == K.ENUM else "NIF_MAP"
                hint = (
                    f"add {shape} to it, or map it with a typedef in your header "
                    f"(`typedef {t.spelling} {macro} name_t;`)"
                )
            raise GeneratorError(
                where, f"{what} has type '{t.spelling}', which has no nif_derive annotation: {hint}"
            )
        raise GeneratorError(
            where, f"{what} has type '{t.spelling}', which nif_derive cannot map to a term"
        )

    def resource(
        self, t, notes: Annotations, where: Location, what: str, result: bool
    ) -> model.ResourceRef | None:
        """`T *` / `const T *` of a NIF_RESOURCE type T (borrowed), or `T` as a result."""
        canonical = t.get_canonical()
        pointee = canonical.get_pointee() if canonical.kind == K.POINTER else canonical
        if pointee.kind != K.RECORD:
            return None
        decl = self.resolve(pointee)
        if decl is None or not decl.resource_type:
            return None
        if pointee is canonical and not result:
            raise GeneratorError(
                where,
                f"{what} is the resource type '{t.spelling}' by value: pass "
                f"'{decl.c_type} *' (or const) to borrow the resource",
            )
        if "len" in notes or "as_map" in notes:
            raise GeneratorError(
                where,
                f"{what}: a list of resources is a list of handles: "
                f"'{decl.c_type} **' with NIF_LEN, each element borrowed",
            )
        if "optional" in notes and pointee is canonical:
            raise GeneratorError(
                where, f"NIF_OPTIONAL needs a pointer, but {what} is '{t.spelling}'"
            )
        return model.ResourceRef(
            decl,
            const=pointee.is_const_qualified(),
            by_value=pointee is canonical,
            nullable="optional" in notes,
        )

    def as_bool(self, t, notes: Annotations, what: str) -> model.IntBool:
        """NIF_AS_BOOL: an integer as true/false."""
        number = integer(t)
        if number is None:
            raise GeneratorError(
                notes.locations["as_bool"],
                f"NIF_AS_BOOL on {what} needs an integer (a C flag kept in an int), "
                f"not '{t.spelling}'",
            )
        return model.IntBool(number)

    def as_binary(
        self, t, notes: Annotations, what: str, length, length_name, member: Member
    ) -> model.Bytes:
        """NIF_AS_BINARY: a byte pointer with a NIF_LEN length as a binary."""
        where = notes.locations["as_binary"]
        canonical = t.get_canonical()
        if canonical.kind != K.POINTER or canonical.get_pointee().kind not in BYTE_KINDS:
            raise GeneratorError(
                where,
                f"NIF_AS_BINARY on {what} needs a pointer to bytes (char *, unsigned char * or "
                f"uint8_t *, const or not), not '{t.spelling}'",
            )
        if "len" not in notes or length is None or length_name is None:
            raise GeneratorError(
                where,
                f"NIF_AS_BINARY on {what} needs its length: add "
                f"{member.option('LEN', 'length_field')}",
            )
        for other in ("optional", "as_map"):
            if other in notes:
                raise GeneratorError(
                    where, f"NIF_AS_BINARY and NIF_{other.upper()} on {what} do not combine"
                )
        pointee = t.get_pointee()
        return model.Bytes(
            declare_pointer(pointee.spelling),
            const=pointee.is_const_qualified(),
            length_name=length_name,
            length_type=length,
            what=member.path,
        )

    def map_of(
        self, t, notes: Annotations, where: Location, what: str, length, length_name
    ) -> model.MapOf:
        """NIF_AS_MAP: entries of a two-field NIF_TUPLE (key, value), counted by NIF_LEN."""
        if "len" not in notes or t.get_canonical().kind != K.POINTER:
            raise GeneratorError(
                where,
                f"NIF_AS_MAP on {what} needs a pointer to the entries with NIF_LEN(length_field)",
            )
        decl = self.element(t.get_pointee(), where, what).declaration()
        if decl is None or not decl.map_entry:
            raise GeneratorError(
                where,
                f"NIF_AS_MAP on {what}: the entries must be a NIF_TUPLE of two fields, "
                "the key and the value",
            )
        return model.MapOf(decl, length_name, length)

    def element(self, t: "cindex.Type", where: Location, what: str) -> model.Type:
        mapped = self.map(t, Annotations(), where, f"the element type of {what}")
        if not mapped.element_ok:
            raise GeneratorError(
                where,
                f"{what}: elements cannot themselves be arrays, NIF_LEN lists or "
                "NIF_OPTIONAL pointers: wrap them in an annotated struct",
            )
        return mapped


def parse_default(text: str, t: model.Type, where: Location) -> model.Default:
    """NIF_DEFAULT(value): a C literal (or enumerator) valid for the field's type."""
    return t.parse_default(text.strip(), where)
