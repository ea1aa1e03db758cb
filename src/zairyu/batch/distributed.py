"""The same batch run on a Dask cluster: the chunks are screened by the workers.

Each task is a part of the input and the `Plan` (a few fields): for a Parquet file, one row
group, which the worker reads itself from the file (so the workers must be able to open the
input at the same path: a local cluster, or a shared file system); for a CSV file, a chunk
read by the client and sent to the worker (a CSV file cannot be split into rows without
reading it). Each worker process compiles the plan once, on its first task (`engine_for`),
and screens every part with those same compiled expressions. The client takes the results
back in input order and writes one Parquet file and one rejects file, as a local run writes
them: the same rows and rejects in the same order. Workers need zairyu installed; only the
client writes files. At most two tasks per worker are in flight, so memory stays flat.

(The compiled Polars expressions do pickle, about 2 MB for all pathways, but the plan is 100
bytes and compiling takes a fraction of a second once per worker, so the plan is what travels.)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from zairyu.batch.evaluate import Evaluated, Plan, engine_for
from zairyu.batch.reader import BatchError, Source, _
from zairyu.batch.run import OnChunk, Summary, check_destinations, prefetched, write_all

if TYPE_CHECKING:
    from distributed import Client, Future


def run_distributed(
    source: Source,
    plan: Plan,
    output: Path,
    rejects: Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    on_chunk: OnChunk | None = None,
) -> Summary:
    """On the cluster at `scheduler` (`tcp://host:port`), or on a local cluster of `workers`
    processes started for this run and stopped after it."""
    from distributed import Client, LocalCluster

    check_destinations(output, rejects)
    with ExitStack() as stack:
        if scheduler is not None:
            try:
                client = stack.enter_context(
                    Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
                )
            except (OSError, TimeoutError) as error:
                raise BatchError(
                    _("cannot reach the Dask scheduler at {address}: {error}"),
                    address=scheduler,
                    error=error,
                ) from None
        else:
            if workers is None or workers < 1:
                raise BatchError(
                    _("a local cluster needs at least 1 worker, not {count}"), count=workers
                )
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with another cluster
                )
            )
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        return run_on(client, source, plan, output, rejects, on_chunk)


def run_on(
    client: Client,
    source: Source,
    plan: Plan,
    output: Path,
    rejects: Path,
    on_chunk: OnChunk | None = None,
) -> Summary:
    """The run on the cluster `client` is connected to."""
    check_destinations(output, rejects)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers  # enough to keep every worker busy while the client writes
    tasks = (
        _parquet_tasks(client, source, plan) if source.parquet else _csv_tasks(client, source, plan)
    )

    def results() -> Iterator[tuple[int, Evaluated]]:
        pending: deque[tuple[int, Future[Evaluated]]] = deque()
        try:
            for task in tasks:
                pending.append(task)
                if len(pending) >= window:
                    done, oldest = pending.popleft()
                    yield done, oldest.result()
            while pending:
                done, oldest = pending.popleft()
                yield done, oldest.result()
        finally:
            for _, future in pending:
                future.cancel()  # type: ignore[no-untyped-call]

    return write_all(results(), source, plan, output, rejects, on_chunk)


def _csv_tasks(
    client: Client, source: Source, plan: Plan
) -> Iterator[tuple[int, Future[Evaluated]]]:
    """A CSV file is read by the client (its rows cannot be found without reading it) and
    sent in chunks, as the Arrow tables pyarrow reads (several times cheaper to send than
    Polars frames, and never converted on the client). The next chunk is read while the client
    waits for the workers (`prefetched`)."""
    tables = prefetched(source.csv_tables())
    try:
        for table, first_row, done in tables:
            # Sent to a worker as data, not inside the task graph (which the scheduler keeps);
            # `hash=False`: hashing a chunk to name it would cost as much as sending it. The
            # table goes as pyarrow read it: the worker makes the Polars frame.
            sent = client.scatter(table, hash=False)  # type: ignore[no-untyped-call]
            future = client.submit(evaluate_arrow, plan, sent, first_row, pure=False)
            yield done, future
    finally:
        tables.close()


def _parquet_tasks(
    client: Client, source: Source, plan: Plan
) -> Iterator[tuple[int, Future[Evaluated]]]:
    """A Parquet file says where each row group starts: each worker reads its own row groups
    from the file (which it must be able to open at the same path), and nothing but the results
    crosses the network."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    metadata = pq.ParquetFile(source.path).metadata
    first = 1
    for group in range(metadata.num_row_groups):
        rows = metadata.row_group(group).num_rows
        future = client.submit(
            evaluate_row_group,
            plan,
            str(source.path.resolve()),
            group,
            first,
            source.chunk_rows,
            pure=False,
        )
        first += rows
        yield first - 1, future


def evaluate_arrow(plan: Plan, table: object, first_row: int) -> Evaluated:
    """Run on a worker: a chunk sent by the client."""
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return engine_for(plan).evaluate(frame, first_row)


def evaluate_row_group(
    plan: Plan, path: str, group: int, first_row: int, chunk_rows: int
) -> Evaluated:
    """Run on a worker: one row group of a Parquet file, read and screened in chunks. Polars
    reads each chunk, as a local run does (only the row group's pages, and faster than
    pyarrow's batches), so the chunks have the same column types as a local run's."""
    import pyarrow.parquet as pq

    engine = engine_for(plan)
    rows = pq.ParquetFile(path).metadata.row_group(group).num_rows
    offset = first_row - 1  # the row group's first row, counting from 0
    parts: list[Evaluated] = []
    for start in range(0, rows, chunk_rows):
        size = min(chunk_rows, rows - start)
        frame = pl.scan_parquet(path).slice(offset + start, size).collect()
        parts.append(engine.evaluate(frame, first_row + start))
    if not parts:
        return engine.evaluate(pl.scan_parquet(path).slice(0, 0).collect(), first_row)
    return Evaluated(
        pl.concat([p.output for p in parts]),
        pl.concat([p.rejects for p in parts]),
        sum(p.rows_in for p in parts),
        sum(p.rows_rejected for p in parts),
    )
