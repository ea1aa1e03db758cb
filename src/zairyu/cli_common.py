"""What every `zairyu` command shares: the language of its messages and the way it gives up.

A module of its own because `zairyu.cli` imports the `cli_*` modules to register their
commands: they cannot import these from it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from zairyu.engine.facts import FactValueError
from zairyu.engine.text import Lang
from zairyu.i18n import translations


class Language(StrEnum):
    ja = "ja"
    en = "en"


# The --lang option of every command that writes output for people.
LanguageOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Language of the output (default: $ZAIRYU_LANG, else the locale, else en)",
    ),
]


def cli_language(given: Language | str | None = None) -> Lang:
    """The language of a command's messages: its `--lang` when given, else `ZAIRYU_LANG`, else
    the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set, as POSIX orders them), else
    English. A locale or `ZAIRYU_LANG` that is not Japanese means English, never an error: the
    environment is not something the user typed for this command."""
    if given is not None:
        return "ja" if str(given) == "ja" else "en"
    chosen = os.environ.get("ZAIRYU_LANG", "").strip().lower()
    if not chosen:
        chosen = next(
            (
                os.environ[name]
                for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                if os.environ.get(name)
            ),
            "",
        ).lower()
    return "ja" if chosen.startswith("ja") else "en"


def messages(given: Language | str | None = None) -> Callable[[str], str]:
    """`gettext` for the command's messages (see `cli_language`): ``_("{path}: no such
    file").format(path=...)``, formatted after translation."""
    return translations(cli_language(given)).gettext


def value_error_message(error: FactValueError, lang: Language | str | None = None) -> str:
    """``--as-of: '2026-13-01' is not a real calendar date`` in the command's language. The
    reasons are the fixed phrases of `parse_iso_date`, each in the catalogue; any other reason
    stays as written."""
    _ = messages(lang)
    return f"{error.fact}: {error.value!r} {_(error.reason)}"


def fail(problem: str | Exception, code: int = 2, lang: Language | str | None = None) -> NoReturn:
    """Prints ``error: <problem>`` on standard error, without a traceback, and exits with
    `code` (2: input the user must fix). `problem` is already in the user's language; `lang`
    is the command's `--lang`, for the prefix."""
    _ = messages(lang)
    prefix = _("error:")
    # Escaped: a message quotes what the user typed (a path, a name), which is not Rich markup.
    # Soft wrap: a long path stays on one line, whole, to copy.
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]{escape(prefix)}[/bold red] {escape(str(problem))}", highlight=False
    )
    raise typer.Exit(code=code)
