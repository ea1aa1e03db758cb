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
    VALUE,
    VIOLATES,
    CellCheck,
    QuickRead,
    cell_check,
    constraint_facts,
    gate_contradiction,
    quick_read,
    violations,
)
from zairyu.engine.batch import compile_outputs
from zairyu.engine.case import Constraint
from zairyu.engine.columnar import polars_dtype
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS

DOUBT = "__doubt:"

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
    """A chunk's screened rows (key column, then outcomes, as `OUTCOME_DTYPE` codes, and any
    requirements) and its refused cells, by row."""

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
        quick = {f.name: quick_read(f, schema[f.name], as_of, f"{VALUE}{f.name}") for f in present}
        full = {f.name: cell_check(f, schema[f.name], as_of, _) for f in present}
        absent = [
            pl.lit(None, dtype=polars_dtype(f)).alias(f.name) for f in FACTS if f.name not in schema
        ]
        # A gate not in the input is unknown: nothing to contradict (and no column to read).
        gates = {
            f.name: gate_contradiction(f, _)
            for f in present
            if f.asked_when is not None and f.asked_when[0] in schema
        }
        return _Checks(
            quick,
            full,
            absent,
            {f"{GATE}{name}": g[0] for name, g in gates.items() if g is not None},
            {f"{GATE}{name}": g[1] for name, g in gates.items() if g is not None},
            # A column with nothing to check (typed true/false) never has a problem.
            [f"{PROBLEM}{f.name}" for f in present if full[f.name].problem is not None],
        )

    def _read(self, chunk: pl.DataFrame, checks: dict[str, CellCheck]) -> pl.DataFrame:
        """The full reading of some columns: each fact's value and `__problem:<fact>`."""
        return (
            chunk.lazy()
            .with_columns(*(part for c in checks.values() for part in c.parts))
            .with_columns(*(test for c in checks.values() for test in c.tests))
            .select(
                *(c.value.alias(name) for name, c in checks.items()),
                *(
                    c.problem.alias(f"{PROBLEM}{name}")
                    for name, c in checks.items()
                    if c.problem is not None
                ),
            )
            .collect()
        )

    def _read_values(
        self, chunk: pl.DataFrame, keys: list[pl.Expr], *, fast: bool = True
    ) -> tuple[pl.DataFrame, list[str]]:
        """`keys`, then each fact column of `chunk` as the engine reads it (null where unknown
        or refused), then `__problem:<fact>` (the reason a cell is refused, null if none) for
        the columns that may have a problem, which are named second.

        Every column is first read quickly, with one test over the whole chunk that says
        whether the full reading could differ anywhere in it (`QuickRead.doubt`); only the
        columns in doubt are read again in full (all of them, if not `fast`)."""
        checks = self._checks_for(chunk.schema)
        quick: dict[str, QuickRead] = {
            n: q for n, q in checks.quick.items() if q is not None and fast
        }
        doubts = {f"{DOUBT}{n}": q.doubt for n, q in quick.items() if q.doubt is not None}
        read = (
            chunk.lazy()
            .with_columns(*keys, *(q.value.alias(f"{VALUE}{n}") for n, q in quick.items()))
            .select(
                *(pl.col(k.meta.output_name()) for k in keys),
                *(pl.col(f"{VALUE}{n}").alias(n) for n in quick),
                # One value per column, repeated down it.
                *(doubt.alias(name) for name, doubt in doubts.items()),
            )
            .collect()
        )
        doubtful = {name[len(DOUBT) :] for name in doubts if read.get_column(name).any()}
        read = read.drop(doubts)
        again = [n for n in checks.full if n not in quick or n in doubtful]
        if again:
            full = self._read(chunk, {n: checks.full[n] for n in again})
            read = read.with_columns(full) if read.width else full
        problems = [f"{PROBLEM}{n}" for n in checks.full if f"{PROBLEM}{n}" in read.columns]
        return read, problems

    def read_facts(
        self, chunk: pl.DataFrame, keys: list[pl.Expr] | None = None, *, fast: bool = True
    ) -> pl.DataFrame:
        """`keys`, then each fact column of `chunk` as the engine reads it (null where unknown
        or refused), then the reason each cell is refused (`__problem:<fact>`, null if none)."""
        checks = self._checks_for(chunk.schema)
        read, _problems = self._read_values(chunk, keys or [], fast=fast)
        names = [k.meta.output_name() for k in keys or []]
        return read.select(
            *names,
            *checks.full,
            *(
                pl.col(p) if p in read.columns else pl.lit(None, dtype=pl.String).alias(p)
                for p in checks.problems
            ),
        )

    def evaluate(self, chunk: pl.DataFrame, first_row: int, *, fast: bool = True) -> Evaluated:
        """Screen `chunk`, whose first row is the input's row `first_row` (counting from 1).
        `fast=False` reads every column in full (the quick reading's reference)."""
        checks = self._checks_for(chunk.schema)
        rows = pl.int_range(first_row, first_row + chunk.height, dtype=pl.UInt64).alias(ROW)
        keys = [rows] if self.plan.id_column is None else [rows, pl.col(self.plan.id_column)]
        read, problems = self._read_values(chunk, keys, fast=fast)
        gates = list(checks.gates)
        flags = [pl.col(p).is_not_null() for p in problems] + [pl.col(g) for g in gates]
        clean = ~pl.any_horizontal(flags) if flags else pl.lit(True)
        violated = violations(self.constraints, self.violated, clean)
        lazy = read.lazy().with_columns(
            *checks.absent, *(g.alias(name) for name, g in checks.gates.items())
        )
        names = [k.meta.output_name() for k in keys]
        result = self.compiler.select(
            lazy, [*self.outputs, *(pl.col(n) for n in [*names, *problems, *gates]), *violated]
        ).collect()
        flagged = [*problems, *gates, *(v.meta.output_name() for v in violated)]
        counts = (
            result.select(
                *(
                    (pl.col(n).is_not_null() if n.startswith(PROBLEM) else pl.col(n)).sum().alias(n)
                    for n in flagged
                )
            ).row(0, named=True)
            if flagged
            else {}
        )
        outcomes = [pl.col(n) for n in self.output_names]
        if not any(counts.values()):
            # Nothing refused (the usual chunk): every row is screened, no rejects to write.
            output = result.select(pl.col(self.plan.key), *outcomes)
            return Evaluated(output, pl.DataFrame(schema=REJECTS_SCHEMA), chunk.height, 0)
        rejects = self._rejects(chunk, result, counts, checks)
        refused = pl.any_horizontal(
            pl.col(n).is_not_null() if n.startswith(PROBLEM) else pl.col(n)
            for n, count in counts.items()
            if count
        )
        kept = result.filter(~refused)
        output = kept.select(pl.col(self.plan.key), *outcomes)
        return Evaluated(output, rejects, chunk.height, chunk.height - kept.height)

    def _rejects(
        self, chunk: pl.DataFrame, result: pl.DataFrame, counts: dict[str, int], checks: _Checks
    ) -> pl.DataFrame:
        """One line per refused cell (or contradiction), in row order: in a row, the cells in
        the order of the facts, then the facts given where they do not apply, then the
        contradictions."""
        parts: list[pl.DataFrame] = []
        _ = self.gettext
        for name, count in counts.items():
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
            if name.startswith(GATE):
                mask = result.get_column(name)
                reasons = pl.Series([checks.gate_reasons[name]] * count)
            else:
                mask = result.get_column(name).is_not_null()
                reasons = result.get_column(name).filter(mask)
            parts.append(
                pl.DataFrame(
                    {
                        "row": result.get_column(ROW).filter(mask),
                        "column": pl.Series([fact] * count),
                        "value": chunk.get_column(fact).cast(pl.String).filter(mask),
                        "reason": reasons,
                    },
                    schema=REJECTS_SCHEMA,
                )
            )
        return pl.concat(parts).sort("row", maintain_order=True)


@dataclass(frozen=True, slots=True)
class _Checks:
    quick: dict[str, QuickRead | None]  # None: a column only the full reading reads
    full: dict[str, CellCheck]
    absent: list[pl.Expr]  # the facts not in the input, as unknown columns
    gates: dict[str, pl.Expr]  # `__gate:<fact>`: True where the fact is given but does not apply
    gate_reasons: dict[str, str]
    problems: list[str]  # `__problem:<fact>` of every fact whose cells may be refused


@cache
def engine_for(plan: Plan) -> Engine:
    """The compiled plan, once per process (a Dask worker compiles it on its first chunk)."""
    return Engine(plan)
