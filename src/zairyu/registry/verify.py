"""A third party's check of a certificate: the payload from its QR code (or typed from the
paper), the two names and birth dates printed on it, and the published key set.

The verdict tells only what a hospital or landlord needs: whether the paper is genuine and in
force, and if so its issuer, issue date and status (with the status's day). Nothing about the
holders is returned, and "does not match" never says which part failed (a wrong name, a wrong
birth date, a forged signature or an altered field), so that the check cannot be used to guess
a holder's details one field at a time.

Offline (a key set file, no status list) a genuine certificate is ``valid`` with
``status_checked`` false: a return or revocation after the key set was downloaded is unknown.

Online, the issuer's register is also asked what it issued under the payload's number
(`RegisterLookup`): a payload whose signed bytes differ from the register's is "does not match"
even with a valid signature, so a leaked signing key cannot make a certificate that verifies
online for a number the issuer gave to another couple.

Order of the checks, and what each costs: the typed holders (cheap), the payload's layout, the
issuer and key, the signature (an Ed25519 verification), the register, and only then the
holder hash (scrypt, the expensive step). Whether a signature is valid is no secret (anyone can
check it with the published keys), so answering a forgery faster than a wrong name tells the
verifier nothing new, and only a genuine payload can make the server run scrypt.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.registry.keys import KeySet, PublishedIssuer
from zairyu.registry.models import ISSUED, RETURNED, REVOKED, TRANSFERRED_OUT
from zairyu.registry.payload import (
    Holder,
    PayloadError,
    decode,
    from_scan,
    holder_hash,
    holder_parts,
    message_to_sign,
)
from zairyu.report import format_date

VALID = "valid"
REVOKED_VERDICT = "revoked"
RETURNED_VERDICT = "returned"
TRANSFERRED = "transferred"
UNKNOWN_ISSUER = "unknown_issuer"
DOES_NOT_MATCH = "does_not_match"
UNKNOWN_CERTIFICATE = "unknown_certificate"
UNREADABLE = "unreadable"
VERDICTS = (
    VALID,
    REVOKED_VERDICT,
    RETURNED_VERDICT,
    TRANSFERRED,
    UNKNOWN_ISSUER,
    DOES_NOT_MATCH,
    UNKNOWN_CERTIFICATE,
    UNREADABLE,
)
_BY_STATUS = {
    ISSUED: VALID,
    REVOKED: REVOKED_VERDICT,
    RETURNED: RETURNED_VERDICT,
    TRANSFERRED_OUT: TRANSFERRED,
}
# Every key a verification result has; a test holds the API to exactly these.
ALLOWED_KEYS = frozenset(
    {"verdict", "issuer", "issue_date", "status", "status_date", "status_checked", "problem"}
)

# (issuer code, certificate number) -> (status, day of that status), or None when unknown.
StatusLookup = Callable[[str, int], tuple[str, dt.date] | None]
# (issuer code, certificate number) -> the signed bytes of the certificate the register holds
# under that number (`payload.Payload.signed`), or None when it holds none.
RegisterLookup = Callable[[str, int], bytes | None]


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    issuer: PublishedIssuer | None = None
    issue_date: dt.date | None = None
    status: str | None = None
    status_date: dt.date | None = None
    status_checked: bool = False
    # Only for an unreadable payload: what is wrong with the text (never about holders).
    problem: str | None = None

    @property
    def valid(self) -> bool:
        return self.verdict == VALID

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "issuer": None
            if self.issuer is None
            else {
                "code": self.issuer.code,
                "name": {"ja": self.issuer.name_ja, "en": self.issuer.name_en},
            },
            "issue_date": None if self.issue_date is None else self.issue_date.isoformat(),
            "status": self.status,
            "status_date": None if self.status_date is None else self.status_date.isoformat(),
            "status_checked": self.status_checked,
            "problem": self.problem,
        }


def verify(
    text: str,
    holders: Sequence[Holder],
    keys: KeySet,
    status: StatusLookup | None = None,
    registered: RegisterLookup | None = None,
) -> Verdict:
    """The verdict on `text` for the two `holders` typed by the verifier (`status` and
    `registered` online, from the issuer's register; `status` alone from a status list).

    `HolderError` (from `payload.holder_hash`) when the holders typed are not two names with
    birth dates: the verifier's input, not the certificate, is then at fault."""
    holder_parts(holders)  # the verifier's input is checked first, whatever the payload
    try:
        payload = decode(from_scan(text))
    except PayloadError as error:
        return Verdict(UNREADABLE, problem=str(error))
    claims = payload.claims
    issuer = keys.issuers.get(claims.issuer)
    if issuer is None:
        return Verdict(UNKNOWN_ISSUER)
    key = keys.key(claims.issuer, claims.key_id)
    if (
        key is None
        or not key.covers(claims.issue_date)
        or not key.verifies(payload.signature, message_to_sign(payload.signed))
        or not _as_registered(registered, claims.issuer, claims.number, payload.signed)
        or not hmac.compare_digest(
            holder_hash(claims.issuer, claims.number, holders), claims.holder_hash
        )
    ):
        return Verdict(DOES_NOT_MATCH)
    if status is None:
        return Verdict(VALID, issuer, claims.issue_date)
    found = status(claims.issuer, claims.number)
    if found is None:
        return Verdict(UNKNOWN_CERTIFICATE, issuer, claims.issue_date, status_checked=True)
    state, since = found
    return Verdict(_BY_STATUS[state], issuer, claims.issue_date, state, since, status_checked=True)


def _as_registered(
    registered: RegisterLookup | None, issuer: str, number: int, signed: bytes
) -> bool:
    """False only when the register holds a different certificate under this number."""
    if registered is None:
        return True
    held = registered(issuer, number)
    return held is None or hmac.compare_digest(held, signed)


def describe(result: Verdict, lang: Lang) -> str:
    """The verdict in a sentence, for the verification page and `zairyu verify`."""
    _ = translations(lang).gettext
    issuer = (
        ""
        if result.issuer is None
        else (result.issuer.name_ja if lang == "ja" else result.issuer.name_en)
    )
    issued = "" if result.issue_date is None else format_date(result.issue_date, lang)
    since = "" if result.status_date is None else format_date(result.status_date, lang)
    if result.verdict == VALID and not result.status_checked:
        return _(
            "Genuine: issued by {issuer} on {date}. Whether it was returned or revoked since was"
            " not checked (offline)."
        ).format(issuer=issuer, date=issued)
    messages = {
        VALID: _("Valid: issued by {issuer} on {date}, and in force."),
        REVOKED_VERDICT: _("Revoked: issued by {issuer} on {date}; revoked on {since}."),
        RETURNED_VERDICT: _(
            "Returned: issued by {issuer} on {date}; returned on {since}. It is no longer in force."
        ),
        TRANSFERRED: _(
            "Transferred: issued by {issuer} on {date}; replaced on {since} by a certificate of"
            " the municipality the holders moved to. Ask to see the new certificate."
        ),
        UNKNOWN_ISSUER: _(
            "Unknown issuer: the certificate does not come from an issuer whose keys are"
            " published here."
        ),
        DOES_NOT_MATCH: _(
            "Does not match: the certificate and the names and birth dates typed do not match."
            " Check what you typed against the paper."
        ),
        UNKNOWN_CERTIFICATE: _(
            "Unknown certificate: issued by {issuer} on {date}, but the issuer's register has no"
            " such certificate. Ask the issuer."
        ),
        UNREADABLE: _("Not a certificate payload: {problem}"),
    }
    return messages[result.verdict].format(
        issuer=issuer, date=issued, since=since, problem=result.problem or ""
    )
