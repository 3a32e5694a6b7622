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
from . import doc_comments, model, modules, parse_arms
from .annotations import Annotations
from .ctypes import TypeMapper, type_key
from .errors import GeneratorError, Location
from .libclang import included_files, parse
from .naming import check_atom, library_name
from .parse_functions import FunctionReader
from .parse_members import MemberReader

C = cindex.CursorKind
K = cindex.TypeKind


@dataclass
class Entry:
    """An annotated type found in pass one."""

    key: str  # canonical type spelling
    shape: type[model.Decl]
    notes: Annotations
    definition: "cindex.Cursor"  # the struct/enum with the members
    c_type: str
    location: Location  # of the annotation's declaration
    doc: str = ""  # C doc comment of the annotated declaration, else of the type's definition
    decl: model.Decl | None = None


def generate_model(
    headers: list[str],
    include_dirs: list[str],
    native_module: str,
    otp_app: str,
    defines: list[str] | None = None,
) -> model.Module:
    """Parse `headers` and return the model of everything they annotate."""
    return Parser(headers, include_dirs, native_module, otp_app, defines or []).run()


def file_scope_names(top: list["cindex.Cursor"]):
    """(name, cursor) of every function, variable, typedef and enumerator at file scope
    (`top`: the translation unit's children)."""
    for cursor in top:
        kind = cursor.kind
        if kind in (C.FUNCTION_DECL, C.VAR_DECL, C.TYPEDEF_DECL):
            name = cursor.spelling
            if name:
                yield name, cursor
        elif kind == C.ENUM_DECL:
            for constant in cursor.get_children():
                if constant.kind == C.ENUM_CONSTANT_DECL:
                    yield constant.spelling, constant


class Declared(dict):
    """File-scope C names → where each is declared: a cursor stored, made a Location when
    looked up (the headers declare thousands of names; few are ever looked up)."""

    def __getitem__(self, name: str) -> Location:
        return Location.of(super().__getitem__(name))

    def get(self, name: str, default=None):
        return self[name] if name in self else default


