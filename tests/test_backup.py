"""`zairyu backup` and `zairyu restore`: round trips on SQLite and PostgreSQL and across them,
damaged archives refused before anything is written, non-empty targets refused, and a backup
taken while the server writes is consistent."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import tarfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

from tests.storage_fixtures import PostgresServer
from zairyu.audit import AuditEntry, audit_key, verify
from zairyu.backup import create_backup, restore_backup
from zairyu.cli import app
from zairyu.storage import alembic_config, create_engine
from zairyu.web.app import Settings, create_app
from zairyu.web.interview import Interview
from zairyu.web.store import InterviewRow, InterviewStore

AS_OF = dt.date(2026, 11, 22)
TOKEN_FIELD = re.compile(r'name="form_token" value="([^"]+)"')
runner = CliRunner()


# --- Helpers ------------------------------------------------------------------------------------


def _cli(*arguments: str) -> Result:
    return runner.invoke(app, list(arguments))


def _form_token(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def _populate(data_dir: Path, url: str, count: int = 3) -> dict[str, dict[str, object]]:
    """Interviews made through the web app: token → saved answers."""
    made: dict[str, dict[str, object]] = {}
    web = create_app(Settings(data_dir=data_dir, database_url=url, as_of=AS_OF))
    with TestClient(web, headers={"accept-language": "en"}) as client:
        for number in range(count):
            started = client.post("/start", data={"form_token": _form_token(client.get("/").text)})
            assert started.status_code == 200
            path = started.url.path
            token = path.split("/")[2]
            page = client.get(path)
            fields = {"form_token": _form_token(page.text)}
            fields |= {"dont_know": "1"} if number % 2 else {"answer": "FR"}
            if number % 2 == 0:
                assert path.endswith("/q/applicant.nationality")
            assert client.post(path, data=fields).status_code == 200
            made[token] = web.state.store.load(token, "test").answers
    web.state.store.engine.dispose()
    return made


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names()) - {"alembic_version"}
            metadata = sqlalchemy.MetaData()
            metadata.reflect(connection, only=sorted(names))
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()


def _audit_breaks(url: str, secret: bytes) -> list[object]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return list(verify(session, audit_key(secret)))
    finally:
        engine.dispose()


def _assert_loads(url: str, data_dir: Path, made: dict[str, dict[str, object]]) -> None:
    """Every interview loads with its token, as the web app (with the data dir's keys) sees it."""
    web = create_app(Settings(data_dir=data_dir, database_url=url, as_of=AS_OF))
    store = web.state.store
    try:
        for token, answers in made.items():
            assert store.load(token, "test").answers == answers
    finally:
        store.engine.dispose()


def _assert_untouched(url: str, data_dir: Path) -> None:
    """Nothing was written: no table has a row (or there are no tables), no file in data_dir."""
    assert not any(_counts(url).values())
    assert not data_dir.exists() or not any(data_dir.iterdir())


@pytest.fixture
def other_url(
    database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[], str]:
    """Makes further empty databases of the same kind as `database_url`."""

    def make() -> str:
        if database_url.startswith("sqlite"):
            return f"sqlite:///{tmp_path / f'other-{uuid.uuid4().hex[:8]}.sqlite3'}"
        server: PostgresServer = request.getfixturevalue("postgresql_server")
        name = f"test_{uuid.uuid4().hex[:16]}"
        server.execute(f'CREATE DATABASE "{name}"')
        request.addfinalizer(lambda: server.execute(f'DROP DATABASE "{name}" WITH (FORCE)'))
        return server.url(name)

    return make


# --- Round trips --------------------------------------------------------------------------------


def test_backup_and_restore_round_trip(
    database_url: str, other_url: Callable[[], str], tmp_path: Path
) -> None:
    source_dir, target_dir = tmp_path / "source", tmp_path / "target"
    made = _populate(source_dir, database_url)
    archive = tmp_path / "backup.tar.gz"

    backed_up = _cli("backup", str(archive), "--data-dir", str(source_dir),
                     "--database-url", database_url)  # fmt: skip
    assert backed_up.exit_code == 0, backed_up.output
    assert "contains the server's keys" in backed_up.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert names[0] == "manifest.json"
    assert "files/secret.key" in names
    assert not any("sqlite3" in name for name in names)  # the rows, not the database file
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert manifest["alembic_revision"] == head
    assert manifest["tables"]["interviews"]["rows"] == 3
    assert set(manifest["members"]) == set(names[1:])

    target = other_url()
    restored = _cli("restore", str(archive), "--data-dir", str(target_dir),
                    "--database-url", target)  # fmt: skip
    assert restored.exit_code == 0, restored.output
    assert "the audit log is intact" in restored.output
    assert (target_dir / "secret.key").read_bytes() == (source_dir / "secret.key").read_bytes()
    assert _counts(target) == _counts(database_url)
    _assert_loads(target, target_dir, made)
    assert _audit_breaks(target, (target_dir / "secret.key").read_bytes()) == []


@pytest.mark.parametrize("direction", ["sqlite-to-postgresql", "postgresql-to-sqlite"])
def test_restore_across_databases(
    direction: str, postgresql_database_url: str, tmp_path: Path
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'zairyu.sqlite3'}"
    source, target = (
        (sqlite_url, postgresql_database_url)
        if direction == "sqlite-to-postgresql"
        else (postgresql_database_url, sqlite_url)
    )
    made = _populate(tmp_path / "source", source, count=4)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, tmp_path / "source", source)
    result = restore_backup(archive, tmp_path / "target", target)
    assert result.audit_breaks == []
    assert result.rows == _counts(source) == _counts(target)
    _assert_loads(target, tmp_path / "target", made)
    # and back again, to the first kind
    again = tmp_path / "again.tar.gz"
    create_backup(again, tmp_path / "target", target)
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}" if target != sqlite_url else None
    if back is None:
        return  # PostgreSQL → SQLite → (the source database is PostgreSQL, already checked)
    assert restore_backup(again, tmp_path / "back", back).audit_breaks == []
    _assert_loads(back, tmp_path / "back", made)


