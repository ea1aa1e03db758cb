"""The caseworker's pages under ``/work``: login and logout (throttled after repeated failures
for one user name), the case list with its deadlines, intake (a new person and their case), the
case page (person, assignment, workflow, facts with provenance, documents, deadlines, notes),
setting a fact, re-screening, the determination history and the comparison of two
determinations, the case's exports, and the administrators' pages (organisations, users,
passwords, deactivation).

Every page reads and writes through `zairyu.workbench.service`, in one `unit_of_work`, so the
access rules and the audit log are the service's: a refusal is a 403 page, an unknown record a
404 page, and no valid session a redirect to the login page. Every form but the login's comes
in through `posted` (the session, then this session's CSRF token, then the case id; a forged form
is a 403 page and does nothing). Pages are never cached; addresses hold only random ids, never
names or fact values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from zairyu import __version__
from zairyu.audit import audit_key
from zairyu.engine.case import CaseError
from zairyu.engine.facts import EARLIEST_YEAR, Fact
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.report import display_value, format_date
from zairyu.web import sessions as web_sessions
from zairyu.web.app import (
    _contradiction,
    _options,
    _typed_from_saved,
    answer_text,
    choose_lang,
    safe_local_path,
)
from zairyu.web.crypto import FormSigner
from zairyu.web.forms import read_answer
from zairyu.web.workbench_api import _checked_id, case_deadlines_ics, case_export
from zairyu.workbench import service as wb
from zairyu.workbench.access import AccessDenied, Action, OrganisationScope, Role, allowed
from zairyu.workbench.cipher import FieldCipher
from zairyu.workbench.models import Case, Organisation, Person, User

PREFIX = "/work"
_NO_STORE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
_LOGIN_PURPOSE = "work-login"
_MAX_FIELD = 20_000  # characters; a longer field is refused with a message, not cut
_MAX_NAME = 200  # characters of a person's or an organisation's name
_MAX_USERNAME = 120
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_templates = Environment(
    loader=PackageLoader("zairyu.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class _LoginRequiredError(Exception):
    """No live session: the user is sent to the login page."""


class _ForgedFormError(Exception):
    """A POST without this session's CSRF token: nothing is done."""


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    login: web_sessions.Login | None = None,
    csrf: str = "",
    **context: Any,
) -> HTMLResponse:
    lang = choose_lang(request)
    gettext = translations(lang).gettext
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = _templates.get_template(template).render(
        _=gettext,
        lang=lang,
        other_lang="en" if lang == "ja" else "ja",
        switch_url=f"/language/{'en' if lang == 'ja' else 'ja'}?next={quote(here)}",
        format_date=lambda day: format_date(day, lang),
        format_time=lambda moment: _format_time(moment, lang),
        version=__version__,
        me=login.user if login else None,
        nav=_nav(login.user) if login else {},
        csrf=csrf,
        status_words=_status_words(lang),
        outcome_words=_outcome_words(lang),
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers=_NO_STORE)


def _nav(user: User) -> dict[str, bool]:
    """Which of the workbench's sections the navigation offers this user."""
    return {
        "intake": allowed(user, Action.PERSON_CREATE, OrganisationScope(user.organisation_id)),
        "admin": allowed(user, Action.USER_MANAGE, None),
    }


def _role_words(lang: Lang) -> dict[str, str]:
    _ = translations(lang).gettext
    return {
        Role.ADMIN.value: _("Administrator"),
        Role.CASEWORKER.value: _("Caseworker"),
        Role.REVIEWER.value: _("Reviewer"),
        Role.CLIENT.value: _("Client"),
    }


def _read_birth_date(
    fields: Mapping[str, str], today: dt.date, lang: Lang
) -> tuple[dt.date | None, dict[str, str]]:
    """A date of birth from the day, month and year fields: None when all three are empty
    (not recorded); else the date, or a message on the field to correct."""
    _ = translations(lang).gettext
    parts = {
        k: fields.get(k, "").strip().translate(_FULL_WIDTH_DIGITS) for k in ("day", "month", "year")
    }
    missing = [k for k, v in parts.items() if not v]
    if len(missing) == 3:
        return None, {}
    if missing:
        names = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
        message = _("The date must include {part}").format(
            part=", ".join(names[m] for m in missing)
        )
        return None, {missing[0]: message}
    for name, value in parts.items():
        if not value.isdigit():
            return None, {name: _("Enter the date using digits, like 27 3 2019")}
    if len(parts["year"]) != 4:
        return None, {"year": _("Enter the year with 4 digits, like 2019")}
    try:
        day = dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        where = "month" if not 1 <= int(parts["month"]) <= 12 else "day"
        return None, {where: _("Enter a real date: that day does not exist")}
    if day.year < EARLIEST_YEAR:
        return None, {"year": _("Enter a year from {year} onwards").format(year=EARLIEST_YEAR)}
    if day > today:
        return None, {"day": _("A date of birth must be today or in the past")}
    return day, {}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _format_time(moment: dt.datetime, lang: Lang) -> str:
    # Times are shown in UTC, and say so: caseworkers may be anywhere.
    utc = moment.astimezone(dt.UTC)
    return f"{format_date(utc.date(), lang)} {utc:%H:%M} UTC"


