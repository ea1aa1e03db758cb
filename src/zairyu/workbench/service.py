"""The workbench's operations. Each takes the caller's `Session`, the acting `User`, the
`FieldCipher` and the audit key, checks `access.authorise` first, and records what it did in the
audit log (actor ``user:<id>``, subject ``case:<id>``) in the caller's transaction.

A refusal is recorded as ``denied:<action>`` and then `AccessDenied` is raised: the caller
commits on `AccessDenied` (as `unit_of_work` does), so that the refusal is kept; on any other
error it rolls back. A refused fact (`CaseError`) writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import InstrumentedAttribute, Mapped, Session, sessionmaker

import zairyu
from zairyu.audit import AuditEntry, append
from zairyu.engine.case import CaseError, Problem, parse_case
from zairyu.engine.screen import screen
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.report import json_value, screening_out
from zairyu.workbench.access import (
    AccessDenied,
    Action,
    OrganisationScope,
    Role,
    Scope,
    allowed,
    visible_cases,
)
from zairyu.workbench.cipher import FieldCipher, field_context
from zairyu.workbench.models import (
    ApiToken,
    Case,
    CaseDeadline,
    CaseDetermination,
    CaseDocument,
    CaseFact,
    CaseNote,
    CaseTransition,
    Organisation,
    Person,
    User,
    WebSession,
    new_id,
)

__all__ = ["AccessDenied", "CaseError"]

# The case workflow: each status and the statuses it may move to.
INTAKE, SCREENING, PREPARING, FILED = "intake", "screening", "preparing", "filed"
DECIDED, REVIEW, CLOSED = "decided", "review", "closed"
STATUSES = (INTAKE, SCREENING, PREPARING, FILED, DECIDED, REVIEW, CLOSED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    INTAKE: (SCREENING, CLOSED),
    SCREENING: (PREPARING, INTAKE, CLOSED),
    PREPARING: (FILED, SCREENING, CLOSED),
    FILED: (DECIDED,),
    DECIDED: (REVIEW, CLOSED),
    REVIEW: (PREPARING, DECIDED, CLOSED),  # review: reconsideration, appeal or re-application
    CLOSED: (),
}
DOCUMENT_STATUSES = ("needed", "requested", "received", "submitted")
TOKEN_LIFETIME = dt.timedelta(days=30)
# Passwords: a new one (set by an administrator) has at least this many characters.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1000
# Logins: after THROTTLE_FAILURES failures for one user name within THROTTLE_WINDOW, further
# attempts for that name are refused until the oldest of those failures is THROTTLE_WINDOW old.
THROTTLE_FAILURES = 5
THROTTLE_WINDOW = dt.timedelta(minutes=15)

T = TypeVar("T")
V = TypeVar("V")

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("zairyu: no such user")


class NotFoundError(LookupError):
    """No such record (or not in this case)."""


class WorkflowError(ValueError):
    """A status change the workflow does not allow."""


class AuthenticationError(PermissionError):
    """Wrong user name or password, or an unknown, expired or revoked token."""


class ThrottledError(AuthenticationError):
    """Too many failed logins for this user name lately (whether or not it exists): refused
    without checking the password until `retry_at`."""

    def __init__(self, retry_at: dt.datetime) -> None:
        super().__init__("too many failed logins for this user name; try again later")
        self.retry_at = retry_at


@contextmanager
def unit_of_work(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction for service calls: committed on success and on `AccessDenied` (whose audit
    entry must be kept), rolled back on any other error."""
    with sessions() as session:
        try:
            yield session
        except AccessDenied:
            session.commit()
            raise
        except BaseException:
            session.rollback()
            raise
        session.commit()


# --- helpers ----------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _seal(cipher: FieldCipher, table: str, column: str, row_id: str, value: object) -> bytes:
    plaintext = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return cipher.encrypt(plaintext, field_context(table, column, row_id))


def _open(cipher: FieldCipher, table: str, column: str, row_id: str, blob: bytes) -> Any:
    return json.loads(cipher.decrypt(bytes(blob), field_context(table, column, row_id)))


def actor_of(user: User) -> str:
    return f"user:{user.id}"


def _audit(session: Session, key: bytes, user: User, action: str, subject: str) -> None:
    append(session, key, actor=actor_of(user), action=action, subject=subject)


def _add_audited(session: Session, key: bytes, user: User, row: T, action: str, subject: str) -> T:
    """Stores a new row and audits the write in the same transaction, so that no write goes
    unrecorded and no record names a row that was not stored."""
    session.add(row)
    session.flush()
    _audit(session, key, user, action, subject)
    return row


def _authorise(
    session: Session, key: bytes, user: User, action: Action, scope: Scope | None, subject: str
) -> None:
    if not allowed(user, action, scope):
        _audit(session, key, user, f"denied:{action.value}", subject)
        raise AccessDenied(user, action)


def _case(
    session: Session, key: bytes, user: User, case_id: str, action: Action, *, lock: bool = False
) -> Case:
    statement = select(Case).where(Case.id == case_id)
    if lock:
        statement = statement.with_for_update()
    case = session.scalars(statement).one_or_none()
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    _authorise(session, key, user, action, case, f"case:{case.id}")
    return case


