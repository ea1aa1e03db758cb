"""The workbench's REST API under ``/api/v1``: tokens, persons, cases, facts with provenance,
screening frozen as determinations and their comparison, documents, deadlines, notes, and
exports (a case as JSON, its deadlines as ``.ics``).

Every request but ``POST /api/v1/tokens`` carries ``Authorization: Bearer <token>``. Every
handler runs the `zairyu.workbench.service` operations in one `unit_of_work`, so access checks
and the audit log are those of the service. Errors are JSON ``{"detail": "<message>"}``:

- 401: no token, or an unknown, expired or revoked one (with ``WWW-Authenticate: Bearer``);
- 403: the access rules refuse it (the refusal is in the audit log);
- 404: no such case, determination, document, deadline or fact (or not in this case);
- 409: a status change the workflow does not allow;
- 422: a bad request; for facts, ``problems`` lists each problem and nothing is written;
- 429: ``POST /api/v1/tokens`` for a user name with too many recent failed logins (counted from
  the audit log, as for the login page), with ``Retry-After`` in seconds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from icalendar import Calendar, Event
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from zairyu import __version__
from zairyu.audit import audit_key
from zairyu.engine.case import CaseError
from zairyu.law.pathways import FACTS
from zairyu.report import ScreeningOut
from zairyu.workbench import service as wb
from zairyu.workbench.access import AccessDenied, Action, allowed
from zairyu.workbench.cipher import DecryptionError, FieldCipher
from zairyu.workbench.models import Case, User

FactValue = bool | int | str | None
Status = Literal["intake", "screening", "preparing", "filed", "decided", "review", "closed"]
DocumentStatus = Literal["needed", "requested", "received", "submitted"]
_ID = re.compile(r"[0-9a-f]{32}")
ID_PATTERN = r"^[0-9a-f]{32}$"
NO_NUL = r"^[^\x00]+$"
EXAMPLE_ID = "3f2b8c1e9a4d4e0fb6c2d7a18e5f9b03"


# --- models -----------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    detail: Any = Field(description="what was wrong (a message, or the request's errors)")


class ProblemOut(BaseModel):
    fact: str | None = Field(default=None, description="the fact the problem is about")
    message: str


class ProblemsOut(BaseModel):
    detail: Any = Field(description="what was wrong (a message, or the request's errors)")
    problems: list[ProblemOut] = Field(
        default_factory=list, description="for facts: every problem found; nothing was written"
    )


class TokenIn(_In):
    username: str = Field(min_length=1, max_length=120, pattern=NO_NUL, examples=["caseworker"])
    password: str = Field(min_length=1, max_length=1000, examples=["correct horse battery"])


class TokenOut(BaseModel):
    token: str = Field(description="send it as `Authorization: Bearer <token>`")
    token_type: Literal["bearer"] = "bearer"
    expires_at: dt.datetime


class PersonIn(_In):
    organisation_id: str = Field(pattern=ID_PATTERN, examples=[EXAMPLE_ID])
    name: str = Field(min_length=1, max_length=500, examples=["Maria Santos"])
    birth_date: dt.date | None = Field(default=None, examples=["1990-05-17"])


class PersonOut(BaseModel):
    id: str
    organisation_id: str
    name: str
    birth_date: dt.date | None


class CaseIn(_In):
    person_id: str = Field(pattern=ID_PATTERN, examples=[EXAMPLE_ID])
    assigned_user_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="a caseworker of the person's organisation",
        examples=[None],
    )


class CaseSummaryOut(BaseModel):
    id: str
    status: str = Field(description="intake, screening, preparing, filed, decided, review, closed")
    organisation_id: str
    assigned_user_id: str | None


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    by_user_id: str
    at: dt.datetime


class CaseOut(CaseSummaryOut):
    person: PersonOut
    facts: dict[str, Any] = Field(description="the current facts: name → value")
    transitions: list[TransitionOut]


class TransitionIn(_In):
    to_status: Status = Field(examples=["screening"])


class AssignIn(_In):
    user_id: str | None = Field(
        pattern=ID_PATTERN, description="a caseworker of the case's organisation; null: no one"
    )


class FactIn(_In):
    value: FactValue = Field(
        description="dates as YYYY-MM-DD; null or 'unknown' clears the fact", examples=[True]
    )
    source_document_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description="the case document the value was taken from",
    )


class FactEntryOut(BaseModel):
    id: str
    name: str
    value: Any = Field(description="JSON: a date is YYYY-MM-DD; null when cleared to unknown")
    entered_by: str
    entered_at: dt.datetime
    source_document_id: str | None
    superseded_by: str | None
    superseded_at: dt.datetime | None


class ScreenIn(_In):
    as_of: dt.date | None = Field(
        default=None, description="evaluate the law of this date; default: today in Japan"
    )
    lang: Literal["en", "ja"] = "en"


class DeterminationSummaryOut(BaseModel):
    id: str
    case_id: str
    rules_version: str
    as_of: dt.date
    lang: str
    made_by: str
    made_at: dt.datetime
    outcomes: dict[str, str] = Field(description="pathway id → outcome")


class DeterminationOut(DeterminationSummaryOut):
    facts: dict[str, Any] = Field(description="the facts screened, as they were")
    result: ScreeningOut


class FactChangeOut(BaseModel):
    before: Any
    after: Any


class PathwayChangeOut(BaseModel):
    pathway: str
    before: str | None = Field(description="null: not screened then")
    after: str | None
    because: list[str]
    changed: bool


class ComparisonOut(BaseModel):
    before: str
    after: str
    rules_version: list[str] | None = Field(description="[before, after] when it changed")
    as_of: list[dt.date] | None = Field(description="[before, after] when it changed")
    facts_added: dict[str, Any]
    facts_removed: dict[str, Any]
    facts_changed: dict[str, FactChangeOut]
    pathways: list[PathwayChangeOut]
    summary: list[str] = Field(description="what changed and why, one line each")


class DocumentIn(_In):
    title: str = Field(min_length=1, max_length=1000, examples=["Passport copy"])
    item_id: str | None = Field(default=None, max_length=160, pattern=NO_NUL)
    status: DocumentStatus = "needed"


class DocumentStatusIn(_In):
    status: DocumentStatus = Field(examples=["received"])


class DocumentOut(BaseModel):
    id: str
    item_id: str | None
    title: str
    status: str
    updated_by: str
    updated_at: dt.datetime


class DeadlineIn(_In):
    due: dt.date = Field(examples=["2026-12-01"])
    text: str = Field(min_length=1, max_length=2000, examples=["Apply for renewal"])


class DeadlineDoneIn(_In):
    done: bool = True


class DeadlineOut(BaseModel):
    id: str
    due: dt.date
    text: str
    source: str = Field(description='"manual", or "pathway:<pathway id>:<deadline id>"')
    determination_id: str | None
    done: bool


class NoteIn(_In):
    body: str = Field(min_length=1, max_length=20000, examples=["Called the client."])


class NoteOut(BaseModel):
    id: str
    body: str
    author_id: str
    created_at: dt.datetime


class CaseExportOut(BaseModel):
    zairyu_version: str
    exported_at: dt.datetime
    case: CaseOut
    fact_history: list[FactEntryOut]
    determinations: list[DeterminationOut]
    documents: list[DocumentOut]
    deadlines: list[DeadlineOut]
    notes: list[NoteOut] | None = Field(description="null when the user may not read notes")


# --- errors -----------------------------------------------------------------------------------

_BEARER = {"WWW-Authenticate": "Bearer"}


def _error(
    status: int, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    if status == 401:
        headers = {**_BEARER, **(headers or {})}
    return JSONResponse({"detail": message, **extra}, status_code=status, headers=headers)


def _throttled(error: wb.ThrottledError) -> JSONResponse:
    # Whole seconds, rounded up: a client that waits exactly Retry-After is let in.
    wait = max(1, math.ceil((error.retry_at - dt.datetime.now(dt.UTC)).total_seconds()))
    message = (
        "too many failed logins for this user name: wait"
        f" {wait} seconds (see Retry-After), then try again"
    )
    return _error(429, message, headers={"Retry-After": str(wait)})


def _response_for(error: Exception) -> JSONResponse | None:
    if isinstance(error, AccessDenied):
        return _error(403, str(error))
    if isinstance(error, wb.ThrottledError):  # before its base class, AuthenticationError
        return _throttled(error)
    if isinstance(error, wb.AuthenticationError):
        return _error(401, str(error))
    if isinstance(error, wb.NotFoundError):
        return _error(404, str(error))
    if isinstance(error, wb.WorkflowError):
        return _error(409, str(error))
    if isinstance(error, CaseError):
        problems = [{"fact": p.fact, "message": p.message} for p in error.problems]
        return _error(422, "the facts have problems; nothing was written", problems=problems)
    if isinstance(error, ValueError) and not isinstance(error, DecryptionError):
        return _error(422, str(error))
    return None


class _WorkbenchRoute(APIRoute):
    """Turns the service's exceptions into the documented error responses."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as error:
                response = _response_for(error)
                if response is None:
                    raise
                return response

        return route


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "no token, or an unknown, expired or revoked one"},
    403: {"model": ErrorOut, "description": "refused by the access rules"},
    404: {"model": ErrorOut, "description": "no such record"},
    422: {"model": ProblemsOut, "description": "a bad request (facts: every problem)"},
}
_THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ErrorOut,
        "description": "too many failed logins for this user name: see Retry-After (seconds)",
        "headers": {
            "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
        },
    }
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "the workflow does not allow this change"}
}


