"""The partnership certificate registry on SQLite and PostgreSQL (tests/storage_fixtures.py):
the workflow from application to certificate, verification of genuine, forged, altered,
foreign-signed, revoked, returned and transferred certificates, key rotation, transfer under
mutual recognition, refusals that write nothing, and what is stored and disclosed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from zairyu.audit import AuditEntry, audit_key
from zairyu.audit import verify as verify_audit
from zairyu.engine.case import CaseError
from zairyu.registry import keys as signing
from zairyu.registry import service
from zairyu.registry.keys import KeySet
from zairyu.registry.models import (
    RegistryApplication,
    RegistryCertificate,
    RegistryEvent,
    RegistrySigningKey,
)
from zairyu.registry.payload import (
    Claims,
    Holder,
    decode,
    encode,
    holder_hash,
    message_to_sign,
    signed_bytes,
)
from zairyu.registry.verify import ALLOWED_KEYS, StatusLookup, Verdict, verify
from zairyu.storage import create_engine, migrate
from zairyu.workbench.cipher import AesGcmCipher, DecryptionError, field_context

from .registry_cases import ELIGIBLE_FACTS

KEY = audit_key(b"r" * 32)
CIPHER = AesGcmCipher(bytes(range(32, 64)))
OFFICER = "officer:tanaka"
START = dt.date(2025, 1, 6)
KEYS_FROM = dt.date(2019, 1, 1)  # the issuers' first keys: early enough for the 2019 agreement
# Synthetic, distinctive names: the privacy tests look for them in every stored value.
FIRST = Holder("Zyxwvutsa Quetzalli", dt.date(1990, 3, 27))
SECOND = Holder("鳳凰院　凛々子", dt.date(1988, 12, 1))
HOLDERS = (FIRST, SECOND)
FACTS: dict[str, object] = dict(ELIGIBLE_FACTS)


@dataclass
class Registry:
    engine: Engine
    sessions: sessionmaker[Session]

    def keys(self) -> KeySet:
        with self.sessions() as s:
            return signing.published(s)

    def status(self) -> StatusLookup:
        def lookup(issuer: str, number: int) -> tuple[str, dt.date] | None:
            with self.sessions() as s:
                return service.status_of(s, issuer, number)

        return lookup

    def check(self, payload: str, holders: tuple[Holder, ...] = HOLDERS) -> Verdict:
        return verify(payload, holders, self.keys(), self.status())

    def issue(self, issuer: str = "fukuoka-city", on: dt.date = START) -> service.Issued:
        with self.sessions.begin() as s:
            found = service.apply(
                s, CIPHER, KEY, issuer=issuer, holders=HOLDERS, facts=FACTS, applied_on=on
            )
            service.accept_oath(s, KEY, OFFICER, found.id, on)
            return service.issue(s, CIPHER, KEY, OFFICER, found.id, on)


@pytest.fixture
def registry(database_url: str) -> Iterator[Registry]:
    engine = create_engine(database_url)
    migrate(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as s:
        for code in ("fukuoka-city", "kumamoto-city", "shibuya"):
            service.register_issuer(s, CIPHER, KEY, OFFICER, code, KEYS_FROM)
    yield Registry(engine, sessions)
    engine.dispose()


def _private(registry: Registry, issuer: str) -> tuple[str, bytes]:
    """An issuer's current key id and raw private key (what a thief of the key would have)."""
    with registry.sessions() as s:
        row = signing.current_key(s, issuer)
        return row.key_id, signing.private_key(CIPHER, row).private_bytes_raw()


def _signed(claims: Claims, private: bytes) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    signed = signed_bytes(claims)
    signature = Ed25519PrivateKey.from_private_bytes(private).sign(message_to_sign(signed))
    return encode(signed, signature)


# --- the workflow and a genuine certificate --------------------------------------------------


def test_an_issued_certificate_verifies_with_the_names_in_any_order_and_spacing(
    registry: Registry,
) -> None:
    issued = registry.issue()
    assert issued.certificate.number == 1
    typed = (
        Holder("鳳凰院 凛々子", SECOND.birth_date),
        Holder("zyxwvutsa  quetzalli", FIRST.birth_date),
    )
    result = registry.check(issued.payload, typed)
    assert result.verdict == "valid"
    assert result.issuer is not None
    assert result.issuer.code == "fukuoka-city"
    assert (result.issue_date, result.status, result.status_date) == (START, "issued", START)
    assert result.status_checked
    assert registry.issue().certificate.number == 2  # numbers count per issuer


