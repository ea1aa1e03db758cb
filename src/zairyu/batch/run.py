"""A batch run on this machine: read a chunk, screen it with the plan compiled once, append the
results, and so on to the end; memory holds a few chunks at most, however long the input is."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from zairyu.batch.evaluate import Evaluated, Plan, engine_for
from zairyu.batch.output import Output
from zairyu.batch.reader import BatchError, Source, _

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


def write_all(
    results: Iterable[tuple[int, Evaluated]],
    source: Source,
    plan: Plan,
    output: Path,
    rejects: Path,
    on_chunk: OnChunk | None,
) -> Summary:
    """Append every chunk's results in input order, then put both files in place. Each result
    comes with how far through the input (`Source.total` units) the run is after it."""
    start = time.perf_counter()
    rows_in = rows_out = rows_rejected = problems = 0
    with Output(output, rejects) as out:
        for done, evaluated in results:
            out.write(evaluated)
            rows_in += evaluated.rows_in
            rows_out += evaluated.output.height
            rows_rejected += evaluated.rows_rejected
            problems += evaluated.rejects.height
            if on_chunk is not None:
                on_chunk(done, rows_in)
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
        for chunk in source.chunks():
            yield chunk.done, engine.evaluate(chunk.frame, chunk.first_row)

    return write_all(evaluated(), source, plan, output, rejects, on_chunk)