def _checked_id(value: str, what: str) -> str:
    if not _ID.fullmatch(value):
        raise wb.NotFoundError(f"no {what} {value}")
    return value


def _person_out(view: wb.PersonView) -> PersonOut:
    return PersonOut(
        id=view.id, organisation_id=view.organisation_id, name=view.name, birth_date=view.birth_date
    )


def _case_out(view: wb.CaseView) -> CaseOut:
    return CaseOut(
        id=view.id,
        status=view.status,
        organisation_id=view.organisation_id,
        assigned_user_id=view.assigned_user_id,
        person=_person_out(view.person),
        facts=view.facts,
        transitions=[
            TransitionOut(
                from_status=t.from_status, to_status=t.to_status, by_user_id=t.by_user_id, at=t.at
            )
            for t in view.transitions
        ],
    )


def _entry_out(entry: wb.FactEntry) -> FactEntryOut:
    return FactEntryOut.model_validate(entry, from_attributes=True)


def _summary_out(view: wb.DeterminationView) -> DeterminationSummaryOut:
    return DeterminationSummaryOut.model_validate(view, from_attributes=True)


def _determination_out(view: wb.DeterminationView) -> DeterminationOut:
    return DeterminationOut.model_validate(view, from_attributes=True)


def _document_out(view: wb.DocumentView) -> DocumentOut:
    return DocumentOut.model_validate(view, from_attributes=True)


