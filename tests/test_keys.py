"""The rotating keyring of the outer encryption layer (zairyu.keys, the envelope in
zairyu.web.crypto, InterviewStore.reencrypt / key_usage, `zairyu keys rotate|reencrypt|status`).
Storage tests run on SQLite and on PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

import base64
import datetime as dt
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from zairyu.audit import AuditEntry, audit_key, verify
from zairyu.cli import app
from zairyu.keys import (
    ENVIRONMENT_VARIABLE,
    LEGACY_KEY_ID,
    Keyring,
    KeyringError,
    add_key,
    format_key,
    key_file,
    keys_from_environment,
    load_keyring,
    read_key_file,
)
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import (
    ENVELOPE,
    encrypt,
    envelope_key_id,
    load_or_create_secret,
    new_token,
    token_id,
)
from zairyu.web.interview import Interview
from zairyu.web.store import InterviewExpiredError, InterviewStore, MissingKeyError

SECRET = bytes(range(32))
RETENTION = dt.timedelta(days=30)
MARKER = "distinctive-asylum-claim-answer-7d41"
KEY_A = ("aaaaaaaa", bytes([1] * 32))
KEY_B = ("bbbbbbbb", bytes([2] * 32))


@pytest.fixture(autouse=True)
def _no_environment_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)


def _interview(marker: str = MARKER) -> Interview:
    interview = Interview()
    interview.record("applicant.nationality", marker)
    return interview


def _keyring(*keys: tuple[str, bytes]) -> Keyring:
    return keys_from_environment(",".join(format_key(*key) for key in keys))


def _plain(output: str) -> str:
    """CLI output with rich's line wrapping undone."""
    return " ".join(output.split())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    load_or_create_secret(directory / "secret.key")
    return directory


def _store(url: str, keyring: Keyring | None) -> InterviewStore:
    return InterviewStore(url, SECRET, RETENTION, keyring)


@pytest.fixture
def store(database_url: str) -> Iterator[InterviewStore]:
    store = _store(database_url, _keyring(KEY_A))
    yield store
    store.engine.dispose()


def _blob(store: InterviewStore, token: str) -> bytes:
    with store.engine.connect() as connection:
        (blob,) = connection.execute(
            text("SELECT answers FROM interviews WHERE id = :id"), {"id": token_id(token)}
        ).one()
    return bytes(blob)


def _set_blob(store: InterviewStore, token: str, blob: bytes) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE interviews SET answers = :blob WHERE id = :id"),
            {"blob": blob, "id": token_id(token)},
        )


def _insert_old_format(store: InterviewStore, marker: str = MARKER) -> str:
    """An interview as saved before the keyring existed: the token-keyed layer alone."""
    token = new_token()
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO interviews (id, answers, created_at, updated_at)"
                " VALUES (:id, :answers, :now, :now)"
            ),
            {
                "id": token_id(token),
                "answers": encrypt(SECRET, token, _interview(marker).to_json()),
                "now": now,
            },
        )
    return token


# --- The keyring's sources --------------------------------------------------------------------


def test_the_key_file_is_made_private_with_one_key_and_read_back(tmp_path: Path) -> None:
    keyring = load_keyring(tmp_path / "data", environ={})
    path = key_file(tmp_path / "data")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(keyring.keys) == 1
    assert keyring.path == path
    again = load_keyring(tmp_path / "data", environ={})
    assert again.keys == keyring.keys  # not replaced on the next start
    assert base64.b64encode(keyring.current).decode() not in repr(keyring)


def test_a_new_key_goes_first_in_the_key_file_and_it_stays_private(tmp_path: Path) -> None:
    first = load_keyring(tmp_path, environ={})
    rotated = add_key(first)
    assert rotated.ids[1:] == first.ids
    assert rotated.current_id != first.current_id
    assert stat.S_IMODE(key_file(tmp_path).stat().st_mode) == 0o600
    assert read_key_file(key_file(tmp_path)).keys == rotated.keys


