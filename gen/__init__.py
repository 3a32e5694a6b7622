"""nif_derive: Rustler-style derives for C NIFs.

Reads C headers annotated with the macros of `nif_derive.h` (parse, via
libclang), builds a typed model of the derive shapes and NIF functions
(model), and renders C encode/decode code and Elixir modules from Jinja2
templates (emit). The `nif-derive` command (cli) ties them together.
"""

__version__ = "0.1.0"
