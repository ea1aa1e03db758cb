"""The officer's registry pages under ``/work/registry``, for the workbench's administrators and
caseworkers (logged in at ``/work/login``; the same session cookie and CSRF token): the open
applications with the engine's review, accepting the oath and issuing, and a certificate's page
with its printable PDF, return, revocation and transfer.

Each step calls `registry.service` in one transaction, audited with the officer's user id; so is
every page or PDF that shows a couple's names (`service.record_access`), and every refused
attempt by a logged-in user whose role is not an officer's. Not logged in: to the login page.
Logged in with another role: 403. A form without this session's CSRF token: 403, nothing done.
The same steps exist as `zairyu registry ...` commands.

A caseworker acts only for the issuers their organisation operates (an administrator links them,
``/work/registry/operators`` or ``zairyu registry operators``); an administrator, for every
issuer. The service checks it (`service.RegistryAccessDenied`, audited): here, the lists show
only those issuers' rows, and a refusal is a 403 page that names no one. The CSRF key is the
workbench pages' own (`sessions.csrf_key_of`), so that one login serves both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from zairyu import __version__
from zairyu.audit import append, audit_key
from zairyu.data.partnership_systems import by_code
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.registry import service
from zairyu.registry.certificate_pdf import certificate_pdf
from zairyu.registry.keys import SigningKeyError
from zairyu.registry.models import (
    OATH_ACCEPTED,
    SUBMITTED,
    RegistryApplication,
    RegistryCertificate,
    RegistryIssuer,
)
from zairyu.report import format_date
from zairyu.web import sessions as web_sessions
from zairyu.workbench.access import Role
from zairyu.workbench.cipher import FieldCipher
from zairyu.workbench.models import Organisation

PREFIX = "/work/registry"
OFFICER_ROLES = frozenset({Role.ADMIN.value, Role.CASEWORKER.value})


class _NotAllowedError(Exception):
    """No live session: log in first."""


class _ForbiddenError(Exception):
    """A live session whose role is not an officer's."""


class _OtherIssuerError(_ForbiddenError):
    """An officer's organisation does not operate the issuer acted for, or a caseworker tried
    an administrator's step (the refusal is audited and committed)."""

    def __init__(self, step: str) -> None:
        super().__init__(step)
        self.step = step


class _ForgedFormError(Exception):
    """A form without this session's CSRF token."""


