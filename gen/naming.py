"""Names: enumerator atoms, C identifiers, Elixir module paths."""

from __future__ import annotations

import re

_ATOM_SAFE = re.compile(r"^[a-z_][a-zA-Z0-9_@]*[?!]?$")
_FUNCTION_NAME = re.compile(r"^[a-z_][a-zA-Z0-9_]*[?!]?$")

# words that cannot name an Elixir variable or a `def`
ELIXIR_RESERVED = {
    "do",
    "end",
    "fn",
    "when",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "nil",
    "catch",
    "rescue",
    "after",
    "else",
}
# functions every generated native module already defines: name → arities
NATIVE_MODULE_FUNCTIONS = {"load_nif": (0,), "__info__": (1,), "module_info": (0, 1)}


def common_prefix(names: list[str]) -> str:
    """The longest `_`-terminated prefix shared by all names, leaving each non-empty.

    `ALIGN_LEFT, ALIGN_CENTER` → `ALIGN_`; a single name `COLOR_RED` → `COLOR_`.
    """
    if not names:
        return ""
    if len(names) == 1:
        cut = names[0].rfind("_", 0, len(names[0]) - 1)
        return names[0][: cut + 1] if cut >= 0 else ""
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    cut = prefix.rfind("_")
    prefix = prefix[: cut + 1] if cut >= 0 else ""
    while prefix and any(len(name) == len(prefix) for name in names):
        cut = prefix.rfind("_", 0, len(prefix) - 1)
        prefix = prefix[: cut + 1] if cut >= 0 else ""
    return prefix


def enumerator_atom(name: str, prefix: str) -> str:
    """`ALIGN_CENTER` with prefix `ALIGN_` → `center`."""
    return name[len(prefix) :].lower()


def elixir_atom(name: str) -> str:
    """An atom literal as Elixir prints it: `:center`, `:"8bit"`."""
    if _ATOM_SAFE.match(name):
        return f":{name}"
    return ':"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def keyword_key(name: str) -> str:
    """A keyword/map-shorthand key: `width:`, `"8bit":`."""
    if _ATOM_SAFE.match(name):
        return f"{name}:"
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '":'


def is_function_name(name: str) -> bool:
    """True when `name` is spelled as a `def` name can be (`valid?`, `put!`, `_hidden`);
    ELIXIR_RESERVED lists the words that still cannot be."""
    return bool(_FUNCTION_NAME.match(name))


def c_identifier(text: str) -> str:
    """A C identifier fragment from arbitrary text: `Elixir.Geometry.Point` →
    `elixir_geometry_point`."""
    ident = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return ident if ident and not ident[0].isdigit() else f"_{ident}"


def c_string(text: str) -> str:
    """A C string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def module_path(module: str) -> str:
    """`Geometry.Point` → `geometry/point` (Macro.underscore of each segment)."""
    return "/".join(underscore(part) for part in module.split("."))


def underscore(name: str) -> str:
    """`HTTPServer` → `http_server`, like Elixir's Macro.underscore."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


def library_name(module: str) -> str:
    """Native module `Guide.Native` → shared library `guide_native`."""
    return "_".join(underscore(part) for part in module.split("."))


def ordinal(n: int) -> str:
    """1 → `1st`, 2 → `2nd`, 11 → `11th`."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
