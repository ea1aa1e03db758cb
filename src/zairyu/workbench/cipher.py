"""Field encryption: AES-256-GCM with the field's place (table, column, row id) as associated
data, so that a blob copied into another row or column does not decrypt.

`FieldCipher` is the whole interface the workbench (and the registry) needs. Two formats exist,
told apart by the blob's first byte:

- ``0x02`` (`KeyringCipher`, what every new blob is): the 8-character id of a key of the rotating
  keyring (`zairyu.keys`: ``ZAIRYU_KEYS`` or the key file, never the database), a 12-byte nonce,
  then the sealed value. The AES key is derived from the keyring key with HKDF for this purpose
  only, so the same keyring key never encrypts two kinds of data. `zairyu keys rotate` adds a
  key and re-encrypts every field under it (see `zairyu.workbench.reencrypt`).
- ``0x01`` (`AesGcmCipher` with one fixed key): what the workbench wrote before it used the
  keyring, under a key derived from ``secret.key``. Still read; re-encrypted by `zairyu keys
  rotate` or `zairyu keys reencrypt`, and counted under ``LEGACY_KEY_ID`` meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zairyu.keys import KEY_ID_LENGTH, LEGACY_KEY_ID, Keyring

FORMAT = b"\x01"  # one fixed key, no key id
FORMAT_KEYRING = b"\x02"  # key id, nonce, sealed value
NONCE_BYTES = 12
TAG_BYTES = 16
_FIELD_KEY_INFO = b"zairyu sealed fields v2"


class FieldCipher(Protocol):
    def encrypt(self, plaintext: bytes, context: bytes) -> bytes: ...

    def decrypt(self, blob: bytes, context: bytes) -> bytes: ...


class DecryptionError(ValueError):
    """The blob was altered, moved to another field or row, or made under another key."""


class MissingKeyError(DecryptionError):
    """The blob is under a keyring key that is no longer (or not yet) in the keyring."""

    def __init__(self, key_id: str) -> None:
        super().__init__(f"the field is encrypted under key {key_id}, which is not in the keyring")
        self.key_id = key_id


def field_context(table: str, column: str, row_id: str) -> bytes:
    """The associated data binding a value to its place."""
    return "\x1f".join(("zairyu.workbench.v1", table, column, row_id)).encode()


def sealed_key_id(blob: bytes) -> str:
    """The id of the key a blob is under (`LEGACY_KEY_ID` for the fixed-key format), read from
    its header only; "unreadable" when the header is of no known format."""
    blob = bytes(blob)
    if blob[:1] == FORMAT:
        return LEGACY_KEY_ID
    if blob[:1] == FORMAT_KEYRING and len(blob) > KEY_ID_LENGTH:
        return blob[1 : 1 + KEY_ID_LENGTH].decode("ascii", errors="replace")
    return "unreadable"


class AesGcmCipher:
    """One fixed 32-byte key: the format before the keyring, and a simple cipher for tests."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the field key must be 32 bytes")
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, blob: bytes, context: bytes) -> bytes:
        blob = bytes(blob)
        if len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[:1] != FORMAT:
            raise DecryptionError("not a field blob of a known format")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, context)
        except InvalidTag:
            raise DecryptionError("the field does not decrypt in this place") from None


def legacy_field_cipher(secret: bytes) -> AesGcmCipher:
    """The cipher of the fields written before the keyring: a key derived from the secret."""
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"zairyu workbench fields v1"
    ).derive(secret)
    return AesGcmCipher(key)


class KeyringCipher:
    """AES-256-GCM under the keyring's current key; decrypts under any key still in it.

    `keyring` is called on every use, so a running server that is given a keyring which re-reads
    its key file (`Keyring.refreshed`) picks up a rotation without a restart. `before_keyring`
    reads the fixed-key format, if any such blobs may remain.
    """

    def __init__(
        self, keyring: Callable[[], Keyring], before_keyring: FieldCipher | None = None
    ) -> None:
        self._keyring = keyring
        self._before = before_keyring
        self._aeads: dict[tuple[str, bytes], AESGCM] = {}

    @property
    def current_key_id(self) -> str:
        return self._keyring().current_id

    def _aead(self, key_id: str, key: bytes) -> AESGCM:
        aead = self._aeads.get((key_id, key))
        if aead is None:
            derived = HKDF(
                algorithm=hashes.SHA256(), length=32, salt=None, info=_FIELD_KEY_INFO
            ).derive(key)
            aead = self._aeads[(key_id, key)] = AESGCM(derived)
        return aead

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        keyring = self._keyring()
        key_id = keyring.current_id
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead(key_id, keyring.current).encrypt(nonce, plaintext, context)
        return FORMAT_KEYRING + key_id.encode("ascii") + nonce + sealed

    def decrypt(self, blob: bytes, context: bytes) -> bytes:
        blob = bytes(blob)
        if blob[:1] == FORMAT and self._before is not None:
            return self._before.decrypt(blob, context)
        header = 1 + KEY_ID_LENGTH + NONCE_BYTES
        if len(blob) < header + TAG_BYTES or blob[:1] != FORMAT_KEYRING:
            raise DecryptionError("not a field blob of a known format")
        key_id = sealed_key_id(blob)
        key = self._keyring().get(key_id)
        if key is None:
            raise MissingKeyError(key_id)
        nonce, sealed = blob[1 + KEY_ID_LENGTH : header], blob[header:]
        try:
            return self._aead(key_id, key).decrypt(nonce, sealed, context)
        except InvalidTag:
            raise DecryptionError("the field does not decrypt in this place") from None