def router(
    engine: Engine,
    secret: bytes,
    cipher: FieldCipher,
    today: Callable[[], dt.date],
    choose_lang: Callable[[Request], Lang],
    templates: Environment,
) -> APIRouter:
    sessions = sessionmaker(engine, expire_on_commit=False)
    key = audit_key(secret)
    csrf_key = web_sessions.csrf_key_of(secret)
    pages = APIRouter(prefix=PREFIX, include_in_schema=False)

    @contextmanager
    def officer(request: Request, form: dict[str, str] | None = None) -> Iterator[Session]:
        token = request.cookies.get(web_sessions.COOKIE, "")
        with sessions() as session:
            login = web_sessions.resume(session, key, token) if token else None
            if login is None:
                session.commit()  # keeps the expiry of a session found too old
                raise _NotAllowedError
            if login.user.role not in OFFICER_ROLES:
                append(
                    session, key, actor=f"user:{login.user.id}",
                    action="registry.access_denied", subject=request.url.path[:120],
                )  # fmt: skip
                session.commit()
                raise _ForbiddenError
            if form is not None and not web_sessions.csrf_ok(
                csrf_key, token, form.get("csrf_token", "")
            ):
                raise _ForgedFormError
            # The user, not a name: the service checks which issuers the user acts for.
            request.state.officer = login.user
            request.state.csrf = web_sessions.csrf_token(csrf_key, token)
            try:
                yield session
            except service.RegistryAccessDenied as denied:
                session.commit()  # keeps the refusal's audit entry
                raise _OtherIssuerError(denied.step) from None
            except BaseException:
                session.rollback()
                raise
            session.commit()

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
        lang = choose_lang(request)
        other = "en" if lang == "ja" else "ja"
        html = templates.get_template(f"registry/{template}").render(
            _=translations(lang).gettext,
            lang=lang,
            other_lang=other,
            switch_url=f"/language/{other}?next={quote(request.url.path)}",
            format_date=lambda day: format_date(day, lang),
            version=__version__,
            csrf=getattr(request.state, "csrf", ""),
            issuer_name=lambda code: by_code()[code].name(lang),
            **context,
        )
        return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})

    def login_first(request: Request) -> Response:
        # After logging in, back to the page asked for; a form's address has no page.
        target = request.url.path if request.method == "GET" else PREFIX
        return RedirectResponse(f"/work/login?next={quote(target)}", status_code=303)

    def refused(request: Request, error: Exception) -> Response:
        """Not logged in: the login page; logged in but refused: 403, nothing done."""
        if isinstance(error, _OtherIssuerError):
            refusal = "admin" if error.step.startswith("operator") else "issuer"
            return page(request, "officer_missing.html", 403, refusal=refusal)
        if isinstance(error, _ForbiddenError):
            return page(request, "officer_missing.html", 403, refusal="role")
        if isinstance(error, _ForgedFormError):
            return page(request, "officer_missing.html", 403, refusal="forged")
        return login_first(request)

    async def fields(request: Request) -> dict[str, str]:
        return {k: str(v) for k, v in (await request.form()).items()}

    @pages.get("", response_class=HTMLResponse)
    def overview(request: Request) -> Response:
        try:
            with officer(request) as session:
                user = request.state.officer
                applications = session.scalars(
                    select(RegistryApplication)
                    .where(RegistryApplication.status.in_((SUBMITTED, OATH_ACCEPTED)))
                    .where(service.visible_to(user, RegistryApplication.issuer_code))
                    .order_by(RegistryApplication.submitted_at)
                ).all()
                certificates = session.scalars(
                    select(RegistryCertificate)
                    .where(service.visible_to(user, RegistryCertificate.issuer_code))
                    .order_by(RegistryCertificate.issuer_code, RegistryCertificate.number)
                ).all()
                issuers = session.scalars(select(RegistryIssuer.code)).all()
                operated = session.scalars(
                    select(RegistryIssuer.code).where(service.visible_to(user, RegistryIssuer.code))
                ).all()
                return page(
                    request, "officer.html", applications=applications,
                    certificates=certificates, issuers=issuers, operated=operated,
                    is_admin=user.role == Role.ADMIN.value,
                )  # fmt: skip
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)

    def application_page(
        request: Request, session: Session, application_id: str, error: str | None = None
    ) -> Response:
        found = service.application(session, application_id)
        service.record_access(
            session, key, request.state.officer, "application_view", application_id=found.id
        )
        try:
            review = service.review(session, cipher, found.id, today())
        except service.RegistryError as problem:
            # The stored facts do not hold today: the review of the day it was made, and why.
            review = service.review(session, cipher, found.id)
            error = error or str(problem)
        return page(
            request,
            "officer_application.html",
            400 if error else 200,
            application=found,
            holders=service.holders_of(cipher, found),
            review=review,
            lang_of_page=choose_lang(request),
            error=error,
        )

    @pages.get("/applications/{application_id}", response_class=HTMLResponse)
    def show_application(request: Request, application_id: str) -> Response:
        try:
            with officer(request) as session:
                return application_page(request, session, application_id)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)
        except service.RegistryNotFoundError:
            return page(request, "officer_missing.html", 404)

    @pages.post("/applications/{application_id}/issue")
    async def issue(request: Request, application_id: str) -> Response:
        form = await fields(request)
        try:
            with officer(request, form) as session:
                actor = request.state.officer
                try:
                    found = service.application(session, application_id)
                    if found.status == SUBMITTED:
                        if form.get("oath") != "accepted":
                            _ = translations(choose_lang(request)).gettext
                            message = _("Confirm that both partners made the oath")
                            return application_page(request, session, application_id, message)
                        service.accept_oath(session, key, actor, application_id, today())
                    issued = service.issue(
                        session, cipher, key, actor, application_id, today(),
                        confirm_undetermined=form.get("confirm_undetermined") == "yes",
                    )  # fmt: skip
                except (service.RegistryError, SigningKeyError) as error:
                    session.rollback()
                    return application_page(request, session, application_id, str(error))
                target = f"{PREFIX}/certificates/{issued.certificate.id}"
                return RedirectResponse(target, status_code=303)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)
        except service.RegistryNotFoundError:
            return page(request, "officer_missing.html", 404)

    def certificate_page(
        request: Request, session: Session, certificate_id: str, error: str | None = None
    ) -> Response:
        found = service.certificate(session, certificate_id)
        service.record_access(
            session, key, request.state.officer, "certificate_view", certificate_id=found.id
        )
        officer_of = request.state.officer
        issuers = session.scalars(
            select(RegistryIssuer.code).where(service.visible_to(officer_of, RegistryIssuer.code))
        ).all()
        return page(
            request,
            "officer_certificate.html",
            400 if error else 200,
            certificate=found,
            holders=service.holders_of(cipher, found),
            destinations=[code for code in issuers if code != found.issuer_code],
            return_reasons=service.RETURN_REASONS,
            revoke_reasons=service.REVOKE_REASONS,
            error=error,
        )

    @pages.get("/certificates/{certificate_id}", response_class=HTMLResponse)
    def show_certificate(request: Request, certificate_id: str) -> Response:
        try:
            with officer(request) as session:
                return certificate_page(request, session, certificate_id)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)
        except service.RegistryNotFoundError:
            return page(request, "officer_missing.html", 404)

    @pages.get("/certificates/{certificate_id}/certificate.pdf")
    def certificate_file(request: Request, certificate_id: str) -> Response:
        try:
            with officer(request) as session:
                # Never the request's Host: a forged one would send the certificate's readers to
                # another site for as long as the paper lasts. Unset: refused before anything is
                # looked up or recorded, the same for every certificate.
                public_url: str | None = request.app.state.settings.public_url
                if public_url is None:
                    return page(request, "public_url_missing.html", 503)
                found = service.certificate(session, certificate_id)
                service.record_access(
                    session, key, request.state.officer, "certificate_print",
                    certificate_id=found.id,
                )  # fmt: skip
                pdf = certificate_pdf(found, service.holders_of(cipher, found), public_url)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)
        except service.RegistryNotFoundError:
            return page(request, "officer_missing.html", 404)
        return Response(
            pdf,
            media_type="application/pdf",
            headers={
                "Cache-Control": "no-store",
                "Content-Disposition": f'attachment; filename="certificate-{found.number}.pdf"',
            },
        )

    @pages.post("/certificates/{certificate_id}/{step}")
    async def change(request: Request, certificate_id: str, step: str) -> Response:
        form = await fields(request)
        try:
            with officer(request, form) as session:
                actor = request.state.officer
                target = certificate_id
                try:
                    if step == "return":
                        service.return_certificate(
                            session, key, actor, certificate_id, form.get("reason", ""), today()
                        )
                    elif step == "revoke":
                        service.revoke(
                            session, key, actor, certificate_id, form.get("reason", ""), today()
                        )
                    elif step == "transfer":
                        issued, _ = service.transfer(
                            session, cipher, key, actor, certificate_id,
                            form.get("destination", ""), today(),
                            confirm_undetermined=form.get("confirm_undetermined") == "yes",
                        )  # fmt: skip
                        target = issued.certificate.id
                    else:
                        return page(request, "officer_missing.html", 404)
                except (
                    service.RegistryError,
                    service.RegistryNotFoundError,
                    SigningKeyError,
                ) as error:
                    session.rollback()
                    return certificate_page(request, session, certificate_id, str(error))
                return RedirectResponse(f"{PREFIX}/certificates/{target}", status_code=303)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)
        except service.RegistryNotFoundError:
            return page(request, "officer_missing.html", 404)

    # --- which organisations operate which issuers (administrators) ---

    def operators_page(
        request: Request,
        session: Session,
        errors: dict[str, str] | None = None,
        typed: dict[str, str] | None = None,
        notice: str | None = None,
    ) -> Response:
        links = service.operators(session, key, request.state.officer)
        organisations = session.scalars(select(Organisation).order_by(Organisation.name)).all()
        return page(
            request, "operators.html", 400 if errors else 200, links=links,
            organisations=organisations, issuers=session.scalars(select(RegistryIssuer.code)).all(),
            errors=errors or {}, typed=typed or {}, notice=notice,
        )  # fmt: skip

    @pages.get("/operators", response_class=HTMLResponse)
    def show_operators(request: Request, done: str = "") -> Response:
        _ = translations(choose_lang(request)).gettext
        notices = {
            "linked": _("The organisation now operates the municipality's registry."),
            "unlinked": _("The organisation no longer operates the municipality's registry."),
        }
        try:
            with officer(request) as session:
                return operators_page(request, session, notice=notices.get(done))
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)

    @pages.post("/operators/{step}")
    async def change_operator(request: Request, step: str) -> Response:
        form = await fields(request)
        _ = translations(choose_lang(request)).gettext
        typed = {name: form.get(name, "") for name in ("organisation", "issuer")}
        try:
            with officer(request, form) as session:
                if step not in ("link", "unlink"):
                    return page(request, "officer_missing.html", 404)
                errors: dict[str, str] = {}
                if session.get(Organisation, typed["organisation"]) is None:
                    errors["organisation"] = _("Choose the organisation")
                if session.get(RegistryIssuer, typed["issuer"]) is None:
                    errors["issuer"] = _("Choose the municipality")
                if not errors:
                    user, organisation_id = request.state.officer, typed["organisation"]
                    try:
                        if step == "link":
                            service.link_operator(
                                session, key, user, organisation_id, typed["issuer"]
                            )
                        else:
                            service.unlink_operator(
                                session, key, user, organisation_id, typed["issuer"]
                            )
                    except service.RegistryError:
                        session.rollback()
                        errors["issuer"] = (
                            _("The organisation operates this municipality's registry already")
                            if step == "link"
                            else _("The organisation does not operate this municipality's registry")
                        )
                if errors:
                    return operators_page(request, session, errors, typed)
                done = "linked" if step == "link" else "unlinked"
                return RedirectResponse(f"{PREFIX}/operators?done={done}", status_code=303)
        except (_NotAllowedError, _ForbiddenError, _ForgedFormError) as error:
            return refused(request, error)

    return pages
