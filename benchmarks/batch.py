"""Benchmark `zairyu batch`: rows per second and peak memory, locally and on a local Dask cluster.

    python benchmarks/batch.py                 # 10^6 and 10^7 rows (several minutes)
    python benchmarks/batch.py --quick         # 10^4 and 10^5 rows
    python benchmarks/batch.py --sizes 1000000 # chosen sizes
    python benchmarks/batch.py --formats csv   # CSV input only (default: Parquet and CSV)

For each size, a Parquet file of synthetic cases (`benchmarks/synthetic.py`, made consistent so
that every row is screened, none rejected) is written to a temporary folder, in pieces so that
generating it does not need the whole table in memory, and the same cases as CSV (every cell
as text, an unknown as an empty cell). Each run (all pathways) is then a fresh
process, whose memory is sampled with psutil together with every process it starts (the Dask
scheduler and workers): "peak RSS" is the largest sum seen, i.e. the whole run's memory.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))

AS_OF = dt.date(2026, 11, 22)
PIECE = 500_000  # rows generated at a time


def write_cases(path: Path, rows: int) -> None:
    import pyarrow.parquet as pq

    from synthetic import consistent, table

    writer = None
    for index, start in enumerate(range(0, rows, PIECE)):
        piece = consistent(table(min(PIECE, rows - start), seed=index + 1), AS_OF).to_arrow()
        if writer is None:
            writer = pq.ParquetWriter(path, piece.schema, compression="zstd")
        writer.write_table(piece.cast(writer.schema), row_group_size=100_000)
    assert writer is not None
    writer.close()


def write_csv(parquet: Path, path: Path) -> None:
    import polars as pl

    pl.scan_parquet(parquet).sink_csv(path)


def worker(mode: str, source: Path, chunk: int) -> dict[str, float]:
    """Run in a child process: one batch run, timed from the first read to the files in place."""
    import resource

    from zairyu.batch.evaluate import Plan
    from zairyu.batch.reader import Source
    from zairyu.law.pathways import FACTS

    out = source.with_name(f"out-{mode}.parquet")
    rejects = source.with_name(f"out-{mode}.rejects.csv")
    plan = Plan(AS_OF)
    started = time.perf_counter()
    if mode == "local":
        from zairyu.batch.run import run_local

        summary = run_local(Source(source, FACTS, None, chunk), plan, out, rejects)
    else:
        from distributed import Client, LocalCluster

        from zairyu.batch.distributed import run_on

        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            started = time.perf_counter()  # the cluster's start is not the run's
            summary = run_on(client, Source(source, FACTS, None, chunk), plan, out, rejects)
    return {
        "rows": summary.rows_in,
        "rows_out": summary.rows_out,
        "rejected": summary.rows_rejected,
        "seconds": time.perf_counter() - started,
        "client_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "output_mib": out.stat().st_size / 2**20,
    }


def measure(mode: str, source: Path, chunk: int) -> dict[str, float]:
    """Run `worker` in a child process, sampling the memory of it and all its descendants."""
    child = psutil.Popen(
        [sys.executable, __file__, "--worker", mode, str(source), "--chunk", str(chunk)],
        stdout=-1,
        text=True,
    )
    peak = 0
    while child.poll() is None:
        try:
            processes = [child, *child.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in processes if p.is_running()))
        except psutil.Error:
            pass  # a process ended while being sampled
        time.sleep(0.1)
    stdout = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise RuntimeError(f"the {mode} run failed")
    result: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mib"] = peak / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--chunk", type=int, default=100_000)
    parser.add_argument("--modes", nargs="+", default=["local", "dask"])
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv"])
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "FILE"))
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]), args.chunk)))
        return
    sizes = args.sizes or ([10_000, 100_000] if args.quick else [1_000_000, 10_000_000])
    console = Console(width=130)
    console.print(
        f"zairyu batch benchmark — {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, Python"
        f" {sys.version.split()[0]}, {os.cpu_count()} cores, all pathways, chunks of"
        f" {args.chunk:,} rows"
    )
    table = Table(title="zairyu batch: CSV or Parquet in, Parquet out")
    for column in (
        "run",
        "input",
        "rows",
        "seconds",
        "rows/s",
        "peak RSS MiB",
        "input MiB",
        "rejected",
    ):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            parquet = Path(folder) / f"cases-{rows}.parquet"
            started = time.perf_counter()
            write_cases(parquet, rows)
            if "csv" in args.formats:
                write_csv(parquet, parquet.with_suffix(".csv"))
            console.print(f"generated {rows:,} rows in {time.perf_counter() - started:.0f} s")
            for kind, mode in ((k, m) for k in args.formats for m in args.modes):
                source = parquet.with_suffix(f".{kind}")
                r = measure(mode, source, args.chunk)
                table.add_row(
                    "local" if mode == "local" else "Dask, 2 local workers",
                    "CSV" if kind == "csv" else "Parquet",
                    f"{rows:,}",
                    f"{r['seconds']:.1f}",
                    f"{r['rows'] / r['seconds']:,.0f}",
                    f"{r['peak_rss_mib']:,.0f}",
                    f"{source.stat().st_size / 2**20:,.0f}",
                    f"{r['rejected']:,.0f}",
                )
                console.print(table)
    console.print(
        "peak RSS: the largest total resident memory of the run's processes (for Dask: the"
        " client, the scheduler, the nannies and both workers), sampled every 0.1 s."
    )


if __name__ == "__main__":
    main()
