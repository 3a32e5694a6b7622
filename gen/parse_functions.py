"""Pass two of parsing, for NIF functions: parameters, result and their roles."""

from __future__ import annotations

import clang.cindex as cindex

from . import annotations as notes_of
from . import doc_comments, model
from .annotations import Annotations
from .ctypes import integer, string_kind, unqualified_spelling
from .errors import GeneratorError, Location
from .naming import ELIXIR_RESERVED, NATIVE_MODULE_FUNCTIONS, is_function_name

K = cindex.TypeKind

# Names the generated NIF wrapper uses itself (its parameters, locals and the locals of inline
# decoders): a parameter named like one of them, or like any file-scope name, gets another local.
WRAPPER_NAMES = frozenset(
    ("env", "argc", "argv", "frame", "call", "result", "term", "items", "length", "item")
    + ("string", "saved", "saved_length")
)


# Options on a NIF function that apply to its result.
NIF_RESULT_OPTIONS = ("len", "as_map", "optional", "as_binary", "as_bool")


class FunctionReader:
    """Reads annotated prototypes into model functions; mixed into parse.Parser (needs `mapper`)."""

    # -- functions ---------------------------------------------------------

    def function(self, cursor, notes: Annotations) -> model.Function:
        where = Location.of(cursor)
        dirty = [name for name in ("dirty_cpu", "dirty_io") if name in notes]
        if len(dirty) > 1:
            raise GeneratorError(where, "NIF_DIRTY_CPU and NIF_DIRTY_IO cannot both be used")
        if cursor.type.kind == K.FUNCTIONPROTO and cursor.type.is_function_variadic():
            raise GeneratorError(where, f"'{cursor.spelling}' is variadic: a NIF has a fixed arity")
        params = list(cursor.get_arguments())
        param_notes = {p.spelling: notes_of.read(p) for p in params}
        by_name = {p.spelling: p for p in params}
        lengths: dict[str, str] = {}
        for p in params:
            if not p.spelling:
                raise GeneratorError(
                    Location.of(p),
                    f"every parameter of NIF function '{cursor.spelling}' needs a name",
                )
            p_notes = param_notes[p.spelling]
            p_notes.only(("len", "optional", "as_map", "as_binary", "as_bool"), "a parameter")
            if "len" in p_notes:
                target = p_notes.get("len")
                if target not in by_name:
                    raise GeneratorError(
                        p_notes.locations["len"],
                        f"NIF_LEN({target}): '{cursor.spelling}' has no parameter '{target}'",
                    )
                if integer(by_name[target].type) is None:
                    raise GeneratorError(
                        p_notes.locations["len"],
                        f"NIF_LEN({target}): the length parameter must be an integer",
                    )
                lengths[target] = p.spelling
        result_length = notes.get("len")
        if result_length is not None:
            out = by_name.get(result_length)
            if (
                out is None
                or out.type.get_canonical().kind != K.POINTER
                or integer(out.type.get_pointee()) is None
            ):
                raise GeneratorError(
                    notes.locations["len"],
                    f"NIF_LEN({result_length}) on a function names its result's length: "
                    f"a parameter such as 'size_t *{result_length}'",
                )
        local = self.locals([p.spelling for p in params])
        result_params = []
        for p in params:
            p_where = Location.of(p)
            name = p.spelling
            c_type = p.type.spelling
            canonical = p.type.get_canonical()
            if name == result_length:
                result_params.append(
                    model.Param(
                        name,
                        c_type,
                        model.RESULT_LENGTH,
                        local_c_type=unqualified_spelling(p.type.get_pointee()),
                        local=local[name],
                    )
                )
                continue
            if name in lengths:
                result_params.append(model.Param(name, c_type, model.LENGTH, local=local[name]))
                continue
            if (
                canonical.kind == K.POINTER
                and canonical.get_pointee().get_canonical().spelling == "struct enif_environment_t"
            ):
                result_params.append(model.Param(name, c_type, model.ENV))
                continue
            p_notes = param_notes[name]
            what = f"parameter '{name}'"
            if p.type.kind in (K.CONSTANTARRAY, K.INCOMPLETEARRAY, K.VARIABLEARRAY):
                raise GeneratorError(
                    p_where,
                    f"{what} is an array, which C passes as a pointer: write "
                    "`const T *name NIF_LEN(length)` and a length parameter",
                )
            if (
                canonical.kind == K.POINTER
                and not p_notes.values
                and not self.is_string(canonical)
                and not self.is_resource(canonical)
            ):
                pointee = p.type.get_pointee()
                if not pointee.is_const_qualified():
                    raise GeneratorError(
                        p_where,
                        f"{what} is a pointer to non-const '{pointee.spelling}': pass "
                        "arguments by value or by const pointer, or add NIF_LEN/NIF_OPTIONAL",
                    )
                mapped = self.mapper.map(pointee, Annotations(), p_where, what)
                self.check_direction(mapped, "decode", p_where, what)
                result_params.append(
                    model.Param(
                        name,
                        c_type,
                        model.ARGUMENT,
                        mapped,
                        by_pointer=True,
                        local_c_type=unqualified_spelling(pointee),
                        local=local[name],
                    )
                )
                continue
            length = integer(by_name[p_notes.get("len")].type) if "len" in p_notes else None
            length_name = local[p_notes.get("len")] if "len" in p_notes else None
            mapped = self.mapper.map(p.type, p_notes, p_where, what, length, length_name)
            self.check_direction(mapped, "decode", p_where, what)
            result_params.append(
                model.Param(
                    name,
                    c_type,
                    model.ARGUMENT,
                    mapped,
                    local_c_type=unqualified_spelling(p.type),
                    local=local[name],
                )
            )
        result_type = cursor.result_type
        result = None
        if result_type.get_canonical().kind != K.VOID:
            length = integer(by_name[result_length].type.get_pointee()) if result_length else None
            result_notes = Annotations(
                {key: notes.get(key) for key in NIF_RESULT_OPTIONS if key in notes},
                {key: notes.locations[key] for key in NIF_RESULT_OPTIONS if key in notes},
            )
            result = self.mapper.map(
                result_type,
                result_notes,
                where,
                f"the result of '{cursor.spelling}'",
                length,
                local[result_length] if result_length else None,
                result=True,
            )
            self.check_direction(result, "encode", where, f"the result of '{cursor.spelling}'")
        elif result_length:
            raise GeneratorError(where, f"NIF_LEN on '{cursor.spelling}', which returns void")
        elixir_name = notes.get("name")
        if elixir_name is not None and not is_function_name(elixir_name):
            raise GeneratorError(
                notes.locations["name"],
                f'NIF_NAME("{elixir_name}") is not an Elixir function name: a lower-case letter '
                "or _, then letters, digits and _, optionally ending in ? or !",
            )
        return model.Function(
            name=cursor.spelling,
            elixir_name=elixir_name or "",
            name_location=notes.locations.get("name"),
            doc=doc_comments.of(cursor),
            params=result_params,
            result=result,
            result_c_type=result_type.spelling,
            location=where,
            dirty=dirty[0].split("_")[1] if dirty else None,
            result_length=result_length,
        )

    def check_function_names(self, functions: list[model.Function]) -> None:
        """Each Elixir function (name and arity) defined once, and none the native module
        defines itself."""
        c_names: set[str] = set()
        elixir: dict[tuple[str, int], model.Function] = {}
        for fn in functions:
            if fn.name in c_names:
                raise GeneratorError(fn.location, f"NIF function '{fn.name}' is declared twice")
            c_names.add(fn.name)
            if fn.name == "main" or fn.name in WRAPPER_NAMES:
                raise GeneratorError(
                    fn.location,
                    f"a NIF function cannot be named '{fn.name}'"
                    + ("" if fn.name == "main" else ": its NIF wrapper in C uses that name"),
                )
            name, arity = fn.elixir_name, len(fn.arguments)
            if name in ELIXIR_RESERVED or arity in NATIVE_MODULE_FUNCTIONS.get(name, ()):
                fix = "give it another NIF_NAME" if fn.elixir_name != fn.name else "add NIF_NAME"
                raise GeneratorError(
                    fn.name_location,
                    f"NIF function '{name}/{arity}' cannot be defined in the Elixir module "
                    f"{self.native_module}: {fix} or rename the C function",
                )
            first = elixir.setdefault((name, arity), fn)
            if first is not fn:
                raise GeneratorError(
                    fn.name_location,
                    f"NIF functions '{first.name}' ({first.location}) and '{fn.name}' would both "
                    f"be {self.native_module}.{name}/{arity}: give one of them another NIF_NAME",
                )
        by_name = {name: first for (name, _), first in elixir.items()}
        for fn in functions:
            twin = elixir.get(("nif_" + fn.elixir_name, len(fn.arguments)))
            if not fn.arguments:
                twin = None
            # the fast path's NIF and the full decoder's wrapper (gen/fastpath.py)
            twin = twin or elixir.get(("nif_full_" + fn.elixir_name, len(fn.arguments)))
            twin = twin or by_name.get("nif_fast_" + fn.elixir_name)
            if twin is not None:
                raise GeneratorError(
                    twin.name_location,
                    f"NIF function '{twin.elixir_name}/{len(twin.arguments)}' has the name of "
                    f"the private Elixir function that calls '{fn.elixir_name}' ({fn.location}): "
                    "rename one of them",
                )

    def locals(self, names: list[str]) -> dict[str, str]:
        """The wrapper's local for each parameter: its own name unless the wrapper or the headers
        use that name (a local `id` would hide the function `id` it is passed to)."""
        taken = set(names)
        local = {}
        for name in names:
            if name in WRAPPER_NAMES or name in self.declared:
                renamed = f"{name}_arg"
                while renamed in taken or renamed in self.declared:
                    renamed += "_"
                taken.add(renamed)
                local[name] = renamed
            else:
                local[name] = name
        return local

    def is_resource(self, canonical) -> bool:
        decl = self.resolve(canonical.get_pointee())
        return decl is not None and decl.resource_type

    @staticmethod
    def is_string(canonical) -> bool:
        return string_kind(canonical.get_pointee()) is not None

    def check_direction(self, t: model.Type, direction: str, where: Location, what: str) -> None:
        decl = t.declaration()
        if decl is not None and not getattr(decl, direction):
            option = "NIF_ENCODE_ONLY" if direction == "decode" else "NIF_DECODE_ONLY"
            raise GeneratorError(
                where, f"{what} needs to {direction} '{decl.c_type}', which is {option}"
            )
