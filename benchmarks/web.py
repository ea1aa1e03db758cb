"""Benchmark the web interview: server time per page, in process, on a real SQLite database.

    python benchmarks/web.py            # 200 runs per page
    python benchmarks/web.py --runs 50

Prints a table of p50 / p99 milliseconds per page type, measured through FastAPI's test client
(so HTTP parsing, routing, the engine, the database, encryption and the Jinja2 rendering are
all included; the network is not). Asserts nothing. The answers are synthetic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from rich.console import Console
from rich.table import Table

from zairyu.web.app import Settings, create_app

AS_OF = dt.date(2026, 11, 22)
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
COUPLE = {
    "applicant.nationality": "FR",
    "applicant.has_other_nationality": "no",
    "partner.nationality": "DE",
    "partner.has_other_nationality": "no",
    "relationship.has_partner": "yes",
    "relationship.same_sex": "yes",
    "relationship.kind": "marriage",
    "household.living_together": "yes",
    "partner.status": "engineer_humanities_international",
}


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    for _ in range(min(20, runs)):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.99) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        client = TestClient(create_app(Settings(data_dir=Path(directory), as_of=AS_OF)))
        home = client.get("/")
        started = client.post("/start", data={"form_token": TOKEN.findall(home.text)[0]})
        token = started.url.path.split("/")[2]
        for fact, value in COUPLE.items():
            page = client.get(f"/i/{token}/q/{fact}")
            client.post(
                f"/i/{token}/q/{fact}",
                data={"form_token": TOKEN.findall(page.text)[0], "answer": value},
            )
        question = client.get(f"/i/{token}/q/household.supported_by_partner")
        form_token = TOKEN.findall(question.text)[0]

        def answer() -> object:
            return client.post(
                f"/i/{token}/q/household.supported_by_partner",
                data={"form_token": form_token, "answer": "yes"},
                follow_redirects=False,
            )

        pages: dict[str, Callable[[], object]] = {
            "start page": lambda: client.get("/"),
            "question page": lambda: client.get(f"/i/{token}/q/household.supported_by_partner"),
            "answer (save, encrypt, redirect)": answer,
            "next question (engine)": lambda: client.get(
                f"/i/{token}/next", follow_redirects=False
            ),
            "check your answers": lambda: client.get(f"/i/{token}/check"),
            "results page (8 pathways)": lambda: client.get(f"/i/{token}/results"),
            "API: screen one case (JSON)": lambda: client.post(
                "/api/v1/screen",
                json={"facts": COUPLE, "as_of": AS_OF.isoformat()},
            ),
        }
        table = Table("page", "p50 ms", "p99 ms", title=f"web pages, {args.runs} runs each")
        for name, fn in pages.items():
            p50, p99 = _timed(fn, args.runs)
            table.add_row(name, f"{p50:.1f}", f"{p99:.1f}")
        Console().print(table)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
