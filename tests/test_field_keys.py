"""Sealed fields of the workbench under the rotating keyring (zairyu.workbench.cipher's
KeyringCipher, zairyu.workbench.reencrypt, and `zairyu keys rotate|reencrypt|status` for
fields). Storage tests run on SQLite and on PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from zairyu.audit import AuditEntry, audit_key, verify
from zairyu.cli import app
from zairyu.keys import (
    ENVIRONMENT_VARIABLE,
    LEGACY_KEY_ID,
    Keyring,
    LiveKeyring,
    add_key,
    format_key,
    key_file,
    keys_from_environment,
    load_keyring,
    read_key_file,
)
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import load_or_create_secret
from zairyu.workbench import service as wb
from zairyu.workbench.cipher import (
    AesGcmCipher,
    DecryptionError,
    KeyringCipher,
    MissingKeyError,
    field_context,
    legacy_field_cipher,
    sealed_key_id,
)
from zairyu.workbench.models import Person
from zairyu.workbench.reencrypt import field_key_usage, sealed_columns

KEY_A = ("aaaaaaaa", bytes([1] * 32))
KEY_B = ("bbbbbbbb", bytes([2] * 32))
PLACE = field_context("persons", "name_enc", "0" * 32)
NAME = "Zenobia Quillfeather"
BIRTH = dt.date(1979, 3, 14)
PASSWORD = "correct horse battery staple"


def _keyring(*keys: tuple[str, bytes]) -> Keyring:
    return keys_from_environment(",".join(format_key(*key) for key in keys))


def _plain(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture(autouse=True)
def _no_environment_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)


# --- the cipher ---------------------------------------------------------------------------------


def test_a_blob_names_its_key_and_decrypts_while_the_key_is_in_the_keyring() -> None:
    ring = _keyring(KEY_A)
    cipher = KeyringCipher(lambda: ring)
    blob = cipher.encrypt(b"asylum narrative", PLACE)
    assert sealed_key_id(blob) == "aaaaaaaa"
    assert b"asylum narrative" not in blob
    ring = _keyring(KEY_B, KEY_A)  # rotated: B is current, A still readable
    assert cipher.decrypt(blob, PLACE) == b"asylum narrative"
    assert sealed_key_id(cipher.encrypt(b"x", PLACE)) == "bbbbbbbb"
    ring = _keyring(KEY_B)  # A removed too early
    with pytest.raises(MissingKeyError, match="aaaaaaaa") as missing:
        cipher.decrypt(blob, PLACE)
    assert missing.value.key_id == "aaaaaaaa"


def test_a_blob_does_not_open_elsewhere_or_altered() -> None:
    cipher = KeyringCipher(lambda: _keyring(KEY_A))
    blob = cipher.encrypt(b"value", PLACE)
    with pytest.raises(DecryptionError):
        cipher.decrypt(blob, field_context("persons", "name_enc", "1" * 32))
    altered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DecryptionError):
        cipher.decrypt(altered, PLACE)
    for malformed in (b"", b"\x02", b"\x09" + blob[1:], blob[:20]):
        with pytest.raises(DecryptionError):
            cipher.decrypt(malformed, PLACE)
    # The same keyring key seals interviews too: fields use a key derived for them alone.
    raw = AesGcmCipher(KEY_A[1])
    with pytest.raises(DecryptionError):
        raw.decrypt(b"\x01" + blob[9:], PLACE)


def test_blobs_from_before_the_keyring_are_still_read() -> None:
    secret = bytes(range(32))
    old = legacy_field_cipher(secret).encrypt(b"old value", PLACE)
    assert sealed_key_id(old) == LEGACY_KEY_ID
    assert KeyringCipher(lambda: _keyring(KEY_A), legacy_field_cipher(secret)).decrypt(
        old, PLACE
    ) == (b"old value")
    with pytest.raises(DecryptionError):  # without the old cipher it is not readable
        KeyringCipher(lambda: _keyring(KEY_A)).decrypt(old, PLACE)


def test_the_sealed_columns_are_found_by_convention() -> None:
    found = {(table.name, column) for table, column in sealed_columns()}
    assert {
        ("persons", "name_enc"),
        ("persons", "birth_date_enc"),
        ("case_facts", "value_enc"),
        ("case_determinations", "facts_enc"),
        ("case_determinations", "result_enc"),
        ("case_documents", "title_enc"),
        ("case_deadlines", "text_enc"),
        ("case_notes", "body_enc"),
    } <= found


# --- the workbench under rotation -----------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    load_or_create_secret(directory / "secret.key")
    return directory


def _people(sessions: sessionmaker[Session], cipher: KeyringCipher, key: bytes) -> list[str]:
    with wb.unit_of_work(sessions) as s:
        admin = s.scalars(select(wb.User).where(wb.User.username == "admin")).one()
        return sorted(
            wb.get_case(s, admin, cipher, key, case.id).person.name
            for case in wb.list_cases(s, admin, key)
        )


def test_rotate_reencrypts_every_field_and_the_running_app_follows(
    data_dir: Path, database_url: str
) -> None:
    web = create_app(Settings(data_dir=data_dir, database_url=database_url))
    engine = web.state.store.engine
    secret = (data_dir / "secret.key").read_bytes()
    key = audit_key(secret)
    cipher: KeyringCipher = web.state.field_cipher
    first = read_key_file(key_file(data_dir))
    sessions = sessionmaker(engine, expire_on_commit=False)
    try:
        with wb.unit_of_work(sessions) as s:
            admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
            org = wb.create_organisation(s, admin, key, "NGO").id
            for number in range(3):
                person = wb.create_person(
                    s, admin, cipher, key, organisation_id=org, name=f"{NAME} {number}",
                    birth_date=BIRTH,
                ).id  # fmt: skip
                case = wb.open_case(s, admin, cipher, key, person_id=person).id
                wb.add_note(s, admin, cipher, key, case, "fled in 2019")
            # One person written before the keyring existed, under the secret-derived key.
            legacy = wb.create_person(
                s, admin, legacy_field_cipher(secret), key, organisation_id=org,
                name=f"{NAME} old", birth_date=None,
            ).id  # fmt: skip
            wb.open_case(s, admin, cipher, key, person_id=legacy)
        before = field_key_usage(engine)
        assert before[first.current_id] == 3 * 3  # name, birth date and note of three
        assert before[LEGACY_KEY_ID] == 2
        where = ["--data-dir", str(data_dir), "--database-url", database_url]
        result = CliRunner().invoke(app, ["keys", "status", *where])
        assert result.exit_code == 0, result.output
        assert f"{LEGACY_KEY_ID} 0 interview(s) 2 sealed field(s) old format" in _plain(
            result.output
        )

        result = CliRunner().invoke(app, ["keys", "rotate", *where])
        assert result.exit_code == 0, result.output
        rotated = read_key_file(key_file(data_dir))
        shown = _plain(result.output)
        assert f"re-encrypted 11 sealed field(s) under key {rotated.current_id}" in shown
        assert field_key_usage(engine) == {rotated.current_id: 11}
        assert cipher.current_key_id == rotated.current_id

        # The app started before the rotation reads the new blobs and writes under the new key.
        names = [f"{NAME} {n}" for n in range(3)] + [f"{NAME} old"]
        assert _people(sessions, cipher, key) == sorted(names)
        with wb.unit_of_work(sessions) as s:
            admin = s.scalars(select(wb.User).where(wb.User.username == "admin")).one()
            added = wb.create_person(
                s, admin, cipher, key, organisation_id=org, name="after", birth_date=None
            ).id
            wb.open_case(s, admin, cipher, key, person_id=added)
        with Session(engine) as s:
            blob = s.get_one(Person, added).name_enc
            assert sealed_key_id(blob) == rotated.current_id
            rotations = [
                e.subject
                for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "keys.rotate"))
            ]
            assert rotations == ["interviews:0", "fields:11"]
            assert verify(s, key) == []

        # Only now may the first key go: a keyring without it still reads everything.
        without_first = Keyring(keys=(rotated.keys[0],), source="test")
        reader = KeyringCipher(lambda: without_first)
        assert _people(sessions, reader, key) == sorted([*names, "after"])
    finally:
        engine.dispose()


def test_reencrypt_leaves_what_it_cannot_open_and_says_so(
    data_dir: Path, database_url: str
) -> None:
    web = create_app(Settings(data_dir=data_dir, database_url=database_url))
    engine = web.state.store.engine
    secret = (data_dir / "secret.key").read_bytes()
    key = audit_key(secret)
    sessions = sessionmaker(engine, expire_on_commit=False)
    outsider = KeyringCipher(LiveKeyring(_keyring(KEY_A)))  # a key this data dir does not have
    try:
        with wb.unit_of_work(sessions) as s:
            admin = wb.bootstrap_admin(s, key, "admin", PASSWORD)
            org = wb.create_organisation(s, admin, key, "NGO").id
            lost = wb.create_person(
                s, admin, outsider, key, organisation_id=org, name=NAME, birth_date=None
            ).id
            moved = wb.create_person(
                s, admin, web.state.field_cipher, key, organisation_id=org, name="x",
                birth_date=None,
            ).id  # fmt: skip
        with Session(engine) as s, s.begin():
            # An old-format blob copied from another row does not decrypt in its new place.
            other = legacy_field_cipher(secret).encrypt(b'"x"', PLACE)
            s.execute(update(Person).where(Person.id == moved).values(name_enc=other))
        result = CliRunner().invoke(
            app, ["keys", "reencrypt", "--data-dir", str(data_dir), "--database-url", database_url]
        )
        assert result.exit_code == 1
        shown = _plain(result.output)
        assert "2 sealed field(s) are under the key aaaaaaaa, which is not in the keyring" in shown
        assert "1 sealed field(s) could not be decrypted" in shown
        with Session(engine) as s:
            assert sealed_key_id(s.get_one(Person, lost).name_enc) == "aaaaaaaa"  # untouched
        result = CliRunner().invoke(
            app, ["keys", "status", "--data-dir", str(data_dir), "--database-url", database_url]
        )
        assert result.exit_code == 1
        assert "aaaaaaaa 0 interview(s) 2 sealed field(s) NOT IN THE KEYRING" in _plain(
            result.output
        )
    finally:
        engine.dispose()


def test_environment_keys_seal_the_fields(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, format_key(*KEY_A))
    web = create_app(Settings(data_dir=data_dir))
    assert sealed_key_id(web.state.field_cipher.encrypt(b"v", PLACE)) == "aaaaaaaa"
    web.state.store.engine.dispose()
    assert not key_file(data_dir).exists()


def test_a_new_key_in_the_file_is_used_without_a_restart(data_dir: Path) -> None:
    ring = load_keyring(data_dir, environ={})
    cipher = KeyringCipher(LiveKeyring(ring))
    assert sealed_key_id(cipher.encrypt(b"v", PLACE)) == ring.current_id
    newer = add_key(ring)
    assert sealed_key_id(cipher.encrypt(b"v", PLACE)) == newer.current_id
