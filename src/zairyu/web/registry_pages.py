"""The registry on the web: the public verification page and API, the published key set, and
the couple's online application form (ja/en, plain HTML forms that work without JavaScript).

Verification discloses only the issuer, issue date and status (see `registry.verify`). The
application form stores the couple's names, birth dates and answers encrypted, and tells them
the application's reference to give the officer when they come to make the oath. The officer's
steps (review, oath, issue, return, revoke, transfer, key rotation) are `zairyu registry ...`
commands, and pages under ``/work/registry`` for the workbench's officers
(`registry_officer_pages`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

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
from zairyu.registry.payload import Holder, HolderError
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


# Longer input is no certificate's, and would only make the holder hash slow.
MAX_NAME, MAX_PAYLOAD = 200, 2000


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
) -> APIRouter:
    sessions = sessionmaker(engine, expire_on_commit=False)
    key = audit_key(secret)
    templates = Environment(
        loader=PackageLoader("zairyu.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    routes = APIRouter()

    def page(
        request: Request, template: str, status_code: int = 200, **context: Any
    ) -> HTMLResponse:
        lang = choose_lang(request)
        other = "en" if lang == "ja" else "ja"
        html = templates.get_template(f"registry/{template}").render(
            _=translations(lang).gettext,
            lang=lang,
            other_lang=other,
            switch_url=f"/language/{other}?next={quote(request.url.path)}",
            format_date=lambda day: format_date(day, lang),
            version=__version__,
            **context,
        )
        return HTMLResponse(html, status_code=status_code)

    def check(session: Session, payload: str, holders: list[Holder]) -> Verdict:
        return verify(
            payload,
            holders,
            published(session),
            lambda issuer, number: service.status_of(session, issuer, number),
        )

    # --- verification ---------------------------------------------------------------------

    @routes.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def verify_form(request: Request) -> HTMLResponse:
        return page(request, "verify.html", typed={}, errors={})

    @routes.get("/V/{payload}", response_class=HTMLResponse, include_in_schema=False)
    @routes.get("/v/{payload}", response_class=HTMLResponse, include_in_schema=False)
    def verify_scanned(request: Request, payload: str) -> HTMLResponse:
        """Where a phone's camera lands from the QR code: the form with the payload in it."""
        return page(request, "verify.html", typed={"payload": payload}, errors={})

    @routes.post("/verify", response_class=HTMLResponse, include_in_schema=False)
    async def verify_page(request: Request) -> HTMLResponse:
        _ = translations(choose_lang(request)).gettext
        form = await request.form()
        typed = {k: str(form.get(k, "")).strip() for k in _VERIFY_FIELDS}
        errors: dict[str, str] = {}
        if not typed["payload"] or len(typed["payload"]) > MAX_PAYLOAD:
            errors["payload"] = _("Enter the text of the certificate's code")
        holders: list[Holder] = []
        for n in ("1", "2"):
            if not typed[f"name{n}"] or len(typed[f"name{n}"]) > MAX_NAME:
                errors[f"name{n}"] = _("Enter the name of partner {n} as printed").format(n=n)
            birth = _iso_date(typed[f"birth{n}"])
            if birth is None:
                errors[f"birth{n}"] = _(
                    "Enter the birth date of partner {n} as a date, for example 1990-03-27"
                ).format(n=n)
            elif typed[f"name{n}"]:
                holders.append(Holder(typed[f"name{n}"], birth))
        if errors:
            return page(request, "verify.html", 400, typed=typed, errors=errors)
        with sessions() as session:
            try:
                result = check(session, typed["payload"], holders)
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
        responses={422: {"description": "the request is not two holders and a payload"}},
    )
    def verify_api(body: VerifyIn) -> JSONResponse:
        """The verdict on a certificate's payload for the two holders as printed on it: only
        the issuer, issue date and status are disclosed, never anything about the holders."""
        holders = [Holder(h.name, h.birth_date) for h in body.holders]
        with sessions() as session:
            try:
                result = check(session, body.payload, holders)
            except HolderError as error:
                raise HTTPException(status_code=422, detail=str(error)) from None
        return JSONResponse(result.to_json())

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

    def apply_page(request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = choose_lang(request)
        with sessions() as session:
            choices = issuers(session, lang)
        return page(
            request,
            "apply.html",
            status_code,
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
        typed = {k: str(v).strip() for k, v in form.items()}
        errors, holders, facts = _read_application(typed, _)
        issuer = typed.get("issuer", "")
        if not issuer:
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
            except (service.RegistryError, service.RegistryNotFoundError, CaseError):
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
    typed: Mapping[str, str], _: Callable[[str], str]
) -> tuple[dict[str, str], list[Holder], dict[str, object]]:
    errors: dict[str, str] = {}
    holders: list[Holder] = []
    for n in ("1", "2"):
        name = typed.get(f"name{n}", "")
        birth = _iso_date(typed.get(f"birth{n}", ""))
        if not name or len(name) > MAX_NAME:
            errors[f"name{n}"] = _("Enter the name of partner {n}").format(n=n)
        if birth is None:
            errors[f"birth{n}"] = _(
                "Enter the birth date of partner {n} as a date, for example 1990-03-27"
            ).format(n=n)
        if name and birth is not None:
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