def test_the_review_shows_the_engine_evaluation_for_the_issuer_and_date(
    registry: Registry,
) -> None:
    with registry.sessions.begin() as s:
        found = service.apply(
            s, CIPHER, KEY, issuer="fukuoka-city", holders=HOLDERS, facts=FACTS, applied_on=START
        )
        review = service.review(s, CIPHER, found.id)
    assert (review.issuer, review.on, review.outcome) == ("fukuoka-city", START, "eligible")
    ids = {r.id for r in review.requirements}
    assert "partnership_certificate.adults" in ids
    assert all(r.value is True for r in review.requirements)
    assert review.questions == ()


def test_a_couple_the_engine_finds_not_eligible_gets_no_certificate(registry: Registry) -> None:
    minor = Holder("Minor Person", dt.date(2010, 1, 1))
    with registry.sessions.begin() as s:
        found = service.apply(
            s, CIPHER, KEY, issuer="fukuoka-city", holders=(FIRST, minor), facts=FACTS,
            applied_on=START,
        )  # fmt: skip
        review = service.review(s, CIPHER, found.id)
        assert review.outcome == "not_eligible"
        assert "partnership_certificate.adults" in {r.id for r in review.failed}
        service.accept_oath(s, KEY, OFFICER, found.id, START)
        with pytest.raises(service.RegistryError, match=r"not eligible.*adults"):
            service.issue(s, CIPHER, KEY, OFFICER, found.id, START)
    with registry.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RegistryCertificate)) == 0


def test_an_undetermined_evaluation_needs_the_officer_to_confirm(registry: Registry) -> None:
    facts = {**FACTS}
    del facts["partnership.close_relatives"]
    with registry.sessions.begin() as s:
        found = service.apply(
            s, CIPHER, KEY, issuer="fukuoka-city", holders=HOLDERS, facts=facts, applied_on=START
        )
        assert service.review(s, CIPHER, found.id).questions == ("partnership.close_relatives",)
        service.accept_oath(s, KEY, OFFICER, found.id, START)
        with pytest.raises(service.RegistryError, match=r"undetermined.*close_relatives"):
            service.issue(s, CIPHER, KEY, OFFICER, found.id, START)
        issued = service.issue(s, CIPHER, KEY, OFFICER, found.id, START, confirm_undetermined=True)
    assert registry.check(issued.payload).verdict == "valid"


def test_the_oath_comes_before_the_certificate_and_only_once(registry: Registry) -> None:
    with registry.sessions.begin() as s:
        found = service.apply(
            s, CIPHER, KEY, issuer="fukuoka-city", holders=HOLDERS, facts=FACTS, applied_on=START
        )
        with pytest.raises(service.RegistryError, match="accept the oath first"):
            service.issue(s, CIPHER, KEY, OFFICER, found.id, START)
        service.accept_oath(s, KEY, OFFICER, found.id, START)
        with pytest.raises(service.RegistryError, match="not submitted"):
            service.accept_oath(s, KEY, OFFICER, found.id, START)


@pytest.mark.parametrize(
    ("issuer", "facts", "message"),
    [
        ("fukuoka-city", {**FACTS, "applicant.nationality": "JP"}, "not a fact the partnership"),
        ("fukuoka-city", {**FACTS, "partnership.system": "shibuya"}, "given by the application"),
        ("fukuoka-city", {**FACTS, "household.living_together": "maybe"}, "living_together"),
        ("nakano", FACTS, "does not run this registry"),
    ],
)
def test_a_bad_application_is_refused_with_its_reason_and_writes_nothing(
    registry: Registry, issuer: str, facts: dict[str, object], message: str
) -> None:
    with (
        registry.sessions.begin() as s,
        pytest.raises(
            (service.RegistryError, service.RegistryNotFoundError, CaseError), match=message
        ),
    ):
        service.apply(s, CIPHER, KEY, issuer=issuer, holders=HOLDERS, facts=facts, applied_on=START)
    with registry.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RegistryApplication)) == 0
        assert s.scalar(select(func.count()).select_from(RegistryEvent)) == 0


def test_an_issuer_must_be_a_system_that_issues_certificates(registry: Registry) -> None:
    with registry.sessions.begin() as s:
        for code, message in (
            ("atlantis", "not a system"),
            ("kagawa-pref", "issues no certificates"),
            ("shibuya", "registered already"),
        ):
            with pytest.raises(service.RegistryError, match=message):
                service.register_issuer(s, CIPHER, KEY, OFFICER, code, START)


