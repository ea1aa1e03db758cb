"""The caseworker pages under /work (zairyu.web.workbench_pages) with their login sessions
(zairyu.web.sessions), through the app on a real SQLite file (and PostgreSQL where storage
matters): login, logout and expiry, CSRF, the access matrix, facts with provenance, bad input,
re-screening and comparing, deadlines, Japanese, and the downloads."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from zairyu.audit import AuditEntry, audit_key
from zairyu.web import sessions as web_sessions
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.access import Role
from zairyu.workbench.models import CaseFact, User, WebSession

AS_OF = dt.date(2026, 11, 22)
PASSWORD = "correct horse battery staple 9731"
CLIENT_NAME = "Quetzalcoatl Yamanaka-Okonkwo"
OTHER_NAME = "Ngozi Fukuhara-Lindqvist"
B_NAME = "Tupac Ishikawa-Moreau"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


@dataclass
class Setup:
    client: TestClient
    sessions: sessionmaker[Session]
    key: bytes
    users: dict[str, str]  # name -> user id
    own_case: str  # the client's own case, in organisation A
    other_case: str  # another case of organisation A
    b_case: str  # a case of organisation B


def make_setup(tmp_path: Path, database_url: str | None = None) -> Iterator[Setup]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, as_of=AS_OF)
    app = create_app(settings)
    key = audit_key(load_or_create_secret(tmp_path / "secret.key"))
    cipher = app.state.field_cipher
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    users: dict[str, str] = {}
    with wb.unit_of_work(sessions) as s:
        admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
        users["admin"] = admin.id
        org = wb.create_organisation(s, admin, key, "NGO A").id
        other = wb.create_organisation(s, admin, key, "NGO B").id
        born = dt.date(1987, 3, 14)
        person = wb.create_person(
            s, admin, cipher, key, organisation_id=org, name=CLIENT_NAME, birth_date=born
        ).id
        other_person = wb.create_person(
            s, admin, cipher, key, organisation_id=org, name=OTHER_NAME, birth_date=None
        ).id
        b_person = wb.create_person(
            s, admin, cipher, key, organisation_id=other, name=B_NAME, birth_date=None
        ).id
        for name, role, organisation, person_id in (
            ("caseworker", Role.CASEWORKER, org, None),
            ("reviewer", Role.REVIEWER, org, None),
            ("client", Role.CLIENT, org, person),
            ("caseworker_b", Role.CASEWORKER, other, None),
        ):
            users[name] = wb.create_user(
                s, admin, key, username=name, password=PASSWORD, role=role,
                organisation_id=organisation, person_id=person_id,
            ).id  # fmt: skip
        own = wb.open_case(
            s, admin, cipher, key, person_id=person, assigned_user_id=users["caseworker"]
        ).id
        other_case = wb.open_case(s, admin, cipher, key, person_id=other_person).id
        b_case = wb.open_case(s, admin, cipher, key, person_id=b_person).id
    with TestClient(app) as client:
        yield Setup(client, sessions, key, users, own, other_case, b_case)
    app.state.store.engine.dispose()


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    yield from make_setup(tmp_path)


def log_in(client: TestClient, username: str, password: str = PASSWORD, next: str = "") -> str:
    """Logs in through the login form; returns the page it leads to."""
    page = client.get("/work/login" + (f"?next={next}" if next else ""))
    assert page.status_code == 200
    token = FORM_TOKEN.search(page.text)
    assert token is not None
    response = client.post(
        "/work/login",
        data={
            "username": username,
            "password": password,
            "form_token": token.group(1),
            "next": next or "/work",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def csrf_of(client: TestClient, path: str = "/work") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = CSRF.search(page.text)
    assert found is not None
    return found.group(1)


def post(
    client: TestClient, path: str, data: dict[str, str], csrf: str | None = None
) -> httpx.Response:
    return client.post(
        path, data={**data, "csrf_token": csrf or csrf_of(client)}, follow_redirects=False
    )


def session_cookie(client: TestClient) -> str:
    value = client.cookies.get(web_sessions.COOKIE)
    assert value
    return str(value)


def audit_actions(setup: Setup) -> list[str]:
    with setup.sessions() as s:
        return [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


# --- login, logout, expiry, CSRF ------------------------------------------------------------


def test_login_starts_a_server_side_session_in_a_strict_cookie(setup: Setup) -> None:
    c = setup.client
    assert log_in(c, "caseworker") == "/work"
    cookie = c.cookies.get(web_sessions.COOKIE)
    assert cookie
    response = c.get("/work")
    assert response.status_code == 200
    assert "Logged in as caseworker" in response.text
    # the cookie's attributes, as sent at login
    c.cookies.clear()
    page = c.get("/work/login")
    token = FORM_TOKEN.search(page.text)
    assert token is not None
    login = c.post(
        "/work/login",
        data={"username": "caseworker", "password": PASSWORD, "form_token": token.group(1)},
        follow_redirects=False,
    )
    set_cookie = login.headers["set-cookie"].lower()
    assert f"{web_sessions.COOKIE}=" in set_cookie
    assert "httponly" in set_cookie
    assert "samesite=strict" in set_cookie
    assert "path=/work" in set_cookie
    assert "secure" not in set_cookie  # plain http here; https requests get Secure
    # only the token's SHA-256 is stored
    token_value = str(c.cookies.get(web_sessions.COOKIE))
    with setup.sessions() as s:
        rows = s.scalars(select(WebSession)).all()
        hashes = {r.token_hash for r in rows}
        assert hashlib.sha256(token_value.encode()).hexdigest() in hashes
        assert all(token_value not in (r.token_hash, r.id) for r in rows)
    assert "session.start" in audit_actions(setup)


def test_the_cookie_is_secure_on_https(tmp_path: Path) -> None:
    for setup in make_setup(tmp_path):
        client = TestClient(setup.client.app, base_url="https://testserver")
        page = client.get("/work/login")
        token = FORM_TOKEN.search(page.text)
        assert token is not None
        login = client.post(
            "/work/login",
            data={"username": "caseworker", "password": PASSWORD, "form_token": token.group(1)},
            follow_redirects=False,
        )
        assert login.status_code == 303
        assert "secure" in login.headers["set-cookie"].lower()


def test_a_failed_login_does_not_say_which_was_wrong(setup: Setup) -> None:
    c = setup.client
    pages = []
    for username, password in (("caseworker", "wrong password 123"), ("nobody", PASSWORD)):
        form = FORM_TOKEN.search(c.get("/work/login").text)
        assert form is not None
        response = c.post(
            "/work/login",
            data={"username": username, "password": password, "form_token": form.group(1)},
            follow_redirects=False,
        )
        assert response.status_code == 401
        assert "The user name or the password is wrong" in response.text
        assert f'value="{username}"' in response.text  # the user name is kept
        assert password not in response.text  # the password is never sent back
        assert web_sessions.COOKIE not in response.headers.get("set-cookie", "")
        pages.append(response.text.replace(username, "USER"))
    assert pages[0].count("wrong") == pages[1].count("wrong")
    assert "auth.failed" in audit_actions(setup)
    assert c.get("/work", follow_redirects=False).status_code == 303


def test_an_empty_or_stale_login_form_is_refused_with_a_message(setup: Setup) -> None:
    c = setup.client
    form = FORM_TOKEN.search(c.get("/work/login").text)
    assert form is not None
    empty = c.post("/work/login", data={"username": "caseworker", "form_token": form.group(1)})
    assert empty.status_code == 400
    assert "Enter your user name and your password" in empty.text
    forged = c.post(
        "/work/login",
        data={"username": "caseworker", "password": PASSWORD, "form_token": "1.abc"},
    )
    assert forged.status_code == 400
    assert "out of date" in forged.text
    assert not c.cookies.get(web_sessions.COOKIE)


def test_logout_ends_the_session_and_the_old_cookie_no_longer_works(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    old = session_cookie(c)
    response = post(c, "/work/logout", {})
    assert response.status_code == 303
    assert response.headers["location"] == "/work/login?out=1"
    assert "You have logged out" in c.get("/work/login?out=1").text
    replay = TestClient(c.app)
    replay.cookies.set(web_sessions.COOKIE, old, path="/work")
    denied = replay.get("/work", follow_redirects=False)
    assert denied.status_code == 303
    assert denied.headers["location"].startswith("/work/login")
    with setup.sessions() as s:
        row = s.scalars(
            select(WebSession).where(WebSession.token_hash == web_sessions.token_hash(old))
        ).one()
        assert row.ended_at is not None
    assert "session.end" in audit_actions(setup)


def test_logging_in_again_rotates_the_token(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    first = session_cookie(c)
    log_in(c, "caseworker")
    second = session_cookie(c)
    assert first != second
    replay = TestClient(c.app)
    replay.cookies.set(web_sessions.COOKIE, first, path="/work")
    assert replay.get("/work", follow_redirects=False).status_code == 303
    assert c.get("/work").status_code == 200


@pytest.mark.parametrize("kind", ["idle", "lifetime"])
def test_an_expired_session_sends_the_user_to_login(setup: Setup, kind: str) -> None:
    c = setup.client
    log_in(c, "caseworker")
    token = session_cookie(c)
    with wb.unit_of_work(setup.sessions) as s:
        row = s.scalars(
            select(WebSession).where(WebSession.token_hash == web_sessions.token_hash(token))
        ).one()
        now = dt.datetime.now(dt.UTC)
        if kind == "idle":
            row.last_seen_at = now - web_sessions.IDLE_TIMEOUT - dt.timedelta(seconds=1)
        else:  # active all along, but logged in longer ago than the lifetime
            row.created_at = now - web_sessions.LIFETIME - dt.timedelta(minutes=1)
            row.expires_at = now - dt.timedelta(seconds=1)
    response = c.get(f"/work/cases/{setup.own_case}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/work/login?next=/work/cases/{setup.own_case}"
    assert "session.expire" in audit_actions(setup)
    # ended for good: even a clock set back does not revive it
    with setup.sessions() as s:
        assert web_sessions.resume(s, setup.key, token, now=dt.datetime(2000, 1, 1)) is None


def test_a_session_stays_alive_while_used(setup: Setup) -> None:
    with wb.unit_of_work(setup.sessions) as s:
        user = s.get(User, setup.users["caseworker"])
        assert user is not None
        start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
        token = web_sessions.start(s, setup.key, user, now=start)
        moment = start
        for _ in range(20):  # a request every 25 minutes for 8 hours 20 minutes
            moment += dt.timedelta(minutes=25)
            assert web_sessions.resume(s, setup.key, token, now=moment) is not None
        assert web_sessions.resume(s, setup.key, token, now=start + dt.timedelta(hours=12)) is None


def test_a_post_without_the_sessions_csrf_token_is_refused(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    path = f"/work/cases/{setup.own_case}/facts/applicant.criminal_record"
    for token in ("", "0" * 64):
        response = post(c, path, {"answer": "yes"}, csrf=token or "x")
        assert response.status_code == 403
        assert "could not be checked" in response.text
    # a token of another session of the same user is refused too
    other = TestClient(c.app)
    log_in(other, "caseworker")
    response = post(c, path, {"answer": "yes"}, csrf=csrf_of(other))
    assert response.status_code == 403
    logout = post(c, "/work/logout", {}, csrf="x")
    assert logout.status_code == 403
    with setup.sessions() as s:
        assert s.scalars(select(CaseFact)).all() == []
    assert c.get("/work").status_code == 200  # the session was not ended either


def test_not_logged_in_redirects_to_login_with_a_safe_next(setup: Setup) -> None:
    c = setup.client
    response = c.get(f"/work/cases/{setup.own_case}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/work/login?next=/work/cases/{setup.own_case}"
    assert log_in(c, "caseworker", next=f"/work/cases/{setup.own_case}") == (
        f"/work/cases/{setup.own_case}"
    )
    for unsafe in ("//evil.example/work", "https://evil.example/", "/i/abc", "/workx"):
        c.cookies.clear()
        assert log_in(c, "caseworker", next=unsafe) == "/work"
    c.cookies.clear()
    posted = c.post(f"/work/cases/{setup.own_case}/screen", data={}, follow_redirects=False)
    assert posted.status_code == 303
    assert posted.headers["location"] == "/work/login"


def test_every_work_page_is_no_store(setup: Setup) -> None:
    c = setup.client
    for path in (
        "/work/login",
        "/work",
        f"/work/cases/{setup.own_case}",
        "/work/cases/" + "0" * 32,
        "/work/no/such/page",
    ):
        assert c.get(path, follow_redirects=False).headers["cache-control"] == "no-store"
    log_in(c, "caseworker_b")
    for path in (
        "/work",
        f"/work/cases/{setup.own_case}",  # 403
        "/work/cases/" + "0" * 32,  # 404
        f"/work/cases/{setup.b_case}",
        f"/work/cases/{setup.b_case}/export.json",
        "/work/no/such/page",
    ):
        assert c.get(path, follow_redirects=False).headers["cache-control"] == "no-store", path


# --- the access matrix ------------------------------------------------------------------------

# user -> (own case, other case of org A, case of org B) expected status of the case page
MATRIX = {
    "admin": (200, 200, 200),
    "caseworker": (200, 200, 403),
    "caseworker_b": (403, 403, 200),
    "reviewer": (200, 200, 403),
    "client": (200, 403, 403),
}


@pytest.mark.parametrize("username", sorted(MATRIX))
def test_the_access_matrix_of_the_pages(setup: Setup, username: str) -> None:
    c = setup.client
    log_in(c, username)
    cases = (setup.own_case, setup.other_case, setup.b_case)
    names = (CLIENT_NAME, OTHER_NAME, B_NAME)
    listing = c.get("/work").text
    for case, name, expected in zip(cases, names, MATRIX[username], strict=True):
        page = c.get(f"/work/cases/{case}")
        assert page.status_code == expected, (username, case)
        if expected == 200:
            assert name in page.text
            assert f"/work/cases/{case}" in listing
        else:
            assert name not in page.text
            assert "You cannot do this" in page.text
            assert f"/work/cases/{case}" not in listing
            assert name not in listing
    assert c.get("/work/cases/" + "0" * 32).status_code == 404
    assert c.get("/work/cases/not-an-id").status_code == 404
    assert "Page not found" in c.get("/work/cases/" + "0" * 32).text
    assert c.get("/work/cases/" + "0" * 32 + "/nothing").status_code == 404


def test_a_reviewer_sees_but_cannot_change(setup: Setup) -> None:
    c = setup.client
    log_in(c, "reviewer")
    page = c.get(f"/work/cases/{setup.own_case}")
    assert page.status_code == 200
    assert "Set this fact" not in page.text  # no forms they could not use
    assert "Screen again" not in page.text
    assert "Change the status" not in page.text
    assert "Save the note" not in page.text
    assert 'id="notes"' in page.text  # reviewers may read notes
    fact = f"/work/cases/{setup.own_case}/facts/applicant.criminal_record"
    assert c.get(fact).status_code == 403
    assert post(c, fact, {"answer": "yes"}).status_code == 403
    screen = post(c, f"/work/cases/{setup.own_case}/screen", {"as_of": "2026-11-22"})
    assert screen.status_code == 403
    status = post(c, f"/work/cases/{setup.own_case}/transition", {"to_status": "screening"})
    assert status.status_code == 403
    actions = audit_actions(setup)
    assert "denied:fact.write" in actions
    assert "denied:determination.write" in actions
    assert "denied:case.transition" in actions


def test_a_client_sees_their_own_case_without_notes(setup: Setup) -> None:
    c = setup.client
    log_in(c, "client")
    page = c.get(f"/work/cases/{setup.own_case}")
    assert CLIENT_NAME in page.text
    assert 'id="notes"' not in page.text
    assert "Set this fact" not in page.text
    exported = c.get(f"/work/cases/{setup.own_case}/export.json")
    assert exported.status_code == 200
    assert exported.json()["notes"] is None
    assert c.get(f"/work/cases/{setup.other_case}/export.json").status_code == 403


# --- facts, screening, comparing --------------------------------------------------------------


def test_setting_a_fact_shows_it_with_its_provenance(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    added = post(c, f"{case}/documents", {"document": "Residence card (front)"})
    assert added.status_code == 303
    page = c.get(case).text
    document = re.search(rf'action="{case}/documents/([0-9a-f]{{32}})"', page)
    assert document is not None
    chosen = c.get(f"{case}/fact?name=applicant.landed_on", follow_redirects=False)
    assert chosen.headers["location"] == f"{case}/facts/applicant.landed_on"
    form = c.get(f"{case}/facts/applicant.landed_on")
    assert "Residence card (front)" in form.text
    response = post(
        c,
        f"{case}/facts/applicant.landed_on",
        {"day": "27", "month": "4", "year": "2011", "source_document_id": document.group(1)},
    )
    assert response.status_code == 303, response.text
    page = c.get(case).text
    row = page[page.index('id="fact-applicant.landed_on"') :]
    row = row[: row.index("</tr>")]
    assert "27 April 2011" in row
    assert "caseworker" in row
    assert "Residence card (front)" in row
    assert f"{case}/facts/applicant.landed_on/history" in row
    # a second value supersedes the first; the history keeps both, newest first
    post(c, f"{case}/facts/applicant.landed_on", {"day": "1", "month": "5", "year": "2011"})
    history = c.get(f"{case}/facts/applicant.landed_on/history").text
    assert history.index("1 May 2011") < history.index("27 April 2011")
    assert history.count("<tr>") == 3  # the header and two values


def test_bad_fact_input_keeps_what_was_typed_and_says_what_is_wrong(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    path = f"{case}/facts/permanent_residence.years_in_japan_total"
    response = post(c, path, {"answer": "ten years"})
    assert response.status_code == 400
    text = response.text
    assert "Enter a whole number using digits, like 5" in text
    assert 'value="ten years"' in text
    assert "<title>Error:" in text
    date = post(c, f"{case}/facts/applicant.landed_on", {"day": "31", "month": "2", "year": "2011"})
    assert date.status_code == 400
    assert "that day does not exist" in date.text
    assert 'value="31"' in date.text
    future = post(
        c, f"{case}/facts/applicant.landed_on", {"day": "1", "month": "1", "year": "2030"}
    )
    assert "today or in the past" in future.text
    assert c.get(f"{case}/facts/no.such_fact").status_code == 404
    with setup.sessions() as s:
        assert s.scalars(select(CaseFact)).all() == []


def test_a_contradicting_fact_is_refused_with_the_reason(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    assert post(c, f"{case}/facts/relationship.has_partner", {"answer": "no"}).status_code == 303
    response = post(c, f"{case}/facts/relationship.same_sex", {"answer": "yes"})
    assert response.status_code == 400
    assert "contradicts" in response.text
    with setup.sessions() as s:
        assert [f.name for f in s.scalars(select(CaseFact))] == ["relationship.has_partner"]


def test_rescreening_after_a_fact_change_shows_the_changed_outcome(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    post(c, f"{case}/facts/applicant.criminal_record", {"answer": "no"})
    first = post(c, f"{case}/screen", {"as_of": "2026-11-22"})
    assert first.status_code == 303
    first_url = first.headers["location"]
    page = c.get(first_url)
    assert "Screening as of 22 November 2026" in page.text
    assert "Rules version" in page.text
    post(c, f"{case}/facts/applicant.criminal_record", {"answer": "yes"})
    second = post(c, f"{case}/screen", {"as_of": ""})  # empty: today
    second_url = second.headers["location"]
    second_page = c.get(second_url).text
    compare_link = re.search(r'href="([^"]+/compare/[0-9a-f]{32})"', second_page)
    assert compare_link is not None
    comparison = c.get(compare_link.group(1)).text
    changed = comparison[comparison.index('id="changed-outcomes"') :]
    changed = changed[: changed.index("</table>")]
    assert "Permanent" in changed
    assert "Undetermined" in changed
    assert "Not eligible" in changed
    assert "applicant.criminal_record" in changed  # why
    facts = comparison[comparison.index('id="changed-facts"') :]
    assert "applicant.criminal_record" in facts[: facts.index("</table>")]
    # the history lists both, and its form leads to the same comparison
    history = c.get(f"{case}/determinations").text
    ids = re.findall(rf'href="{case}/determinations/([0-9a-f]{{32}})"', history)
    assert len(ids) == 2
    picked = c.get(
        f"{case}/compare?before={ids[1]}&after={ids[0]}", follow_redirects=False
    ).headers["location"]
    assert picked == compare_link.group(1)


def test_a_bad_screening_date_keeps_it_and_says_so(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    response = post(c, f"/work/cases/{setup.own_case}/screen", {"as_of": "22/11/2026"})
    assert response.status_code == 400
    assert "Enter the date as year-month-day" in response.text
    assert 'value="22/11/2026"' in response.text


def test_status_changes_follow_the_workflow(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    assert post(c, f"{case}/transition", {"to_status": "screening"}).status_code == 303
    assert "Status: Screening" in c.get(case).text
    refused = post(c, f"{case}/transition", {"to_status": "decided"})
    assert refused.status_code == 409
    assert "Choose one of the statuses" in refused.text


def test_notes_are_saved_and_an_empty_one_is_refused(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    empty = post(c, f"{case}/notes", {"note": "   "})
    assert empty.status_code == 400
    assert "Write the note" in empty.text
    assert post(c, f"{case}/notes", {"note": "Called; documents on Monday."}).status_code == 303
    assert "Called; documents on Monday." in c.get(case).text


def test_the_case_list_shows_deadlines_soonest_first_and_marks_overdue(setup: Setup) -> None:
    with wb.unit_of_work(setup.sessions) as s:
        admin = s.get(User, setup.users["admin"])
        assert admin is not None
        cipher = setup.client.app.state.field_cipher
        for due, text in (
            (dt.date(2027, 3, 1), "Renewal application"),
            (dt.date(2026, 11, 1), "Overdue notification"),
            (dt.date(2026, 12, 5), "Send the tax certificate"),
        ):
            wb.add_deadline(s, admin, cipher, setup.key, setup.own_case, due, text)
        wb.add_deadline(
            s, admin, cipher, setup.key, setup.other_case, dt.date(2027, 6, 1), "Later case"
        )
    c = setup.client
    log_in(c, "caseworker")
    listing = c.get("/work").text
    positions = [
        listing.index(t)
        for t in ("Overdue notification", "Send the tax certificate", "Renewal application")
    ]
    assert positions == sorted(positions)
    assert listing.index(CLIENT_NAME) < listing.index(OTHER_NAME)  # soonest deadline first
    overdue = listing[: listing.index("Overdue notification")]
    assert overdue.rstrip().endswith("</time>:")
    assert overdue.count("Overdue</strong>") == 1
    calendar = c.get(f"/work/cases/{setup.own_case}/deadlines.ics")
    assert calendar.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(
        ["Renewal application", "Overdue notification", "Send the tax certificate"]
    )


def test_the_pages_are_in_japanese(setup: Setup) -> None:
    c = setup.client
    c.cookies.set("zairyu_lang", "ja")
    login_page = c.get("/work/login")
    assert '<html lang="ja">' in login_page.text
    assert "ログイン" in login_page.text
    log_in(c, "caseworker")
    page = c.get(f"/work/cases/{setup.own_case}").text
    assert "事実" in page
    assert "ログアウト" in page
    switch = c.get(f"/language/en?next=/work/cases/{setup.own_case}", follow_redirects=False)
    assert switch.headers["location"] == f"/work/cases/{setup.own_case}"
    assert "Facts" in c.get(f"/work/cases/{setup.own_case}").text


def test_the_case_export_is_the_apis(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    post(c, f"/work/cases/{setup.own_case}/facts/applicant.criminal_record", {"answer": "no"})
    exported = c.get(f"/work/cases/{setup.own_case}/export.json")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    body = json.loads(exported.content)
    assert body["case"]["id"] == setup.own_case
    assert body["case"]["person"]["name"] == CLIENT_NAME
    assert [f["name"] for f in body["fact_history"]] == ["applicant.criminal_record"]
    assert body["notes"] == []


def test_names_and_facts_never_appear_in_addresses(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    locations = [
        post(c, f"{case}/facts/applicant.criminal_record", {"answer": "yes"}),
        post(c, f"{case}/notes", {"note": "Private note text"}),
        post(c, f"{case}/screen", {"as_of": "2026-11-22"}),
    ]
    for response in locations:
        location = response.headers["location"]
        assert CLIENT_NAME not in location
        assert "Private" not in location
        assert "yes" not in location


# --- PostgreSQL -------------------------------------------------------------------------------


def test_the_pages_work_on_both_databases(tmp_path: Path, database_url: str) -> None:
    for setup in make_setup(tmp_path, database_url):
        c = setup.client
        log_in(c, "caseworker")
        case = f"/work/cases/{setup.own_case}"
        assert CLIENT_NAME in c.get("/work").text
        assert (
            post(c, f"{case}/facts/applicant.criminal_record", {"answer": "no"}).status_code == 303
        )
        screened = post(c, f"{case}/screen", {"as_of": "2026-11-22"})
        assert screened.status_code == 303
        assert "Screening as of" in c.get(screened.headers["location"]).text
        old = session_cookie(c)
        assert post(c, "/work/logout", {}).status_code == 303
        replay = TestClient(c.app)
        replay.cookies.set(web_sessions.COOKIE, old, path="/work")
        assert replay.get("/work", follow_redirects=False).status_code == 303


def test_each_kind_of_fact_gets_its_own_input(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    case = f"/work/cases/{setup.own_case}"
    country = c.get(f"{case}/facts/applicant.nationality").text
    assert '<select class="select" id="answer" name="answer"' in country
    assert '<option value="PH">' in country
    assert post(c, f"{case}/facts/applicant.nationality", {"answer": "PH"}).status_code == 303
    assert "Philippines" in c.get(case).text
    number = c.get(f"{case}/facts/permanent_residence.years_in_japan_total").text
    assert 'inputmode="numeric"' in number
    assert 'name="day"' in c.get(f"{case}/facts/applicant.landed_on").text
    cleared = post(c, f"{case}/facts/applicant.nationality", {"dont_know": "1"})
    assert cleared.status_code == 303
    assert 'id="fact-applicant.nationality"' not in c.get(case).text