# --- Refusals ---------------------------------------------------------------------------------


def _rewrite(archive: Path, out: Path, change: Callable[[str, bytes], bytes]) -> None:
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for info in source:
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            data = change(info.name, data)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))


def test_damaged_archives_are_refused_and_nothing_is_written(
    database_url: str, other_url: Callable[[], str], tmp_path: Path
) -> None:
    _populate(tmp_path / "source", database_url, count=2)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, tmp_path / "source", database_url)

    tampered = tmp_path / "tampered.tar.gz"
    _rewrite(
        archive,
        tampered,
        lambda name, data: (
            data.replace(b"private-link", b"someone-else")
            if name == "tables/audit_log.jsonl"
            else data
        ),
    )
    swapped_key = tmp_path / "swapped-key.tar.gz"
    _rewrite(archive, swapped_key, lambda n, d: bytes(32) if n == "files/secret.key" else d)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    text_file = tmp_path / "notes.tar.gz"
    text_file.write_text("not an archive\n")
    plain_gzip = tmp_path / "plain.tar.gz"
    plain_gzip.write_bytes(gzip.compress(b"just some text" * 100))
    no_manifest = tmp_path / "no-manifest.tar.gz"
    _rewrite(archive, no_manifest, lambda n, d: b"{}" if n == "manifest.json" else d)
    missing = tmp_path / "missing.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(missing, "w:gz") as target:
        for info in source:
            if info.name != "tables/interviews.jsonl":
                target.addfile(info, source.extractfile(info))

    expected = {
        tampered: "changed or damaged",
        swapped_key: "changed or damaged",
        truncated: "not a readable .tar.gz",
        text_file: "not a readable .tar.gz",
        plain_gzip: "not a readable .tar.gz",
        no_manifest: "not a zairyu backup",
        missing: "lacks tables/interviews.jsonl",
        tmp_path / "absent.tar.gz": "no such file",
    }
    target = other_url()
    target_dir = tmp_path / "target"
    for bad, message in expected.items():
        result = _cli("restore", str(bad), "--data-dir", str(target_dir),
                      "--database-url", target)  # fmt: skip
        assert result.exit_code == 2, (bad.name, result.output)
        flat = " ".join(result.output.split())
        assert message in flat, (bad.name, flat)
        assert "Traceback" not in result.output
        _assert_untouched(target, target_dir)


