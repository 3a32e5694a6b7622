"""Header → model: shapes, type kinds, names and options."""

from nif_derive import model

GUIDE = """
typedef struct NIF_STRUCT("Geometry.Point") { int64_t x; int32_t y NIF_RENAME("why"); } point_t;
typedef enum NIF_UNIT_ENUM {
    ALIGN_LEFT, ALIGN_CENTER NIF_RENAME("middle"), ALIGN_RIGHT
} alignment_t;
typedef enum { UI_EVENT_LOADING, UI_EVENT_REDIRECT, UI_EVENT_PAIR, UI_EVENT_RESIZE } ui_event_kind;
typedef struct NIF_TAGGED_ENUM {
    ui_event_kind kind;
    union {
        const char *redirect;
        struct NIF_TUPLE { int64_t a, b; } pair;
        struct { uint32_t width, height; } resize;
    };
} ui_event_t;
NIF_DIRTY_IO point_t move(const point_t *p, alignment_t a);
"""


def decl(module, ident):
    return next(d for d in module.decls if d.ident == ident)


def test_struct_fields_and_rename(project):
    point = decl(project.model(GUIDE), "point_t")
    assert isinstance(point, model.Struct) and point.module == "Geometry.Point"
    assert [(f.name, f.atom) for f in point.fields] == [("x", "x"), ("y", "why")]
    assert point.keys == ["__struct__", "x", "why"]


def test_integer_kinds_know_their_range(project):
    point = decl(project.model(GUIDE), "point_t")
    y = point.fields[1].type
    assert isinstance(y, model.Integer)
    assert (y.spelling, y.rank, y.min, y.max) == ("int32_t", "int", -(2**31), 2**31 - 1)


def test_unit_enum_atoms_drop_the_prefix(project):
    alignment = decl(project.model(GUIDE), "alignment_t")
    assert alignment.variants == [
        ("ALIGN_LEFT", "left"),
        ("ALIGN_CENTER", "middle"),
        ("ALIGN_RIGHT", "right"),
    ]


def test_tagged_enum_arm_kinds(project):
    event = decl(project.model(GUIDE), "ui_event_t")
    assert [(v.atom, type(v.arm)) for v in event.variants] == [
        ("loading", model.UnitArm),
        ("redirect", model.NewtypeArm),
        ("pair", model.TupleArm),
        ("resize", model.NamedArm),
    ]
    assert [f.name for f in event.variants[3].arm.fields] == ["resize.width", "resize.height"]
    int64 = "-9223372036854775808..9223372036854775807"
    assert event.typespec().startswith(
        f":loading | {{:redirect, String.t()}} | {{:pair, {int64}, {int64}}}"
    )


def test_function_params_and_dirty_flag(project):
    fn = project.model(GUIDE).functions[0]
    assert fn.name == "move" and fn.dirty == "io"
    assert [(p.name, p.role, p.by_pointer) for p in fn.params] == [
        ("p", "argument", True),
        ("a", "argument", False),
    ]


def test_lists_optional_and_hidden_length(project):
    m = project.model(
        """
        typedef struct NIF_MAP {
            double *xs NIF_LEN(n); size_t n; const char *label NIF_OPTIONAL; int tags[3];
        } bag_t;
        NIF_FUNCTION NIF_LEN(out)
        const char **names(const bag_t *bags NIF_LEN(count), size_t count, size_t *out);
        """
    )
    bag = decl(m, "bag_t")
    assert [f.atom for f in bag.fields] == ["xs", "label", "tags"]
    assert isinstance(bag.fields[0].type, model.List) and bag.fields[0].type.length_name == "n"
    assert bag.fields[1].type == model.String(const=True, nullable=True)
    assert isinstance(bag.fields[2].type, model.Array) and bag.fields[2].type.length == 3
    fn = m.functions[0]
    assert [p.role for p in fn.params] == ["argument", "length", "result_length"]
    assert isinstance(fn.result, model.List) and fn.result.element == model.String()


def test_special_typedefs(project):
    m = project.model(
        "typedef struct NIF_TUPLE { ERL_NIF_TERM any; ErlNifPid pid; nif_binary bytes; "
        "char name[8]; } t_t;"
    )
    assert [type(f.type) for f in decl(m, "t_t").fields] == [
        model.Term,
        model.Pid,
        model.Binary,
        model.CharArray,
    ]