def test_keys_from_the_environment_come_first_and_make_no_key_file(tmp_path: Path) -> None:
    value = f"{format_key(*KEY_B)}, {format_key(*KEY_A)}"
    keyring = load_keyring(tmp_path, environ={ENVIRONMENT_VARIABLE: value})
    assert keyring.ids == ("bbbbbbbb", "aaaaaaaa")
    assert keyring.current == KEY_B[1]
    assert keyring.from_environment
    assert not key_file(tmp_path).exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("aaaaaaaa", "(entry 1): expected id:base64key, found no ':'"),
        (f"{format_key(*KEY_A)},", "(entry 2): empty"),
        (f"AAAA:{base64.b64encode(KEY_A[1]).decode()}", "'AAAA' is not 8 lowercase hexadecimal"),
        ("aaaaaaaa:not base64!", "the key of aaaaaaaa is not valid base64"),
        ("aaaaaaaa:" + base64.b64encode(b"short").decode(), "is 5 bytes; a key is 32 bytes"),
        (f"{format_key(*KEY_A)},{format_key(*KEY_A)}", "the key id aaaaaaaa is given twice"),
    ],
)
def test_a_malformed_zairyu_keys_is_refused_naming_the_problem(
    tmp_path: Path, value: str, problem: str
) -> None:
    with pytest.raises(KeyringError) as raised:
        load_keyring(tmp_path, environ={ENVIRONMENT_VARIABLE: value})
    assert ENVIRONMENT_VARIABLE in str(raised.value)
    assert problem in str(raised.value)
    assert base64.b64encode(KEY_A[1]).decode() not in str(raised.value)


def test_a_malformed_key_file_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = key_file(tmp_path)
    path.write_text(f"# keys\n{format_key(*KEY_A)}\n\nbbbbbbbb:{'x' * 12}\n")
    with pytest.raises(KeyringError, match=r"keys \(line 4\): the key of bbbbbbbb is 9 bytes"):
        load_keyring(tmp_path, environ={})
    path.write_text("# nothing but a comment\n")
    with pytest.raises(KeyringError, match="no key"):
        load_keyring(tmp_path, environ={})


# --- The envelope in the store ----------------------------------------------------------------


def test_answers_round_trip_in_an_envelope_under_the_current_key(store: InterviewStore) -> None:
    token = store.create()
    store.save(token, _interview())
    blob = _blob(store, token)
    assert blob.startswith(ENVELOPE + b"aaaaaaaa")
    assert envelope_key_id(blob) == "aaaaaaaa"
    assert store.load(token, "read") == _interview()
    assert store.key_usage() == {"aaaaaaaa": 1}


def test_an_old_format_blob_still_loads_and_is_rewrapped(store: InterviewStore) -> None:
    token = _insert_old_format(store)
    assert envelope_key_id(_blob(store, token)) == LEGACY_KEY_ID
    assert store.key_usage() == {LEGACY_KEY_ID: 1}
    assert store.load(token, "read") == _interview()
    done = store.reencrypt(_keyring(KEY_A))
    assert (done.rewrapped, done.already_current) == (1, 0)
    assert envelope_key_id(_blob(store, token)) == "aaaaaaaa"
    assert store.load(token, "read") == _interview()


def test_reencrypt_in_small_batches_is_resumable_and_keeps_updated_at(
    store: InterviewStore,
) -> None:
    tokens = [store.create() for _ in range(5)]
    for token in tokens:
        store.save(token, _interview(f"{MARKER}-{token[:4]}"))
    with store.engine.connect() as connection:
        before = sorted(
            str(row[0]) for row in connection.execute(text("SELECT updated_at FROM interviews"))
        )
    rotated = _keyring(KEY_B, KEY_A)
    store.reencrypt(rotated, batch_size=2)
    again = store.reencrypt(rotated, batch_size=2)
    assert (again.rewrapped, again.already_current) == (0, 5)  # nothing left to do
    with store.engine.connect() as connection:
        after = sorted(
            str(row[0]) for row in connection.execute(text("SELECT updated_at FROM interviews"))
        )
    assert after == before  # re-encryption does not extend retention
    reader = _store(store.engine.url.render_as_string(hide_password=False), rotated)
    try:
        for token in tokens:
            assert reader.load(token, "read") == _interview(f"{MARKER}-{token[:4]}")
    finally:
        reader.engine.dispose()
    with Session(store.engine) as session:
        entries = list(session.query(AuditEntry).filter(AuditEntry.actor == "operator"))
        assert [(e.action, e.subject) for e in entries] == [
            ("keys.reencrypt", "interviews:5"),
            ("keys.reencrypt", "interviews:0"),
        ]
        assert verify(session, audit_key(SECRET)) == []


def test_a_blob_under_a_key_not_in_the_keyring_gives_a_clear_error(
    store: InterviewStore, database_url: str
) -> None:
    token = store.create()
    store.save(token, _interview())
    other = _store(database_url, _keyring(KEY_B))
    try:
        with pytest.raises(MissingKeyError, match="under the key aaaaaaaa, which is not in"):
            other.load(token, "read")
        done = other.reencrypt(_keyring(KEY_B))
        assert (done.missing, done.rewrapped) == ({"aaaaaaaa": 1}, 0)
    finally:
        other.engine.dispose()
    assert store.load(token, "read") == _interview()  # left as it was