# --- what verification rejects, each with its reason ------------------------------------------


def test_wrong_names_or_birth_dates_do_not_match(registry: Registry) -> None:
    payload = registry.issue().payload
    for typed in (
        (FIRST, Holder("鳳凰院 凛子", SECOND.birth_date)),
        (FIRST, Holder(SECOND.name, dt.date(1988, 12, 2))),
        (FIRST, FIRST),
    ):
        result = registry.check(payload, typed)
        assert result.verdict == "does_not_match"
        # Nothing is said about the certificate when it does not match.
        assert (result.issuer, result.issue_date, result.status) == (None, None, None)


def test_a_forged_signature_does_not_match(registry: Registry) -> None:
    parsed = decode(registry.issue().payload)
    forged = bytearray(parsed.signature)
    forged[10] ^= 0x01
    assert registry.check(encode(parsed.signed, bytes(forged))).verdict == "does_not_match"


@pytest.mark.parametrize("field", ["number", "issue_date", "holder_hash"])
def test_an_altered_field_does_not_match(registry: Registry, field: str) -> None:
    registry.issue()
    parsed = decode(registry.issue().payload)
    claims = parsed.claims
    altered = {
        "number": Claims(claims.issuer, claims.key_id, 1, claims.issue_date, claims.holder_hash),
        "issue_date": Claims(
            claims.issuer, claims.key_id, claims.number, START + dt.timedelta(days=1),
            claims.holder_hash,
        ),
        "holder_hash": Claims(
            claims.issuer, claims.key_id, claims.number, claims.issue_date,
            holder_hash(claims.issuer, claims.number, (FIRST, FIRST)),
        ),
    }[field]  # fmt: skip
    text = encode(signed_bytes(altered), parsed.signature)
    assert registry.check(text).verdict == "does_not_match"
    if field == "holder_hash":
        assert registry.check(text, (FIRST, FIRST)).verdict == "does_not_match"


def test_a_payload_signed_with_another_issuers_key_does_not_match(registry: Registry) -> None:
    genuine = decode(registry.issue("fukuoka-city").payload).claims
    other_id, other_private = _private(registry, "kumamoto-city")
    own_id, _ = _private(registry, "fukuoka-city")
    # The other issuer's key under its own key id, then under the claimed issuer's key id.
    for key_id in (other_id, own_id):
        claims = Claims("fukuoka-city", key_id, 99, START, holder_hash("fukuoka-city", 99, HOLDERS))
        assert registry.check(_signed(claims, other_private)).verdict == "does_not_match"
    assert genuine.key_id == own_id


def test_a_payload_from_an_issuer_without_published_keys_is_unknown_issuer(
    registry: Registry,
) -> None:
    _, private = _private(registry, "fukuoka-city")
    claims = Claims("nakano", "0000beef", 1, START, holder_hash("nakano", 1, HOLDERS))
    result = registry.check(_signed(claims, private))
    assert result.verdict == "unknown_issuer"
    assert result.issuer is None


def test_unreadable_text_says_what_is_wrong_with_the_text(registry: Registry) -> None:
    result = registry.check("THIS IS NOT 1 PAYLOAD")
    assert result.verdict == "unreadable"
    assert result.problem is not None
    assert "'1'" in result.problem


def test_revoked_and_returned_certificates_say_so_with_their_day(registry: Registry) -> None:
    revoked, returned = registry.issue(), registry.issue()
    later = START + dt.timedelta(days=30)
    with registry.sessions.begin() as s:
        service.revoke(s, KEY, OFFICER, revoked.certificate.id, "false_declaration", later)
        service.return_certificate(s, KEY, OFFICER, returned.certificate.id, "dissolution", later)
    for issued, verdict, status in (
        (revoked, "revoked", "revoked"),
        (returned, "returned", "returned"),
    ):
        result = registry.check(issued.payload)
        assert (result.verdict, result.status, result.status_date) == (verdict, status, later)
        assert not result.valid
    with registry.sessions.begin() as s:
        with pytest.raises(service.RegistryError, match="revoked already"):
            service.return_certificate(
                s, KEY, OFFICER, revoked.certificate.id, "moving_away", later
            )
        with pytest.raises(service.RegistryError, match="not one of dissolution, moving_away"):
            service.return_certificate(s, KEY, OFFICER, returned.certificate.id, "bored", later)
        with pytest.raises(service.RegistryError, match="not one of false_declaration"):
            service.revoke(s, KEY, OFFICER, returned.certificate.id, "because", later)