class _CaseRecord(Protocol):
    """A table whose rows belong to one case (documents, deadlines, notes, facts, ...)."""

    # A class variable, as the mapped column is: `model.case_id` is what a query filters on.
    case_id: ClassVar[Mapped[str]]


R = TypeVar("R", bound=_CaseRecord)


def _case_rows(
    session: Session,
    actor: User,
    key: bytes,
    case_id: str,
    action: Action,
    model: type[R],
    order_by: tuple[InstrumentedAttribute[Any], ...],
    view: Callable[[R], V],
    *,
    where: ColumnElement[bool] | None = None,
) -> list[V]:
    """The rows of `model` in one case (optionally only those `where` selects), in `order_by`
    order, each made into its `view` (which decrypts): for a reader `action` allows, and
    audited under the action's own name (``document.read``, ``note.read``, ...)."""
    case = _case(session, key, actor, case_id, action)
    statement = select(model).where(model.case_id == case.id)
    if where is not None:
        statement = statement.where(where)
    rows = session.scalars(statement.order_by(*order_by)).all()
    views = [view(row) for row in rows]
    _audit(session, key, actor, action.value, f"case:{case.id}")
    return views


def _of_case(session: Session, model: type[T], row_id: str, case_id: str) -> T:
    row = session.get(model, row_id)
    if row is None or getattr(row, "case_id", None) != case_id:
        raise NotFoundError(f"no {model.__name__} {row_id} in case {case_id}")
    return row


# --- organisations, users, passwords and tokens ----------------------------------------------


def bootstrap_admin(session: Session, key: bytes, username: str, password: str) -> User:
    """The first user, an administrator; refused once any user exists."""
    if session.scalars(select(User.id).limit(1)).first() is not None:
        raise PermissionError("users exist already: an administrator creates the others")
    user = User(
        id=new_id(),
        username=username,
        password_hash=_hasher.hash(password),
        role=Role.ADMIN.value,
        organisation_id=None,
        person_id=None,
        active=True,
        created_at=_now(),
    )
    return _add_audited(session, key, user, user, "user.create", f"user:{user.id}")


def create_organisation(session: Session, actor: User, key: bytes, name: str) -> Organisation:
    organisation = Organisation(id=new_id(), name=name, created_at=_now())
    _authorise(session, key, actor, Action.ORGANISATION_MANAGE, None, "organisations")
    return _add_audited(
        session, key, actor, organisation, "organisation.create", f"organisation:{organisation.id}"
    )


def create_user(
    session: Session,
    actor: User,
    key: bytes,
    *,
    username: str,
    password: str,
    role: Role,
    organisation_id: str | None = None,
    person_id: str | None = None,
) -> User:
    _authorise(session, key, actor, Action.USER_MANAGE, None, "users")
    if role is Role.CLIENT and person_id is None:
        raise ValueError("a client user needs the person whose case is theirs")
    if role in (Role.CASEWORKER, Role.REVIEWER) and organisation_id is None:
        raise ValueError(f"a {role.value} belongs to an organisation")
    user = User(
        id=new_id(),
        username=username,
        password_hash=_hasher.hash(password),
        role=role.value,
        organisation_id=organisation_id,
        person_id=person_id,
        active=True,
        created_at=_now(),
    )
    return _add_audited(session, key, actor, user, "user.create", f"user:{user.id}")


def login_subject(key: bytes, username: str) -> str:
    """The audit subject of login attempts for a user name, existing or not: a keyed hash, so
    that the log never holds a name typed at the login form (which may be a person's name)."""
    digest = hmac.new(key, b"zairyu login v1|" + username.encode(), hashlib.sha256)
    return f"login:{digest.hexdigest()[:32]}"


