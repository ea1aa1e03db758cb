"""The registry on the web: the public verification page and API, the published key set, and
the couple's online application form (ja/en, plain HTML forms that work without JavaScript).

Verification discloses only the issuer, issue date and status (see `registry.verify`). The
application form stores the couple's names, birth dates and answers encrypted, and tells them
the application's reference to give the officer when they come to make the oath. The officer's
steps (review, oath, issue, return, revoke, transfer, key rotation) are `zairyu registry ...`
commands, and pages under ``/work/registry`` for the workbench's officers
(`registry_officer_pages`).

Cost and abuse. A verification of a genuine payload runs scrypt (about 50-100 ms of CPU and
16 MiB), and a search of names against one payload would need many of them, so the public
verification (page and API) and the application form are rate-limited with token buckets
(`RateLimiter`): one per client address (an IPv6 address counts by its /64) and one for all
clients together, so that many addresses cannot take all the CPU either. A refused request gets
429 with ``Retry-After`` and costs nothing. The buckets live in the process: with
``zairyu serve --workers N`` each worker keeps its own, so the limits are N times higher, and
behind a reverse proxy every client has the proxy's address unless the server is told to trust
its ``X-Forwarded-For`` (uvicorn's ``--proxy-headers`` with ``--forwarded-allow-ips``); a proxy
should then also limit by itself. Every field has a bound (payload, names, the issuer's code),
and each refusal says which field and why, keeping what was typed.

Pages where names are typed or shown, and verification answers, are never cached
(``Cache-Control: no-store``) or indexed, and, like every page of the app, send no referrer.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from zairyu import __version__
from zairyu.audit import audit_key
from zairyu.data.partnership_systems import by_code
from zairyu.engine.case import CaseError
from zairyu.engine.facts import Fact
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.law import partnership_certificate as law
from zairyu.law.facts import LIVING_TOGETHER, SAME_SEX
from zairyu.law.pathways import FACTS
from zairyu.registry import service, status_list
from zairyu.registry.keys import published
from zairyu.registry.models import RegistryIssuer
from zairyu.registry.payload import MAX_ISSUER_LENGTH, Holder, HolderError, has_control_character
from zairyu.registry.verify import ALLOWED_KEYS, Verdict, describe, verify
from zairyu.report import format_date
from zairyu.web import registry_officer_pages
from zairyu.workbench.cipher import FieldCipher

# The yes/no questions of the application form, in the order asked.
YES_NO_FACTS: tuple[Fact, ...] = (
    LIVING_TOGETHER,
    SAME_SEX,
    FACTS["partnership.sexual_minority"],
    FACTS["partnership.applicant_married"],
    FACTS["partnership.partner_married"],
    FACTS["partnership.other_partnership"],
    FACTS["partnership.close_relatives"],
)
CONNECTION_FACTS: tuple[Fact, ...] = (law.APPLICANT_CONNECTION, law.PARTNER_CONNECTION)


# Longer input is no certificate's. A payload is under 200 characters; a scanned address and
# spaces typed between groups make it longer, never this long.
MAX_NAME, MAX_PAYLOAD = 200, 2000
# Refused requests say so: never cached, never indexed.
_PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@dataclass(frozen=True, slots=True)
class Rate:
    """A token bucket: `burst` requests at once, refilled at `per_second`."""

    burst: float
    per_second: float


# A hospital's desk checks a few certificates a minute; scrypt's ~0.1 s at 10/s overall keeps
# half of the two cores this runs on for everything else.
VERIFY_PER_CLIENT = Rate(burst=10, per_second=10 / 60)
VERIFY_OVERALL = Rate(burst=60, per_second=10)
# A couple applies once; a few tries for mistakes.
APPLY_PER_CLIENT = Rate(burst=5, per_second=5 / 3600)
APPLY_OVERALL = Rate(burst=100, per_second=1)


class RateLimiter:
    """Token buckets in this process: one per client (at most `max_clients`, the least recently
    seen forgotten first) and one for all clients together. Thread-safe (FastAPI runs plain
    functions in a thread pool)."""

    def __init__(
        self,
        per_client: Rate,
        overall: Rate,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall = per_client, overall
        self.max_clients = max_clients
        self._clock = clock
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._everyone = (overall.burst, clock())

    @staticmethod
    def _level(rate: Rate, state: tuple[float, float], now: float) -> float:
        tokens, then = state
        return min(rate.burst, tokens + max(0.0, now - then) * rate.per_second)

    def take(self, client: str) -> float:
        """0 when `client` may go on (a token is taken from both buckets); else the seconds to
        wait before it may (nothing is taken)."""
        with self._lock:
            now = self._clock()
            mine = self._level(self.per_client, self._clients.get(client, (math.inf, now)), now)
            everyone = self._level(self.overall, self._everyone, now)
            wait = max(
                (1 - mine) / self.per_client.per_second if mine < 1 else 0.0,
                (1 - everyone) / self.overall.per_second if everyone < 1 else 0.0,
            )
            if wait == 0.0:
                mine, everyone = mine - 1, everyone - 1
            self._clients[client] = (mine, now)
            self._clients.move_to_end(client)
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)
            self._everyone = (everyone, now)
            return wait


def client_of(request: Request) -> str:
    """The client's address as the rate limits count it: an IPv6 address by its /64, which
    one household or host usually holds whole."""
    host = request.client.host if request.client is not None else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _retry_after(wait: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(wait))), **_PRIVATE}


class HolderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(
        min_length=1, max_length=MAX_NAME, description="as printed on the certificate"
    )
    birth_date: dt.date


class VerifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    payload: str = Field(min_length=1, max_length=MAX_PAYLOAD, description="the QR code's text")
    holders: list[HolderIn] = Field(min_length=2, max_length=2)


class IssuerOut(BaseModel):
    code: str
    name: dict[str, str]


class VerifyOut(BaseModel):
    verdict: str = Field(
        description="valid, revoked, returned, transferred, unknown_issuer, does_not_match,"
        " unknown_certificate or unreadable"
    )
    issuer: IssuerOut | None
    issue_date: dt.date | None
    status: str | None
    status_date: dt.date | None
    status_checked: bool
    problem: str | None = Field(description="for an unreadable payload: what is wrong with it")


assert set(VerifyOut.model_fields) == ALLOWED_KEYS


def router(
    engine: Engine,
    secret: bytes,
    cipher: FieldCipher,
    today: Callable[[], dt.date],
    choose_lang: Callable[[Request], Lang],
    *,
    verify_limit: RateLimiter | None = None,
    apply_limit: RateLimiter | None = None,
) -> APIRouter:
    """The public registry pages and API; `verify_limit` and `apply_limit` default to the rates
    above, made for this router alone."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    verify_limit = verify_limit or RateLimiter(VERIFY_PER_CLIENT, VERIFY_OVERALL)
    apply_limit = apply_limit or RateLimiter(APPLY_PER_CLIENT, APPLY_OVERALL)
    key = audit_key(secret)
    templates = Environment(
        loader=PackageLoader("zairyu.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    routes = APIRouter()

    def page(
        request: Request,
        template: str,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        lang = choose_lang(request)
        other = "en" if lang == "ja" else "ja"
        # Back to this page after switching language; an address too long for a payload is
        # not repeated in the link.
        path = request.url.path if len(request.url.path) <= MAX_PAYLOAD else "/verify"
        html = templates.get_template(f"registry/{template}").render(
            _=translations(lang).gettext,
            lang=lang,
            other_lang=other,
            switch_url=f"/language/{other}?next={quote(path)}",
            format_date=lambda day: format_date(day, lang),
            version=__version__,
            **context,
        )
        return HTMLResponse(html, status_code=status_code, headers=headers or _PRIVATE)

    def check(payload: str, holders: list[Holder]) -> Verdict:
        with sessions() as session:
            return verify(
                payload,
                holders,
                published(session),
                lambda issuer, number: service.status_of(session, issuer, number),
                lambda issuer, number: service.signed_of(session, issuer, number),
            )

    # --- verification ---------------------------------------------------------------------

    @routes.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def verify_form(request: Request) -> HTMLResponse:
        return page(request, "verify.html", typed={}, errors={})

    @routes.get("/V/{payload}", response_class=HTMLResponse, include_in_schema=False)
    @routes.get("/v/{payload}", response_class=HTMLResponse, include_in_schema=False)
    def verify_scanned(request: Request, payload: str) -> HTMLResponse:
        """Where a phone's camera lands from the QR code: the form with the payload in it."""
        if len(payload) > MAX_PAYLOAD:
            _ = translations(choose_lang(request)).gettext
            message = _("The code is too long: a certificate's code has at most {n} characters")
            errors = {"payload": message.format(n=MAX_PAYLOAD)}
            return page(request, "verify.html", 400, typed={}, errors=errors)
        return page(request, "verify.html", typed={"payload": payload}, errors={})

    @routes.post("/verify", response_class=HTMLResponse, include_in_schema=False)
    async def verify_page(request: Request) -> HTMLResponse:
        _ = translations(choose_lang(request)).gettext
        form = await request.form()
        typed = {k: str(form.get(k, "")).strip() for k in _VERIFY_FIELDS}
        errors: dict[str, str] = {}
        wait = verify_limit.take(client_of(request))
        if wait:
            message = _("Too many verifications from your address. Try again in {n} seconds.")
            errors["payload"] = message.format(n=math.ceil(wait))
            return page(request, "verify.html", 429, _retry_after(wait), typed=typed, errors=errors)
        if not typed["payload"]:
            errors["payload"] = _("Enter the text of the certificate's code")
        elif len(typed["payload"]) > MAX_PAYLOAD:
            message = _("The code is too long: a certificate's code has at most {n} characters")
            errors["payload"] = message.format(n=MAX_PAYLOAD)
        holders: list[Holder] = []
        for n in ("1", "2"):
            name = typed[f"name{n}"]
            if not name:
                errors[f"name{n}"] = _("Enter the name of partner {n} as printed").format(n=n)
            elif len(name) > MAX_NAME:
                errors[f"name{n}"] = _(
                    "The name of partner {n} is too long: at most {max} characters"
                ).format(n=n, max=MAX_NAME)
            birth = _iso_date(typed[f"birth{n}"])
            if birth is None:
                errors[f"birth{n}"] = _(
                    "Enter the birth date of partner {n} as a date, for example 1990-03-27"
                ).format(n=n)
            elif name:
                holders.append(Holder(name, birth))
        if errors:
            return page(request, "verify.html", 400, typed=typed, errors=errors)
        try:
            # In the thread pool: scrypt would otherwise hold the event loop for its ~0.1 s.
            result = await run_in_threadpool(check, typed["payload"], holders)
        except HolderError:
            errors["name1"] = _("Enter the names as printed on the certificate")
            return page(request, "verify.html", 400, typed=typed, errors=errors)
        return page(
            request,
            "verified.html",
            result=result,
            message=describe(result, choose_lang(request)),
        )

    @routes.post(
        "/api/v1/registry/verify",
        response_model=VerifyOut,
        tags=["registry"],
        summary="Verify a partnership certificate",
        responses={
            422: {"description": "the request is not two holders and a payload"},
            429: {"description": "too many verifications from this address: see Retry-After"},
        },
    )
    def verify_api(body: VerifyIn, request: Request) -> JSONResponse:
        """The verdict on a certificate's payload for the two holders as printed on it: only
        the issuer, issue date and status are disclosed, never anything about the holders.
        Rate-limited per client address (429 with Retry-After)."""
        wait = verify_limit.take(client_of(request))
        if wait:
            detail = f"too many verifications from this address: try again in {math.ceil(wait)} s"
            return JSONResponse({"detail": detail}, 429, headers=_retry_after(wait))
        holders = [Holder(h.name, h.birth_date) for h in body.holders]
        try:
            result = check(body.payload, holders)
        except HolderError as error:
            raise HTTPException(status_code=422, detail=str(error), headers=_PRIVATE) from None
        return JSONResponse(result.to_json(), headers=_PRIVATE)

    # --- the published keys ---------------------------------------------------------------

    @routes.get("/registry/keys.json", tags=["registry"], summary="Every issuer's public keys")
    def keys_json() -> JSONResponse:
        with sessions() as session:
            return JSONResponse(published(session).to_json(), headers=_PUBLIC_CACHE)

    @routes.get(
        "/registry/{issuer}/keys.json", tags=["registry"], summary="One issuer's public keys"
    )
    def issuer_keys_json(issuer: str) -> JSONResponse:
        with sessions() as session:
            keys = published(session).only(issuer)
        if not keys.issuers:
            raise HTTPException(status_code=404, detail=f"no issuer {issuer} in this registry")
        return JSONResponse(keys.to_json(), headers=_PUBLIC_CACHE)

    @routes.get(
        "/registry/status.json",
        tags=["registry"],
        summary="Certificates no longer in force (for offline checks)",
    )
    def status_json() -> JSONResponse:
        with sessions() as session:
            document = status_list.published(session, today()).to_json()
        return JSONResponse(document, headers=_STATUS_CACHE)

    # --- the couple's application ---------------------------------------------------------

    def issuers(session: Session, lang: Lang) -> list[tuple[str, str]]:
        codes = session.scalars(select(RegistryIssuer.code).order_by(RegistryIssuer.code))
        systems = by_code()
        return [(code, systems[code].name(lang)) for code in codes]

    def apply_page(
        request: Request,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        lang = choose_lang(request)
        with sessions() as session:
            choices = issuers(session, lang)
        return page(
            request,
            "apply.html",
            status_code,
            headers,
            issuers=choices,
            connections=[
                (f.name, f.question(lang), [(c.value, c.label(lang)) for c in f.choices])
                for f in CONNECTION_FACTS
            ],
            yes_no=[(f.name, f.question(lang)) for f in YES_NO_FACTS],
            typed=context.pop("typed", {}),
            errors=context.pop("errors", {}),
            **context,
        )

    @routes.get("/registry/apply", response_class=HTMLResponse, include_in_schema=False)
    def apply_form(request: Request) -> HTMLResponse:
        return apply_page(request)

    @routes.post("/registry/apply", response_class=HTMLResponse, include_in_schema=False)
    async def apply_submit(request: Request) -> HTMLResponse:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        form = await request.form()
        typed = {k: str(v).strip() for k, v in form.items() if k in _APPLY_FIELDS}
        wait = apply_limit.take(client_of(request))
        if wait:
            message = _("Too many applications from your address. Try again in {n} minutes.")
            errors = {"issuer": message.format(n=math.ceil(wait / 60))}
            return apply_page(request, 429, _retry_after(wait), typed=typed, errors=errors)
        errors, holders, facts = _read_application(typed, _, today())
        issuer = typed.get("issuer", "")
        if not issuer or len(issuer) > MAX_ISSUER_LENGTH:
            errors = {"issuer": _("Choose the municipality you apply to"), **errors}
        if errors:
            return apply_page(request, 400, typed=typed, errors=errors)
        with sessions() as session:
            try:
                found = service.apply(
                    session,
                    cipher,
                    key,
                    issuer=issuer,
                    holders=(holders[0], holders[1]),
                    facts=facts,
                    applied_on=today(),
                    lang=lang,
                )
            except service.RegistryNotFoundError:
                session.rollback()
                errors = {"issuer": _("Choose the municipality you apply to")}
                return apply_page(request, 400, typed=typed, errors=errors)
            except (service.RegistryError, CaseError):
                session.rollback()
                errors = {"issuer": _("The application could not be accepted: check every answer")}
                return apply_page(request, 400, typed=typed, errors=errors)
            session.commit()
        return page(request, "applied.html", reference=found.id)

    # The officer's pages, behind the workbench's login.
    routes.include_router(
        registry_officer_pages.router(engine, secret, cipher, today, choose_lang, templates)
    )
    return routes


_VERIFY_FIELDS = ("payload", "name1", "birth1", "name2", "birth2")
_APPLY_FIELDS = frozenset(
    {"issuer", "name1", "birth1", "name2", "birth2"}
    | {f.name for f in (*CONNECTION_FACTS, *YES_NO_FACTS)}
)
# The key set is public and changes only on rotation: caches may keep it for an hour.
_PUBLIC_CACHE = {"Cache-Control": "public, max-age=3600"}
# A return or revocation must reach verifiers soon: five minutes at most.
_STATUS_CACHE = {"Cache-Control": "public, max-age=300"}


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _read_application(
    typed: Mapping[str, str], _: Callable[[str], str], today: dt.date
) -> tuple[dict[str, str], list[Holder], dict[str, object]]:
    errors: dict[str, str] = {}
    holders: list[Holder] = []
    for n in ("1", "2"):
        name = typed.get(f"name{n}", "")
        birth = _iso_date(typed.get(f"birth{n}", ""))
        if not name or has_control_character(name):
            errors[f"name{n}"] = _("Enter the name of partner {n}").format(n=n)
        elif len(name) > MAX_NAME:
            errors[f"name{n}"] = _(
                "The name of partner {n} is too long: at most {max} characters"
            ).format(n=n, max=MAX_NAME)
        if birth is None:
            errors[f"birth{n}"] = _(
                "Enter the birth date of partner {n} as a date, for example 1990-03-27"
            ).format(n=n)
        elif birth > today:
            errors[f"birth{n}"] = _("The birth date of partner {n} is after today").format(n=n)
        if f"name{n}" not in errors and f"birth{n}" not in errors and birth is not None:
            holders.append(Holder(name, birth))
    facts: dict[str, object] = {}
    for fact in CONNECTION_FACTS:
        value = typed.get(fact.name, "")
        if value not in {c.value for c in fact.choices}:
            errors[fact.name] = _("Choose one answer")
        else:
            facts[fact.name] = value
    for fact in YES_NO_FACTS:
        value = typed.get(fact.name, "")
        if value not in ("yes", "no"):
            errors[fact.name] = _("Choose yes or no")
        else:
            facts[fact.name] = value == "yes"
    return errors, holders, facts
