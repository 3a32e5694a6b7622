"""The `nif-derive` command: headers in, C and Elixir files out."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import GeneratorError


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="nif-derive",
        description="Generate C encode/decode functions, NIF wrappers and Elixir "
        "modules from annotated C headers.",
    )
    parser.add_argument("headers", nargs="+", help="annotated C headers")
    parser.add_argument(
        "--module", required=True, help="the Elixir native module, e.g. Geometry.Native"
    )
    parser.add_argument(
        "--otp-app", required=True, help="the OTP application whose priv/ holds the NIF library"
    )
    parser.add_argument(
        "--c-out", required=True, type=Path, help="directory for the generated .c and .h"
    )
    parser.add_argument(
        "--ex-out", required=True, type=Path, help="directory for the generated .ex files"
    )
    parser.add_argument(
        "-I",
        dest="include_dirs",
        action="append",
        default=[],
        help="include directory (repeatable)",
    )
    parser.add_argument(
        "-D", dest="defines", action="append", default=[], help="preprocessor define (repeatable)"
    )
    parser.add_argument(
        "--depfile", type=Path, help="write every file the headers include here, one per line"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    return parser.parse_args(argv)


def include_dirs(args: argparse.Namespace) -> list[str]:
    """The user's -I directories, then nif_derive.h's and erl_nif.h's."""
    from .libclang import erts_include_dir

    dirs = list(args.include_dirs)
    runtime = Path(__file__).resolve().parent / "c_src"
    if not (runtime / "nif_derive.h").is_file():
        runtime = Path(__file__).resolve().parent.parent / "c_src"
    dirs.append(str(runtime))
    # Ask `erl` only when no -I already gives erl_nif.h (Mix passes it).
    if not any((Path(d) / "erl_nif.h").is_file() for d in dirs):
        erts = erts_include_dir()
        if erts is not None:
            dirs.append(erts)
    for header in args.headers:
        dirs.append(str(Path(header).parent))
    return list(dict.fromkeys(dirs))


def main(argv: list[str] | None = None) -> int:
    try:
        from . import emit, modules, parse
    except ImportError as error:
        print(f"nif-derive: {error}", file=sys.stderr)
        return 2
    args = arguments(argv)
    for option, why in (
        ("--module", modules.problem(args.module)),
        ("--otp-app", modules.otp_app_problem(args.otp_app)),
    ):
        if why is not None:
            print(f"nif-derive: error: {option}: {why}", file=sys.stderr)
            return 2
    # Started first: Elixir's VM starts while the headers are parsed.
    formatter = emit.ElixirFormatter()
    try:
        try:
            module = parse.generate_model(
                args.headers, include_dirs(args), args.module, args.otp_app, args.defines
            )
        except GeneratorError:
            formatter.close()
            raise
        c_files, ex_files = emit.render(module, formatter)
        changed = emit.write_all([(args.c_out, c_files), (args.ex_out, ex_files)])
    except GeneratorError as error:
        print(error, file=sys.stderr)
        return 1
    if args.depfile is not None:
        args.depfile.parent.mkdir(parents=True, exist_ok=True)
        args.depfile.write_text("".join(f"{path}\n" for path in module.inputs))
    if not args.quiet:
        for path in changed:
            print(f"nif_derive: {'wrote' if path.exists() else 'removed'} {path}")
        if not changed:
            print("nif_derive: generated files are up to date")
    return 0


def command(argv: list[str] | None = None) -> int:
    """The process entry (`nif-derive`, `python -m nif_derive`, Mix): main() without Python's
    cycle collector. The generator is short-lived and reference counting frees its garbage:
    at 1,000 types collecting cycles frees no memory (the same peak) and costs 0.1-0.2 s of
    CPU, half of it in the collection at interpreter exit, which runs even when collection
    is disabled: freezing every object leaves that one nothing to walk."""
    gc.disable()
    status = main(argv)
    gc.freeze()
    return status
