"""One chunk of rows: read every cell as its fact, screen the rows, and split off the refused ones.

`Plan` says what a run computes and is small enough to send to Dask workers; `engine_for`
compiles it once per process (the pathways' rule trees to Polars expressions, as
`screen_frame` does) and `Engine.evaluate` applies the compiled expressions to each chunk.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from functools import cache

import polars as pl

from zairyu.batch.validate import (
    GATE,
    PROBLEM,
    SUSPECT,
    VIOLATES,
    CellCheck,
    cell_check,
    constraint_facts,
    gate_problem,
    violations,
)
from zairyu.engine.batch import compile_outputs
from zairyu.engine.case import Constraint
from zairyu.engine.columnar import polars_dtype
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS

ROW = "row"
"""The output's key when no id column is given: the data row's number, counting from 1."""

REJECTS_SCHEMA = {"row": pl.UInt64, "column": pl.String, "value": pl.String, "reason": pl.String}


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run computes; the same plan gives the same result wherever it runs."""

    as_of: dt.date
    pathway_ids: tuple[str, ...] = tuple(p.id for p in PATHWAYS)
    with_requirements: bool = False
    id_column: str | None = None
    lang: Lang = "en"

    @property
    def key(self) -> str:
        return self.id_column or ROW


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A chunk's screened rows (key column, then outcomes) and its refused cells, by row."""

    output: pl.DataFrame
    rejects: pl.DataFrame
    rows_in: int
    rows_rejected: int


