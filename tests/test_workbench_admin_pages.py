"""The day-one follow-ups of the caseworker pages (zairyu.web.workbench_pages): intake of a new
person and case, the administrators' pages (organisations, users, passwords, deactivation),
reassigning a case, login throttling and the purge of ended sessions; each form's success and
bad input, the access matrix of the new pages, no plaintext of the new sensitive values in the
database, and Japanese. Synthetic people only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine

from tests.test_workbench_pages import (
    CLIENT_NAME,
    FORM_TOKEN,
    PASSWORD,
    Setup,
    audit_actions,
    csrf_of,
    log_in,
    make_setup,
    post,
    session_cookie,
)
from zairyu.audit import AuditEntry, verify
from zairyu.web import sessions as web_sessions
from zairyu.workbench import service as wb
from zairyu.workbench.models import Case, Organisation, Person, User, WebSession

NEW_NAME = "Xochitl Haraguchi-Abernathy"
NEW_BORN = {"day": "9", "month": "7", "year": "1991"}
NEW_PASSWORD = "a new password for testing 4417"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    yield from make_setup(tmp_path)


def try_login(client: TestClient, username: str, password: str) -> tuple[int, str, str]:
    """Posts the login form once; returns the status, the page and the Retry-After header."""
    form = FORM_TOKEN.search(client.get("/work/login").text)
    assert form is not None
    response = client.post(
        "/work/login",
        data={"username": username, "password": password, "form_token": form.group(1)},
        follow_redirects=False,
    )
    return response.status_code, response.text, response.headers.get("retry-after", "")


def every_value(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return [
            value
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        ]


def appears(needle: str, values: list[object]) -> bool:
    for value in values:
        if isinstance(value, bytes | memoryview) and needle.encode() in bytes(value):
            return True
        if needle in str(value):
            return True
    return False


def count(setup: Setup, model: type[object]) -> int:
    with setup.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def org_id(setup: Setup, name: str) -> str:
    with setup.sessions() as s:
        return str(s.scalars(select(Organisation.id).where(Organisation.name == name)).one())


# --- intake -----------------------------------------------------------------------------------


def test_a_caseworker_takes_in_a_person_and_the_case_is_theirs(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    assert 'href="/work/intake"' in c.get("/work").text
    form = c.get("/work/intake")
    assert form.status_code == 200
    assert "The case will be assigned to you." in form.text
    assert 'name="assignee"' not in form.text  # a caseworker does not choose
    response = post(c, "/work/intake", {"name": f"  {NEW_NAME} ", **NEW_BORN})
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    case_id = re.fullmatch(r"/work/cases/([0-9a-f]{32})", location)
    assert case_id is not None
    assert NEW_NAME not in location
    page = c.get(location).text
    assert f"<h1>{NEW_NAME}</h1>" in page
    assert "9 July 1991" in page
    assigned = page[page.index('id="assignment"') :]
    assert "caseworker" in assigned[: assigned.index("</div>")]
    with setup.sessions() as s:
        case = s.get(Case, case_id.group(1))
        assert case is not None
        assert case.status == "intake"
        assert case.assigned_user_id == setup.users["caseworker"]
        assert case.organisation_id == org_id(setup, "NGO A")
    assert NEW_NAME in c.get("/work").text
    assert {"person.write", "case.open", "case.assign"} <= set(audit_actions(setup))
    # the other organisation's caseworker cannot see it; the reviewer of this one can
    other = TestClient(c.app)
    log_in(other, "caseworker_b")
    assert other.get(location).status_code == 403
    assert NEW_NAME not in other.get("/work").text
    reviewer = TestClient(c.app)
    log_in(reviewer, "reviewer")
    assert NEW_NAME in reviewer.get(location).text


def test_the_new_persons_name_and_birth_date_are_not_stored_in_plaintext(setup: Setup) -> None:
    c = setup.client
    log_in(c, "caseworker")
    assert post(c, "/work/intake", {"name": NEW_NAME, **NEW_BORN}).status_code == 303
    engine = c.app.state.store.engine  # type: ignore[attr-defined]
    values = every_value(engine)
    assert count(setup, Person) == 4
    for plaintext in (NEW_NAME, "Haraguchi", "1991-07-09", "19910709", "9 July 1991"):
        assert not appears(plaintext, values), plaintext
    # and the raw file (and its journal) do not hold them either
    raw = b"".join(p.read_bytes() for p in Path(engine.url.database).parent.glob("*.sqlite3*"))
    assert raw  # the database file was found
    assert NEW_NAME.encode() not in raw
    assert b"1991-07-09" not in raw


def test_an_admin_takes_in_for_any_organisation_and_assigns_a_caseworker_of_it(
    setup: Setup,
) -> None:
    c = setup.client
    log_in(c, "admin")
    form = c.get("/work/intake").text
    assert 'id="organisation"' in form
    assert "<optgroup" in form
    org_b = org_id(setup, "NGO B")
    org_a = org_id(setup, "NGO A")
    # a caseworker of another organisation than the one chosen: refused, typed kept
    wrong = post(
        c,
        "/work/intake",
        {"name": NEW_NAME, "organisation": org_a, "assignee": setup.users["caseworker_b"]},
    )
    assert wrong.status_code == 400
    assert "Choose a caseworker of the organisation you chose, or no one" in wrong.text
    assert f'value="{NEW_NAME}"' in wrong.text
    assert f'<option value="{org_a}" selected>' in wrong.text
    assert count(setup, Person) == 3
    no_org = post(c, "/work/intake", {"name": NEW_NAME})
    assert no_org.status_code == 400
    assert "Choose the organisation the case belongs to" in no_org.text
    ok = post(
        c,
        "/work/intake",
        {"name": NEW_NAME, "organisation": org_b, "assignee": setup.users["caseworker_b"]},
    )
    assert ok.status_code == 303, ok.text
    case_id = ok.headers["location"].rsplit("/", 1)[1]
    with setup.sessions() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert (case.organisation_id, case.assigned_user_id) == (
            org_b,
            setup.users["caseworker_b"],
        )
        person = s.get(Person, case.person_id)
        assert person is not None
        assert person.organisation_id == org_b
    unassigned = post(c, "/work/intake", {"name": "Second Synthetic Person", "organisation": org_a})
    assert unassigned.status_code == 303
    assert "No one" in c.get(unassigned.headers["location"]).text


@pytest.mark.parametrize(
    ("fields", "status_message", "kept"),
    [
        ({"name": "   ", **NEW_BORN}, "Enter the person&#39;s name", 'value="1991"'),
        (
            {"name": NEW_NAME, "day": "31", "month": "2", "year": "1990"},
            "Enter a real date: that day does not exist",
            'value="31"',
        ),
        (
            {"name": NEW_NAME, "day": "1", "month": "13", "year": "1990"},
            "Enter a real date: that day does not exist",
            'value="13"',
        ),
        (
            {"name": NEW_NAME, "day": "1", "month": "1", "year": "2031"},
            "A date of birth must be today or in the past",
            'value="2031"',
        ),
        (
            {"name": NEW_NAME, "day": "1", "month": "", "year": "1990"},
            "The date must include a month",
            f'value="{NEW_NAME}"',
        ),
        (
            {"name": NEW_NAME, "day": "x", "month": "1", "year": "1990"},
            "Enter the date using digits",
            'value="x"',
        ),
        (
            {"name": NEW_NAME, "day": "1", "month": "1", "year": "90"},
            "Enter the year with 4 digits",
            'value="90"',
        ),
        ({"name": "N" * 201}, "A name can have at most 200 characters", 'value="NNNN'),
    ],
)
def test_bad_intake_input_keeps_what_was_typed_and_writes_nothing(
    setup: Setup, fields: dict[str, str], status_message: str, kept: str
) -> None:
    c = setup.client
    log_in(c, "caseworker")
    before = (count(setup, Person), count(setup, Case))
    response = post(c, "/work/intake", fields)
    assert response.status_code == 400
    assert status_message in response.text
    assert kept in response.text
    assert "<title>Error:" in response.text
    assert 'class="error-summary"' in response.text
    assert (count(setup, Person), count(setup, Case)) == before


def test_an_empty_birth_date_is_not_recorded_and_full_width_digits_are_read(
    setup: Setup,
) -> None:
    c = setup.client
    log_in(c, "caseworker")
    empty = post(c, "/work/intake", {"name": NEW_NAME})
    assert empty.status_code == 303
    assert "Not recorded" in c.get(empty.headers["location"]).text
    wide = post(
        c, "/work/intake", {"name": "山田 花子", "year": "１９９１", "month": "７", "day": "９"}
    )
    assert wide.status_code == 303
    assert "9 July 1991" in c.get(wide.headers["location"]).text


# --- the access matrix of the new pages -------------------------------------------------------

ADMIN_PAGES = (
    "/work/admin",
    "/work/admin/organisations",
    "/work/admin/users",
    "/work/admin/users/new",
)
# user -> (intake, administration) expected status
NEW_MATRIX = {
    "admin": (200, 200),
    "caseworker": (200, 403),
    "caseworker_b": (200, 403),
    "reviewer": (403, 403),
    "client": (403, 403),
}


@pytest.mark.parametrize("username", sorted(NEW_MATRIX))
def test_the_access_matrix_of_the_new_pages(setup: Setup, username: str) -> None:
    c = setup.client
    log_in(c, username)
    intake, admin = NEW_MATRIX[username]
    listing = c.get("/work").text
    assert ('href="/work/intake"' in listing) == (intake == 200)
    assert ('href="/work/admin"' in listing) == (admin == 200)
    assert c.get("/work/intake").status_code == intake
    for path in (*ADMIN_PAGES, f"/work/admin/users/{setup.users['caseworker']}"):
        response = c.get(path)
        assert response.status_code == admin, path
        assert response.headers["cache-control"] == "no-store"
        if admin == 403:
            assert "Only an administrator can do this" in response.text
            assert "caseworker_b" not in response.text
    csrf = csrf_of(c)
    people, users, organisations = (
        count(setup, Person),
        count(setup, User),
        count(setup, Organisation),
    )
    target = setup.users["caseworker"]
    writes = {
        "/work/admin/organisations": {"organisation_name": "NGO C"},
        "/work/admin/users/new": {
            "username": "intruder",
            "role": "admin",
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
        f"/work/admin/users/{target}/password": {
            "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD,
        },
        f"/work/admin/users/{target}/active": {"active": "0"},
    }
    if admin == 403:
        for path, data in writes.items():
            assert post(c, path, data, csrf=csrf).status_code == 403, path
        assert (count(setup, User), count(setup, Organisation)) == (users, organisations)
        with setup.sessions() as s:
            worker = s.get(User, target)
            assert worker is not None
            assert worker.active
        assert try_login(TestClient(c.app), "caseworker", PASSWORD)[0] == 303
        assert "denied:user.manage" in audit_actions(setup)
        assert "denied:organisation.manage" in audit_actions(setup)
    if intake == 403:
        refused = post(c, "/work/intake", {"name": NEW_NAME, **NEW_BORN}, csrf=csrf)
        assert refused.status_code == 403
        assert "taking in new cases" in refused.text
        assert count(setup, Person) == people
        assert "denied:person.create" in audit_actions(setup)
    else:
        made = post(c, "/work/intake", {"name": NEW_NAME, **NEW_BORN}, csrf=csrf)
        if username == "admin":  # an administrator chooses the organisation
            made = post(
                c,
                "/work/intake",
                {"name": NEW_NAME, "organisation": org_id(setup, "NGO A"), **NEW_BORN},
                csrf=csrf,
            )
        assert made.status_code == 303
        assert count(setup, Person) == people + 1


def test_every_new_form_needs_the_sessions_csrf_token(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    target = setup.users["caseworker"]
    for path, data in (
        ("/work/intake", {"name": NEW_NAME, "organisation": org_id(setup, "NGO A")}),
        ("/work/admin/organisations", {"organisation_name": "NGO C"}),
        ("/work/admin/users/new", {"username": "x", "role": "admin", "password": NEW_PASSWORD}),
        (f"/work/admin/users/{target}/password", {"password": NEW_PASSWORD}),
        (f"/work/admin/users/{target}/active", {"active": "0"}),
        (f"/work/cases/{setup.own_case}/assign", {"assignee": ""}),
    ):
        response = post(c, path, {**data, "password_again": NEW_PASSWORD}, csrf="0" * 64)
        assert response.status_code == 403, path
        assert "could not be checked" in response.text
    assert (count(setup, Person), count(setup, Organisation), count(setup, User)) == (3, 2, 5)
    with setup.sessions() as s:
        case = s.get(Case, setup.own_case)
        assert case is not None
        assert case.assigned_user_id == setup.users["caseworker"]


# --- organisations ----------------------------------------------------------------------------


def test_an_admin_adds_organisations_and_bad_names_are_refused(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    page = c.get("/work/admin/organisations").text
    assert "NGO A" in page
    assert "NGO B" in page
    added = post(c, "/work/admin/organisations", {"organisation_name": " Legal  Aid  Clinic "})
    assert added.status_code == 303
    listed = c.get(added.headers["location"]).text
    assert "The organisation was added." in listed
    assert "Legal Aid Clinic" in listed
    for typed, message in (
        ("", "Enter the organisation&#39;s name"),
        ("ngo a", "There is already an organisation with this name"),
        ("O" * 201, "A name can have at most 200 characters"),
    ):
        response = post(c, "/work/admin/organisations", {"organisation_name": typed})
        assert response.status_code == 400, typed
        assert message in response.text
        assert f'value="{typed}"' in response.text
    assert count(setup, Organisation) == 3
    assert "organisation.create" in audit_actions(setup)


# --- users ------------------------------------------------------------------------------------


def new_user(
    c: TestClient, setup: Setup, username: str, role: str, **extra: str
) -> tuple[int, str]:
    data = {
        "username": username,
        "role": role,
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
        **extra,
    }
    response = post(c, "/work/admin/users/new", data)
    return response.status_code, response.headers.get("location", "") or response.text


def test_an_admin_adds_a_caseworker_who_can_then_log_in(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    form = c.get("/work/admin/users/new").text
    assert 'type="password"' in form
    status, location = new_user(
        c, setup, "caseworker2", "caseworker", organisation=org_id(setup, "NGO A")
    )
    assert status == 303, location
    shown = c.get(location)
    assert "The user was created. Their password is not shown again." in shown.text
    assert NEW_PASSWORD not in shown.text
    assert "caseworker2" in c.get("/work/admin/users").text
    with setup.sessions() as s:
        user = s.scalars(select(User).where(User.username == "caseworker2")).one()
        assert user.role == "caseworker"
        assert user.password_hash.startswith("$argon2id$")
    worker = TestClient(c.app)
    assert log_in(worker, "caseworker2", NEW_PASSWORD) == "/work"
    assert CLIENT_NAME in worker.get("/work").text  # their organisation's cases
    assert not appears(NEW_PASSWORD, every_value(c.app.state.store.engine))  # type: ignore[attr-defined]


def test_an_admin_adds_a_client_who_sees_only_their_own_case(setup: Setup) -> None:
    c = setup.client
    log_in(c, "admin")
    form = c.get("/work/admin/users/new").text
    with setup.sessions() as s:
        case = s.get(Case, setup.own_case)
        assert case is not None
        person_id = case.person_id
    assert CLIENT_NAME in form  # the person is chosen by name (decrypted for the admin)
    assert "person.list" in audit_actions(setup)
    status, location = new_user(c, setup, "client2", "client", person=person_id)
    assert status == 303, location
    with setup.sessions() as s:
        user = s.scalars(select(User).where(User.username == "client2")).one()
        assert (user.person_id, user.organisation_id) == (person_id, org_id(setup, "NGO A"))
    client = TestClient(c.app)
    log_in(client, "client2", NEW_PASSWORD)
    assert client.get(f"/work/cases/{setup.own_case}").status_code == 200
    assert client.get(f"/work/cases/{setup.other_case}").status_code == 403


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"username": ""}, "username", "Enter a user name"),
        ({"username": "two words"}, "username", "without spaces"),
        ({"username": "u" * 121}, "username", "at most 120 characters"),
        ({"username": "reviewer"}, "username", "This user name is taken"),
        ({"role": ""}, "role", "Choose the user&#39;s role"),
        ({"role": "superuser"}, "role", "Choose the user&#39;s role"),
        ({"role": "caseworker", "organisation": ""}, "organisation", "Choose the organisation"),
        ({"role": "reviewer", "organisation": "f" * 32}, "organisation", "from the list"),
        ({"role": "client", "person": ""}, "person", "Choose the person this client is"),
        ({"password": "short", "password_again": "short"}, "password", "at least 12"),
        ({"password_again": "something else entirely"}, "password_again", "are not the same"),
    ],
)
def test_bad_user_input_is_refused_with_the_message_and_no_password_comes_back(
    setup: Setup, fields: dict[str, str], field: str, message: str
) -> None:
    c = setup.client
    log_in(c, "admin")
    data = {
        "username": "newcomer",
        "role": "reviewer",
        "organisation": org_id(setup, "NGO A"),
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
        **fields,
    }
    users = count(setup, User)
    response = post(c, "/work/admin/users/new", data)
    assert response.status_code == 400
    assert message in response.text
    assert f'id="{field}-error"' in response.text
    assert NEW_PASSWORD not in response.text
    if data["username"] and field != "username":
        assert f'value="{data["username"]}"' in response.text  # what was typed is kept
    assert count(setup, User) == users


def test_an_admin_resets_a_password_and_the_old_sessions_end(setup: Setup) -> None:
    c = setup.client
    worker = TestClient(c.app)
    log_in(worker, "caseworker")
    assert worker.get("/work").status_code == 200
    with wb.unit_of_work(setup.sessions) as s:
        user = s.get(User, setup.users["caseworker"])
        assert user is not None
        api_token = wb.issue_token(s, user, setup.key)
    log_in(c, "admin")
    path = f"/work/admin/users/{setup.users['caseworker']}/password"
    short = post(c, path, {"password": "too short", "password_again": "too short"})
    assert short.status_code == 400
    assert "Enter a password of at least 12 characters" in short.text
    assert "too short" not in short.text
    mismatch = post(c, path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 400
    assert "The two passwords are not the same" in mismatch.text
    assert worker.get("/work").status_code == 200  # nothing happened yet
    done = post(c, path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert done.status_code == 303
    page = c.get(done.headers["location"]).text
    assert "The new password was saved" in page
    assert NEW_PASSWORD not in page
    assert worker.get("/work", follow_redirects=False).status_code == 303  # logged out
    with setup.sessions() as s, pytest.raises(wb.AuthenticationError):
        wb.user_for_token(s, api_token)
    assert try_login(TestClient(c.app), "caseworker", PASSWORD)[0] == 401
    assert log_in(TestClient(c.app), "caseworker", NEW_PASSWORD) == "/work"
    assert "user.password" in audit_actions(setup)
    with wb.unit_of_work(setup.sessions) as s:
        admin = s.get(User, setup.users["admin"])
        assert admin is not None
        with pytest.raises(ValueError, match="at least 12"):
            wb.set_password(s, admin, setup.key, setup.users["caseworker"], "short")


def test_an_admin_deactivates_and_reactivates_a_user_but_not_themselves(setup: Setup) -> None:
    c = setup.client
    worker = TestClient(c.app)
    log_in(worker, "caseworker")
    log_in(c, "admin")
    path = f"/work/admin/users/{setup.users['caseworker']}/active"
    page = c.get(f"/work/admin/users/{setup.users['caseworker']}").text
    assert "Deactivate this user" in page
    bad = post(c, path, {"active": "maybe"})
    assert bad.status_code == 400
    assert "Choose whether the user is active" in bad.text
    off = post(c, path, {"active": "0"})
    assert off.status_code == 303
    assert "The user was deactivated" in c.get(off.headers["location"]).text
    assert "Deactivated" in c.get("/work/admin/users").text
    assert worker.get("/work", follow_redirects=False).status_code == 303
    status, text_, _ = try_login(TestClient(c.app), "caseworker", PASSWORD)
    assert status == 401
    assert "The user name or the password is wrong" in text_
    # the cases stay, and the name stays on what they did
    with setup.sessions() as s:
        assert s.get(Case, setup.own_case) is not None
        user = s.get(User, setup.users["caseworker"])
        assert user is not None
        assert not user.active
    on = post(c, path, {"active": "1"})
    assert on.status_code == 303
    assert "The user was reactivated." in c.get(on.headers["location"]).text
    assert log_in(TestClient(c.app), "caseworker") == "/work"
    own = f"/work/admin/users/{setup.users['admin']}"
    assert "You cannot deactivate yourself" in c.get(own).text
    refused = post(c, f"{own}/active", {"active": "0"})
    assert refused.status_code == 400
    assert "You cannot deactivate yourself" in refused.text
    assert c.get("/work").status_code == 200
    actions = audit_actions(setup)
    assert "user.deactivate" in actions
    assert "user.activate" in actions
    assert c.get("/work/admin/users/" + "0" * 32).status_code == 404
    assert c.get("/work/admin/users/not-an-id").status_code == 404


# --- reassigning a case -----------------------------------------------------------------------


def test_a_case_is_reassigned_only_to_an_active_caseworker_of_its_organisation(
    setup: Setup,
) -> None:
    c = setup.client
    log_in(c, "admin")
    status, _location = new_user(
        c, setup, "caseworker2", "caseworker", organisation=org_id(setup, "NGO A")
    )
    assert status == 303
    with setup.sessions() as s:
        second = s.scalars(select(User.id).where(User.username == "caseworker2")).one()
    case = f"/work/cases/{setup.own_case}"
    page = c.get(case).text
    form = page[page.index(f'action="{case}/assign"') :]
    form = form[: form.index("</form>")]
    assert "caseworker2" in form
    assert setup.users["caseworker_b"] not in form  # only this organisation's caseworkers
    assert setup.users["reviewer"] not in form
    moved = post(c, f"{case}/assign", {"assignee": second})
    assert moved.status_code == 303
    assert moved.headers["location"] == f"{case}#assignment"
    with setup.sessions() as s:
        row = s.get(Case, setup.own_case)
        assert row is not None
        assert row.assigned_user_id == second
    for wrong in (setup.users["caseworker_b"], setup.users["reviewer"], "0" * 32):
        refused = post(c, f"{case}/assign", {"assignee": wrong})
        assert refused.status_code == 400
        assert "Choose a caseworker of the case&#39;s organisation" in refused.text
    nobody = post(c, f"{case}/assign", {"assignee": ""})
    assert nobody.status_code == 303
    with setup.sessions() as s:
        row = s.get(Case, setup.own_case)
        assert row is not None
        assert row.assigned_user_id is None
    # a caseworker of the organisation may reassign; a reviewer may not
    worker = TestClient(c.app)
    log_in(worker, "caseworker")
    assert (
        post(worker, f"{case}/assign", {"assignee": setup.users["caseworker"]}).status_code == 303
    )
    reviewer = TestClient(c.app)
    log_in(reviewer, "reviewer")
    assert f'action="{case}/assign"' not in reviewer.get(case).text
    assert post(reviewer, f"{case}/assign", {"assignee": ""}).status_code == 403
    with setup.sessions() as s:
        row = s.get(Case, setup.own_case)
        assert row is not None
        assert row.assigned_user_id == setup.users["caseworker"]
    assert "denied:case.assign" in audit_actions(setup)


# --- login throttling -------------------------------------------------------------------------


def test_repeated_failures_throttle_a_user_name_whether_or_not_it_exists(setup: Setup) -> None:
    c = setup.client
    pages = {}
    for username in ("caseworker", "nobody-at-all"):
        for attempt in range(wb.THROTTLE_FAILURES):
            status, _page, _ = try_login(c, username, f"wrong password {attempt}")
            assert status == 401, (username, attempt)
        # now even the right password is refused, with a clear message and a Retry-After
        status, page, retry = try_login(c, username, PASSWORD)
        assert status == 429
        assert "too many failed attempts to log in with this user name" in page
        assert "Wait 15 minutes" in page
        assert retry == "900"
        assert web_sessions.COOKIE not in c.cookies
        pages[username] = FORM_TOKEN.sub("", page.replace(username, "NAME"))
    # the same page for a name that exists and one that does not
    assert pages["caseworker"] == pages["nobody-at-all"]
    # other names are not affected
    assert log_in(TestClient(c.app), "reviewer") == "/work"
    with setup.sessions() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action.like("auth.%"))).all()
    failed = [e for e in entries if e.action == "auth.failed"]
    throttled = [e for e in entries if e.action == "auth.throttled"]
    assert len(failed) == 2 * wb.THROTTLE_FAILURES
    assert len(throttled) == 2
    assert {e.actor for e in failed} == {f"user:{setup.users['caseworker']}", "anonymous"}
    for entry in entries:  # the log never holds a typed name
        assert "nobody" not in entry.subject + entry.actor
        assert "caseworker" not in entry.subject + entry.actor
    with setup.sessions() as s:
        assert verify(s, setup.key) == []


def test_the_throttle_lifts_after_the_window(setup: Setup) -> None:
    start = dt.datetime.now(dt.UTC)
    with wb.unit_of_work(setup.sessions) as s:
        for minute in range(wb.THROTTLE_FAILURES):
            moment = start + dt.timedelta(minutes=minute)
            with pytest.raises(wb.AuthenticationError) as raised:
                wb.authenticate(s, setup.key, "caseworker", "wrong", now=moment)
            assert not isinstance(raised.value, wb.ThrottledError)
    last = start + dt.timedelta(minutes=wb.THROTTLE_FAILURES - 1)
    with setup.sessions() as s:
        until = wb.throttled_until(s, setup.key, "caseworker", last)
        assert until == start + wb.THROTTLE_WINDOW
        assert wb.throttled_until(s, setup.key, "caseworker", until - dt.timedelta(seconds=1))
        # the oldest failure leaves the window: four remain, and a login is allowed again
        assert wb.throttled_until(s, setup.key, "caseworker", until) is None
        assert wb.throttled_until(s, setup.key, "reviewer", last) is None
    with wb.unit_of_work(setup.sessions) as s, pytest.raises(wb.ThrottledError):
        wb.authenticate(s, setup.key, "caseworker", PASSWORD, now=last)
    with wb.unit_of_work(setup.sessions) as s:
        user = wb.authenticate(s, setup.key, "caseworker", PASSWORD, now=until)
        assert user.id == setup.users["caseworker"]


def test_the_token_api_is_throttled_too(setup: Setup) -> None:
    c = setup.client
    for _ in range(wb.THROTTLE_FAILURES):
        bad = c.post("/api/v1/tokens", json={"username": "caseworker", "password": "wrong"})
        assert bad.status_code == 401
    refused = c.post("/api/v1/tokens", json={"username": "caseworker", "password": PASSWORD})
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "too many failed logins" in refused.json()["detail"]


# --- purging ended sessions -------------------------------------------------------------------


def test_logging_in_purges_sessions_ended_more_than_a_day_ago(setup: Setup) -> None:
    now = dt.datetime.now(dt.UTC)
    old = now - web_sessions.PURGE_AFTER - dt.timedelta(minutes=5)
    recent = now - dt.timedelta(hours=2)
    kinds = {
        # name: (created, last seen, expires, ended), and whether it is purged
        "ended long ago": ((old, old, old + web_sessions.LIFETIME, old), True),
        "expired long ago": ((old - web_sessions.LIFETIME, old, old, None), True),
        "idle long ago": ((old - dt.timedelta(hours=1), old - web_sessions.IDLE_TIMEOUT, now + dt.timedelta(hours=1), None), True),
        "ended recently": ((recent, recent, recent + web_sessions.LIFETIME, recent), False),
        "idle recently": ((recent, recent, recent + web_sessions.LIFETIME, None), False),
        "live": ((now, now, now + web_sessions.LIFETIME, None), False),
    }  # fmt: skip
    ids = {}
    with wb.unit_of_work(setup.sessions) as s:
        for name, ((created, seen, expires, ended), _purged) in kinds.items():
            row = WebSession(
                id=f"{len(ids):032x}",
                user_id=setup.users["reviewer"],
                token_hash=f"{len(ids):064x}",
                created_at=created,
                last_seen_at=seen,
                expires_at=expires,
                ended_at=ended,
            )
            s.add(row)
            ids[name] = row.id
    log_in(setup.client, "caseworker")
    with setup.sessions() as s:
        left = set(s.scalars(select(WebSession.id)))
    for name, (_times, purged) in kinds.items():
        assert (ids[name] not in left) == purged, name
    assert len(left) == 4  # the three kept, and the new one
    assert "session.purge" in audit_actions(setup)
    # nothing more to purge: no second entry
    log_in(TestClient(setup.client.app), "caseworker")
    assert audit_actions(setup).count("session.purge") == 1


# --- Japanese, and both databases -------------------------------------------------------------


def test_the_new_pages_are_in_japanese(setup: Setup) -> None:
    c = setup.client
    c.cookies.set("zairyu_lang", "ja")
    log_in(c, "admin")
    intake = c.get("/work/intake").text
    assert "新規案件" in intake
    assert "生年月日" in intake
    bad = post(c, "/work/intake", {"name": "", "day": "31", "month": "2", "year": "1990"})
    assert bad.status_code == 400
    assert "氏名を入力してください" in bad.text
    assert "団体を選んでください" in bad.text
    admin = c.get("/work/admin").text
    assert "管理" in admin
    # The registry's operators page is reached from the administration page.
    assert 'href="/work/registry/operators"' in admin
    users = c.get("/work/admin/users").text
    assert "管理者" in users
    assert "担当職員" in users
    short = post(
        c,
        f"/work/admin/users/{setup.users['caseworker']}/password",
        {"password": "short", "password_again": "short"},
    )
    assert "12文字以上" in short.text
    worker = TestClient(c.app)
    worker.cookies.set("zairyu_lang", "ja")
    for _ in range(wb.THROTTLE_FAILURES):
        try_login(worker, "caseworker", "wrong")
    status, page, _ = try_login(worker, "caseworker", PASSWORD)
    assert status == 429
    assert "15分" in page


def test_intake_throttling_and_purge_on_both_databases(tmp_path: Path, database_url: str) -> None:
    for setup in make_setup(tmp_path, database_url):
        c = setup.client
        log_in(c, "caseworker")
        made = post(c, "/work/intake", {"name": NEW_NAME, **NEW_BORN})
        assert made.status_code == 303
        assert NEW_NAME in c.get(made.headers["location"]).text
        assert not appears(NEW_NAME, every_value(c.app.state.store.engine))  # type: ignore[attr-defined]
        other = TestClient(c.app)
        for _ in range(wb.THROTTLE_FAILURES):
            assert try_login(other, "nobody", "wrong")[0] == 401
        assert try_login(other, "nobody", "wrong")[0] == 429
        token = session_cookie(c)
        assert post(c, "/work/logout", {}).status_code == 303
        with wb.unit_of_work(setup.sessions) as s:
            row = s.scalars(
                select(WebSession).where(WebSession.token_hash == web_sessions.token_hash(token))
            ).one()
            row.ended_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
        log_in(c, "caseworker")
        with setup.sessions() as s:
            assert s.get(WebSession, row.id) is None
