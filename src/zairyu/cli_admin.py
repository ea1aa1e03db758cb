"""`zairyu admin create-admin`: the workbench's first user, an administrator.

The password is read from standard input (never from the command line, where other users and
the shell's history would see it). Refused once any user exists: an administrator then creates
the others.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from zairyu.cli_common import fail, messages

admin_app = typer.Typer(help="The workbench's users: create the first administrator.")


@admin_app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option("--username", help="The administrator's user name")],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input (required)"),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Where the database and secret.key live (default: $ZAIRYU_DATA_DIR or"
            " ~/.local/share/zairyu)",
        ),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url", help="SQLAlchemy URL (default: $ZAIRYU_DATABASE_URL, else SQLite)"
        ),
    ] = None,
) -> None:
    """Create the first user, an administrator (refused once any user exists)."""
    from sqlalchemy.orm import sessionmaker  # imported here: the other commands do without

    from zairyu.audit import audit_key
    from zairyu.storage import create_engine, migrate
    from zairyu.web.app import Settings
    from zairyu.web.crypto import load_or_create_secret
    from zairyu.workbench import service as wb

    _ = messages()
    if not password_stdin:
        fail(_("give --password-stdin and the password on stdin"))
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 12:
        fail(_("the password must have at least 12 characters"))
    if not username.strip():
        fail(_("the user name is empty"))
    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    if database_url is not None:
        settings.database_url = database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = load_or_create_secret(settings.data_dir / "secret.key")
    url = settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    engine = create_engine(url)
    try:
        migrate(engine)
        with wb.unit_of_work(sessionmaker(engine, expire_on_commit=False)) as session:
            user = wb.bootstrap_admin(session, audit_key(secret), username, password)
    except PermissionError as error:
        fail(str(error))
    finally:
        engine.dispose()
    Console().print(
        _("created administrator {name} (user {id})").format(name=username, id=user.id),
        highlight=False,
        markup=False,
    )
