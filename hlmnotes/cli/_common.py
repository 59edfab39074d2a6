"""What every subcommand module shares: the parser that fails in one line, the workspace it opens, warnings."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..app.workspace import Workspace
from ..errors import HlmnotesError


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints usage plus a message; the contract is one line naming the problem.
        raise HlmnotesError(f"{message} (see `{self.prog} --help`)")


def workspace(args: argparse.Namespace) -> Workspace:
    """The store named by --store or HLMNOTES_STORE (default: created); main() closes it when the command ends."""
    named = args.store or os.environ.get("HLMNOTES_STORE")
    opened = Workspace.open(named, create=not named)
    if not args.opened:
        warn(opened.warnings)  # once a command, however often it asks for the workspace
    args.opened.append(opened)  # main() closes it when the command ends, however it ends
    return opened


def warn(lines: Sequence[str]) -> None:
    """Warnings go to stderr, one line each; they never change the exit status (the record is kept)."""
    for line in lines:
        print(f"warning: {line}", file=sys.stderr)
