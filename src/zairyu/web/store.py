"""Saved interviews in a SQL database (SQLite by default, or PostgreSQL), encrypted, with every
access in the hash-chained audit log (`zairyu.audit`). The tables are made and upgraded by the
migrations in `zairyu/migrations`.

Only a hash of each private token is stored, the answers are AES-GCM ciphertext in two layers
(see `crypto.py`: one keyed by the token, wrapped in one under the rotating keyring of
`zairyu.keys`), and the audit log records what was done and when, never what was answered.
Interviews not changed for the retention period are deleted. `reencrypt` re-wraps the outer
layer under the keyring's current key (`zairyu keys rotate`); `key_usage` counts the blobs under
each key (`zairyu keys status`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import DateTime, LargeBinary, String, delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zairyu.audit import append, audit_key
from zairyu.keys import Keyring, Reencryption
from zairyu.storage import Base, create_engine, migrate
from zairyu.web.crypto import (
    ENVELOPE,
    DecryptionError,
    UnknownKeyError,
    envelope_key_id,
    new_token,
    open_sealed,
    seal,
    token_id,
    unwrap,
    wrap,
)
from zairyu.web.interview import Interview


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


# Interviews have no accounts: whoever holds the private link is the one acting.
LINK_HOLDER = "private-link"
OPERATOR = "operator"
REENCRYPT_BATCH = 500

_log = logging.getLogger(__name__)


def subject(interview_id: str) -> str:
    return f"interview:{interview_id}"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class InterviewExpiredError(LookupError):
    """No interview for this link: never created, deleted, or past the retention period."""


class MissingKeyError(InterviewExpiredError):
    """The interview's answers are wrapped under a key that is not in the keyring. They are not
    lost: the operator must restore the key. (An InterviewExpiredError, so the person with the
    link gets the "not available" page rather than a server error; the log names the key id.)"""


class InterviewStore:
    def __init__(
        self,
        url: str,
        secret: bytes,
        retention: dt.timedelta,
        keyring: Keyring | None = None,
    ) -> None:
        """`secret`: the stable secret (secret.key) of the inner layer and the audit MACs.
        `keyring`: the rotating keys of the outer layer; without one, answers are written as
        before keys could rotate (the inner layer alone) and wrapped ones cannot be read."""
        self.engine: Engine = create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._secret = secret
        self._keyring = keyring
        self._audit_key = audit_key(secret)
        self.retention = retention
        migrate(self.engine)  # the schema comes from zairyu/migrations, never from create_all

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def _keys(self) -> Keyring | None:
        """The keyring, read again if its key file changed (a rotation under a running app)."""
        if self._keyring is not None:
            self._keyring = self._keyring.refreshed()
        return self._keyring

    def _seal(self, token: str, interview: Interview) -> bytes:
        return seal(self._secret, self._keys(), token, interview.to_json())

    def create(self) -> str:
        token = new_token()
        now = utc_now()
        with self._session() as session:
            session.add(
                InterviewRow(
                    id=token_id(token),
                    answers=self._seal(token, Interview()),
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
                blob = bytes(row.answers)
                interview = Interview.from_json(
                    open_sealed(self._secret, self._keys(), token, blob)
                )
            except UnknownKeyError as error:
                _log.error("saved answers cannot be read: %s", error)
                raise MissingKeyError(str(error)) from None
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
            row.answers = self._seal(token, interview)
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

    def key_usage(self) -> Counter[str]:
        """Key id -> how many interviews' answers are wrapped under it (LEGACY_KEY_ID: the old
        format, with no outer layer). Reads only each blob's header."""
        header = func.substr(InterviewRow.answers, 1, len(ENVELOPE) + 8)
        usage: Counter[str] = Counter()
        with self._session() as session:
            for (start,) in session.execute(select(header)).yield_per(1000):
                usage[envelope_key_id(bytes(start))] += 1
        return usage

    def reencrypt(
        self, keyring: Keyring, action: str = "keys.reencrypt", batch_size: int = REENCRYPT_BATCH
    ) -> Reencryption:
        """Wraps every interview's answers under `keyring`'s current key, `batch_size` at a time
        (one transaction each; an interrupted run is resumed by running again, as blobs already
        under the current key are skipped), and records one audit entry. No token is needed:
        only the outer layer changes, and `updated_at` is kept, so retention is not extended."""
        done = Reencryption(keyring.current_id)
        after = ""
        while True:
            with self._session() as session:
                rows = session.execute(
                    select(InterviewRow.id, InterviewRow.answers)
                    .where(InterviewRow.id > after)
                    .order_by(InterviewRow.id)
                    .limit(batch_size)
                ).all()
                for interview_id, stored in rows:
                    blob = bytes(stored)
                    key_id = envelope_key_id(blob)
                    if key_id == keyring.current_id:
                        done.already_current += 1
                        continue
                    try:
                        inner = unwrap(keyring, interview_id, blob)
                    except UnknownKeyError:
                        done.missing[key_id] += 1
                        continue
                    except DecryptionError:
                        done.damaged += 1
                        continue
                    # Only if unchanged since it was read: a save by the web app meanwhile wins.
                    result = session.execute(
                        update(InterviewRow)
                        .where(InterviewRow.id == interview_id, InterviewRow.answers == blob)
                        .values(answers=wrap(keyring, interview_id, inner))
                    )
                    if getattr(result, "rowcount", 0) == 1:
                        done.rewrapped += 1
                    else:
                        done.changed_meanwhile += 1
            if not rows:
                break
            after = rows[-1][0]
        with self._session() as session:
            append(
                session,
                self._audit_key,
                actor=OPERATOR,
                action=action,
                subject=f"interviews:{done.rewrapped}",
            )
        return done

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
