"""The web app: the interview, its results, and the JSON API, served by one FastAPI app.

Pages are plain HTML forms (GOV.UK question-page pattern) that work with JavaScript off. Every
asset is served from here: no request leaves for a third party. Interview pages carry the
private token in their address, so they are never cached and never sent as a referrer.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import FormData

from zairyu import __version__
from zairyu.engine.case import CaseError
from zairyu.engine.determine import Reason
from zairyu.engine.facts import Fact, FactType, parse_iso_date
from zairyu.engine.screen import screen
from zairyu.engine.text import LANGS, Lang
from zairyu.i18n import translations
from zairyu.keys import LiveKeyring, load_keyring
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.report import ScreeningOut, display_value, format_date, screening_out
from zairyu.web import api, registry_pages, workbench_api
from zairyu.web.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimit, max_body_bytes
from zairyu.web.crypto import FormSigner, load_or_create_secret, token_id
from zairyu.web.forms import DONT_KNOW, read_answer
from zairyu.web.headers import SecurityHeaders
from zairyu.web.interview import (
    PATHWAY_IDS,
    REFINE_SUFFIX,
    Interview,
    fact_of,
    next_question,
    screening,
    unasked,
)
from zairyu.web.public_url import ENVIRONMENT_VARIABLE as PUBLIC_URL_VARIABLE
from zairyu.web.public_url import parse_public_url
from zairyu.web.store import InterviewExpiredError, InterviewStore
from zairyu.workbench.cipher import KeyringCipher, legacy_field_cipher

JAPAN = ZoneInfo("Asia/Tokyo")
LANG_COOKIE = "zairyu_lang"
STATIC = Path(__file__).parent / "static"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zairyu"


@dataclass(slots=True)
class Settings:
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None  # default: SQLite in data_dir
    retention: dt.timedelta = dt.timedelta(days=30)
    form_max_age_seconds: int = 2 * 60 * 60
    as_of: dt.date | None = None  # None: today in Japan
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    # Written into certificates; None: the pages that would need it refuse (`public_url.py`).
    public_url: str | None = None

    @classmethod
    def from_environment(cls) -> Settings:
        settings = cls()
        if directory := os.environ.get("ZAIRYU_DATA_DIR"):
            settings.data_dir = Path(directory)
        settings.database_url = os.environ.get("ZAIRYU_DATABASE_URL") or None
        if as_of := os.environ.get("ZAIRYU_AS_OF"):
            # How `zairyu serve --as-of` reaches worker processes; checked there first.
            settings.as_of = parse_iso_date(as_of, "ZAIRYU_AS_OF")
        settings.max_body_bytes = max_body_bytes(os.environ.get("ZAIRYU_MAX_BODY_BYTES"))
        settings.public_url = parse_public_url(os.environ.get(PUBLIC_URL_VARIABLE))
        return settings

    def today(self) -> dt.date:
        return self.as_of or dt.datetime.now(JAPAN).date()


def choose_lang(request: Request) -> Lang:
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGS:
        return cookie  # type: ignore[return-value,unused-ignore]
    accepted = request.headers.get("accept-language", "")
    first = accepted.split(",")[0].strip().lower()
    return "ja" if first.startswith("ja") else "en"


def safe_local_path(target: str | None) -> str:
    """Only a path on this site may be a redirect target (no open redirects)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def serving_app(settings: Settings | None = None) -> FastAPI:
    """The app for a long-running server process (`zairyu serve` and its workers).

    The law, the compiled rules and the app live as long as the process: frozen out of the
    garbage collector's reach, they are not scanned again at every full collection, which
    otherwise pauses a request for tens of milliseconds now and then (measured: p99 at 8
    connections 175 ms before, 50 ms after).
    """
    app = create_app(settings)
    # The rules are compiled the first time they are evaluated (`engine.inline`): screening a
    # case with nothing known compiles the rules and walks of every pathway now, so that the
    # first request does not wait for them and they are frozen with the rest.
    screen(PATHWAYS, {}, app.state.settings.today())
    gc.freeze()
    return app


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_environment()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = load_or_create_secret(settings.data_dir / "secret.key")
    url = settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    keyring = load_keyring(settings.data_dir)  # ZAIRYU_KEYS, else <data_dir>/keys
    store = InterviewStore(url, secret, settings.retention, keyring)
    signer = FormSigner(secret, settings.form_max_age_seconds)
    templates = Environment(
        loader=PackageLoader("zairyu.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    app = FastAPI(
        title="zairyu",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.store = store
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router(settings.today))
    # One field cipher for everything the workbench and the registry store.
    field_cipher = KeyringCipher(LiveKeyring(keyring), legacy_field_cipher(secret))
    app.state.field_cipher = field_cipher
    app.include_router(workbench_api.router(store.engine, secret, field_cipher, settings.today))
    app.include_router(
        registry_pages.router(store.engine, secret, field_cipher, settings.today, choose_lang)
    )
    from zairyu.web import workbench_pages  # here: it imports helpers from this module

    app.include_router(
        workbench_pages.router(store.engine, secret, field_cipher, settings.today, signer)
    )
    from zairyu.web import stats_pages

    app.include_router(stats_pages.router(choose_lang))

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, choose_lang=choose_lang)
    app.add_middleware(SecurityHeaders)

    def page(
        request: Request, template: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        html = templates.get_template(template).render(
            _=_,
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            switch_url=f"/language/{'en' if lang == 'ja' else 'ja'}?next={quote(here)}",
            format_date=lambda day: format_date(day, lang),
            version=__version__,
            **context,
        )
        return HTMLResponse(html, status_code=status_code)

    def expired_page(request: Request, carried: Mapping[str, str] | None = None) -> HTMLResponse:
        return page(
            request,
            "expired.html",
            status_code=410,
            retention_days=settings.retention.days,
            carried=dict(carried or {}),
            start_token=signer.sign("start"),
        )

    def load(token: str, action: str) -> Interview:
        return store.load(token, action)

    # --- Language and start ---------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def start(request: Request) -> HTMLResponse:
        return start_page(request)

    @app.get("/language/{lang}")
    def switch_language(lang: str, next: str = "/") -> RedirectResponse:
        response = RedirectResponse(safe_local_path(next), status_code=303)
        if lang in LANGS:
            response.set_cookie(
                LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True
            )
        return response

    def pathway_choices(lang: Lang) -> list[tuple[str, str, str]]:
        return [(p.id, p.title(lang), _first_sentence(p.summary(lang))) for p in PATHWAYS]

    def start_page(request: Request, *, status_code: int = 200, **context: Any) -> HTMLResponse:
        return page(
            request,
            "start.html",
            status_code=status_code,
            start_token=signer.sign("start"),
            retention_days=settings.retention.days,
            choices=pathway_choices(choose_lang(request)),
            chosen=context.pop("chosen", list(PATHWAY_IDS)),
            **context,
        )

    @app.post("/start")
    async def begin(request: Request) -> Response:
        _ = translations(choose_lang(request)).gettext
        form = await request.form()
        if signer.check("start", str(form.get("form_token", ""))) == "invalid":
            return start_page(request, status_code=400, form_error=True)
        chosen = [str(p) for p in form.getlist("pathway") if p in PATHWAY_IDS]
        if form.get("choosing") and not chosen:
            return start_page(
                request,
                status_code=400,
                chosen=[],
                errors={"pathway": _("Select at least one thing to check")},
            )
        token = store.create()
        interview = Interview(pathways=chosen or list(PATHWAY_IDS))
        carried_key = str(form.get("carry_question", ""))
        if fact_of(carried_key) in FACTS:
            # An answer sent to an expired interview: keep it in the new one.
            fact = FACTS[fact_of(carried_key)]
            answer = read_answer(fact, _fields(form), settings.today(), choose_lang(request))
            if answer.ok:
                interview.record(carried_key, answer.value)
                try:
                    interview.case(settings.today())
                except CaseError:
                    interview = Interview(pathways=interview.pathways)
        store.save(token, interview)
        return RedirectResponse(f"/i/{token}/next", status_code=303)

    @app.get("/i/{token}/pathways", response_class=HTMLResponse)
    def choose_pathways(request: Request, token: str) -> HTMLResponse:
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        return page(
            request,
            "pathways.html",
            token=token,
            choices=pathway_choices(choose_lang(request)),
            chosen=interview.pathways,
            form_token=signer.sign(f"{token_id(token)}|pathways"),
            back_url=f"/i/{token}/check",
        )

    @app.post("/i/{token}/pathways", response_class=HTMLResponse)
    async def save_pathways(request: Request, token: str) -> Response:
        _ = translations(choose_lang(request)).gettext
        form = await request.form()
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        chosen = [str(p) for p in form.getlist("pathway") if p in PATHWAY_IDS]
        verdict = signer.check(f"{token_id(token)}|pathways", str(form.get("form_token", "")))
        problem: dict[str, str] = {}
        notice = None
        if verdict != "ok":
            notice = _(
                "This form was changed or is out of date, so nothing was saved. Check your"
                " choice and press “Continue” again."
            )
        elif not chosen:
            problem = {"pathway": _("Select at least one thing to check")}
        if notice or problem:
            return page(
                request,
                "pathways.html",
                status_code=409 if notice else 400,
                token=token,
                choices=pathway_choices(choose_lang(request)),
                chosen=chosen,
                errors=problem,
                notice=notice,
                form_token=signer.sign(f"{token_id(token)}|pathways"),
                back_url=f"/i/{token}/check",
            )
        interview.pathways = chosen
        store.save(token, interview)
        return RedirectResponse(f"/i/{token}/next", status_code=303)

    # --- The interview ----------------------------------------------------------------------

    @app.get("/i/{token}/next")
    def go_next(request: Request, token: str) -> Response:
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        question = next_question(interview, settings.today())
        if question is None:
            return RedirectResponse(f"/i/{token}/check", status_code=303)
        refine = "?refine=1" if question.reason is Reason.REFINE else ""
        return RedirectResponse(f"/i/{token}/q/{question.fact.name}{refine}", status_code=303)

    def question_page(
        request: Request,
        token: str,
        interview: Interview,
        fact: Fact,
        *,
        refine: bool,
        change: bool,
        typed: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        notice: str | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        lang = choose_lang(request)
        key = fact.name + (REFINE_SUFFIX if refine else "")
        saved = interview.answers.get(fact.name)
        if typed is None:
            typed = _typed_from_saved(fact, saved, key in interview.asked)
        previous = interview.previous(key)
        back = f"/i/{token}/check" if change else _question_url(token, previous)
        return page(
            request,
            "question.html",
            status_code=status_code,
            token=token,
            fact=fact,
            key=key,
            question=fact.question(lang),
            hint=fact.help(lang),
            refine=refine,
            change=change,
            typed=typed,
            errors=dict(errors or {}),
            notice=notice,
            back_url=back,
            options=_options(fact, lang),
            form_token=signer.sign(f"{token_id(token)}|{key}"),
            number=len(interview.asked) + (0 if key in interview.asked else 1),
        )

    @app.get("/i/{token}/q/{name}", response_class=HTMLResponse)
    def ask(
        request: Request, token: str, name: str, refine: int = 0, change: int = 0
    ) -> HTMLResponse:
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        fact = FACTS.get(name)
        if fact is None:
            return not_found(request)
        return question_page(
            request, token, interview, fact, refine=bool(refine), change=bool(change)
        )

    @app.post("/i/{token}/q/{name}", response_class=HTMLResponse)
    async def answer(request: Request, token: str, name: str) -> Response:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        form = await request.form()
        fields = _fields(form)
        refine = fields.get("refine") == "1"
        change = fields.get("change") == "1"
        fact = FACTS.get(name)
        key = name + (REFINE_SUFFIX if refine else "")
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request, {**fields, "carry_question": key} if fact else None)
        if fact is None:
            return not_found(request)
        today = settings.today()
        answer = read_answer(fact, fields, today, lang)

        def again(errors: Mapping[str, str], notice: str | None = None) -> HTMLResponse:
            return question_page(
                request,
                token,
                interview,
                fact,
                refine=refine,
                change=change,
                typed=answer.typed,
                errors=errors,
                notice=notice,
                status_code=400 if errors else 409,
            )

        verdict = signer.check(f"{token_id(token)}|{key}", fields.get("form_token", ""))
        if verdict == "expired":
            return again(
                {},
                _(
                    "This page was open for more than {hours} hours, so your answer was not"
                    " saved yet. Check it and press “Continue” again."
                ).format(hours=settings.form_max_age_seconds // 3600),
            )
        if verdict == "invalid":
            return again(
                {},
                _(
                    "This form was changed or does not belong to this question, so your answer"
                    " was not saved. Check it and press “Continue” again."
                ),
            )
        if not answer.ok:
            return again(answer.errors)
        updated = Interview(
            answers=dict(interview.answers),
            asked=list(interview.asked),
            pathways=list(interview.pathways),
        )
        updated.record(key, answer.value)
        try:
            updated.case(today)
        except CaseError as error:
            return again({"answer": _contradiction(error, lang)})
        try:
            store.save(token, updated)
        except InterviewExpiredError:
            return expired_page(request, {**fields, "carry_question": key})
        if change and next_question(updated, today) is None:
            return RedirectResponse(f"/i/{token}/check", status_code=303)
        return RedirectResponse(f"/i/{token}/next", status_code=303)

    @app.get("/i/{token}/check", response_class=HTMLResponse)
    def check(request: Request, token: str) -> HTMLResponse:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        rows = []
        for key in interview.asked:
            fact = FACTS[fact_of(key)]
            value = interview.answers.get(fact.name)
            rows.append(
                {
                    "question": fact.question(lang),
                    "answer": answer_text(fact, value, lang),
                    "change_url": f"/i/{token}/q/{fact.name}?change=1"
                    + ("&refine=1" if key != fact.name else ""),
                }
            )
        remaining = next_question(interview, settings.today())
        return page(
            request,
            "check.html",
            token=token,
            rows=rows,
            remaining=remaining is not None,
            # The configured address when there is one: behind a proxy the request's is not it.
            link=f"{settings.public_url}/i/{token}"
            if settings.public_url
            else str(request.url_for("resume", token=token)),
            back_url=_question_url(token, interview.asked[-1] if interview.asked else None),
        )

    @app.get("/i/{token}", name="resume")
    def resume(request: Request, token: str) -> Response:
        try:
            interview = load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        if next_question(interview, settings.today()) is None:
            return RedirectResponse(f"/i/{token}/results", status_code=303)
        return RedirectResponse(f"/i/{token}/next", status_code=303)

    def result_of(request: Request, token: str, action: str) -> ScreeningOut | HTMLResponse:
        try:
            interview = load(token, action)
        except InterviewExpiredError:
            return expired_page(request)
        today = settings.today()
        return screening_out(screening(interview, today, with_what_ifs=True), choose_lang(request))

    @app.get("/i/{token}/results", response_class=HTMLResponse)
    def results(request: Request, token: str) -> HTMLResponse:
        try:
            interview = load(token, "results")
        except InterviewExpiredError:
            return expired_page(request)
        today = settings.today()
        result = screening_out(
            screening(interview, today, with_what_ifs=True), choose_lang(request)
        )
        _ = translations(choose_lang(request)).gettext
        return page(
            request,
            "results.html",
            token=token,
            result=result,
            questions_left=unasked(interview, settings.today()),
            outcome_words={
                "eligible": _("you appear to qualify"),
                "discretionary": _("possible, decided case by case"),
                "not_eligible": _("not on these answers"),
                "undetermined": _("not yet known"),
            },
            source_kinds={
                "secondary": _("secondary source"),
                "unconfirmed": _("not confirmed"),
            },
            back_url=f"/i/{token}/check",
        )

    @app.get("/i/{token}/results.pdf")
    def results_pdf(request: Request, token: str) -> Response:
        from zairyu.export.pdf import screening_pdf

        result = result_of(request, token, "pdf")
        if isinstance(result, HTMLResponse):
            return result
        return Response(
            screening_pdf(result),
            media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="zairyu-results.pdf"'},
        )

    @app.get("/i/{token}/deadlines.ics")
    def deadlines_ics(request: Request, token: str) -> Response:
        from zairyu.export.calendar import deadlines_ics as calendar

        result = result_of(request, token, "calendar")
        if isinstance(result, HTMLResponse):
            return result
        return Response(
            calendar(result),
            media_type="text/calendar",
            headers={"Content-Disposition": 'attachment; filename="zairyu-deadlines.ics"'},
        )

    @app.get("/i/{token}/delete", response_class=HTMLResponse)
    def confirm_delete(request: Request, token: str) -> HTMLResponse:
        try:
            load(token, "read")
        except InterviewExpiredError:
            return expired_page(request)
        return page(
            request,
            "delete.html",
            token=token,
            form_token=signer.sign(f"{token_id(token)}|delete"),
            back_url=f"/i/{token}/check",
        )

    @app.post("/i/{token}/delete", response_class=HTMLResponse)
    async def delete(request: Request, token: str) -> Response:
        form = await request.form()
        verdict = signer.check(f"{token_id(token)}|delete", str(form.get("form_token", "")))
        if verdict != "ok":
            return page(
                request,
                "delete.html",
                status_code=409,
                token=token,
                form_token=signer.sign(f"{token_id(token)}|delete"),
                back_url=f"/i/{token}/check",
                form_error=verdict,
            )
        store.delete(token)
        return RedirectResponse("/deleted", status_code=303)

    @app.get("/deleted", response_class=HTMLResponse)
    def deleted(request: Request) -> HTMLResponse:
        return page(request, "deleted.html")

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    def not_found(request: Request) -> HTMLResponse:
        return page(request, "not_found.html", status_code=404)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's documented shape, without echoing the input: its own handler fails on a
        # body that is not UTF-8, and an echo could copy personal data into logs downstream.
        detail = [
            {
                "loc": list(error.get("loc", ())),
                "msg": error.get("msg", ""),
                "type": error.get("type", ""),
            }
            for error in exc.errors()
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(404)
    async def missing(request: Request, _exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return not_found(request)

    return app


# --- Helpers for the question page ------------------------------------------------------------


def answer_text(fact: Fact, saved: object, lang: Lang) -> str:
    """An answer as the person chose it: the option's own label, dates in the page's format."""
    _ = translations(lang).gettext
    value = fact.parse(saved)
    if value is None:
        return _("I don't know")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return display_value(fact.name, value, lang)


def _first_sentence(text: str) -> str:
    for end in ("。", ". "):
        if end in text:
            return text[: text.index(end) + len(end)].strip()
    return text


def _fields(form: FormData) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _question_url(token: str, key: str | None) -> str:
    if key is None:
        return "/"
    name = fact_of(key)
    return f"/i/{token}/q/{name}" + ("?refine=1" if key != name else "")


def _typed_from_saved(fact: Fact, saved: object, asked: bool) -> dict[str, str]:
    typed = {"answer": "", "day": "", "month": "", "year": ""}
    if saved is None:
        typed["answer"] = DONT_KNOW if asked else ""
        return typed
    if fact.type is FactType.BOOL:
        typed["answer"] = "yes" if saved else "no"
    elif fact.type is FactType.DATE and isinstance(saved, str):
        year, month, day = saved.split("-")
        typed.update(year=year, month=str(int(month)), day=str(int(day)))
    else:
        typed["answer"] = str(saved)
    return typed


def _options(fact: Fact, lang: Lang) -> list[tuple[str, str]]:
    _ = translations(lang).gettext
    if fact.type is FactType.BOOL:
        return [("yes", _("Yes")), ("no", _("No"))]
    if fact.type is FactType.ENUM:
        return [(c.value, c.label(lang)) for c in fact.choices]
    if fact.codes is not None:
        options = [(code, f"{name(lang)} ({code})") for code, name in fact.codes.names.items()]
        return sorted(options, key=lambda option: option[1])
    return []


def _contradiction(error: CaseError, lang: Lang) -> str:
    _ = translations(lang).gettext
    by_id = {c.id: c for c in CONSTRAINTS}
    texts = [by_id[p.fact].text(lang) for p in error.problems if p.fact in by_id]
    if texts:
        return _("This answer contradicts an earlier answer: {reason}").format(
            reason="; ".join(texts)
        )
    return _("This answer contradicts an earlier answer. Check your answers")