def _deadline_out(view: wb.DeadlineView) -> DeadlineOut:
    return DeadlineOut.model_validate(view, from_attributes=True)


def _note_out(view: wb.NoteView) -> NoteOut:
    return NoteOut.model_validate(view, from_attributes=True)


def _comparison_out(comparison: wb.Comparison) -> ComparisonOut:
    return ComparisonOut(
        before=comparison.before,
        after=comparison.after,
        rules_version=list(comparison.rules_version) if comparison.rules_version else None,
        as_of=list(comparison.as_of) if comparison.as_of else None,
        facts_added=comparison.facts_added,
        facts_removed=comparison.facts_removed,
        facts_changed={
            name: FactChangeOut(before=before, after=after)
            for name, (before, after) in comparison.facts_changed.items()
        },
        pathways=[
            PathwayChangeOut(
                pathway=p.pathway,
                before=p.before,
                after=p.after,
                because=list(p.because),
                changed=p.changed,
            )
            for p in comparison.pathways
        ],
        summary=comparison.summary(),
    )


def case_export(
    session: Session, user: User, cipher: FieldCipher, key: bytes, case_id: str
) -> CaseExportOut:
    """The whole case as `user` may read it (notes only when the access rules allow), for the
    API's and the web pages' downloads."""
    case = wb.get_case(session, user, cipher, key, case_id)
    row = session.get(Case, case_id)
    notes = (
        [_note_out(v) for v in wb.list_notes(session, user, cipher, key, case_id)]
        if allowed(user, Action.NOTE_READ, row)
        else None
    )
    return CaseExportOut(
        zairyu_version=__version__,
        exported_at=dt.datetime.now(dt.UTC),
        case=_case_out(case),
        fact_history=[_entry_out(e) for e in wb.fact_history(session, user, cipher, key, case_id)],
        determinations=[
            _determination_out(v)
            for v in wb.list_determinations(session, user, cipher, key, case_id)
        ],
        documents=[
            _document_out(v) for v in wb.list_documents(session, user, cipher, key, case_id)
        ],
        deadlines=[
            _deadline_out(v) for v in wb.list_deadlines(session, user, cipher, key, case_id)
        ],
        notes=notes,
    )


