"""C doc comments (`/** … */`, `/*! … */`, `///`, `//!`, trailing `///<`) as Markdown text for the
generated @moduledoc, @typedoc and @doc.

libclang attaches only doc comments to declarations (`raw_comment`); plain
`/* … */` comments stay in the header.
"""

from __future__ import annotations

import re
import textwrap

_OPEN = re.compile(r"^\s*(?:/\*(?:\*+|!)<?|//[/!]<?)")  # `/**`, `/*!`, `///`, `//!`, with `<`
_STAR = re.compile(r"^\s*\*(?!/)")  # the `*` that starts a block comment's inner lines
_CLOSE = re.compile(r"\s*\*+/\s*$")


def comment_text(raw: str | None) -> str:
    """The text of a doc comment: comment markers removed, common indentation removed,
    trailing spaces and blank first and last lines dropped. '' for no comment."""
    if not raw:
        return ""
    lines = []
    for line in raw.splitlines():
        line = _CLOSE.sub("", line)
        opening = _OPEN.match(line) or _STAR.match(line)
        if opening:
            line = line[opening.end() :]
        lines.append(line.rstrip())
    return textwrap.dedent("\n".join(lines)).strip("\n")


def of(cursor) -> str:
    """The doc comment of a libclang cursor, as text."""
    return comment_text(cursor.raw_comment)


def heredoc(text: str, indent: int = 2) -> str:
    """`text` inside an Elixir `\"\"\"` heredoc whose lines start `indent` spaces in: backslashes,
    `#{` and `\"\"\"` escaped; every line after the first indented (the template indents the
    first), blank lines left empty."""
    escaped = text.replace("\\", "\\\\").replace("#{", "\\#{").replace('"""', '\\"""')
    pad = " " * indent
    return "\n".join(
        (pad + line if line and i else line) for i, line in enumerate(escaped.split("\n"))
    )
