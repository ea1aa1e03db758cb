"""The token API's login (`POST /api/v1/tokens`) under repeated failures: like the login page, it
refuses a throttled user name with 429 and Retry-After, counting the failures from the audit log,
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from zairyu.audit import AuditEntry, audit_key
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.access import Role

PASSWORD = "correct horse battery staple 4418"
WINDOW = int(wb.THROTTLE_WINDOW.total_seconds())


@dataclass
class Api:
    client: TestClient
    sessions: sessionmaker[Session]
    key: bytes


@pytest.fixture
def api(tmp_path: Path, database_url: str) -> Iterator[Api]:
    app = create_app(Settings(data_dir=tmp_path, database_url=database_url))
    key = audit_key(load_or_create_secret(tmp_path / "secret.key"))
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    with wb.unit_of_work(sessions) as s:
        admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
        org = wb.create_organisation(s, admin, key, "NGO A").id
        for name in ("caseworker", "colleague"):
            wb.create_user(
                s, admin, key, username=name, password=PASSWORD, role=Role.CASEWORKER,
                organisation_id=org,
            )  # fmt: skip
    with TestClient(app) as client:
        yield Api(client, sessions, key)
    app.state.store.engine.dispose()


def log_in(api: Api, username: str, password: str = PASSWORD) -> httpx.Response:
    return api.client.post("/api/v1/tokens", json={"username": username, "password": password})


def fail_logins(api: Api, username: str) -> None:
    for _ in range(wb.THROTTLE_FAILURES):
        assert log_in(api, username, "wrong").status_code == 401


def assert_throttled(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["retry-after"])
    # The failures were made just now: the wait is (almost) the whole window.
    assert WINDOW - 60 <= retry_after <= WINDOW
    detail = response.json()["detail"]
    assert "too many failed logins" in detail
    assert f"{retry_after} seconds" in detail
    assert "token" not in response.json()


def test_after_repeated_failures_even_the_right_password_gets_429(api: Api) -> None:
    before = log_in(api, "caseworker")
    assert before.status_code == 201
    token = before.json()["token"]

    fail_logins(api, "caseworker")
    assert_throttled(log_in(api, "caseworker"))
    assert_throttled(log_in(api, "caseworker", "wrong"))

    # Another user name is not throttled, and a token given before the failures still works.
    assert log_in(api, "colleague").status_code == 201
    cases = api.client.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert cases.status_code == 200, cases.text

    with api.sessions() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("auth.%"))).all()
    assert actions.count("auth.failed") == wb.THROTTLE_FAILURES
    assert actions.count("auth.throttled") == 2


def test_a_name_that_does_not_exist_is_throttled_the_same_way(api: Api) -> None:
    fail_logins(api, "nobody")
    assert_throttled(log_in(api, "nobody"))
    assert log_in(api, "caseworker").status_code == 201


def test_failures_are_counted_from_the_audit_log_whoever_wrote_them(api: Api) -> None:
    # Failures recorded by another process (the login page, another worker) count as well.
    with wb.unit_of_work(api.sessions) as s:
        for _ in range(wb.THROTTLE_FAILURES):
            with pytest.raises(wb.AuthenticationError):
                wb.authenticate(s, api.key, "caseworker", "wrong")
    assert_throttled(log_in(api, "caseworker"))


def test_failures_older_than_the_window_do_not_count(api: Api) -> None:
    long_ago = dt.datetime.now(dt.UTC) - wb.THROTTLE_WINDOW - dt.timedelta(minutes=1)
    with wb.unit_of_work(api.sessions) as s:
        for _ in range(wb.THROTTLE_FAILURES):
            with pytest.raises(wb.AuthenticationError):
                wb.authenticate(s, api.key, "caseworker", "wrong", now=long_ago)
    assert log_in(api, "caseworker").status_code == 201


def test_the_openapi_description_documents_the_429(api: Api) -> None:
    schema = api.client.get("/api/openapi.json").json()
    responses = schema["paths"]["/api/v1/tokens"]["post"]["responses"]
    assert "Retry-After" in responses["429"]["headers"]
