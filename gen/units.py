"""The generated C of a large module as several files that the C compiler builds in parallel.

A module whose types and helpers come to more than PART_LINES lines of C keeps in
`<library>.c` its atoms, NIF functions, load callbacks and whatever uses a resource type
(their descriptors are static there), and moves every other type and container helper into
`<library>_<n>.c` files of about PART_LINES lines each, in declaration order. The files share
`<library>_internal.h`: the atoms, key sets and atom tables, codec pairs and helpers, declared
`extern` with hidden visibility; each part fills its types' key sets and atom tables at load.

Why the size: gcc's cost per file grows faster than its length (-Wmisleading-indentation
rereads the lines of a large file: 21 s of a 104,000-line file's 64 s), while each file parses
the headers again (about 0.1 s for the 1,000-type header of bench/scale). That header, as parts
of 1,500, 3,000, 6,000 and 10,000 lines, took 42-44, 38-42, 36-39 and 34 s of CPU to compile
(gcc 12, -O2, under a load of 4 to 11); 6,000 keeps a dozen files to share among the cores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .errors import GeneratorError
from .kinds import ResourceRef, types_in
from .plan import AtomTable, KeySet, Plan, atom_tables, key_sets

PART_LINES = 6000


@dataclass
class Unit:
    """One C file of the library: number 0 is `<library>.c`, n ≥ 1 `<library>_<n>.c`."""

    number: int
    load: str  # the part's load function (unused for number 0)
    decls: list[model.Decl] = field(default_factory=list)
    helpers: list[model.Helper] = field(default_factory=list)
    lines: int = 0
    key_sets: list[KeySet] = field(default_factory=list)
    atom_tables: list[AtomTable] = field(default_factory=list)

    @property
    def loads(self) -> bool:
        """True when the file has key sets or atom tables to fill at load."""
        return bool(self.key_sets or self.atom_tables)


def uses_resources(types) -> bool:
    """True when a value of one of `types` holds a resource handle."""
    return any(isinstance(u, ResourceRef) for t in types for u in types_in(t))


def layout(the_plan: Plan, decl_lines: list[int], helper_lines: list[int]) -> list[Unit]:
    """The files of the module: `<library>.c` first. `decl_lines`/`helper_lines`: the length of
    each declaration's and helper's C, in the order of the module's decls and plan's helpers."""
    module, prefix = the_plan.module, the_plan.prefix
    main = Unit(0, "")
    if sum(decl_lines) + sum(helper_lines) <= PART_LINES:
        main.decls, main.helpers = list(module.decls), list(the_plan.helpers)
        main.key_sets, main.atom_tables = the_plan.key_sets, list(the_plan.atom_tables.values())
        return [main]
    movable: list[tuple[object, int]] = []
    for helper, lines in zip(the_plan.helpers, helper_lines):
        if uses_resources([helper.type]):
            main.helpers.append(helper)
        else:
            movable.append((helper, lines))
    for decl, lines in zip(module.decls, decl_lines):
        if decl.resource_type or uses_resources(decl.types()):
            main.decls.append(decl)
        else:
            movable.append((decl, lines))
    total = sum(lines for _, lines in movable)
    count = max(1, -(-total // PART_LINES))
    parts: list[Unit] = []
    done = 0
    for item, lines in movable:
        # Part n ends once the parts so far hold n/count of the lines.
        if not parts or done >= total * len(parts) / count:
            number = len(parts) + 1
            parts.append(Unit(number, f"{prefix}load_part_{number}"))
        part = parts[-1]
        (part.helpers if isinstance(item, model.Helper) else part.decls).append(item)
        part.lines += lines
        done += lines
    for unit in [main, *parts]:
        unit.key_sets = key_sets(unit.decls)
        unit.atom_tables = atom_tables(unit.decls)
    for part in parts:
        where = module.declared.get(part.load)
        if where is not None:
            raise GeneratorError(
                where,
                f"'{part.load}' is also the name of a function nif_derive generates: rename it",
            )
    return [main, *parts]
