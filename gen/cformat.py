"""Long lines of generated C, broken the way clang-format breaks them (the repository's
.clang-format: 100 columns, 4-space continuation, arguments aligned after their parenthesis).

The generator cannot run clang-format itself (its output must not depend on the machine), so
the templates write short lines and this breaks the few constructs that can still be long:
prototypes, calls, assignments, string literals and block comments.
"""

from __future__ import annotations

import re

COLUMNS = 100
CONTINUATION = 4


# What _scan reports (brackets, commas, `=`) or skips whole: a string or character literal,
# one left open running to the end of the line. A regular expression, not a loop per
# character: the generated C has thousands of long lines.
_TOKEN = re.compile(r""""(?:[^"\\]|\\.?)*(?:"|$)|'(?:[^'\\]|\\.?)*(?:'|$)|[()\[\]{},=]""")


def _scan(line: str):
    """(index, char, depth) of every bracket, comma and `=` outside string and character
    literals."""
    depth = 0
    for match in _TOKEN.finditer(line):
        i, ch = match.start(), match.group()
        if ch[0] in "\"'":
            continue
        if ch in "([{":
            depth += 1
            yield i, ch, depth
        elif ch in ")]}":
            yield i, ch, depth
            depth -= 1
        else:
            yield i, ch, depth


def _arguments(line: str) -> tuple[int, int, list[str]] | None:
    """The first (outermost) parenthesised list of two or more arguments: its bounds and items."""
    opens: dict[int, int] = {}
    lists = []
    for i, ch, depth in _scan(line):
        if ch == "(":
            opens[depth] = i
        elif ch == ")" and depth in opens:
            start = opens.pop(depth)
            inner = line[start + 1 : i]
            commas = [j for j, c, d in _scan(inner) if c == "," and d == 0]
            if commas:
                bounds = [-1, *commas, len(inner)]
                items = [inner[a + 1 : b].strip() for a, b in zip(bounds, bounds[1:])]
                lists.append((start, i, items))
    return min(lists, default=None)


def _split_string(literal: str, width: int) -> list[str]:
    """A string literal as adjacent literals no wider than `width`, split after spaces."""
    parts = []
    while len(literal) > width:
        cut = literal.rfind(" ", 0, width - 1)
        if cut <= 1:
            break
        parts.append(literal[: cut + 1] + '"')
        literal = '"' + literal[cut + 1 :]
    return parts + [literal]


def _pack(head: str, items: list[str], column: int, tail: str) -> list[str]:
    """`head` then the items joined by `, ` greedily, continuation lines starting at `column`."""
    lines, current = [], head
    for n, item in enumerate(items):
        text = item + ("," if n < len(items) - 1 else tail)
        if (
            n == 0
            and len(current + text) <= COLUMNS
            or n > 0
            and len(current) + 1 + len(text) <= COLUMNS
        ):
            current += (" " if n > 0 else "") + text
            continue
        if item.startswith('"') and item.endswith('"'):
            first = n == 0 and len(current) < column + 1
            pieces = _split_string(
                item, COLUMNS - (len(current) + 1 if first or n == 0 else column)
            )
            if n > 0 or not first:
                lines.append(current)
                current = " " * column
                pieces = _split_string(item, COLUMNS - column - len(text) + len(item))
            for piece in pieces[:-1]:
                lines.append(current + piece)
                current = " " * column
            current += pieces[-1] + text[len(item) :]
            continue
        if n > 0:
            lines.append(current)
            current = " " * column
        current += text
    lines.append(current)
    return lines


