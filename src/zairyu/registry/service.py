"""The municipal workflow: a couple applies, an officer reviews the engine's evaluation and
accepts the oath, the certificate is issued; later it is returned, revoked, or transferred to
another issuer that recognises it.

Every operation takes the caller's `Session`, the `FieldCipher` (for the sealed columns) and
the audit key, writes what it did to the audit log (actor as given, subject
``registry_application:<id>`` or ``registry_certificate:<id>``, never a name) and to the
registry's own event table, in the caller's transaction. A refusal raises `RegistryError`
naming what is wrong, before anything is written.

Who may act for which issuer: the actor is either a workbench `User` (the web pages' officer)
or a name (``officer:<name>``, the command line's operator, who holds the data directory's
secret key and so the whole database anyway). A user acts only for the issuers their
organisation operates (`RegistryOperator`, set by an administrator); administrators act for
every issuer, as they act for every organisation in the workbench. Each operation looks up its
application or certificate (`RegistryNotFoundError` if there is none), then checks the user
before anything else: a refusal is recorded in the audit log as ``denied:registry.<step>``
(actor and subject ids only) and raises `RegistryAccessDenied`; the caller commits on it, as
the workbench's callers commit on `AccessDenied`, so that the refusal is kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from zairyu.audit import append
from zairyu.data.partnership_systems import by_code
from zairyu.engine.case import CaseError, parse_case
from zairyu.engine.determine import determine
from zairyu.engine.text import Text
from zairyu.law import partnership_certificate as law
from zairyu.law.pathways import CONSTRAINTS, FACTS
from zairyu.registry import keys as signing
from zairyu.registry.models import (
    GRANTED,
    ISSUED,
    OATH_ACCEPTED,
    RETURNED,
    REVOKED,
    SUBMITTED,
    TRANSFERRED_OUT,
    RegistryApplication,
    RegistryCertificate,
    RegistryEvent,
    RegistryIssuer,
    RegistryOperator,
)
from zairyu.registry.network import Recognition, recognition
from zairyu.registry.payload import (
    Claims,
    Holder,
    decode,
    encode,
    has_control_character,
    holder_hash,
    message_to_sign,
    signed_bytes,
)
from zairyu.workbench.access import Action, Role, allowed
from zairyu.workbench.cipher import FieldCipher, field_context
from zairyu.workbench.models import Organisation, User, new_id

RETURN_REASONS = ("dissolution", "moving_away")
REVOKE_REASONS = ("false_declaration", "issued_in_error", "requirements_not_met")
# The facts an application may carry: what the partnership pathway reads, nothing more.
FACT_PREFIXES = ("partnership.", "relationship.", "household.")
BIRTH_FACTS = ("applicant.birth_date", "partner.birth_date")
ELIGIBLE, NOT_ELIGIBLE, UNDETERMINED = "eligible", "not_eligible", "undetermined"
MAX_NAME = 200


class RegistryError(ValueError):
    """A step the workflow does not allow, or input it cannot use; the message says why."""


class RegistryNotFoundError(LookupError):
    """No such issuer, application or certificate."""


class RegistryAccessDenied(PermissionError):  # noqa: N818  (as the workbench's AccessDenied)
    """A user acted for an issuer their organisation does not operate (already audited)."""

    def __init__(self, user: User, step: str) -> None:
        super().__init__(f"user {user.id} ({user.role}) may not {step} for this issuer")
        self.user_id = user.id
        self.step = step


# The one acting: a workbench user (checked against the issuers it operates) or a name.
Actor = str | User


@dataclass(frozen=True, slots=True)
class RequirementResult:
    id: str
    text: Text
    value: bool | None


@dataclass(frozen=True, slots=True)
class Review:
    """The engine's evaluation of `partnership_certificate` for one application on one day."""

    issuer: str
    on: dt.date
    outcome: str
    requirements: tuple[RequirementResult, ...]
    # Facts still unknown that could decide the outcome (names; the questions are in FACTS).
    questions: tuple[str, ...]
    # Rules of the issuer's system that the reference data cannot answer on that day.
    data_gaps: tuple[Text, ...] = field(default=())

    @property
    def failed(self) -> tuple[RequirementResult, ...]:
        return tuple(r for r in self.requirements if r.value is False)


@dataclass(frozen=True, slots=True)
class Issued:
    certificate: RegistryCertificate
    payload: str