def test_defaults_become_c_and_elixir_literals(project):
    m = project.model(
        """
        typedef enum NIF_UNIT_ENUM { MODE_FAST, MODE_SAFE } mode_t2;
        typedef struct NIF_MAP NIF_STRICT {
            int retries NIF_DEFAULT(3); double ratio NIF_DEFAULT(1e20); bool on NIF_DEFAULT(true);
            const char *name NIF_DEFAULT("x#{y}"); mode_t2 mode NIF_DEFAULT(MODE_SAFE);
        } opts_t;
        """
    )
    opts = decl(m, "opts_t")
    assert opts.strict
    assert [(f.default.c_expr, f.default.elixir) for f in opts.fields] == [
        ("3", "3"),
        ("1e20", "1.0e20"),
        ("true", "true"),
        ('"x#{y}"', '"x\\#{y}"'),
        ("MODE_SAFE", ":safe"),
    ]


def test_forward_references_resolve(project):
    m = project.model(
        """
        typedef struct inner inner_t;
        typedef struct NIF_MAP { inner_t *child NIF_OPTIONAL; } outer_t;
        struct NIF_TUPLE inner { int v; };
        """
    )
    outer = decl(m, "outer_t")
    assert isinstance(outer.fields[0].type.element.decl, model.Tuple)


def test_inputs_list_every_included_file(project):
    m = project.model("typedef struct NIF_MAP { int x; } a_t;")
    assert str(project.header) in m.inputs
    assert any(path.endswith("nif_derive.h") for path in m.inputs)


def test_const_pointer_elements_keep_their_pointee_const(project):
    m = project.model("NIF_FUNCTION size_t count(const char *const *words NIF_LEN(n), size_t n);")
    words = m.functions[0].params[0].type
    assert words.element_c_type == "const char *"


def test_unsigned_char_pointers_without_a_length_are_strings(project):
    m = project.model(
        """
        typedef struct NIF_MAP {
            const unsigned char *name; uint8_t *raw; const uint8_t *maybe NIF_OPTIONAL;
            const uint8_t *bytes NIF_LEN(n); size_t n;
        } u_t;
        NIF_FUNCTION const uint8_t *echo(const uint8_t *s);
        """
    )
    name, raw, maybe, byte_list = (f.type for f in decl(m, "u_t").fields)
    assert name == model.UString(const=True, pointer_c_type="const unsigned char *")
    assert raw == model.UString(const=False, pointer_c_type="uint8_t *")
    assert maybe == model.UString(const=True, nullable=True, pointer_c_type="const uint8_t *")
    assert maybe.typespec() == "String.t() | nil" and name.describe() == "UTF-8 binary"
    assert isinstance(byte_list, model.List) and isinstance(
        byte_list.element, model.Integer
    )  # NIF_LEN: integers
    fn = m.functions[0]
    assert (
        fn.params[0].type == model.UString(pointer_c_type="const uint8_t *")
        and not fn.params[0].by_pointer
    )
    assert fn.result == model.UString(pointer_c_type="const uint8_t *")


def test_resource_types_and_their_handles(project):
    module = project.model(
        """
        typedef struct NIF_RESOURCE("Kv.Table") NIF_RWLOCK NIF_DESTRUCTOR(table_close) {
            size_t rows;
            char **cells;
        } table_t;
        void table_close(table_t *t);
        typedef struct NIF_STRUCT("Kv.Cursor") { const table_t *table; uint64_t pos; } cursor_t;
        NIF_DIRTY_IO table_t kv_open(const char *path);
        NIF_FUNCTION uint64_t kv_rows(const table_t *t);
        NIF_FUNCTION NIF_OPTIONAL table_t *kv_same(table_t *t);
        NIF_ON_LOAD int kv_load(ErlNifEnv *env);
        NIF_ON_UNLOAD void kv_unload(ErlNifEnv *env);
        """
    )
    table, cursor = module.decls
    assert (table.module, table.lock, table.destructor, table.down) == (
        "Kv.Table",
        "rwlock",
        "table_close",
        None,
    )
    assert table.layout == "size_t rows@0:8;char ** cells@8:8;"
    assert module.resources == [table]
    assert cursor.fields[0].type.typespec() == "Kv.Table.t()"
    assert not cursor.fields[0].type.locks or cursor.fields[0].type.const
    opened, rows, same = module.functions
    assert opened.result.by_value and opened.result.discards and not opened.result.locks
    assert rows.arguments[0].type.const and rows.arguments[0].type.locks
    assert same.result.nullable and same.result.typespec() == "Kv.Table.t() | nil"
    assert rows.arguments[0].type.describe() == "Kv.Table reference"
    assert module.hooks == {"on_load": "kv_load", "on_unload": "kv_unload"}
