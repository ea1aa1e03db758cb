"""Saved interviews in a SQL database (SQLite by default, or PostgreSQL), encrypted, with every
access in the hash-chained audit log (`zairyu.audit`). The tables are made and upgraded by the
migrations in `zairyu/migrations`.

Only a hash of each private token is stored, the answers are AES-GCM ciphertext (see
`crypto.py`), and the audit log records what was done and when, never what was answered.
Interviews not changed for the retention period are deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import DateTime, LargeBinary, String, delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zairyu.audit import append, audit_key
from zairyu.storage import Base, create_engine, migrate
from zairyu.web.crypto import DecryptionError, decrypt, encrypt, new_token, token_id
from zairyu.web.interview import Interview


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# Interviews have no accounts: whoever holds the private link is the one acting.
LINK_HOLDER = "private-link"


def subject(interview_id: str) -> str:
    return f"interview:{interview_id}"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class InterviewExpiredError(LookupError):
    """No interview for this link: never created, deleted, or past the retention period."""


class InterviewStore:
    def __init__(self, url: str, secret: bytes, retention: dt.timedelta) -> None:
        self.engine: Engine = create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._secret = secret
        self._audit_key = audit_key(secret)
        self.retention = retention
        migrate(self.engine)  # the schema comes from zairyu/migrations, never from create_all

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def create(self) -> str:
        token = new_token()
        now = utc_now()
        with self._session() as session:
            session.add(
                InterviewRow(
                    id=token_id(token),
                    answers=encrypt(self._secret, token, Interview().to_json()),
                    created_at=now,
                    updated_at=now,
                )
            )
            self._audit(session, "create", token_id(token), now)
        return token

    def load(self, token: str, action: str) -> Interview:
        now = utc_now()
        with self._session() as session:
            row = session.get(InterviewRow, token_id(token))
            if row is None or self._expired(row, now):
                raise InterviewExpiredError
            try:
                interview = Interview.from_json(decrypt(self._secret, token, row.answers))
            except DecryptionError:
                raise InterviewExpiredError from None
            self._audit(session, action, row.id, now)
        return interview

    def save(self, token: str, interview: Interview) -> None:
        now = utc_now()
        with self._session() as session:
            row = session.get(InterviewRow, token_id(token))
            if row is None or self._expired(row, now):
                raise InterviewExpiredError
            row.answers = encrypt(self._secret, token, interview.to_json())
            row.updated_at = now
            self._audit(session, "answer", row.id, now)

    def delete(self, token: str) -> bool:
        with self._session() as session:
            identifier = token_id(token)
            deleted = session.execute(delete(InterviewRow).where(InterviewRow.id == identifier))
            self._audit(session, "delete", identifier, utc_now())
            return bool(getattr(deleted, "rowcount", 0))

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        now = now or utc_now()
        if now.tzinfo is None:  # naive means UTC, as stored; PostgreSQL would assume its own zone
            now = now.replace(tzinfo=dt.UTC)
        cutoff = now.astimezone(dt.UTC) - self.retention  # SQLite compares the digits only
        with self._session() as session:
            result = session.execute(delete(InterviewRow).where(InterviewRow.updated_at < cutoff))
            count = int(getattr(result, "rowcount", 0))
            if count:
                append(
                    session,
                    self._audit_key,
                    actor="retention",
                    action="purge",
                    subject=f"interviews:{count}",
                )
            return count

    def _audit(self, session: Session, action: str, interview_id: str, at: dt.datetime) -> None:
        append(
            session,
            self._audit_key,
            actor=LINK_HOLDER,
            action=action,
            subject=subject(interview_id),
            at=at,
        )

    def _expired(self, row: InterviewRow, now: dt.datetime) -> bool:
        updated = row.updated_at
        if updated.tzinfo is None:  # SQLite returns naive datetimes; they were stored in UTC
            updated = updated.replace(tzinfo=dt.UTC)
        return updated < now - self.retention
