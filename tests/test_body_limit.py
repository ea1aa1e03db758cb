"""The request body limit (zairyu.web.body_limit) in the real app: 413 for a declared length over
the limit and for a chunked body that grows past it (read no further), nothing refused at or
under the limit, the setting from ZAIRYU_MAX_BODY_BYTES, and a real server cutting off a
chunked upload."""

from __future__ import annotations

import asyncio
import json
import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Message
from typer.testing import CliRunner

from zairyu.cli import app as cli_app
from zairyu.engine.facts import FactValueError
from zairyu.web.app import Settings, create_app
from zairyu.web.body_limit import DEFAULT_MAX_BODY_BYTES

LIMIT = 4096
SCREEN = "/api/v1/screen"
JSON = {"content-type": "application/json"}


def screen_body(size: int) -> bytes:
    """A valid screening request of exactly `size` bytes: JSON padded with whitespace."""
    body = json.dumps({"facts": {}, "lang": "en"}).encode()
    assert len(body) <= size
    return body[:-1] + b" " * (size - len(body)) + b"}"


def chunks(body: bytes, size: int = 1000) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.fixture
def web(tmp_path: Path) -> Iterator[FastAPI]:
    app = create_app(Settings(data_dir=tmp_path, max_body_bytes=LIMIT))
    yield app
    app.state.store.engine.dispose()


@pytest.fixture
def client(web: FastAPI) -> Iterator[TestClient]:
    with TestClient(web) as client:
        yield client


def test_a_normal_screening_and_one_of_exactly_the_limit_are_answered(client: TestClient) -> None:
    assert client.post(SCREEN, json={"facts": {}}).status_code == 200
    exact = client.post(SCREEN, content=screen_body(LIMIT), headers=JSON)
    assert exact.status_code == 200, exact.text
    assert exact.json()["as_of"]


def test_a_declared_length_over_the_limit_gets_413_in_json_on_the_api(client: TestClient) -> None:
    response = client.post(SCREEN, content=screen_body(LIMIT + 1), headers=JSON)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "detail": "The request is too large: this server accepts at most 4,096 bytes in a request."
    }
    # Answered inside the security headers, like every other response.
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["connection"] == "close"


def test_a_chunked_body_past_the_limit_gets_413(client: TestClient) -> None:
    under = client.post(SCREEN, content=chunks(screen_body(LIMIT)), headers=JSON)
    assert "content-length" not in under.request.headers
    assert under.status_code == 200, under.text
    over = client.post(SCREEN, content=chunks(screen_body(LIMIT + 1)), headers=JSON)
    assert over.status_code == 413
    assert "4,096 bytes" in over.json()["detail"]


def test_a_form_page_gets_413_in_the_visitors_language(client: TestClient) -> None:
    form = {"content-type": "application/x-www-form-urlencoded", "accept-language": "ja"}
    big = b"x=" + b"a" * LIMIT
    response = client.post("/start", content=big, headers=form)
    assert response.status_code == 413
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text.startswith("リクエストが大きすぎます")
    assert "4,096" in response.text
    chunked = client.post("/start", content=chunks(big), headers=form)
    assert chunked.status_code == 413
    assert chunked.text.startswith("リクエストが大きすぎます")
    # Under the limit the form is the page's to judge (a missing form token), not the limit's.
    small = client.post("/start", content=b"x=" + b"a" * (LIMIT - 2), headers=form)
    assert small.status_code not in (413, 500)


def test_the_default_limit_is_one_mebibyte(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BODY_BYTES == 1024 * 1024
    app = create_app(Settings(data_dir=tmp_path))
    with TestClient(app) as client:
        exact = client.post(SCREEN, content=screen_body(DEFAULT_MAX_BODY_BYTES), headers=JSON)
        assert exact.status_code == 200, exact.text[:200]
        over = client.post(SCREEN, content=screen_body(DEFAULT_MAX_BODY_BYTES + 1), headers=JSON)
        assert over.status_code == 413
        assert "1,048,576 bytes" in over.json()["detail"]
    app.state.store.engine.dispose()


def test_a_growing_body_is_read_no_further_than_the_limit(web: FastAPI) -> None:
    """At the ASGI level, where the number of chunks the app pulls can be counted."""
    chunk = b" " * 1000
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        # The first chunk opens the JSON; a client that never stops sends spaces after it.
        body = b'{"facts": {}' if pulled == 1 else chunk
        return {"type": "http.request", "body": body, "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": SCREEN,
        "raw_path": SCREEN.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in this
    # one for the whole session, and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, asyncio.wait_for(web(scope, receive, send), timeout=30)).result()
    # 12 + 4 * 1000 bytes are still within 4,096; the sixth chunk passes it.
    assert pulled == 6
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [413]  # the app's own answer was dropped
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert b"too large" in body


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAIRYU_MAX_BODY_BYTES", "2048")
    assert Settings.from_environment().max_body_bytes == 2048
    monkeypatch.delenv("ZAIRYU_MAX_BODY_BYTES")
    assert Settings.from_environment().max_body_bytes == DEFAULT_MAX_BODY_BYTES
    for bad in ("1MB", "0", "-5", "1.5"):
        monkeypatch.setenv("ZAIRYU_MAX_BODY_BYTES", bad)
        with pytest.raises(FactValueError, match="ZAIRYU_MAX_BODY_BYTES") as error:
            Settings.from_environment()
        assert repr(bad) in str(error.value)


def test_serve_refuses_a_bad_limit_before_starting(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app, ["serve", "--data-dir", str(tmp_path)], env={"ZAIRYU_MAX_BODY_BYTES": "lots"}
    )
    assert result.exit_code == 2
    assert "ZAIRYU_MAX_BODY_BYTES" in result.output
    assert "'lots'" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_real_server_cuts_off_a_chunked_upload(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZAIRYU_")}
    env["ZAIRYU_MAX_BODY_BYTES"] = str(LIMIT)
    server = subprocess.Popen(
        [sys.executable, "-c", "from zairyu.cli import app; app()", "serve", "--port", str(port),
         "--data-dir", str(tmp_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(300):
            assert server.poll() is None, "the server stopped"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(
                f"POST {SCREEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                "\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
            )
            answer = b""
            try:
                # Up to 1,000 times the limit, until the server answers.
                for _ in range(4000):
                    connection.sendall(b"400\r\n" + b" " * 1024 + b"\r\n")
                    if select.select([connection], [], [], 0)[0]:
                        break
                while part := connection.recv(65536):
                    answer += part
            except OSError:
                pass  # the server closed the connection after its answer: what it should do
        assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
        assert b"too large" in answer
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode(errors="replace")
