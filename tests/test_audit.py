"""The hash-chained audit log: every kind of tampering is found by `verify`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from zairyu.audit import Head, append, audit_key, head, verify
from zairyu.storage import migrate

KEY = audit_key(b"k" * 32)
T0 = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = create_engine(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    migrate(made)
    yield made
    made.dispose()


def _fill(engine: Engine, count: int = 5) -> None:
    with Session(engine) as session, session.begin():
        for n in range(count):
            append(
                session,
                KEY,
                actor=f"user:{n % 2}",
                action="read",
                subject=f"case:{n}",
                at=T0 + dt.timedelta(minutes=n),
            )


def _verify(engine: Engine, anchor: Head | None = None, key: bytes = KEY) -> list[str]:
    with Session(engine) as session:
        return [f"{b.seq}: {b.reason}" for b in verify(session, key, anchor)]


def test_an_untouched_log_verifies(engine: Engine) -> None:
    _fill(engine)
    assert _verify(engine) == []
    with Session(engine) as session:
        assert head(session).seq == 5


def test_an_empty_log_verifies(engine: Engine) -> None:
    assert _verify(engine) == []


def test_an_edited_entry_is_found(engine: Engine) -> None:
    _fill(engine)
    with engine.begin() as db:
        db.execute(text("UPDATE audit_log SET action = 'write' WHERE seq = 3"))
    assert _verify(engine) == ["3: was changed after it was written"]


def test_an_edited_time_is_found(engine: Engine) -> None:
    _fill(engine)
    with engine.begin() as db:
        db.execute(text("UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE seq = 2"))
    assert _verify(engine) == ["2: was changed after it was written"]


def test_a_deleted_entry_is_found(engine: Engine) -> None:
    _fill(engine)
    with engine.begin() as db:
        db.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    found = _verify(engine)
    assert "4: entry 3 is missing or out of order" in found
    assert "4: does not follow the entry before it" in found


def test_reordered_entries_are_found(engine: Engine) -> None:
    _fill(engine)
    with engine.begin() as db:
        db.execute(text("UPDATE audit_log SET seq = 100 WHERE seq = 2"))
        db.execute(text("UPDATE audit_log SET seq = 2 WHERE seq = 3"))
        db.execute(text("UPDATE audit_log SET seq = 3 WHERE seq = 100"))
    assert _verify(engine) != []


def test_a_rewritten_chain_without_the_key_is_found(engine: Engine) -> None:
    _fill(engine)
    assert _verify(engine, key=audit_key(b"x" * 32)) != []


def test_a_cut_off_end_is_found_only_against_a_kept_head(engine: Engine) -> None:
    _fill(engine)
    with Session(engine) as session:
        kept = head(session)
    with engine.begin() as db:
        db.execute(text("DELETE FROM audit_log WHERE seq >= 4"))
    assert _verify(engine) == []  # a shorter chain is consistent in itself
    assert _verify(engine, kept) == ["5: the log ends before the kept head: entries were cut off"]


def test_a_kept_head_that_differs_is_found(engine: Engine) -> None:
    _fill(engine)
    assert _verify(engine, Head(5, "f" * 64)) == ["5: differs from the kept head"]
    with Session(engine) as session:
        assert _verify(engine, head(session)) == []


def test_an_entry_rolls_back_with_its_transaction(engine: Engine) -> None:
    _fill(engine, 2)
    with Session(engine) as session:
        session.begin()
        append(session, KEY, actor="user:1", action="write", subject="case:9")
        session.rollback()
    _fill(engine, 1)
    assert _verify(engine) == []
    with Session(engine) as session:
        assert head(session).seq == 3


# --- zairyu audit verify / head, on the web app's own database ------------------------------


def test_cli_verifies_the_web_apps_audit_log_and_finds_tampering(tmp_path: Path) -> None:
    import sqlite3

    from typer.testing import CliRunner

    from zairyu.cli import app
    from zairyu.web.app import Settings, create_app
    from zairyu.web.store import InterviewStore

    data = tmp_path / "data"
    web = create_app(Settings(data_dir=data, as_of=dt.date(2026, 11, 22)))
    store: InterviewStore = web.state.store
    token = store.create()
    store.load(token, "read")
    store.load(token, "results")
    store.engine.dispose()
    runner = CliRunner()
    intact = runner.invoke(app, ["audit", "verify", "--data-dir", str(data)])
    assert intact.exit_code == 0, intact.output
    assert "intact: 3 entries" in intact.output
    kept = runner.invoke(app, ["audit", "head", "--data-dir", str(data)]).output.strip()
    assert kept.startswith("3:")
    with sqlite3.connect(data / "zairyu.sqlite3") as db:
        db.execute("UPDATE audit_log SET action = 'read' WHERE seq = 3")
    edited = runner.invoke(app, ["audit", "verify", "--data-dir", str(data)])
    assert edited.exit_code == 1
    assert "audit entry 3: was changed after it was written" in edited.output
    with sqlite3.connect(data / "zairyu.sqlite3") as db:
        db.execute("DELETE FROM audit_log WHERE seq = 3")
    cut = runner.invoke(app, ["audit", "verify", "--data-dir", str(data), "--head", kept])
    assert cut.exit_code == 1
    assert "entries were cut off" in cut.output
    bad = runner.invoke(app, ["audit", "verify", "--data-dir", str(data), "--head", "x"])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["audit", "verify", "--data-dir", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no secret key" in missing.output
