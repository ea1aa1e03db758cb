"""The compact signed payload of a partnership certificate, as its QR code carries it.

Binary layout, version 1 (all integers big-endian)::

    offset  size  field
    0       1     version = 0x01
    1       1     L = length of the issuer code (1..40)
    2       L     issuer code, ASCII: a system's code in partnership_systems.csv ("shibuya")
    2+L     4     key id: which of the issuer's keys signed (see `registry.keys`)
    6+L     4     certificate number, 1..2^32-1, counted per issuer
    10+L    2     issue date: days since 1970-01-01
    12+L    32    holder hash (below)
    44+L    64    Ed25519 signature of DOMAIN + bytes 0 .. 44+L

The text form is RFC 4648 base32 without padding, upper case: its alphabet (A-Z, 2-7) lies
inside the QR code's alphanumeric mode, so ~120 bytes become ~190 characters and a version 8
symbol, easy to scan from paper. The QR code holds it after the verification page's address
(`qr_text`: ``HTTPS://HOST/V/<payload>``), which a phone's camera opens; `from_scan` takes the
payload back out of whatever a code reader gives. Decoding ignores spaces and line breaks (a payload typed from
paper may be grouped) and letter case; anything else is refused with `PayloadError`.

The holder hash binds the certificate to its two holders without carrying their names: scrypt
(N=2^14, r=8, p=1, 32 bytes) of both holders, each as its normalised name and ISO birth date,
in sorted order (so the order the verifier types them in does not matter), salted with the
issuer and certificate number (so no table of names computed once serves every certificate).
Names are normalised with NFKC (full-width and half-width forms agree, and the ideographic
space becomes a space), case-folded, and with every space removed, so "山田 花子", "山田　花子"
and "山田花子" all match. A name with a control character is refused (`HolderError`): the
separators of the hashed text are control characters, so no two different pairs of holders
hash the same text.

What the holder hash does and does not protect. The payload carries no name, but it is not
anonymous: issuer, number and date identify one certificate in the issuer's register, and the
hash lets anyone holding the payload *confirm a guess*. Everything a guess needs is in the
payload except the two names and birth dates; someone who knows or suspects who the couple
are (both names) and searches both birth dates over plausible years (about 10^8 pairs for two
unknown dates in a 40-year span) pays 2x10^8 scrypt calls, out of reach; someone who also knows
one birth date pays about 15,000 calls (minutes on one core) per guessed pair of names. A
verifier who has the paper learns nothing by this (the names are printed on it), so the threat
is a payload seen without its paper: a photo of the QR code, a ``/V/<payload>`` address in a
browser's history or a reverse proxy's log. Treat a payload as personal data of the couple
(zairyu's own server does not log request paths, and its pages send no referrer); the public
verification endpoints are rate-limited (`zairyu.web.registry_pages`) so the server is not an
oracle for such a search. The salt (issuer and number) only stops one table of names from
serving every certificate.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

VERSION = 1
DOMAIN = b"zairyu.registry.certificate.v1\x00"
HOLDER_SALT = b"zairyu.registry.holders.v1\x1f"
EPOCH = dt.date(1970, 1, 1)
MAX_ISSUER_LENGTH = 40
KEY_ID_BYTES = 4
HASH_BYTES = 32
SIGNATURE_BYTES = 64
MAX_NUMBER = 2**32 - 1
LAST_DAY = EPOCH + dt.timedelta(days=2**16 - 1)
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": HASH_BYTES}
SCAN_PATH = "/V/"

ISSUER_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_ISSUER = ISSUER_CODE
_BASE32 = re.compile(r"^[A-Z2-7]*$")
_IGNORED = re.compile(r"[ \t\r\n]+")
# Lengths (in characters) that unpadded base32 can have: 8 characters hold 5 bytes.
_PADDING = {0: "", 2: "======", 4: "====", 5: "===", 7: "="}


class PayloadError(ValueError):
    """The text is not a certificate payload this program can read; the message says why."""


class HolderError(ValueError):
    """The holders given to hash are not two named people with birth dates."""


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    birth_date: dt.date


@dataclass(frozen=True, slots=True)
class Claims:
    """What a payload states, before its signature is checked."""

    issuer: str
    key_id: str  # 8 hex digits
    number: int
    issue_date: dt.date
    holder_hash: bytes


@dataclass(frozen=True, slots=True)
class Payload:
    claims: Claims
    signature: bytes
    # The bytes the signature covers (DOMAIN is prepended when signing and verifying).
    signed: bytes


def normalise_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def has_control_character(text: str) -> bool:
    """Whether `text` has a control character (Unicode category Cc: tabs, line breaks, NUL,
    the separators the holder hash uses); no printed name has one."""
    return any(unicodedata.category(character) == "Cc" for character in text)


def holder_parts(holders: Sequence[Holder]) -> list[str]:
    """Each holder as hashed, sorted; `HolderError` unless two people with names."""
    if len(holders) != 2:
        raise HolderError(f"a certificate has two holders, not {len(holders)}")
    parts: list[str] = []
    for position, holder in enumerate(holders, start=1):
        if has_control_character(holder.name):
            raise HolderError(f"holder {position}: the name has a control character")
        name = normalise_name(holder.name)
        if not name:
            raise HolderError(f"holder {position}: the name is empty")
        parts.append(f"{name}\x1f{holder.birth_date.isoformat()}")
    return sorted(parts)


def holder_hash(issuer: str, number: int, holders: Sequence[Holder]) -> bytes:
    message = "\x1e".join(holder_parts(holders)).encode()
    salt = HOLDER_SALT + f"{issuer}\x1f{number}".encode()
    return hashlib.scrypt(message, salt=salt, **SCRYPT)


def check_claims(claims: Claims) -> None:
    """Refuses claims that the layout cannot carry (a programming error when issuing)."""
    if not _ISSUER.match(claims.issuer) or len(claims.issuer) > MAX_ISSUER_LENGTH:
        raise PayloadError(f"the issuer code {claims.issuer!r} cannot be carried")
    if not re.fullmatch(r"[0-9a-f]{8}", claims.key_id):
        raise PayloadError(f"the key id {claims.key_id!r} is not 8 lower-case hex digits")
    if not 1 <= claims.number <= MAX_NUMBER:
        raise PayloadError(f"the certificate number {claims.number} is out of range")
    if not EPOCH <= claims.issue_date <= LAST_DAY:
        raise PayloadError(f"the issue date {claims.issue_date} is out of range")
    if len(claims.holder_hash) != HASH_BYTES:
        raise PayloadError("the holder hash is not 32 bytes")


def signed_bytes(claims: Claims) -> bytes:
    check_claims(claims)
    issuer = claims.issuer.encode("ascii")
    return (
        bytes((VERSION, len(issuer)))
        + issuer
        + bytes.fromhex(claims.key_id)
        + struct.pack(">IH", claims.number, (claims.issue_date - EPOCH).days)
        + claims.holder_hash
    )


def message_to_sign(signed: bytes) -> bytes:
    return DOMAIN + signed


def encode(signed: bytes, signature: bytes) -> str:
    if len(signature) != SIGNATURE_BYTES:
        raise PayloadError("an Ed25519 signature is 64 bytes")
    return base64.b32encode(signed + signature).decode("ascii").rstrip("=")


def _bytes_of(text: str) -> bytes:
    if not isinstance(text, str):
        raise PayloadError("the payload is not text")
    compact = _IGNORED.sub("", text).upper()
    if not compact:
        raise PayloadError("the payload is empty")
    if not _BASE32.match(compact):
        position, character = next((i, c) for i, c in enumerate(compact) if c not in _B32_SET)
        raise PayloadError(
            f"the payload has a character that is not in it ({character!r} at position "
            f"{position + 1}): only the letters A-Z and the digits 2-7 occur"
        )
    padding = _PADDING.get(len(compact) % 8)
    if padding is None:
        raise PayloadError(f"the payload's length ({len(compact)} characters) is not possible")
    try:
        raw = base64.b32decode(compact + padding)
    except (binascii.Error, ValueError):
        raise PayloadError("the payload is not valid base32") from None
    if base64.b32encode(raw).decode("ascii").rstrip("=") != compact:
        # Unused bits in the last character set: not a payload this program wrote.
        raise PayloadError("the payload's last character is not possible: it was altered")
    return raw


_B32_SET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_SCAN_PATH = re.compile(re.escape(SCAN_PATH), re.IGNORECASE)


def qr_text(base_url: str, payload: str) -> str:
    """What the QR code holds: the verification page's address ending in ``/V/`` and the
    payload, so that a phone's camera opens the page with the payload filled in. The scheme and
    host are written in upper case (they are case-insensitive), which keeps the whole text in
    the QR alphanumeric mode when the base URL has no path."""
    parts = urlsplit(base_url.rstrip("/"))
    prefix = f"{parts.scheme}://{parts.netloc}".upper() + parts.path
    return f"{prefix}{SCAN_PATH}{payload}"


def from_scan(text: str) -> str:
    """The payload in what a code reader gives: what follows the last ``/V/`` of an address
    made by `qr_text`, or else the text itself."""
    # Searched case-insensitively in the text itself: `str.upper` can change a text's length
    # ("ß" becomes "SS"), so a position found in the upper-cased text may not be one in `text`.
    ends = [match.end() for match in _SCAN_PATH.finditer(text)]
    return text[ends[-1] :] if ends else text


def decode(text: str) -> Payload:
    """The payload's claims and signature; `PayloadError` for anything else."""
    raw = _bytes_of(text)
    if len(raw) < 2:
        raise PayloadError("the payload is too short")
    if raw[0] != VERSION:
        raise PayloadError(f"the payload's format version {raw[0]} is unknown (known: 1)")
    issuer_length = raw[1]
    if not 1 <= issuer_length <= MAX_ISSUER_LENGTH:
        raise PayloadError(f"the payload's issuer length {issuer_length} is not possible")
    expected = 2 + issuer_length + KEY_ID_BYTES + 6 + HASH_BYTES + SIGNATURE_BYTES
    if len(raw) != expected:
        raise PayloadError(
            f"the payload has {len(raw)} bytes; one from this issuer code has {expected}"
        )
    at = 2 + issuer_length
    issuer_bytes = raw[2:at]
    try:
        issuer = issuer_bytes.decode("ascii")
    except UnicodeDecodeError:
        raise PayloadError("the payload's issuer code is not ASCII") from None
    if not _ISSUER.match(issuer):
        raise PayloadError("the payload's issuer code is not a code such as shibuya")
    key_id = raw[at : at + KEY_ID_BYTES].hex()
    at += KEY_ID_BYTES
    number, days = struct.unpack(">IH", raw[at : at + 6])
    at += 6
    if number == 0:
        raise PayloadError("the payload's certificate number is 0, which is never issued")
    holder = raw[at : at + HASH_BYTES]
    at += HASH_BYTES
    claims = Claims(issuer, key_id, number, EPOCH + dt.timedelta(days=days), holder)
    return Payload(claims, raw[at:], raw[:at])
