"""Command line: `zairyu batch IN OUT` (registered on `zairyu.cli.app`).

Screens every row of a CSV or Parquet table against the pathways and writes one Parquet row per
accepted input row; refused values go to a rejects file and the run goes on. A problem with the
input as a whole (a missing or malformed file, an unknown column) exits with status 2 before
any output exists.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

from zairyu.batch.distributed import run_distributed
from zairyu.batch.evaluate import Plan
from zairyu.batch.reader import BatchError, Source
from zairyu.batch.run import OnChunk, Summary, default_rejects, run_local
from zairyu.cli_common import Language, cli_language, fail
from zairyu.engine.facts import FactValueError, parse_iso_date
from zairyu.i18n import translations
from zairyu.law.pathways import FACTS, PATHWAYS


def _plan(
    as_of: str | None,
    pathways: str | None,
    with_requirements: bool,
    id_column: str | None,
    lang: Language,
) -> Plan:
    _ = translations(lang.value).gettext
    try:
        day = dt.date.today() if as_of is None else parse_iso_date(as_of, "--as-of")
    except FactValueError as error:
        raise BatchError("{message}", message=str(error)) from None
    known = [p.id for p in PATHWAYS]
    chosen = known if pathways is None else [p.strip() for p in pathways.split(",") if p.strip()]
    unknown = [p for p in chosen if p not in known]
    if unknown or not chosen:
        raise BatchError(
            _("unknown pathway: {names}; the pathways are: {known}"),
            names=", ".join(unknown) or "''",
            known=", ".join(known),
        )
    return Plan(day, tuple(chosen), with_requirements, id_column, lang.value)


def batch_command(
    input_file: Annotated[
        Path, typer.Argument(help="CSV (header of fact names) or Parquet table of cases")
    ],
    output_file: Annotated[Path, typer.Argument(help="Parquet file to write")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Apply the law of this date, YYYY-MM-DD (default: today)"),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column", help="A column of the input to keep as the key (default: row number)"
        ),
    ] = None,
    pathways: Annotated[
        str | None,
        typer.Option("--pathways", help="Comma-separated pathway ids (default: all)"),
    ] = None,
    requirements: Annotated[
        bool, typer.Option("--requirements", help="Also one column per requirement")
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="CSV of refused values (default: OUT.rejects.csv)"),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="Rows read and screened at a time")
    ] = 100_000,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on this Dask scheduler, e.g. tcp://host:8786"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Run on a local Dask cluster of this many processes"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar")] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language of the messages (default: $ZAIRYU_LANG, else the locale, else en)",
        ),
    ] = None,
) -> None:
    """Screen a table of cases (CSV or Parquet) into a Parquet table of outcomes.

    Each row is a case and each column a fact (`zairyu facts`); an empty cell is unknown. The
    output has the key (--id-column, else `row`: the data row's number, from 1), then one
    column per pathway outcome. A row with a value that cannot be read (an unknown code, an
    impossible date, a number out of range, ...) or with facts that contradict each other goes
    to the rejects file instead (row, column, value, reason), and the run goes on. With
    --scheduler or --workers the chunks are screened on Dask, with the same result and the same
    single output file (the workers read a Parquet input themselves, from the same path).
    """
    chosen = Language(cli_language(lang))
    _ = translations(chosen.value).gettext
    rejects_file = rejects or default_rejects(output_file)
    try:
        if scheduler is not None and workers is not None:
            raise BatchError(_("give --scheduler or --workers, not both"))
        plan = _plan(as_of, pathways, requirements, id_column, chosen)
        source = Source(input_file, FACTS, id_column, chunk_size)
        if rejects_file.resolve() in (output_file.resolve(), input_file.resolve()) or (
            output_file.resolve() == input_file.resolve()
        ):
            raise BatchError(_("the input, the output and the rejects file must be different"))
        with _Progress(quiet, source, chosen) as on_chunk:
            if scheduler is None and workers is None:
                summary = run_local(source, plan, output_file, rejects_file, on_chunk)
            else:
                summary = run_distributed(
                    source,
                    plan,
                    output_file,
                    rejects_file,
                    scheduler=scheduler,
                    workers=workers,
                    on_chunk=on_chunk,
                )
    except BatchError as error:
        fail(error.message(_), lang=chosen)
    _print_summary(summary, output_file, rejects_file, chosen)


class _Progress:
    """A Rich progress bar on standard error, only when it is a terminal and not `--quiet`."""

    def __init__(self, quiet: bool, source: Source, lang: Language) -> None:
        _ = translations(lang.value).gettext
        console = Console(stderr=True)
        self.bar: Progress | None = None
        if quiet or not console.is_terminal:
            return
        # Parquet says how many rows it holds; a CSV file's progress is in bytes.
        counted = MofNCompleteColumn() if source.parquet else TaskProgressColumn()
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            counted,
            TextColumn("{task.fields[rows]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task(_("Screening"), total=source.total, rows="")
        self.rows_label = _("{count} rows")

    def __enter__(self) -> OnChunk | None:
        if self.bar is None:
            return None
        self.bar.start()
        bar, task, label = self.bar, self.task, self.rows_label

        def on_chunk(done: int, rows: int) -> None:
            bar.update(task, completed=done, rows=label.format(count=f"{rows:,}"))

        return on_chunk

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_summary(summary: Summary, output: Path, rejects: Path, lang: Language) -> None:
    _ = translations(lang.value).gettext
    lines = [
        _("Rows read: {count}").format(count=f"{summary.rows_in:,}"),
        _("Rows screened: {count} (in {path})").format(count=f"{summary.rows_out:,}", path=output),
        _("Rows rejected: {count}, {problems} problems (in {path})").format(
            count=f"{summary.rows_rejected:,}", problems=f"{summary.problems:,}", path=rejects
        ),
        _("Time: {seconds} s, {rate} rows/s").format(
            seconds=f"{summary.seconds:.2f}", rate=f"{summary.rows_per_second:,.0f}"
        ),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
