"""The typed model between parsing and emitting.

Type kinds (how one C type maps to a term) live in `kinds/`, derive shapes
(the annotated declarations) in `shapes/`; this module adds NIF functions and
the module that one run generates, and re-exports both so that the rest of
the generator says `model.Integer`, `model.Struct`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Location
from .kinds import *  # noqa: F403
from .kinds import Type, types_in
from .kinds import __all__ as _kinds
from .shapes import *  # noqa: F403
from .shapes import Decl
from .shapes import __all__ as _shapes


@dataclass
class Param:
    """A NIF function parameter. `role`: argument (a term), env, length (of a list argument) or
    result_length (the `size_t *` NIF_LEN out parameter of the result)."""

    name: str
    c_type: str  # the C parameter type as written
    role: str
    type: Type | None = None  # argument
    by_pointer: bool = False  # argument passed as `const T *`
    local_c_type: str = ""  # the local the argument decodes into
    local: str = ""  # the wrapper's local for it: `name`, or `name_arg` where that is taken

    def __post_init__(self):
        self.local = self.local or self.name


ARGUMENT, ENV, LENGTH, RESULT_LENGTH = "argument", "env", "length", "result_length"


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
    elixir_name: str = ""  # the Elixir function: NIF_NAME, else the C name
    name_location: Location | None = None  # of NIF_NAME, else of the prototype
    doc: str = ""  # the prototype's C doc comment

    def __post_init__(self):
        self.elixir_name = self.elixir_name or self.name
        self.name_location = self.name_location or self.location

    @property
    def arguments(self) -> list[Param]:
        return [p for p in self.params if p.role == ARGUMENT]

    def types(self) -> list[Type | None]:
        """The types of its result (None: void), then of its arguments: the terms it converts."""
        return [self.result] + [p.type for p in self.arguments]


@dataclass
class Helper:
    """A container type that needs static helper functions, and in which directions."""

    type: Type
    decode: bool = False
    encode: bool = False


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
    declared: dict[str, Location] = field(default_factory=dict)  # file-scope C names → where
    hooks: dict[str, str] = field(default_factory=dict)  # on_load/on_upgrade/on_unload → function

    @property
    def resources(self) -> list[Decl]:
        """The NIF_RESOURCE types, opened at load and upgrade."""
        return [d for d in self.decls if d.resource_type]

    def all_types(self):
        """Every type a value of the module's declarations and functions holds, with repeats
        (an annotated type's fields are walked once, not again wherever it is nested)."""
        seen: set[int] = set()
        for decl in self.decls:
            for t in decl.types():
                yield from types_in(t, seen)
        for fn in self.functions:
            for t in [fn.result] + [p.type for p in fn.arguments]:
                yield from types_in(t, seen)

    def helper_types(self) -> list[Helper]:
        """Container helpers used anywhere, each once, in order of first use, with the
        directions used."""
        seen: dict[str, Helper] = {}

        def visit(t: Type | None, decode: bool, encode: bool):
            if t is None:
                return
            for container in t.helpers():
                helper = seen.setdefault(
                    f"{container.template}:{container.ident}", Helper(container)
                )
                helper.decode |= decode
                helper.encode |= encode

        for decl in self.decls:
            for t, decode, encode in decl.directed_types():
                visit(t, decode, encode)
        for fn in self.functions:
            for p in fn.arguments:
                visit(p.type, True, False)
            visit(fn.result, False, True)
        return list(seen.values())


__all__ = [*_kinds, *_shapes, "Param", "Function", "Helper", "Module"]
