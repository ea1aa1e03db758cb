"""Saved interviews in the database, on SQLite and on PostgreSQL (a throwaway server, see
tests/storage_fixtures.py): the migrations, the store's round trip, what is stored and what is
not, tampering, the access log, concurrent saves, and the whole web app on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    inspect,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from zairyu.audit import audit_key, verify
from zairyu.storage import (
    Base,
    MigrationError,
    alembic_config,
    create_engine,
    database_url,
    migrate,
)
from zairyu.web.app import Settings, create_app
from zairyu.web.crypto import encrypt, new_token, token_id
from zairyu.web.interview import Interview
from zairyu.web.store import InterviewExpiredError, InterviewStore

AS_OF = dt.date(2026, 11, 22)
SECRET = bytes(range(32))
RETENTION = dt.timedelta(days=30)
TABLES = {"interviews", "audit_log"}  # the interview store's own tables
WORKBENCH_TABLES = {
    "organisations", "users", "api_tokens", "persons", "cases", "case_transitions",
    "case_documents", "case_facts", "case_determinations", "case_deadlines", "case_notes",
    "web_sessions",
    "registry_issuers", "registry_signing_keys", "registry_applications", "registry_certificates",
    "registry_events", "registry_operators",
}  # fmt: skip
MARKER = "quite-distinctive-answer-2019-06-15"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(database_url: str) -> Iterator[InterviewStore]:
    store = InterviewStore(database_url, SECRET, RETENTION)
    yield store
    store.engine.dispose()


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _version(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))
        ]


def _interview(marker: str = MARKER) -> Interview:
    interview = Interview()
    interview.record("applicant.nationality", marker)
    return interview


def _set_updated_at(engine: Engine, when: dt.datetime) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE interviews SET updated_at = :when"), {"when": when})


# --- Migrations ---------------------------------------------------------------------------


def test_migrations_make_the_tables_from_empty_and_can_run_again(
    database_url: str, engine: Engine
) -> None:
    assert inspect(engine).get_table_names() == []
    migrate(database_url)
    migrate(database_url)  # nothing to do the second time
    migrate(engine)
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == {*TABLES, *WORKBENCH_TABLES, "alembic_version"}
    assert [index["name"] for index in inspector.get_indexes("audit_log")] == [
        "ix_audit_log_subject"
    ]
    assert _version(engine) == [_head()]


def test_the_migrated_schema_is_what_the_models_describe(database_url: str, engine: Engine) -> None:
    migrate(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )
    assert differences == []


def test_a_database_made_by_create_all_before_migrations_is_stamped_and_kept(
    database_url: str, engine: Engine
) -> None:
    _tables_made_before_migrations(engine)
    token = new_token()
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO interviews (id, answers, created_at, updated_at)"
                " VALUES (:id, :answers, :now, :now)"
            ),
            {
                "id": token_id(token),
                "answers": encrypt(SECRET, token, _interview().to_json()),
                "now": now,
            },
        )
    store = InterviewStore(database_url, SECRET, RETENTION)
    try:
        assert _version(engine) == [_head()]
        assert store.load(token, "read").answers == {"applicant.nationality": MARKER}
        other = store.create()
        store.save(other, _interview("changed"))
        assert store.load(other, "read").answers == {"applicant.nationality": "changed"}
    finally:
        store.engine.dispose()
    migrate(database_url)  # and from then on an ordinary migrated database
    assert _version(engine) == [_head()]


def _tables_made_before_migrations(engine: Engine) -> None:
    """What InterviewStore's create_all made before migrations existed."""
    legacy = MetaData()
    Table(
        "interviews",
        legacy,
        Column("id", String(64), primary_key=True),
        Column("answers", LargeBinary, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "interview_access",
        legacy,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("interview_id", String(64), nullable=True, index=True),
        Column("action", String(32), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
    )
    legacy.create_all(engine)


def test_a_database_with_only_some_of_the_tables_is_refused(
    database_url: str, engine: Engine
) -> None:
    Base.metadata.tables["interviews"].create(engine)
    with pytest.raises(MigrationError, match="interview_access"):
        migrate(database_url)


def test_postgresql_urls_without_a_driver_use_psycopg() -> None:
    assert database_url("postgresql://u@127.0.0.1:5432/z").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/z").drivername == "postgresql+psycopg"
    assert database_url("sqlite:///x.sqlite3").drivername == "sqlite"


# --- The store ----------------------------------------------------------------------------


def test_an_interview_is_created_saved_loaded_and_deleted(store: InterviewStore) -> None:
    token = store.create()
    assert store.load(token, "read") == Interview()
    store.save(token, _interview())
    assert store.load(token, "read") == _interview()
    assert store.delete(token) is True
    with pytest.raises(InterviewExpiredError):
        store.load(token, "read")
    assert store.delete(token) is False
    with pytest.raises(InterviewExpiredError):
        store.save(token, _interview())
    with pytest.raises(InterviewExpiredError):
        store.load(new_token(), "read")


def test_old_interviews_expire_and_are_purged(store: InterviewStore) -> None:
    old, recent = store.create(), store.create()
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE interviews SET updated_at = :when WHERE id = :id"),
            {"when": now - RETENTION - dt.timedelta(minutes=1), "id": token_id(old)},
        )
    with pytest.raises(InterviewExpiredError):
        store.load(old, "read")
    assert store.load(recent, "read") == Interview()
    assert store.purge_expired() == 1
    assert store.purge_expired() == 0
    assert store.load(recent, "read") == Interview()
    with store.engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM interviews"))]
    assert ids == [token_id(recent)]


def test_updated_at_is_read_back_as_the_time_it_was_saved(store: InterviewStore) -> None:
    token = store.create()
    before = dt.datetime.now(dt.UTC)
    store.save(token, _interview())
    with store.engine.connect() as connection:
        (updated,) = connection.execute(text("SELECT updated_at FROM interviews")).one()
    if isinstance(updated, str):  # SQLite without the ORM's type: the digits, in UTC
        updated = dt.datetime.fromisoformat(updated)
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=dt.UTC)
    assert before - dt.timedelta(seconds=1) <= updated <= dt.datetime.now(dt.UTC)
    # Just inside the retention period it still loads, on both databases
    _set_updated_at(store.engine, dt.datetime.now(dt.UTC) - RETENTION + dt.timedelta(minutes=1))
    assert store.load(token, "read") == _interview()