def throttled_until(
    session: Session, key: bytes, username: str, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When logins for `username` are allowed again, or None when they are now.

    Counted from the ``auth.failed`` entries of the audit log (one indexed query, in the
    database, so every worker and both databases agree): no table of its own."""
    moment = _utc(now or _now())
    recent = session.scalars(
        select(AuditEntry.at)
        .where(
            AuditEntry.subject == login_subject(key, username),
            AuditEntry.action == "auth.failed",
            AuditEntry.at > moment - THROTTLE_WINDOW,
        )
        .order_by(AuditEntry.at.desc())
        .limit(THROTTLE_FAILURES)
    ).all()
    if len(recent) < THROTTLE_FAILURES:
        return None
    return _utc(recent[-1]) + THROTTLE_WINDOW


def authenticate(
    session: Session, key: bytes, username: str, password: str, now: dt.datetime | None = None
) -> User:
    """The active user with this name and password, or `AuthenticationError`.

    Every failure is audited as ``auth.failed`` under `login_subject` (the actor is the user
    when the name exists, else ``anonymous``); after `THROTTLE_FAILURES` of them within
    `THROTTLE_WINDOW`, `ThrottledError` is raised before the password is even checked, and the
    refusal is audited as ``auth.throttled``. Unknown names are counted and refused the same
    way, so the refusal does not tell whether a name exists."""
    moment = _utc(now or _now())
    subject = login_subject(key, username)
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    actor = actor_of(user) if user is not None else "anonymous"
    retry_at = throttled_until(session, key, username, moment)
    if retry_at is not None:
        append(session, key, actor=actor, action="auth.throttled", subject=subject, at=moment)
        raise ThrottledError(retry_at)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        append(session, key, actor=actor, action="auth.failed", subject=subject, at=moment)
        raise AuthenticationError("wrong user name or password") from None
    if user is None or not user.active:
        append(session, key, actor=actor, action="auth.failed", subject=subject, at=moment)
        raise AuthenticationError("wrong user name or password")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    _audit(session, key, user, "auth.login", actor_of(user))
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(
    session: Session, user: User, key: bytes, lifetime: dt.timedelta = TOKEN_LIFETIME
) -> str:
    """A new bearer token for `user` (given once; only its SHA-256 is stored)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    row = ApiToken(
        id=new_id(),
        user_id=user.id,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + lifetime,
        revoked_at=None,
    )
    _add_audited(session, key, user, row, "token.issue", f"token:{row.id}")
    return token


def user_for_token(session: Session, token: str, now: dt.datetime | None = None) -> User:
    moment = _utc(now or _now())
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _token_hash(token))
    ).one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash, _token_hash(token)):
        raise AuthenticationError("unknown token")
    if row.revoked_at is not None:
        raise AuthenticationError("the token was revoked")
    if _utc(row.expires_at) <= moment:
        raise AuthenticationError("the token has expired")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise AuthenticationError("the token's user is not active")
    return user


def revoke_token(session: Session, actor: User, key: bytes, token: str) -> None:
    """Revokes `token`: its own user or an administrator may."""
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _token_hash(token))
    ).one_or_none()
    if row is None:
        raise NotFoundError("unknown token")
    if row.user_id != actor.id:
        _authorise(session, key, actor, Action.USER_MANAGE, None, f"token:{row.id}")
    row.revoked_at = _now()
    _audit(session, key, actor, "token.revoke", f"token:{row.id}")


# --- persons and cases ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonView:
    id: str
    organisation_id: str
    name: str
    birth_date: dt.date | None


@dataclass(frozen=True, slots=True)
class TransitionView:
    from_status: str | None
    to_status: str
    by_user_id: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class CaseView:
    id: str
    status: str
    organisation_id: str
    assigned_user_id: str | None
    person: PersonView
    facts: dict[str, Any]
    transitions: list[TransitionView]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: str
    status: str
    organisation_id: str
    assigned_user_id: str | None


def create_person(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    *,
    organisation_id: str,
    name: str,
    birth_date: dt.date | None,
) -> Person:
    _authorise(
        session,
        key,
        actor,
        Action.PERSON_CREATE,
        OrganisationScope(organisation_id),
        f"organisation:{organisation_id}",
    )
    if session.get(Organisation, organisation_id) is None:
        raise NotFoundError(f"no organisation {organisation_id}")
    person_id = new_id()
    person = Person(
        id=person_id,
        organisation_id=organisation_id,
        name_enc=_seal(cipher, "persons", "name_enc", person_id, name),
        birth_date_enc=_seal(
            cipher,
            "persons",
            "birth_date_enc",
            person_id,
            birth_date.isoformat() if birth_date else None,
        ),
        created_by=actor.id,
        created_at=_now(),
    )
    return _add_audited(session, key, actor, person, "person.write", f"person:{person_id}")


def _person_view(cipher: FieldCipher, person: Person) -> PersonView:
    born = _open(cipher, "persons", "birth_date_enc", person.id, person.birth_date_enc)
    return PersonView(
        id=person.id,
        organisation_id=person.organisation_id,
        name=_open(cipher, "persons", "name_enc", person.id, person.name_enc),
        birth_date=dt.date.fromisoformat(born) if born else None,
    )


