"""Command line: `zairyu backup` and `zairyu restore` (registered on `zairyu.cli.app`).

Failures (a missing or damaged archive, a non-empty target, a key file that differs) exit with
status 2 and a message; a restore whose audit chain does not verify exits with status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from zairyu.cli_common import fail, messages

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="The data directory (default: $ZAIRYU_DATA_DIR or ~/.local/share/zairyu)",
    ),
]
DatabaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL (default: $ZAIRYU_DATABASE_URL, else SQLite in the data directory)",
    ),
]


def _where(data_dir: Path | None, database_url: str | None) -> tuple[Path, str]:
    from zairyu.web.app import Settings

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    url = (
        database_url or settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    )
    return settings.data_dir, url


def backup_command(
    archive: Annotated[Path, typer.Argument(help="The archive to write, e.g. zairyu.tar.gz")],
    data_dir: DataDirOption = None,
    database_url: DatabaseUrlOption = None,
) -> None:
    """Write a consistent backup (every table's rows, the data directory's key files) to a
    .tar.gz archive, while the server may be running."""
    from sqlalchemy.exc import SQLAlchemyError

    from zairyu.backup import BackupError, create_backup

    _ = messages()
    directory, url = _where(data_dir, database_url)
    try:
        result = create_backup(archive, directory, url)
    except BackupError as error:
        fail(str(error))
    except (SQLAlchemyError, OSError) as error:
        fail(_("the backup failed: {error}").format(error=error))
    rows = ", ".join(f"{name}: {count}" for name, count in sorted(result.rows.items()))
    sys.stdout.write(
        _("backed up revision {revision} ({rows}) and {count} file(s) to {path}").format(
            revision=result.revision, rows=rows, count=len(result.files), path=result.path
        )
        + "\n"
    )
    if result.has_keys:
        keys = ", ".join(n for n in result.files if n in ("secret.key", "keys"))
        warning = _("warning:")
        Console(stderr=True).print(
            f"[bold yellow]{escape(warning)}[/bold yellow] "
            + escape(
                _(
                    "the archive contains the server's keys ({files}): whoever has it can read"
                    " every saved interview whose link they know. Store it as securely as the"
                    " database itself."
                ).format(files=keys)
            ),
            highlight=False,
        )


def restore_command(
    archive: Annotated[Path, typer.Argument(help="An archive made by `zairyu backup`")],
    data_dir: DataDirOption = None,
    database_url: DatabaseUrlOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace a non-empty database, and key files that differ from the backup's",
        ),
    ] = False,
) -> None:
    """Restore a backup: check the archive, load every row in one transaction, restore the key
    files, then verify the audit chain."""
    from sqlalchemy.exc import SQLAlchemyError

    from zairyu.backup import BackupError, restore_backup

    _ = messages()
    directory, url = _where(data_dir, database_url)
    try:
        result = restore_backup(archive, directory, url, force=force, progress=lambda m: print(m))
    except BackupError as error:
        fail(str(error))
    except (SQLAlchemyError, OSError) as error:
        fail(
            _("the restore failed, and its database transaction was rolled back: {error}").format(
                error=error
            )
        )
    rows = ", ".join(f"{name}: {count}" for name, count in sorted(result.rows.items()))
    sys.stdout.write(
        _("restored {rows}; files: {files}").format(
            rows=rows, files=", ".join(result.files) or _("none")
        )
        + "\n"
    )
    if result.audit_breaks:
        for problem in result.audit_breaks:
            sys.stderr.write(problem + "\n")
        sys.stderr.write(_("the restored audit log is NOT intact") + "\n")
        raise typer.Exit(1)
    sys.stdout.write(
        _("the audit log is intact: {count} entries").format(count=result.audit_entries) + "\n"
    )