class Parser(MemberReader, FunctionReader):
    def __init__(self, headers, include_dirs, native_module, otp_app, defines):
        self.headers = headers
        self.include_dirs = include_dirs
        self.native_module = native_module
        self.otp_app = otp_app
        self.defines = defines
        self.entries: dict[str, Entry] = {}
        self.functions: list[tuple["cindex.Cursor", Annotations]] = []
        self.prototypes: dict[str, "cindex.Cursor"] = {}  # every function declared, by name
        self.hooks: dict[str, str] = {}  # NIF_ON_LOAD & co. → the user's function
        self.mapper = TypeMapper(self.resolve)
        self.declared = Declared()  # every file-scope C name the headers declare
        self.building: list[model.Decl] = []  # the declarations being filled, innermost last
        self.inline: list[model.Decl] = []  # nested maps that dotted paths enter (see inline_map)
        self.user_header: dict[str, bool] = {}  # file name → one the user gave? (is_user_header)

    # -- pass one ----------------------------------------------------------

    def run(self) -> model.Module:
        inputs: list[str] = []
        units = []
        for header in self.headers:
            unit = parse(header, self.include_dirs, self.defines)
            units.append(unit)
            inputs += included_files(unit)
            # The top-level declarations listed once: each is a Python callback from libclang,
            # and the headers it includes (erl_nif.h) declare thousands.
            top = list(unit.cursor.get_children())
            self.collect(top, header)
            for name, cursor in file_scope_names(top):
                self.declared.setdefault(name, cursor)
        decls = [self.build(entry) for entry in list(self.entries.values())]
        decls += self.inline
        functions = [self.function(cursor, notes) for cursor, notes in self.functions]
        self.check_function_names(functions)
        for decl in decls:
            decl.native_module = self.native_module
        module = model.Module(
            native_module=self.native_module,
            otp_app=self.otp_app,
            library=library_name(self.native_module),
            headers=list(self.headers),
            decls=decls,
            functions=functions,
            inputs=list(dict.fromkeys(inputs)),
            declared=self.declared,
            hooks=self.hooks,
        )
        modules.check(module)
        return module

    def collect(self, top: list["cindex.Cursor"], header: str) -> None:
        """Pass one over the top-level declarations `top` of the translation unit of `header`."""
        main = os.path.realpath(header)
        for cursor in top:
            if cursor.kind == C.FUNCTION_DECL:
                self.prototypes.setdefault(cursor.spelling, cursor)
        in_main: dict[str, bool] = {}  # by file name: realpath per cursor is slow
        for cursor in top:
            file = cursor.location.file
            if file is None:
                continue
            name = file.name
            if name not in in_main:
                in_main[name] = os.path.realpath(name) == main
            if not in_main[name]:
                continue
            notes = notes_of.read(cursor)
            if cursor.kind in (C.STRUCT_DECL, C.ENUM_DECL):
                self.collect_type(cursor, cursor, notes)
            elif cursor.kind == C.TYPEDEF_DECL:
                self.collect_typedef(cursor, notes)
            elif cursor.kind == C.FUNCTION_DECL:
                if any(name in notes for name in notes_of.HOOKS):
                    self.hook(cursor, notes)
                elif any(name in notes for name in notes_of.FUNCTION_OPTIONS):
                    notes.only(notes_of.FUNCTION_OPTIONS + notes_of.NIF_OPTIONS, "a function")
                    self.functions.append((cursor, notes))
                elif notes.values:
                    notes.only((), "a function without NIF_FUNCTION")
            elif notes.values:
                raise GeneratorError(
                    Location.of(cursor),
                    "nif_derive annotations go on structs, enums, typedefs and function prototypes",
                )

    def hook(self, cursor, notes: Annotations) -> None:
        """NIF_ON_LOAD / NIF_ON_UPGRADE (`int f(ErlNifEnv *)`), NIF_ON_UNLOAD (`void f(…)`)."""
        notes.only(notes_of.HOOKS, "a lifecycle hook")
        (hook, where), *more = notes.locations.items()
        if more:
            raise GeneratorError(more[0][1], "a function is one lifecycle hook")
        if hook in self.hooks:
            raise GeneratorError(
                where, f"NIF_{hook.upper()} is already '{self.hooks[hook]}': one hook of each kind"
            )
        result = "void" if hook == "on_unload" else "int"
        params = [p.type.get_canonical().spelling for p in cursor.get_arguments()]
        if cursor.result_type.get_canonical().spelling != result or params != [
            "struct enif_environment_t *"
        ]:
            raise GeneratorError(
                Location.of(cursor),
                f"NIF_{hook.upper()} '{cursor.spelling}' must be '{result} "
                f"{cursor.spelling}(ErlNifEnv *env)'",
            )
        self.hooks[hook] = cursor.spelling

    def collect_type(
        self, cursor, annotated, notes: Annotations, c_type: str | None = None
    ) -> None:
        annotation = notes.shape()
        if annotation is None:
            if notes.values:
                notes.only((), f"'{cursor.spelling}' without a shape annotation")
            return
        key = type_key(cursor.type)
        where = Location.of(annotated)
        shape = model.BY_ANNOTATION[annotation]
        notes.only(notes_of.SHAPES + shape.options, "a type")
        if key in self.entries:
            if self.entries[key].location != where:
                raise GeneratorError(
                    where, f"'{key}' is already mapped at {self.entries[key].location}"
                )
            return
        definition = cursor.type.get_canonical().get_declaration().get_definition()
        if definition is None:
            raise GeneratorError(
                where, f"'{key}' is only declared, not defined: nif_derive needs its members"
            )
        is_enum = definition.kind == C.ENUM_DECL
        if shape.on_enum != is_enum:
            what = "an enum" if is_enum else "a struct"
            raise GeneratorError(where, f"NIF_{annotation.upper()} cannot be used on {what}")
        if definition.kind == C.UNION_DECL:
            raise GeneratorError(
                where, "a union has no term of its own: put it inside a NIF_TAGGED_ENUM struct"
            )
        doc = doc_comments.of(annotated) or doc_comments.of(definition)
        self.entries[key] = Entry(
            key, shape, notes, definition, c_type or cursor.type.spelling, where, doc
        )

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
        if not ident.isascii():
            raise GeneratorError(
                entry.location,
                f"'{ident}' cannot name an Elixir type: nif_derive needs ASCII C type names",
            )
        origin = model.Origin(
            entry.c_type, entry.location, self.type_location(entry), entry.key, entry.doc
        )
        encode = "decode_only" not in notes
        decode = "encode_only" not in notes
        if "encode_only" in notes and "decode_only" in notes:
            raise GeneratorError(
                entry.location,
                "NIF_ENCODE_ONLY and NIF_DECODE_ONLY together leave nothing to generate",
            )
        decl = entry.shape.create(entry.c_type, ident, origin, notes, encode, decode)
        entry.decl = decl  # before the fields and arms: they may refer back to it
        self.building.append(decl)
        try:
            decl.fill(self, entry.definition, entry.location, notes)
        except GeneratorError as error:
            raise self.at_typedef(error, origin) from None
        finally:
            self.building.pop()
        return decl

    def struct_fields(self, decl: model.Composite, definition, where: Location, notes: Annotations):
        """The fields of a struct shape and the members decode zeroes (see `fields`)."""
        return self.fields(definition, decl.c_type, prefix="", type_notes=notes)

    @staticmethod
    def at_typedef(error: GeneratorError, origin: model.Origin) -> GeneratorError:
        """An error inside a type whose header the user cannot edit, moved to the typedef
        that maps it (DESIGN §9), naming the member and where it is declared."""
        if (
            origin.type_location is None
            or error.location is None
            or error.location.file == origin.location.file
        ):
            return error
        if error.member:
            where = (
                f"'{error.member}' declared at {error.location}; "
                f"NIF_SKIP({error.member}) leaves it out"
            )
        else:
            where = f"declared at {error.location}"
        return GeneratorError(
            origin.location, f"{error.message} (in {origin.type_name}: {where})", error.member
        )

    def type_location(self, entry: Entry) -> Location | None:
        where = Location.of(entry.definition)
        return (
            where
            if where.file != entry.location.file or where.line != entry.location.line
            else None
        )

    def enumerators(self, definition, notes: Annotations) -> list[tuple[str, str]]:
        """(enumerator, atom) of a NIF_UNIT_ENUM, after the typedef's NIF_RENAME_FIELD and
        NIF_SKIP / NIF_ONLY naming enumerators (a left-out one has no atom: encoding it fails)."""
        names = [c.spelling for c in parse_arms.constants_of(definition)]
        self.check_paths(notes, set(names), f"'{definition.type.spelling}'", "enumerator")
        options = parse_arms.enumerator_options(notes, names, ("rename",))
        variants = []
        values: dict[int, str] = {}
        for e in parse_arms.enumerators(definition, options):
            constant = e.cursor
            if constant.enum_value in values:
                raise GeneratorError(
                    e.location,
                    f"{constant.spelling} has the same value as "
                    f"{values[constant.enum_value]}: their atoms would be ambiguous",
                )
            values[constant.enum_value] = constant.spelling
            variants.append((constant.spelling, check_atom(e.atom, e.location)))
        return variants
