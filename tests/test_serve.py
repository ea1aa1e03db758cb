"""`zairyu serve` as an operator starts it: one process, or several workers sharing one data
directory, with the evaluation date carried to every worker."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from zairyu.cli import app

ZAIRYU = [sys.executable, "-c", "from zairyu.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _post(url: str, body: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _process_group(stat: Path) -> int | None:
    try:
        # After the command name in parentheses: state, parent id, process group id.
        return int(stat.read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None  # the process ended meanwhile


def _wait(url: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        assert server.poll() is None, "the server stopped"
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer at {url}")


def test_two_workers_share_one_data_directory_and_the_evaluation_date(tmp_path: Path) -> None:
    port = _free_port()
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZAIRYU_")}
    server = subprocess.Popen(
        [*ZAIRYU, "serve", "--port", str(port), "--data-dir", str(data), "--workers", "2",
         "--as-of", "2025-01-31"],
        env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}/healthz", server)
        answers = [_post(f"http://127.0.0.1:{port}/api/v1/screen", {"facts": {}}) for _ in range(8)]
        assert {a["as_of"] for a in answers} == {"2025-01-31"}
        # One secret and one key file, made before the workers started.
        assert sorted(p.name for p in data.iterdir() if p.suffix != ".sqlite3") == [
            "keys",
            "secret.key",
        ]
        workers = [
            stat for stat in Path("/proc").glob("[0-9]*/stat")
            if _process_group(stat) == server.pid
        ]  # fmt: skip
        assert len(workers) >= 3  # the supervisor and its two workers
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_bad_evaluation_date_is_refused_before_starting(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--data-dir", str(tmp_path), "--as-of", "2025-02-30"]
    )
    assert result.exit_code == 2
    assert "2025-02-30" in result.output
    result = CliRunner().invoke(
        app, ["serve", "--data-dir", str(tmp_path)], env={"ZAIRYU_AS_OF": "someday"}
    )
    assert result.exit_code == 2
    assert "ZAIRYU_AS_OF" in result.output
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path), "--workers", "0"])
    assert result.exit_code == 2


def test_the_serving_app_has_the_law_compiled_before_the_first_request(tmp_path: Path) -> None:
    # A fresh interpreter: in this one, other tests have compiled the law already.
    program = """
from zairyu.engine import interpret
from zairyu.law.pathways import PATHWAYS
from zairyu.web.app import Settings, serving_app
def ready():
    return sum(r.rule in interpret._COMPILED for p in PATHWAYS for r in p.decisive)
before = ready()
serving_app(Settings.from_environment())
print(before, ready(), sum(len(p.decisive) for p in PATHWAYS))
"""
    env = {**os.environ, "ZAIRYU_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=True
    )
    before, after, total = map(int, out.stdout.split())
    assert before == 0
    assert after == total
