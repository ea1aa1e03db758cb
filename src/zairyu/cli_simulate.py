"""`zairyu simulate --reform NAME`: a reform applied to a synthetic population, before and after.

Prints the counts (Rich tables) and saves them as CSV and Parquet, with PNG charts and a
self-contained HTML report, in `--out`. Every count is a synthetic estimate, never an official
figure; the report lists every assumption behind it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from zairyu.cli_common import Language, LanguageOption, cli_language, fail, value_error_message
from zairyu.engine.facts import FactValueError, parse_iso_date
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.reforms import REFORMS, ReformError, reform_named

if TYPE_CHECKING:
    from zairyu.population.simulate import Simulation

MAX_SIZE = 20_000_000


def _print(simulation: Simulation, lang: Language, console: Console) -> None:
    import polars as pl

    from zairyu.population.report import (
        country_label,
        item_label,
        outcome_labels,
        reform_status_label,
        status_label,
    )

    _ = translations(lang.value).gettext
    code: Lang = "ja" if lang is Language.ja else "en"
    reform = simulation.reform
    console.print(
        f"[bold]{reform.title(code)}[/bold] ({reform_status_label(reform.status.value, _)})",
        highlight=False,
    )
    console.print(
        "[bold yellow]"
        + _("Synthetic estimates, not official figures.")
        + "[/bold yellow] "
        + _("Size {size}, seed {seed}; law before: {before}, after: {after}.").format(
            size=simulation.size,
            seed=simulation.seed,
            before=simulation.before_date.isoformat(),
            after=simulation.after_date.isoformat(),
        ),
        highlight=False,
    )
    outcomes = outcome_labels(_)
    table = Table(
        _("Pathway or ground"),
        _("Outcome"),
        _("before"),
        _("after"),
        _("Change"),
        _("National estimate, before"),
        _("National estimate, after"),
    )
    focus = simulation.by_item.filter(pl.col("item").is_in(simulation.focus))
    for row in focus.iter_rows(named=True):
        table.add_row(
            item_label(row["item"], code, simulation),
            outcomes.get(row["outcome"], row["outcome"]),
            str(row["before"]),
            str(row["after"]),
            f"{row['change']:+d}",
            f"{row['before_national_estimate']:,}",
            f"{row['after_national_estimate']:,}",
        )
    console.print(table)
    console.print(
        _(
            "National estimates scale the synthetic counts to the {total:,} foreign residents"
            " published for {date}; they are as good as the assumptions in the report."
        ).format(total=simulation.total, date=simulation.total_date.isoformat()),
        highlight=False,
    )
    for key, title, header, label in (
        ("status", _("Reached, by status of residence"), _("Status of residence"), status_label),
        ("nationality", _("Reached, by nationality"), _("Nationality"), country_label),
    ):
        reached = simulation.reached(getattr(simulation, f"by_{key}"), key)
        changed = reached.filter(pl.col("change") != 0)
        shown = (changed if changed.height else reached).head(10)
        by_key = Table(header, _("Pathway or ground"), _("before"), _("after"), _("Change"))
        by_key.title = title
        for row in shown.iter_rows(named=True):
            by_key.add_row(
                label(row[key], code),
                item_label(row["item"], code, simulation),
                str(row["before"]),
                str(row["after"]),
                f"{row['change']:+d}",
            )
        console.print(by_key)


def simulate_command(
    reform: Annotated[
        str,
        typer.Option("--reform", help=f"The reform to simulate: {', '.join(sorted(REFORMS))}"),
    ],
    size: Annotated[
        int, typer.Option("--size", help="How many synthetic residents to generate")
    ] = 100_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed, the same population")
    ] = 0,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Apply the law of this date, YYYY-MM-DD (default: today; a reform that"
            " compares two dates fixes its own)",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Directory for the tables, charts and report (default: ./simulation-NAME)"
        ),
    ] = None,
    lang: LanguageOption = None,
) -> None:
    """Simulate a reform on a synthetic population: counts before and after, charts, a report."""
    # Polars and matplotlib load only when a simulation runs, not with every zairyu command.
    from zairyu.population.report import write_report
    from zairyu.population.simulate import save_tables, simulate
    from zairyu.population.synthetic import PopulationError

    code = cli_language(lang)
    _ = translations(code).gettext
    try:
        chosen = reform_named(reform)
    except ReformError as error:
        fail(str(error), lang=code)
    if not 1 <= size <= MAX_SIZE:
        fail(
            _("--size must be between 1 and {maximum}, not {size}").format(
                maximum=MAX_SIZE, size=size
            ),
            lang=code,
        )
    if seed < 0:
        fail(_("--seed must be 0 or more, not {seed}").format(seed=seed), lang=code)
    day: dt.date | None = None
    if as_of is not None:
        try:
            day = parse_iso_date(as_of, "--as-of")
        except FactValueError as error:
            fail(value_error_message(error, code), lang=code)
    directory = out if out is not None else Path(f"simulation-{chosen.name}")
    if directory.exists() and not directory.is_dir():
        fail(_("--out {path}: exists and is not a directory").format(path=directory), lang=code)
    try:
        simulation = simulate(chosen, size=size, seed=seed, as_of=day)
    except (ReformError, PopulationError) as error:
        fail(str(error), lang=code)
    console = Console(width=130)
    _print(simulation, Language(code), console)
    try:
        written = [
            *save_tables(simulation, directory),
            *write_report(simulation, directory, code),
        ]
    except OSError as error:
        fail(
            _("--out {path}: cannot be written: {reason}").format(
                path=directory, reason=error.strerror
            ),
            lang=code,
        )
    console.print(_("Saved:") + " " + ", ".join(str(p) for p in written), highlight=False)