class Engine:
    """A plan compiled once: the outcome expressions, and the constraints checked row by row."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        chosen = {p.id: p for p in PATHWAYS}
        self.pathways = [chosen[i] for i in plan.pathway_ids]
        self.compiler, self.outputs = compile_outputs(
            self.pathways, plan.as_of, with_requirements=plan.with_requirements
        )
        self.output_names = [e.meta.output_name() for e in self.outputs]
        self.outcome_names = [p.id for p in self.pathways]
        self.gettext = translations(plan.lang).gettext
        self.constraints: tuple[Constraint, ...] = CONSTRAINTS
        # Compiled here, with the outcomes, so that the compiler never changes afterwards:
        # threads of one worker share this engine.
        self.violated = [self.compiler.compile(c.violated) for c in self.constraints]
        # Validation depends on the input's column types: built once per schema.
        self._checks: dict[tuple[tuple[str, str], ...], _Checks] = {}
        self._lock = threading.Lock()

    def _checks_for(self, schema: pl.Schema) -> _Checks:
        key = tuple((name, str(dtype)) for name, dtype in schema.items())
        with self._lock:
            checks = self._checks.get(key)
            if checks is None:
                checks = self._checks[key] = self._build_checks(schema)
        return checks

    def _build_checks(self, schema: pl.Schema) -> _Checks:
        _ = self.gettext
        as_of = self.plan.as_of
        present = [f for f in FACTS if f.name in schema]
        quick = {f.name: cell_check(f, schema[f.name], as_of, _, quick=True) for f in present}
        full = {f.name: cell_check(f, schema[f.name], as_of, _) for f in present}
        absent = [
            pl.lit(None, dtype=polars_dtype(f)).alias(f.name) for f in FACTS if f.name not in schema
        ]
        gates = {f.name: gate_problem(f, _) for f in present}
        gated = {f"{GATE}{name}": p for name, p in gates.items() if p is not None}
        # A column with nothing to check (typed true/false) never has a problem.
        checked = [
            f.name
            for f in present
            if quick[f.name].problem is not None or full[f.name].problem is not None
        ]
        problems = [f"{PROBLEM}{name}" for name in checked] + list(gated)
        clean = ~pl.any_horizontal(pl.col(problems).is_not_null()) if problems else pl.lit(True)
        return _Checks(
            quick,
            full,
            [*absent, *(p.alias(name) for name, p in gated.items())],
            problems,
            violations(self.constraints, self.violated, clean),
        )

    def _read(
        self,
        chunk: pl.DataFrame,
        checks: dict[str, CellCheck],
        keys: list[pl.Expr],
        problems: list[str],
    ) -> pl.DataFrame:
        """The facts' values, their `problems` columns (null where a reading has nothing to
        check) and the quick reading's suspects, with `keys`."""
        return (
            chunk.lazy()
            .with_columns(*keys, *(part for c in checks.values() for part in c.parts))
            .with_columns(*(test for c in checks.values() for test in c.tests))
            .select(
                *(pl.col(k.meta.output_name()) for k in keys),
                *(c.value.alias(name) for name, c in checks.items()),
                *(
                    (c.problem if c.problem is not None else pl.lit(None, dtype=pl.String)).alias(
                        f"{PROBLEM}{name}"
                    )
                    for name, c in checks.items()
                    if c.problem is not None or f"{PROBLEM}{name}" in problems
                ),
                *(
                    c.suspect.any().alias(f"{SUSPECT}{name}")
                    for name, c in checks.items()
                    if c.suspect is not None
                ),
            )
            .collect()
        )

    def read_facts(self, chunk: pl.DataFrame, keys: list[pl.Expr] | None = None) -> pl.DataFrame:
        """`keys`, then each fact column of `chunk` as the engine reads it (null where unknown
        or refused), then the reason each cell is refused (`__problem:<fact>`, null if none)."""
        checks = self._checks_for(chunk.schema)
        keys = keys or []
        read = self._read(chunk, checks.quick, keys, checks.problems)
        suspects = [c for c in read.columns if c.startswith(SUSPECT) and read.get_column(c).any()]
        read = read.drop(c for c in read.columns if c.startswith(SUSPECT))
        if suspects:
            # Some cells are written in a form only the full reading reads: read those columns
            # again, fully (spaces, capitals, aliases, `unknown`).
            names = [s[len(SUSPECT) :] for s in suspects]
            again = self._read(chunk, {n: checks.full[n] for n in names}, [], checks.problems)
            read = read.with_columns(again)
        return read

    def evaluate(self, chunk: pl.DataFrame, first_row: int) -> Evaluated:
        """Screen `chunk`, whose first row is the input's row `first_row` (counting from 1)."""
        checks = self._checks_for(chunk.schema)
        rows = pl.int_range(first_row, first_row + chunk.height, dtype=pl.UInt64).alias(ROW)
        keys = [rows] if self.plan.id_column is None else [rows, pl.col(self.plan.id_column)]
        read = self.read_facts(chunk, keys)
        lazy = read.lazy().with_columns(checks.derived)
        extras = [
            *(pl.col(k.meta.output_name()) for k in keys),
            *(pl.col(p) for p in checks.problems),
            *checks.violations,
        ]
        result = self.compiler.select(lazy, [*self.outputs, *extras]).collect()
        rejects = self._rejects(chunk, result, checks)
        flags = [pl.col(p).is_not_null() for p in checks.problems]
        flags += [pl.col(v.meta.output_name()) for v in checks.violations]
        refused = pl.any_horizontal(flags) if flags else pl.lit(False)
        flagged = result.select(refused.alias("refused")).to_series()
        output = result.filter(~flagged).select(
            pl.col(self.plan.key),
            *(
                pl.col(n).cast(pl.String) if n in self.outcome_names else pl.col(n)
                for n in self.output_names
            ),
        )
        return Evaluated(output, rejects, chunk.height, int(flagged.sum()))

    def _rejects(self, chunk: pl.DataFrame, result: pl.DataFrame, checks: _Checks) -> pl.DataFrame:
        """One line per refused cell (or contradiction), in row order."""
        parts: list[pl.DataFrame] = []
        counts = result.select(
            *(pl.col(p).is_not_null().sum() for p in checks.problems),
            *(pl.col(v.meta.output_name()).sum() for v in checks.violations),
        ).row(0)
        names = [*checks.problems, *(v.meta.output_name() for v in checks.violations)]
        _ = self.gettext
        for name, count in zip(names, counts, strict=True):
            if not count:
                continue
            if name.startswith(VIOLATES):
                constraint = next(c for c in self.constraints if c.id == name[len(VIOLATES) :])
                facts = [f for f in constraint_facts(constraint) if f in chunk.columns]
                mask = result.get_column(name)
                value = pl.concat_str(
                    [pl.lit(f"{f}=") + pl.col(f).cast(pl.String).fill_null("") for f in facts],
                    separator="; ",
                )
                reason = _("contradictory facts: {text}").format(
                    text=constraint.text(self.plan.lang)
                )
                parts.append(
                    pl.DataFrame(
                        {
                            "row": result.get_column(ROW).filter(mask),
                            "column": pl.Series([", ".join(constraint_facts(constraint))] * count),
                            "value": chunk.filter(mask).select(value).to_series()
                            if facts
                            else [""] * count,
                            "reason": pl.Series([reason] * count),
                        },
                        schema=REJECTS_SCHEMA,
                    )
                )
                continue
            fact = name.split(":", 1)[1]
            mask = result.get_column(name).is_not_null()
            parts.append(
                pl.DataFrame(
                    {
                        "row": result.get_column(ROW).filter(mask),
                        "column": pl.Series([fact] * count),
                        "value": chunk.get_column(fact).cast(pl.String).filter(mask),
                        "reason": result.get_column(name).filter(mask),
                    },
                    schema=REJECTS_SCHEMA,
                )
            )
        if not parts:
            return pl.DataFrame(schema=REJECTS_SCHEMA)
        return pl.concat(parts).sort("row", maintain_order=True)


@dataclass(frozen=True, slots=True)
class _Checks:
    quick: dict[str, CellCheck]
    full: dict[str, CellCheck]
    derived: list[pl.Expr]
    problems: list[str]
    violations: list[pl.Expr]


@cache
def engine_for(plan: Plan) -> Engine:
    """The compiled plan, once per process (a Dask worker compiles it on its first chunk)."""
    return Engine(plan)