def _wrap_call(line: str, indent: int) -> list[str]:
    found = _arguments(line)
    if found is None:
        return [line]
    start, end, items = found
    lines = _pack(line[: start + 1], items, start + 1, line[end:])
    if all(len(text) <= COLUMNS for text in lines):
        if (
            indent == 0
            and len(lines) > 2
            and not line.startswith(("ERL_NIF_INIT", "int nif", "ERL_NIF_TERM nif"))
        ):
            # A prototype: clang-format puts the return type on its own line rather than use
            # three lines, when the declarator then fits.
            head, _, declarator = line[:start].rpartition(" ")
            if head and len(declarator) + len(line) - start <= COLUMNS:
                return [head, declarator + line[start:]]
        return lines
    # Aligned after the parenthesis it does not fit: break after it instead.
    return [line[: start + 1]] + _pack(
        " " * (indent + CONTINUATION), items, indent + CONTINUATION, line[end:]
    )


def _aligned_call(line: str) -> list[str] | None:
    """The call on `line` with its arguments aligned after its parenthesis, if they fit."""
    found = _arguments(line)
    if found is None:
        return None
    start, end, items = found
    lines = _pack(line[: start + 1], items, start + 1, line[end:])
    return lines if all(len(text) <= COLUMNS for text in lines) else None


def _wrap_assignment(line: str, indent: int) -> list[str] | None:
    for i, _, depth in _scan(line):
        if depth == 0 and line[i - 1 : i + 2] == " = ":
            rhs = line[i + 2 :]
            second = " " * (indent + CONTINUATION) + rhs
            if len(second) <= COLUMNS:
                return [line[:i].rstrip() + " =", second]
            if _aligned_call(line) is None:
                # A call whose arguments fit aligned only once it starts on the next line.
                moved = _aligned_call(second)
                if moved is not None:
                    return [line[:i].rstrip() + " =", *moved]
            return _wrap_call(line, indent)
    return None


def _wrap_initializer(line: str, indent: int) -> list[str] | None:
    """A brace initializer on a line of its own (`{"nif_f", 1, f, 0},`), aligned after its brace."""
    stripped = line.strip()
    if not (stripped.startswith("{") and stripped.rstrip(",").endswith("}")):
        return None
    end = line.rindex("}")
    inner = line[indent + 1 : end]
    bounds = [-1, *(j for j, c, d in _scan(inner) if c == "," and d == 0), len(inner)]
    items = [inner[a + 1 : b].strip() for a, b in zip(bounds, bounds[1:])]
    return _pack(line[: indent + 1], items, indent + 1, line[end:])


def _wrap_comment(line: str, indent: int) -> list[str]:
    lines, current = [], " " * indent + "/*"
    for word in line.strip()[2:-2].split():
        if len(current) + 1 + len(word) > COLUMNS and current.strip() not in ("/*", "*"):
            lines.append(current)
            current = " " * indent + " *"
        current += " " + word
    if len(current) + 3 > COLUMNS:
        return lines + [current, " " * indent + " */"]
    return lines + [current + " */"]


def _wrap_comment_line(line: str, indent: int) -> list[str]:
    """A line inside a block comment (` * text`), continued on ` * ` lines."""
    lines, current = [], " " * indent + "*"
    for word in line.strip()[1:].split():
        if len(current) + 1 + len(word) > COLUMNS and current.strip() != "*":
            lines.append(current)
            current = " " * indent + "*"
        current += " " + word
    return lines + [current]


def wrap_line(line: str) -> list[str]:
    if len(line) <= COLUMNS:
        return [line]
    indent = len(line) - len(line.lstrip(" "))
    stripped = line.strip()
    if stripped.startswith("* "):
        return _wrap_comment_line(line, indent)
    if stripped.startswith("/*") and stripped.endswith("*/") and "*/" not in stripped[2:-2]:
        return _wrap_comment(line, indent)
    return (
        _wrap_initializer(line, indent)
        or _wrap_assignment(line, indent)
        or _wrap_call(line, indent)
    )


def wrap(text: str) -> str:
    """`text` with every line longer than COLUMNS broken."""
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) <= COLUMNS:
            lines.append(line)
        else:
            lines.extend(wrap_line(line))
    return "\n".join(lines)
