"""Encryption of saved answers at rest (AES-256-GCM) and signed form tokens (HMAC-SHA256).

Saved answers can reveal sexual orientation or an asylum claim. They are encrypted twice:

- the inner layer (`encrypt`, `decrypt`) under a key derived (HKDF-SHA256) from the server's
  stable secret (`secret.key`) *and* the interview's private token. The database stores only a
  hash of the token, so a copy of the database, or of the secret alone, does not reveal anyone's
  answers. This layer never changes: without the token it cannot be re-encrypted.
- the outer layer (`wrap`, `unwrap`), the envelope, under the current key of the rotating
  keyring (`zairyu.keys`): ``b"ZK1" + key id (8 ASCII) + nonce (12) + AES-GCM ciphertext``, with
  ``b"ZK1" + key id + interview id`` authenticated, so that neither the key id nor the interview
  a blob belongs to can be changed. `zairyu keys rotate` re-wraps this layer without any token.

A blob without the ``ZK1`` prefix was saved before the keyring existed: it is the inner layer
alone, and is still read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zairyu.keys import KEY_ID_LENGTH, LEGACY_KEY_ID, Keyring

SECRET_BYTES = 32
NONCE_BYTES = 12


ENVELOPE = b"ZK1"
_HEADER = len(ENVELOPE) + KEY_ID_LENGTH
_HEX = frozenset(b"0123456789abcdef")


class DecryptionError(ValueError):
    """The stored answers were altered, or the token or secret does not match them."""


class UnknownKeyError(DecryptionError):
    """The stored answers are wrapped under a key that is not in the keyring."""

    def __init__(self, key_id: str) -> None:
        super().__init__(
            f"the saved answers are encrypted under the key {key_id}, which is not in the"
            " keyring (ZAIRYU_KEYS or the key file): restore that key to read them"
        )
        self.key_id = key_id


def load_or_create_secret(path: Path) -> bytes:
    """The server secret: read from `path`, or created there (mode 0600) on first start."""
    if path.exists():
        secret = path.read_bytes()
        if len(secret) != SECRET_BYTES:
            raise ValueError(f"{path}: a secret key file must hold exactly {SECRET_BYTES} bytes")
        return secret
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(SECRET_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secret)
    return secret


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_id(token: str) -> str:
    """What the database stores instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def _key(secret: bytes, token: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"zairyu answers v1").derive(
        secret + token.encode()
    )


def encrypt(secret: bytes, token: str, plaintext: bytes) -> bytes:
    """nonce || ciphertext; the token's hash is authenticated too, so rows cannot be swapped."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_key(secret, token)).encrypt(nonce, plaintext, token_id(token).encode())
    return nonce + sealed


def decrypt(secret: bytes, token: str, blob: bytes) -> bytes:
    nonce, sealed = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
    try:
        return AESGCM(_key(secret, token)).decrypt(nonce, sealed, token_id(token).encode())
    except InvalidTag:
        raise DecryptionError("saved answers cannot be decrypted") from None


def envelope_key_id(blob: bytes) -> str:
    """The id of the key a blob is wrapped under, or LEGACY_KEY_ID for the old format (the inner
    layer alone)."""
    key_id = blob[len(ENVELOPE) : _HEADER]
    if blob.startswith(ENVELOPE) and len(key_id) == KEY_ID_LENGTH and set(key_id) <= _HEX:
        return key_id.decode("ascii")
    # An old blob begins with a random nonce: the chance that it looks like an envelope
    # (b"ZK1" and 8 hexadecimal characters) is about 1 in 10**16.
    return LEGACY_KEY_ID


def _outer_aad(key_id: str, interview_id: str) -> bytes:
    return ENVELOPE + key_id.encode("ascii") + interview_id.encode("ascii")


def wrap(keyring: Keyring, interview_id: str, inner: bytes) -> bytes:
    """The inner ciphertext in an envelope under the keyring's current key."""
    key_id = keyring.current_id
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(keyring.current).encrypt(nonce, inner, _outer_aad(key_id, interview_id))
    return ENVELOPE + key_id.encode("ascii") + nonce + sealed


def unwrap(keyring: Keyring, interview_id: str, blob: bytes) -> bytes:
    """The inner ciphertext: the envelope opened, or an old-format blob as it is. Raises
    UnknownKeyError when the key is not in the keyring, DecryptionError when the blob was
    altered or belongs to another interview."""
    key_id = envelope_key_id(blob)
    if key_id == LEGACY_KEY_ID:
        return blob
    key = keyring.get(key_id)
    if key is None:
        raise UnknownKeyError(key_id)
    nonce, sealed = blob[_HEADER : _HEADER + NONCE_BYTES], blob[_HEADER + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, sealed, _outer_aad(key_id, interview_id))
    except InvalidTag:
        raise DecryptionError("saved answers cannot be decrypted") from None


def seal(secret: bytes, keyring: Keyring | None, token: str, plaintext: bytes) -> bytes:
    """Both layers (the inner one alone without a keyring, as before keys could rotate)."""
    inner = encrypt(secret, token, plaintext)
    return inner if keyring is None else wrap(keyring, token_id(token), inner)


def open_sealed(secret: bytes, keyring: Keyring | None, token: str, blob: bytes) -> bytes:
    if keyring is None:
        if envelope_key_id(blob) != LEGACY_KEY_ID:
            raise UnknownKeyError(envelope_key_id(blob))
        return decrypt(secret, token, blob)
    return decrypt(secret, token, unwrap(keyring, token_id(token), blob))


class FormSigner:
    """Tokens in every form: they bind a form to its interview and the question it showed, and
    expire, so a stale or altered form is refused with a message instead of saving garbage."""

    def __init__(self, secret: bytes, max_age_seconds: int) -> None:
        self._key = hashlib.sha256(b"zairyu forms v1" + secret).digest()
        self.max_age_seconds = max_age_seconds

    def sign(self, purpose: str, now: float | None = None) -> str:
        issued = str(int(time.time() if now is None else now))
        return f"{issued}.{self._mac(purpose, issued)}"

    def check(self, purpose: str, token: str, now: float | None = None) -> str:
        """'ok', 'expired' or 'invalid'."""
        issued, _, mac = token.partition(".")
        if not issued.isdigit() or not hmac.compare_digest(mac, self._mac(purpose, issued)):
            return "invalid"
        age = (time.time() if now is None else now) - int(issued)
        return "ok" if 0 <= age <= self.max_age_seconds else "expired"

    def _mac(self, purpose: str, issued: str) -> str:
        return hmac.new(self._key, f"{purpose}|{issued}".encode(), hashlib.sha256).hexdigest()