def open_case(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    *,
    person_id: str,
    assigned_user_id: str | None = None,
) -> Case:
    """A new case, at intake, for a person, in the person's organisation."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"no person {person_id}")
    now = _now()
    case = Case(
        id=new_id(),
        person_id=person.id,
        organisation_id=person.organisation_id,
        assigned_user_id=None,
        status=INTAKE,
        opened_at=now,
        updated_at=now,
    )
    _authorise(session, key, actor, Action.CASE_OPEN, case, f"organisation:{case.organisation_id}")
    session.add(case)
    session.add(
        CaseTransition(
            id=new_id(),
            case_id=case.id,
            from_status=None,
            to_status=INTAKE,
            by_user_id=actor.id,
            at=now,
        )
    )
    session.flush()
    _audit(session, key, actor, "case.open", f"case:{case.id}")
    if assigned_user_id is not None:
        assign(session, actor, cipher, key, case.id, assigned_user_id)
    return case


def assign(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    user_id: str | None,
) -> None:
    """Assigns the case to a caseworker of its organisation (None: to no one)."""
    case = _case(session, key, actor, case_id, Action.CASE_ASSIGN, lock=True)
    if user_id is not None:
        assignee = session.get(User, user_id)
        if (
            assignee is None
            or not assignee.active
            or assignee.role != Role.CASEWORKER.value
            or assignee.organisation_id != case.organisation_id
        ):
            raise ValueError(
                "a case is assigned to an active caseworker of the case's organisation"
            )
    case.assigned_user_id = user_id
    case.updated_at = _now()
    _audit(session, key, actor, "case.assign", f"case:{case.id}")


def transition(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str, to_status: str
) -> None:
    case = _case(session, key, actor, case_id, Action.CASE_TRANSITION, lock=True)
    if to_status not in TRANSITIONS.get(case.status, ()):
        raise WorkflowError(
            f"a case cannot go from {case.status} to {to_status}; from {case.status} it may go "
            f"to {', '.join(TRANSITIONS[case.status]) or 'nowhere (closed)'}"
        )
    now = _now()
    session.add(
        CaseTransition(
            id=new_id(),
            case_id=case.id,
            from_status=case.status,
            to_status=to_status,
            by_user_id=actor.id,
            at=now,
        )
    )
    case.status = to_status
    case.updated_at = now
    _audit(session, key, actor, "case.transition", f"case:{case.id}")


def get_case(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> CaseView:
    """The case file: status, person, current facts and the workflow history (no notes)."""
    case = _case(session, key, actor, case_id, Action.CASE_READ)
    person = session.get(Person, case.person_id)
    assert person is not None
    transitions = session.scalars(
        select(CaseTransition)
        .where(CaseTransition.case_id == case.id)
        .order_by(CaseTransition.at, CaseTransition.id)
    )
    view = CaseView(
        id=case.id,
        status=case.status,
        organisation_id=case.organisation_id,
        assigned_user_id=case.assigned_user_id,
        person=_person_view(cipher, person),
        facts=_current_facts(session, cipher, case.id),
        transitions=[
            TransitionView(t.from_status, t.to_status, t.by_user_id, _utc(t.at))
            for t in transitions
        ],
    )
    _audit(session, key, actor, "case.read", f"case:{case.id}")
    return view


def list_cases(session: Session, actor: User, key: bytes) -> list[CaseSummary]:
    """The cases `actor` may read, newest first."""
    cases = session.scalars(
        select(Case).where(visible_cases(actor)).order_by(Case.opened_at.desc(), Case.id)
    ).all()
    _audit(session, key, actor, "case.list", f"cases:{len(cases)}")
    return [CaseSummary(c.id, c.status, c.organisation_id, c.assigned_user_id) for c in cases]


# --- facts ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactEntry:
    id: str
    name: str
    value: Any  # JSON: a date is an ISO string; None when the fact was cleared to unknown
    entered_by: str
    entered_at: dt.datetime
    source_document_id: str | None
    superseded_by: str | None
    superseded_at: dt.datetime | None

    @property
    def current(self) -> bool:
        return self.superseded_at is None


def _fact_value(cipher: FieldCipher, row: CaseFact) -> Any:
    return _open(cipher, "case_facts", "value_enc", row.id, row.value_enc)


def _current_rows(session: Session, case_id: str) -> list[CaseFact]:
    return list(
        session.scalars(
            select(CaseFact)
            .where(CaseFact.case_id == case_id, CaseFact.superseded_at.is_(None))
            .order_by(CaseFact.name)
        )
    )


def _current_facts(session: Session, cipher: FieldCipher, case_id: str) -> dict[str, Any]:
    values = {row.name: _fact_value(cipher, row) for row in _current_rows(session, case_id)}
    return {name: value for name, value in values.items() if value is not None}


def current_facts(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> dict[str, Any]:
    case = _case(session, key, actor, case_id, Action.FACT_READ)
    facts = _current_facts(session, cipher, case.id)
    _audit(session, key, actor, "fact.read", f"case:{case.id}")
    return facts


def fact_history(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    name: str | None = None,
) -> list[FactEntry]:
    """Every value ever entered (of one fact, or of all), oldest first, with its provenance."""
    return _case_rows(
        session,
        actor,
        key,
        case_id,
        Action.FACT_READ,
        CaseFact,
        (CaseFact.entered_at, CaseFact.id),
        lambda row: FactEntry(
            id=row.id,
            name=row.name,
            value=_fact_value(cipher, row),
            entered_by=row.entered_by,
            entered_at=_utc(row.entered_at),
            source_document_id=row.source_document_id,
            superseded_by=row.superseded_by,
            superseded_at=_utc(row.superseded_at) if row.superseded_at else None,
        ),
        where=CaseFact.name == name if name is not None else None,
    )


def set_fact(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    name: str,
    value: object,
    *,
    source_document_id: str | None = None,
    as_of: dt.date | None = None,
) -> CaseFact:
    """Records a new value of a fact (None or "unknown" clears it), superseding the current one.

    The new value is checked with all the case's other current facts (`parse_case`, on `as_of`,
    by default today): an unknown fact, a bad value or a contradiction raises `CaseError` with
    the problems, and nothing is written.
    """
    case = _case(session, key, actor, case_id, Action.FACT_WRITE, lock=True)
    day = as_of or dt.date.today()
    raw: dict[str, object] = dict(_current_facts(session, cipher, case.id))
    raw[name] = value
    parsed = parse_case(raw, FACTS, CONSTRAINTS, day)
    if name not in FACTS:  # parse_case reports it; kept as a guard
        raise CaseError([Problem(name, value, f"{name}: not a known fact")])
    if source_document_id is not None:
        _of_case(session, CaseDocument, source_document_id, case.id)
    typed = parsed.get(name)
    stored = None if typed is None else json_value(typed)
    now = _now()
    previous = next((r for r in _current_rows(session, case.id) if r.name == name), None)
    row_id = new_id()
    row = CaseFact(
        id=row_id,
        case_id=case.id,
        name=name,
        value_enc=_seal(cipher, "case_facts", "value_enc", row_id, stored),
        entered_by=actor.id,
        entered_at=now,
        source_document_id=source_document_id,
        superseded_by=None,
        superseded_at=None,
    )
    session.add(row)
    session.flush()
    if previous is not None:
        previous.superseded_by = row.id
        previous.superseded_at = now
    case.updated_at = now
    _audit(session, key, actor, "fact.write", f"case:{case.id}")
    return row


# --- determinations ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeterminationView:
    id: str
    case_id: str
    rules_version: str
    as_of: dt.date
    lang: str
    facts: dict[str, Any]
    result: dict[str, Any]  # the documented ScreeningOut, as JSON
    made_by: str
    made_at: dt.datetime

    @property
    def outcomes(self) -> dict[str, str]:
        return {p["id"]: p["outcome"] for p in self.result["pathways"]}


def _determination_view(cipher: FieldCipher, row: CaseDetermination) -> DeterminationView:
    table = "case_determinations"
    return DeterminationView(
        id=row.id,
        case_id=row.case_id,
        rules_version=row.rules_version,
        as_of=row.as_of,
        lang=row.lang,
        facts=_open(cipher, table, "facts_enc", row.id, row.facts_enc),
        result=json.loads(
            cipher.decrypt(bytes(row.result_enc), field_context(table, "result_enc", row.id))
        ),
        made_by=row.made_by,
        made_at=_utc(row.made_at),
    )


def screen_case(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    as_of: dt.date,
    lang: str = "en",
) -> CaseDetermination:
    """Screens the case's current facts on `as_of` and freezes the result with the rules
    version, the date and the facts, so that later changes leave it as it was."""
    case = _case(session, key, actor, case_id, Action.DETERMINATION_WRITE)
    if lang not in ("en", "ja"):
        raise ValueError(f"unknown language {lang}")
    facts = _current_facts(session, cipher, case.id)
    typed = parse_case(facts, FACTS, CONSTRAINTS, as_of)
    result = screening_out(screen(PATHWAYS, typed, as_of), lang)  # type: ignore[arg-type]
    row_id = new_id()
    table = "case_determinations"
    row = CaseDetermination(
        id=row_id,
        case_id=case.id,
        rules_version=zairyu.__version__,
        as_of=as_of,
        lang=lang,
        facts_enc=_seal(cipher, table, "facts_enc", row_id, facts),
        result_enc=cipher.encrypt(
            result.model_dump_json().encode(), field_context(table, "result_enc", row_id)
        ),
        made_by=actor.id,
        made_at=_now(),
    )
    return _add_audited(session, key, actor, row, "determination.write", f"case:{case.id}")


def get_determination(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, determination_id: str
) -> DeterminationView:
    row = session.get(CaseDetermination, determination_id)
    if row is None:
        raise NotFoundError(f"no determination {determination_id}")
    case = _case(session, key, actor, row.case_id, Action.DETERMINATION_READ)
    view = _determination_view(cipher, row)
    _audit(session, key, actor, "determination.read", f"case:{case.id}")
    return view


def list_determinations(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> list[DeterminationView]:
    return _case_rows(
        session,
        actor,
        key,
        case_id,
        Action.DETERMINATION_READ,
        CaseDetermination,
        (CaseDetermination.made_at, CaseDetermination.id),
        lambda row: _determination_view(cipher, row),
    )


@dataclass(frozen=True, slots=True)
class PathwayChange:
    pathway: str
    before: str | None  # None: the pathway was not screened then
    after: str | None
    because: tuple[str, ...]  # the changed facts it reads; the rules version; the date

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class Comparison:
    before: str
    after: str
    rules_version: tuple[str, str] | None
    as_of: tuple[dt.date, dt.date] | None
    facts_added: dict[str, Any] = field(default_factory=dict)
    facts_removed: dict[str, Any] = field(default_factory=dict)
    facts_changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    pathways: list[PathwayChange] = field(default_factory=list)

    @property
    def changed_pathways(self) -> list[PathwayChange]:
        return [p for p in self.pathways if p.changed]

    def summary(self) -> list[str]:
        """What changed and why, one line each, in English."""
        lines: list[str] = []
        if self.rules_version:
            lines.append(f"rules version {self.rules_version[0]} -> {self.rules_version[1]}")
        if self.as_of:
            lines.append(f"as-of date {self.as_of[0]} -> {self.as_of[1]}")
        lines += [f"fact added: {n} = {v!r}" for n, v in self.facts_added.items()]
        lines += [f"fact removed: {n} (was {v!r})" for n, v in self.facts_removed.items()]
        lines += [f"fact changed: {n}: {a!r} -> {b!r}" for n, (a, b) in self.facts_changed.items()]
        for change in self.changed_pathways:
            why = ", ".join(change.because) or "no input changed"
            lines.append(f"{change.pathway}: {change.before} -> {change.after} (because: {why})")
        return lines


_READS = {pathway.id: frozenset(f.name for f in pathway.facts) for pathway in PATHWAYS}


def _compare(first: DeterminationView, second: DeterminationView) -> Comparison:
    before, after = first.facts, second.facts
    added = {n: v for n, v in after.items() if n not in before}
    removed = {n: v for n, v in before.items() if n not in after}
    changed = {n: (before[n], after[n]) for n in before if n in after and before[n] != after[n]}
    touched = set(added) | set(removed) | set(changed)
    rules = (
        (first.rules_version, second.rules_version)
        if first.rules_version != second.rules_version
        else None
    )
    dates = (first.as_of, second.as_of) if first.as_of != second.as_of else None
    outcomes_before, outcomes_after = first.outcomes, second.outcomes
    pathways = []
    for pathway in sorted(set(outcomes_before) | set(outcomes_after)):
        reads = _READS.get(pathway)
        because = sorted(touched if reads is None else touched & reads)
        if rules:
            because.append(f"rules version {rules[0]} -> {rules[1]}")
        if dates:
            because.append(f"as-of date {dates[0]} -> {dates[1]}")
        pathways.append(
            PathwayChange(
                pathway, outcomes_before.get(pathway), outcomes_after.get(pathway), tuple(because)
            )
        )
    return Comparison(
        before=first.id,
        after=second.id,
        rules_version=rules,
        as_of=dates,
        facts_added=added,
        facts_removed=removed,
        facts_changed=changed,
        pathways=pathways,
    )


def compare_determinations(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    before_id: str,
    after_id: str,
) -> Comparison:
    """What changed between two determinations of one case, and why."""
    first = get_determination(session, actor, cipher, key, before_id)
    second = get_determination(session, actor, cipher, key, after_id)
    if first.case_id != second.case_id:
        raise ValueError("the two determinations are of different cases")
    return _compare(first, second)


# --- documents, deadlines, notes --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentView:
    id: str
    item_id: str | None
    title: str
    status: str
    updated_by: str
    updated_at: dt.datetime


def add_document(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    title: str,
    *,
    item_id: str | None = None,
    status: str = "needed",
) -> CaseDocument:
    case = _case(session, key, actor, case_id, Action.DOCUMENT_WRITE)
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"a document's status is one of {', '.join(DOCUMENT_STATUSES)}")
    row_id = new_id()
    row = CaseDocument(
        id=row_id,
        case_id=case.id,
        item_id=item_id,
        title_enc=_seal(cipher, "case_documents", "title_enc", row_id, title),
        status=status,
        updated_by=actor.id,
        updated_at=_now(),
    )
    return _add_audited(session, key, actor, row, "document.write", f"case:{case.id}")


def update_document_status(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    document_id: str,
    status: str,
) -> None:
    case = _case(session, key, actor, case_id, Action.DOCUMENT_WRITE)
    if status not in DOCUMENT_STATUSES:
        raise ValueError(f"a document's status is one of {', '.join(DOCUMENT_STATUSES)}")
    row = _of_case(session, CaseDocument, document_id, case.id)
    row.status = status
    row.updated_by = actor.id
    row.updated_at = _now()
    _audit(session, key, actor, "document.write", f"case:{case.id}")


def list_documents(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> list[DocumentView]:
    return _case_rows(
        session,
        actor,
        key,
        case_id,
        Action.DOCUMENT_READ,
        CaseDocument,
        (CaseDocument.updated_at, CaseDocument.id),
        lambda r: DocumentView(
            r.id,
            r.item_id,
            _open(cipher, "case_documents", "title_enc", r.id, r.title_enc),
            r.status,
            r.updated_by,
            _utc(r.updated_at),
        ),
    )


@dataclass(frozen=True, slots=True)
class DeadlineView:
    id: str
    due: dt.date
    text: str
    source: str
    determination_id: str | None
    done: bool


def _new_deadline(
    cipher: FieldCipher,
    actor: User,
    case_id: str,
    due: dt.date,
    text: str,
    source: str,
    determination_id: str | None,
) -> CaseDeadline:
    row_id = new_id()
    return CaseDeadline(
        id=row_id,
        case_id=case_id,
        due=due,
        text_enc=_seal(cipher, "case_deadlines", "text_enc", row_id, text),
        source=source,
        determination_id=determination_id,
        done=False,
        created_by=actor.id,
        created_at=_now(),
    )


def add_deadline(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    due: dt.date,
    text: str,
) -> CaseDeadline:
    """A deadline entered by hand (source "manual")."""
    case = _case(session, key, actor, case_id, Action.DEADLINE_WRITE)
    row = _new_deadline(cipher, actor, case.id, due, text, "manual", None)
    return _add_audited(session, key, actor, row, "deadline.write", f"case:{case.id}")


def deadlines_from_determination(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, determination_id: str
) -> list[CaseDeadline]:
    """The deadlines of the pathways a determination did not find closed (not_eligible), as
    case deadlines with source "pathway:<pathway id>:<deadline id>"; ones already taken from
    an earlier determination with the same source and date are not repeated."""
    determination = session.get(CaseDetermination, determination_id)
    if determination is None:
        raise NotFoundError(f"no determination {determination_id}")
    case = _case(session, key, actor, determination.case_id, Action.DEADLINE_WRITE)
    view = _determination_view(cipher, determination)
    existing = {
        (row.source, row.due)
        for row in session.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id))
    }
    made: list[CaseDeadline] = []
    for pathway in view.result["pathways"]:
        if pathway["outcome"] == "not_eligible":
            continue
        for deadline in pathway["deadlines"]:
            source = f"pathway:{pathway['id']}:{deadline['id']}"
            due = dt.date.fromisoformat(deadline["date"])
            if (source, due) in existing:
                continue
            existing.add((source, due))
            made.append(
                _new_deadline(cipher, actor, case.id, due, deadline["text"], source, view.id)
            )
    session.add_all(made)
    session.flush()
    _audit(session, key, actor, "deadline.write", f"case:{case.id}")
    return made


def set_deadline_done(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    case_id: str,
    deadline_id: str,
    done: bool = True,
) -> None:
    case = _case(session, key, actor, case_id, Action.DEADLINE_WRITE)
    _of_case(session, CaseDeadline, deadline_id, case.id).done = done
    _audit(session, key, actor, "deadline.write", f"case:{case.id}")


def list_deadlines(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> list[DeadlineView]:
    return _case_rows(
        session,
        actor,
        key,
        case_id,
        Action.DEADLINE_READ,
        CaseDeadline,
        (CaseDeadline.due, CaseDeadline.id),
        lambda r: DeadlineView(
            r.id,
            r.due,
            _open(cipher, "case_deadlines", "text_enc", r.id, r.text_enc),
            r.source,
            r.determination_id,
            r.done,
        ),
    )


@dataclass(frozen=True, slots=True)
class NoteView:
    id: str
    body: str
    author_id: str
    created_at: dt.datetime


def add_note(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str, body: str
) -> CaseNote:
    case = _case(session, key, actor, case_id, Action.NOTE_WRITE)
    row_id = new_id()
    row = CaseNote(
        id=row_id,
        case_id=case.id,
        body_enc=_seal(cipher, "case_notes", "body_enc", row_id, body),
        author_id=actor.id,
        created_at=_now(),
    )
    return _add_audited(session, key, actor, row, "note.write", f"case:{case.id}")


def list_notes(
    session: Session, actor: User, cipher: FieldCipher, key: bytes, case_id: str
) -> list[NoteView]:
    return _case_rows(
        session,
        actor,
        key,
        case_id,
        Action.NOTE_READ,
        CaseNote,
        (CaseNote.created_at, CaseNote.id),
        lambda r: NoteView(
            r.id,
            _open(cipher, "case_notes", "body_enc", r.id, r.body_enc),
            r.author_id,
            _utc(r.created_at),
        ),
    )


def facts_as_json(facts: Mapping[str, Any]) -> str:
    return json.dumps(dict(facts), sort_keys=True, ensure_ascii=False)


# --- administration and intake ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrganisationView:
    id: str
    name: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class UserView:
    id: str
    username: str
    role: str
    organisation_id: str | None
    person_id: str | None
    active: bool
    created_at: dt.datetime


def _user_view(user: User) -> UserView:
    return UserView(
        user.id,
        user.username,
        user.role,
        user.organisation_id,
        user.person_id,
        user.active,
        _utc(user.created_at),
    )


def password_problem(password: str) -> str | None:
    """Why `password` cannot be a new password (in English, for logs and the API), or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"a password has at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"a password has at most {MAX_PASSWORD_LENGTH} characters"
    if "\x00" in password:
        return "a password cannot contain a NUL character"
    return None


