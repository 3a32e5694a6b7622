"""Pass two of parsing, for members: a struct's fields and a tagged union's arms."""

from __future__ import annotations

import os
from contextlib import contextmanager

import clang.cindex as cindex

from . import annotations as notes_of
from . import doc_comments, model, parse_arms
from .annotations import Annotations
from .ctypes import Member, integer, parse_default, type_key
from .errors import GeneratorError, Location
from .naming import check_atom

C = cindex.CursorKind
K = cindex.TypeKind
# The options a struct field takes: those a typedef can give it, and NIF_AS_MAP.
FIELD_ANNOTATIONS = notes_of.FIELD_OPTIONS + ("as_map",)

# The options of a union arm (a newtype arm's own, or NIF_*_FIELD(arm) on a typedef).
ARM_OPTIONS = ("rename", "len", "optional", "as_bool")


@contextmanager
def naming_member(path: str):
    """Errors raised inside are about the member at `path` (unless a deeper one is named)."""
    try:
        yield
    except GeneratorError as error:
        if error.member is None:
            error.member = path
        raise


class MemberReader:
    """Reads members into model fields and arms; mixed into parse.Parser (needs `mapper`)."""

    # -- fields ------------------------------------------------------------

    def fields(
        self,
        definition,
        owner: str,
        prefix: str,
        type_notes: Annotations | None = None,
        path: str | None = None,
    ) -> tuple[list[model.Field], list[str]]:
        """The fields of a struct that have a term, and the members decode sets to zero.

        `type_notes` are the annotations of the type (or of the typedef that maps
        it): NIF_SKIP/NIF_ONLY leave members out, NIF_*_FIELD give members options.
        `prefix` is the C access to the members from the decoded value (`data.scalar.`),
        `path` their dotted path from the mapped type, for errors (default: `prefix`).
        """
        type_notes = type_notes or Annotations()
        path = prefix if path is None else path
        members, unions = self.members(definition, owner)
        # Each property of a cursor is a call into libclang: read the names once.
        spellings = [m.spelling for m in members]
        names = set(spellings)
        self.check_paths(type_notes, names, owner)
        inner = {name: type_notes.child(name) for name in names}
        for member, name in zip(members, spellings):
            if inner[name].paths() and self.enterable(member) is None:
                self.check_not_entered(inner[name], member)
        skipped = type_notes.left_out(names)
        for where, group in unions:
            exposed = [name for name in group if not name.startswith("__") and name not in skipped]
            if len(exposed) > 1:
                raise GeneratorError(
                    where,
                    f"members {', '.join(repr(name) for name in exposed)} of {owner} "
                    "share an anonymous union's storage: NIF_SKIP all but one",
                )
        member_notes = {
            name: notes_of.read(m).merged(type_notes.members.get(name))
            for m, name in zip(members, spellings)
        }
        by_name = dict(zip(spellings, members))
        lengths: dict[str, str] = {}
        for name in spellings:
            notes = member_notes[name]
            notes.only(FIELD_ANNOTATIONS, "a field")
            if "len" in notes:
                target = notes.get("len")
                where = notes.locations["len"]
                if target not in by_name:
                    raise GeneratorError(
                        where, f"NIF_LEN({target}): {owner} has no field '{target}'"
                    )
                if target in lengths:
                    raise GeneratorError(
                        where,
                        f"NIF_LEN({target}): '{target}' is already the length of "
                        f"'{lengths[target]}'",
                    )
                if integer(by_name[target].type) is None:
                    raise GeneratorError(
                        where, f"NIF_LEN({target}): the length field '{target}' must be an integer"
                    )
                lengths[target] = name
        fields: list[model.Field] = []
        zeroed: list[str] = []
        atoms: dict[str, Location] = {}
        for member, name in zip(members, spellings):
            where = Location.of(member)
            notes = member_notes[name]
            if name in lengths:
                if set(notes.values) - {"len"}:
                    raise GeneratorError(
                        where,
                        f"'{name}' is the length of '{lengths[name]}' and has no term of its own",
                    )
                continue
            if not name:
                raise GeneratorError(
                    where, f"an anonymous member of {owner} has no name to use as a key"
                )
            if name.startswith("__") or name in skipped:
                self.check_not_entered(inner[name], member, left_out=True)
                zeroed.append(prefix + name)  # reserved and skipped members are never exposed
                continue
            with naming_member(path + name):
                field = self.field(
                    member, name, where, notes, prefix, by_name, inner[name], path, owner
                )
            if field.atom in atoms:
                raise GeneratorError(
                    where,
                    f"key :{field.atom} is used twice in {owner} (first at {atoms[field.atom]})",
                )
            atoms[field.atom] = where
            if not field.decode and field.default is None:
                zeroed.append(field.name)
            fields.append(field)
        return fields, zeroed

    def field(
        self,
        member,
        name: str,
        where: Location,
        notes: Annotations,
        prefix: str,
        by_name,
        inner: Annotations,
        path: str,
        owner: str,
    ) -> model.Field:
        """A member that has a term, with its options (`notes`); `inner`: the type's options
        for the members of this member (a dotted path makes an anonymous struct a map);
        `path`: the dotted path to its struct from the type being mapped, `owner` that type;
        `name` and `where`: the member's name and location."""
        if member.is_bitfield():
            raise GeneratorError(
                where, f"field '{name}' is a bit-field, which has no address to decode into"
            )
        self.check_not_const(member, f"field '{name}'")
        length = None
        if "len" in notes:
            length = integer(by_name[notes.get("len")].type)
        if inner.paths():
            notes.only(("rename", "encode_only", "decode_only"), "a member that dotted paths enter")
            mapped = model.Named(self.inline_map(member, path + name, inner))
        else:
            mapped = self.mapper.map(
                member.type,
                notes,
                where,
                f"field '{name}'",
                length,
                prefix + (notes.get("len") or ""),
                member=self.member_of(member, path + name, owner),
            )
        field = model.Field(
            name=prefix + name,
            atom=check_atom(notes.get("rename") or name, where),
            type=mapped,
            location=where,
            doc=doc_comments.of(member),
            encode="decode_only" not in notes,
            decode="encode_only" not in notes,
        )
        if "default" in notes:
            field.default = parse_default(
                notes.get("default"), field.type, notes.locations["default"]
            )
        return field

    def member_of(self, member, path: str, owner: str) -> Member:
        """How messages name `member` (at dotted `path` from the mapped type `owner`) and its
        options: NIF_*_FIELD(path, …) on the typedef when its header is not one the user gave."""
        label = path if "." in path else f"{owner}.{path}"
        file = member.location.file
        mine = file is not None and self.is_user_header(file.name)
        return Member(label, None if mine else path)

    def is_user_header(self, name: str) -> bool:
        """Whether the file `name` is one of the headers the user gave (cached by name:
        thousands of members ask, and realpath costs a system call per path component)."""
        if name not in self.user_header:
            user = {os.path.realpath(header) for header in self.headers}
            self.user_header[name] = os.path.realpath(name) in user
        return self.user_header[name]

    @staticmethod
    def anonymous_struct(member):
        """The definition of `member`'s type when it is a struct without a name, else None."""
        canonical = member.type.get_canonical()
        declaration = canonical.get_declaration()
        if (
            canonical.kind == K.RECORD
            and declaration.kind == C.STRUCT_DECL
            and declaration.is_anonymous()
        ):
            return declaration
        return None

    def enterable(self, member):
        """The definition of `member`'s type when dotted paths may enter it: a struct that
        has no mapping of its own (anonymous, as libyaml's, or simply not annotated)."""
        canonical = member.type.get_canonical()
        declaration = canonical.get_declaration()
        if (
            canonical.kind == K.RECORD
            and declaration.kind == C.STRUCT_DECL
            and type_key(canonical) not in self.entries
        ):
            return declaration.get_definition()
        return None

    def inline_map(self, member, access: str, notes: Annotations) -> model.Map:
        """A member of anonymous struct type that the type's dotted paths enter
        (`NIF_SKIP(data.document_start.tag_directives.end)`): a map of its own members,
        with those options. Its C type is spelt through the type being mapped, `access`
        being the member's path from it."""
        root = self.building[-1]
        declaration = self.enterable(member)
        origin = model.Origin(
            f"{root.origin.c_type}.{access}",
            root.origin.location,
            Location.of(declaration),
            "anonymous struct" if declaration.is_anonymous() else member.type.spelling,
        )
        decl = model.Map(
            f"__typeof__((({root.c_type} *)0)->{access})",
            f"{root.ident}_{access.replace('.', '_')}",
            origin,
            encode=root.encode,
            decode=root.decode,
            native_module=root.native_module,
        )
        decl.fields, decl.zeroed = self.fields(
            declaration, f"'{access}'", prefix="", type_notes=notes, path=access + "."
        )
        self.inline.append(decl)
        return decl

    @staticmethod
    def check_paths(
        type_notes: Annotations, names: set[str], owner: str, noun: str = "field"
    ) -> None:
        """Each option of the type names a member of this level (its path's first name)."""
        for path, macro, where in type_notes.paths():
            name = path.split(".")[0]
            if name in names:
                continue
            listed = macro.startswith(("NIF_SKIP", "NIF_ONLY"))
            raise GeneratorError(
                where,
                f"{macro}: {owner} has no {noun} '{name}'"
                + ("" if listed else " to give options to"),
            )

    @staticmethod
    def check_not_entered(inner: Annotations, member, left_out: bool = False) -> None:
        """A dotted path enters only members whose members are read one by one (the union of
        arms, structs without a mapping of their own): any other member has one term.
        `inner`: the type's options for the members of `member`."""
        paths = inner.paths()
        if paths:
            _, macro, where = paths[0]
            what = member.type.spelling
            if left_out:
                why = "which is left out: neither it nor its members have a term"
            elif member.type.get_canonical().kind == K.RECORD:
                why = "mapped by its own annotation: options for its members go there"
            else:
                why = "which has no members"
            raise GeneratorError(where, f"{macro}: '{member.spelling}' is a '{what}', {why}")

    @staticmethod
    def anonymous_members(children) -> list["cindex.Cursor"]:
        """Struct/union declarations among `children` that are members without a name
        (C11 anonymous members)."""
        unnamed = [
            c for c in children if c.kind in (C.STRUCT_DECL, C.UNION_DECL) and c.is_anonymous()
        ]
        if not unnamed:  # most structs: no need to ask each member for its type's declaration
            return []
        named_types = {
            c.type.get_canonical().get_declaration().hash
            for c in children
            if c.kind == C.FIELD_DECL
        }
        return [c for c in unnamed if c.hash not in named_types]

    def members(
        self, definition, owner: str
    ) -> tuple[list["cindex.Cursor"], list[tuple[Location, list[str]]]]:
        """The members of a struct in C order, and the names of each anonymous union's members.

        An anonymous union (`union { long ru_maxrss; __syscall_slong_t __ru_maxrss_word; };`,
        as glibc writes struct rusage) is read as C reads it: its members are members of
        the struct; at most one of them may have a term. An anonymous struct stays an error.
        """
        children = list(definition.get_children())
        anonymous = {c.hash for c in self.anonymous_members(children)}
        members: list["cindex.Cursor"] = []
        unions: list[tuple[Location, list[str]]] = []
        for child in children:
            if child.kind == C.FIELD_DECL:
                members.append(child)
            elif child.hash in anonymous:
                inner = list(child.get_children())
                if child.kind == C.STRUCT_DECL or self.anonymous_members(inner):
                    # `struct { int a; };` inside a struct: members with no field name, so no key.
                    raise GeneratorError(
                        Location.of(child),
                        f"an anonymous member of {owner} has no name to use as a key",
                    )
                group = [c for c in inner if c.kind == C.FIELD_DECL]
                members += group
                unions.append((Location.of(child), [c.spelling for c in group]))
        return members, unions

    # -- tagged unions -----------------------------------------------------

    def tagged_union(
        self, decl: model.TaggedEnum, definition, where: Location, notes: Annotations
    ) -> None:
        """The tag (the first member, an enum) and the arms (the first union member, named or
        anonymous) of a tagged union, into variants. The type's options (on the typedef of a
        foreign one, DESIGN §9) leave other members out, pair arms with NIF_ARM and name
        enumerators: NIF_RENAME_FIELD(ENUMERATOR, "atom"), NIF_SKIP(ENUMERATOR)."""
        children = list(definition.get_children())
        anonymous = {c.hash for c in self.anonymous_members(children)}
        members = [c for c in children if c.kind == C.FIELD_DECL or c.hash in anonymous]
        if (
            not members
            or members[0].kind != C.FIELD_DECL
            or members[0].type.get_canonical().kind != K.ENUM
        ):
            raise GeneratorError(where, f"{decl.macro}: the first field must be the tag, an enum")
        tag = members[0]
        decl.tag_field = tag.spelling
        enumerator_names = [
            c.spelling for c in parse_arms.constants_of(tag.type.get_canonical().get_declaration())
        ]
        level = {c.spelling for c in members if c.kind == C.FIELD_DECL}
        for c in members:
            if c.kind == C.UNION_DECL:  # an anonymous union's members are named as members
                level |= {m.spelling for m in c.get_children() if m.kind == C.FIELD_DECL}
        self.check_paths(notes, level | set(enumerator_names), decl.c_type, "member or enumerator")
        options = parse_arms.enumerator_options(
            notes.select(set(enumerator_names)), enumerator_names, ("rename", "arm")
        )
        notes = notes.select(level)
        # NIF_ONLY may list the tag or not: it is always read
        tag_options = [p for p in notes.select({tag.spelling}).paths() if "NIF_ONLY" not in p[1]]
        if tag_options or tag.spelling in notes.names("skip"):
            macro, at = (
                tag_options[0][1:]
                if tag_options
                else (f"NIF_SKIP({tag.spelling})", notes.locations.get("skip", where))
            )
            raise GeneratorError(
                at, f"{macro}: '{tag.spelling}' is the tag of {decl.c_type}: it is always read"
            )
        skipped = notes.left_out(level - {tag.spelling})
        union, access = self.arms_union(decl, members[1:], notes, skipped)
        arm_notes = notes.child(access[:-1]) if access else notes
        arms = self.union_arms(decl, union, access, arm_notes)
        decl.variants = parse_arms.variants(tag, arms, decl.tagged, decl.macro, options, access)
        decl.partial = len(decl.variants) < len(enumerator_names)

    def arms_union(self, decl: model.TaggedEnum, members, notes: Annotations, skipped: set[str]):
        """The union of arms among the members after the tag (the first union; the others
        must be left out, and decode zeroes them), and the C access prefix to its arms:
        `data.`, or '' when it is anonymous."""
        union, access = None, ""
        for member in members:
            if member.kind != C.FIELD_DECL:  # an anonymous union
                if union is not None:
                    raise GeneratorError(
                        Location.of(member), f"{decl.macro}: only one union of arms is allowed"
                    )
                union = member
                continue
            name = member.spelling
            if name in skipped:
                self.check_not_entered(notes.child(name), member, left_out=True)
                decl.zeroed.append(name)
                continue
            declaration = member.type.get_canonical().get_declaration()
            if union is not None or declaration.kind != C.UNION_DECL:
                raise GeneratorError(
                    Location.of(member),
                    f"{decl.macro}: only the tag and one union of arms may be fields, not '{name}'",
                    name,
                )
            union, access = declaration, name + "."
            own = notes.members.get(name)
            if own is not None:
                option, at = next(iter(own.locations.items()))
                raise GeneratorError(
                    at,
                    f"{notes_of.member_macro(option)}({name}, …): '{name}' is the union of arms "
                    f"of {decl.c_type}: its arms have terms, it has none of its own",
                )
        return union, access

    def union_arms(
        self, decl: model.TaggedEnum, union, access: str, notes: Annotations
    ) -> list[parse_arms.UnionArm]:
        """The arms of `union` that are not left out, with their options (`notes`: the
        type's options for the members of the union)."""
        members = [
            c for c in (union.get_children() if union is not None else []) if c.kind == C.FIELD_DECL
        ]
        names = [c.spelling for c in members]
        if access:
            self.check_paths(notes, set(names), f"union '{access[:-1]}'", "member")
        left_out = notes.left_out(names)
        arms = []
        for member in members:
            if member.spelling in left_out:
                continue
            with naming_member(access + member.spelling):
                own = notes_of.read(member)
                own.only(ARM_OPTIONS, "a union arm")
                own = own.merged(notes.members.get(member.spelling))
                own.only(ARM_OPTIONS, "a union arm")
                arm, zeroed = self.arm(
                    member, access + member.spelling, own, notes.child(member.spelling)
                )
            decl.zeroed += zeroed
            arms.append(parse_arms.UnionArm(arm, member, own.get("rename")))
        return arms

    def arm(
        self, member, access: str, notes: Annotations, inner: Annotations
    ) -> tuple[model.Arm, list[str]]:
        """One arm and the members of it decode sets to zero. `inner`: the type's options
        for the arm's own members (NIF_SKIP(data.scalar.tag) → NIF_SKIP(tag))."""
        where = Location.of(member)
        declaration = self.anonymous_struct(member)
        if declaration is not None:
            struct_notes = notes_of.read(declaration)
            struct_notes.only(("tuple", "map"), "an anonymous arm struct")
            fields, zeroed = self.fields(
                declaration, f"arm '{member.spelling}'", prefix=access + ".", type_notes=inner
            )
            if any(f.default for f in fields) or any(not (f.encode and f.decode) for f in fields):
                raise GeneratorError(
                    where,
                    f"arm '{member.spelling}': NIF_DEFAULT, NIF_ENCODE_ONLY and "
                    "NIF_DECODE_ONLY are not allowed in arms",
                )
            arm = model.TupleArm if "tuple" in struct_notes else model.NamedArm
            return arm(access, fields), zeroed
        self.check_not_entered(inner, member)
        length = None
        if "len" in notes:
            raise GeneratorError(
                where,
                "NIF_LEN in a union arm has no length field to use: wrap the list in an "
                "anonymous struct arm",
            )
        self.check_not_const(member, f"union arm '{member.spelling}'")
        mapped = self.mapper.map(
            member.type, notes, where, f"union arm '{member.spelling}'", length
        )
        return model.NewtypeArm(access, mapped), []

    @staticmethod
    def enumerator_docs(definition) -> dict[str, str]:
        """Each enumerator's C doc comment, by enumerator."""
        return {
            c.spelling: doc_comments.of(c)
            for c in definition.get_children()
            if c.kind == C.ENUM_CONSTANT_DECL
        }

    @staticmethod
    def check_not_const(member, what: str) -> None:
        """Decoding writes every member, and a struct with a const member cannot be assigned."""
        if member.type.is_const_qualified():
            raise GeneratorError(
                Location.of(member),
                f"{what} is const ('{member.type.spelling}'): decoding writes into it; "
                "remove the top-level const",
            )
