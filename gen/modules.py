"""The Elixir modules one run defines: valid aliases, each in a file of its own.

Elixir's own modules (`Kernel`, `String`, `Mix.Task`) are found by the Elixir
process that formats the generated files (emit.py), which knows them all.
"""

from __future__ import annotations

import re

from . import model
from .errors import GeneratorError, Location
from .naming import MAX_ATOM, module_path

ALIAS_PART = re.compile(r"[A-Z][A-Za-z0-9_]*\Z")
OTP_APP = re.compile(r"[a-z][a-z0-9_]*\Z")
ALIAS_RULE = (
    "each dot-separated part starts with an ASCII capital letter, followed by ASCII letters, "
    "digits or underscores (Geometry.Point)"
)


def problem(name: str) -> str | None:
    """Why `name` cannot name an Elixir module (None: it can)."""
    if len(f"Elixir.{name}") > MAX_ATOM:
        return f"module name {name[:20]}… is too long: atoms have at most {MAX_ATOM} characters"
    if all(ALIAS_PART.match(part) for part in name.split(".")):
        return None
    return f"{quote(name)} is not an Elixir module name: {ALIAS_RULE}"


def otp_app_problem(name: str) -> str | None:
    """Why `name` cannot name an OTP application (None: it can)."""
    if OTP_APP.match(name):
        return None
    return (
        f"{quote(name)} is not an OTP application name: a lowercase ASCII letter followed by "
        "lowercase letters, digits or underscores"
    )


def quote(text: str) -> str:
    """`text` as a C string literal, printable whatever it holds: `"Foo\\"Bar"`."""

    def escape(c: str) -> str:
        if c in '"\\':
            return "\\" + c
        return c if c.isprintable() else c.encode("unicode_escape").decode("ascii")

    return '"' + "".join(map(escape, text)) + '"'


# Elixir's built-in and basic types: a type of the native module cannot have their names.
BUILT_IN_TYPES = frozenset(
    "any none atom map pid port reference struct tuple float integer neg_integer non_neg_integer "
    "pos_integer list nonempty_list maybe_improper_list nonempty_improper_list "
    "nonempty_maybe_improper_list term arity as_boolean binary nonempty_binary bitstring "
    "nonempty_bitstring boolean byte char charlist nonempty_charlist fun function identifier "
    "iodata iolist keyword module mfa no_return node number timeout".split()
)


def check_types(module: model.Module) -> None:
    """Stop at a type whose Elixir type in the native module is built in or another's."""
    seen: dict[str, model.Decl] = {}
    for decl in module.decls:
        if decl.elixir_module is not None:
            continue
        name, where = decl.type_name, decl.origin.location
        if name in BUILT_IN_TYPES:
            raise GeneratorError(
                where, f"'{decl.c_type}' would define {name}(), a built-in Elixir type: rename it"
            )
        if name in seen:
            raise GeneratorError(
                where,
                f"'{decl.c_type}' and '{seen[name].c_type}' ({seen[name].origin.location}) "
                f"would both define the Elixir type {name}(): rename one of them",
            )
        seen[name] = decl


def check(module: model.Module) -> None:
    """Stop at the annotation of a module name that is invalid, taken twice, the native
    module's, or whose file would be another's (`Dup.AB` and `Dup.Ab` are both `dup/ab.ex`)."""
    native = module.native_module
    by_name: dict[str, Location] = {}
    by_path: dict[str, tuple[str, Location | None]] = {module_path(native).lower(): (native, None)}
    for decl in module.decls:
        name = decl.elixir_module
        if name is None:
            continue
        where = decl.origin.location
        why = problem(name)
        if why is not None:
            raise GeneratorError(where, why)
        if name == native:
            raise GeneratorError(
                where, f'{decl.macro}("{name}") is the native module\'s name: choose another'
            )
        if name in by_name:
            raise GeneratorError(
                where, f"module {name} is already defined by the type at {by_name[name]}"
            )
        path = module_path(name).lower()
        if path in by_path:
            other, at = by_path[path]
            owner = f"the type at {at}" if at is not None else "the native module"
            raise GeneratorError(
                where,
                f"module {name} would be written to {module_path(name)}.ex, the file of "
                f"{other} ({owner}): choose names that differ after Macro.underscore",
            )
        by_name[name] = where
        by_path[path] = (name, where)
    check_types(module)