def list_organisations(session: Session, actor: User, key: bytes) -> list[OrganisationView]:
    """Every organisation, by name: for administrators."""
    _authorise(session, key, actor, Action.ORGANISATION_MANAGE, None, "organisations")
    rows = session.scalars(select(Organisation).order_by(Organisation.name, Organisation.id))
    return [OrganisationView(o.id, o.name, _utc(o.created_at)) for o in rows]


def list_users(session: Session, actor: User, key: bytes) -> list[UserView]:
    """Every user, by name: for administrators."""
    _authorise(session, key, actor, Action.USER_MANAGE, None, "users")
    return [_user_view(u) for u in session.scalars(select(User).order_by(User.username))]


def get_user(session: Session, actor: User, key: bytes, user_id: str) -> UserView:
    _authorise(session, key, actor, Action.USER_MANAGE, None, f"user:{user_id}")
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"no user {user_id}")
    return _user_view(user)


def list_persons(
    session: Session, actor: User, cipher: FieldCipher, key: bytes
) -> list[PersonView]:
    """Every person, decrypted (to choose whose client a user is): for administrators. Audited
    as one ``person.list`` entry."""
    _authorise(session, key, actor, Action.USER_MANAGE, None, "persons")
    rows = session.scalars(select(Person).order_by(Person.created_at, Person.id)).all()
    views = [_person_view(cipher, row) for row in rows]
    _audit(session, key, actor, "person.list", f"persons:{len(views)}")
    return views


