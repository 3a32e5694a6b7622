"""Model → plan: everything the C templates print that takes a decision, computed once.

The plan names every atom the C code uses, the map key sets learnt at load,
the enums' atom tables, the container helpers and, per NIF function, how its
wrapper decodes, calls, encodes and ends. Templates render it without side
effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .errors import GeneratorError
from .fastpath import FastPlan, FlatList, function_fast_plan
from .kinds import counts_work, has_lists, is_plain, types_in
from .naming import GENERATED_LOCALS, c_identifier, c_string

# Decoding maps of WALK_MIN_KEYS to WALK_MAX_KEYS keys reads them in one pass
# (nd_get_fields); callgrind, OTP 25: a lookup per key is cheaper up to 9
# keys (8 keys: 4% fewer instructions), the pass from 10 (11 keys: 6%
# fewer); past 32 keys a map is a hashmap, and lookups are cheaper again.
WALK_MIN_KEYS = 10
WALK_MAX_KEYS = 32

# Atoms the runtime makes itself.
RUNTIME_ATOMS = {
    "__struct__": "nd_atom_struct",
    "__exception__": "nd_atom_exception",
    "nil": "nd_atom_nil",
    "true": "nd_atom_true",
    "false": "nd_atom_false",
    "ok": "nd_atom_ok",
}


class Atoms:
    """Every atom the C code uses, each with one static variable name, in order of first use."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.names: dict[str, str] = {}
        self.taken: set[str] = set()

    def add(self, name: str) -> None:
        if name in RUNTIME_ATOMS or name in self.names:
            return
        base = f"{self.prefix}atom_{c_identifier(name)}"
        var, n = base, 2
        while var in self.taken:
            var, n = f"{base}_{n}", n + 1
        self.taken.add(var)
        self.names[name] = var

    def var(self, name: str) -> str:
        """The C variable holding the atom `name` (planned beforehand: an unknown atom is a bug)."""
        return RUNTIME_ATOMS.get(name) or self.names[name]

    def items(self) -> list[tuple[str, str]]:
        return list(self.names.items())


@dataclass
class KeySet:
    """A map shape's keys in field order, learnt in the VM's order at load (static arrays
    `<name>_keys`, `<name>_slots`). `decoder`: the map shape (or named arm) whose decoder
    reads them by field with nd_get_fields (then `<name>_fields` too)."""

    name: str
    keys: list[str]
    decoder: str | None = None


@dataclass
class AtomTable:
    """An enum's atoms in declaration order (`<name>_atoms`) and the log2 of its hash
    table's size."""

    name: str
    atoms: list[str]
    bits: int


def key_sets(decls: list[model.Decl]) -> list[KeySet]:
    """The key sets of every map shape of `decls` that encodes, or decodes WALK_MIN_KEYS to
    WALK_MAX_KEYS keys."""
    sets: list[KeySet] = []
    for decl in decls:
        for name, encode_keys, decode_keys in decl.key_sets():
            if encode_keys is not None:
                sets.append(KeySet(name, encode_keys))
            if decode_keys is not None and WALK_MIN_KEYS <= len(decode_keys) <= WALK_MAX_KEYS:
                if encode_keys == decode_keys:
                    sets[-1].decoder = name
                else:
                    sets.append(KeySet(name + "_decode", decode_keys, name))
    return sets


def atom_tables(decls: list[model.Decl]) -> list[AtomTable]:
    tables = []
    for decl in decls:
        atoms = decl.atom_table()
        if atoms is not None:
            tables.append(AtomTable(decl.ident, atoms, max(2, (2 * len(atoms) - 1).bit_length())))
    return tables


def movable(fn: model.Function) -> bool:
    """True when a long result of `fn` can be encoded on a dirty scheduler after `fn` returned
    on a normal one.

    Its result holds lists (or maps) of any length and nothing that lives only
    in the call's environment: no ERL_NIF_TERM, and `fn` takes no ErlNifEnv
    (whose terms and binaries it could point into).
    """
    return (
        fn.dirty is None
        and has_lists(fn.result)
        and not any(u.env_bound for u in types_in(fn.result))
        and all(p.role != model.ENV for p in fn.params)
    )


def timed(fn: model.Function) -> bool:
    """True when `fn`, on a normal scheduler, counts the work of its lists and strings
    and moves to a dirty one past the budget."""
    return fn.dirty is None and (any(counts_work(p.type) for p in fn.arguments) or movable(fn))


