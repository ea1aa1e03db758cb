"""Every form of the caseworker pages goes through one gate (`posted` in
zairyu.web.workbench_pages): the session first, then the CSRF token, then the case id. These
tests find the POST routes from the app itself, so that a new form that skipped the gate fails
here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from tests.test_workbench_pages import AS_OF, Setup, csrf_of, log_in, make_setup, post
from zairyu.audit import AuditEntry
from zairyu.web import workbench_pages
from zairyu.web.crypto import FormSigner

MALFORMED_ID = "not-an-id"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    yield from make_setup(tmp_path)


def form_paths(setup: Setup) -> list[str]:
    """The workbench's POST addresses (not the login form, which has no session yet), with
    real ids filled in."""
    values = {
        "case_id": setup.own_case,
        "user_id": setup.users["reviewer"],
        "document_id": "0" * 32,
        "name": "applicant.criminal_record",
    }
    app = setup.client.app
    # The app nests its routers; the workbench's own router lists its routes flat.
    secret = b"only the addresses are read" * 2
    pages = workbench_pages.router(
        app.state.store.engine,  # type: ignore[attr-defined]
        secret,
        app.state.field_cipher,  # type: ignore[attr-defined]
        lambda: AS_OF,
        FormSigner(secret, 60),
    )
    paths = []
    for route in pages.routes:
        if not isinstance(route, APIRoute) or "POST" not in route.methods:
            continue
        if route.path == "/work/login":
            continue
        paths.append(re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], route.path))
    return paths


def audit_rows(setup: Setup) -> int:
    with setup.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_the_routes_are_found(setup: Setup) -> None:
    paths = form_paths(setup)
    assert f"/work/cases/{setup.own_case}/notes" in paths
    assert "/work/logout" in paths
    assert len(paths) >= 12


def test_every_form_without_a_session_leads_to_the_login_page(setup: Setup) -> None:
    for path in form_paths(setup):
        response = setup.client.post(path, data={"csrf_token": "0" * 64}, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/work/login", path


def test_every_form_with_a_forged_token_is_refused_and_does_nothing(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    before = audit_rows(setup)
    for path in form_paths(setup):
        for forged in ("", "0" * 64):
            response = c.post(path, data={"csrf_token": forged}, follow_redirects=False)
            assert response.status_code == 403, path
            assert "could not be checked" in response.text, path
            assert response.headers["cache-control"] == "no-store", path
    assert audit_rows(setup) == before
    assert c.get("/work").status_code == 200  # the forged logout did not end the session


def test_a_case_id_is_checked_after_the_token(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    case_paths = [p for p in form_paths(setup) if p.startswith(f"/work/cases/{setup.own_case}/")]
    assert len(case_paths) >= 6
    token = csrf_of(c)
    for path in case_paths:
        malformed = path.replace(setup.own_case, MALFORMED_ID)
        forged = c.post(malformed, data={"csrf_token": "0" * 64}, follow_redirects=False)
        assert forged.status_code == 403, malformed
        missing = post(c, malformed, {}, csrf=token)
        assert missing.status_code == 404, malformed
        assert missing.headers["cache-control"] == "no-store", malformed