def _end_access(session: Session, key: bytes, actor: User, user: User) -> None:
    """Ends the user's live web sessions and revokes their API tokens (audited)."""
    now = _now()
    for row in session.scalars(
        select(WebSession).where(WebSession.user_id == user.id, WebSession.ended_at.is_(None))
    ):
        row.ended_at = now
        _audit(session, key, actor, "session.end", f"web_session:{row.id}")
    revoked = session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if getattr(revoked, "rowcount", 0):
        _audit(session, key, actor, "token.revoke", f"user:{user.id}")


def set_password(session: Session, actor: User, key: bytes, user_id: str, password: str) -> None:
    """An administrator sets a new password (argon2): the user's sessions end and their API
    tokens are revoked, so that whoever knew the old one is out. `ValueError` when the password
    is too short or too long."""
    _authorise(session, key, actor, Action.USER_MANAGE, None, f"user:{user_id}")
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"no user {user_id}")
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    user.password_hash = _hasher.hash(password)
    _audit(session, key, actor, "user.password", f"user:{user.id}")
    _end_access(session, key, actor, user)


def set_user_active(session: Session, actor: User, key: bytes, user_id: str, active: bool) -> None:
    """Deactivates a user (who can no longer log in or use a token; their sessions end and
    their tokens are revoked) or reactivates one. Nothing is deleted: the user's name stays on
    the facts, notes and determinations they entered. An administrator cannot deactivate
    themselves (`ValueError`), so that one always remains."""
    _authorise(session, key, actor, Action.USER_MANAGE, None, f"user:{user_id}")
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"no user {user_id}")
    if not active and user.id == actor.id:
        raise ValueError("an administrator cannot deactivate themselves")
    user.active = active
    _audit(session, key, actor, "user.activate" if active else "user.deactivate", f"user:{user.id}")
    if not active:
        _end_access(session, key, actor, user)