@dataclass
class Argument:
    """One argument the wrapper decodes: into `param.name` from argv[index - 1]."""

    param: model.Param
    index: int  # 1-based, as error messages count

    @property
    def term(self) -> str:
        return f"argv[{self.index - 1}]"

    @property
    def write(self) -> int:
        """For a locked resource argument: 1 for the write side (`T *`), 0 for `const T *`."""
        return 0 if self.param.type.const else 1

    @property
    def fail(self) -> str:
        """The statement that ends the call when decoding fails: the error path starts at the
        argument's root label (`%Geometry.Point{}`, `{}`, or empty)."""
        label = cstring_body(self.param.type.root_label())
        return f'return nd_fail_argument(call, {self.index}, "{label}");'


@dataclass
class FunctionPlan:
    """How one NIF wrapper decodes its arguments, calls the C function, encodes and ends."""

    fn: model.Function
    nif_name: str  # the Elixir function the NIF replaces
    label: str  # `Mod.f/0`: the NIF's own name in errors, when it has no Elixir wrapper
    arguments: list[Argument]
    call: str  # the C call expression
    timed: bool
    moves: bool
    checks_failure: bool  # the result may point at invalid memory when the call failed
    untimes: bool  # the result counts work but cannot move: stop the clock before encoding it
    result_length: model.Param | None
    locals: list[model.Param] = field(default_factory=list)
    locks: list[Argument] = field(default_factory=list)  # top-level resources locked for the call
    fast: FastPlan | None = None  # the fast path (gen/fastpath.py), a second NIF
    flat_lists: list[FlatList] = field(default_factory=list)  # its list helpers, defined here

    @property
    def fast_nif_name(self) -> str:
        return f"nif_fast_{self.fn.elixir_name}"

    @property
    def moved_length(self) -> str:
        """The length nd_move_encode saves with a moved result: its NIF_LEN out parameter, or 0."""
        return f"(size_t){self.result_length.local}" if self.result_length else "0"

    def end(self, result: str) -> str:
        """The expression that ends the call with the term `result`."""
        if self.arguments:
            return f"nif_call_end(call, {result}, NIF_RAISE_DETAILED)"
        return f'nd_call_end_unwrapped(call, {result}, "{cstring_body(self.label)}")'


def call_argument(p: model.Param) -> str:
    if p.role == model.ENV:
        return "env"
    if p.role == model.RESULT_LENGTH or p.by_pointer:
        return f"&{p.local}"
    return p.local


def place_flat_lists(functions: list[FunctionPlan]) -> None:
    """Sets each function's flat_lists: the flat list helpers (static) that one C file holding
    `functions` defines before the first of them whose fast NIF uses each."""
    defined: set[str] = set()
    for function in functions:
        function.flat_lists = []
        for flat in function.fast.lists if function.fast else []:
            if flat.c_name not in defined:
                defined.add(flat.c_name)
                function.flat_lists.append(flat)


def function_plan(module: model.Module, fn: model.Function) -> FunctionPlan:
    arguments = [Argument(p, i + 1) for i, p in enumerate(fn.arguments)]
    is_timed, moves = timed(fn), movable(fn)
    result_length = next((p for p in fn.params if p.role == model.RESULT_LENGTH), None)
    fast = function_fast_plan(fn)
    return FunctionPlan(
        fn=fn,
        nif_name=("nif_" if arguments else "nif_full_" if fast else "") + fn.elixir_name,
        label=f"{module.native_module}.{fn.elixir_name}/0",
        arguments=arguments,
        call=f"{fn.name}({', '.join(call_argument(p) for p in fn.params)})",
        timed=is_timed,
        moves=moves,
        checks_failure=fn.result is not None and not is_plain(fn.result),
        untimes=is_timed and not moves and counts_work(fn.result),
        result_length=result_length,
        locals=[p for p in fn.params if p.role != model.ENV],
        locks=[a for a in arguments if a.param.type.locks],
        fast=fast,
    )


@dataclass
class Plan:
    """Everything module.c.j2 and header.h.j2 print."""

    module: model.Module
    atoms: Atoms
    key_sets: list[KeySet]
    decode_key_sets: dict[str, str]  # decoder → key set name
    atom_tables: dict[str, AtomTable]
    helpers: list[model.Helper]
    codecs: list[str]  # the runtime macro lines defining the codec pairs of spellings and sizes
    functions: list[FunctionPlan]
    guard: str
    prefix: str  # of every file-scope name the generated C defines for itself: `guide_native_`