def test_a_non_empty_target_is_refused_without_force(
    database_url: str, other_url: Callable[[], str], tmp_path: Path
) -> None:
    made = _populate(tmp_path / "source", database_url, count=2)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, tmp_path / "source", database_url)
    target, target_dir = other_url(), tmp_path / "target"
    _populate(target_dir, target, count=1)  # its own interviews and its own secret.key
    before = _counts(target)
    key_before = (target_dir / "secret.key").read_bytes()

    refused = _cli("restore", str(archive), "--data-dir", str(target_dir), "--database-url", target)
    assert refused.exit_code == 2
    assert "nothing was restored" in " ".join(refused.output.split())
    assert _counts(target) == before
    assert (target_dir / "secret.key").read_bytes() == key_before

    forced = _cli("restore", str(archive), "--data-dir", str(target_dir),
                  "--database-url", target, "--force")  # fmt: skip
    assert forced.exit_code == 0, forced.output
    assert _counts(target) == _counts(database_url)
    _assert_loads(target, target_dir, made)


def test_a_different_key_file_is_not_overwritten_without_force(
    database_url: str, other_url: Callable[[], str], tmp_path: Path
) -> None:
    _populate(tmp_path / "source", database_url, count=1)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, tmp_path / "source", database_url)
    target, target_dir = other_url(), tmp_path / "target"
    target_dir.mkdir()
    (target_dir / "secret.key").write_bytes(bytes(32))
    refused = _cli("restore", str(archive), "--data-dir", str(target_dir), "--database-url", target)
    assert refused.exit_code == 2
    assert "differs from the backup" in " ".join(refused.output.split())
    assert (target_dir / "secret.key").read_bytes() == bytes(32)
    assert not any(_counts(target).values())


# --- Consistency under writes -----------------------------------------------------------------


def test_a_backup_taken_during_writes_is_consistent(
    database_url: str, other_url: Callable[[], str], tmp_path: Path
) -> None:
    source_dir = tmp_path / "source"
    _populate(source_dir, database_url, count=1)
    secret = (source_dir / "secret.key").read_bytes()
    store = InterviewStore(database_url, secret, dt.timedelta(days=30))
    stop = threading.Event()
    written: list[str] = []
    failures: list[BaseException] = []

    def write() -> None:
        try:
            while not stop.is_set():
                token = store.create()
                interview = Interview()
                interview.record("applicant.nationality", "FR")
                store.save(token, interview)
                store.load(token, "read")
                written.append(token)
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    archives: list[Path] = []
    try:
        for number in range(3):
            while len(written) < 5 * (number + 1) and writer.is_alive():
                stop.wait(0.01)
            archive = tmp_path / f"during-{number}.tar.gz"
            create_backup(archive, source_dir, database_url)
            archives.append(archive)
    finally:
        stop.set()
        writer.join(timeout=30)
        store.engine.dispose()
    assert not failures, failures
    assert len(written) >= 15

    for number, archive in enumerate(archives):
        target, target_dir = other_url(), tmp_path / f"target-{number}"
        result = restore_backup(archive, target_dir, target)
        assert result.audit_breaks == [], f"archive {number}: {result.audit_breaks}"
        engine = create_engine(target)
        try:
            with Session(engine) as session:
                rows = session.scalars(select(InterviewRow.id)).all()
                creates = session.scalars(
                    select(AuditEntry.subject).where(AuditEntry.action == "create")
                ).all()
        finally:
            engine.dispose()
        # Each interview was made with its audit entry in one transaction: a consistent
        # snapshot has both or neither.
        assert sorted(f"interview:{row}" for row in rows) == sorted(creates)
        assert len(rows) > 1