def test_offline_a_genuine_certificate_is_valid_with_its_status_unchecked(
    registry: Registry,
) -> None:
    issued = registry.issue()
    with registry.sessions.begin() as s:
        service.revoke(s, KEY, OFFICER, issued.certificate.id, "issued_in_error", START)
    offline = verify(issued.payload, HOLDERS, registry.keys())
    assert (offline.verdict, offline.status_checked, offline.status) == ("valid", False, None)


def test_a_genuine_payload_missing_from_the_register_is_an_unknown_certificate(
    registry: Registry,
) -> None:
    key_id, private = _private(registry, "fukuoka-city")
    claims = Claims("fukuoka-city", key_id, 500, START, holder_hash("fukuoka-city", 500, HOLDERS))
    assert registry.check(_signed(claims, private)).verdict == "unknown_certificate"


# --- keys ---------------------------------------------------------------------------------------


def test_rotated_keys_keep_old_certificates_valid_and_refuse_backdating(
    registry: Registry,
) -> None:
    old = registry.issue()
    old_id, old_private = _private(registry, "fukuoka-city")
    rotated_on = START + dt.timedelta(days=60)
    with registry.sessions.begin() as s:
        new_id = service.rotate_key(s, CIPHER, KEY, OFFICER, "fukuoka-city", rotated_on)
    assert new_id != old_id
    new = registry.issue(on=rotated_on + dt.timedelta(days=1))
    assert decode(new.payload).claims.key_id == new_id
    assert registry.check(old.payload).verdict == "valid"
    assert registry.check(new.payload).verdict == "valid"
    published = registry.keys().issuers["fukuoka-city"].keys
    assert [(k.key_id, k.valid_from, k.valid_to) for k in published] == [
        (old_id, KEYS_FROM, rotated_on),
        (new_id, rotated_on, None),
    ]
    # The retired key cannot sign a certificate dated after its retirement.
    after = rotated_on + dt.timedelta(days=2)
    claims = Claims("fukuoka-city", old_id, 3, after, holder_hash("fukuoka-city", 3, HOLDERS))
    assert registry.check(_signed(claims, old_private)).verdict == "does_not_match"
    with registry.sessions.begin() as s, pytest.raises(signing.SigningKeyError, match="no period"):
        service.rotate_key(s, CIPHER, KEY, OFFICER, "fukuoka-city", START)


def test_the_published_key_set_round_trips_through_json(registry: Registry) -> None:
    keys = registry.keys()
    assert KeySet.from_json(keys.to_json()) == keys
    assert set(keys.issuers) == {"fukuoka-city", "kumamoto-city", "shibuya"}
    assert set(keys.only("shibuya").issuers) == {"shibuya"}


# --- transfer under mutual recognition -------------------------------------------------------


def test_a_certificate_moves_within_the_network_and_stays_valid(registry: Registry) -> None:
    old = registry.issue("fukuoka-city")
    moved_on = dt.date(2025, 3, 1)
    with registry.sessions.begin() as s:
        new, basis = service.transfer(
            s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", moved_on
        )
    assert (basis.basis, basis.since) == ("network", dt.date(2024, 11, 1))
    assert new.certificate.issuer_code == "kumamoto-city"
    assert new.certificate.transferred_from == old.certificate.id
    result = registry.check(new.payload)
    assert result.verdict == "valid"
    assert result.issuer is not None
    assert result.issuer.code == "kumamoto-city"
    assert result.issue_date == moved_on
    gone = registry.check(old.payload)
    assert (gone.verdict, gone.status_date) == ("transferred", moved_on)


def test_before_the_network_an_agreement_between_the_two_carries_a_certificate(
    registry: Registry,
) -> None:
    # fukuoka-city and kumamoto-city: an agreement from 2019-10-30, the network from 2024-11-01.
    old = registry.issue("fukuoka-city", dt.date(2020, 1, 6))
    with (
        registry.sessions.begin() as s,
        pytest.raises(service.RegistryError, match="does not recognise"),
    ):
        service.transfer(
            s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", dt.date(2019, 10, 29)
        )
    with registry.sessions.begin() as s:
        new, basis = service.transfer(
            s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", dt.date(2020, 6, 1)
        )
    assert (basis.basis, basis.since) == ("agreement", dt.date(2019, 10, 30))
    assert basis.source_url is not None
    assert "city.kumamoto.jp" in basis.source_url
    assert registry.check(new.payload).verdict == "valid"
    assert registry.check(old.payload).verdict == "transferred"