def test_a_changed_key_id_is_refused(store: InterviewStore, database_url: str) -> None:
    token = store.create()
    store.save(token, _interview())
    blob = _blob(store, token)
    both = _store(database_url, _keyring(KEY_B, KEY_A))
    try:
        _set_blob(store, token, blob.replace(b"aaaaaaaa", b"bbbbbbbb", 1))
        with pytest.raises(InterviewExpiredError) as raised:
            both.load(token, "read")
        assert not isinstance(raised.value, MissingKeyError)
        _set_blob(store, token, blob.replace(b"aaaaaaaa", b"cccccccc", 1))
        with pytest.raises(MissingKeyError):
            both.load(token, "read")
        _set_blob(store, token, blob)
        assert both.load(token, "read") == _interview()
    finally:
        both.engine.dispose()


def test_blobs_swapped_between_interviews_are_refused(store: InterviewStore) -> None:
    first, second = store.create(), store.create()
    store.save(first, _interview("first"))
    store.save(second, _interview("second"))
    first_blob, second_blob = _blob(store, first), _blob(store, second)
    _set_blob(store, first, second_blob)
    _set_blob(store, second, first_blob)
    for token in (first, second):
        with pytest.raises(InterviewExpiredError):
            store.load(token, "read")


def test_the_raw_database_holds_no_answer_no_token_and_no_key(store: InterviewStore) -> None:
    tokens = [store.create(), store.create()]
    store.save(tokens[0], _interview())
    store.load(tokens[0], "read")
    old = _insert_old_format(store, f"{MARKER}-old")
    store.reencrypt(_keyring(KEY_B, KEY_A))
    forbidden = [
        MARKER.encode(),
        b"applicant.nationality",
        *(token.encode() for token in [*tokens, old]),
        KEY_A[1],
        KEY_B[1],
        base64.b64encode(KEY_A[1]),
        base64.b64encode(KEY_B[1]),
        SECRET,
    ]
    seen = 0
    with store.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    raw = bytes(value) if isinstance(value, bytes | memoryview) else str(value)
                    data = raw if isinstance(raw, bytes) else raw.encode()
                    seen += 1
                    for secret_bytes in forbidden:
                        assert secret_bytes not in data, (table, secret_bytes[:12])
    assert seen > 20  # interviews, audit_log and alembic_version were all read


def test_a_running_store_picks_up_a_rotation_of_the_key_file(
    database_url: str, tmp_path: Path
) -> None:
    keyring = load_keyring(tmp_path, environ={})
    running = _store(database_url, keyring)
    try:
        token = running.create()
        running.save(token, _interview())
        rotated = add_key(keyring)
        running.reencrypt(rotated)
        assert envelope_key_id(_blob(running, token)) == rotated.current_id
        assert running.load(token, "read") == _interview()  # read the file again
        running.save(token, _interview("after"))
        assert envelope_key_id(_blob(running, token)) == rotated.current_id
    finally:
        running.engine.dispose()


# --- zairyu keys rotate / reencrypt / status --------------------------------------------------


def _cli(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["keys", *arguments])
    return result.exit_code, _plain(result.output)


def test_rotate_rewraps_every_interview_and_status_shows_the_old_key_unused(
    data_dir: Path, database_url: str
) -> None:
    secret = (data_dir / "secret.key").read_bytes()
    first = load_keyring(data_dir, environ={})
    store = InterviewStore(database_url, secret, RETENTION, first)
    where = ["--data-dir", str(data_dir), "--database-url", database_url]
    try:
        tokens = [store.create() for _ in range(3)]
        for token in tokens:
            store.save(token, _interview(f"{MARKER}-{token[:4]}"))
        legacy_store = InterviewStore(database_url, secret, RETENTION, None)
        legacy = legacy_store.create()  # written as before the keyring: no outer layer
        legacy_store.engine.dispose()
        code, shown = _cli("status", *where)
        assert code == 0, shown
        assert f"{first.current_id} 3 interview(s) 0 sealed field(s) current" in shown
        assert f"{LEGACY_KEY_ID} 1 interview(s) 0 sealed field(s) old format" in shown

        code, shown = _cli("rotate", *where)
        assert code == 0, shown
        rotated = read_key_file(key_file(data_dir))
        assert rotated.ids == (rotated.current_id, first.current_id)
        assert f"new current key: {rotated.current_id}" in shown
        assert f"re-encrypted 4 interview(s) under key {rotated.current_id}" in shown
        for _, key in rotated.keys:
            assert base64.b64encode(key).decode() not in shown

        code, shown = _cli("status", *where)
        assert code == 0, shown
        assert f"{rotated.current_id} 4 interview(s) 0 sealed field(s) current" in shown
        assert f"{first.current_id} 0 interview(s) 0 sealed field(s) older" in shown
        assert LEGACY_KEY_ID not in shown
        assert store.key_usage() == {rotated.current_id: 4}
        for token in tokens:
            assert store.load(token, "read") == _interview(f"{MARKER}-{token[:4]}")
        assert store.load(legacy, "read") == Interview()
        with Session(store.engine) as session:
            rotations = [
                (e.actor, e.subject)
                for e in session.query(AuditEntry).filter(AuditEntry.action == "keys.rotate")
            ]
            assert rotations == [("operator", "interviews:4"), ("operator", "fields:0")]
            assert verify(session, audit_key(secret)) == []
    finally:
        store.engine.dispose()
    assert stat.S_IMODE(key_file(data_dir).stat().st_mode) == 0o600


