"""Screening a table of cases in one columnar pass: each pathway compiled to Polars expressions.

A row is a case; a column is a fact, named as the fact is (`applicant.nationality`); a null or a
missing column is unknown. The outcome columns follow `pathway.possible_outcomes` exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import reduce

import polars as pl

from zairyu.engine.columnar import Compiler, categories, polars_dtype
from zairyu.engine.facts import Fact, FactSet
from zairyu.engine.pathway import Effect, Outcome, Pathway, outcome_of

OUTCOME_DTYPE = pl.Enum([o.value for o in Outcome])


class BatchInputError(ValueError):
    """A column that cannot be read as its fact: names the column, the row and the value."""


def _kleene_all(exprs: Sequence[pl.Expr]) -> pl.Expr:
    """True if every value holds, False if one fails, else unknown (null)."""
    return reduce(lambda a, b: a & b, exprs) if exprs else pl.lit(True)


def _outcome_table(pathway: Pathway) -> pl.Series:
    """The outcome for each pair (all required hold?, all standard hold?), each three-valued,
    at the position `3 * code(required) + code(standard)`, with codes False 0, True 1, null 2."""
    outcomes = []
    for required in (False, True, None):
        for standard in (False, True, None):
            # Requirements of a kind all with the same value: its Kleene AND.
            values = [
                required if r.effect is Effect.REQUIRED else standard for r in pathway.decisive
            ]
            outcomes.append(outcome_of(pathway.possible(values)).value)
    return pl.Series(outcomes, dtype=OUTCOME_DTYPE)


def outcome_expr(pathway: Pathway, compiler: Compiler) -> tuple[pl.Expr, list[pl.Expr]]:
    """The outcome of one pathway, and its requirement values, as expressions."""
    values = [compiler.compile(r.rule) for r in pathway.decisive]
    required = [
        v for r, v in zip(pathway.decisive, values, strict=True) if r.effect is Effect.REQUIRED
    ]
    standard = [
        v for r, v in zip(pathway.decisive, values, strict=True) if r.effect is Effect.STANDARD
    ]
    # The outcome depends only on whether some required requirement fails or is unknown, and
    # whether some standard one does (`possible_outcomes`): Kleene's AND of each kind says it.
    # The outcome is then one gather from the nine possible ones, not a chain of branches.
    required_code = _kleene_all(required).cast(pl.UInt8).fill_null(2)
    standard_code = _kleene_all(standard).cast(pl.UInt8).fill_null(2)
    return pl.lit(_outcome_table(pathway)).gather(required_code * 3 + standard_code), values


def fact_columns(pathways: Sequence[Pathway]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for pathway in pathways:
        for fact in pathway.facts:
            seen.setdefault(fact.name, fact)
    return list(seen.values())


def prepare(frame: pl.LazyFrame, facts: Sequence[Fact]) -> pl.LazyFrame:
    """Give every fact its column and type: absent facts are all-unknown columns, and a code
    outside a fact's list fails the cast, which `screen_frame` reports by column and row."""
    present = set(frame.collect_schema().names())
    columns = []
    for fact in facts:
        dtype = polars_dtype(fact)
        if fact.name in present:
            columns.append(pl.col(fact.name).cast(dtype, strict=True))
        else:
            columns.append(pl.lit(None, dtype=dtype).alias(fact.name))
    return frame.with_columns(columns)


def check_values(frame: pl.DataFrame, facts: Sequence[Fact], as_of: dt.date) -> None:
    """Raise on the first value a fact does not allow, naming the column, row and value."""
    # `frame.schema` and `frame.columns` build a new mapping of every column on each read.
    schema = frame.schema
    for fact in facts:
        if fact.past and schema.get(fact.name) == pl.Date:
            late = frame.get_column(fact.name) > as_of
            if late.any():
                row = int(late.arg_max() or 0)
                raise BatchInputError(
                    f"column {fact.name}, row {row}: {frame.get_column(fact.name)[row]} is after the evaluation date {as_of}"
                )
        codes = categories(fact)
        if codes is None or fact.name not in schema or schema[fact.name] == polars_dtype(fact):
            continue  # an Enum column of the fact's own codes cannot hold a wrong value
        column = frame.get_column(fact.name).cast(pl.String)
        bad = column.is_not_null() & ~column.is_in(list(codes))
        if bad.any():
            row = int(bad.arg_max() or 0)
            raise BatchInputError(
                f"column {fact.name}, row {row}: {column[row]!r} is not an allowed value"
            )


def compile_outputs(
    pathways: Sequence[Pathway], as_of: dt.date, *, with_requirements: bool = False
) -> tuple[Compiler, list[pl.Expr]]:
    """The outcome columns (and, optionally, requirement columns) of `screen_frame`, compiled
    once, for frames prepared with `prepare`; `Compiler.select` computes them."""
    compiler = Compiler(as_of)
    outputs: list[pl.Expr] = []
    for pathway in pathways:
        outcome, values = outcome_expr(pathway, compiler)
        outputs.append(outcome.alias(pathway.id))
        if with_requirements:
            outputs.extend(
                v.alias(f"{pathway.id}:{r.rule.id}")
                for r, v in zip(pathway.decisive, values, strict=True)
            )
    return compiler, outputs


def screen_frame(
    frame: pl.DataFrame | pl.LazyFrame,
    pathways: Sequence[Pathway],
    facts: FactSet,
    as_of: dt.date,
    *,
    with_requirements: bool = False,
) -> pl.DataFrame:
    """One outcome column per pathway (and, optionally, one column per requirement)."""
    lazy = frame.lazy() if isinstance(frame, pl.DataFrame) else frame
    needed = fact_columns(pathways)
    unknown_columns = set(lazy.collect_schema().names()) - set(facts.names)
    if unknown_columns:
        raise BatchInputError(f"columns that are not facts: {', '.join(sorted(unknown_columns))}")
    compiler, outputs = compile_outputs(pathways, as_of, with_requirements=with_requirements)
    if isinstance(frame, pl.DataFrame):
        check_values(frame, needed, as_of)
    try:
        return compiler.select(prepare(lazy, needed), outputs).collect()
    except pl.exceptions.InvalidOperationError as error:
        raise BatchInputError(f"a column cannot be read as its fact's type: {error}") from None
