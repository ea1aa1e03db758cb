"""The published status list: every certificate that is no longer in force (returned, revoked or
transferred out), with the day that happened, as of the day the list was made.

A verifier offline checks a certificate's signature with the key set and its status with this
list (``/registry/status.json``, fetched when last online): a certificate not on it was in force
on the list's day. The list names issuers, numbers, statuses and days, never a holder; the
reason for a return or revocation stays in the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zairyu.registry.models import (
    ISSUED,
    RETURNED,
    REVOKED,
    TRANSFERRED_OUT,
    RegistryCertificate,
)

FORMAT = "zairyu.registry.status/1"
ENDED = (RETURNED, REVOKED, TRANSFERRED_OUT)


class StatusListError(ValueError):
    """A status list file that is not one this program publishes; the message says what."""


@dataclass(frozen=True, slots=True)
class StatusList:
    as_of: dt.date
    ended: Mapping[tuple[str, int], tuple[str, dt.date]]

    def lookup(self, issuer: str, number: int) -> tuple[str, dt.date]:
        """The certificate's status; one not listed was in force on `as_of`."""
        return self.ended.get((issuer, number), (ISSUED, self.as_of))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "as_of": self.as_of.isoformat(),
            "certificates": [
                {"issuer": issuer, "number": number, "status": status, "date": day.isoformat()}
                for (issuer, number), (status, day) in sorted(self.ended.items())
            ],
        }

    @classmethod
    def from_json(cls, document: object) -> StatusList:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise StatusListError(f"not a zairyu status list: the format is not {FORMAT!r}")
        as_of = _date(document.get("as_of"), "as_of")
        items = document.get("certificates")
        if not isinstance(items, list):
            raise StatusListError("certificates: not a list")
        ended: dict[tuple[str, int], tuple[str, dt.date]] = {}
        for position, item in enumerate(items):
            where = f"certificates[{position}]"
            if not isinstance(item, dict):
                raise StatusListError(f"{where}: not an object")
            issuer, number, status = item.get("issuer"), item.get("number"), item.get("status")
            if not isinstance(issuer, str) or not issuer:
                raise StatusListError(f"{where}.issuer: not an issuer code")
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                raise StatusListError(f"{where}.number: not a certificate number")
            if status not in ENDED:
                raise StatusListError(f"{where}.status: not one of {', '.join(ENDED)}")
            ended[(issuer, number)] = (status, _date(item.get("date"), f"{where}.date"))
        return cls(as_of, ended)


def _date(value: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else _bad(where)
    except ValueError:
        return _bad(where)


def _bad(where: str) -> dt.date:
    raise StatusListError(f"{where}: not a date YYYY-MM-DD")


def published(session: Session, as_of: dt.date) -> StatusList:
    rows = session.execute(
        select(
            RegistryCertificate.issuer_code,
            RegistryCertificate.number,
            RegistryCertificate.status,
            RegistryCertificate.status_date,
        ).where(RegistryCertificate.status.in_(ENDED))
    ).all()
    return StatusList(as_of, {(row[0], row[1]): (row[2], row[3]) for row in rows})
