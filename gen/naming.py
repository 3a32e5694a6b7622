"""Names: enumerator atoms, C identifiers, Elixir module paths."""

from __future__ import annotations

import re

from .errors import GeneratorError, Location

_ATOM_SAFE = re.compile(r"[a-z_][a-zA-Z0-9_@]*[?!]?\Z")
MAX_ATOM = 255  # characters, the VM's limit
_FUNCTION_NAME = re.compile(r"[a-z_][a-zA-Z0-9_]*[?!]?\Z")

# Parameters and locals of the generated functions (read from the generated C with libclang): a
# type or enumerator the generated code names must not be hidden by one of them.
GENERATED_LOCALS = frozenset(
    "argc argv arity call count decoded elements entry env frame head i items iterator key keys "
    "length list load_info max_length name old_priv_data out position present priv_data result "
    "saved saved_length source string tail term value values".split()
)


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


def elixir_string_body(text: str, quote: str = '\\"') -> str:
    """The inside of an Elixir string or quoted atom: no interpolation, control characters
    escaped. `quote`: how a `"` is written."""
    escaped = []
    for c in text:
        if c in "\\#":
            escaped.append("\\" + c)
        elif c == '"':
            escaped.append(quote)
        elif c.isprintable():
            escaped.append(c)
        else:
            escaped.append(f"\\u{{{ord(c):x}}}")
    return "".join(escaped)


def elixir_atom(name: str) -> str:
    """An atom literal as Elixir prints it: `:center`, `:"8bit"`."""
    if _ATOM_SAFE.match(name):
        return f":{name}"
    return f':"{elixir_string_body(name)}"'


def keyword_key(name: str) -> str:
    """A keyword/map-shorthand key: `width:`, `"8bit":`."""
    if _ATOM_SAFE.match(name):
        return f"{name}:"
    # Elixir 1.14's formatter drops the backslash of `\"` in a quoted key; `\x22` it keeps.
    return '"' + elixir_string_body(name, quote="\\x22") + '":'


def atom_problem(name: str) -> str | None:
    """Why a NIF cannot make the atom `name` (None: it can). OTP 25's enif_make_atom takes
    Latin-1 text of at most 255 characters."""
    if len(name) > MAX_ATOM:
        return f"atom :{name[:20]}… is {len(name)} characters long; atoms have at most {MAX_ATOM}"
    if not name.isprintable() or any(ord(c) > 0xFF for c in name):
        return (
            f"atom {elixir_atom(name)} has characters a NIF cannot put in an atom: "
            "Latin-1 printable characters only"
        )
    return None


def is_function_name(name: str) -> bool:
    """True when `name` is spelled as a `def` name can be (`valid?`, `put!`, `_hidden`);
    ELIXIR_RESERVED lists the words that still cannot be."""
    return bool(_FUNCTION_NAME.match(name))


def c_identifier(text: str) -> str:
    """A C identifier fragment from arbitrary text: `Elixir.Geometry.Point` →
    `elixir_geometry_point`."""
    ident = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return ident if ident and not ident[0].isdigit() else f"_{ident}"


def check_atom(name: str, where: Location) -> str:
    """`name`, or a GeneratorError at `where` when a NIF cannot make it an atom."""
    why = atom_problem(name)
    if why is not None:
        raise GeneratorError(where, why)
    return name


def c_string(text: str) -> str:
    """A C string literal of the UTF-8 bytes of `text` (printable characters as they are)."""
    if PLAIN_C_TEXT.fullmatch(text):
        return f'"{text}"'
    return (
        '"'
        + "".join(c if c.isprintable() and not c.isascii() else c_bytes(c.encode()) for c in text)
        + '"'
    )


# Text that a C string literal holds as it is: printable ASCII but `"`, backslash and `?`.
PLAIN_C_TEXT = re.compile(r"[ !#-/0-9:;<=>@-\[\]-~]*")


def c_atom(name: str) -> str:
    """The inside of a C string literal for enif_make_atom: the Latin-1 bytes of `name`."""
    return c_bytes(name.encode("latin-1"))


def c_bytes(data: bytes) -> str:
    """The inside of a C string literal holding `data`: printable ASCII as is, the rest as
    octal escapes; `?` escaped so that no `??x` reads as a trigraph."""
    out = []
    for byte in data:
        char = chr(byte)
        if char in '"\\?':
            out.append("\\" + char)
        elif 0x20 <= byte < 0x7F:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return "".join(out)


def module_path(module: str) -> str:
    """`Geometry.Point` → `geometry/point` (Macro.underscore of each segment)."""
    return "/".join(underscore(part) for part in module.split("."))


def underscore(name: str) -> str:
    """`HTTPServer` → `http_server`, like Elixir's Macro.underscore."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.lower()


def elixir_type_name(ident: str) -> str:
    """The Elixir type named after the C type `ident`: `point_t` as is, `Point` → `point`."""
    return ident if re.fullmatch(r"[a-z_][A-Za-z0-9_]*", ident) else underscore(ident)


def library_name(module: str) -> str:
    """Native module `Guide.Native` → shared library `guide_native`."""
    return "_".join(underscore(part) for part in module.split("."))


def ordinal(n: int) -> str:
    """1 → `1st`, 2 → `2nd`, 11 → `11th`."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
