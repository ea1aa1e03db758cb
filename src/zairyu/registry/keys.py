"""Each issuer's Ed25519 signing keys, their rotation, and the published key set.

An issuer has one current key, which signs every certificate it issues. Rotating retires the
current key on a day and makes a new one current from that day: the old key still verifies the
certificates whose issue date falls in its period (``valid_from`` to ``valid_to``), so rotation
invalidates nothing. A payload that claims an issue date outside its key's period was not signed
when it says it was, and does not verify. For the same reason a rotation is never dated before
the last certificate the current key signed: that would end the key's period before a
certificate it signed, and the certificate would stop verifying.

Retiring a key is not revoking it: a retired key still verifies what it signed in its period.
If a private key may have leaked, rotate at once; the online check (`registry.verify` with the
issuer's register) then also refuses any certificate whose payload differs from the one the
register holds under that number, but an offline verifier with the key set cannot tell a forgery
dated inside the leaked key's period. Key ids are 4 random bytes, unique per issuer; a payload
names its issuer and key id, and both are inside the signed bytes.

The published key set (`KeySet`, JSON at ``/registry/keys.json``) holds only public keys, the
issuers' names and the keys' periods: a verifier downloads it once and checks certificates
offline. Private keys are stored sealed with the field cipher, bound to their row, and never
leave this module unsealed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zairyu.data.partnership_systems import by_code
from zairyu.registry.models import RegistryCertificate, RegistrySigningKey
from zairyu.registry.payload import ISSUER_CODE, MAX_ISSUER_LENGTH
from zairyu.workbench.cipher import FieldCipher, field_context
from zairyu.workbench.models import new_id

FORMAT = "zairyu.registry.keys/1"
ALGORITHM = "Ed25519"
_KEY_ID = re.compile(r"^[0-9a-f]{8}$")


class KeySetError(ValueError):
    """A key set file that is not one this program publishes; the message says what is wrong."""


class SigningKeyError(LookupError):
    """No current key for an issuer, or a rotation that would go back in time."""


@dataclass(frozen=True, slots=True)
class PublishedKey:
    key_id: str
    public_key: bytes
    valid_from: dt.date
    valid_to: dt.date | None  # None: the current key

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def verifies(self, signature: bytes, message: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):  # ValueError: not a public key of this curve
            return False
        return True


@dataclass(frozen=True, slots=True)
class PublishedIssuer:
    code: str
    name_ja: str
    name_en: str
    keys: tuple[PublishedKey, ...]


@dataclass(frozen=True, slots=True)
class KeySet:
    issuers: Mapping[str, PublishedIssuer]

    def key(self, issuer: str, key_id: str) -> PublishedKey | None:
        found = self.issuers.get(issuer)
        if found is None:
            return None
        return next((k for k in found.keys if k.key_id == key_id), None)

    def only(self, issuer: str) -> KeySet:
        return KeySet({issuer: self.issuers[issuer]} if issuer in self.issuers else {})

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "issuers": [
                {
                    "code": issuer.code,
                    "name": {"ja": issuer.name_ja, "en": issuer.name_en},
                    "keys": [
                        {
                            "key_id": key.key_id,
                            "algorithm": ALGORITHM,
                            "public_key": _b64(key.public_key),
                            "valid_from": key.valid_from.isoformat(),
                            "valid_to": None if key.valid_to is None else key.valid_to.isoformat(),
                        }
                        for key in issuer.keys
                    ],
                }
                for issuer in sorted(self.issuers.values(), key=lambda i: i.code)
            ],
        }

    @classmethod
    def from_json(cls, document: object) -> KeySet:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise KeySetError(f"not a zairyu key set: the format is not {FORMAT!r}")
        issuers_json = document.get("issuers")
        if not isinstance(issuers_json, list):
            raise KeySetError("issuers: not a list")
        issuers: dict[str, PublishedIssuer] = {}
        for position, item in enumerate(issuers_json):
            issuer = _issuer(item, f"issuers[{position}]")
            if issuer.code in issuers:
                raise KeySetError(f"issuers[{position}]: the issuer {issuer.code} appears twice")
            issuers[issuer.code] = issuer
        return cls(issuers)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _field(item: Mapping[str, Any], name: str, where: str) -> Any:
    if name not in item:
        raise KeySetError(f"{where}: {name} is missing")
    return item[name]


def _text(item: Mapping[str, Any], name: str, where: str) -> str:
    value = _field(item, name, where)
    if not isinstance(value, str) or not value:
        raise KeySetError(f"{where}.{name}: not a non-empty string")
    return value


def _date(value: object, where: str) -> dt.date:
    if not isinstance(value, str):
        raise KeySetError(f"{where}: not a date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KeySetError(f"{where}: {value!r} is not a date YYYY-MM-DD") from None


def _issuer(item: object, where: str) -> PublishedIssuer:
    if not isinstance(item, dict):
        raise KeySetError(f"{where}: not an object")
    name = _field(item, "name", where)
    if not isinstance(name, dict):
        raise KeySetError(f"{where}.name: not an object with ja and en")
    keys_json = _field(item, "keys", where)
    if not isinstance(keys_json, list):
        raise KeySetError(f"{where}.keys: not a list")
    code = _text(item, "code", where)
    if not ISSUER_CODE.match(code) or len(code) > MAX_ISSUER_LENGTH:
        raise KeySetError(f"{where}.code: not an issuer code such as shibuya")
    keys = tuple(_key(k, f"{where}.keys[{i}]") for i, k in enumerate(keys_json))
    ids = [k.key_id for k in keys]
    if len(set(ids)) != len(ids):
        raise KeySetError(f"{where}.keys: a key id appears twice")
    return PublishedIssuer(
        code=code,
        name_ja=_text(name, "ja", f"{where}.name"),
        name_en=_text(name, "en", f"{where}.name"),
        keys=keys,
    )


def _key(item: object, where: str) -> PublishedKey:
    if not isinstance(item, dict):
        raise KeySetError(f"{where}: not an object")
    key_id = _text(item, "key_id", where)
    if not _KEY_ID.match(key_id):
        raise KeySetError(f"{where}.key_id: not 8 lower-case hex digits")
    if _field(item, "algorithm", where) != ALGORITHM:
        raise KeySetError(f"{where}.algorithm: only {ALGORITHM} is known")
    encoded = _text(item, "public_key", where)
    try:
        public = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        raise KeySetError(f"{where}.public_key: not base64url") from None
    if len(public) != 32:
        raise KeySetError(f"{where}.public_key: an Ed25519 public key is 32 bytes")
    valid_to = _field(item, "valid_to", where)
    return PublishedKey(
        key_id=key_id,
        public_key=public,
        valid_from=_date(_field(item, "valid_from", where), f"{where}.valid_from"),
        valid_to=None if valid_to is None else _date(valid_to, f"{where}.valid_to"),
    )


# --- the issuer's side: stored keys -----------------------------------------------------------


def _context(row_id: str) -> bytes:
    return field_context("registry_signing_keys", "private_key_enc", row_id)


def create_key(
    session: Session, cipher: FieldCipher, issuer_code: str, valid_from: dt.date
) -> RegistrySigningKey:
    taken = set(
        session.scalars(
            select(RegistrySigningKey.key_id).where(RegistrySigningKey.issuer_code == issuer_code)
        )
    )
    key_id = os.urandom(4).hex()
    while key_id in taken:
        key_id = os.urandom(4).hex()
    private = Ed25519PrivateKey.generate()
    row_id = new_id()
    row = RegistrySigningKey(
        id=row_id,
        issuer_code=issuer_code,
        key_id=key_id,
        public_key=private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
        private_key_enc=cipher.encrypt(private.private_bytes_raw(), _context(row_id)),
        valid_from=valid_from,
        retired_on=None,
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    return row


def current_key(session: Session, issuer_code: str) -> RegistrySigningKey:
    row = session.scalars(
        select(RegistrySigningKey).where(
            RegistrySigningKey.issuer_code == issuer_code, RegistrySigningKey.retired_on.is_(None)
        )
    ).one_or_none()
    if row is None:
        raise SigningKeyError(f"the issuer {issuer_code} has no current signing key")
    return row


def rotate(
    session: Session, cipher: FieldCipher, issuer_code: str, on: dt.date
) -> RegistrySigningKey:
    """Retires the current key on `on` and makes a new one current from `on`."""
    old = current_key(session, issuer_code)
    if on < old.valid_from:
        raise SigningKeyError(
            f"the current key of {issuer_code} is valid from {old.valid_from}: rotating on {on}"
            " would leave it no period"
        )
    last_signed = session.scalar(
        select(func.max(RegistryCertificate.issue_date)).where(
            RegistryCertificate.issuer_code == issuer_code,
            RegistryCertificate.key_id == old.key_id,
        )
    )
    if last_signed is not None and on < last_signed:
        raise SigningKeyError(
            f"the current key of {issuer_code} signed a certificate dated {last_signed}:"
            f" rotating on {on} would end its period before that day, and the certificate would"
            " no longer verify"
        )
    old.retired_on = on
    session.flush()
    return create_key(session, cipher, issuer_code, on)


def private_key(cipher: FieldCipher, row: RegistrySigningKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(
        cipher.decrypt(bytes(row.private_key_enc), _context(row.id))
    )


def published(session: Session) -> KeySet:
    """Every issuer's public keys, oldest first, with the issuer's name from the systems table."""
    rows = session.scalars(
        select(RegistrySigningKey).order_by(
            RegistrySigningKey.issuer_code, RegistrySigningKey.created_at
        )
    ).all()
    grouped: dict[str, list[PublishedKey]] = {}
    for row in rows:
        grouped.setdefault(row.issuer_code, []).append(
            PublishedKey(row.key_id, bytes(row.public_key), row.valid_from, row.retired_on)
        )
    systems = by_code()
    return KeySet(
        {
            code: PublishedIssuer(code, systems[code].name.ja, systems[code].name.en, tuple(keys))
            for code, keys in grouped.items()
        }
    )