# The UIDs of case deadlines: stable per case deadline, so a newer export updates the events.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://zairyu.invalid/case-deadline")


def case_deadlines_ics(case_id: str, deadlines: list[wb.DeadlineView]) -> bytes:
    """The case's deadlines as all-day events (RFC 5545); done ones are marked completed."""
    calendar = Calendar()
    calendar.add("prodid", f"-//zairyu//zairyu {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "zairyu case deadlines")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"{uuid.uuid5(_UID_NAMESPACE, f'{case_id}/{deadline.id}')}@zairyu")
        event.add("dtstamp", stamp)
        event.add("summary", deadline.text)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("description", f"source: {deadline.source}")
        event.add("transp", "TRANSPARENT")
        if deadline.done:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


# --- the router -------------------------------------------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="a token from POST /api/v1/tokens")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def router(
    engine: Engine, secret: bytes, cipher: FieldCipher, today: Callable[[], dt.date]
) -> APIRouter:
    """The workbench API on `engine` (whose schema is migrated), sealing sensitive fields with
    `cipher`, with the audit key derived from the server `secret`; `today` is the default
    screening date."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    key = audit_key(secret)
    api = APIRouter(
        prefix="/api/v1", tags=["workbench"], route_class=_WorkbenchRoute, responses=_ERRORS
    )

    @contextmanager
    def acting(credentials: HTTPAuthorizationCredentials | None) -> Iterator[tuple[Session, User]]:
        with wb.unit_of_work(sessions) as session:
            if credentials is None or not credentials.credentials:
                raise wb.AuthenticationError("send a bearer token: Authorization: Bearer <token>")
            yield session, wb.user_for_token(session, credentials.credentials)

    def case_id_of(case_id: str) -> str:
        return _checked_id(case_id, "case")

    # --- tokens ---

    @api.post(
        "/tokens",
        status_code=201,
        response_model=TokenOut,
        summary="Log in: get a token",
        responses=_THROTTLED,
    )
    def create_token(request: TokenIn) -> TokenOut:
        with wb.unit_of_work(sessions) as session:
            try:
                user = wb.authenticate(session, key, request.username, request.password)
            except wb.AuthenticationError:
                session.commit()  # keep the audit entry of the failed attempt
                raise
            token = wb.issue_token(session, user, key)
        return TokenOut(token=token, expires_at=dt.datetime.now(dt.UTC) + wb.TOKEN_LIFETIME)

    @api.delete("/tokens/current", status_code=204, summary="Log out: revoke this token")
    def revoke_token(credentials: Credentials) -> Response:
        with acting(credentials) as (session, user):
            assert credentials is not None
            wb.revoke_token(session, user, key, credentials.credentials)
        return Response(status_code=204)

    # --- persons and cases ---

    @api.post("/persons", status_code=201, response_model=PersonOut)
    def create_person(request: PersonIn, credentials: Credentials) -> PersonOut:
        with acting(credentials) as (session, user):
            person = wb.create_person(
                session,
                user,
                cipher,
                key,
                organisation_id=request.organisation_id,
                name=request.name,
                birth_date=request.birth_date,
            )
            return PersonOut(
                id=person.id,
                organisation_id=person.organisation_id,
                name=request.name,
                birth_date=request.birth_date,
            )

    @api.get("/cases", response_model=list[CaseSummaryOut], summary="The cases you may read")
    def list_cases(credentials: Credentials) -> list[CaseSummaryOut]:
        with acting(credentials) as (session, user):
            return [
                CaseSummaryOut(
                    id=c.id,
                    status=c.status,
                    organisation_id=c.organisation_id,
                    assigned_user_id=c.assigned_user_id,
                )
                for c in wb.list_cases(session, user, key)
            ]

    @api.post("/cases", status_code=201, response_model=CaseOut, summary="Open a case")
    def open_case(request: CaseIn, credentials: Credentials) -> CaseOut:
        with acting(credentials) as (session, user):
            case = wb.open_case(
                session,
                user,
                cipher,
                key,
                person_id=request.person_id,
                assigned_user_id=request.assigned_user_id,
            )
            return _case_out(wb.get_case(session, user, cipher, key, case.id))

    @api.get("/cases/{case_id}", response_model=CaseOut)
    def get_case(case_id: str, credentials: Credentials) -> CaseOut:
        with acting(credentials) as (session, user):
            return _case_out(wb.get_case(session, user, cipher, key, case_id_of(case_id)))

    @api.post("/cases/{case_id}/transition", response_model=CaseOut, responses=_CONFLICT)
    def transition(case_id: str, request: TransitionIn, credentials: Credentials) -> CaseOut:
        with acting(credentials) as (session, user):
            wb.transition(session, user, cipher, key, case_id_of(case_id), request.to_status)
            return _case_out(wb.get_case(session, user, cipher, key, case_id))

    @api.post("/cases/{case_id}/assign", response_model=CaseOut)
    def assign(case_id: str, request: AssignIn, credentials: Credentials) -> CaseOut:
        with acting(credentials) as (session, user):
            wb.assign(session, user, cipher, key, case_id_of(case_id), request.user_id)
            return _case_out(wb.get_case(session, user, cipher, key, case_id))

    # --- facts ---

    @api.get(
        "/cases/{case_id}/facts",
        response_model=list[FactEntryOut],
        summary="The current facts, each with its provenance",
    )
    def current_facts(case_id: str, credentials: Credentials) -> list[FactEntryOut]:
        with acting(credentials) as (session, user):
            history = wb.fact_history(session, user, cipher, key, case_id_of(case_id))
            return [_entry_out(e) for e in history if e.current and e.value is not None]

    @api.get(
        "/cases/{case_id}/facts/{name}/history",
        response_model=list[FactEntryOut],
        summary="Every value ever entered for a fact, oldest first",
    )
    def fact_history(case_id: str, name: str, credentials: Credentials) -> list[FactEntryOut]:
        with acting(credentials) as (session, user):
            case_id = case_id_of(case_id)
            if name not in FACTS:
                wb.current_facts(session, user, cipher, key, case_id)  # 404/403 for the case first
                raise wb.NotFoundError(f"no fact {name}")
            return [
                _entry_out(e) for e in wb.fact_history(session, user, cipher, key, case_id, name)
            ]

    @api.put(
        "/cases/{case_id}/facts/{name}",
        response_model=FactEntryOut,
        summary="Record a fact's new value (checked with the case's other facts)",
    )
    def set_fact(
        case_id: str, name: str, request: FactIn, credentials: Credentials
    ) -> FactEntryOut:
        with acting(credentials) as (session, user):
            row = wb.set_fact(
                session,
                user,
                cipher,
                key,
                case_id_of(case_id),
                name,
                request.value,
                source_document_id=request.source_document_id,
                as_of=today(),
            )
            history = wb.fact_history(session, user, cipher, key, case_id, name)
            return _entry_out(next(e for e in history if e.id == row.id))

    # --- determinations ---

    @api.post(
        "/cases/{case_id}/screen",
        status_code=201,
        response_model=DeterminationOut,
        summary="Screen the case's current facts and freeze the result",
    )
    def screen(
        case_id: str, credentials: Credentials, request: ScreenIn | None = None
    ) -> DeterminationOut:
        request = request or ScreenIn()
        with acting(credentials) as (session, user):
            row = wb.screen_case(
                session,
                user,
                cipher,
                key,
                case_id_of(case_id),
                request.as_of or today(),
                request.lang,
            )
            return _determination_out(wb.get_determination(session, user, cipher, key, row.id))

    @api.get("/cases/{case_id}/determinations", response_model=list[DeterminationSummaryOut])
    def list_determinations(
        case_id: str, credentials: Credentials
    ) -> list[DeterminationSummaryOut]:
        with acting(credentials) as (session, user):
            views = wb.list_determinations(session, user, cipher, key, case_id_of(case_id))
            return [_summary_out(v) for v in views]

    def determination_of(
        session: Session, user: User, case_id: str, determination_id: str
    ) -> wb.DeterminationView:
        view = wb.get_determination(
            session, user, cipher, key, _checked_id(determination_id, "determination")
        )
        if view.case_id != case_id:
            raise wb.NotFoundError(f"no determination {determination_id} in case {case_id}")
        return view

    @api.get("/cases/{case_id}/determinations/{determination_id}", response_model=DeterminationOut)
    def get_determination(
        case_id: str, determination_id: str, credentials: Credentials
    ) -> DeterminationOut:
        with acting(credentials) as (session, user):
            view = determination_of(session, user, case_id_of(case_id), determination_id)
            return _determination_out(view)

    @api.get(
        "/cases/{case_id}/determinations/{determination_id}/compare/{other_id}",
        response_model=ComparisonOut,
        summary="What changed from one determination to another, and why",
    )
    def compare(
        case_id: str, determination_id: str, other_id: str, credentials: Credentials
    ) -> ComparisonOut:
        with acting(credentials) as (session, user):
            case_id = case_id_of(case_id)
            determination_of(session, user, case_id, determination_id)
            determination_of(session, user, case_id, other_id)
            return _comparison_out(
                wb.compare_determinations(session, user, cipher, key, determination_id, other_id)
            )

    # --- documents ---

    @api.get("/cases/{case_id}/documents", response_model=list[DocumentOut])
    def list_documents(case_id: str, credentials: Credentials) -> list[DocumentOut]:
        with acting(credentials) as (session, user):
            views = wb.list_documents(session, user, cipher, key, case_id_of(case_id))
            return [_document_out(v) for v in views]

    @api.post("/cases/{case_id}/documents", status_code=201, response_model=DocumentOut)
    def add_document(case_id: str, request: DocumentIn, credentials: Credentials) -> DocumentOut:
        with acting(credentials) as (session, user):
            row = wb.add_document(
                session,
                user,
                cipher,
                key,
                case_id_of(case_id),
                request.title,
                item_id=request.item_id,
                status=request.status,
            )
            return DocumentOut(
                id=row.id,
                item_id=row.item_id,
                title=request.title,
                status=row.status,
                updated_by=row.updated_by,
                updated_at=row.updated_at,
            )

    def document(session: Session, user: User, case_id: str, document_id: str) -> DocumentOut:
        for view in wb.list_documents(session, user, cipher, key, case_id):
            if view.id == document_id:
                return _document_out(view)
        raise wb.NotFoundError(f"no document {document_id} in case {case_id}")

    @api.patch("/cases/{case_id}/documents/{document_id}", response_model=DocumentOut)
    def update_document(
        case_id: str, document_id: str, request: DocumentStatusIn, credentials: Credentials
    ) -> DocumentOut:
        with acting(credentials) as (session, user):
            case_id = case_id_of(case_id)
            wb.update_document_status(
                session,
                user,
                cipher,
                key,
                case_id,
                _checked_id(document_id, "document"),
                request.status,
            )
            return document(session, user, case_id, document_id)

    # --- deadlines ---

    @api.get("/cases/{case_id}/deadlines", response_model=list[DeadlineOut])
    def list_deadlines(case_id: str, credentials: Credentials) -> list[DeadlineOut]:
        with acting(credentials) as (session, user):
            views = wb.list_deadlines(session, user, cipher, key, case_id_of(case_id))
            return [_deadline_out(v) for v in views]

    @api.post("/cases/{case_id}/deadlines", status_code=201, response_model=DeadlineOut)
    def add_deadline(case_id: str, request: DeadlineIn, credentials: Credentials) -> DeadlineOut:
        with acting(credentials) as (session, user):
            row = wb.add_deadline(
                session, user, cipher, key, case_id_of(case_id), request.due, request.text
            )
            return DeadlineOut(
                id=row.id,
                due=row.due,
                text=request.text,
                source=row.source,
                determination_id=row.determination_id,
                done=row.done,
            )

    @api.post(
        "/cases/{case_id}/deadlines/from-determination/{determination_id}",
        status_code=201,
        response_model=list[DeadlineOut],
        summary="Take the deadlines of a determination's open pathways (new ones only)",
    )
    def deadlines_from_determination(
        case_id: str, determination_id: str, credentials: Credentials
    ) -> list[DeadlineOut]:
        with acting(credentials) as (session, user):
            determination_of(session, user, case_id_of(case_id), determination_id)
            rows = wb.deadlines_from_determination(session, user, cipher, key, determination_id)
            made = {row.id for row in rows}
            views = wb.list_deadlines(session, user, cipher, key, case_id)
            return [_deadline_out(v) for v in views if v.id in made]

    @api.patch("/cases/{case_id}/deadlines/{deadline_id}", response_model=DeadlineOut)
    def update_deadline(
        case_id: str, deadline_id: str, request: DeadlineDoneIn, credentials: Credentials
    ) -> DeadlineOut:
        with acting(credentials) as (session, user):
            case_id = case_id_of(case_id)
            wb.set_deadline_done(
                session,
                user,
                cipher,
                key,
                case_id,
                _checked_id(deadline_id, "deadline"),
                request.done,
            )
            views = wb.list_deadlines(session, user, cipher, key, case_id)
            return next(_deadline_out(v) for v in views if v.id == deadline_id)

    # --- notes ---

    @api.get("/cases/{case_id}/notes", response_model=list[NoteOut])
    def list_notes(case_id: str, credentials: Credentials) -> list[NoteOut]:
        with acting(credentials) as (session, user):
            views = wb.list_notes(session, user, cipher, key, case_id_of(case_id))
            return [_note_out(v) for v in views]

    @api.post("/cases/{case_id}/notes", status_code=201, response_model=NoteOut)
    def add_note(case_id: str, request: NoteIn, credentials: Credentials) -> NoteOut:
        with acting(credentials) as (session, user):
            row = wb.add_note(session, user, cipher, key, case_id_of(case_id), request.body)
            return NoteOut(
                id=row.id, body=request.body, author_id=row.author_id, created_at=row.created_at
            )

    # --- exports ---

    @api.get(
        "/cases/{case_id}/export.json",
        response_model=CaseExportOut,
        summary="The whole case as JSON (notes only for those who may read them)",
    )
    def export_case(case_id: str, credentials: Credentials) -> CaseExportOut:
        with acting(credentials) as (session, user):
            return case_export(session, user, cipher, key, case_id_of(case_id))

    @api.get(
        "/cases/{case_id}/deadlines.ics",
        response_class=Response,
        responses={
            200: {
                "description": "the case's deadlines as an iCalendar file (RFC 5545)",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        },
        summary="The case's deadlines as an iCalendar file",
    )
    def deadlines_calendar(case_id: str, credentials: Credentials) -> Response:
        with acting(credentials) as (session, user):
            views = wb.list_deadlines(session, user, cipher, key, case_id_of(case_id))
        return Response(
            case_deadlines_ics(case_id, views),
            media_type="text/calendar",
            headers={
                "Content-Disposition": f'attachment; filename="zairyu-case-{case_id}.ics"',
                "Cache-Control": "no-store",
            },
        )

    return api