def test_a_move_to_an_issuer_that_does_not_recognise_it_is_refused(registry: Registry) -> None:
    old = registry.issue("fukuoka-city")
    with (
        registry.sessions.begin() as s,
        pytest.raises(service.RegistryError, match="shibuya does not recognise"),
    ):
        service.transfer(s, CIPHER, KEY, OFFICER, old.certificate.id, "shibuya", START)
    assert registry.check(old.payload).verdict == "valid"
    with registry.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RegistryCertificate)) == 1


def test_a_returned_certificate_cannot_move(registry: Registry) -> None:
    old = registry.issue("fukuoka-city")
    with registry.sessions.begin() as s:
        service.return_certificate(s, KEY, OFFICER, old.certificate.id, "moving_away", START)
    with (
        registry.sessions.begin() as s,
        pytest.raises(service.RegistryError, match="only an issued one moves"),
    ):
        service.transfer(s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", START)


# --- privacy and the audit log ---------------------------------------------------------------


def test_a_verification_discloses_exactly_the_allowed_keys(registry: Registry) -> None:
    payload = registry.issue().payload
    for typed in (HOLDERS, (FIRST, FIRST)):
        document = registry.check(payload, typed).to_json()
        assert set(document) == ALLOWED_KEYS
        flat = repr(document)
        for secret in ("Zyxwvutsa", "Quetzalli", "鳳凰院", "1990-03-27", "1988-12-01"):
            assert secret not in flat
        if document["issuer"] is not None:
            assert set(document["issuer"]) == {"code", "name"}


def _every_value(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return [
            value
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        ]


def test_no_holder_data_is_stored_in_plaintext(registry: Registry) -> None:
    old = registry.issue()
    with registry.sessions.begin() as s:
        service.transfer(s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", START)
    values = _every_value(registry.engine)
    for secret in ("Zyxwvutsa", "Quetzalli", "鳳凰院", "凛々子", "1990-03-27", "1988-12-01",
                   "sexual_minority", "private"):  # fmt: skip
        for value in values:
            raw = bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
            assert secret.encode() not in raw, secret
    with registry.sessions() as s:
        certificate = s.scalars(select(RegistryCertificate).limit(1)).one()
        assert service.holders_of(CIPHER, certificate) == HOLDERS
        # A sealed value moved to another row does not decrypt.
        other = s.scalars(select(RegistryCertificate).where(
            RegistryCertificate.id != certificate.id)).first()  # fmt: skip
        assert other is not None
        with pytest.raises(DecryptionError):
            CIPHER.decrypt(
                bytes(certificate.holders_enc),
                field_context("registry_certificates", "holders_enc", other.id),
            )
        key_row = s.scalars(select(RegistrySigningKey).limit(1)).one()
        assert len(bytes(key_row.private_key_enc)) > 32  # sealed, not the raw 32 bytes


def test_every_step_is_in_the_audit_log_and_the_chain_holds(registry: Registry) -> None:
    old = registry.issue()
    with registry.sessions.begin() as s:
        new, _ = service.transfer(
            s, CIPHER, KEY, OFFICER, old.certificate.id, "kumamoto-city", START
        )
        service.revoke(s, KEY, OFFICER, new.certificate.id, "requirements_not_met", START)
        service.rotate_key(s, CIPHER, KEY, OFFICER, "shibuya", START)
    with registry.sessions() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
        assert verify_audit(s, KEY) == []
    assert actions == [
        *["registry.issuer_register"] * 3,
        "registry.apply",
        "registry.oath_accept",
        "registry.issue",
        "registry.transfer_out",
        "registry.transfer_in",
        "registry.revoke",
        "registry.key_rotate",
    ]


@pytest.mark.parametrize(
    ("holders", "message"),
    [
        ((FIRST, Holder("  ", SECOND.birth_date)), "partner 2: the name is empty"),
        ((Holder("x" * 201, FIRST.birth_date), SECOND), "partner 1: the name is over 200"),
        ((FIRST, Holder(SECOND.name, START + dt.timedelta(days=1))), "partner 2: the birth date"),
    ],
)
def test_bad_holders_are_refused_and_nothing_is_written(
    registry: Registry, holders: tuple[Holder, Holder], message: str
) -> None:
    with (
        registry.sessions.begin() as s,
        pytest.raises(service.RegistryError, match=message),
    ):
        service.apply(
            s, CIPHER, KEY, issuer="fukuoka-city", holders=holders, facts=FACTS, applied_on=START
        )
    with registry.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RegistryApplication)) == 0
