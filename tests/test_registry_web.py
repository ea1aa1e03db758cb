"""The registry on the web, on SQLite and PostgreSQL: the public verification page (ja and en)
and API, the published keys, and the couple's application form, through the whole app."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import AS_OF
from zairyu.audit import audit_key
from zairyu.registry import service
from zairyu.registry.models import RegistryApplication
from zairyu.registry.payload import Holder
from zairyu.registry.verify import ALLOWED_KEYS
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench.cipher import FieldCipher

from .registry_cases import ELIGIBLE_FACTS

OFFICER = "officer:web-test"
FIRST = Holder("Ximena Okonkwo-Tanabe", dt.date(1991, 7, 4))
SECOND = Holder("佐久間　蒼", dt.date(1989, 2, 14))
FACTS: dict[str, object] = dict(ELIGIBLE_FACTS)


@dataclass
class Site:
    client: TestClient
    sessions: sessionmaker[Session]
    cipher: FieldCipher
    key: bytes

    def issue(self) -> str:
        with self.sessions.begin() as s:
            found = service.apply(
                s, self.cipher, self.key, issuer="fukuoka-city", holders=(FIRST, SECOND),
                facts=FACTS, applied_on=AS_OF,
            )  # fmt: skip
            service.accept_oath(s, self.key, OFFICER, found.id, AS_OF)
            return service.issue(s, self.cipher, self.key, OFFICER, found.id, AS_OF).payload


@pytest.fixture
def site(tmp_path: Path, database_url: str) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path, database_url=database_url, as_of=AS_OF)
    settings.public_url = "https://registry.example"  # the print route refuses without it
    app = create_app(settings)
    secret = load_or_create_secret(tmp_path / "secret.key")
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    cipher = app.state.field_cipher
    key = audit_key(secret)
    with sessions.begin() as s:
        service.register_issuer(s, cipher, key, OFFICER, "fukuoka-city", AS_OF)
    with TestClient(app) as client:
        yield Site(client, sessions, cipher, key)
    app.state.store.engine.dispose()


def _form(payload: str, first: Holder = FIRST, second: Holder = SECOND) -> dict[str, str]:
    return {
        "payload": payload,
        "name1": first.name,
        "birth1": first.birth_date.isoformat(),
        "name2": second.name,
        "birth2": second.birth_date.isoformat(),
    }


def _verdict(html: str) -> str:
    found = re.search(r'data-verdict="([a-z_]+)"', html)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "valid_text", "mismatch_text"),
    [
        ("en", "Valid: issued by Fukuoka City", "Does not match"),
        ("ja", "有効：福岡市", "一致しません"),
    ],
)
def test_the_verification_page_in_japanese_and_english(
    site: Site, lang: str, valid_text: str, mismatch_text: str
) -> None:
    site.client.cookies.set("zairyu_lang", lang)
    payload = site.issue()
    form = site.client.get("/verify")
    assert form.status_code == 200
    assert f'<html lang="{lang}">' in form.text
    valid = site.client.post("/verify", data=_form(payload))
    assert valid.status_code == 200
    assert _verdict(valid.text) == "valid"
    assert valid_text in valid.text
    # The holders' names are never echoed back on the result page.
    assert FIRST.name not in valid.text
    assert "佐久間" not in valid.text
    wrong = site.client.post("/verify", data=_form(payload, second=FIRST))
    assert _verdict(wrong.text) == "does_not_match"
    assert mismatch_text in wrong.text
    assert "Fukuoka" not in wrong.text
    assert "福岡市" not in wrong.text


def test_the_verification_page_names_each_missing_answer_and_keeps_what_was_typed(
    site: Site,
) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    response = site.client.post(
        "/verify", data={"payload": "ABCD", "name1": "A", "birth1": "1990-02-30"}
    )
    assert response.status_code == 400
    assert "Enter the birth date of partner 1" in response.text
    assert "Enter the name of partner 2 as printed" in response.text
    assert "Enter the text of the certificate" not in response.text
    assert ">ABCD</textarea>" in response.text
    too_long = site.client.post("/verify", data=_form("A" * 2001, first=Holder("x" * 201, AS_OF)))
    assert too_long.status_code == 400
    assert "The code is too long" in too_long.text
    assert "The name of partner 1 is too long: at most 200 characters" in too_long.text
    assert "Enter the name of partner 2" not in too_long.text


def test_the_api_discloses_only_the_allowed_keys(site: Site) -> None:
    payload = site.issue()
    holders = [
        {"name": FIRST.name, "birth_date": FIRST.birth_date.isoformat()},
        {"name": "佐久間 蒼", "birth_date": SECOND.birth_date.isoformat()},
    ]
    valid = site.client.post(
        "/api/v1/registry/verify", json={"payload": payload, "holders": holders}
    )
    assert valid.status_code == 200
    document = valid.json()
    assert set(document) == ALLOWED_KEYS
    assert document["verdict"] == "valid"
    assert document["issuer"]["code"] == "fukuoka-city"
    assert document["issue_date"] == AS_OF.isoformat()
    assert document["status"] == "issued"
    assert "Ximena" not in valid.text
    assert "1991-07-04" not in valid.text
    holders[1]["birth_date"] = "1989-02-15"
    wrong = site.client.post(
        "/api/v1/registry/verify", json={"payload": payload, "holders": holders}
    )
    assert wrong.json() == dict.fromkeys(ALLOWED_KEYS) | {
        "verdict": "does_not_match",
        "status_checked": False,
    }


@pytest.mark.parametrize(
    "body",
    [
        {"payload": "AAAA"},
        {"payload": "AAAA", "holders": [{"name": "A", "birth_date": "1990-01-01"}]},
        {"payload": "AAAA", "holders": [{"name": "A", "birth_date": "x"}] * 2},
        {"payload": "AAAA", "holders": [{"name": " ", "birth_date": "1990-01-01"}] * 2},
    ],
)
def test_the_api_refuses_a_request_that_is_not_two_holders_and_a_payload(
    site: Site, body: dict[str, object]
) -> None:
    assert site.client.post("/api/v1/registry/verify", json=body).status_code == 422


def test_the_keys_are_published_at_stable_addresses(site: Site) -> None:
    everything = site.client.get("/registry/keys.json")
    assert everything.status_code == 200
    document = everything.json()
    assert document["format"] == "zairyu.registry.keys/1"
    assert [i["code"] for i in document["issuers"]] == ["fukuoka-city"]
    key = document["issuers"][0]["keys"][0]
    assert set(key) == {"key_id", "algorithm", "public_key", "valid_from", "valid_to"}
    one = site.client.get("/registry/fukuoka-city/keys.json")
    assert one.json() == document
    assert site.client.get("/registry/shibuya/keys.json").status_code == 404
    assert "private" not in everything.text


def test_a_couple_applies_online_without_javascript(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "ja")
    form = site.client.get("/registry/apply")
    assert form.status_code == 200
    assert "福岡市" in form.text
    assert "<script" not in form.text.split("</head>")[1]
    answers = {
        "issuer": "fukuoka-city",
        "name1": FIRST.name,
        "birth1": FIRST.birth_date.isoformat(),
        "name2": SECOND.name,
        "birth2": SECOND.birth_date.isoformat(),
        "partnership.applicant_connection": "resident",
        "partnership.partner_connection": "moving_in",
        **{
            name: "yes" if value is True else "no"
            for name, value in FACTS.items()
            if isinstance(value, bool)
        },
    }
    missing = {k: v for k, v in answers.items() if k != "household.living_together"}
    refused = site.client.post("/registry/apply", data=missing)
    assert refused.status_code == 400
    assert "「はい」か「いいえ」を選んでください" in refused.text
    assert FIRST.name in refused.text  # what was typed is kept
    sent = site.client.post("/registry/apply", data=answers)
    assert sent.status_code == 200
    reference = re.search(r'id="reference">([0-9a-f]{32})<', sent.text)
    assert reference is not None
    with site.sessions() as s:
        row = s.get(RegistryApplication, reference.group(1))
        assert row is not None
        assert row.lang == "ja"
        review = service.review(s, site.cipher, row.id)
        assert service.holders_of(site.cipher, row) == (FIRST, SECOND)
    assert review.outcome == "eligible"


def test_the_application_form_in_english(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    form = site.client.get("/registry/apply")
    assert "Apply for a partnership certificate" in form.text
    assert "Fukuoka City" in form.text
    refused = site.client.post("/registry/apply", data={"issuer": "fukuoka-city"})
    assert refused.status_code == 400
    assert "Enter the name of partner 1" in refused.text
    assert "Choose yes or no" in refused.text


def test_the_status_list_names_ended_certificates_and_no_holder(site: Site) -> None:
    site.issue()
    with site.sessions.begin() as s:
        found = service.apply(
            s, site.cipher, site.key, issuer="fukuoka-city", holders=(FIRST, SECOND),
            facts=FACTS, applied_on=AS_OF,
        )  # fmt: skip
        service.accept_oath(s, site.key, OFFICER, found.id, AS_OF)
        second = service.issue(s, site.cipher, site.key, OFFICER, found.id, AS_OF)
        service.return_certificate(
            s, site.key, OFFICER, second.certificate.id, "dissolution", AS_OF
        )
    response = site.client.get("/registry/status.json")
    assert response.status_code == 200
    assert response.json() == {
        "format": "zairyu.registry.status/1",
        "as_of": AS_OF.isoformat(),
        "certificates": [
            {"issuer": "fukuoka-city", "number": 2, "status": "returned", "date": AS_OF.isoformat()}
        ],
    }
    assert "dissolution" not in response.text


def test_an_unreadable_code_says_what_is_wrong_with_it(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    response = site.client.post("/verify", data=_form("NOT-A-CODE"))
    assert response.status_code == 200
    assert _verdict(response.text) == "unreadable"
    assert "Not a certificate payload" in response.text
    assert "at position 4" in response.text


def test_a_phone_camera_lands_on_the_form_with_the_payload_and_the_api_takes_the_scan(
    site: Site,
) -> None:
    payload = site.issue()
    landed = site.client.get(f"/V/{payload}")
    assert landed.status_code == 200
    assert f">{payload}</textarea>" in landed.text
    holders = [
        {"name": FIRST.name, "birth_date": FIRST.birth_date.isoformat()},
        {"name": SECOND.name, "birth_date": SECOND.birth_date.isoformat()},
    ]
    scanned = f"HTTPS://TESTSERVER/V/{payload}"
    response = site.client.post(
        "/api/v1/registry/verify", json={"payload": scanned, "holders": holders}
    )
    assert response.json()["verdict"] == "valid"


PASSWORD = "officer password 4821"


def _login(site: Site, username: str) -> None:
    form = site.client.get("/work/login")
    token = re.search(r'name="form_token" value="([^"]+)"', form.text)
    assert token is not None
    response = site.client.post(
        "/work/login",
        data={"form_token": token.group(1), "next": "/work", "username": username,
              "password": PASSWORD},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303, response.text


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_an_officer_reviews_issues_transfers_and_revokes_on_the_web(site: Site) -> None:
    from zairyu.workbench import service as wb
    from zairyu.workbench.access import Role

    with site.sessions.begin() as s:
        admin = wb.bootstrap_admin(s, site.key, "admin", PASSWORD)
        organisation = wb.create_organisation(s, admin, site.key, "City office")
        wb.create_user(
            s, admin, site.key, username="client", password=PASSWORD, role=Role.REVIEWER,
            organisation_id=organisation.id,
        )  # fmt: skip
        service.register_issuer(s, site.cipher, site.key, OFFICER, "kumamoto-city", AS_OF)
        application = service.apply(
            s, site.cipher, site.key, issuer="fukuoka-city", holders=(FIRST, SECOND),
            facts=FACTS, applied_on=AS_OF,
        )  # fmt: skip
    site.client.cookies.set("zairyu_lang", "en")
    # Not logged in: to the login page.
    away = site.client.get("/work/registry", follow_redirects=False)
    assert away.status_code == 303
    assert away.headers["location"].startswith("/work/login")
    # A reviewer is not an officer: refused, not sent to log in again.
    _login(site, "client")
    refused_role = site.client.get("/work/registry", follow_redirects=False)
    assert refused_role.status_code == 403
    assert 'data-refusal="role"' in refused_role.text
    _login(site, "admin")
    overview = site.client.get("/work/registry")
    assert overview.status_code == 200
    assert f"/work/registry/applications/{application.id}" in overview.text
    review = site.client.get(f"/work/registry/applications/{application.id}")
    assert 'data-outcome="eligible"' in review.text
    assert FIRST.name in review.text  # the officer sees the holders
    issue_url = f"/work/registry/applications/{application.id}/issue"
    forged = site.client.post(issue_url, data={"oath": "accepted"}, follow_redirects=False)
    assert forged.status_code == 403
    assert 'data-refusal="forged"' in forged.text
    no_oath = site.client.post(issue_url, data={"csrf_token": _csrf(review.text)})
    assert no_oath.status_code == 400
    assert "Confirm that both partners made the oath" in no_oath.text
    issued = site.client.post(
        issue_url, data={"csrf_token": _csrf(review.text), "oath": "accepted"},
        follow_redirects=False,
    )  # fmt: skip
    assert issued.status_code == 303
    certificate_url = issued.headers["location"]
    page = site.client.get(certificate_url)
    assert 'data-status="issued"' in page.text
    pdf = site.client.get(certificate_url + "/certificate.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    moved = site.client.post(
        certificate_url + "/transfer",
        data={"csrf_token": _csrf(page.text), "destination": "kumamoto-city"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    new_url = moved.headers["location"]
    assert new_url != certificate_url
    assert 'data-status="transferred_out"' in site.client.get(certificate_url).text
    refused = site.client.post(
        certificate_url + "/revoke",
        data={"csrf_token": _csrf(page.text), "reason": "issued_in_error"},
    )
    assert refused.status_code == 400
    assert "transferred_out already" in refused.text
    revoked = site.client.post(
        new_url + "/revoke",
        data={"csrf_token": _csrf(page.text), "reason": "issued_in_error"},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert 'data-status="revoked"' in site.client.get(new_url).text
    assert site.client.get("/work/registry/certificates/" + "0" * 32).status_code == 404
    site.client.cookies.set("zairyu_lang", "ja")
    japanese = site.client.get("/work/registry")
    assert "パートナーシップ証明の登録簿" in japanese.text
    assert "取消し" in japanese.text  # the revoked certificate's status
