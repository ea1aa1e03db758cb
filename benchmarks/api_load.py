"""Benchmark the JSON API under load: screening requests per second and latency.

    python benchmarks/api_load.py                 # 20 s per concurrency level
    python benchmarks/api_load.py --seconds 5 --workers 2

Starts `zairyu serve` (uvicorn, SQLite in a temporary data directory) on loopback and drives
`POST /api/v1/screen` with wrk (Debian's `wrk`: `apt-get install wrk`) from the same machine,
so the load generator shares the 2 cores with the server. Prints requests per second and the
latency percentiles wrk reports. Asserts nothing. The case is synthetic.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

CASE = {
    "facts": {
        "relationship.has_partner": True,
        "relationship.same_sex": True,
        "relationship.kind": "marriage",
        "relationship.date": "2019-06-15",
        "applicant.nationality": "FR",
        "applicant.has_other_nationality": False,
        "partner.nationality": "DE",
        "partner.has_other_nationality": False,
        "partner.status": "engineer_humanities_international",
        "household.living_together": True,
        "household.supported_by_partner": True,
    },
    "as_of": "2026-11-22",
    "lang": "en",
}

LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{body}]]
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str) -> None:
    for _ in range(200):
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--connections", type=int, nargs="+", default=[4, 16, 64])
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    port = _free_port()
    with tempfile.TemporaryDirectory() as directory:
        data = Path(directory)
        script = data / "screen.lua"
        script.write_text(LUA.replace("{body}", json.dumps(CASE)), encoding="utf-8")
        command = [
            sys.executable, "-m", "uvicorn", "zairyu.web.app:serving_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
            "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        env = {**os.environ, "ZAIRYU_DATA_DIR": str(data / "data")}
        server = subprocess.Popen(command, env=env, start_new_session=True)
        try:
            _wait(f"http://127.0.0.1:{port}/healthz")
            table = Table(
                "connections", "requests/s", "p50 ms", "p99 ms", "non-2xx", "socket errors",
                title=f"POST /api/v1/screen, {args.workers} uvicorn worker(s), "
                f"{args.seconds} s per level, wrk on the same 2 cores",
            )  # fmt: skip
            for connections in args.connections:
                run = subprocess.run(
                    ["wrk", "-t", "1", "-c", str(connections), "-d", f"{args.seconds}s",
                     "--timeout", "10s", "-s", str(script),
                     f"http://127.0.0.1:{port}/api/v1/screen"],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                line = next(x for x in run.stdout.splitlines() if x.startswith("RESULT"))
                requests, micros, p50, p99, status_errors, socket_errors = map(
                    int, line.split()[1:]
                )
                table.add_row(
                    str(connections),
                    f"{requests / (micros / 1e6):.0f}",
                    f"{p50 / 1000:.1f}",
                    f"{p99 / 1000:.1f}",
                    str(status_errors),
                    str(socket_errors),
                )
            Console().print(table)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
