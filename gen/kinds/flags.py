"""Kinds chosen by a member option over a C type that has a default term of its own:
NIF_AS_BINARY (bytes with a NIF_LEN length as a binary, not a list) and NIF_AS_BOOL (an
integer as true/false)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import Location
from . import Default, Type
from .scalars import Integer, Scalar


@dataclass(frozen=True)
class Bytes(Type):
    """`char *`, `unsigned char *` or `uint8_t *` (const or not) with `NIF_LEN(n)
    NIF_AS_BINARY`: a binary of n bytes, no UTF-8 check.

    Decode points into the term's bytes when the pointee is const (valid until the NIF
    returns, as `nif_binary`), and copies them into the call's arena when it is not (the C
    code may write through the pointer; a binary's bytes must never be written)."""

    template: ClassVar[str] = "bytes"
    counts_work: ClassVar[bool] = True
    element_ok: ClassVar[bool] = False
    pointer_c_type: str  # as the user spelled it: `const yaml_char_t *`
    const: bool
    length_name: str
    length_type: Integer
    what: str = field(default="", compare=False)  # the member, for messages

    @property
    def ident(self) -> str:
        return "bytes"

    @property
    def null_message(self) -> str:
        return f"{self.what} ({self.pointer_c_type}) is NULL with a nonzero length"

    def typespec(self) -> str:
        return "binary()"

    def describe(self) -> str:
        return "binary"


@dataclass(frozen=True)
class IntBool(Scalar):
    """An integer with NIF_AS_BOOL: `true`/`false`; encode maps nonzero to true."""

    plain: ClassVar[bool] = True
    integer: Integer

    @property
    def ident(self) -> str:
        return f"bool_{self.integer.ident}"

    @property
    def spelling(self) -> str:
        return self.integer.spelling

    @property
    def codec_instance(self) -> str:
        return f"ND_BOOL_CODEC({self.integer.ident}, {self.integer.rank})"

    def typespec(self) -> str:
        return "boolean()"

    def describe(self) -> str:
        return f"true or false ({self.integer.spelling})"

    def parse_default(self, text: str, where: Location) -> Default:
        if text in ("true", "false"):
            return Default("1" if text == "true" else "0", text)
        return super().parse_default(text, where)
