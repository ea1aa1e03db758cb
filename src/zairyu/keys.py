"""The keyring: the rotating AES-256 keys of the outer encryption layer of saved answers.

Each key is 32 random bytes with an id of 8 hexadecimal characters. The keys come from, in
order:

1. the environment variable ``ZAIRYU_KEYS``: ``id:base64key`` pairs separated by commas, the
   first being the current key (the one new writes use);
2. else the key file ``<data_dir>/keys``: one ``id:base64key`` per line, the first line being
   the current key; blank lines and lines starting with ``#`` are ignored. It is created (mode
   0600) with one new key on first start.

Keys are never stored in the database, and nothing here logs or prints one.

The keyring is only for encryption. ``<data_dir>/secret.key`` stays what it was before keys
could rotate: the stable secret of the audit log's MACs, of the form tokens and of the inner,
token-keyed layer (see ``zairyu.web.crypto``); it is never rotated. Answers saved before the
keyring existed have no outer layer: they are counted under the reserved id ``legacy00``
(``LEGACY_KEY_ID``, which names no key: such answers need only ``secret.key`` and the token) and
are wrapped under the current key by ``zairyu keys rotate`` or ``zairyu keys reencrypt``.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

KEY_BYTES = 32
KEY_ID_LENGTH = 8
ENVIRONMENT_VARIABLE = "ZAIRYU_KEYS"
KEY_FILE_NAME = "keys"
# Old-format answers (no outer layer) are counted under this id; it is not hexadecimal, so no
# key can have it.
LEGACY_KEY_ID = "legacy00"

_KEY_ID = re.compile(r"[0-9a-f]{8}")
_log = logging.getLogger(__name__)


class KeyringError(ValueError):
    """The keys in ZAIRYU_KEYS or in the key file are missing or malformed."""


class EnvironmentKeysError(KeyringError):
    """A change to the keys was asked for, but they come from the environment."""


def key_file(data_dir: Path) -> Path:
    return data_dir / KEY_FILE_NAME


@dataclass(frozen=True, slots=True)
class Keyring:
    """Key ids and keys, the first being the current key. The keys are never shown by repr."""

    keys: tuple[tuple[str, bytes], ...] = field(repr=False)
    source: str  # "environment" or the key file's path
    path: Path | None = None  # the key file, when the keys come from it
    _stamp: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyringError(f"{self.source}: no key")

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    @property
    def current(self) -> bytes:
        return self.keys[0][1]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(key_id for key_id, _ in self.keys)

    def get(self, key_id: str) -> bytes | None:
        for known, key in self.keys:
            if known == key_id:
                return key
        return None

    @property
    def from_environment(self) -> bool:
        return self.path is None

    def refreshed(self) -> Keyring:
        """The keyring as the key file holds it now: itself when the file has not changed (or
        the keys come from the environment), so that a running server picks up a rotation."""
        if self.path is None:
            return self
        try:
            if _file_stamp(self.path) == self._stamp:
                return self
            return read_key_file(self.path)
        except (OSError, KeyringError) as error:
            # Keep serving with the keys already read; the operator sees why in the log.
            _log.error(
                "the key file could not be read again, keeping the keys read before: %s", error
            )
            return self


class LiveKeyring:
    """A keyring read again whenever its key file changes: call it for the keys of now, so that
    a running server picks up `zairyu keys rotate` without a restart."""

    def __init__(self, keyring: Keyring) -> None:
        self._keyring = keyring

    def __call__(self) -> Keyring:
        self._keyring = self._keyring.refreshed()
        return self._keyring


@dataclass(slots=True)
class Reencryption:
    """What a re-encryption under the current key did (of interviews or of sealed fields)."""

    key_id: str  # the current key, which every re-encrypted blob is under now
    rewrapped: int = 0
    already_current: int = 0
    changed_meanwhile: int = 0  # saved by the web app during the run: run it again
    damaged: int = 0  # altered, or moved from another place: left as they are
    missing: Counter[str] = field(default_factory=Counter)  # key id -> blobs it could not open


def _file_stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_ino


def generate_key_id(taken: tuple[str, ...] = ()) -> str:
    while True:
        key_id = secrets.token_hex(KEY_ID_LENGTH // 2)
        if key_id not in taken:
            return key_id


def generate_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def parse_keys(entries: list[tuple[str, str]], where: str) -> tuple[tuple[str, bytes], ...]:
    """`(place, "id:base64key")` pairs, `place` naming where each came from for messages."""
    keys: list[tuple[str, bytes]] = []
    for place, entry in entries:
        key_id, colon, encoded = entry.strip().partition(":")
        key_id, encoded = key_id.strip(), encoded.strip()
        if not colon:
            raise KeyringError(f"{place}: expected id:base64key, found no ':'")
        if not _KEY_ID.fullmatch(key_id):
            raise KeyringError(
                f"{place}: the key id {key_id!r} is not {KEY_ID_LENGTH} lowercase hexadecimal"
                " characters"
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise KeyringError(f"{place}: the key of {key_id} is not valid base64") from None
        if len(key) != KEY_BYTES:
            raise KeyringError(
                f"{place}: the key of {key_id} is {len(key)} bytes; a key is {KEY_BYTES} bytes"
            )
        if any(known == key_id for known, _ in keys):
            raise KeyringError(f"{place}: the key id {key_id} is given twice")
        keys.append((key_id, key))
    if not keys:
        raise KeyringError(f"{where}: no key")
    return tuple(keys)


def format_key(key_id: str, key: bytes) -> str:
    return f"{key_id}:{base64.b64encode(key).decode('ascii')}"


def keys_from_environment(value: str) -> Keyring:
    entries = [
        (f"{ENVIRONMENT_VARIABLE} (entry {number})", entry)
        for number, entry in enumerate(value.split(","), start=1)
    ]
    if any(not entry.strip() for _, entry in entries):
        empty = next(place for place, entry in entries if not entry.strip())
        raise KeyringError(f"{empty}: empty; expected id:base64key[,id:base64key...]")
    return Keyring(parse_keys(entries, ENVIRONMENT_VARIABLE), source=ENVIRONMENT_VARIABLE)


def read_key_file(path: Path) -> Keyring:
    stamp = _file_stamp(path)
    if path.stat().st_mode & 0o077:
        _log.warning("%s can be read by other users: it should be mode 0600", path)
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError:
        raise KeyringError(f"{path}: not a key file (it is not ASCII text)") from None
    entries = [
        (f"{path} (line {number})", line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return Keyring(parse_keys(entries, str(path)), source=str(path), path=path, _stamp=stamp)


def _write_new(path: Path, text: str) -> None:
    """Writes `text` to a new private file (0600) next to `path`; returns once it is complete."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def create_key_file(path: Path) -> Keyring:
    """A key file with one new key; if another process made one first, that one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path)
    _write_new(temporary, format_key(generate_key_id(), generate_key()) + "\n")
    try:
        os.link(temporary, path)  # fails if the file exists: never overwrite keys
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return read_key_file(path)


def add_key(keyring: Keyring) -> Keyring:
    """Adds a new current key at the top of the key file (the others stay, to read older
    answers) and returns the new keyring. Refused when the keys come from the environment."""
    if keyring.path is None:
        raise EnvironmentKeysError(
            f"the keys come from {ENVIRONMENT_VARIABLE}, which zairyu cannot change: put a new"
            f" key first in {ENVIRONMENT_VARIABLE} (id:base64key, the old ones after it),"
            " restart zairyu with it, and run `zairyu keys reencrypt`"
        )
    path = keyring.path
    current = read_key_file(path)  # as it is now, not as it was read earlier
    key_id = generate_key_id(current.ids)
    lines = [format_key(key_id, generate_key())]
    lines += [format_key(known, key) for known, key in current.keys]
    temporary = _temporary(path)
    _write_new(temporary, "\n".join(lines) + "\n")
    os.replace(temporary, path)
    return read_key_file(path)


def load_keyring(
    data_dir: Path, environ: Mapping[str, str] | None = None, *, create: bool = True
) -> Keyring:
    """The keys from ZAIRYU_KEYS, else from the key file (made with one key if missing and
    `create`). Raises KeyringError naming the problem when they are malformed."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENVIRONMENT_VARIABLE, "")
    if value.strip():
        return keys_from_environment(value)
    path = key_file(data_dir)
    if path.exists():
        return read_key_file(path)
    if not create:
        raise KeyringError(
            f"{path}: no key file, and {ENVIRONMENT_VARIABLE} is not set; is this zairyu's data"
            " directory?"
        )
    return create_key_file(path)