def test_status_names_a_key_missing_from_the_keyring(data_dir: Path, database_url: str) -> None:
    secret = (data_dir / "secret.key").read_bytes()
    store = InterviewStore(database_url, secret, RETENTION, _keyring(KEY_A))
    try:
        store.save(store.create(), _interview())
    finally:
        store.engine.dispose()
    load_keyring(data_dir, environ={})  # a key file without KEY_A
    code, shown = _cli("status", "--data-dir", str(data_dir), "--database-url", database_url)
    assert code == 1
    assert "aaaaaaaa 1 interview(s) 0 sealed field(s) NOT IN THE KEYRING" in shown
    assert (
        "1 interview(s) or field(s) are encrypted under key(s) not in the keyring (aaaaaaaa)"
        in shown
    )
    code, shown = _cli("reencrypt", "--data-dir", str(data_dir), "--database-url", database_url)
    assert code == 1
    assert "under the key aaaaaaaa, which is not in the keyring" in shown


def test_environment_keys_are_used_and_rotate_refuses_to_change_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, format_key(*KEY_A))
    web = create_app(Settings(data_dir=data_dir, as_of=dt.date(2026, 11, 22)))
    store: InterviewStore = web.state.store
    token = store.create()
    store.engine.dispose()
    assert not key_file(data_dir).exists()
    assert store.key_usage() == {"aaaaaaaa": 1}
    code, shown = _cli("rotate", "--data-dir", str(data_dir))
    assert code == 2
    assert "the keys come from ZAIRYU_KEYS, which zairyu cannot change" in shown
    assert "run `zairyu keys reencrypt`" in shown
    assert not key_file(data_dir).exists()

    monkeypatch.setenv(ENVIRONMENT_VARIABLE, f"{format_key(*KEY_B)},{format_key(*KEY_A)}")
    code, shown = _cli("reencrypt", "--data-dir", str(data_dir))
    assert code == 0, shown
    assert "re-encrypted 1 interview(s) under key bbbbbbbb" in shown
    code, shown = _cli("status", "--data-dir", str(data_dir))
    assert "keys from ZAIRYU_KEYS" in shown
    assert "bbbbbbbb 1 interview(s) 0 sealed field(s) current" in shown
    assert "aaaaaaaa 0 interview(s) 0 sealed field(s) older" in shown
    restarted = create_app(Settings(data_dir=data_dir)).state.store
    assert restarted.load(token, "read") == Interview()
    restarted.engine.dispose()


def test_a_malformed_zairyu_keys_is_a_clear_cli_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "aaaaaaaa:?")
    code, shown = _cli("status", "--data-dir", str(data_dir))
    assert code == 2
    assert "ZAIRYU_KEYS (entry 1): the key of aaaaaaaa is not valid base64" in shown
    with pytest.raises(KeyringError, match="ZAIRYU_KEYS"):
        create_app(Settings(data_dir=data_dir))


def test_rotate_on_a_data_directory_from_before_the_keyring(data_dir: Path) -> None:
    """secret.key and old-format answers, no key file: rotate makes it and wraps them."""
    secret = (data_dir / "secret.key").read_bytes()
    url = f"sqlite:///{data_dir / 'zairyu.sqlite3'}"
    old = InterviewStore(url, secret, RETENTION, None)
    token = old.create()
    old.engine.dispose()
    code, shown = _cli("rotate", "--data-dir", str(data_dir))
    assert code == 0, shown
    keyring = read_key_file(key_file(data_dir))
    assert len(keyring.keys) == 1
    assert f"re-encrypted 1 interview(s) under key {keyring.current_id}" in shown
    web = create_app(Settings(data_dir=data_dir))
    assert web.state.store.load(token, "read") == Interview()
    assert (data_dir / "secret.key").read_bytes() == secret  # kept: audit and forms use it
    web.state.store.engine.dispose()
    code, shown = _cli("status", "--data-dir", str(tmp := data_dir / "nowhere"))
    assert code == 2
    assert f"{tmp / 'secret.key'}: no secret key here" in shown
