"""Simulating a reform on the synthetic population: counts before and after, and a report.

The population is generated once; the law before and the law after (the reform applied, or the
same law on a later date) are each evaluated in one columnar pass (`engine.batch.screen_frame`).
The counts are *synthetic estimates*: they follow from the published marginals and the named
assumptions of `parameters.Parameters`, and are never official figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from zairyu.data.foreign_residents import marginals
from zairyu.engine.batch import prepare
from zairyu.engine.batch import screen_frame as screen
from zairyu.engine.columnar import Compiler
from zairyu.engine.expr import Rule
from zairyu.engine.facts import Fact
from zairyu.engine.pathway import Outcome, Pathway
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.population.parameters import Parameters
from zairyu.population.synthetic import generate
from zairyu.reforms import Reform, ReformError, apply_reform

HOLDS = "holds"
DOES_NOT_HOLD = "does_not_hold"
UNKNOWN = "unknown"
# Counted as "reached" in the summaries: a pathway that is open, or a ground that may apply.
FAVOURABLE = frozenset({Outcome.ELIGIBLE.value, Outcome.DISCRETIONARY.value, HOLDS})
KEYS = ("status", "nationality")


@dataclass(frozen=True, slots=True)
class Simulation:
    reform: Reform
    size: int
    seed: int
    before_date: dt.date
    after_date: dt.date
    parameters: Parameters
    # item (a pathway id or an indicator rule id), kind, outcome, before, after, change, and
    # before and after scaled to the published total (`*_national_estimate`)
    by_item: pl.DataFrame
    # status, item, kind, outcome, before, after, change
    by_status: pl.DataFrame
    # nationality, item, kind, outcome, before, after, change
    by_nationality: pl.DataFrame

    @property
    def total(self) -> int:
        return marginals().total.count or 0

    @property
    def total_date(self) -> dt.date:
        return marginals().total.reference_date

    @property
    def focus(self) -> tuple[str, ...]:
        return (*self.reform.focus, *(r.id for r in self.reform.indicators))

    def reached(self, table: pl.DataFrame, key: str) -> pl.DataFrame:
        """Per value of `key`, how many reach a focus item (eligible, discretionary or holds)."""
        return (
            table.filter(pl.col("item").is_in(self.focus) & pl.col("outcome").is_in(FAVOURABLE))
            .group_by(key, "item")
            .agg(pl.col("before").sum().cast(pl.Int64), pl.col("after").sum().cast(pl.Int64))
            .with_columns(change=pl.col("after") - pl.col("before"))
            .sort(
                [pl.col("change").abs(), "after", "item", key],
                descending=[True, True, False, False],
            )
        )


def _indicator_columns(frame: pl.DataFrame, rules: Sequence[Rule], day: dt.date) -> pl.DataFrame:
    """Each rule's three-valued truth, per row, as holds / does_not_hold / unknown."""
    if not rules:
        return pl.DataFrame()
    facts: dict[str, Fact] = {}
    for rule in rules:
        facts.update((f.name, f) for f in rule.facts)
    compiler = Compiler(day)
    outputs = [compiler.compile(rule).alias(rule.id) for rule in rules]
    values = compiler.select(prepare(frame.lazy(), list(facts.values())), outputs).collect()
    return values.select(
        pl.when(pl.col(r.id).is_null())
        .then(pl.lit(UNKNOWN))
        .when(pl.col(r.id))
        .then(pl.lit(HOLDS))
        .otherwise(pl.lit(DOES_NOT_HOLD))
        .alias(r.id)
        for r in rules
    )


def _outcomes(
    frame: pl.DataFrame, pathways: Sequence[Pathway], rules: Sequence[Rule], day: dt.date
) -> pl.DataFrame:
    outcomes = screen(frame, pathways, FACTS, day)
    indicators = _indicator_columns(frame, rules, day)
    return pl.concat(
        [
            frame.select(
                pl.col("applicant.status").alias("status"),
                pl.col("applicant.nationality").alias("nationality"),
            ),
            outcomes,
            indicators,
        ],
        how="horizontal",
    )


def _counts(wide: pl.DataFrame, items: Sequence[str], indicator_ids: set[str]) -> pl.DataFrame:
    """How many rows have each outcome, per item, status and nationality: one small group-by
    per item, so that memory stays near the size of the population, not items times it."""
    parts = [
        wide.group_by([*KEYS, item])
        .len("n")
        .select(
            *KEYS,
            pl.lit(item).alias("item"),
            pl.lit("indicator" if item in indicator_ids else "pathway").alias("kind"),
            pl.col(item).cast(pl.String).alias("outcome"),
            "n",
        )
        for item in items
    ]
    return pl.concat(parts)


def _compare(before: pl.DataFrame, after: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    counted_before = before.group_by(keys).agg(pl.col("n").sum().alias("before"))
    counted_after = after.group_by(keys).agg(pl.col("n").sum().alias("after"))
    return (
        counted_before.join(counted_after, on=keys, how="full", coalesce=True)
        .with_columns(
            pl.col("before").fill_null(0).cast(pl.Int64),
            pl.col("after").fill_null(0).cast(pl.Int64),
        )
        .with_columns(change=pl.col("after") - pl.col("before"))
        .sort(keys)
    )


def _national(table: pl.DataFrame, size: int) -> pl.DataFrame:
    """Adds the counts scaled to the published total of foreign residents, rounded to tens: a
    synthetic estimate of the national figure, as good as the assumptions behind it."""
    scale = (marginals().total.count or 0) / size
    return table.with_columns(
        ((pl.col(c) * scale / 10).round(0) * 10).cast(pl.Int64).alias(f"{c}_national_estimate")
        for c in ("before", "after")
    )


def dates_for(reform: Reform, as_of: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    if reform.compare_dates is not None:
        if as_of is not None:
            before, after = reform.compare_dates
            raise ReformError(
                f"reform {reform.name} compares the law on {before} and {after}; --as-of cannot"
                " be given for it"
            )
        return reform.compare_dates
    day = as_of or today
    return day, day


def simulate(
    reform: Reform,
    *,
    size: int,
    seed: int,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    parameters: Parameters | None = None,
) -> Simulation:
    parameters = parameters or Parameters()
    before_date, after_date = dates_for(reform, as_of, today or dt.date.today())
    population = generate(size, seed, before_date, parameters)
    after_pathways = apply_reform(reform, PATHWAYS)
    rules = reform.indicators
    indicator_ids = {r.id for r in rules}
    items = [*(p.id for p in PATHWAYS), *(r.id for r in rules)]
    before = _counts(_outcomes(population, PATHWAYS, rules, before_date), items, indicator_ids)
    after = _counts(_outcomes(population, after_pathways, rules, after_date), items, indicator_ids)
    return Simulation(
        reform=reform,
        size=size,
        seed=seed,
        before_date=before_date,
        after_date=after_date,
        parameters=parameters,
        by_item=_national(_compare(before, after, ["item", "kind", "outcome"]), size),
        by_status=_compare(before, after, ["status", "item", "kind", "outcome"]),
        by_nationality=_compare(before, after, ["nationality", "item", "kind", "outcome"]),
    )


TABLES = ("by_item", "by_status", "by_nationality")


def save_tables(simulation: Simulation, directory: Path) -> list[Path]:
    """Each table as CSV and Parquet; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in TABLES:
        table: pl.DataFrame = getattr(simulation, name)
        csv_path = directory / f"{name}.csv"
        parquet_path = directory / f"{name}.parquet"
        table.write_csv(csv_path)
        table.write_parquet(parquet_path)
        written += [csv_path, parquet_path]
    return written