def _status_words(lang: Lang) -> dict[str, str]:
    _ = translations(lang).gettext
    return {
        wb.INTAKE: _("Intake"),
        wb.SCREENING: _("Screening"),
        wb.PREPARING: _("Preparing the application"),
        wb.FILED: _("Filed"),
        wb.DECIDED: _("Decided"),
        wb.REVIEW: _("Under review or appeal"),
        wb.CLOSED: _("Closed"),
    }


def _outcome_words(lang: Lang) -> dict[str | None, str]:
    _ = translations(lang).gettext
    return {
        "eligible": _("Eligible"),
        "discretionary": _("Discretionary"),
        "not_eligible": _("Not eligible"),
        "undetermined": _("Undetermined"),
        None: _("Not screened"),
    }


def _document_words(lang: Lang) -> dict[str, str]:
    _ = translations(lang).gettext
    return {
        "needed": _("Needed"),
        "requested": _("Requested"),
        "received": _("Received"),
        "submitted": _("Submitted"),
    }


class _PageRoute(APIRoute):
    """Turns the service's refusals into pages, and marks every response as not to be kept."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                response = await handler(request)
            except _LoginRequiredError:
                target = quote(request.url.path) if request.method == "GET" else ""
                response = RedirectResponse(
                    f"{PREFIX}/login" + (f"?next={target}" if target else ""), status_code=303
                )
            except _ForgedFormError:
                response = render(request, "work/forged.html", status_code=403)
            except AccessDenied:
                path = request.url.path
                area = (
                    "admin"
                    if path.startswith(PREFIX + "/admin")
                    else "intake"
                    if path.startswith(PREFIX + "/intake")
                    else "case"
                )
                response = render(request, "work/forbidden.html", status_code=403, area=area)
            except wb.NotFoundError:
                response = render(request, "work/not_found.html", status_code=404)
            for name, value in _NO_STORE.items():
                response.headers[name] = value
            return response

        return route


def _fields(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _next_page(target: str | None) -> str:
    path = safe_local_path(target)
    return path if path == PREFIX or path.startswith(PREFIX + "/") else PREFIX


def _set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        web_sessions.COOKIE,
        token,
        max_age=int(web_sessions.LIFETIME.total_seconds()),
        path=web_sessions.COOKIE_PATH,
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )


@dataclass(frozen=True, slots=True)
class _CaseRow:
    id: str
    name: str
    status: str
    assignee: str | None
    deadlines: list[wb.DeadlineView]


@dataclass(frozen=True, slots=True)
class _FactRow:
    name: str
    question: str
    value: str
    entered_by: str
    entered_at: dt.datetime
    source: str | None


def _value_text(name: str, value: object, lang: Lang) -> str:
    fact = FACTS.get(name)
    if fact is None:  # a fact of an older rules version, kept in an old determination
        return str(value)
    try:
        return answer_text(fact, value, lang)
    except ValueError:
        return display_value(name, None, lang) if value is None else str(value)


def router(
    engine: Engine,
    secret: bytes,
    cipher: FieldCipher,
    today: Callable[[], dt.date],
    signer: FormSigner,
) -> APIRouter:
    """The pages on `engine` (whose schema is migrated), with the service's audit key derived
    from the server `secret` and sensitive fields sealed by `cipher`; `today` is the default
    screening date, `signer` signs the login form."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    key = audit_key(secret)
    csrf_key = web_sessions.csrf_key_of(secret)
    pages = APIRouter(prefix=PREFIX, route_class=_PageRoute, include_in_schema=False)

    @contextmanager
    def acting(request: Request) -> Iterator[tuple[Session, web_sessions.Login]]:
        token = request.cookies.get(web_sessions.COOKIE, "")
        with wb.unit_of_work(sessions) as session:
            login = web_sessions.resume(session, key, token) if token else None
            if login is None:
                session.commit()  # keeps the expiry of a session found too old
                raise _LoginRequiredError
            yield session, login

    def csrf_of(login: web_sessions.Login) -> str:
        return web_sessions.csrf_token(csrf_key, login.token)

    def case_id_of(case_id: str) -> str:
        return _checked_id(case_id, "case")

    @asynccontextmanager
    async def posted(
        request: Request,
    ) -> AsyncIterator[tuple[Session, web_sessions.Login, dict[str, str]]]:
        """The fields of a form a live session sent with its CSRF token, and the transaction
        to act in: no session, the login page; a forged form, a 403 page, nothing done."""
        fields = _fields(await request.form())
        with acting(request) as (session, login):
            if not web_sessions.csrf_ok(csrf_key, login.token, fields.get("csrf_token", "")):
                raise _ForgedFormError
            yield session, login, fields

    @asynccontextmanager
    async def posted_to_case(
        request: Request, case_id: str
    ) -> AsyncIterator[tuple[Session, web_sessions.Login, dict[str, str], str]]:
        """`posted`, for a case's form: with the case id checked (an id of the wrong shape is
        a 404 page), after the session and the CSRF token as before."""
        async with posted(request) as (session, login, fields):
            yield session, login, fields, case_id_of(case_id)

    def page(
        request: Request, login: web_sessions.Login, template: str, **context: Any
    ) -> HTMLResponse:
        return render(request, template, login=login, csrf=csrf_of(login), **context)

    def usernames(session: Session, ids: set[str | None]) -> dict[str | None, str]:
        found: dict[str | None, str] = {}
        for user_id in ids:
            user = session.get(User, user_id) if user_id else None
            if user is not None:
                found[user_id] = user.username
        return found

    # --- login and logout ---

    def login_page(
        request: Request,
        *,
        status_code: int = 200,
        username: str = "",
        next_page: str = PREFIX,
        error: str | None = None,
        notice: str | None = None,
    ) -> HTMLResponse:
        return render(
            request,
            "work/login.html",
            status_code=status_code,
            username=username,
            next_page=next_page,
            errors={"username": error} if error else {},
            notice=notice,
            form_token=signer.sign(_LOGIN_PURPOSE),
        )

    @pages.get("/login", response_class=HTMLResponse)
    def show_login(request: Request, next: str | None = None, out: int = 0) -> HTMLResponse:
        _ = translations(choose_lang(request)).gettext
        notice = _("You have logged out.") if out else None
        return login_page(request, next_page=_next_page(next), notice=notice)

    @pages.post("/login")
    async def log_in(request: Request) -> Response:
        _ = translations(choose_lang(request)).gettext
        fields = _fields(await request.form())
        username = fields.get("username", "").strip()
        password = fields.get("password", "")
        next_page = _next_page(fields.get("next"))
        if signer.check(_LOGIN_PURPOSE, fields.get("form_token", "")) != "ok":
            return login_page(
                request,
                status_code=400,
                username=username,
                next_page=next_page,
                notice=_("This form was out of date, so you were not logged in. Try again."),
            )
        if not username or not password:
            return login_page(
                request,
                status_code=400,
                username=username,
                next_page=next_page,
                error=_("Enter your user name and your password"),
            )
        with wb.unit_of_work(sessions) as session:
            try:
                if len(username) > 120 or len(password) > 1000 or "\x00" in username:
                    raise wb.AuthenticationError("no such user name and password")
                user = wb.authenticate(session, key, username, password)
            except wb.ThrottledError as throttled:
                session.commit()  # keeps the audit entry of the refused attempt
                # The same for a name that exists and one that does not: it says nothing more.
                wait = max(1, -(-int((throttled.retry_at - _utc_now()).total_seconds()) // 60))
                refused = login_page(
                    request,
                    status_code=429,
                    username=username,
                    next_page=next_page,
                    error=_(
                        "There have been too many failed attempts to log in with this user "
                        "name. Wait {minutes} minutes, then try again."
                    ).format(minutes=wait),
                )
                refused.headers["Retry-After"] = str(wait * 60)
                return refused
            except wb.AuthenticationError:
                session.commit()  # keeps the audit entry of the failed attempt
                return login_page(
                    request,
                    status_code=401,
                    username=username,
                    next_page=next_page,
                    error=_("The user name or the password is wrong"),
                )
            # A new token at every login: a token planted before login never becomes a session.
            old = request.cookies.get(web_sessions.COOKIE)
            if old:
                web_sessions.end(session, key, old)
            token = web_sessions.start(session, key, user)
        response = RedirectResponse(next_page, status_code=303)
        _set_session_cookie(request, response, token)
        return response

    @pages.get("/logout", response_class=HTMLResponse)
    def confirm_logout(request: Request) -> HTMLResponse:
        with acting(request) as (_session, login):
            return page(request, login, "work/logout.html")

    @pages.post("/logout")
    async def log_out(request: Request) -> Response:
        async with posted(request) as (session, login, _sent):
            web_sessions.end(session, key, login.token)
        response = RedirectResponse(f"{PREFIX}/login?out=1", status_code=303)
        response.delete_cookie(
            web_sessions.COOKIE, path=web_sessions.COOKIE_PATH, httponly=True, samesite="strict"
        )
        return response

    # --- the case list ---

    @pages.get("", response_class=HTMLResponse)
    def case_list(request: Request) -> HTMLResponse:
        with acting(request) as (session, login):
            user = login.user
            day = today()
            rows = []
            for summary in wb.list_cases(session, user, key):
                case = wb.get_case(session, user, cipher, key, summary.id)
                deadlines = wb.list_deadlines(session, user, cipher, key, summary.id)
                rows.append(
                    _CaseRow(
                        id=summary.id,
                        name=case.person.name,
                        status=summary.status,
                        assignee=summary.assigned_user_id,
                        deadlines=sorted(
                            (d for d in deadlines if not d.done), key=lambda d: (d.due, d.id)
                        ),
                    )
                )
            # Cases with the soonest open deadline first; cases without any keep their order.
            rows.sort(key=lambda r: r.deadlines[0].due if r.deadlines else dt.date.max)
            names = usernames(session, {r.assignee for r in rows})
            return page(request, login, "work/cases.html", rows=rows, names=names, today=day)

    # --- the case page ---

    def case_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        case_id: str,
        *,
        status_code: int = 200,
        errors: Mapping[str, str] | None = None,
        typed: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        user, lang, day = login.user, choose_lang(request), today()
        case = wb.get_case(session, user, cipher, key, case_id)
        row = session.get(Case, case.id)
        history = wb.fact_history(session, user, cipher, key, case.id)
        documents = wb.list_documents(session, user, cipher, key, case.id)
        titles = {d.id: d.title for d in documents}
        facts = [
            _FactRow(
                name=e.name,
                question=FACTS[e.name].question(lang) if e.name in FACTS else e.name,
                value=_value_text(e.name, e.value, lang),
                entered_by=e.entered_by,
                entered_at=e.entered_at,
                source=titles.get(e.source_document_id) if e.source_document_id else None,
            )
            for e in history
            if e.current and e.value is not None
        ]
        can = {action.value: allowed(user, action, row) for action in Action}
        notes = (
            wb.list_notes(session, user, cipher, key, case.id)
            if can[Action.NOTE_READ.value]
            else None
        )
        deadlines = wb.list_deadlines(session, user, cipher, key, case.id)
        determinations = wb.list_determinations(session, user, cipher, key, case.id)
        assignees = (
            wb.assignable_users(session, user, key, case.id)
            if can[Action.CASE_ASSIGN.value]
            else []
        )
        people = {e.entered_by for e in history} | {case.assigned_user_id}
        people |= {t.by_user_id for t in case.transitions} | {n.author_id for n in notes or []}
        return page(
            request,
            login,
            "work/case.html",
            status_code=status_code,
            case=case,
            facts=facts,
            fact_choices=[(f.name, f.question(lang)) for f in FACTS],
            documents=documents,
            document_words=_document_words(lang),
            document_statuses=wb.DOCUMENT_STATUSES,
            deadlines=deadlines,
            notes=notes,
            determinations=determinations,
            next_statuses=wb.TRANSITIONS.get(case.status, ()),
            assignees=assignees,
            can=can,
            names=usernames(session, people),
            today=day,
            errors=dict(errors or {}),
            typed={
                "as_of": day.isoformat(),
                "note": "",
                "document": "",
                "assignee": case.assigned_user_id or "",
                **(typed or {}),
            },
        )

    def refused(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        case_id: str,
        errors: Mapping[str, str],
        *,
        typed: Mapping[str, str] | None = None,
        status_code: int = 400,
    ) -> HTMLResponse:
        """The case page again, with what was wrong beside the form that sent it."""
        return case_page(
            request, session, login, case_id, status_code=status_code, errors=errors, typed=typed
        )

    @pages.get("/cases/{case_id}", response_class=HTMLResponse)
    def show_case(request: Request, case_id: str) -> HTMLResponse:
        with acting(request) as (session, login):
            return case_page(request, session, login, case_id_of(case_id))

    @pages.post("/cases/{case_id}/transition")
    async def change_status(request: Request, case_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            target = fields.get("to_status", "")
            try:
                wb.transition(session, login.user, cipher, key, case_id, target)
            except wb.WorkflowError:
                session.rollback()
                return refused(
                    request,
                    session,
                    login,
                    case_id,
                    {"to_status": _("Choose one of the statuses this case can move to")},
                    status_code=409,
                )
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#status", status_code=303)

    @pages.post("/cases/{case_id}/assign")
    async def reassign(request: Request, case_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            chosen = fields.get("assignee", "")
            try:
                wb.assign(session, login.user, cipher, key, case_id, chosen or None)
            except ValueError:
                session.rollback()
                return refused(
                    request,
                    session,
                    login,
                    case_id,
                    {"assignee": _("Choose a caseworker of the case's organisation")},
                    typed={"assignee": chosen},
                )
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#assignment", status_code=303)

    @pages.post("/cases/{case_id}/notes")
    async def add_note(request: Request, case_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            body = fields.get("note", "")
            error = None
            if not body.strip():
                error = _("Write the note before saving it")
            elif len(body) > _MAX_FIELD:
                error = _("A note can have at most {count} characters").format(count=_MAX_FIELD)
            if error:
                return refused(
                    request, session, login, case_id, {"note": error}, typed={"note": body}
                )
            wb.add_note(session, login.user, cipher, key, case_id, body)
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#notes", status_code=303)

    @pages.post("/cases/{case_id}/documents")
    async def add_document(request: Request, case_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            title = fields.get("document", "").strip()
            if not title or len(title) > 1000:
                return refused(
                    request,
                    session,
                    login,
                    case_id,
                    {"document": _("Enter the document's name (at most 1000 characters)")},
                    typed={"document": fields.get("document", "")},
                )
            wb.add_document(session, login.user, cipher, key, case_id, title)
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#documents", status_code=303)

    @pages.post("/cases/{case_id}/documents/{document_id}")
    async def update_document(request: Request, case_id: str, document_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            status = fields.get("status", "")
            if status not in wb.DOCUMENT_STATUSES:
                return refused(
                    request,
                    session,
                    login,
                    case_id,
                    {"documents": _("Choose one of the document statuses")},
                )
            wb.update_document_status(
                session,
                login.user,
                cipher,
                key,
                case_id,
                _checked_id(document_id, "document"),
                status,
            )
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#documents", status_code=303)

    # --- facts ---

    @pages.get("/cases/{case_id}/fact")
    def choose_fact(request: Request, case_id: str, name: str = "") -> Response:
        case_id = case_id_of(case_id)
        if name not in FACTS:
            raise wb.NotFoundError(f"no fact {name}")
        return RedirectResponse(f"{PREFIX}/cases/{case_id}/facts/{name}", status_code=303)

    def fact_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        case_id: str,
        fact: Fact,
        *,
        status_code: int = 200,
        typed: Mapping[str, str] | None = None,
        source: str = "",
        errors: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        lang = choose_lang(request)
        user = login.user
        current = wb.current_facts(session, user, cipher, key, case_id)
        row = session.get(Case, case_id)
        if not allowed(user, Action.FACT_WRITE, row):
            # The service refuses (and audits) the write; the form is not even offered.
            raise AccessDenied(user, Action.FACT_WRITE)
        saved = current.get(fact.name)
        documents = wb.list_documents(session, user, cipher, key, case_id)
        return page(
            request,
            login,
            "work/fact.html",
            status_code=status_code,
            case_id=case_id,
            fact=fact,
            question=fact.question(lang),
            hint=fact.help(lang),
            options=_options(fact, lang),
            typed=typed if typed is not None else _typed_from_saved(fact, saved, True),
            current=_value_text(fact.name, saved, lang) if fact.name in current else None,
            documents=documents,
            source=source,
            errors=dict(errors or {}),
        )

    def fact_of(name: str) -> Fact:
        fact = FACTS.get(name)
        if fact is None:
            raise wb.NotFoundError(f"no fact {name}")
        return fact

    @pages.get("/cases/{case_id}/facts/{name}", response_class=HTMLResponse)
    def show_fact(request: Request, case_id: str, name: str) -> HTMLResponse:
        with acting(request) as (session, login):
            case_id = case_id_of(case_id)
            wb.get_case(session, login.user, cipher, key, case_id)  # 404 / 403 for the case first
            return fact_page(request, session, login, case_id, fact_of(name))

    @pages.post("/cases/{case_id}/facts/{name}")
    async def set_fact(request: Request, case_id: str, name: str) -> Response:
        lang = choose_lang(request)
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            wb.get_case(session, login.user, cipher, key, case_id)
            fact = fact_of(name)
            source = fields.get("source_document_id", "")
            answer = read_answer(fact, fields, today(), lang)

            def again(errors: Mapping[str, str]) -> HTMLResponse:
                return fact_page(
                    request,
                    session,
                    login,
                    case_id,
                    fact,
                    status_code=400,
                    typed=answer.typed,
                    source=source,
                    errors=errors,
                )

            if not answer.ok:
                return again(answer.errors)
            try:
                wb.set_fact(
                    session,
                    login.user,
                    cipher,
                    key,
                    case_id,
                    fact.name,
                    answer.value,
                    source_document_id=_checked_id(source, "document") if source else None,
                    as_of=today(),
                )
            except CaseError as error:
                session.rollback()
                return again({"answer": _contradiction(error, lang)})
        return RedirectResponse(f"{PREFIX}/cases/{case_id}#facts", status_code=303)

    @pages.get("/cases/{case_id}/facts/{name}/history", response_class=HTMLResponse)
    def show_fact_history(request: Request, case_id: str, name: str) -> HTMLResponse:
        lang = choose_lang(request)
        with acting(request) as (session, login):
            user = login.user
            case_id = case_id_of(case_id)
            wb.get_case(session, user, cipher, key, case_id)
            fact = fact_of(name)
            entries = wb.fact_history(session, user, cipher, key, case_id, fact.name)
            titles = {d.id: d.title for d in wb.list_documents(session, user, cipher, key, case_id)}
            return page(
                request,
                login,
                "work/fact_history.html",
                case_id=case_id,
                question=fact.question(lang),
                fact=fact,
                entries=[
                    {
                        "value": _value_text(fact.name, e.value, lang),
                        "entered_by": e.entered_by,
                        "entered_at": e.entered_at,
                        "source": titles.get(e.source_document_id or ""),
                        "current": e.current,
                    }
                    for e in reversed(entries)
                ],
                names=usernames(session, {e.entered_by for e in entries}),
            )

    # --- determinations ---

    @pages.post("/cases/{case_id}/screen")
    async def screen(request: Request, case_id: str) -> Response:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        async with posted_to_case(request, case_id) as (session, login, fields, case_id):
            typed = fields.get("as_of", "").strip()
            try:
                as_of = dt.date.fromisoformat(typed) if typed else today()
            except ValueError:
                return refused(
                    request,
                    session,
                    login,
                    case_id,
                    {"as_of": _("Enter the date as year-month-day, like 2026-11-22")},
                    typed={"as_of": typed},
                )
            row = wb.screen_case(session, login.user, cipher, key, case_id, as_of, lang)
        return RedirectResponse(
            f"{PREFIX}/cases/{case_id}/determinations/{row.id}", status_code=303
        )

    def determination_of(
        session: Session, user: User, case_id: str, determination_id: str
    ) -> wb.DeterminationView:
        view = wb.get_determination(
            session, user, cipher, key, _checked_id(determination_id, "determination")
        )
        if view.case_id != case_id:
            raise wb.NotFoundError(f"no determination {determination_id} in case {case_id}")
        return view

    def pathway_title(lang: Lang) -> dict[str, str]:
        return {p.id: p.title(lang) for p in PATHWAYS}

    @pages.get("/cases/{case_id}/determinations", response_class=HTMLResponse)
    def determinations(request: Request, case_id: str) -> HTMLResponse:
        with acting(request) as (session, login):
            case_id = case_id_of(case_id)
            views = wb.list_determinations(session, login.user, cipher, key, case_id)
            return page(
                request,
                login,
                "work/determinations.html",
                case_id=case_id,
                determinations=list(reversed(views)),
                titles=pathway_title(choose_lang(request)),
                names=usernames(session, {v.made_by for v in views}),
            )

    @pages.get("/cases/{case_id}/compare")
    def choose_comparison(
        request: Request, case_id: str, before: str = "", after: str = ""
    ) -> Response:
        case_id = case_id_of(case_id)
        before = _checked_id(before, "determination")
        after = _checked_id(after, "determination")
        return RedirectResponse(
            f"{PREFIX}/cases/{case_id}/determinations/{before}/compare/{after}", status_code=303
        )

    @pages.get("/cases/{case_id}/determinations/{determination_id}", response_class=HTMLResponse)
    def determination(request: Request, case_id: str, determination_id: str) -> HTMLResponse:
        lang = choose_lang(request)
        with acting(request) as (session, login):
            case_id = case_id_of(case_id)
            view = determination_of(session, login.user, case_id, determination_id)
            history = wb.list_determinations(session, login.user, cipher, key, case_id)
            ids = [v.id for v in history]
            position = ids.index(view.id)
            return page(
                request,
                login,
                "work/determination.html",
                case_id=case_id,
                determination=view,
                previous=ids[position - 1] if position > 0 else None,
                facts=[
                    (FACTS[n].question(lang) if n in FACTS else n, _value_text(n, v, lang))
                    for n, v in sorted(view.facts.items())
                ],
                names=usernames(session, {view.made_by}),
            )

    @pages.get(
        "/cases/{case_id}/determinations/{determination_id}/compare/{other_id}",
        response_class=HTMLResponse,
    )
    def compare(request: Request, case_id: str, determination_id: str, other_id: str) -> Response:
        lang = choose_lang(request)
        with acting(request) as (session, login):
            case_id = case_id_of(case_id)
            first = determination_of(session, login.user, case_id, determination_id)
            second = determination_of(session, login.user, case_id, other_id)
            comparison = wb.compare_determinations(
                session, login.user, cipher, key, first.id, second.id
            )

            _ = translations(lang).gettext
            touched = (
                set(comparison.facts_changed)
                | set(comparison.facts_added)
                | set(comparison.facts_removed)
            )

            def question(name: str) -> str:
                return FACTS[name].question(lang) if name in FACTS else name

            def reason(why: str) -> str:
                # The service words the other reasons in English, for logs; say them here.
                if why in touched:
                    return question(why)
                if why.startswith("rules version"):
                    return _("The rules version changed")
                if why.startswith("as-of date"):
                    return _("The as-of date changed")
                return why

            return page(
                request,
                login,
                "work/compare.html",
                case_id=case_id,
                first=first,
                second=second,
                comparison=comparison,
                titles=pathway_title(lang),
                question=question,
                reason=reason,
                facts_named=touched,
                value=lambda name, value: _value_text(name, value, lang),
            )

    # --- exports: the API's own, reached with the session ---

    @pages.get("/cases/{case_id}/export.json")
    def export_json(request: Request, case_id: str) -> Response:
        with acting(request) as (session, login):
            exported = case_export(session, login.user, cipher, key, case_id_of(case_id))
        return Response(
            exported.model_dump_json(),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="zairyu-case-{case_id}.json"'},
        )

    @pages.get("/cases/{case_id}/deadlines.ics")
    def export_ics(request: Request, case_id: str) -> Response:
        with acting(request) as (session, login):
            case_id = case_id_of(case_id)
            views = wb.list_deadlines(session, login.user, cipher, key, case_id)
        return Response(
            case_deadlines_ics(case_id, views),
            media_type="text/calendar",
            headers={"Content-Disposition": f'attachment; filename="zairyu-case-{case_id}.ics"'},
        )

    # --- intake: a new person and their case ---

    def intake_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        *,
        status_code: int = 200,
        typed: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        choices = wb.intake_choices(session, login.user, key)
        return page(
            request,
            login,
            "work/intake.html",
            status_code=status_code,
            choices=choices,
            is_admin=login.user.role == Role.ADMIN.value,
            typed={
                "name": "",
                "day": "",
                "month": "",
                "year": "",
                "organisation": choices[0].organisation.id if len(choices) == 1 else "",
                "assignee": "",
                **(typed or {}),
            },
            errors=dict(errors or {}),
        )

    @pages.get("/intake", response_class=HTMLResponse)
    def show_intake(request: Request) -> HTMLResponse:
        with acting(request) as (session, login):
            return intake_page(request, session, login)

    @pages.post("/intake")
    async def take_in(request: Request) -> Response:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        async with posted(request) as (session, login, fields):
            typed = {k: fields.get(k, "") for k in ("name", "day", "month", "year")}
            typed |= {k: fields.get(k, "") for k in ("organisation", "assignee")}
            user = login.user
            choices = {c.organisation.id: c for c in wb.intake_choices(session, user, key)}
            errors: dict[str, str] = {}
            name = " ".join(typed["name"].split())
            if not name:
                errors["name"] = _("Enter the person's name")
            elif len(name) > _MAX_NAME:
                errors["name"] = _("A name can have at most {count} characters").format(
                    count=_MAX_NAME
                )
            born, date_errors = _read_birth_date(typed, today(), lang)
            errors |= date_errors
            if len(choices) == 1 and not typed["organisation"]:
                typed["organisation"] = next(iter(choices))
            choice = choices.get(typed["organisation"])
            assignee: str | None = None
            if choice is None:
                errors["organisation"] = _("Choose the organisation the case belongs to")
            elif user.role == Role.ADMIN.value:
                assignee = typed["assignee"] or None
                if assignee is not None and assignee not in {u.id for u in choice.caseworkers}:
                    errors["assignee"] = _(
                        "Choose a caseworker of the organisation you chose, or no one"
                    )
            else:
                assignee = user.id if user.role == Role.CASEWORKER.value else None
            if errors:
                return intake_page(
                    request, session, login, status_code=400, typed=typed, errors=errors
                )
            assert choice is not None
            case = wb.take_in(
                session,
                user,
                cipher,
                key,
                organisation_id=choice.organisation.id,
                name=name,
                birth_date=born,
                assigned_user_id=assignee,
            )
        return RedirectResponse(f"{PREFIX}/cases/{case.id}", status_code=303)

    # --- administration: organisations and users ---

    @pages.get("/admin", response_class=HTMLResponse)
    def admin_home(request: Request) -> HTMLResponse:
        with acting(request) as (session, login):
            organisations = wb.list_organisations(session, login.user, key)
            users = wb.list_users(session, login.user, key)
            return page(
                request,
                login,
                "work/admin.html",
                organisations=len(organisations),
                users=len(users),
            )

    def organisations_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        *,
        status_code: int = 200,
        typed: str = "",
        error: str | None = None,
        created: bool = False,
    ) -> HTMLResponse:
        _ = translations(choose_lang(request)).gettext
        organisations = wb.list_organisations(session, login.user, key)
        members: dict[str, int] = {}
        for u in wb.list_users(session, login.user, key):
            if u.organisation_id:
                members[u.organisation_id] = members.get(u.organisation_id, 0) + 1
        return page(
            request,
            login,
            "work/organisations.html",
            status_code=status_code,
            organisations=organisations,
            members=members,
            typed={"organisation_name": typed},
            errors={"organisation_name": error} if error else {},
            notice=_("The organisation was added.") if created else None,
        )

    @pages.get("/admin/organisations", response_class=HTMLResponse)
    def show_organisations(request: Request, created: int = 0) -> HTMLResponse:
        with acting(request) as (session, login):
            return organisations_page(request, session, login, created=bool(created))

    @pages.post("/admin/organisations")
    async def add_organisation(request: Request) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted(request) as (session, login, fields):
            typed = fields.get("organisation_name", "")
            name = " ".join(typed.split())
            existing = {o.name.casefold() for o in wb.list_organisations(session, login.user, key)}
            error = None
            if not name:
                error = _("Enter the organisation's name")
            elif len(name) > _MAX_NAME:
                error = _("A name can have at most {count} characters").format(count=_MAX_NAME)
            elif name.casefold() in existing:
                error = _("There is already an organisation with this name")
            if error:
                return organisations_page(
                    request, session, login, status_code=400, typed=typed, error=error
                )
            wb.create_organisation(session, login.user, key, name)
        return RedirectResponse(f"{PREFIX}/admin/organisations?created=1", status_code=303)

    def person_labels(session: Session, user: User) -> dict[str, str]:
        """Each person's name (and date of birth) for an administrator's choices."""
        labels = {}
        for person in wb.list_persons(session, user, cipher, key):
            born = f" ({person.birth_date.isoformat()})" if person.birth_date else ""
            labels[person.id] = person.name + born
        return labels

    @pages.get("/admin/users", response_class=HTMLResponse)
    def show_users(request: Request) -> HTMLResponse:
        with acting(request) as (session, login):
            users = wb.list_users(session, login.user, key)
            organisations = {o.id: o.name for o in wb.list_organisations(session, login.user, key)}
            return page(
                request,
                login,
                "work/users.html",
                users=users,
                organisations=organisations,
                role_words=_role_words(choose_lang(request)),
            )

    def new_user_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        *,
        status_code: int = 200,
        typed: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> HTMLResponse:
        return page(
            request,
            login,
            "work/user_new.html",
            status_code=status_code,
            organisations=wb.list_organisations(session, login.user, key),
            persons=person_labels(session, login.user),
            roles=[r.value for r in Role],
            role_words=_role_words(choose_lang(request)),
            min_password=wb.MIN_PASSWORD_LENGTH,
            typed={"username": "", "role": "", "organisation": "", "person": "", **(typed or {})},
            errors=dict(errors or {}),
        )

    @pages.get("/admin/users/new", response_class=HTMLResponse)
    def show_new_user(request: Request) -> HTMLResponse:
        with acting(request) as (session, login):
            return new_user_page(request, session, login)

    def password_errors(fields: Mapping[str, str], _: Callable[[str], str]) -> dict[str, str]:
        password = fields.get("password", "")
        if len(password) < wb.MIN_PASSWORD_LENGTH:
            return {
                "password": _("Enter a password of at least {count} characters").format(
                    count=wb.MIN_PASSWORD_LENGTH
                )
            }
        if wb.password_problem(password):
            return {
                "password": _("A password can have at most {count} characters").format(
                    count=wb.MAX_PASSWORD_LENGTH
                )
            }
        if fields.get("password_again", "") != password:
            return {"password_again": _("The two passwords are not the same")}
        return {}

    @pages.post("/admin/users/new")
    async def add_user(request: Request) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted(request) as (session, login, fields):
            typed = {
                k: fields.get(k, "").strip() for k in ("username", "role", "organisation", "person")
            }
            actor = login.user
            organisations = {o.id for o in wb.list_organisations(session, actor, key)}
            persons = person_labels(session, actor)
            errors: dict[str, str] = {}
            username = typed["username"]
            if not username:
                errors["username"] = _("Enter a user name")
            elif len(username) > _MAX_USERNAME or any(
                c.isspace() or not c.isprintable() for c in username
            ):
                errors["username"] = _(
                    "A user name has at most {count} characters, without spaces"
                ).format(count=_MAX_USERNAME)
            elif any(u.username == username for u in wb.list_users(session, actor, key)):
                errors["username"] = _("This user name is taken: choose another")
            organisation_id: str | None = typed["organisation"] or None
            person_id: str | None = None
            role = typed["role"]
            if role not in {r.value for r in Role}:
                errors["role"] = _("Choose the user's role")
            elif role == Role.CLIENT.value:
                if typed["person"] not in persons:
                    errors["person"] = _("Choose the person this client is")
                else:
                    person_id = typed["person"]
                    person = session.get(Person, person_id)
                    organisation_id = person.organisation_id if person else None
            elif organisation_id is not None and organisation_id not in organisations:
                errors["organisation"] = _("Choose an organisation from the list")
            elif role in (Role.CASEWORKER.value, Role.REVIEWER.value) and organisation_id is None:
                errors["organisation"] = _("Choose the organisation this user works for")
            errors |= password_errors(fields, _)
            if errors:
                return new_user_page(
                    request, session, login, status_code=400, typed=typed, errors=errors
                )
            created = wb.create_user(
                session,
                actor,
                key,
                username=username,
                password=fields["password"],
                role=Role(role),
                organisation_id=organisation_id,
                person_id=person_id,
            )
        return RedirectResponse(f"{PREFIX}/admin/users/{created.id}?done=created", status_code=303)

    def user_page(
        request: Request,
        session: Session,
        login: web_sessions.Login,
        user_id: str,
        *,
        status_code: int = 200,
        errors: Mapping[str, str] | None = None,
        done: str = "",
    ) -> HTMLResponse:
        _ = translations(choose_lang(request)).gettext
        shown = wb.get_user(session, login.user, key, _checked_id(user_id, "user"))
        organisation = session.get(Organisation, shown.organisation_id or "")
        person = person_labels(session, login.user).get(shown.person_id or "")
        notices = {
            "created": _("The user was created. Their password is not shown again."),
            "password": _(
                "The new password was saved. The user's sessions were ended and their API "
                "tokens revoked."
            ),
            "deactivated": _(
                "The user was deactivated: they can no longer log in, their sessions were "
                "ended and their API tokens revoked."
            ),
            "activated": _("The user was reactivated."),
        }
        return page(
            request,
            login,
            "work/user.html",
            status_code=status_code,
            user=shown,
            organisation=organisation.name if organisation else None,
            person=person,
            role_words=_role_words(choose_lang(request)),
            min_password=wb.MIN_PASSWORD_LENGTH,
            errors=dict(errors or {}),
            notice=notices.get(done),
        )

    @pages.get("/admin/users/{user_id}", response_class=HTMLResponse)
    def show_user(request: Request, user_id: str, done: str = "") -> HTMLResponse:
        with acting(request) as (session, login):
            return user_page(request, session, login, user_id, done=done)

    @pages.post("/admin/users/{user_id}/password")
    async def reset_password(request: Request, user_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted(request) as (session, login, fields):
            user_id = _checked_id(user_id, "user")
            wb.get_user(session, login.user, key, user_id)  # 403 / 404 first
            errors = password_errors(fields, _)
            if errors:
                return user_page(request, session, login, user_id, status_code=400, errors=errors)
            wb.set_password(session, login.user, key, user_id, fields["password"])
        return RedirectResponse(f"{PREFIX}/admin/users/{user_id}?done=password", status_code=303)

    @pages.post("/admin/users/{user_id}/active")
    async def set_active(request: Request, user_id: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        async with posted(request) as (session, login, fields):
            user_id = _checked_id(user_id, "user")
            wb.get_user(session, login.user, key, user_id)
            wanted = fields.get("active", "")
            if wanted not in ("0", "1"):
                return user_page(
                    request,
                    session,
                    login,
                    user_id,
                    status_code=400,
                    errors={"active": _("Choose whether the user is active")},
                )
            try:
                wb.set_user_active(session, login.user, key, user_id, wanted == "1")
            except ValueError:
                session.rollback()
                return user_page(
                    request,
                    session,
                    login,
                    user_id,
                    status_code=400,
                    errors={"active": _("You cannot deactivate yourself")},
                )
        done = "activated" if wanted == "1" else "deactivated"
        return RedirectResponse(f"{PREFIX}/admin/users/{user_id}?done={done}", status_code=303)

    @pages.get("/{unknown:path}", response_class=HTMLResponse)
    def missing(request: Request, unknown: str) -> HTMLResponse:
        # Last, so that it matches only what no page does: a 404 that is not cached either.
        raise wb.NotFoundError("no such page")

    return pages
