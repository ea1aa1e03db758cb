"""Benchmark the engine: one case with explanation and next questions, and tables of cases.

    python benchmarks/engine.py            # everything (about a minute)
    python benchmarks/engine.py --quick    # smaller samples
    python benchmarks/engine.py --quick --sizes 10000 1000000   # smaller samples, chosen tables

Prints tables; asserts nothing. Each batch size runs in a fresh process so that its peak
resident memory is its own. The data are synthetic (`benchmarks/synthetic.py`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))

AS_OF = dt.date(2026, 11, 22)
EXAMPLE = Path(__file__).parent.parent / "examples" / "same-sex-spouses.yaml"


def _example() -> dict[str, object]:
    from zairyu.cli import read_case

    return dict(read_case(EXAMPLE, AS_OF))


FULL = _example()
SCENARIOS = {
    "eligible (all facts known)": FULL,
    "discretionary (civil union)": {**FULL, "relationship.kind": "registered_partnership"},
    "not eligible, with what-ifs": {**FULL, "household.living_together": False},
    "undetermined (half the facts)": {k: v for i, (k, v) in enumerate(FULL.items()) if i % 2 == 0},
    "undetermined (nothing known)": {},
}


def _percentiles(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    for _ in range(min(200, runs)):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def single_case(console: Console, runs: int) -> None:
    from zairyu.engine.screen import screen
    from zairyu.law.pathways import PATHWAYS
    from zairyu.law.same_sex_spouse import PATHWAY
    from zairyu.report import screening_bytes, screening_out

    alone = (PATHWAY,)
    table = Table(title=f"One case (µs, {runs} runs each)")
    for column in (
        "scenario",
        "same-sex spouse outcome",
        "engine p50",
        "engine p99",
        "+ API JSON p50",
        "+ models p50",
        "+ models p99",
        "same-sex spouse alone p50",
        "same-sex spouse alone p99",
    ):
        table.add_column(column, justify="right" if "p" in column[-3:] else "left")
    for name, case in SCENARIOS.items():
        # The scenarios are written for the same-sex spouse pathway; every pathway is screened.
        outcome = next(
            d.outcome.value
            for d in screen(PATHWAYS, case, AS_OF).determinations
            if d.pathway.id == "same_sex_spouse_designated_activities"
        )
        engine = _percentiles(lambda case=case: screen(PATHWAYS, case, AS_OF), runs)  # type: ignore[misc]
        api = _percentiles(
            lambda case=case: screening_bytes(screen(PATHWAYS, case, AS_OF), "en"), runs // 4
        )  # type: ignore[misc]
        report = _percentiles(
            lambda case=case: screening_out(screen(PATHWAYS, case, AS_OF), "en"), runs // 4
        )  # type: ignore[misc]
        one = _percentiles(lambda case=case: screen(alone, case, AS_OF), runs)  # type: ignore[misc]
        table.add_row(
            name,
            outcome,
            *(f"{v:.1f}" for v in (*engine, api[0], *report, *one)),
        )
    console.print(table)
    console.print(
        "engine = all eight pathways: outcome, explanation tree, next questions, what-ifs,"
        " documents and deadlines; + API JSON = the same written as the API's JSON bytes;"
        " + models = validated into the documented result models (Pydantic); same-sex spouse"
        " alone = the engine for that one pathway.\n"
    )


def batch_worker(rows: int, typed: bool, repeats: int, alone: bool) -> dict[str, float]:
    """Run in a child process: generate, then time the columnar screening of `rows` cases
    (for every pathway, or for the same-sex spouse pathway `alone`)."""
    from synthetic import table
    from zairyu.engine.batch import fact_columns, prepare, screen_frame
    from zairyu.law.pathways import FACTS, PATHWAYS
    from zairyu.law.same_sex_spouse import PATHWAY

    pathways = (PATHWAY,) if alone else PATHWAYS
    frame = table(rows)
    if alone:
        # The table holds only the facts the pathway reads, as a table for it alone would.
        frame = frame.select(fact.name for fact in fact_columns(pathways))
    if typed:
        frame = prepare(frame.lazy(), fact_columns(pathways)).collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = screen_frame(frame, pathways, FACTS, AS_OF)
        best = min(best, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": rows,
        "seconds": best,
        "rows_per_second": rows / best,
        "input_mib": frame.estimated_size() / 2**20,
        "peak_rss_mib": peak / 1024,
        "peak_growth_mib": (peak - before) / 1024,
        "result_rows": result.height,
    }


def batch(console: Console, sizes: list[int], repeats: int) -> None:
    table = Table(
        title=f"Tables of cases, columnar (Polars, {os.cpu_count()} cores, best of {repeats})"
    )
    for column in (
        "pathways",
        "rows",
        "input",
        "seconds",
        "rows/s",
        "input MiB",
        "peak RSS MiB",
        "growth while screening MiB",
    ):
        table.add_column(column, justify="right")
    for alone, typed, rows in itertools.product((False, True), (False, True), sizes):
        completed = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                str(rows),
                "--typed" if typed else "--strings",
                "--repeats",
                str(repeats),
                *(["--alone"] if alone else []),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(completed.stdout)
        table.add_row(
            "same-sex spouse" if alone else "all eight",
            f"{rows:,}",
            "pl.Enum columns" if typed else "text columns",
            f"{r['seconds']:.3f}",
            f"{r['rows_per_second']:,.0f}",
            f"{r['input_mib']:.1f}",
            f"{r['peak_rss_mib']:.0f}",
            f"{r['peak_growth_mib']:.0f}",
        )
    console.print(table)
    console.print(
        "text columns: codes arrive as strings and are validated and cast to pl.Enum as part of the run.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--worker", type=int)
    parser.add_argument("--typed", action="store_true")
    parser.add_argument("--strings", action="store_true")
    parser.add_argument("--alone", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", help="table sizes (rows) to screen")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(batch_worker(args.worker, args.typed, args.repeats, args.alone)))
        return
    console = Console(width=130)
    console.print(
        f"zairyu engine benchmark — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Python {sys.version.split()[0]}"
    )
    single_case(console, runs=2_000 if args.quick else 20_000)
    sizes = args.sizes or ([10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000])
    batch(console, sizes, args.repeats)


if __name__ == "__main__":
    main()
