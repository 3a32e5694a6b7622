"""`python -m nif_derive`: the same as the `nif-derive` command."""

import sys

from .cli import command

sys.exit(command())
