"""The officer's registry pages under ``/work/registry``, for the workbench's administrators and
caseworkers (logged in at ``/work/login``; the same session cookie and CSRF token): the open
applications with the engine's review, accepting the oath and issuing, and a certificate's page
with its printable PDF, return, revocation and transfer.

Each step calls `registry.service` in one transaction, audited with the officer's user id; so is
every page or PDF that shows a couple's names (`service.record_access`), and every refused
attempt by a logged-in user whose role is not an officer's. Not logged in: to the login page.
Logged in with another role: 403. A form without this session's CSRF token: 403, nothing done.
The same steps exist as `zairyu registry ...` commands.

Limits, for the record: any administrator or caseworker may act for every issuer registered
here, because the workbench has no link between an organisation and an issuer (a deployment
serves one municipality). The CSRF key is derived here exactly as `web/workbench_pages.py`
derives it (so that one login serves both): that module computes it inside its `router` and
exposes no function to import, so the derivation is repeated, and a test holds the two equal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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

PREFIX = "/work/registry"
OFFICER_ROLES = frozenset({Role.ADMIN.value, Role.CASEWORKER.value})


class _NotAllowedError(Exception):
    """No live session: log in first."""


class _ForbiddenError(Exception):
    """A live session whose role is not an officer's."""


class _ForgedFormError(Exception):
    """A form without this session's CSRF token."""


# The workbench pages' CSRF key derivation (web/workbench_pages.py, inside its `router`).
def csrf_key_of(secret: bytes) -> bytes:
    return hashlib.sha256(b"zairyu work csrf key v1" + secret).digest()


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
    # The workbench pages' CSRF key (web/workbench_pages.py), so that one session serves both.
    csrf_key = csrf_key_of(secret)
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
            request.state.officer = f"user:{login.user.id}"
            request.state.csrf = web_sessions.csrf_token(csrf_key, token)
            try:
                yield session
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
                applications = session.scalars(
                    select(RegistryApplication)
                    .where(RegistryApplication.status.in_((SUBMITTED, OATH_ACCEPTED)))
                    .order_by(RegistryApplication.submitted_at)
                ).all()
                certificates = session.scalars(
                    select(RegistryCertificate).order_by(
                        RegistryCertificate.issuer_code, RegistryCertificate.number
                    )
                ).all()
                issuers = session.scalars(select(RegistryIssuer.code)).all()
                return page(
                    request, "officer.html", applications=applications,
                    certificates=certificates, issuers=issuers,
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
        issuers = session.scalars(select(RegistryIssuer.code)).all()
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
                found = service.certificate(session, certificate_id)
                service.record_access(
                    session, key, request.state.officer, "certificate_print",
                    certificate_id=found.id,
                )  # fmt: skip
                pdf = certificate_pdf(
                    found, service.holders_of(cipher, found), str(request.base_url)
                )
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

    return pages