def test_purge_treats_a_naive_or_non_utc_now_as_the_same_instant(store: InterviewStore) -> None:
    token = store.create()
    saved = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    _set_updated_at(store.engine, saved)
    tokyo = dt.timezone(dt.timedelta(hours=9))
    just_before = (saved + RETENTION - dt.timedelta(minutes=1)).astimezone(tokyo)
    assert store.purge_expired(just_before) == 0
    assert (
        store.purge_expired((saved + RETENTION - dt.timedelta(minutes=1)).replace(tzinfo=None)) == 0
    )
    assert store.purge_expired((saved + RETENTION + dt.timedelta(minutes=1)).astimezone(tokyo)) == 1
    with pytest.raises(InterviewExpiredError):
        store.load(token, "read")


def test_only_a_hash_of_the_token_is_stored(store: InterviewStore) -> None:
    token = store.create()
    store.save(token, _interview())
    store.load(token, "read")
    with store.engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM interviews"))]
        access_ids = {row[0] for row in connection.execute(text("SELECT subject FROM audit_log"))}
        every_value = [
            value
            for table in TABLES
            for row in connection.execute(text(f"SELECT * FROM {table}"))
            for value in row
        ]
    assert ids == [token_id(token)]
    assert access_ids == {f"interview:{token_id(token)}"}
    assert not any(token in str(value) for value in every_value)
    assert not any(
        token.encode() in bytes(value)
        for value in every_value
        if isinstance(value, bytes | memoryview)
    )


def test_the_answers_are_stored_only_as_ciphertext(store: InterviewStore) -> None:
    token = store.create()
    store.save(token, _interview())
    with store.engine.connect() as connection:
        (blob,) = connection.execute(text("SELECT answers FROM interviews")).one()
    blob = bytes(blob)
    assert len(blob) > len(_interview().to_json())  # nonce and tag as well
    for plaintext in (MARKER.encode(), b"applicant.nationality", b"answers", b"pathways"):
        assert plaintext not in blob
    assert store.load(token, "read") == _interview()


