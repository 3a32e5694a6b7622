"""The fast path of a NIF function: the generated Elixir matches the shape, C checks the scalars.

A fixed-shape argument (NIF_STRUCT, NIF_EXCEPTION, NIF_MAP, NIF_TUPLE, NIF_RECORD, nested in
each other to any depth) is matched by a pattern in the Elixir wrapper, and its values go to a
second NIF (the fast NIF) as flat arguments: map lookups through erl_nif cost ~8 ns each, a
pattern match a fraction of that. The fast NIF decodes each flat value with the same kind
decoder as the full NIF (integers, floats, strings, enums, lists, ... are "leaves"), so it
accepts exactly what the full decoder accepts; any leaf it rejects, or any term the pattern
does not match, goes to the full NIF, whose decoder words the error. A fixed-shape result comes
back as one flat tuple (module atoms included: with a literal `__struct__` OTP 25 compiles a
struct build to an update of a literal map) that the wrapper builds the term from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .naming import elixir_atom, keyword_key

# A NIF takes at most 255 arguments; nd_move_encode passes a moved call's on with one more.
MAX_ARITY = 254

# Lists of fixed shapes go flat while their terms fit a normal scheduler's work budget
# (ND_WORK_BUDGET, c_src/nif_derive_budget.h); a longer one takes the full path, which moves
# to a dirty scheduler, so that no flat copy of it is built or collected on a normal one.
FLAT_LIST_BUDGET = 64_000


def fixed_shape(t: model.Type | None, direction: str) -> model.Decl | None:
    """The declaration of `t` when its term is a fixed shape the wrapper can match (decode) or
    build (encode): a map with atom keys, a struct, an exception, a tuple or a record."""
    if not isinstance(t, model.Named) or not isinstance(t.decl, (model.Map, model.Tuple)):
        return None
    return t.decl if getattr(t.decl, direction) else None


def holds_map(t: model.Type | None, direction: str) -> bool:
    """True when the fixed shape of `t` has a map (struct, exception, map) in it: building or
    reading maps is what the fast path saves; a tuple of values C builds as cheaply itself."""
    decl = fixed_shape(t, direction)
    if decl is None:
        return False
    return isinstance(decl, model.Map) or any(holds_map(f.type, direction) for f in decl.fields)


@dataclass
class Leaf:
    """A value the fast NIF converts with its kind's own decoder or encoder (`type`), or an atom
    it returns as it is (`atom`: a module at `__struct__`, `true`, `nil`), or a list of fixed
    shapes passed as a list of flat tuples (`list`)."""

    var: str  # the Elixir variable
    type: model.Type | None = None
    c: str = ""  # the C lvalue decoded into, or encoded from
    owner: str = ""  # the C access prefix of the struct holding it (NIF_LEN length fields)
    atom: str = ""
    list: "FlatList | None" = None

    @property
    def argument(self) -> str:
        """The Elixir expression the wrapper passes the fast NIF."""
        if self.list is None:
            return self.var
        return f"nif_flat_{self.list.ident}({self.var}, [], {self.list.max_length})"


@dataclass
class FlatList:
    """A NIF_LEN list of fixed shapes on the fast path: the wrapper turns it into one list of the
    element count and the elements' values (decode: C walks it once), or builds it from a list
    of flat tuples (encode), in reverse order, so that both sides walk it with a tail-recursive
    loop and nothing is reversed. Its element has a fast plan of its own."""

    type: model.List
    decode: bool
    element: "FastPlan"  # decode: leaves, clears, guards; encode: results, result_build
    pattern: str = ""  # decode: one element's pattern

    @property
    def ident(self) -> str:
        return self.type.ident

    @property
    def c_name(self) -> str:
        """The C helper, without the prefix."""
        return f"flat_{'decode' if self.decode else 'encode'}_{self.ident}"

    @property
    def work_units(self) -> int:
        return self.type.element.work_units()

    @property
    def max_length(self) -> int:
        """The longest list that goes flat: its cells and elements within the budget."""
        return FLAT_LIST_BUDGET // (1 + self.work_units)


@dataclass
class Clear:
    """A C statement run before the leaves: a flattened struct's members without a term."""

    c: str


@dataclass
class FastArgument:
    param: model.Param
    pattern: str  # the Elixir pattern, binding the leaves' variables
    flat: bool  # matched by a pattern (else one leaf: the whole term)


@dataclass
class FastPlan:
    """How a function's fast path passes its arguments and result."""

    arguments: list[FastArgument]
    leaves: list[Leaf]  # the fast NIF's arguments, in order
    clears: list[Clear]  # before decoding the leaves
    guards: list[str]  # strict maps: `map_size(m1) == 3`
    results: list[Leaf] | None  # the flat result tuple's elements (None: the result's own term)
    result_build: str  # the Elixir expression building the result from them
    # each once, by direction and type; None inside a list's element (flat to one level)
    lists: list[FlatList] | None = field(default_factory=list)

    @property
    def arity(self) -> int:
        return len(self.leaves)

    @property
    def matches(self) -> bool:
        """True when some argument must match a pattern (else one clause takes every call)."""
        return any(a.flat for a in self.arguments)

    @property
    def result_pattern(self) -> str:
        return "{" + ", ".join(leaf.var for leaf in self.results) + "}"

    def flat_list(self, t: model.Type, decode: bool) -> FlatList | None:
        """The flat form of `t` when it is a list of fixed shapes (not inside another one)."""
        if self.lists is None or not isinstance(t, model.List):
            return None
        if not holds_map(t.element, "decode" if decode else "encode"):
            return None
        for known in self.lists:
            if known.decode == decode and known.type == t:
                return known
        element = FastPlan([], [], [], [], None, "", lists=None)
        flat = FlatList(t, decode, element)
        names = Names(set())
        if decode:
            flat.pattern = _pattern(t.element, "decoded", "", names, element)
        else:
            element.results = []
            element.result_build = _build(t.element, "source", "", names, element)
        if not (element.leaves if decode else element.results):
            return None  # nothing to pass: the element is all keys
        self.lists.append(flat)
        return flat


