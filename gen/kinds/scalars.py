"""Scalar kinds: integers, floats, bools, binaries, strings, char arrays, terms, pids.

Each is converted by its runtime codec pair (`Type.codec`) through the one template
`templates/c/kinds/scalar.j2`."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import GeneratorError, Location
from . import Default, Type

# C literals NIF_DEFAULT takes: decimal, octal or hex integers with suffixes; decimal floats
C_INTEGER = re.compile(
    r"[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uU]?[lL]{0,2}|[lL]{1,2}[uU])"
)
C_FLOAT = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))([eE][+-]?[0-9]+)?[fF]?")


def c_integer(text: str) -> int | None:
    """The value of a C integer literal (`-12`, `0x1F`, `017`, `10u`), None for anything else."""
    if not C_INTEGER.fullmatch(text):
        return None
    digits = text.rstrip("uUlL")
    octal = re.fullmatch(r"[+-]?0[0-7]+", digits)
    return int(digits, 8) if octal else int(digits, 0)


# <stdint.h>/<limits.h> macros for the largest value of a spelling
MAX_MACROS = {
    "size_t": "SIZE_MAX",
    "int": "INT_MAX",
    "unsigned": "UINT_MAX",
    "unsigned int": "UINT_MAX",
    "long": "LONG_MAX",
    "unsigned long": "ULONG_MAX",
}
EXACT_WIDTH = (
    "int8_t",
    "int16_t",
    "int32_t",
    "int64_t",
    "uint8_t",
    "uint16_t",
    "uint32_t",
    "uint64_t",
)


class Scalar(Type):
    """A kind converted by one runtime codec pair, nd_decode_<codec> / nd_encode_<codec>."""

    template: ClassVar[str] = "scalar"


@dataclass(frozen=True)
class Integer(Scalar):
    """Any C integer type; `spelling` as written (`int32_t`), `rank` its canonical type."""

    plain: ClassVar[bool] = True
    spelling: str
    # runtime decoder suffix: char schar short int long llong uchar ushort uint ulong ullong
    rank: str
    signed: bool
    bits: int

    @property
    def ident(self) -> str:
        return self.spelling.replace(" ", "_")

    @property
    def codec(self) -> str:
        return f"int_{self.ident}"

    @property
    def codec_instance(self) -> str:
        return f'ND_INTEGER_CODEC({self.ident}, {self.rank}, "{self.spelling}")'

    @property
    def min(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def max(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    @property
    def max_macro(self) -> str:
        """The C expression for `max`: a <stdint.h>/<limits.h> macro where the spelling has one."""
        if self.spelling in MAX_MACROS:
            return MAX_MACROS[self.spelling]
        if self.spelling in EXACT_WIDTH:
            return self.spelling[:-2].upper() + "_MAX"
        return f"{self.max}u"

    def typespec(self) -> str:
        return f"{self.min}..{self.max}"

    def describe(self) -> str:
        return f"integer in {self.spelling} range {self.min}..{self.max}"

    def parse_default(self, text: str, where: Location) -> Default:
        value = c_integer(text)
        if value is None:
            raise GeneratorError(where, f"NIF_DEFAULT({text}) is not an integer literal")
        if not self.min <= value <= self.max:
            raise GeneratorError(
                where, f"NIF_DEFAULT({text}) is out of {self.spelling} range {self.min}..{self.max}"
            )
        return Default(text, str(value))


@dataclass(frozen=True)
class Float(Scalar):
    """`float` or `double`."""

    plain: ClassVar[bool] = True
    spelling: str

    @property
    def ident(self) -> str:
        return self.spelling

    @property
    def max(self) -> float:
        return 3.4028234663852886e38 if self.spelling == "float" else sys.float_info.max

    def typespec(self) -> str:
        return "float()"

    def describe(self) -> str:
        return f"number ({self.spelling})"

    def parse_default(self, text: str, where: Location) -> Default:
        integer = c_integer(text)
        if integer is None and not C_FLOAT.fullmatch(text):
            raise GeneratorError(where, f"NIF_DEFAULT({text}) is not a number")
        if integer is not None and not -(2**63) <= integer < 2**63:
            raise GeneratorError(where, f"NIF_DEFAULT({text}) is out of long long range")
        value = float(integer) if integer is not None else float(text.rstrip("fF"))
        if abs(value) > self.max:
            raise GeneratorError(where, f"NIF_DEFAULT({text}) is out of {self.spelling} range")
        literal = repr(value)
        if "e" in literal and "." not in literal.split("e")[0]:
            mantissa, exponent = literal.split("e")
            literal = f"{mantissa}.0e{exponent}"
        return Default(text, literal.replace("e+", "e"))


@dataclass(frozen=True)
class Bool(Scalar):
    plain: ClassVar[bool] = True

    @property
    def ident(self) -> str:
        return "bool"

    def typespec(self) -> str:
        return "boolean()"

    def parse_default(self, text: str, where: Location) -> Default:
        if text in ("true", "false"):
            return Default(text, text)
        return super().parse_default(text, where)


@dataclass(frozen=True)
class Binary(Scalar):
    """`nif_binary`: zero-copy binary."""

    @property
    def ident(self) -> str:
        return "binary"

    def typespec(self) -> str:
        return "binary()"


@dataclass(frozen=True)
class String(Scalar):
    """`const char *` (or `char *`): UTF-8 binary, copied and NUL-terminated on decode.

    Its template (`string.j2`) is the scalar one with a NULL check naming the member."""

    template: ClassVar[str] = "string"
    counts_work: ClassVar[bool] = True
    const: bool = True
    nullable: bool = False  # NIF_OPTIONAL: nil ↔ NULL
    # Encode's error for NULL when not nullable, naming the member and the option to use.
    null_message: str = field(default="", compare=False)

    @property
    def ident(self) -> str:
        return "nullable_string" if self.nullable else "string"

    @property
    def decode_cast(self) -> str:
        return "" if self.const else "(const char **)"

    @property
    def encode_cast(self) -> str:
        return "" if self.const else "(const char *const *)"

    def typespec(self) -> str:
        return "String.t() | nil" if self.nullable else "String.t()"

    def accepts_nil(self) -> bool:
        return self.nullable

    def describe(self) -> str:
        return "nil or UTF-8 binary" if self.nullable else "UTF-8 binary"

    def parse_default(self, text: str, where: Location) -> Default:
        if self.nullable and text == "NULL":
            return Default("NULL", "nil")
        if not text.startswith('"'):
            return super().parse_default(text, where)
        try:
            value = ast.literal_eval(text)
            if not isinstance(value, str):
                raise ValueError(text)
        except (ValueError, SyntaxError):
            raise GeneratorError(where, f"NIF_DEFAULT({text}) is not a string literal") from None
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("#{", "\\#{")
            .replace("\n", "\\n")
        )
        return Default(text, f'"{escaped}"')


@dataclass(frozen=True)
class UString(String):
    """`unsigned char *` / `uint8_t *` without a length: a NUL-terminated UTF-8 string, as
    `char *`.

    The runtime's ustring codecs are its `char *` ones through a converted pointer.
    """

    pointer_c_type: str = "const unsigned char *"  # as the user spelled it: `const uint8_t *`

    @property
    def ident(self) -> str:
        return "nullable_ustring" if self.nullable else "ustring"

    @property
    def decode_cast(self) -> str:
        return "" if self.const else "(const unsigned char **)"

    @property
    def encode_cast(self) -> str:
        return "" if self.const else "(const unsigned char *const *)"


@dataclass(frozen=True)
class CharArray(Scalar):
    """`char name[N]`: UTF-8 binary of at most N-1 bytes."""

    plain: ClassVar[bool] = True
    element_ok: ClassVar[bool] = False
    capacity: int

    @property
    def ident(self) -> str:
        return f"char{self.capacity}"

    @property
    def codec(self) -> str:
        return f"char_array_{self.capacity}"

    @property
    def codec_instance(self) -> str:
        return f"ND_CHAR_ARRAY_CODEC({self.capacity})"

    def typespec(self) -> str:
        return "String.t()"

    def describe(self) -> str:
        return f"UTF-8 binary of at most {self.capacity - 1} bytes"


@dataclass(frozen=True)
class Term(Scalar):
    """`ERL_NIF_TERM`: any term, passed through."""

    env_bound: ClassVar[bool] = True

    @property
    def ident(self) -> str:
        return "term"

    def typespec(self) -> str:
        return "term()"

    def accepts_nil(self) -> bool:
        return True


@dataclass(frozen=True)
class Pid(Scalar):
    """`ErlNifPid`: a local pid."""

    @property
    def ident(self) -> str:
        return "pid"

    def typespec(self) -> str:
        return "pid()"
