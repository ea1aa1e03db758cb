"""The workbench's REST API (zairyu.web.workbench_api) through the app: a caseworker's whole flow,
what a client sees, the 401/403/404/409/422 answers, and a smoke test on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from zairyu.audit import audit_key
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.access import Role
from zairyu.workbench.models import CaseFact

AS_OF = dt.date(2026, 11, 22)
PASSWORD = "correct horse battery staple 9731"
NAME = "Quetzalcoatl Yamanaka-Okonkwo"


@dataclass
class Setup:
    client: TestClient
    org: str
    other_org: str
    client_person: str
    users: dict[str, str]  # name -> user id


def make_setup(tmp_path: Path, database_url: str | None = None) -> Iterator[Setup]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, as_of=AS_OF)
    app = create_app(settings)
    secret = load_or_create_secret(tmp_path / "secret.key")
    key = audit_key(secret)
    cipher = app.state.field_cipher
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    users: dict[str, str] = {}
    with wb.unit_of_work(sessions) as s:
        admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
        users["admin"] = admin.id
        org = wb.create_organisation(s, admin, key, "NGO A").id
        other = wb.create_organisation(s, admin, key, "NGO B").id
        person = wb.create_person(
            s, admin, cipher, key, organisation_id=org, name="Client Person", birth_date=None
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
    with TestClient(app) as client:
        yield Setup(client, org, other, person, users)
    app.state.store.engine.dispose()


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    yield from make_setup(tmp_path)


def login(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/tokens", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def new_case(client: TestClient, auth: dict[str, str], org: str, person: str | None = None) -> str:
    if person is None:
        response = client.post(
            "/api/v1/persons",
            json={"organisation_id": org, "name": NAME, "birth_date": "1987-03-14"},
            headers=auth,
        )
        assert response.status_code == 201, response.text
        assert response.json()["name"] == NAME
        person = str(response.json()["id"])
    response = client.post("/api/v1/cases", json={"person_id": person}, headers=auth)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def put_fact(client: TestClient, auth: dict[str, str], case: str, name: str, value: Any) -> Any:
    return client.put(f"/api/v1/cases/{case}/facts/{name}", json={"value": value}, headers=auth)


def test_a_caseworkers_whole_flow(setup: Setup) -> None:
    c = setup.client
    auth = login(c, "caseworker")
    case = new_case(c, auth, setup.org)
    assert [x["id"] for x in c.get("/api/v1/cases", headers=auth).json()] == [case]

    document = c.post(
        f"/api/v1/cases/{case}/documents", json={"title": "Residence card"}, headers=auth
    ).json()
    assert document["status"] == "needed"
    response = c.put(
        f"/api/v1/cases/{case}/facts/applicant.landed_on",
        json={"value": "2011-04-27", "source_document_id": document["id"]},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    assert response.json()["source_document_id"] == document["id"]
    assert put_fact(c, auth, case, "relationship.same_sex", True).status_code == 200

    facts = c.get(f"/api/v1/cases/{case}/facts", headers=auth).json()
    by_name = {f["name"]: f for f in facts}
    assert by_name["applicant.landed_on"]["value"] == "2011-04-27"
    assert by_name["applicant.landed_on"]["entered_by"] == setup.users["caseworker"]
    assert by_name["relationship.same_sex"]["value"] is True

    first = c.post(f"/api/v1/cases/{case}/screen", json={"as_of": str(AS_OF)}, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["result"]["pathways"]
    assert first.json()["facts"]["relationship.same_sex"] is True

    assert put_fact(c, auth, case, "relationship.same_sex", False).status_code == 200
    history = c.get(
        f"/api/v1/cases/{case}/facts/relationship.same_sex/history", headers=auth
    ).json()
    assert [h["value"] for h in history] == [True, False]
    assert history[0]["superseded_by"] == history[1]["id"]
    second = c.post(f"/api/v1/cases/{case}/screen", headers=auth)  # no body: defaults
    assert second.status_code == 201, second.text
    assert second.json()["as_of"] == str(AS_OF)

    one, two = first.json()["id"], second.json()["id"]
    listed = c.get(f"/api/v1/cases/{case}/determinations", headers=auth).json()
    assert [d["id"] for d in listed] == [one, two]
    again = c.get(f"/api/v1/cases/{case}/determinations/{one}", headers=auth).json()
    assert again["facts"]["relationship.same_sex"] is True  # frozen
    comparison = c.get(f"/api/v1/cases/{case}/determinations/{one}/compare/{two}", headers=auth)
    assert comparison.status_code == 200, comparison.text
    assert comparison.json()["facts_changed"] == {
        "relationship.same_sex": {"before": True, "after": False}
    }
    assert any("relationship.same_sex" in line for line in comparison.json()["summary"])

    taken = c.post(f"/api/v1/cases/{case}/deadlines/from-determination/{two}", headers=auth)
    assert taken.status_code == 201, taken.text
    manual = c.post(
        f"/api/v1/cases/{case}/deadlines",
        json={"due": "2026-12-24", "text": "Call the immigration bureau"},
        headers=auth,
    ).json()
    done = c.patch(
        f"/api/v1/cases/{case}/deadlines/{manual['id']}", json={"done": True}, headers=auth
    )
    assert done.json()["done"] is True
    deadlines = c.get(f"/api/v1/cases/{case}/deadlines", headers=auth).json()
    assert len(deadlines) == len(taken.json()) + 1
    # taking them again adds nothing
    assert (
        c.post(f"/api/v1/cases/{case}/deadlines/from-determination/{two}", headers=auth).json()
        == []
    )

    ics = c.get(f"/api/v1/cases/{case}/deadlines.ics", headers=auth)
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert len(events) == len(deadlines)
    assert "Call the immigration bureau" in {str(e["SUMMARY"]) for e in events}
    assert dt.date(2026, 12, 24) in {e.decoded("DTSTART") for e in events}

    updated = c.patch(
        f"/api/v1/cases/{case}/documents/{document['id']}",
        json={"status": "received"},
        headers=auth,
    )
    assert updated.json()["status"] == "received"
    note = c.post(f"/api/v1/cases/{case}/notes", json={"body": "Called the client"}, headers=auth)
    assert note.status_code == 201
    moved = c.post(
        f"/api/v1/cases/{case}/transition", json={"to_status": "screening"}, headers=auth
    )
    assert moved.json()["status"] == "screening"
    assigned = c.post(
        f"/api/v1/cases/{case}/assign", json={"user_id": setup.users["caseworker"]}, headers=auth
    )
    assert assigned.json()["assigned_user_id"] == setup.users["caseworker"]

    export = c.get(f"/api/v1/cases/{case}/export.json", headers=auth)
    assert export.status_code == 200, export.text
    body = export.json()
    assert body["case"]["facts"] == {
        "applicant.landed_on": "2011-04-27",
        "relationship.same_sex": False,
    }
    assert body["case"]["person"]["name"] == NAME
    assert len(body["fact_history"]) == 3
    assert [d["id"] for d in body["determinations"]] == [one, two]
    assert [n["body"] for n in body["notes"]] == ["Called the client"]
    assert len(body["deadlines"]) == len(deadlines)
    assert body["documents"][0]["title"] == "Residence card"

    assert c.delete("/api/v1/tokens/current", headers=auth).status_code == 204
    revoked = c.get("/api/v1/cases", headers=auth)
    assert revoked.status_code == 401
    assert revoked.headers["www-authenticate"] == "Bearer"


def test_a_client_sees_only_their_own_case_and_no_notes(setup: Setup) -> None:
    c = setup.client
    worker = login(c, "caseworker")
    own = new_case(c, worker, setup.org, setup.client_person)
    other = new_case(c, worker, setup.org)
    c.post(f"/api/v1/cases/{own}/notes", json={"body": "internal"}, headers=worker)
    assert put_fact(c, worker, own, "relationship.same_sex", True).status_code == 200

    auth = login(c, "client")
    assert [x["id"] for x in c.get("/api/v1/cases", headers=auth).json()] == [own]
    assert c.get(f"/api/v1/cases/{own}", headers=auth).status_code == 200
    assert c.get(f"/api/v1/cases/{own}/facts", headers=auth).status_code == 200
    refused = c.get(f"/api/v1/cases/{other}", headers=auth)
    assert refused.status_code == 403
    assert "may not" in refused.json()["detail"]
    assert c.get(f"/api/v1/cases/{own}/notes", headers=auth).status_code == 403
    export = c.get(f"/api/v1/cases/{own}/export.json", headers=auth)
    assert export.status_code == 200
    assert export.json()["notes"] is None
    assert "internal" not in export.text
    assert put_fact(c, auth, own, "relationship.same_sex", False).status_code == 403
    assert c.post(f"/api/v1/cases/{own}/screen", headers=auth).status_code == 403


def test_401_403_404_409_422(setup: Setup) -> None:
    c = setup.client
    bad = c.post("/api/v1/tokens", json={"username": "caseworker", "password": "wrong"})
    assert bad.status_code == 401
    assert bad.headers["www-authenticate"] == "Bearer"
    assert "detail" in bad.json()
    assert c.post("/api/v1/tokens", json={"username": "nobody", "password": "x"}).status_code == 401
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic eA=="}):
        response = c.get("/api/v1/cases", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
        assert isinstance(response.json()["detail"], str)

    auth = login(c, "caseworker")
    case = new_case(c, auth, setup.org)
    other = login(c, "caseworker_b")
    assert c.get(f"/api/v1/cases/{case}", headers=other).status_code == 403
    assert c.get(f"/api/v1/cases/{case}/deadlines.ics", headers=other).status_code == 403
    reviewer = login(c, "reviewer")
    assert (
        c.post(f"/api/v1/cases/{case}/notes", json={"body": "x"}, headers=reviewer).status_code
        == 403
    )
    assert c.get(f"/api/v1/cases/{case}/notes", headers=reviewer).status_code == 200
    refused_person = c.post(
        "/api/v1/persons", json={"organisation_id": setup.org, "name": "X"}, headers=other
    )
    assert refused_person.status_code == 403

    missing = "0" * 32
    for path in (
        f"/api/v1/cases/{missing}",
        "/api/v1/cases/not-an-id",
        f"/api/v1/cases/{case}/determinations/{missing}",
        f"/api/v1/cases/{case}/determinations/{missing}/compare/{missing}",
        f"/api/v1/cases/{case}/facts/no.such.fact/history",
        f"/api/v1/cases/{missing}/export.json",
    ):
        assert c.get(path, headers=auth).status_code == 404, path
    assert (
        c.patch(
            f"/api/v1/cases/{case}/documents/{missing}", json={"status": "received"}, headers=auth
        ).status_code
        == 404
    )
    assert (
        c.post(
            f"/api/v1/cases/{case}/deadlines/from-determination/{missing}", headers=auth
        ).status_code
        == 404
    )
    # a determination of another case is not found in this one
    second = new_case(c, auth, setup.org)
    made = c.post(f"/api/v1/cases/{second}/screen", headers=auth).json()["id"]
    assert c.get(f"/api/v1/cases/{case}/determinations/{made}", headers=auth).status_code == 404

    conflict = c.post(f"/api/v1/cases/{case}/transition", json={"to_status": "filed"}, headers=auth)
    assert conflict.status_code == 409
    assert "cannot go" in conflict.json()["detail"]
    invalid = c.post(f"/api/v1/cases/{case}/transition", json={"to_status": "x"}, headers=auth)
    assert invalid.status_code == 422
    wrong = c.post(
        f"/api/v1/cases/{case}/assign", json={"user_id": setup.users["reviewer"]}, headers=auth
    )
    assert wrong.status_code == 422


def test_a_refused_fact_writes_nothing(setup: Setup) -> None:
    c = setup.client
    auth = login(c, "caseworker")
    case = new_case(c, auth, setup.org)
    assert put_fact(c, auth, case, "applicant.landed_on", "2011-04-27").status_code == 200
    engine = c.app.state.store.engine  # type: ignore[attr-defined]

    def count() -> int:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(CaseFact)).scalar_one())

    before = count()
    for name, value in (
        ("applicant.landed_on", "not a date"),
        ("applicant.landed_on", "2011-02-30"),
        ("no.such.fact", True),
        ("relationship.same_sex", "perhaps"),
    ):
        response = put_fact(c, auth, case, name, value)
        assert response.status_code == 422, (name, value, response.text)
        problems = response.json()["problems"]
        assert problems
        assert all({"fact", "message"} <= set(p) for p in problems)
    bad_source = c.put(
        f"/api/v1/cases/{case}/facts/relationship.same_sex",
        json={"value": True, "source_document_id": "0" * 32},
        headers=auth,
    )
    assert bad_source.status_code == 404
    assert count() == before
    facts = c.get(f"/api/v1/cases/{case}/facts", headers=auth).json()
    assert [(f["name"], f["value"]) for f in facts] == [("applicant.landed_on", "2011-04-27")]


def test_the_openapi_description_covers_the_workbench(setup: Setup) -> None:
    schema = setup.client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/tokens",
        "/api/v1/tokens/current",
        "/api/v1/cases",
        "/api/v1/persons",
        "/api/v1/cases/{case_id}/facts/{name}",
        "/api/v1/cases/{case_id}/determinations/{determination_id}/compare/{other_id}",
        "/api/v1/cases/{case_id}/deadlines/from-determination/{determination_id}",
        "/api/v1/cases/{case_id}/export.json",
        "/api/v1/cases/{case_id}/deadlines.ics",
    ):
        assert path in paths, path
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert "401" in paths["/api/v1/cases"]["get"]["responses"]


def test_smoke_on_both_databases(tmp_path: Path, database_url: str) -> None:
    for setup in make_setup(tmp_path, database_url):
        c = setup.client
        auth = login(c, "caseworker")
        case = new_case(c, auth, setup.org)
        assert put_fact(c, auth, case, "relationship.same_sex", True).status_code == 200
        assert put_fact(c, auth, case, "relationship.same_sex", "perhaps").status_code == 422
        made = c.post(f"/api/v1/cases/{case}/screen", headers=auth)
        assert made.status_code == 201, made.text
        export = c.get(f"/api/v1/cases/{case}/export.json", headers=auth).json()
        assert export["case"]["facts"] == {"relationship.same_sex": True}
        assert c.get(f"/api/v1/cases/{case}/deadlines.ics", headers=auth).status_code == 200
        assert c.get("/api/v1/cases/" + "0" * 32, headers=auth).status_code == 404
