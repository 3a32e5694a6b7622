"""The generated C of a large module as several files that the C compiler builds in parallel.

A module whose types and helpers come to more than PART_LINES lines of C keeps in
`<library>.c` its atoms, load callbacks, ErlNifFunc array and whatever uses a resource type
(their descriptors are static there, opened by the load callbacks), and moves every other type,
container helper and NIF function (both its NIFs, with their descriptors and helpers) into
`<library>_<n>.c` files of about PART_LINES lines each, in declaration order. The files share
`<library>_internal.h`: the atoms, key sets and atom tables, codec pairs, helpers and NIF entry
points, declared `extern` with hidden visibility; each part fills its types' key sets and atom
tables at load. A fast path's flat list helper is static in each file with a function using it.

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
from .plan import AtomTable, FunctionPlan, KeySet, Plan, atom_tables, key_sets, place_flat_lists

PART_LINES = 6000


@dataclass
class Unit:
    """One C file of the library: number 0 is `<library>.c`, n ≥ 1 `<library>_<n>.c`."""

    number: int
    load: str  # the part's load function (unused for number 0)
    decls: list[model.Decl] = field(default_factory=list)
    helpers: list[model.Helper] = field(default_factory=list)
    functions: list[FunctionPlan] = field(default_factory=list)
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


def splits(decl_lines: list[int], helper_lines: list[int]) -> bool:
    """True when the module's C is split into files (arguments as for layout). Its NIF functions
    do not count: a module of few types stays one file, its static decoders inlined into its
    NIFs."""
    return sum(decl_lines) + sum(helper_lines) > PART_LINES


def layout(
    the_plan: Plan, decl_lines: list[int], helper_lines: list[int], function_lines: list[int]
) -> list[Unit]:
    """The files of the module: `<library>.c` first. `decl_lines`/`helper_lines`/
    `function_lines`: the length of each declaration's, helper's and NIF function's C, in the
    order of the module's decls and the plan's helpers and functions. Split, each function's
    flat_lists become the flat list helpers its file needs first there."""
    module, prefix = the_plan.module, the_plan.prefix
    main = Unit(0, "")
    if not splits(decl_lines, helper_lines):
        main.decls, main.helpers = list(module.decls), list(the_plan.helpers)
        main.functions = list(the_plan.functions)
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
    for function, lines in zip(the_plan.functions, function_lines):
        if uses_resources(function.fn.types()):
            main.functions.append(function)
        else:
            movable.append((function, lines))
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
        if isinstance(item, model.Helper):
            part.helpers.append(item)
        elif isinstance(item, FunctionPlan):
            part.functions.append(item)
        else:
            part.decls.append(item)
        part.lines += lines
        done += lines
    for unit in [main, *parts]:
        unit.key_sets = key_sets(unit.decls)
        unit.atom_tables = atom_tables(unit.decls)
        place_flat_lists(unit.functions)
    for part in parts:
        where = module.declared.get(part.load)
        if where is not None:
            raise GeneratorError(
                where,
                f"'{part.load}' is also the name of a function nif_derive generates: rename it",
            )
    return [main, *parts]
