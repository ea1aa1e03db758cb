"""What every `zairyu` command shares: the `--lang` choice and the way a command gives up.

A module of its own because `zairyu.cli` imports the `cli_*` modules to register their
commands: they cannot import these from it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape


class Language(StrEnum):
    ja = "ja"
    en = "en"


def fail(problem: str | Exception, code: int = 2) -> NoReturn:
    """Prints ``error: <problem>`` on standard error, without a traceback, and exits with
    `code` (2: input the user must fix)."""
    # Escaped: a message quotes what the user typed (a path, a name), which is not Rich markup.
    # Soft wrap: a long path stays on one line, whole, to copy.
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]error:[/bold red] {escape(str(problem))}", highlight=False
    )
    raise typer.Exit(code=code)
