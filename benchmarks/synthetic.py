"""Synthetic cases for benchmarks: random values drawn with Polars, a share of them unknown.

Nothing here is real data; the values are drawn uniformly from the codes the rules know.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from zairyu.engine.facts import FactType
from zairyu.law.facts import STATUSES
from zairyu.law.pathways import FACTS
from zairyu.law.same_sex_spouse import MARRIAGE_LAW

COUNTRIES = sorted({*MARRIAGE_LAW.windows, "JP", "CN", "KR", "VN", "PH", "BR", "IN", "NP", "IL"})


def _mask(n: int, seed: int, share: float) -> pl.Series:
    return (pl.int_range(0, n, eager=True).hash(seed) % 10_000) < int(share * 10_000)


def table(n: int, *, seed: int = 1, unknown_share: float = 0.1) -> pl.DataFrame:
    columns: dict[str, pl.Series] = {}
    for offset, fact in enumerate(FACTS):
        s = seed * 1000 + offset
        if fact.type is FactType.BOOL:
            values = _mask(n, s, 0.85)
        elif fact.type is FactType.DATE:
            days = pl.int_range(0, n, eager=True).hash(s) % 11_000
            values = (pl.lit(dt.date(1996, 1, 1)) + pl.duration(days=days)).alias("d")
            values = pl.select(values).to_series()
        elif fact.type is FactType.INT:
            low = fact.minimum if fact.minimum is not None else 0
            high = fact.maximum if fact.maximum is not None else 20
            values = (pl.int_range(0, n, eager=True).hash(s) % (high - low + 1)).cast(
                pl.Int64
            ) + low
        elif fact.type is FactType.ENUM:
            values = pl.Series(fact.choice_values).sample(n, with_replacement=True, seed=s)
        elif fact.type is FactType.COUNTRY:
            values = pl.Series(COUNTRIES).sample(n, with_replacement=True, seed=s)
        elif fact.type is FactType.STATUS:
            values = pl.Series(sorted(STATUSES.names)).sample(n, with_replacement=True, seed=s)
        else:
            raise ValueError(f"no synthetic values for {fact.type} ({fact.name})")
        unknown = _mask(n, s + 7, unknown_share)
        columns[fact.name] = (
            pl.select(pl.when(unknown).then(None).otherwise(values)).to_series().alias(fact.name)
        )
    frame = pl.DataFrame(columns)
    # a second nationality only where the person has one
    for who in ("applicant", "partner"):
        frame = frame.with_columns(
            pl.when(pl.col(f"{who}.has_other_nationality"))
            .then(pl.col(f"{who}.other_nationality"))
            .alias(f"{who}.other_nationality")
        )
    return frame


def consistent(frame: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """`frame` with the values a real case could not hold made unknown, so that every row is
    accepted by `zairyu batch`: a fact given although the fact it depends on says it does not
    apply, and facts that contradict each other (the engine's constraints)."""
    from zairyu.engine.batch import prepare
    from zairyu.engine.columnar import Compiler
    from zairyu.engine.expr import FactRef
    from zairyu.law.pathways import CONSTRAINTS

    for fact in FACTS:
        if fact.asked_when is not None and fact.name in frame.columns:
            gate, required = fact.asked_when
            applies = pl.col(gate).is_null() | (pl.col(gate) == pl.lit(required))
            frame = frame.with_columns(pl.when(applies).then(pl.col(fact.name)).alias(fact.name))
    # Making one fact of a contradiction unknown may not settle another: repeat until none.
    for _ in range(len(CONSTRAINTS) + 1):
        compiler = Compiler(as_of)
        violated = [compiler.compile(c.violated).fill_null(False) for c in CONSTRAINTS]
        typed = prepare(frame.lazy(), list(FACTS))
        flags = compiler.select(
            typed, [v.alias(c.id) for v, c in zip(violated, CONSTRAINTS, strict=True)]
        )
        flags_frame = flags.collect()
        if not any(flags_frame.get_column(c.id).any() for c in CONSTRAINTS):
            return frame
        for constraint in CONSTRAINTS:
            mask = flags_frame.get_column(constraint.id)
            if mask.any():
                last = [n.fact.name for n in constraint.violated.walk() if isinstance(n, FactRef)][
                    -1
                ]
                frame = frame.with_columns(
                    pl.when(mask).then(None).otherwise(pl.col(last)).alias(last)
                )
    raise RuntimeError("the synthetic table's contradictions could not be settled")
