"""Compiler-style diagnostics: `file:line:col: error: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a C header: path as given to the generator, 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def of(cls, cursor) -> "Location":
        """The location of a libclang cursor (or source location)."""
        where = getattr(cursor, "location", cursor)
        file = where.file
        return cls(file.name if file is not None else "<unknown>", where.line, where.column)


class GeneratorError(Exception):
    """A header the generator cannot map. Printed as `file:line:col: error: message`."""

    def __init__(self, location: Location | None, message: str, member: str | None = None):
        super().__init__(message)
        self.location = location
        self.message = message
        # The dotted path of the member it is about (`data.scalar.tag`), when known: a
        # typedef of a foreign type reports it at the typedef, naming the member.
        self.member = member

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        return f"{where}error: {self.message}"
