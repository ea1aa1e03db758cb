"""A batch run on this machine: read a chunk, screen it with the plan compiled once, append the
results, and so on to the end; memory holds a few chunks at most, however long the input is.

The three steps overlap: while a chunk is screened, the next one is read (`prefetched`) and the
previous one written (`write_all`), each in a thread of its own. Polars and pyarrow release
Python's lock while they work, so a reading, a screening and a writing run at once, on as many
cores as there are; the order of the results never changes.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import polars as pl

from zairyu.batch.evaluate import Evaluated, Plan, engine_for
from zairyu.batch.output import Output
from zairyu.batch.reader import BatchError, Source, _

T = TypeVar("T")

OnChunk = Callable[[int, int], None]
"""Told, after each chunk, how far through the input the run is (`Source.total` units) and
how many rows it has read."""


@dataclass(frozen=True, slots=True)
class Summary:
    rows_in: int
    rows_out: int
    rows_rejected: int
    problems: int  # lines in the rejects file: a row may have several
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows_in / self.seconds if self.seconds > 0 else 0.0


def check_destinations(*paths: Path) -> None:
    """Refuse before any work a destination whose folder does not exist, or which is a folder."""
    for path in paths:
        if not path.parent.is_dir():
            raise BatchError(
                _("{path}: the folder {folder} does not exist"), path=path, folder=path.parent
            )
        if path.is_dir():
            raise BatchError(_("{path}: is a folder, not a file"), path=path)


def default_rejects(output: Path) -> Path:
    return output.with_name(f"{output.stem}.rejects.csv")


def prefetched(items: Iterator[T], depth: int = 1) -> Generator[T]:
    """`items`, computed in a thread of their own, at most `depth` ahead of the consumer. An
    error raised while computing an item is raised here, in its place; closing this iterator
    (or an error in the consumer) stops the thread and closes `items`."""
    ready: queue.Queue[tuple[bool, T | BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[bool, T | BaseException | None]) -> bool:
        while not stop.is_set():
            try:
                ready.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def fill() -> None:
        try:
            for item in items:
                if not offer((False, item)):
                    return
            offer((True, None))
        except BaseException as error:  # handed to the consumer, raised there
            offer((True, error))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=fill, name="zairyu-batch-reader", daemon=True)
    thread.start()
    try:
        while True:
            finished, item = ready.get()
            if finished:
                if isinstance(item, BaseException):
                    raise item
                return
            yield cast(T, item)
    finally:
        stop.set()
        thread.join()


def write_all(
    results: Iterable[tuple[int, Evaluated]],
    source: Source,
    plan: Plan,
    output: Path,
    rejects: Path,
    on_chunk: OnChunk | None,
) -> Summary:
    """Append every chunk's results in input order, then put both files in place. Each result
    comes with how far through the input (`Source.total` units) the run is after it. A chunk is
    written in a thread while the next one is computed; one write at a time, in order."""
    start = time.perf_counter()
    rows_in = rows_out = rows_rejected = problems = 0
    with (
        ThreadPoolExecutor(1, thread_name_prefix="zairyu-batch-writer") as writer,
        Output(output, rejects, plan.pathway_ids) as out,
    ):
        writing: Future[None] | None = None
        try:
            for done, evaluated in results:
                if writing is not None:
                    writing.result()
                writing = writer.submit(out.write, evaluated)
                rows_in += evaluated.rows_in
                rows_out += evaluated.output.height
                rows_rejected += evaluated.rows_rejected
                problems += evaluated.rejects.height
                if on_chunk is not None:
                    on_chunk(done, rows_in)
            if writing is not None:
                writing.result()
        finally:
            # Never close the files under a write still running (a failed run discards them).
            if writing is not None:
                writing.exception()
        if rows_in == 0:
            # An input with no rows still gives a table with the output's columns.
            out.write(engine_for(plan).evaluate(pl.DataFrame(schema=source.schema), 1))
    return Summary(rows_in, rows_out, rows_rejected, problems, time.perf_counter() - start)


def run_local(
    source: Source, plan: Plan, output: Path, rejects: Path, on_chunk: OnChunk | None = None
) -> Summary:
    check_destinations(output, rejects)
    engine = engine_for(plan)

    def evaluated() -> Iterator[tuple[int, Evaluated]]:
        chunks = prefetched(source.chunks())
        try:
            for chunk in chunks:
                yield chunk.done, engine.evaluate(chunk.frame, chunk.first_row)
        finally:
            chunks.close()  # stops the reading thread, whatever stopped the run

    return write_all(evaluated(), source, plan, output, rejects, on_chunk)