def generated_names(the_plan: Plan) -> dict[str, tuple[str, object]]:
    """Every file-scope name the generated C defines → (what it is, the declaration it is for)."""
    module, prefix = the_plan.module, the_plan.prefix
    names: dict[str, tuple[str, object]] = {}

    def claim(name: str, what: str, owner) -> None:
        if name in names and names[name][1] is not owner:
            where = getattr(owner, "location", None) or owner.origin.location
            raise GeneratorError(
                where,
                f"nif_derive would define '{name}' twice, for {what} and for {names[name][0]}: "
                "rename one of them",
            )
        names[name] = (what, owner)

    for name, var in the_plan.atoms.items():
        claim(var, f"the atom :{name}", module)
    for key_set in the_plan.key_sets:
        for array in ("keys", "slots", "fields"):
            claim(f"{prefix}{key_set.name}_{array}", f"the key set of {key_set.name}", module)
    for table in the_plan.atom_tables.values():
        claim(f"{prefix}{table.name}_atoms", f"the atoms of {table.name}", module)
        claim(f"{prefix}{table.name}_atom_index", f"the atoms of {table.name}", module)
    for helper in the_plan.helpers:
        for function in helper.type.helper_functions():
            claim(prefix + function, f"a helper for {helper.type.describe()}", module)
    for decl in module.decls:
        if decl.encode:
            claim(f"nif_send_{decl.ident}", f"a function of {decl.c_type}", decl)
            claim(f"{prefix}encode_any_{decl.ident}", f"a helper of {decl.c_type}", decl)
        for function in decl.public_functions():
            claim(function, f"a function of {decl.c_type}", decl)
        for function in decl.helper_functions():
            claim(prefix + function, f"a helper of {decl.c_type}", decl)
    for function in the_plan.functions:
        fn = function.fn
        for name in (f"nif_{fn.name}", f"encode_{fn.name}_result", f"{fn.name}_nif"):
            claim(prefix + name, f"the NIF of {fn.name}", fn)
        for flat in function.flat_lists:
            claim(prefix + flat.c_name, f"a helper for {flat.type.describe()}", module)
        if function.fast:
            for name in (
                f"fast_nif_{fn.name}",
                f"fast_encode_{fn.name}_result",
                f"fast_{fn.name}_nif",
            ):
                claim(prefix + name, f"the fast NIF of {fn.name}", fn)
    for name in ("start", "load", "upgrade", "unload", "nif_functions"):
        claim(prefix + name, "the NIF library's load callbacks", module)
    claim(f"nif_derive_load_{module.library}", "the load function of the types", module)
    if module.functions:
        claim("nif_init", "the NIF library's entry point (ERL_NIF_INIT)", module)
    return names


def check_names(the_plan: Plan) -> None:
    """Stop at a declaration of the headers whose name the generated C defines too, or whose
    type or enumerator name a local of the generated C would hide."""
    for decl in the_plan.module.decls:
        for name in [decl.c_type, *decl.enumerators()]:
            if name in GENERATED_LOCALS:
                raise GeneratorError(
                    decl.origin.location,
                    f"'{name}' is also the name of a local variable of the generated C: rename it",
                )
    for name, (what, _) in generated_names(the_plan).items():
        where = the_plan.module.declared.get(name)
        if where is not None:
            raise GeneratorError(
                where, f"'{name}' is also the name of {what} that nif_derive generates: rename it"
            )


def codec_instances(module: model.Module) -> list[str]:
    """The runtime macro lines that define the codec pairs of the integer spellings and char
    array sizes used, each once. Two spellings that would name one pair (`unsigned long` and a
    typedef `unsigned_long`) are an error at the typedef."""
    by_codec: dict[str, model.Type] = {}
    for t in module.all_types():
        if t.codec_instance is None:
            continue
        first = by_codec.setdefault(t.codec, t)
        if first.codec_instance != t.codec_instance:
            spellings = sorted({getattr(u, "spelling", u.codec) for u in (first, t)})
            where = next((module.declared[s] for s in spellings if s in module.declared), None)
            raise GeneratorError(
                where,
                f"'{spellings[0]}' and '{spellings[1]}' would both have the codec pair "
                f"nd_decode_{t.codec}/nd_encode_{t.codec}: rename the typedef",
            )
    return sorted(t.codec_instance for t in by_codec.values())


def plan(module: model.Module) -> Plan:
    prefix = c_identifier(module.library) + "_"
    atoms = Atoms(prefix)
    for decl in module.decls:
        for name in decl.atoms():
            atoms.add(name)
    sets = key_sets(module.decls)
    for key_set in sets:
        for key in key_set.keys:
            atoms.add(key)
    functions = [function_plan(module, fn) for fn in module.functions]
    place_flat_lists(functions)
    the_plan = Plan(
        module=module,
        atoms=atoms,
        key_sets=sets,
        decode_key_sets={s.decoder: s.name for s in sets if s.decoder},
        atom_tables={t.name: t for t in atom_tables(module.decls)},
        helpers=module.helper_types(),
        codecs=codec_instances(module),
        functions=functions,
        guard=c_identifier(module.library).upper() + "_H",
        prefix=prefix,
    )
    check_names(the_plan)
    return the_plan


def cstring_body(text: str) -> str:
    """The inside of a C string literal (no quotes)."""
    return c_string(text)[1:-1]
