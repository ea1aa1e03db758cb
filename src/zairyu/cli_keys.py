"""`zairyu keys rotate | reencrypt | status`: the rotating keys of the outer encryption layer of
saved answers (see `zairyu.keys` and `zairyu.web.crypto`) and of every sealed field of the
workbench and the registry (see `zairyu.workbench.cipher`).

A key file's key may be removed only once `zairyu keys status` shows nothing under it.
No command prints or logs a key: only key ids and counts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zairyu.cli_common import fail, messages
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
    from zairyu.keys import Reencryption
    from zairyu.web.store import InterviewStore
    from zairyu.workbench.cipher import KeyringCipher

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


def _place(data_dir: Path | None, database_url: str | None) -> tuple[Path, str, bytes]:
    """The data directory, the database URL and the stable secret (secret.key)."""
    from zairyu.web.app import Settings

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    _ = messages()
    secret_file = settings.data_dir / "secret.key"
    if not secret_file.is_file():
        raise _ProblemError(
            _("{path}: no secret key here; is this zairyu's data directory?").format(
                path=secret_file
            )
        )
    url = (
        database_url or settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    )
    return settings.data_dir, url, secret_file.read_bytes()


def _store(url: str, secret: bytes, keyring: Keyring) -> InterviewStore:
    from zairyu.web.app import Settings
    from zairyu.web.store import InterviewStore

    return InterviewStore(url, secret, Settings().retention, keyring)


def _report(done: Reencryption, what: str) -> bool:
    """Prints what a re-encryption did; True when something was left that needs the operator.
    `what` is already in the user's language."""
    _ = messages()
    sys.stdout.write(
        _("re-encrypted {count} {what} under key {key}; {current} were already under it").format(
            count=done.rewrapped, what=what, key=done.key_id, current=done.already_current
        )
        + "\n"
    )
    problems = False
    if done.changed_meanwhile:
        sys.stdout.write(
            _("{count} {what} were saved during the run: run `zairyu keys reencrypt` again").format(
                count=done.changed_meanwhile, what=what
            )
            + "\n"
        )
    for key_id, count in sorted(done.missing.items()):
        problems = True
        sys.stderr.write(
            _(
                "{count} {what} are under the key {key}, which is not in the keyring: they were"
                " left as they are; restore that key and run `zairyu keys reencrypt`"
            ).format(count=count, what=what, key=key_id)
            + "\n"
        )
    if done.damaged:
        problems = True
        sys.stderr.write(
            _(
                "{count} {what} could not be decrypted (altered, or moved from another place):"
                " they were left as they are"
            ).format(count=done.damaged, what=what)
            + "\n"
        )
    return problems


def _field_cipher(keyring: Keyring, secret: bytes) -> KeyringCipher:
    from zairyu.workbench.cipher import KeyringCipher, legacy_field_cipher

    return KeyringCipher(lambda: keyring, legacy_field_cipher(secret))


def _reencrypt(url: str, secret: bytes, keyring: Keyring, action: str) -> None:
    from zairyu.audit import audit_key
    from zairyu.workbench.reencrypt import reencrypt_fields

    store = _store(url, secret, keyring)
    try:
        answers = store.reencrypt(keyring, action=action)
        fields = reencrypt_fields(
            store.engine, _field_cipher(keyring, secret), audit_key(secret), action=action
        )
    finally:
        store.engine.dispose()
    _ = messages()
    problems = _report(answers, _("interview(s)"))
    problems = _report(fields, _("sealed field(s)")) or problems
    if problems:
        raise typer.Exit(1)


@keys_app.command("rotate")
def rotate(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Add a new current key to the key file, then re-encrypt every interview and every sealed
    field under it."""
    try:
        directory, url, secret = _place(data_dir, database_url)
        path = key_file(directory)
        if not os.environ.get(ENVIRONMENT_VARIABLE, "").strip() and not path.exists():
            keyring = create_key_file(path)  # upgraded, and not started since: its first key
        else:
            keyring = add_key(load_keyring(directory, create=False))
    except (_ProblemError, KeyringError) as error:
        fail(str(error))
    _ = messages()
    sys.stdout.write(
        _("new current key: {key} (in {source})").format(
            key=keyring.current_id, source=keyring.source
        )
        + "\n"
    )
    _reencrypt(url, secret, keyring, "keys.rotate")


@keys_app.command("reencrypt")
def reencrypt(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Re-encrypt every interview and sealed field under the current key (the first in ZAIRYU_KEYS or in the key
    file), without adding a key: after putting a new key first in ZAIRYU_KEYS, or to finish an
    interrupted rotation."""
    try:
        directory, url, secret = _place(data_dir, database_url)
        keyring = load_keyring(directory, create=False)
    except (_ProblemError, KeyringError) as error:
        fail(str(error))
    _reencrypt(url, secret, keyring, "keys.reencrypt")


@keys_app.command("status")
def status(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Per key id, how many interviews and sealed fields are encrypted under it. A key may be
    removed from the key file only when nothing is; exit 1 if something is under a key that is
    not in the keyring."""
    from zairyu.workbench.reencrypt import field_key_usage

    try:
        directory, url, secret = _place(data_dir, database_url)
        keyring = load_keyring(directory, create=False)
    except (_ProblemError, KeyringError) as error:
        fail(str(error))
    store = _store(url, secret, keyring)
    try:
        answers, fields = store.key_usage(), field_key_usage(store.engine)
    finally:
        store.engine.dispose()
    _ = messages()
    sys.stdout.write(_("keys from {source}").format(source=keyring.source) + "\n")
    rows: list[tuple[str, int, int, str]] = []
    for index, key_id in enumerate(keyring.ids):
        state = "current" if index == 0 else "older"
        rows.append((key_id, answers.pop(key_id, 0), fields.pop(key_id, 0), state))
    if LEGACY_KEY_ID in answers or LEGACY_KEY_ID in fields:
        old_format = (answers.pop(LEGACY_KEY_ID, 0), fields.pop(LEGACY_KEY_ID, 0))
        rows.append((LEGACY_KEY_ID, *old_format, "old format, secret.key only"))
    missing = sorted(set(answers) | set(fields))
    rows += [(key_id, answers[key_id], fields[key_id], "NOT IN THE KEYRING") for key_id in missing]
    for key_id, interviews, sealed, state in rows:
        sys.stdout.write(
            f"{key_id}  {interviews:>8} interview(s)  {sealed:>8} sealed field(s)  {state}\n"
        )
    if missing:
        count = sum(answers[key_id] + fields[key_id] for key_id in missing)
        fail(
            _(
                "{count} interview(s) or field(s) are encrypted under key(s) not in the keyring"
                " ({keys}): they cannot be read until the key is restored"
            ).format(count=count, keys=", ".join(missing)),
            code=1,
        )