@dataclass(frozen=True, slots=True)
class IntakeChoice:
    """An organisation a case may be opened in, and whom it may be assigned to there."""

    organisation: OrganisationView
    caseworkers: list[UserView]


def intake_choices(session: Session, actor: User, key: bytes) -> list[IntakeChoice]:
    """Where `actor` may take in a person and open a case: an administrator in any
    organisation, assigning it to any active caseworker of it; a caseworker in their own,
    assigning it to themselves. Others are refused (and that is audited)."""
    own = actor.organisation_id
    _authorise(
        session,
        key,
        actor,
        Action.PERSON_CREATE,
        OrganisationScope(own),
        f"organisation:{own}" if own else "organisations",
    )
    if actor.role == Role.ADMIN.value:
        organisations = list(
            session.scalars(select(Organisation).order_by(Organisation.name, Organisation.id))
        )
    else:
        found = session.get(Organisation, own) if own else None
        organisations = [found] if found is not None else []
    choices = []
    for organisation in organisations:
        if actor.role == Role.ADMIN.value:
            workers = session.scalars(
                select(User)
                .where(
                    User.organisation_id == organisation.id,
                    User.role == Role.CASEWORKER.value,
                    User.active.is_(True),
                )
                .order_by(User.username)
            )
            caseworkers = [_user_view(u) for u in workers]
        else:
            caseworkers = [_user_view(actor)] if actor.role == Role.CASEWORKER.value else []
        view = OrganisationView(organisation.id, organisation.name, _utc(organisation.created_at))
        choices.append(IntakeChoice(view, caseworkers))
    return choices


def take_in(
    session: Session,
    actor: User,
    cipher: FieldCipher,
    key: bytes,
    *,
    organisation_id: str,
    name: str,
    birth_date: dt.date | None,
    assigned_user_id: str | None,
) -> Case:
    """Intake: a new person (name and date of birth encrypted) and a case for them, opened at
    intake and assigned, in one transaction; each step authorised and audited."""
    person = create_person(
        session,
        actor,
        cipher,
        key,
        organisation_id=organisation_id,
        name=name,
        birth_date=birth_date,
    )
    return open_case(
        session, actor, cipher, key, person_id=person.id, assigned_user_id=assigned_user_id
    )


def assignable_users(session: Session, actor: User, key: bytes, case_id: str) -> list[UserView]:
    """Whom the case may be assigned to (the active caseworkers of its organisation), for those
    who may assign it."""
    case = _case(session, key, actor, case_id, Action.CASE_ASSIGN)
    rows = session.scalars(
        select(User)
        .where(
            User.organisation_id == case.organisation_id,
            User.role == Role.CASEWORKER.value,
            User.active.is_(True),
        )
        .order_by(User.username)
    )
    return [_user_view(u) for u in rows]
