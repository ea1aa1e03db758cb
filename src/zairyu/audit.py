"""The audit log: append-only and hash-chained, so that an edited, reordered or deleted entry is
detected by `verify`.

Each entry records who did what to which record, and when, never the content: no answer, name
or fact value is written here. Entry n carries an HMAC-SHA256, under a key derived from the
server's secret, of its own fields and of entry n-1's MAC. Changing any field of an entry, or
swapping two, breaks its MAC; deleting one breaks the next entry's link. Without the secret a
consistent chain cannot be forged. Cutting entries off the *end* leaves a shorter, consistent
chain: `head` gives the newest MAC and its number, to be kept elsewhere (a printout, another
system) and given to `verify` later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import DateTime, Integer, String, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from zairyu.storage import Base

GENESIS = "0" * 64


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), index=True)
    previous: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


def audit_key(secret: bytes) -> bytes:
    return hashlib.sha256(b"zairyu audit v1" + secret).digest()


def _mac(
    key: bytes, seq: int, at: dt.datetime, actor: str, action: str, subject: str, previous: str
) -> str:
    moment = _utc(at).isoformat(timespec="microseconds")
    message = "\x1f".join((str(seq), moment, actor, action, subject, previous))
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes; every moment is written in UTC.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _lock(session: Session) -> None:
    """One writer at a time, so that two appends cannot both follow the same entry."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE audit_log IN EXCLUSIVE MODE"))
    else:
        # SQLite: a write statement (matching nothing) takes the database's write lock now,
        # before the last entry is read, instead of at the insert.
        session.execute(text("UPDATE audit_log SET seq = seq WHERE 1 = 0"))


def append(
    session: Session,
    key: bytes,
    *,
    actor: str,
    action: str,
    subject: str,
    at: dt.datetime | None = None,
) -> AuditEntry:
    """Adds an entry in the caller's transaction: it is committed, or not, with the change it
    records."""
    _lock(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, previous = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    moment = _utc(at or dt.datetime.now(dt.UTC))
    entry = AuditEntry(
        seq=seq,
        at=moment,
        actor=actor,
        action=action,
        subject=subject,
        previous=previous,
        mac=_mac(key, seq, moment, actor, action, subject, previous),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True, slots=True)
class Break:
    seq: int
    reason: str


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    mac: str


def entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000)


def head(session: Session) -> Head:
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.mac).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return Head(0, GENESIS) if last is None else Head(last[0], last[1])


def verify(session: Session, key: bytes, anchor: Head | None = None) -> list[Break]:
    """Every place where the chain does not hold; an empty list means it is intact (and, given
    an `anchor` kept from earlier, that nothing up to it was cut off)."""
    breaks: list[Break] = []
    expected_seq, previous = 1, GENESIS
    seen_anchor = anchor is None or anchor.seq == 0
    for entry in entries(session):
        if entry.seq != expected_seq:
            breaks.append(Break(entry.seq, f"entry {expected_seq} is missing or out of order"))
        if entry.previous != previous:
            breaks.append(Break(entry.seq, "does not follow the entry before it"))
        recomputed = _mac(
            key, entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.previous
        )
        if not hmac.compare_digest(recomputed, entry.mac):
            breaks.append(Break(entry.seq, "was changed after it was written"))
        if anchor is not None and entry.seq == anchor.seq:
            seen_anchor = hmac.compare_digest(entry.mac, anchor.mac)
            if not seen_anchor:
                breaks.append(Break(entry.seq, "differs from the kept head"))
                seen_anchor = True  # reported once
        expected_seq, previous = entry.seq + 1, entry.mac
    if not seen_anchor and anchor is not None:
        breaks.append(Break(anchor.seq, "the log ends before the kept head: entries were cut off"))
    return breaks