def test_altered_ciphertext_is_refused(store: InterviewStore) -> None:
    token = store.create()
    store.save(token, _interview())
    with store.engine.begin() as connection:
        (blob,) = connection.execute(text("SELECT answers FROM interviews")).one()
        blob = bytes(blob)
        tampered = blob[:-1] + bytes([blob[-1] ^ 1])
        connection.execute(text("UPDATE interviews SET answers = :blob"), {"blob": tampered})
    with pytest.raises(InterviewExpiredError):
        store.load(token, "read")


def test_answers_moved_to_another_interview_are_refused(store: InterviewStore) -> None:
    first, second = store.create(), store.create()
    store.save(first, _interview())
    with store.engine.begin() as connection:
        (blob,) = connection.execute(
            text("SELECT answers FROM interviews WHERE id = :id"), {"id": token_id(first)}
        ).one()
        connection.execute(
            text("UPDATE interviews SET answers = :blob WHERE id = :id"),
            {"blob": bytes(blob), "id": token_id(second)},
        )
    with pytest.raises(InterviewExpiredError):
        store.load(second, "read")


def test_every_access_is_logged_without_the_answers(store: InterviewStore) -> None:
    token = store.create()
    store.load(token, "read")
    store.save(token, _interview())
    store.load(token, "export")
    store.delete(token)
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT actor, action, subject, at FROM audit_log ORDER BY seq")
        ).all()
    subject = f"interview:{token_id(token)}"
    assert [(row.actor, row.action, row.subject) for row in rows] == [
        ("private-link", "create", subject),
        ("private-link", "read", subject),
        ("private-link", "answer", subject),
        ("private-link", "export", subject),
        ("private-link", "delete", subject),
    ]
    with store.engine.connect() as connection, Session(bind=connection) as session:
        assert verify(session, audit_key(SECRET)) == []
    assert all(row.at is not None for row in rows)


def test_concurrent_saves_to_one_interview_leave_one_whole_version(
    store: InterviewStore,
) -> None:
    token = store.create()
    rounds = 15
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            start.wait(timeout=30)
            for number in range(rounds):
                store.save(token, _interview(f"{name}-{number}"))
        except BaseException as error:  # reported below, on the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    final = store.load(token, "read")
    assert final.answers["applicant.nationality"] in {f"left-{rounds - 1}", f"right-{rounds - 1}"}
    with store.engine.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'answer'")
        ).scalar_one()
    assert count == 2 * rounds


# --- The web app on PostgreSQL --------------------------------------------------------------

TOKEN_FIELD = re.compile(r'name="form_token" value="([^"]+)"')


def _form_token(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def test_the_web_interview_works_on_postgresql(
    postgresql_database_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=postgresql_database_url, as_of=AS_OF
    )
    app = create_app(settings)
    with TestClient(app, headers={"accept-language": "en"}) as client:
        home = client.get("/")
        started = client.post("/start", data={"form_token": _form_token(home.text)})
        assert started.status_code == 200
        token = started.url.path.split("/")[2]
        question = client.get(f"/i/{token}/q/relationship.same_sex")
        assert question.status_code == 200
        answered = client.post(
            f"/i/{token}/q/relationship.same_sex",
            data={"form_token": _form_token(question.text), "answer": "yes"},
        )
        assert answered.status_code == 200
        assert client.get(f"/i/{token}/check").status_code == 200
        store: InterviewStore = client.app.state.store  # type: ignore[attr-defined]
        assert store.engine.dialect.name == "postgresql"
        assert store.load(token, "test").answers == {"relationship.same_sex": True}
    assert not (tmp_path / "data" / "zairyu.sqlite3").exists()
    engine = sqlalchemy.create_engine(postgresql_database_url)
    try:
        with engine.connect() as connection:
            ids = [row[0] for row in connection.execute(text("SELECT id FROM interviews"))]
        assert ids == [token_id(token)]
    finally:
        engine.dispose()
    store.engine.dispose()


def test_concurrent_reads_keep_one_unbroken_audit_chain(store: InterviewStore) -> None:
    token = store.create()
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            start.wait(timeout=30)
            for _ in range(10):
                store.load(token, "read")
        except BaseException as error:  # reported below, on the main thread
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with store.engine.connect() as connection, Session(bind=connection) as session:
        assert verify(session, audit_key(SECRET)) == []
        count = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    assert count == 1 + 4 * 10
