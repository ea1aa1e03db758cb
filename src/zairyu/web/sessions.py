"""Server-side login sessions for the caseworker pages under ``/work``.

The browser holds a random token in a cookie; the database holds only its SHA-256, in
``web_sessions``. A session ends at logout, after `IDLE_TIMEOUT` without a request, or at the
latest `LIFETIME` after login: an ended session's cookie no longer works, whatever the browser
keeps. Every form of a session carries a CSRF token derived from the session token, so a page
of another site cannot post to ``/work`` in the user's name.

Starting, ending and expiring a session are written to the audit log with the user as actor and
``web_session:<id>`` as subject (never the token, a password or personal data).

Rows of sessions that ended (or expired, by idleness or lifetime) more than `PURGE_AFTER` ago
are deleted at every login (`purge`, one DELETE): the table stays as small as the sessions of
the last day or so, and the audit log keeps the record of each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from zairyu.audit import append
from zairyu.workbench.models import User, WebSession, new_id
from zairyu.workbench.service import actor_of

COOKIE = "zairyu_work"
COOKIE_PATH = "/work"
IDLE_TIMEOUT = dt.timedelta(minutes=30)
LIFETIME = dt.timedelta(hours=12)
PURGE_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Login:
    """A live session: who is logged in, and the token that proves it (from the cookie)."""

    session_id: str
    user: User
    token: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back; they were written in UTC.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(session: Session, key: bytes, user_id: str, action: str, session_id: str) -> None:
    append(
        session, key, actor=f"user:{user_id}", action=action, subject=f"web_session:{session_id}"
    )


def start(session: Session, key: bytes, user: User, now: dt.datetime | None = None) -> str:
    """A new session for `user` (who has just authenticated); returns the token for the
    cookie, which is given out only here."""
    moment = _utc(now or _now())
    purge(session, key, moment)
    token = secrets.token_urlsafe(32)
    row = WebSession(
        id=new_id(),
        user_id=user.id,
        token_hash=token_hash(token),
        created_at=moment,
        last_seen_at=moment,
        expires_at=moment + LIFETIME,
        ended_at=None,
    )
    session.add(row)
    session.flush()
    append(
        session, key, actor=actor_of(user), action="session.start", subject=f"web_session:{row.id}"
    )
    return token


def purge(session: Session, key: bytes, now: dt.datetime | None = None) -> int:
    """Deletes the sessions that ended, or expired, more than `PURGE_AFTER` before `now`;
    returns how many. Called at every login; audited (as a count) when it deletes any."""
    cutoff = _utc(now or _now()) - PURGE_AFTER
    result = session.execute(
        delete(WebSession)
        .where(
            or_(
                WebSession.ended_at < cutoff,
                WebSession.expires_at < cutoff,
                WebSession.last_seen_at < cutoff - IDLE_TIMEOUT,
            )
        )
        .execution_options(synchronize_session=False)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        append(
            session, key, actor="system", action="session.purge", subject=f"web_sessions:{count}"
        )
    return count


def _row(session: Session, token: str) -> WebSession | None:
    if not token:
        return None
    wanted = token_hash(token)
    row = session.scalars(select(WebSession).where(WebSession.token_hash == wanted)).one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    return row


def resume(
    session: Session, key: bytes, token: str, now: dt.datetime | None = None
) -> Login | None:
    """The live session of this token, its idle clock restarted; None when there is none.

    A session found idle too long or past its lifetime is ended here (and that is audited), so
    that it stays ended even if the clock is later set back.
    """
    moment = _utc(now or _now())
    row = _row(session, token)
    if row is None or row.ended_at is not None:
        return None
    idle_end = _utc(row.last_seen_at) + IDLE_TIMEOUT
    if moment >= idle_end or moment >= _utc(row.expires_at):
        row.ended_at = moment
        _audit(session, key, row.user_id, "session.expire", row.id)
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        row.ended_at = moment
        _audit(session, key, row.user_id, "session.end", row.id)
        return None
    row.last_seen_at = moment
    return Login(session_id=row.id, user=user, token=token)


def end(session: Session, key: bytes, token: str, now: dt.datetime | None = None) -> bool:
    """Ends the session of this token (logout); False when it had already ended or never was."""
    row = _row(session, token)
    if row is None or row.ended_at is not None:
        return False
    row.ended_at = _utc(now or _now())
    _audit(session, key, row.user_id, "session.end", row.id)
    return True


def csrf_key_of(secret: bytes) -> bytes:
    """The key of the CSRF tokens, from the server secret: one for every page under ``/work``
    (the workbench's and the registry officer's), so that one login serves them all."""
    return hashlib.sha256(b"zairyu work csrf key v1" + secret).digest()


def csrf_token(key: bytes, token: str) -> str:
    """The token every form of this session must send back: bound to the session, so that it
    changes at every login and dies with the session."""
    return hmac.new(key, b"zairyu work csrf v1|" + token.encode(), hashlib.sha256).hexdigest()


def csrf_ok(key: bytes, token: str, sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_token(key, token), sent)
