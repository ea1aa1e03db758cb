"""The real server killed with SIGKILL in the middle of writes loses no committed change.

A client thread starts interviews and answers questions over HTTP, recording every request that
got its whole successful response (the server commits before it answers, so each such request
is a committed change). The server is killed with SIGKILL mid-stream and started again on the
same data directory and database: every recorded change must be there, the SQLite file must
pass `PRAGMA integrity_check`, and the audit chain must verify.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session

from zairyu.audit import audit_key, verify
from zairyu.storage import create_engine
from zairyu.web.app import Settings, create_app

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-22"
TOKEN_FIELD = re.compile(r'name="form_token" value="([^"]+)"')
WRITE_SECONDS = 1.5


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    data_dir: Path
    database_url: str | None
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.data_dir.parent / f"server-{self.port}.log"

    def start(self) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("ZAIRYU_DATABASE_URL", None)
        if self.database_url:
            env["ZAIRYU_DATABASE_URL"] = self.database_url
        command = [sys.executable, "-m", "zairyu.cli", "serve", "--host", "127.0.0.1",
                   "--port", str(self.port), "--data-dir", str(self.data_dir), "--as-of", AS_OF]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"`zairyu serve` did not start:\n{self.log.read_text(errors='replace')}",
                    pytrace=False,
                )
            time.sleep(0.05)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        assert self.process.returncode == -signal.SIGKILL

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@dataclass
class Committed:
    """What the client saw committed: interviews started, and questions answered."""

    started: list[str] = field(default_factory=list)
    answered: dict[str, list[str]] = field(default_factory=dict)  # token → fact names
    errors: list[str] = field(default_factory=list)


def _form_token(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def _write_until_killed(url: str, committed: Committed, stop: threading.Event) -> None:
    """Starts interviews and answers "I don't know" to their questions, until the server dies."""
    with httpx.Client(base_url=url, timeout=5, headers={"accept-language": "en"}) as client:
        try:
            while not stop.is_set():
                started = client.post(
                    "/start", data={"form_token": _form_token(client.get("/").text)}
                )
                if started.status_code != 303:
                    committed.errors.append(f"POST /start: {started.status_code}")
                    return
                location = started.headers["location"]
                token = location.split("/")[2]
                committed.started.append(token)
                committed.answered[token] = []
                for _ in range(3):
                    question = client.get(location, follow_redirects=True)
                    path = question.url.path
                    if "/q/" not in path:
                        break
                    answered = client.post(
                        path, data={"form_token": _form_token(question.text), "dont_know": "1"}
                    )
                    if answered.status_code != 303:
                        committed.errors.append(f"POST {path}: {answered.status_code}")
                        return
                    committed.answered[token].append(path.rsplit("/", 1)[1])
                    location = answered.headers["location"]
        except (httpx.HTTPError, AssertionError):
            return  # the server was killed: what came before is what counts


def _run_and_kill(server: Server) -> Committed:
    server.start()
    committed, stop = Committed(), threading.Event()
    client = threading.Thread(target=_write_until_killed, args=(server.url, committed, stop))
    client.start()
    time.sleep(WRITE_SECONDS)
    server.kill()  # mid-stream: the client is in the middle of some request
    stop.set()
    client.join(timeout=15)
    assert not client.is_alive()
    assert not committed.errors, committed.errors
    changes = len(committed.started) + sum(map(len, committed.answered.values()))
    assert changes >= 5, "too few writes before the kill to mean anything"
    return committed


def _check_after_restart(server: Server, committed: Committed) -> None:
    server.start()  # on the same data directory and database
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            for token in committed.started[:: max(1, len(committed.started) // 10)]:
                page = client.get(f"/i/{token}/check")
                assert page.status_code == 200, f"interview {token} is gone after the kill"
    finally:
        server.stop()
    web = create_app(
        Settings(
            data_dir=server.data_dir, database_url=server.database_url, as_of=dt.date(2026, 11, 22)
        )
    )
    store = web.state.store
    try:
        for token in committed.started:
            interview = store.load(token, "test")  # raises if the interview is missing
            for fact in committed.answered[token]:
                assert fact in interview.asked, f"{token}: the answer to {fact} was lost"
                assert interview.answers.get(fact, "absent") is None
    finally:
        store.engine.dispose()
    secret = (server.data_dir / "secret.key").read_bytes()
    url = server.database_url or f"sqlite:///{server.data_dir / 'zairyu.sqlite3'}"
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            breaks = verify(session, audit_key(secret))
    finally:
        engine.dispose()
    assert breaks == [], f"the audit chain is broken after the kill: {breaks}"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_sigkill_during_writes_keeps_every_commit_on_sqlite(data_dir: Path) -> None:
    server = Server(data_dir, None)
    try:
        committed = _run_and_kill(server)
        database = data_dir / "zairyu.sqlite3"
        with sqlite3.connect(database) as connection:  # before any restart touches it
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        _check_after_restart(server, committed)
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        server.stop()


def test_sigkill_during_writes_keeps_every_commit_on_postgresql(
    data_dir: Path, postgresql_database_url: str
) -> None:
    server = Server(data_dir, postgresql_database_url)
    try:
        committed = _run_and_kill(server)
        _check_after_restart(server, committed)
    finally:
        server.stop()