@dataclass
class Names:
    """Fresh Elixir variables: `v1`, `v2`, … (arguments), `r1`, … (result), `m1`, … (maps);
    a prefix a parameter already uses gets a second letter."""

    taken: set[str]
    counts: dict[str, int] = field(default_factory=dict)

    def next(self, kind: str) -> str:
        prefix = kind
        while any(t.startswith(prefix) and t[len(prefix) :].isdigit() for t in self.taken):
            prefix += kind
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"


def _pattern(
    t: model.Type, dst: str, owner: str, names: Names, plan: FastPlan, var: str = ""
) -> str:
    decl = fixed_shape(t, "decode")
    if decl is None:
        var = var or names.next("v")
        plan.leaves.append(Leaf(var, t, dst, owner, list=plan.flat_list(t, True)))
        return var
    members = dst + "."
    if decl.zeroed:
        plan.clears.append(Clear(f"{dst} = ({decl.c_type}){{0}}; /* members without a term */"))
    for f in decl.fields:
        if not f.decode and f.default:
            plan.clears.append(Clear(f"{members}{f.name} = {f.default.c_expr};"))
    if isinstance(decl, model.Tuple):
        items = [elixir_atom(decl.tag)] if decl.tag is not None else []
        items += [_pattern(f.type, members + f.name, members, names, plan) for f in decl.fields]
        return "{" + ", ".join(items) + "}"
    pairs = [f"__struct__: {decl.elixir_module}"] if decl.elixir_module else []
    for f in decl.fields:
        if f.decode:
            pairs.append(
                f"{keyword_key(f.atom)} {_pattern(f.type, members + f.name, members, names, plan)}"
            )
        elif decl.strict:  # a strict map's size counts it when present: require it
            pairs.append(f"{keyword_key(f.atom)} _")
    text = "%{" + ", ".join(pairs) + "}"
    if decl.strict:
        var = names.next("m")
        plan.guards.append(f"map_size({var}) == {decl.fixed_keys + len(decl.fields)}")
        text += f" = {var}"
    return text


def _build(t: model.Type, src: str, owner: str, names: Names, plan: FastPlan) -> str:
    results = plan.results
    decl = fixed_shape(t, "encode")
    if decl is None:
        var = names.next("r")
        flat = plan.flat_list(t, False)
        results.append(Leaf(var, t, src, owner, list=flat))
        return f"nif_build_{flat.ident}({var}, [])" if flat else var
    members = src + "."

    def atom(name: str) -> str:
        var = names.next("r")
        results.append(Leaf(var, atom=name))
        return var

    if isinstance(decl, model.Tuple):
        items = [elixir_atom(decl.tag)] if decl.tag is not None else []
        items += [_build(f.type, members + f.name, members, names, plan) for f in decl.fields]
        return "{" + ", ".join(items) + "}"
    # Every value a variable: a literal among them would make OTP 25 update a literal map.
    pairs = [f"{keyword_key(k)} {atom(v)}" for k, v in zip(decl.fixed_atoms, decl.fixed_values)]
    for f in decl.key_fields:
        value = _build(f.type, members + f.name, members, names, plan) if f.encode else atom("nil")
        pairs.append(f"{keyword_key(f.atom)} {value}")
    return "%{" + ", ".join(pairs) + "}"


def fast_plan(fn: model.Function, variables: list[str]) -> FastPlan | None:
    """The fast path of `fn` (`variables`: its arguments' Elixir variables), or None when it has
    no fixed-shape argument or result (or list of them), or when its flat arguments would be too
    many for a NIF."""
    names = Names(set(variables))
    plan = FastPlan([], [], [], [], None, "")
    for p, var in zip(fn.arguments, variables):
        flat = fixed_shape(p.type, "decode") is not None
        pattern = _pattern(p.type, p.local, "", names, plan, "" if flat else var)
        plan.arguments.append(FastArgument(p, f"{pattern} = {var}" if flat else pattern, flat))
    if plan.arity > MAX_ARITY:
        return None
    if holds_map(fn.result, "encode") or plan.flat_list(fn.result, False):
        plan.results = []
        plan.result_build = _build(fn.result, "result", "", names, plan)
    if not plan.matches and not plan.results and not plan.lists:
        return None
    return plan


def function_fast_plan(fn: model.Function) -> FastPlan | None:
    """fast_plan with the wrapper's own variables for the arguments."""
    from .emit import elixir_variable

    return fast_plan(fn, [elixir_variable(p.name) for p in fn.arguments])


def module_lists(functions: list[model.Function]) -> list[FlatList]:
    """The flat lists of every function's fast path, each (direction, type) once: the wrapper's
    loops over them are module functions."""
    found: dict[tuple[bool, str], FlatList] = {}
    for fn in functions:
        plan = function_fast_plan(fn)
        for flat in plan.lists if plan else []:
            found.setdefault((flat.decode, flat.ident), flat)
    return list(found.values())
