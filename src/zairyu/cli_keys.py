"""`zairyu keys rotate | reencrypt | status`: the rotating keys of the outer encryption layer of
saved answers (see `zairyu.keys` and `zairyu.web.crypto`).

A key file's key may be removed only once `zairyu keys status` shows no interview under it.
No command prints or logs a key: only key ids and counts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from zairyu.keys import (
    ENVIRONMENT_VARIABLE,
    LEGACY_KEY_ID,
    Keyring,
    KeyringError,
    add_key,
    create_key_file,
    key_file,
    load_keyring,
)

if TYPE_CHECKING:
    from zairyu.web.store import InterviewStore, Reencryption

keys_app = typer.Typer(
    help="The keys that encrypt saved answers: add a new one and re-encrypt, or count their use."
)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the database, secret.key and the key file live (default: $ZAIRYU_DATA_DIR"
        " or ~/.local/share/zairyu)",
    ),
]
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="SQLAlchemy URL (default: $ZAIRYU_DATABASE_URL, else SQLite)"
    ),
]


class _ProblemError(Exception):
    """Something the operator must fix; printed without a traceback, exit status 2."""


def _fail(message: str, code: int = 2) -> NoReturn:
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]error:[/bold red] {message}", highlight=False, markup=True
    )
    raise typer.Exit(code=code)


def _place(data_dir: Path | None, database_url: str | None) -> tuple[Path, str, bytes]:
    """The data directory, the database URL and the stable secret (secret.key)."""
    from zairyu.web.app import Settings

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    secret_file = settings.data_dir / "secret.key"
    if not secret_file.is_file():
        raise _ProblemError(f"{secret_file}: no secret key here; is this zairyu's data directory?")
    url = (
        database_url or settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    )
    return settings.data_dir, url, secret_file.read_bytes()


def _store(url: str, secret: bytes, keyring: Keyring) -> InterviewStore:
    from zairyu.web.app import Settings
    from zairyu.web.store import InterviewStore

    return InterviewStore(url, secret, Settings().retention, keyring)


def _report(done: Reencryption) -> None:
    sys.stdout.write(
        f"re-encrypted {done.rewrapped} interview(s) under key {done.key_id};"
        f" {done.already_current} were already under it\n"
    )
    problems = False
    if done.changed_meanwhile:
        sys.stdout.write(
            f"{done.changed_meanwhile} interview(s) were saved during the run:"
            " run `zairyu keys reencrypt` again\n"
        )
    for key_id, count in sorted(done.missing.items()):
        problems = True
        sys.stderr.write(
            f"{count} interview(s) are under the key {key_id}, which is not in the keyring:"
            " they were left as they are; restore that key and run `zairyu keys reencrypt`\n"
        )
    if done.damaged:
        problems = True
        sys.stderr.write(
            f"{done.damaged} interview(s) could not be decrypted (altered, or moved from"
            " another interview): they were left as they are\n"
        )
    if problems:
        raise typer.Exit(1)


def _reencrypt(url: str, secret: bytes, keyring: Keyring, action: str) -> None:
    store = _store(url, secret, keyring)
    try:
        done = store.reencrypt(keyring, action=action)
    finally:
        store.engine.dispose()
    _report(done)


@keys_app.command("rotate")
def rotate(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Add a new current key to the key file, then re-encrypt every interview under it."""
    try:
        directory, url, secret = _place(data_dir, database_url)
        path = key_file(directory)
        if not os.environ.get(ENVIRONMENT_VARIABLE, "").strip() and not path.exists():
            keyring = create_key_file(path)  # upgraded, and not started since: its first key
        else:
            keyring = add_key(load_keyring(directory, create=False))
    except (_ProblemError, KeyringError) as error:
        _fail(str(error))
    sys.stdout.write(f"new current key: {keyring.current_id} (in {keyring.source})\n")
    _reencrypt(url, secret, keyring, "keys.rotate")


@keys_app.command("reencrypt")
def reencrypt(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Re-encrypt every interview under the current key (the first in ZAIRYU_KEYS or in the key
    file), without adding a key: after putting a new key first in ZAIRYU_KEYS, or to finish an
    interrupted rotation."""
    try:
        directory, url, secret = _place(data_dir, database_url)
        keyring = load_keyring(directory, create=False)
    except (_ProblemError, KeyringError) as error:
        _fail(str(error))
    _reencrypt(url, secret, keyring, "keys.reencrypt")


@keys_app.command("status")
def status(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Per key id, how many interviews are encrypted under it. A key may be removed from the
    key file only when none is; exit 1 if some are under a key that is not in the keyring."""
    try:
        directory, url, secret = _place(data_dir, database_url)
        keyring = load_keyring(directory, create=False)
    except (_ProblemError, KeyringError) as error:
        _fail(str(error))
    store = _store(url, secret, keyring)
    try:
        usage = store.key_usage()
    finally:
        store.engine.dispose()
    sys.stdout.write(f"keys from {keyring.source}\n")
    rows: list[tuple[str, int, str]] = []
    for index, key_id in enumerate(keyring.ids):
        rows.append((key_id, usage.pop(key_id, 0), "current" if index == 0 else "older"))
    if LEGACY_KEY_ID in usage:
        rows.append((LEGACY_KEY_ID, usage.pop(LEGACY_KEY_ID), "old format, secret.key only"))
    missing = sorted(usage.items())
    rows += [(key_id, count, "NOT IN THE KEYRING") for key_id, count in missing]
    for key_id, count, state in rows:
        sys.stdout.write(f"{key_id}  {count:>8} interview(s)  {state}\n")
    if missing:
        ids = ", ".join(key_id for key_id, _ in missing)
        _fail(
            f"{sum(count for _, count in missing)} interview(s) are encrypted under key(s) not"
            f" in the keyring ({ids}): they cannot be read until the key is restored",
            code=1,
        )
