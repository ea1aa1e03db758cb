"""Security and privacy review of the partnership certificate registry (issue 6): what is
signed, key rotation and a leaked key, what a verifier learns (strictly), what is stored, logged
and audited, the rate limits and input bounds of the public endpoints, the officer pages'
authorisation and CSRF, and the officer commands' refusals that write nothing. SQLite only:
tests/test_registry.py and tests/test_registry_web.py run the workflow on PostgreSQL too.
All names and dates are synthetic."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import AS_OF
from zairyu.audit import AuditEntry, audit_key
from zairyu.cli import app as cli_app
from zairyu.registry import keys as signing
from zairyu.registry import service
from zairyu.registry.certificate_pdf import certificate_pdf
from zairyu.registry.keys import KeySet, KeySetError, SigningKeyError
from zairyu.registry.models import (
    RegistryApplication,
    RegistryCertificate,
    RegistryEvent,
    RegistryIssuer,
    RegistrySigningKey,
)
from zairyu.registry.payload import (
    DOMAIN,
    Claims,
    Holder,
    HolderError,
    decode,
    encode,
    from_scan,
    holder_hash,
    message_to_sign,
    signed_bytes,
)
from zairyu.registry.verify import ALLOWED_KEYS, verify
from zairyu.web import registry_pages
from zairyu.web.app import Settings, choose_lang, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.web.registry_pages import Rate, RateLimiter, client_of
from zairyu.workbench.cipher import DecryptionError, FieldCipher

from .registry_cases import ELIGIBLE_FACTS

OFFICER = "officer:security-test"
ISSUER = "fukuoka-city"
# Synthetic and distinctive: the privacy tests look for them everywhere.
FIRST = Holder("Qorvath Elmsbury-Nakagawa", dt.date(1992, 5, 17))
SECOND = Holder("霧ヶ峰　翠", dt.date(1987, 10, 3))
HOLDERS = (FIRST, SECOND)
PERSONAL = ("Qorvath", "Elmsbury", "霧ヶ峰", "翠", "1992-05-17", "1987-10-03")
FACTS: dict[str, object] = dict(ELIGIBLE_FACTS)
PASSWORD = "officer password 7306"


@dataclass
class Site:
    app: FastAPI
    client: TestClient
    sessions: sessionmaker[Session]
    cipher: FieldCipher
    key: bytes
    data_dir: Path

    def issue(self, on: dt.date = AS_OF) -> service.Issued:
        with self.sessions.begin() as s:
            found = service.apply(
                s, self.cipher, self.key, issuer=ISSUER, holders=HOLDERS, facts=FACTS,
                applied_on=on,
            )  # fmt: skip
            service.accept_oath(s, self.key, OFFICER, found.id, on)
            return service.issue(s, self.cipher, self.key, OFFICER, found.id, on)

    def verify_json(self, payload: str, holders: tuple[Holder, ...] = HOLDERS) -> dict[str, object]:
        body = {
            "payload": payload,
            "holders": [{"name": h.name, "birth_date": h.birth_date.isoformat()} for h in holders],
        }
        response = self.client.post("/api/v1/registry/verify", json=body)
        assert response.status_code == 200, response.text
        document: dict[str, object] = response.json()
        return document


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path, as_of=AS_OF, public_url="https://registry.example")
    app = create_app(settings)
    secret = load_or_create_secret(tmp_path / "secret.key")
    sessions = sessionmaker(app.state.store.engine, expire_on_commit=False)
    key = audit_key(secret)
    with sessions.begin() as s:
        service.register_issuer(s, app.state.field_cipher, key, OFFICER, ISSUER, AS_OF)
        service.register_issuer(s, app.state.field_cipher, key, OFFICER, "kumamoto-city", AS_OF)
    with TestClient(app) as client:
        yield Site(app, client, sessions, app.state.field_cipher, key, tmp_path)
    app.state.store.engine.dispose()


def _resign(site: Site, issuer: str, claims: Claims) -> str:
    """A payload for `claims` signed with `issuer`'s current private key, as a thief of that
    key would make it."""
    with site.sessions() as s:
        row = signing.current_key(s, issuer)
        private = signing.private_key(site.cipher, row)
    signed = signed_bytes(claims)
    return encode(signed, private.sign(message_to_sign(signed)))


# --- 1. cryptography --------------------------------------------------------------------------


def test_every_byte_the_payload_carries_is_signed_under_the_domain(site: Site) -> None:
    payload = site.issue().payload
    keys = _keys(site)
    parsed = decode(payload)
    raw = parsed.signed + parsed.signature
    # Any change to any byte (the signed part or the signature) and it no longer verifies.
    for position in range(len(raw)):
        altered = bytearray(raw)
        altered[position] ^= 0x01
        text = base64.b32encode(bytes(altered)).decode().rstrip("=")
        assert verify(text, HOLDERS, keys).verdict != "valid", position
    # The domain is part of what is signed: the same bytes signed without it are refused.
    with site.sessions() as s:
        private = signing.private_key(site.cipher, signing.current_key(s, ISSUER))
    bare = encode(parsed.signed, private.sign(parsed.signed))
    assert verify(bare, HOLDERS, keys).verdict == "does_not_match"
    assert message_to_sign(parsed.signed) == DOMAIN + parsed.signed
    # The layout's version and the holder hash's salt both name the version.
    assert parsed.signed[0] == 1
    assert DOMAIN.endswith(b".v1\x00")


def test_a_rotation_is_never_dated_before_a_certificate_the_current_key_signed(
    site: Site,
) -> None:
    later = AS_OF + dt.timedelta(days=30)
    old = site.issue(on=later)
    with site.sessions.begin() as s, pytest.raises(SigningKeyError, match="would end its period"):
        service.rotate_key(s, site.cipher, site.key, OFFICER, ISSUER, later - dt.timedelta(days=1))
    with site.sessions.begin() as s:
        service.rotate_key(s, site.cipher, site.key, OFFICER, ISSUER, later)
    # The old certificate still verifies, online and offline.
    assert site.verify_json(old.payload)["verdict"] == "valid"
    assert verify(old.payload, HOLDERS, _keys(site)).verdict == "valid"


def test_a_leaked_key_cannot_make_a_certificate_that_verifies_online(site: Site) -> None:
    genuine = decode(site.issue().payload).claims
    strangers = (Holder("Mallory Forgewright", dt.date(1980, 1, 1)), FIRST)
    forged_claims = Claims(
        ISSUER, genuine.key_id, genuine.number, genuine.issue_date,
        holder_hash(ISSUER, genuine.number, strangers),
    )  # fmt: skip
    forged = _resign(site, ISSUER, forged_claims)
    # Offline, only the key set: a forgery with a leaked key is indistinguishable (documented).
    assert verify(forged, strangers, _keys(site)).verdict == "valid"
    # Online, the register holds another certificate under that number.
    assert site.verify_json(forged, strangers)["verdict"] == "does_not_match"
    # A number never issued: unknown to the register.
    unissued = Claims(
        ISSUER, genuine.key_id, 99, genuine.issue_date, holder_hash(ISSUER, 99, strangers)
    )
    assert site.verify_json(_resign(site, ISSUER, unissued), strangers)["verdict"] == (
        "unknown_certificate"
    )
    # Another issuer's key under this issuer's name and key id: refused.
    foreign = _resign(site, "kumamoto-city", genuine)
    assert site.verify_json(foreign)["verdict"] == "does_not_match"


def test_private_keys_are_sealed_and_bound_to_their_row(site: Site) -> None:
    with site.sessions() as s:
        rows = s.scalars(select(RegistrySigningKey)).all()
        assert len(rows) == 2
        for row in rows:
            private = signing.private_key(site.cipher, row)
            raw = private.private_bytes_raw()
            assert raw not in bytes(row.private_key_enc)
            assert private.public_key().public_bytes_raw() == bytes(row.public_key)
        # A sealed key moved to another row does not open there.
        first, second = rows
        swapped = RegistrySigningKey(
            id=second.id, issuer_code=first.issuer_code, key_id=first.key_id,
            public_key=first.public_key, private_key_enc=first.private_key_enc,
            valid_from=first.valid_from, retired_on=None, created_at=first.created_at,
        )  # fmt: skip
        with pytest.raises(DecryptionError):
            signing.private_key(site.cipher, swapped)


def test_the_holder_hash_refuses_control_characters_and_ignores_order_and_spacing() -> None:
    same = holder_hash(ISSUER, 1, (Holder("霧ヶ峰 翠", SECOND.birth_date), FIRST))
    assert same == holder_hash(ISSUER, 1, HOLDERS)
    assert same != holder_hash(ISSUER, 2, HOLDERS)  # salted with the number
    for name in ("Qorvath\x1f1992-05-17\x1eX", "Qorvath\nElmsbury", "A\x00B"):
        with pytest.raises(HolderError, match="control character"):
            holder_hash(ISSUER, 1, (Holder(name, FIRST.birth_date), SECOND))


def test_the_application_refuses_a_name_with_a_control_character(site: Site) -> None:
    with site.sessions.begin() as s, pytest.raises(service.RegistryError, match="control"):
        service.apply(
            s, site.cipher, site.key, issuer=ISSUER,
            holders=(Holder("Qorvath\tElmsbury", FIRST.birth_date), SECOND),
            facts=FACTS, applied_on=AS_OF,
        )  # fmt: skip
    with site.sessions() as s:
        assert s.scalars(select(RegistryApplication)).all() == []


def test_a_scanned_address_gives_its_payload_whatever_the_text_before_it() -> None:
    assert from_scan("https://x.example/v/ABCD") == "ABCD"
    assert from_scan("HTTPS://X.EXAMPLE/V/ABCD") == "ABCD"
    # Upper-casing "ß" gives two letters: the payload is still cut at the right place.
    assert from_scan("https://straße.example/V/ABCD") == "ABCD"
    assert from_scan("ABCD") == "ABCD"


def test_a_key_set_with_a_repeated_key_id_or_a_bad_issuer_code_is_refused(site: Site) -> None:
    document = site.client.get("/registry/keys.json").json()
    repeated = json.loads(json.dumps(document))
    issuer = repeated["issuers"][0]
    issuer["keys"].append(dict(issuer["keys"][0]))
    with pytest.raises(KeySetError, match="appears twice"):
        KeySet.from_json(repeated)
    bad = json.loads(json.dumps(document))
    bad["issuers"][0]["code"] = "../Fukuoka"
    with pytest.raises(KeySetError, match="issuer code"):
        KeySet.from_json(bad)
    # A public key that is no point of the curve verifies nothing, and raises nothing.
    key = KeySet.from_json(document).issuers[ISSUER].keys[0]
    broken = signing.PublishedKey(key.key_id, b"\xff" * 32, key.valid_from, None)
    assert not broken.verifies(b"\x00" * 64, b"message")
    other = Ed25519PrivateKey.generate()
    assert not key.verifies(other.sign(b"message"), b"message")


# --- 2. privacy -------------------------------------------------------------------------------


def test_every_kind_of_failure_gives_the_verifier_the_same_empty_answer(site: Site) -> None:
    payload = site.issue().payload
    parsed = decode(payload)
    claims = parsed.claims
    other_date = Claims(
        claims.issuer, claims.key_id, claims.number,
        claims.issue_date + dt.timedelta(days=1), claims.holder_hash,
    )  # fmt: skip
    altered = encode(signed_bytes(other_date), parsed.signature)
    forged = encode(parsed.signed, bytes(64))
    answers = [
        site.verify_json(payload, (Holder("Qorvath Elmsbury-Nakagawo", FIRST.birth_date), SECOND)),
        site.verify_json(payload, (Holder(FIRST.name, dt.date(1992, 5, 18)), SECOND)),
        site.verify_json(altered),
        site.verify_json(forged),
        site.verify_json(_resign(site, "kumamoto-city", claims)),
    ]
    empty = dict.fromkeys(ALLOWED_KEYS) | {"verdict": "does_not_match", "status_checked": False}
    assert all(answer == empty for answer in answers)


def test_a_valid_answer_holds_the_issuer_dates_and_status_and_nothing_else(site: Site) -> None:
    issued = site.issue()
    response = site.client.post(
        "/api/v1/registry/verify",
        json={
            "payload": issued.payload,
            "holders": [{"name": h.name, "birth_date": h.birth_date.isoformat()} for h in HOLDERS],
        },
    )
    document = response.json()
    assert set(document) == ALLOWED_KEYS
    assert set(document["issuer"]) == {"code", "name"}
    assert set(document["issuer"]["name"]) == {"ja", "en"}
    assert document["status"] == "issued"
    assert document["problem"] is None
    hashed = issued.certificate.holder_hash
    for secret in (
        *PERSONAL,
        hashed.hex(),
        base64.b64encode(hashed).decode(),
        issued.certificate.id,
    ):
        assert secret not in response.text
    assert response.headers["cache-control"] == "no-store"
    # The page: the same, and the names typed are not echoed on the result.
    page = site.client.post(
        "/verify",
        data={
            "payload": issued.payload, "name1": FIRST.name, "birth1": "1992-05-17",
            "name2": SECOND.name, "birth2": "1987-10-03",
        },
    )  # fmt: skip
    assert 'data-verdict="valid"' in page.text
    for secret in PERSONAL:
        assert secret not in page.text
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_pages_where_names_are_typed_or_the_payload_is_in_the_address_are_not_kept(
    site: Site,
) -> None:
    payload = site.issue().payload
    for response in (
        site.client.get("/verify"),
        site.client.get(f"/V/{payload}"),
        site.client.get("/registry/apply"),
        site.client.post("/verify", data={"name1": FIRST.name}),  # 400, echoes what was typed
        site.client.post("/registry/apply", data={"name1": FIRST.name}),
    ):
        assert response.headers["cache-control"] == "no-store", response.request.url
        assert response.headers["x-robots-tag"] == "noindex"
        assert response.headers["referrer-policy"] == "no-referrer"
    # The published documents are public and cacheable.
    assert "public" in site.client.get("/registry/keys.json").headers["cache-control"]


def test_the_status_list_holds_issuer_number_status_and_day_only(site: Site) -> None:
    issued = site.issue()
    with site.sessions.begin() as s:
        service.revoke(s, site.key, OFFICER, issued.certificate.id, "false_declaration", AS_OF)
    response = site.client.get("/registry/status.json")
    document = response.json()
    assert set(document) == {"format", "as_of", "certificates"}
    assert [set(item) for item in document["certificates"]] == [
        {"issuer", "number", "status", "date"}
    ]
    for secret in (*PERSONAL, "false_declaration", issued.certificate.id):
        assert secret not in response.text


def test_nothing_stored_audited_or_in_the_pdf_metadata_names_a_holder(site: Site) -> None:
    issued = site.issue()
    with site.sessions.begin() as s:
        service.transfer(s, site.cipher, site.key, OFFICER, issued.certificate.id,
                         "kumamoto-city", AS_OF)  # fmt: skip
    with site.sessions() as s:
        for model in (
            RegistryIssuer, RegistrySigningKey, RegistryApplication, RegistryCertificate,
            RegistryEvent, AuditEntry,
        ):  # fmt: skip
            for row in s.scalars(select(model)).all():
                values = [getattr(row, c.key) for c in model.__table__.columns]
                text = repr(values)
                for secret in PERSONAL:
                    assert secret not in text, (model.__tablename__, secret)
                blob = b"".join(v for v in values if isinstance(v, bytes))
                for secret in PERSONAL:
                    assert secret.encode() not in blob
        subjects = s.scalars(select(AuditEntry.subject)).all()
    assert all(re.fullmatch(r"[a-z_]+:[0-9a-z-]+", subject) for subject in subjects)
    # The PDF prints the names on the page, but its metadata holds fixed text only.
    pdf = certificate_pdf(issued.certificate, HOLDERS, "https://city.example")
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None
    everything = " ".join(str(v) for v in metadata.values())
    for secret in PERSONAL:
        assert secret not in everything
    assert set(metadata) <= {"/Title", "/Creator", "/Producer", "/CreationDate"}


def test_the_qr_address_holds_the_payload_and_no_name(site: Site) -> None:
    from zairyu.registry.payload import qr_text

    issued = site.issue()
    address = qr_text("https://city.example", issued.payload)
    assert address == f"HTTPS://CITY.EXAMPLE/V/{issued.payload}"
    raw = decode(issued.payload).signed
    for secret in PERSONAL:
        assert secret not in address
        assert secret.encode() not in raw


# --- 3. abuse: rate limits and bounds ---------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_token_buckets_limit_each_client_and_everyone_together() -> None:
    clock = _Clock()
    limiter = RateLimiter(Rate(3, 1.0), Rate(5, 0.5), clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)  # a's bucket is empty: 1 s to the next
    assert limiter.take("b") == 0.0
    assert limiter.take("b") == 0.0
    assert limiter.take("c") == pytest.approx(2.0)  # everyone's bucket (5) is empty
    clock.now += 2.0
    assert limiter.take("c") == 0.0
    # A refused request takes nothing: waiting the time said is enough.
    clock.now += 1.0
    assert limiter.take("a") == pytest.approx(1.0)  # everyone's: 0.5 left, 1 s to go
    clock.now += 1.0
    assert limiter.take("a") == 0.0
    # The clients remembered are bounded; the least recently seen is forgotten first.
    small = RateLimiter(Rate(1, 0.001), Rate(100, 100), max_clients=2, clock=clock)
    assert small.take("x") == 0.0
    assert small.take("y") == 0.0
    assert small.take("z") == 0.0
    assert small.take("z") > 0  # remembered
    assert small.take("x") == 0.0  # forgotten, so full again


def test_an_ipv6_client_counts_by_its_64_prefix() -> None:
    def request(host: str) -> Request:
        return Request({"type": "http", "client": (host, 1234), "headers": []})

    assert client_of(request("2001:db8:1:2::5")) == client_of(request("2001:db8:1:2:ffff::9"))
    assert client_of(request("2001:db8:1:2::5")) == "2001:db8:1:2::/64"
    assert client_of(request("2001:db8:1:3::5")) != client_of(request("2001:db8:1:2::5"))
    assert client_of(request("192.0.2.7")) == "192.0.2.7"


def test_the_public_verification_is_rate_limited_with_a_clear_429(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    bad = {"payload": "AAAA", "name1": "A", "birth1": "1990-01-01", "name2": "B",
           "birth2": "1990-01-01"}  # fmt: skip
    burst = int(registry_pages.VERIFY_PER_CLIENT.burst)
    statuses = [site.client.post("/verify", data=bad).status_code for _ in range(burst)]
    assert statuses == [200] * burst  # unreadable payloads: answered, and counted
    refused = site.client.post("/verify", data=bad)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "Too many verifications from your address" in refused.text
    assert ">AAAA</textarea>" in refused.text  # what was typed is kept
    api = site.client.post(
        "/api/v1/registry/verify",
        json={"payload": "AAAA", "holders": [{"name": "A", "birth_date": "1990-01-01"}] * 2},
    )
    assert api.status_code == 429
    assert "too many verifications" in api.json()["detail"]
    assert "retry-after" in api.headers


def test_a_router_takes_its_own_limits(site: Site) -> None:
    clock = _Clock()
    limiter = RateLimiter(Rate(1, 1.0), Rate(10, 10.0), clock=clock)
    secret = load_or_create_secret(site.data_dir / "secret.key")
    app = FastAPI()
    app.include_router(
        registry_pages.router(
            site.app.state.store.engine, secret, site.cipher, lambda: AS_OF, choose_lang,
            verify_limit=limiter,
        )
    )  # fmt: skip
    with TestClient(app) as client:
        body = {"payload": "AAAA", "holders": [{"name": "A", "birth_date": "1990-01-01"}] * 2}
        assert client.post("/api/v1/registry/verify", json=body).status_code == 200
        assert client.post("/api/v1/registry/verify", json=body).status_code == 429
        clock.now += 1.0
        assert client.post("/api/v1/registry/verify", json=body).status_code == 200


def test_the_application_form_is_rate_limited(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    burst = int(registry_pages.APPLY_PER_CLIENT.burst)
    for _ in range(burst):
        assert site.client.post("/registry/apply", data={}).status_code == 400
    refused = site.client.post("/registry/apply", data={})
    assert refused.status_code == 429
    assert "Too many applications from your address" in refused.text


def test_every_public_field_is_bounded_with_a_message(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    long_payload = "A" * (registry_pages.MAX_PAYLOAD + 1)
    long_name = "x" * (registry_pages.MAX_NAME + 1)
    page = site.client.post(
        "/verify",
        data={"payload": long_payload, "name1": long_name, "birth1": "1990-01-01",
              "name2": "B", "birth2": "1990-01-01"},
    )  # fmt: skip
    assert page.status_code == 400
    assert "The code is too long: a certificate&#39;s code has at most 2000 characters" in page.text
    assert "The name of partner 1 is too long: at most 200 characters" in page.text
    landed = site.client.get("/V/" + long_payload)
    assert landed.status_code == 400
    assert long_payload not in landed.text
    for body in (
        {"payload": long_payload, "holders": [{"name": "A", "birth_date": "1990-01-01"}] * 2},
        {"payload": "AAAA", "holders": [{"name": long_name, "birth_date": "1990-01-01"}] * 2},
        {"payload": "AAAA", "holders": [{"name": "A", "birth_date": "1990-01-01"}] * 3},
        {"payload": "AAAA", "holders": [{"name": "A\x00", "birth_date": "1990-01-01"}] * 2},
        {"payload": "AAAA", "extra": 1,
         "holders": [{"name": "A", "birth_date": "1990-01-01"}] * 2},
    ):  # fmt: skip
        assert site.client.post("/api/v1/registry/verify", json=body).status_code == 422


def test_the_application_form_says_what_is_wrong_and_stores_nothing(site: Site) -> None:
    site.client.cookies.set("zairyu_lang", "en")
    answers = {
        "issuer": ISSUER, "name1": FIRST.name, "birth1": "1992-05-17",
        "name2": "y" * 201, "birth2": (AS_OF + dt.timedelta(days=1)).isoformat(),
        "partnership.applicant_connection": "resident",
        "partnership.partner_connection": "resident",
        **{k: "yes" if v is True else "no" for k, v in FACTS.items() if isinstance(v, bool)},
    }  # fmt: skip
    refused = site.client.post("/registry/apply", data=answers)
    assert refused.status_code == 400
    assert "The name of partner 2 is too long: at most 200 characters" in refused.text
    assert "The birth date of partner 2 is after today" in refused.text
    unknown = site.client.post(
        "/registry/apply",
        data=answers | {"issuer": "nowhere-city", "name2": "Rin", "birth2": "1987-10-03"},
    )
    assert unknown.status_code == 400
    assert "Choose the municipality you apply to" in unknown.text
    with site.sessions() as s:
        assert s.scalars(select(RegistryApplication)).all() == []


# --- 4. officer pages -------------------------------------------------------------------------


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


def _actions(site: Site) -> list[tuple[str, str, str]]:
    with site.sessions() as s:
        rows = s.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.subject).order_by(AuditEntry.seq)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def test_officer_pages_refuse_other_roles_and_forged_forms_and_audit_every_access(
    site: Site,
) -> None:
    from zairyu.workbench import service as wb
    from zairyu.workbench.access import Role

    with site.sessions.begin() as s:
        admin = wb.bootstrap_admin(s, site.key, "admin", PASSWORD)
        organisation = wb.create_organisation(s, admin, site.key, "Ward office")
        wb.create_user(
            s, admin, site.key, username="reviewer", password=PASSWORD, role=Role.REVIEWER,
            organisation_id=organisation.id,
        )  # fmt: skip
        admin_id = admin.id
    issued = site.issue()
    certificate_url = f"/work/registry/certificates/{issued.certificate.id}"
    site.client.cookies.set("zairyu_lang", "en")
    _login(site, "reviewer")
    for response in (
        site.client.get(certificate_url),
        site.client.get(certificate_url + "/certificate.pdf"),
        site.client.post(certificate_url + "/revoke", data={"reason": "issued_in_error"}),
    ):
        assert response.status_code == 403
        assert 'data-refusal="role"' in response.text
        assert FIRST.name not in response.text
    assert next(a for a in _actions(site) if a[1] == "registry.access_denied")[2] == (
        certificate_url
    )
    _login(site, "admin")
    page = site.client.get(certificate_url)
    assert page.status_code == 200
    # One login serves the workbench and the registry: the same CSRF token on both.
    assert _csrf(page.text) == _csrf(site.client.get("/work").text)
    forged = site.client.post(
        certificate_url + "/revoke", data={"reason": "issued_in_error", "csrf_token": "0" * 64}
    )
    assert forged.status_code == 403
    assert 'data-refusal="forged"' in forged.text
    pdf = site.client.get(certificate_url + "/certificate.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["cache-control"] == "no-store"
    revoked = site.client.post(
        certificate_url + "/revoke",
        data={"reason": "issued_in_error", "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    mine = [(action, subject) for actor, action, subject in _actions(site)
            if actor == f"user:{admin_id}" and action.startswith("registry.")]  # fmt: skip
    subject = f"registry_certificate:{issued.certificate.id}"
    assert mine == [
        ("registry.certificate_view", subject),
        ("registry.certificate_print", subject),
        ("registry.revoke", subject),
    ]
    with site.sessions() as s:
        row = s.get(RegistryCertificate, issued.certificate.id)
        assert row is not None
        assert row.status == "revoked"


# --- 5. the officer's commands ----------------------------------------------------------------

runner = CliRunner()


def _run(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(cli_app, list(arguments))
    return result.exit_code, result.output


def test_the_commands_refuse_bad_input_before_writing_anything(tmp_path: Path) -> None:
    missing = tmp_path / "typo"
    code, output = _run("registry", "revoke", "0" * 32, "--reason", "issued_in_error",
                        "--officer", "sato", "--data-dir", str(missing))  # fmt: skip
    assert code == 2
    assert "holds no zairyu data" in output
    assert not missing.exists()
    code, output = _run("registry", "revoke", "0" * 32, "--reason", "because",
                        "--officer", "sato", "--data-dir", str(missing))  # fmt: skip
    assert (code, "--reason" in output) == (2, True)
    code, output = _run("registry", "register", ISSUER, "--officer", "x" * 61,
                        "--data-dir", str(missing))  # fmt: skip
    assert code == 2
    assert "--officer" in output
    assert not missing.exists()


def test_an_unwritable_pdf_issues_nothing_and_every_read_is_audited(tmp_path: Path) -> None:
    data = tmp_path / "data"
    on = ("--on", "2025-01-06")
    assert _run("registry", "register", ISSUER, "--officer", "tanaka", *on,
                "--data-dir", str(data))[0] == 0  # fmt: skip
    form = tmp_path / "application.json"
    form.write_text(json.dumps({
        "holders": [{"name": h.name, "birth_date": h.birth_date.isoformat()} for h in HOLDERS],
        "facts": {k: v for k, v in FACTS.items() if k != "partnership.sexual_minority"},
    }, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    code, application = _run("registry", "apply", "--issuer", ISSUER, "--file", str(form), *on,
                             "--officer", "suzuki", "--data-dir", str(data))  # fmt: skip
    assert code == 0, application
    application = application.strip()
    issue = ("registry", "issue", application, "--officer", "tanaka", "--oath-accepted", *on,
             "--data-dir", str(data))  # fmt: skip
    code, output = _run(*issue, "--pdf", str(tmp_path / "no" / "such" / "dir.pdf"),
                        "--base-url", "https://city.example")  # fmt: skip
    assert code == 2
    assert "--pdf" in output
    assert "cannot be written" in output
    code, output = _run(*issue)  # nothing was issued or accepted: the same step works again
    assert code == 0, output
    certificate, _, _, payload = output.split()
    # `zairyu verify` can take the holders from a file or standard input, off the command line.
    keys = tmp_path / "keys.json"
    assert _run("registry", "keys", "export", "--out", str(keys), "--data-dir", str(data))[0] == 0
    people = [{"name": h.name, "birth_date": h.birth_date.isoformat()} for h in HOLDERS]
    holders = tmp_path / "holders.json"
    holders.write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
    verified = ("verify", payload, "--keys", str(keys), "--lang", "en", "--holders")
    assert _run(*verified, str(holders))[0] == 0
    piped = runner.invoke(cli_app, [*verified, "-"], input=json.dumps(people))
    assert piped.exit_code == 0, piped.output
    code, output = _run(*verified, str(holders), "--name", FIRST.name)
    assert code == 2
    assert "not both" in output
    holders.write_text(json.dumps(people[:1]), encoding="utf-8")
    code, output = _run(*verified, str(holders))
    assert code == 2
    assert "two holders" in output
    code, output = _run("registry", "review", application, "--officer", "sato",
                        "--data-dir", str(data))  # fmt: skip
    assert code == 0, output
    out = tmp_path / "again.pdf"
    code, output = _run("registry", "pdf", certificate, "--out", str(out), "--officer", "sato",
                        "--base-url", "https://city.example", "--data-dir", str(data))  # fmt: skip
    assert code == 0, output
    code, output = _run("registry", "keys", "export", "--out", str(tmp_path / "no" / "k.json"),
                        "--data-dir", str(data))  # fmt: skip
    assert code == 2
    assert "cannot be written" in output
    from zairyu.storage import create_engine

    engine = create_engine(f"sqlite:///{data / 'zairyu.sqlite3'}")
    with Session(engine) as s:
        entries = s.execute(
            select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.seq)
        ).all()
        assert len(s.scalars(select(RegistryCertificate)).all()) == 1
    engine.dispose()
    reads = [(a, b) for a, b in entries if b.endswith(("_review", "_print", ".apply"))]
    assert reads == [
        ("officer:suzuki", "registry.apply"),
        ("officer:sato", "registry.application_review"),
        ("officer:sato", "registry.certificate_print"),
    ]


def _keys(site: Site) -> KeySet:
    return KeySet.from_json(site.client.get("/registry/keys.json").json())