# --- helpers ----------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actor_name(actor: Actor) -> str:
    return actor if isinstance(actor, str) else f"user:{actor.id}"


def operates(session: Session, user: User, issuer_code: str) -> bool:
    """Whether `user` may act for `issuer_code`."""
    if not user.active:
        return False
    if user.role == Role.ADMIN.value:
        return True
    if user.role != Role.CASEWORKER.value or user.organisation_id is None:
        return False
    return session.get(RegistryOperator, (user.organisation_id, issuer_code)) is not None


def visible_to(user: User, issuer_column: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """A WHERE clause keeping the rows whose issuer (`issuer_column`) `user` may act for."""
    if not user.active:
        return false()
    if user.role == Role.ADMIN.value:
        return true()
    if user.role != Role.CASEWORKER.value or user.organisation_id is None:
        return false()
    return issuer_column.in_(
        select(RegistryOperator.issuer_code).where(
            RegistryOperator.organisation_id == user.organisation_id
        )
    )


def _authorise(
    session: Session, key: bytes, actor: Actor, step: str, issuers: Iterable[str], subject: str
) -> None:
    if isinstance(actor, str) or all(operates(session, actor, code) for code in issuers):
        return
    append(session, key, actor=actor_name(actor), action=f"denied:registry.{step}", subject=subject)
    raise RegistryAccessDenied(actor, step)


def _seal(cipher: FieldCipher, table: str, column: str, row_id: str, value: object) -> bytes:
    plaintext = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return cipher.encrypt(plaintext, field_context(table, column, row_id))


def _open(cipher: FieldCipher, table: str, column: str, row_id: str, blob: bytes) -> Any:
    return json.loads(cipher.decrypt(bytes(blob), field_context(table, column, row_id)))


def _event(
    session: Session,
    key: bytes,
    actor: Actor,
    kind: str,
    on: dt.date,
    *,
    application_id: str | None = None,
    certificate_id: str | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        RegistryEvent(
            id=new_id(),
            application_id=application_id,
            certificate_id=certificate_id,
            kind=kind,
            reason=reason,
            effective_on=on,
            actor=actor_name(actor),
            at=_now(),
        )
    )
    subject = (
        f"registry_certificate:{certificate_id}"
        if certificate_id is not None
        else f"registry_application:{application_id}"
    )
    append(session, key, actor=actor_name(actor), action=f"registry.{kind}", subject=subject)


ACCESSES = ("application_view", "application_review", "certificate_view", "certificate_print")


def record_access(
    session: Session,
    key: bytes,
    actor: Actor,
    access: str,
    *,
    application_id: str | None = None,
    certificate_id: str | None = None,
) -> None:
    """An officer saw what a couple gave (names, birth dates, answers): audited as every access
    to a case is, in the caller's transaction. The event table keeps only the workflow's steps.
    Call it before showing anything: it refuses a user who does not act for the issuer."""
    if access not in ACCESSES:
        raise ValueError(f"not an access the registry records: {access}")
    if certificate_id is not None:
        subject = f"registry_certificate:{certificate_id}"
        issuer_code = certificate(session, certificate_id).issuer_code
    else:
        subject = f"registry_application:{application_id}"
        issuer_code = application(session, str(application_id)).issuer_code
    _authorise(session, key, actor, access, (issuer_code,), subject)
    append(session, key, actor=actor_name(actor), action=f"registry.{access}", subject=subject)


def _holders_json(holders: Iterable[Holder]) -> list[dict[str, str]]:
    return [{"name": h.name, "birth_date": h.birth_date.isoformat()} for h in holders]


def _holders_from(values: list[dict[str, str]]) -> tuple[Holder, ...]:
    return tuple(Holder(v["name"], dt.date.fromisoformat(v["birth_date"])) for v in values)


def _issuer(session: Session, code: str, *, lock: bool = False) -> RegistryIssuer:
    statement = select(RegistryIssuer).where(RegistryIssuer.code == code)
    if lock:
        statement = statement.with_for_update()
    issuer = session.scalars(statement).one_or_none()
    if issuer is None:
        raise RegistryNotFoundError(f"{code} does not run this registry (no such issuer)")
    return issuer


def application(session: Session, application_id: str) -> RegistryApplication:
    found = session.get(RegistryApplication, application_id)
    if found is None:
        raise RegistryNotFoundError(f"no application {application_id}")
    return found


def certificate(session: Session, certificate_id: str) -> RegistryCertificate:
    found = session.get(RegistryCertificate, certificate_id)
    if found is None:
        raise RegistryNotFoundError(f"no certificate {certificate_id}")
    return found


def certificate_by_number(session: Session, issuer: str, number: int) -> RegistryCertificate | None:
    return session.scalars(
        select(RegistryCertificate).where(
            RegistryCertificate.issuer_code == issuer, RegistryCertificate.number == number
        )
    ).one_or_none()


def holders_of(
    cipher: FieldCipher, row: RegistryCertificate | RegistryApplication
) -> tuple[Holder, ...]:
    table = RegistryCertificate.__tablename__
    if isinstance(row, RegistryApplication):
        table = RegistryApplication.__tablename__
    return _holders_from(_open(cipher, table, "holders_enc", row.id, row.holders_enc))


def facts_of(cipher: FieldCipher, row: RegistryApplication) -> dict[str, Any]:
    facts: dict[str, Any] = _open(
        cipher, RegistryApplication.__tablename__, "facts_enc", row.id, row.facts_enc
    )
    return facts


# --- issuers ----------------------------------------------------------------------------------


def register_issuer(
    session: Session, cipher: FieldCipher, key: bytes, actor: str, code: str, on: dt.date
) -> RegistryIssuer:
    """An issuer for a system of partnership_systems.csv, with its first signing key."""
    system = by_code().get(code)
    if system is None:
        raise RegistryError(f"{code} is not a system in partnership_systems.csv")
    if not system.issues_certificate:
        raise RegistryError(f"{code} issues no certificates of its own")
    if session.get(RegistryIssuer, code) is not None:
        raise RegistryError(f"{code} is registered already")
    issuer = RegistryIssuer(code=code, created_at=_now(), last_number=0)
    session.add(issuer)
    session.flush()
    signing.create_key(session, cipher, code, on)
    append(session, key, actor=actor, action="registry.issuer_register", subject=f"issuer:{code}")
    return issuer


def rotate_key(
    session: Session, cipher: FieldCipher, key: bytes, actor: str, code: str, on: dt.date
) -> str:
    """Rotates the issuer's signing key on `on`; returns the new key id."""
    _issuer(session, code, lock=True)
    new = signing.rotate(session, cipher, code, on)
    append(session, key, actor=actor, action="registry.key_rotate", subject=f"issuer:{code}")
    return new.key_id


# --- applications -----------------------------------------------------------------------------


def _case_facts(
    issuer: str, holders: tuple[Holder, ...], facts: Mapping[str, object]
) -> dict[str, object]:
    for name in facts:
        if name in BIRTH_FACTS or name == law.SYSTEM.name:
            raise RegistryError(f"{name}: given by the application itself, not as a fact")
        if not name.startswith(FACT_PREFIXES):
            raise RegistryError(f"{name}: not a fact the partnership certificate reads")
    return {
        **facts,
        law.SYSTEM.name: issuer,
        "relationship.has_partner": True,
        "applicant.birth_date": holders[0].birth_date.isoformat(),
        "partner.birth_date": holders[1].birth_date.isoformat(),
    }


def apply(
    session: Session,
    cipher: FieldCipher,
    key: bytes,
    *,
    issuer: str,
    holders: tuple[Holder, Holder],
    facts: Mapping[str, object],
    applied_on: dt.date,
    lang: str = "ja",
    actor: Actor = "public",
) -> RegistryApplication:
    """A couple's application: both partners' names and birth dates, and the facts the engine
    needs. Facts are checked as the engine reads them (`CaseError` lists every problem)."""
    _issuer(session, issuer)
    _authorise(session, key, actor, "apply", (issuer,), f"issuer:{issuer}")
    for position, holder in enumerate(holders, start=1):
        if not holder.name.strip():
            raise RegistryError(f"partner {position}: the name is empty")
        if len(holder.name) > MAX_NAME:
            raise RegistryError(f"partner {position}: the name is over {MAX_NAME} characters")
        if has_control_character(holder.name):
            raise RegistryError(
                f"partner {position}: the name has a control character (a tab or line break)"
            )
        if holder.birth_date > applied_on:
            raise RegistryError(f"partner {position}: the birth date is after the application")
    raw = _case_facts(issuer, holders, facts)
    parse_case(raw, FACTS, CONSTRAINTS, applied_on)  # raises CaseError naming each problem
    row_id = new_id()
    table = RegistryApplication.__tablename__
    row = RegistryApplication(
        id=row_id,
        issuer_code=issuer,
        status=SUBMITTED,
        applied_on=applied_on,
        lang=lang,
        holders_enc=_seal(cipher, table, "holders_enc", row_id, _holders_json(holders)),
        facts_enc=_seal(cipher, table, "facts_enc", row_id, raw),
        submitted_at=_now(),
        oath_accepted_at=None,
    )
    session.add(row)
    session.flush()
    _event(session, key, actor, "apply", applied_on, application_id=row_id)
    return row


def evaluate(facts: Mapping[str, object], on: dt.date) -> Review:
    """The engine's evaluation of the partnership certificate pathway for `facts` on `on`."""
    try:
        case = parse_case(facts, FACTS, CONSTRAINTS, on)
    except CaseError as error:
        raise RegistryError(f"the stored facts do not hold on {on}: {error}") from None
    determination = determine(law.PATHWAY, case, on, with_what_ifs=False)
    return Review(
        issuer=str(facts[law.SYSTEM.name]),
        on=on,
        outcome=determination.outcome.value,
        requirements=tuple(
            RequirementResult(r.requirement.rule.id, r.requirement.rule.text, r.trace.value)
            for r in determination.requirements
        ),
        questions=tuple(q.fact.name for q in determination.questions),
        data_gaps=tuple(gap.lookup.table.title for gap in determination.data_gaps),
    )


def review(
    session: Session, cipher: FieldCipher, application_id: str, on: dt.date | None = None
) -> Review:
    """What the engine says about the application on `on` (default: the day it was made)."""
    found = application(session, application_id)
    return evaluate(facts_of(cipher, found), on or found.applied_on)


def accept_oath(
    session: Session, key: bytes, actor: Actor, application_id: str, on: dt.date
) -> RegistryApplication:
    """The officer records that both partners made the oath (or notification) in person."""
    found = application(session, application_id)
    _authorise(
        session, key, actor, "oath_accept", (found.issuer_code,), f"registry_application:{found.id}"
    )
    if found.status != SUBMITTED:
        raise RegistryError(f"the application is {found.status}, not submitted")
    found.status = OATH_ACCEPTED
    found.oath_accepted_at = _now()
    _event(session, key, actor, "oath_accept", on, application_id=found.id)
    return found


def _allowed(result: Review, confirm_undetermined: bool) -> None:
    if result.outcome == NOT_ELIGIBLE:
        failed = ", ".join(r.id for r in result.failed)
        raise RegistryError(f"the engine finds the couple not eligible on {result.on}: {failed}")
    if result.outcome == UNDETERMINED and not confirm_undetermined:
        open_ = ", ".join(result.questions) or "the system's rules are unknown in the data"
        raise RegistryError(
            f"eligibility is undetermined on {result.on} (open: {open_}); the officer must"
            " confirm it to issue"
        )


def _sign(
    session: Session,
    cipher: FieldCipher,
    issuer: RegistryIssuer,
    holders: tuple[Holder, ...],
    on: dt.date,
) -> tuple[int, str, bytes, str]:
    """The next number, the key id, the holder hash and the signed payload text."""
    current = signing.current_key(session, issuer.code)
    if on < current.valid_from:
        raise RegistryError(f"the issuer's current key is valid from {current.valid_from}")
    number = issuer.last_number + 1
    issuer.last_number = number
    hashed = holder_hash(issuer.code, number, holders)
    signed = signed_bytes(Claims(issuer.code, current.key_id, number, on, hashed))
    signature = signing.private_key(cipher, current).sign(message_to_sign(signed))
    return number, current.key_id, hashed, encode(signed, signature)


def _new_certificate(
    session: Session,
    cipher: FieldCipher,
    issuer_code: str,
    holders: tuple[Holder, ...],
    application_id: str,
    on: dt.date,
    transferred_from: str | None,
) -> Issued:
    issuer = _issuer(session, issuer_code, lock=True)
    number, key_id, hashed, text = _sign(session, cipher, issuer, holders, on)
    row_id = new_id()
    table = RegistryCertificate.__tablename__
    row = RegistryCertificate(
        id=row_id,
        issuer_code=issuer_code,
        number=number,
        issue_date=on,
        status=ISSUED,
        status_date=on,
        application_id=application_id,
        transferred_from=transferred_from,
        key_id=key_id,
        holders_enc=_seal(cipher, table, "holders_enc", row_id, _holders_json(holders)),
        holder_hash=hashed,
        payload=text,
        created_at=_now(),
    )
    session.add(row)
    session.flush()
    return Issued(row, text)


def issue(
    session: Session,
    cipher: FieldCipher,
    key: bytes,
    actor: Actor,
    application_id: str,
    on: dt.date,
    *,
    confirm_undetermined: bool = False,
) -> Issued:
    """Issues the certificate of an application whose oath was accepted, if the engine finds
    the couple eligible on `on` (or the officer confirms an undetermined evaluation)."""
    found = application(session, application_id)
    _authorise(
        session, key, actor, "issue", (found.issuer_code,), f"registry_application:{found.id}"
    )
    if found.status != OATH_ACCEPTED:
        raise RegistryError(f"the application is {found.status}: accept the oath first")
    if on < found.applied_on:
        raise RegistryError(f"{on} is before the application ({found.applied_on})")
    _allowed(evaluate(facts_of(cipher, found), on), confirm_undetermined)
    issued = _new_certificate(
        session, cipher, found.issuer_code, holders_of(cipher, found), found.id, on, None
    )
    found.status = GRANTED
    _event(session, key, actor, "issue", on, certificate_id=issued.certificate.id)
    return issued


def _end(
    session: Session,
    key: bytes,
    actor: Actor,
    certificate_id: str,
    status: str,
    reason: str,
    on: dt.date,
) -> RegistryCertificate:
    found = certificate(session, certificate_id)
    kind = {RETURNED: "return", REVOKED: "revoke", TRANSFERRED_OUT: "transfer_out"}[status]
    _authorise(session, key, actor, kind, (found.issuer_code,), f"registry_certificate:{found.id}")
    if found.status != ISSUED:
        raise RegistryError(f"the certificate is {found.status} already")
    if on < found.issue_date:
        raise RegistryError(f"{on} is before the certificate was issued ({found.issue_date})")
    found.status = status
    found.status_date = on
    _event(session, key, actor, kind, on, certificate_id=found.id, reason=reason)
    return found


def return_certificate(
    session: Session, key: bytes, actor: Actor, certificate_id: str, reason: str, on: dt.date
) -> RegistryCertificate:
    """The couple return the certificate: the partnership ended, or they moved away."""
    if reason not in RETURN_REASONS:
        raise RegistryError(f"the reason {reason!r} is not one of {', '.join(RETURN_REASONS)}")
    return _end(session, key, actor, certificate_id, RETURNED, reason, on)


def revoke(
    session: Session, key: bytes, actor: Actor, certificate_id: str, reason: str, on: dt.date
) -> RegistryCertificate:
    """The issuer revokes the certificate (a false declaration, an error, a requirement no
    longer met)."""
    if reason not in REVOKE_REASONS:
        raise RegistryError(f"the reason {reason!r} is not one of {', '.join(REVOKE_REASONS)}")
    return _end(session, key, actor, certificate_id, REVOKED, reason, on)


def transfer(
    session: Session,
    cipher: FieldCipher,
    key: bytes,
    actor: Actor,
    certificate_id: str,
    destination: str,
    on: dt.date,
    *,
    confirm_undetermined: bool = False,
) -> tuple[Issued, Recognition]:
    """The couple moved to `destination`, which recognises the certificate (both in the
    network on `on`, or an agreement between the two): it issues a new certificate from what
    was proved once (the stored facts, now with the new residence), and the old one becomes
    transferred out. The destination's own rules still apply, so the engine evaluates them."""
    old = certificate(session, certificate_id)
    _issuer(session, destination)
    # The new certificate is the destination's (signed with its key): the user acts for both.
    issuers = (old.issuer_code, destination)
    _authorise(session, key, actor, "transfer", issuers, f"registry_certificate:{old.id}")
    if old.status != ISSUED:
        raise RegistryError(f"the certificate is {old.status}: only an issued one moves")
    basis = recognition(old.issuer_code, destination, on)
    if basis is None:
        raise RegistryError(
            f"{destination} does not recognise certificates of {old.issuer_code} on {on}"
            " (neither both in the network nor an agreement between them)"
        )
    facts = facts_of(cipher, application(session, old.application_id))
    moved = {
        **facts,
        law.SYSTEM.name: destination,
        law.APPLICANT_CONNECTION.name: law.RESIDENT,
        law.PARTNER_CONNECTION.name: law.RESIDENT,
    }
    _allowed(evaluate(moved, on), confirm_undetermined)
    holders = holders_of(cipher, old)
    _end(session, key, actor, old.id, TRANSFERRED_OUT, basis.basis, on)
    issued = _new_certificate(session, cipher, destination, holders, old.application_id, on, old.id)
    _event(
        session,
        key,
        actor,
        "transfer_in",
        on,
        certificate_id=issued.certificate.id,
        reason=basis.basis,
    )
    return issued, basis


def status_of(session: Session, issuer: str, number: int) -> tuple[str, dt.date] | None:
    """The status and its day of a certificate, as a verifier may learn it."""
    found = certificate_by_number(session, issuer, number)
    return None if found is None else (found.status, found.status_date)


def signed_of(session: Session, issuer: str, number: int) -> bytes | None:
    """The signed bytes of the certificate the register holds under this number (for
    `verify.verify`'s check that a payload is the one the issuer gave out)."""
    found = certificate_by_number(session, issuer, number)
    return None if found is None else decode(found.payload).signed


# --- which organisations operate which issuers ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Operator:
    organisation_id: str
    organisation_name: str
    issuer_code: str
    since: dt.datetime


def _manage(session: Session, key: bytes, actor: Actor, step: str, subject: str) -> None:
    """Only administrators link organisations to issuers (a name is the command line's)."""
    if isinstance(actor, str) or allowed(actor, Action.ORGANISATION_MANAGE, None):
        return
    append(session, key, actor=actor_name(actor), action=f"denied:registry.{step}", subject=subject)
    raise RegistryAccessDenied(actor, step)


def _organisation(session: Session, organisation_id: str) -> Organisation:
    found = session.get(Organisation, organisation_id)
    if found is None:
        raise RegistryNotFoundError(f"no organisation {organisation_id}")
    return found


def link_operator(
    session: Session, key: bytes, actor: Actor, organisation_id: str, issuer_code: str
) -> RegistryOperator:
    """The organisation's caseworkers act for the issuer from now on."""
    _manage(session, key, actor, "operator_link", f"issuer:{issuer_code}")
    organisation = _organisation(session, organisation_id)
    _issuer(session, issuer_code)
    if session.get(RegistryOperator, (organisation.id, issuer_code)) is not None:
        raise RegistryError(f"the organisation operates {issuer_code} already")
    row = RegistryOperator(
        organisation_id=organisation.id, issuer_code=issuer_code, created_at=_now()
    )
    session.add(row)
    session.flush()
    append(
        session, key, actor=actor_name(actor), action="registry.operator_link",
        subject=f"issuer:{issuer_code}/organisation:{organisation.id}",
    )  # fmt: skip
    return row


def unlink_operator(
    session: Session, key: bytes, actor: Actor, organisation_id: str, issuer_code: str
) -> None:
    """The organisation's caseworkers no longer act for the issuer."""
    _manage(session, key, actor, "operator_unlink", f"issuer:{issuer_code}")
    organisation = _organisation(session, organisation_id)
    row = session.get(RegistryOperator, (organisation.id, issuer_code))
    if row is None:
        raise RegistryError(f"the organisation does not operate {issuer_code}")
    session.delete(row)
    session.flush()
    append(
        session, key, actor=actor_name(actor), action="registry.operator_unlink",
        subject=f"issuer:{issuer_code}/organisation:{organisation.id}",
    )  # fmt: skip


def operators(session: Session, key: bytes, actor: Actor) -> list[Operator]:
    """Every link, by issuer and organisation name (for administrators)."""
    _manage(session, key, actor, "operator_list", "registry_operators")
    rows = session.execute(
        select(RegistryOperator, Organisation.name)
        .join(Organisation, Organisation.id == RegistryOperator.organisation_id)
        .order_by(RegistryOperator.issuer_code, Organisation.name, Organisation.id)
    ).all()
    return [
        Operator(row.organisation_id, name, row.issuer_code, row.created_at) for row, name in rows
    ]
