"""Header → model: finds annotated declarations and builds the typed model.

Two passes: the first registers every annotated type of every header (so a
field may use a type annotated further down), the second builds each
declaration, resolving field types through that registry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import clang.cindex as cindex

from . import annotations as notes_of
from . import model
from .annotations import Annotations
from .ctypes import TypeMapper, integer, parse_default, string_kind, type_key, unqualified_spelling
from .errors import GeneratorError, Location
from .libclang import included_files, parse
from .naming import ELIXIR_RESERVED, NATIVE_MODULE_FUNCTIONS, common_prefix, enumerator_atom, library_name

C = cindex.CursorKind
K = cindex.TypeKind

TYPE_ANNOTATIONS = notes_of.SHAPES + notes_of.TYPE_OPTIONS
FIELD_ANNOTATIONS = ("rename", "len", "optional", "default", "encode_only", "decode_only", "as_map")


@dataclass
class Entry:
    """An annotated type found in pass one."""

    key: str  # canonical type spelling
    shape: type[model.Decl]
    notes: Annotations
    definition: "cindex.Cursor"  # the struct/enum with the members
    c_type: str
    location: Location  # of the annotation's declaration
    decl: model.Decl | None = None


def generate_model(headers: list[str], include_dirs: list[str], native_module: str, otp_app: str, defines: list[str] | None = None) -> model.Module:
    """Parse `headers` and return the model of everything they annotate."""
    return Parser(headers, include_dirs, native_module, otp_app, defines or []).run()


class Parser:
    def __init__(self, headers, include_dirs, native_module, otp_app, defines):
        self.headers = headers
        self.include_dirs = include_dirs
        self.native_module = native_module
        self.otp_app = otp_app
        self.defines = defines
        self.entries: dict[str, Entry] = {}
        self.functions: list[tuple["cindex.Cursor", Annotations]] = []
        self.mapper = TypeMapper(self.resolve)

    # -- pass one ----------------------------------------------------------

    def run(self) -> model.Module:
        inputs: list[str] = []
        units = []
        for header in self.headers:
            unit = parse(header, self.include_dirs, self.defines)
            units.append(unit)
            inputs += included_files(unit)
            self.collect(unit, header)
        decls = [self.build(entry) for entry in list(self.entries.values())]
        functions = [self.function(cursor, notes) for cursor, notes in self.functions]
        names = {}
        for fn in functions:
            if fn.name in names:
                raise GeneratorError(fn.location, f"NIF function '{fn.name}' is declared twice")
            if fn.name in ELIXIR_RESERVED or len(fn.arguments) in NATIVE_MODULE_FUNCTIONS.get(fn.name, ()):
                raise GeneratorError(fn.location, f"NIF function '{fn.name}/{len(fn.arguments)}' cannot be defined in the Elixir module {self.native_module}: rename the C function")
            names[fn.name] = fn
        for decl in decls:
            decl.native_module = self.native_module
        return model.Module(
            native_module=self.native_module,
            otp_app=self.otp_app,
            library=library_name(self.native_module),
            headers=list(self.headers),
            decls=decls,
            functions=functions,
            inputs=list(dict.fromkeys(inputs)),
        )

    def collect(self, unit: "cindex.TranslationUnit", header: str) -> None:
        main = os.path.realpath(header)
        for cursor in unit.cursor.get_children():
            if cursor.location.file is None or os.path.realpath(cursor.location.file.name) != main:
                continue
            notes = notes_of.read(cursor)
            if cursor.kind in (C.STRUCT_DECL, C.ENUM_DECL):
                self.collect_type(cursor, cursor, notes)
            elif cursor.kind == C.TYPEDEF_DECL:
                self.collect_typedef(cursor, notes)
            elif cursor.kind == C.FUNCTION_DECL:
                if any(name in notes for name in notes_of.FUNCTION_OPTIONS):
                    notes.only(notes_of.FUNCTION_OPTIONS + ("len", "as_map"), "a function")
                    self.functions.append((cursor, notes))
                elif notes.values:
                    notes.only((), "a function without NIF_FUNCTION")
            elif notes.values:
                raise GeneratorError(Location.of(cursor), "nif_derive annotations go on structs, enums, typedefs and function prototypes")

    def collect_type(self, cursor, annotated, notes: Annotations, c_type: str | None = None) -> None:
        annotation = notes.shape()
        if annotation is None:
            if notes.values:
                notes.only((), f"'{cursor.spelling}' without a shape annotation")
            return
        notes.only(TYPE_ANNOTATIONS, "a type")
        key = type_key(cursor.type)
        where = Location.of(annotated)
        if key in self.entries:
            if self.entries[key].location != where:
                raise GeneratorError(where, f"'{key}' is already mapped at {self.entries[key].location}")
            return
        definition = cursor.type.get_canonical().get_declaration().get_definition()
        if definition is None:
            raise GeneratorError(where, f"'{key}' is only declared, not defined: nif_derive needs its members")
        is_enum = definition.kind == C.ENUM_DECL
        shape = model.BY_ANNOTATION[annotation]
        if shape.on_enum != is_enum:
            what = "an enum" if is_enum else "a struct"
            raise GeneratorError(where, f"NIF_{annotation.upper()} cannot be used on {what}")
        if definition.kind == C.UNION_DECL:
            raise GeneratorError(where, "a union has no term of its own: put it inside a NIF_TAGGED_ENUM struct")
        self.entries[key] = Entry(key, shape, notes, definition, c_type or cursor.type.spelling, where)

    def collect_typedef(self, cursor, notes: Annotations) -> None:
        underlying = cursor.underlying_typedef_type
        key = type_key(underlying)
        if notes.shape() is not None:
            # An annotated typedef maps the (possibly foreign) type it names.
            self.collect_type(cursor, cursor, notes, c_type=cursor.spelling)
            self.entries[key].c_type = cursor.spelling
            return
        if notes.values:
            notes.only((), "a typedef without a shape annotation")
        entry = self.entries.get(key)
        if entry is not None and entry.c_type.startswith(("struct ", "enum ")):
            entry.c_type = cursor.spelling  # prefer the typedef name: `point_t` over `struct point`

    # -- pass two ----------------------------------------------------------

    def resolve(self, t: "cindex.Type") -> model.Decl | None:
        entry = self.entries.get(type_key(t))
        return self.build(entry) if entry is not None else None

    def build(self, entry: Entry) -> model.Decl:
        if entry.decl is not None:
            return entry.decl
        notes = entry.notes
        ident = entry.c_type.split(" ")[-1]
        origin = model.Origin(entry.c_type, entry.location, self.type_location(entry), entry.key)
        encode = "decode_only" not in notes
        decode = "encode_only" not in notes
        if "encode_only" in notes and "decode_only" in notes:
            raise GeneratorError(entry.location, "NIF_ENCODE_ONLY and NIF_DECODE_ONLY together leave nothing to generate")
        decl = entry.shape.create(entry.c_type, ident, origin, notes, encode, decode)
        entry.decl = decl  # before the fields and arms: they may refer back to it
        decl.fill(self, entry.definition, entry.location, notes)
        return decl

    def struct_fields(self, decl: model.Composite, definition, where: Location, notes: Annotations):
        """The fields of a struct shape and the members decode zeroes (see `fields`)."""
        try:
            return self.fields(definition, decl.c_type, prefix="", type_notes=notes)
        except GeneratorError as error:
            origin = decl.origin
            if origin.type_location is None or error.location is None or error.location.file == where.file:
                raise
            # A member of a type whose header the user cannot edit: point at the mapping typedef.
            raise GeneratorError(
                where, f"{error.message} (in {origin.type_name} at {error.location}; NIF_SKIP(field) leaves a member out)"
            ) from None

    def type_location(self, entry: Entry) -> Location | None:
        where = Location.of(entry.definition)
        return where if where.file != entry.location.file or where.line != entry.location.line else None

    def enumerators(self, definition) -> list[tuple[str, str]]:
        constants = [c for c in definition.get_children() if c.kind == C.ENUM_CONSTANT_DECL]
        if not constants:
            raise GeneratorError(Location.of(definition), "an enum with no enumerators has no term")
        prefix = common_prefix([c.spelling for c in constants])
        variants = []
        seen: dict[str, Location] = {}
        values: dict[int, str] = {}
        for constant in constants:
            notes = notes_of.read(constant)
            notes.only(("rename",), "an enumerator")
            atom = notes.get("rename") or enumerator_atom(constant.spelling, prefix)
            where = Location.of(constant)
            if atom in seen:
                raise GeneratorError(where, f"atom :{atom} is used twice in this enum (first at {seen[atom]})")
            if constant.enum_value in values:
                raise GeneratorError(where, f"{constant.spelling} has the same value as {values[constant.enum_value]}: their atoms would be ambiguous")
            seen[atom] = where
            values[constant.enum_value] = constant.spelling
            variants.append((constant.spelling, atom))
        return variants

    # -- fields ------------------------------------------------------------

    def fields(self, definition, owner: str, prefix: str, type_notes: Annotations | None = None) -> tuple[list[model.Field], list[str]]:
        """The fields of a struct that have a term, and the members decode sets to zero.

        `type_notes` are the annotations of the type (or of the typedef that maps
        it): NIF_SKIP/NIF_ONLY leave members out, NIF_*_FIELD give members options.
        """
        type_notes = type_notes or Annotations()
        members, unions = self.members(definition, owner)
        names = {m.spelling for m in members}
        for option in ("skip", "only"):
            for name in type_notes.names(option):
                if name not in names:
                    raise GeneratorError(type_notes.locations[option], f"NIF_{option.upper()}({name}): {owner} has no field '{name}'")
        for name, options in type_notes.members.items():
            if name not in names:
                where = next(iter(options.locations.values()))
                raise GeneratorError(where, f"{owner} has no field '{name}' to give options to")
        skipped = set(type_notes.names("skip"))
        if "only" in type_notes:
            skipped |= names - set(type_notes.names("only"))
        for where, group in unions:
            exposed = [name for name in group if not name.startswith("__") and name not in skipped]
            if len(exposed) > 1:
                raise GeneratorError(
                    where, f"members {', '.join(repr(name) for name in exposed)} of {owner} share an anonymous union's storage: NIF_SKIP all but one"
                )
        member_notes = {m.spelling: notes_of.read(m).merged(type_notes.members.get(m.spelling)) for m in members}
        by_name = {m.spelling: m for m in members}
        lengths: dict[str, str] = {}
        for member in members:
            notes = member_notes[member.spelling]
            notes.only(FIELD_ANNOTATIONS, "a field")
            if "len" in notes:
                target = notes.get("len")
                where = notes.locations["len"]
                if target not in by_name:
                    raise GeneratorError(where, f"NIF_LEN({target}): {owner} has no field '{target}'")
                if target in lengths:
                    raise GeneratorError(where, f"NIF_LEN({target}): '{target}' is already the length of '{lengths[target]}'")
                if integer(by_name[target].type) is None:
                    raise GeneratorError(where, f"NIF_LEN({target}): the length field '{target}' must be an integer")
                lengths[target] = member.spelling
        fields: list[model.Field] = []
        zeroed: list[str] = []
        atoms: dict[str, Location] = {}
        for member in members:
            name = member.spelling
            where = Location.of(member)
            notes = member_notes[name]
            if name in lengths:
                if set(notes.values) - {"len"}:
                    raise GeneratorError(where, f"'{name}' is the length of '{lengths[name]}' and has no term of its own")
                continue
            if not name:
                raise GeneratorError(where, f"an anonymous member of {owner} has no name to use as a key")
            if name.startswith("__") or name in skipped:
                zeroed.append(prefix + name)  # reserved and skipped members are never exposed
                continue
            if member.is_bitfield():
                raise GeneratorError(where, f"field '{name}' is a bit-field, which has no address to decode into")
            self.check_not_const(member, f"field '{name}'")
            length = None
            if "len" in notes:
                length_member = by_name[notes.get("len")]
                length = integer(length_member.type)
            field = model.Field(
                name=prefix + name,
                atom=notes.get("rename") or name,
                type=self.mapper.map(member.type, notes, where, f"field '{name}'", length, prefix + (notes.get("len") or "")),
                location=where,
                encode="decode_only" not in notes,
                decode="encode_only" not in notes,
            )
            if "default" in notes:
                field.default = parse_default(notes.get("default"), field.type, notes.locations["default"])
            if field.atom in atoms:
                raise GeneratorError(where, f"key :{field.atom} is used twice in {owner} (first at {atoms[field.atom]})")
            atoms[field.atom] = where
            if not field.decode and field.default is None:
                zeroed.append(field.name)
            fields.append(field)
        return fields, zeroed

    @staticmethod
    def anonymous_members(children) -> list["cindex.Cursor"]:
        """Struct/union declarations among `children` that are members without a name (C11 anonymous members)."""
        named_types = {c.type.get_canonical().get_declaration().hash for c in children if c.kind == C.FIELD_DECL}
        return [c for c in children if c.kind in (C.STRUCT_DECL, C.UNION_DECL) and c.is_anonymous() and c.hash not in named_types]

    def members(self, definition, owner: str) -> tuple[list["cindex.Cursor"], list[tuple[Location, list[str]]]]:
        """The members of a struct in C order, and the names of each anonymous union's members.

        An anonymous union (`union { long ru_maxrss; __syscall_slong_t __ru_maxrss_word; };`,
        as glibc writes struct rusage) is read as C reads it: its members are members of
        the struct; at most one of them may have a term. An anonymous struct stays an error.
        """
        children = list(definition.get_children())
        anonymous = {c.hash for c in self.anonymous_members(children)}
        members: list["cindex.Cursor"] = []
        unions: list[tuple[Location, list[str]]] = []
        for child in children:
            if child.kind == C.FIELD_DECL:
                members.append(child)
            elif child.hash in anonymous:
                inner = list(child.get_children())
                if child.kind == C.STRUCT_DECL or self.anonymous_members(inner):
                    # `struct { int a; };` inside a struct: members with no field name, so no key.
                    raise GeneratorError(Location.of(child), f"an anonymous member of {owner} has no name to use as a key")
                group = [c for c in inner if c.kind == C.FIELD_DECL]
                members += group
                unions.append((Location.of(child), [c.spelling for c in group]))
        return members, unions

    # -- tagged unions -----------------------------------------------------

    def tagged_union(self, decl: model.TaggedEnum, definition, where: Location) -> None:
        children = [c for c in definition.get_children() if c.kind in (C.FIELD_DECL, C.UNION_DECL)]
        shape = decl.macro
        if not children or children[0].kind != C.FIELD_DECL or children[0].type.get_canonical().kind != K.ENUM:
            raise GeneratorError(where, f"{shape}: the first field must be the tag, an enum")
        tag = children[0]
        decl.tag_field = tag.spelling
        union, access = self.find_union(children[1:], where, shape)
        arms: dict[str, tuple[model.Arm, "cindex.Cursor", Annotations]] = {}
        for member in union.get_children() if union is not None else []:
            if member.kind != C.FIELD_DECL:
                continue
            notes = notes_of.read(member)
            notes.only(("rename", "len", "optional"), "a union arm")
            arms[member.spelling] = (self.arm(member, access + member.spelling, notes), member, notes)
        enum_definition = tag.type.get_canonical().get_declaration()
        constants = [c for c in enum_definition.get_children() if c.kind == C.ENUM_CONSTANT_DECL]
        prefix = common_prefix([c.spelling for c in constants])
        used = set()
        atoms: dict[str, str] = {}
        for constant in constants:
            constant_notes = notes_of.read(constant)
            name = enumerator_atom(constant.spelling, prefix)
            arm, member, member_notes = arms.get(name, (model.UnitArm(), None, Annotations()))
            atom = member_notes.get("rename") or constant_notes.get("rename") or name
            if member is not None:
                used.add(name)
            if atom in atoms:
                raise GeneratorError(Location.of(constant), f"atom :{atom} is used by both {atoms[atom]} and {constant.spelling}")
            atoms[atom] = constant.spelling
            if not decl.tagged and arm.unit:
                raise GeneratorError(Location.of(constant), f"NIF_UNTAGGED_ENUM: variant {constant.spelling} has no union member named '{name}'")
            decl.variants.append(model.Variant(constant.spelling, atom, arm))
        for name, (_, member, _) in arms.items():
            if name not in used:
                choices = ", ".join(enumerator_atom(c.spelling, prefix) for c in constants)
                raise GeneratorError(Location.of(member), f"union member '{name}' matches no enumerator of '{tag.type.spelling}' (arms are named after them: {choices})")

    def find_union(self, children, where: Location, shape: str):
        """The union of arms, and the C access prefix to its members ('' when anonymous)."""
        union, access = None, ""
        field_unions = set()
        for child in children:
            if child.kind == C.FIELD_DECL:
                declaration = child.type.get_canonical().get_declaration()
                if declaration.kind != C.UNION_DECL:
                    raise GeneratorError(Location.of(child), f"{shape}: only the tag and one union of arms may be fields, not '{child.spelling}'")
                union, access = declaration, child.spelling + "."
                field_unions.add(declaration.hash)
        for child in children:
            if child.kind == C.UNION_DECL and child.hash not in field_unions and child.is_anonymous():
                if union is not None:
                    raise GeneratorError(Location.of(child), f"{shape}: only one union of arms is allowed")
                union, access = child, ""
        return union, access

    def arm(self, member, access: str, notes: Annotations) -> model.Arm:
        where = Location.of(member)
        canonical = member.type.get_canonical()
        declaration = canonical.get_declaration()
        if canonical.kind == K.RECORD and declaration.kind == C.STRUCT_DECL and declaration.is_anonymous():
            struct_notes = notes_of.read(declaration)
            struct_notes.only(("tuple", "map"), "an anonymous arm struct")
            fields, zeroed = self.fields(declaration, f"arm '{member.spelling}'", prefix=access + ".")
            if zeroed:
                raise GeneratorError(where, f"arm '{member.spelling}': reserved and encode-only members are not allowed in arms")
            if any(f.default for f in fields) or any(not (f.encode and f.decode) for f in fields):
                raise GeneratorError(where, f"arm '{member.spelling}': NIF_DEFAULT, NIF_ENCODE_ONLY and NIF_DECODE_ONLY are not allowed in arms")
            arm = model.TupleArm if "tuple" in struct_notes else model.NamedArm
            return arm(access, fields)
        length = None
        if "len" in notes:
            raise GeneratorError(where, "NIF_LEN in a union arm has no length field to use: wrap the list in an anonymous struct arm")
        self.check_not_const(member, f"union arm '{member.spelling}'")
        mapped = self.mapper.map(member.type, notes, where, f"union arm '{member.spelling}'", length)
        return model.NewtypeArm(access, mapped)

    @staticmethod
    def check_not_const(member, what: str) -> None:
        """Decoding writes every member, and a struct with a const member cannot be assigned."""
        if member.type.is_const_qualified():
            raise GeneratorError(Location.of(member), f"{what} is const ('{member.type.spelling}'): decoding writes into it; remove the top-level const")

    # -- functions ---------------------------------------------------------

    def function(self, cursor, notes: Annotations) -> model.Function:
        where = Location.of(cursor)
        dirty = [name for name in ("dirty_cpu", "dirty_io") if name in notes]
        if len(dirty) > 1:
            raise GeneratorError(where, "NIF_DIRTY_CPU and NIF_DIRTY_IO cannot both be used")
        if cursor.type.kind == K.FUNCTIONPROTO and cursor.type.is_function_variadic():
            raise GeneratorError(where, f"'{cursor.spelling}' is variadic: a NIF has a fixed arity")
        params = list(cursor.get_arguments())
        param_notes = {p.spelling: notes_of.read(p) for p in params}
        by_name = {p.spelling: p for p in params}
        lengths: dict[str, str] = {}
        for p in params:
            if not p.spelling:
                raise GeneratorError(Location.of(p), f"every parameter of NIF function '{cursor.spelling}' needs a name")
            p_notes = param_notes[p.spelling]
            p_notes.only(("len", "optional", "as_map"), "a parameter")
            if "len" in p_notes:
                target = p_notes.get("len")
                if target not in by_name:
                    raise GeneratorError(p_notes.locations["len"], f"NIF_LEN({target}): '{cursor.spelling}' has no parameter '{target}'")
                if integer(by_name[target].type) is None:
                    raise GeneratorError(p_notes.locations["len"], f"NIF_LEN({target}): the length parameter must be an integer")
                lengths[target] = p.spelling
        result_length = notes.get("len")
        if result_length is not None:
            out = by_name.get(result_length)
            if out is None or out.type.get_canonical().kind != K.POINTER or integer(out.type.get_pointee()) is None:
                raise GeneratorError(notes.locations["len"], f"NIF_LEN({result_length}) on a function names its result's length: a parameter such as 'size_t *{result_length}'")
        result_params = []
        for p in params:
            p_where = Location.of(p)
            name = p.spelling
            c_type = p.type.spelling
            canonical = p.type.get_canonical()
            if name == result_length:
                result_params.append(model.Param(name, c_type, model.RESULT_LENGTH, local_c_type=unqualified_spelling(p.type.get_pointee())))
                continue
            if name in lengths:
                result_params.append(model.Param(name, c_type, model.LENGTH))
                continue
            if canonical.kind == K.POINTER and canonical.get_pointee().get_canonical().spelling == "struct enif_environment_t":
                result_params.append(model.Param(name, c_type, model.ENV))
                continue
            p_notes = param_notes[name]
            what = f"parameter '{name}'"
            if canonical.kind == K.POINTER and not p_notes.values and not self.is_string(canonical):
                pointee = p.type.get_pointee()
                if not pointee.is_const_qualified():
                    raise GeneratorError(p_where, f"{what} is a pointer to non-const '{pointee.spelling}': pass arguments by value or by const pointer, or add NIF_LEN/NIF_OPTIONAL")
                mapped = self.mapper.map(pointee, Annotations(), p_where, what)
                self.check_direction(mapped, "decode", p_where, what)
                result_params.append(model.Param(name, c_type, model.ARGUMENT, mapped, by_pointer=True, local_c_type=unqualified_spelling(pointee)))
                continue
            length = integer(by_name[p_notes.get("len")].type) if "len" in p_notes else None
            mapped = self.mapper.map(p.type, p_notes, p_where, what, length, p_notes.get("len"))
            self.check_direction(mapped, "decode", p_where, what)
            result_params.append(model.Param(name, c_type, model.ARGUMENT, mapped, local_c_type=unqualified_spelling(p.type)))
        result_type = cursor.result_type
        result = None
        if result_type.get_canonical().kind != K.VOID:
            length = integer(by_name[result_length].type.get_pointee()) if result_length else None
            result_notes = Annotations({key: notes.get(key) for key in ("len", "as_map") if key in notes})
            result = self.mapper.map(result_type, result_notes, where, f"the result of '{cursor.spelling}'", length, result_length)
            self.check_direction(result, "encode", where, f"the result of '{cursor.spelling}'")
        elif result_length:
            raise GeneratorError(where, f"NIF_LEN on '{cursor.spelling}', which returns void")
        return model.Function(
            name=cursor.spelling,
            params=result_params,
            result=result,
            result_c_type=result_type.spelling,
            location=where,
            dirty=dirty[0].split("_")[1] if dirty else None,
            result_length=result_length,
        )

    @staticmethod
    def is_string(canonical) -> bool:
        return string_kind(canonical.get_pointee()) is not None

    def check_direction(self, t: model.Type, direction: str, where: Location, what: str) -> None:
        decl = t.declaration()
        if decl is not None and not getattr(decl, direction):
            option = "NIF_ENCODE_ONLY" if direction == "decode" else "NIF_DECODE_ONLY"
            raise GeneratorError(where, f"{what} needs to {direction} '{decl.c_type}', which is {option}")
