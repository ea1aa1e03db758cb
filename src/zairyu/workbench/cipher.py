"""Field encryption: AES-256-GCM with the field's place (table, column, row id) as associated
data, so that a blob copied into another row or column does not decrypt.

`FieldCipher` is the whole interface the workbench needs; `AesGcmCipher` implements it with one
32-byte key given by the caller (a keyring, with key ids and rotation, can implement the same
protocol later: the first byte of every blob is a format version for that purpose).
"""

from __future__ import annotations

import os
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = b"\x01"
NONCE_BYTES = 12


class FieldCipher(Protocol):
    def encrypt(self, plaintext: bytes, context: bytes) -> bytes: ...

    def decrypt(self, blob: bytes, context: bytes) -> bytes: ...


class DecryptionError(ValueError):
    """The blob was altered, moved to another field or row, or made under another key."""


def field_context(table: str, column: str, row_id: str) -> bytes:
    """The associated data binding a value to its place."""
    return "\x1f".join(("zairyu.workbench.v1", table, column, row_id)).encode()


class AesGcmCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the field key must be 32 bytes")
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, blob: bytes, context: bytes) -> bytes:
        blob = bytes(blob)
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
            raise DecryptionError("not a field blob of a known format")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, context)
        except InvalidTag:
            raise DecryptionError("the field does not decrypt in this place") from None
