"""Encryption of saved answers at rest (AES-256-GCM) and signed form tokens (HMAC-SHA256).

Saved answers can reveal sexual orientation or an asylum claim. Each interview's answers are
encrypted with a key derived (HKDF-SHA256) from the server's secret *and* the interview's private
token. The database stores only a hash of the token, so a copy of the database, or of the
secret alone, does not reveal anyone's answers.
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

SECRET_BYTES = 32
NONCE_BYTES = 12


class DecryptionError(ValueError):
    """The stored answers were altered, or the token or secret does not match them."""


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
