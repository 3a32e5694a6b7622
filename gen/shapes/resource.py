"""NIF_RESOURCE("Mod"): a C struct behind an opaque reference (DESIGN §8).

Its members are never converted: the generated C opens a resource type for
it at load (`templates/c/shapes/resource.j2`), and `T *` / `T` values are a
kind of their own (`kinds.resource.ResourceRef`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import clang.cindex as cindex

from ..errors import GeneratorError, Location
from . import Decl, Origin

C = cindex.CursorKind
K = cindex.TypeKind

LOCKS = {"mutex": "ND_LOCK_MUTEX", "rwlock": "ND_LOCK_RWLOCK"}
# The type name is "<module>#<16 hex digits>", an atom of at most 255 bytes.
MAX_MODULE = 255 - 17
# What enif_alloc_resource aligns an object to (and nd_resource_open accepts).
MAX_ALIGN = 8
# (result, parameters after the T *) of the callbacks, as canonical spellings.
CALLBACKS = {
    "destructor": ("void", []),
    "down": ("void", ["ErlNifPid", "ErlNifMonitor"]),
}


@dataclass
class Resource(Decl):
    """A resource type: `Mod.t()` is `reference()`."""

    annotation: ClassVar[str] = "resource"
    template: ClassVar[str] = "resource"
    elixir_template: ClassVar[str] = "resource"
    resource_type: ClassVar[bool] = True
    options: ClassVar[tuple[str, ...]] = ("lock", "destructor", "down")
    c_type: str
    ident: str
    origin: Origin
    module: str = ""
    lock: str = ""  # "", mutex or rwlock
    destructor: str | None = None
    down: str | None = None
    layout: str = ""  # members as "<C type> <name>@<offset>:<size>;", hashed into the type name
    encode: bool = False  # a resource is never converted: no nif_decode_T / nif_encode_T
    decode: bool = False
    native_module: str = ""

    @classmethod
    def create(cls, c_type, ident, origin, notes, encode, decode):
        module = notes.get("resource")
        where = notes.locations["resource"]
        if len(module.encode()) > MAX_MODULE:
            raise GeneratorError(
                where, f"NIF_RESOURCE module name is longer than {MAX_MODULE} bytes"
            )
        lock = notes.get("lock") or ""
        if lock and lock not in LOCKS:
            raise GeneratorError(notes.locations["lock"], f"unknown lock '{lock}'")
        return cls(
            c_type,
            ident,
            origin,
            module=module,
            lock=lock,
            destructor=notes.get("destructor"),
            down=notes.get("down"),
        )

    def fill(self, parser, definition, where: Location, notes) -> None:
        align = definition.type.get_align()
        if align > MAX_ALIGN:
            raise GeneratorError(
                where,
                f"'{self.c_type}' needs {align}-byte alignment; resource objects are aligned "
                f"to {MAX_ALIGN} bytes",
            )
        for option in CALLBACKS:
            name = getattr(self, option)
            if name is not None:
                self.check_callback(parser, option, name, notes.locations[option])
        self.layout = "".join(
            f"{member.type.spelling} {member.spelling}"
            f"@{definition.type.get_offset(member.spelling) // 8}:{member.type.get_size()};"
            for member in definition.get_children()
            if member.kind == C.FIELD_DECL
        )

    def check_callback(self, parser, option: str, name: str, where: Location) -> None:
        result, rest = CALLBACKS[option]
        expected = f"{result} {name}({', '.join([self.c_type + ' *'] + rest)})"
        cursor = parser.prototypes.get(name)
        if cursor is None:
            raise GeneratorError(
                where, f"NIF_{option.upper()}({name}): no prototype '{expected}' is declared"
            )
        params = [p.type for p in cursor.get_arguments()]
        ok = (
            cursor.result_type.get_canonical().kind == K.VOID
            and len(params) == 1 + len(rest)
            and params[0].get_canonical().kind == K.POINTER
            and params[0].get_pointee().get_canonical().spelling.removeprefix("const ")
            == self.origin.type_name
            and [p.spelling for p in params[1:]] == rest
        )
        if not ok:
            raise GeneratorError(
                Location.of(cursor),
                f"'{name}' is the NIF_{option.upper()} of {self.c_type}: declare it as "
                f"'{expected}'",
            )

    @property
    def elixir_module(self) -> str:  # type: ignore[override]
        return self.module

    @property
    def lock_kind(self) -> str:
        return LOCKS.get(self.lock, "ND_LOCK_NONE")

    def typespec_ref(self) -> str:
        return f"{self.module}.t()"

    def typespec(self) -> str:
        return "reference()"

    def describe(self) -> str:
        return f"{self.module} reference"

    def public_functions(self) -> list[str]:
        names = [f"nif_{verb}_{self.ident}" for verb in ("keep", "release", "new")]
        if self.down:
            names += [f"nif_monitor_{self.ident}", f"nif_demonitor_{self.ident}"]
        return names

    def helper_functions(self) -> list[str]:
        names = [f"{self.ident}_{part}" for part in ("resource", "dtor")]
        if self.destructor:
            names.append(f"{self.ident}_destroy")
        if self.down:
            names += [f"{self.ident}_down", f"{self.ident}_on_down"]
        return names
