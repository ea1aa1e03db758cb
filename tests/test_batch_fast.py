"""The fast paths of `zairyu batch` give exactly what the general path gives.

A chunk's columns are first read quickly (only the forms a program writes, and one test over the
whole column saying whether the full reading could differ anywhere); only columns in doubt are
read in full. Here random tables, with good cells, cells written loosely and bad cells, typed
(as Parquet has them) or text (as CSV has them), are screened both ways: the same output rows,
the same rejects, in the same order. The outcomes are written to Parquet from their codes: the
file is the one writing them as text gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zairyu.batch.evaluate import Evaluated, Plan, engine_for
from zairyu.batch.output import Output
from zairyu.batch.run import prefetched
from zairyu.batch.validate import constraint_facts
from zairyu.engine.columnar import polars_dtype
from zairyu.engine.facts import Fact, FactType
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS

from .conftest import AS_OF
from .strategies import value_for

ENGINE = engine_for(Plan(AS_OF))
ENGINE_WITH_ID = engine_for(Plan(AS_OF, with_requirements=True, id_column="case_id"))

# Written loosely (read by the full reading only), or not readable at all, per type.
LOOSE: dict[FactType, list[str]] = {
    FactType.BOOL: ["TRUE", " yes ", "No", "1", "t", "UNKNOWN", " ", "perhaps"],
    FactType.INT: ["+5", " 7 ", "7.0", "-1", "1000000", "many", "99999999999999999999"],
    FactType.DATE: [
        "2019-6-15",
        "+2019-06-1",
        " 2019-06-15",
        "2023-02-30",
        "2019-13-01",
        "15/06/2019",
        "1850-01-01",
        "2030-01-01",
        "2250-01-01",
        "2019-06-15T00:00",
    ],
    FactType.ENUM: ["Marriage", " marriage", "nope", "UNKNOWN"],
    FactType.COUNTRY: ["fr", " Fr ", "UK", "uk", "XZ", "gb-sct", "stateless"],
    FactType.STATUS: ["教授", "PROFESSOR", " professor", "nope"],
}
# Facts that gates and constraints read, so that contradictions are drawn often.
LINKED = sorted(
    {f.name for f in FACTS if f.asked_when is not None}
    | {f.asked_when[0] for f in FACTS if f.asked_when is not None}
    | {name for c in CONSTRAINTS for name in constraint_facts(c)}
)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cell(fact: Fact, loose: bool) -> st.SearchStrategy[str | None]:
    good = value_for(fact).map(_text)
    unknown = st.sampled_from([None, "", "unknown"])
    if not loose:
        return st.one_of(good, good, good, unknown)
    return st.one_of(good, unknown, st.sampled_from(LOOSE[fact.type]))


@st.composite
def text_tables(draw: st.DrawFn) -> pl.DataFrame:
    """A CSV-like chunk: every column text; each column either all in the forms a program
    writes, or with loose and bad cells among them."""
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(LINKED), st.sampled_from(FACTS.names)),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    rows = draw(st.integers(0, 25))
    columns = {}
    for name in names:
        loose = draw(st.booleans())
        columns[name] = draw(st.lists(_cell(FACTS[name], loose), min_size=rows, max_size=rows))
    return pl.DataFrame(columns, schema=dict.fromkeys(names, pl.String))


def _typed_cell(fact: Fact, bad: bool) -> st.SearchStrategy[object]:
    good = value_for(fact)
    if not bad:
        return st.one_of(good, good, st.none())
    if fact.type is FactType.DATE:
        out = [dt.date(1850, 1, 1), dt.date(2250, 1, 1), AS_OF + dt.timedelta(days=1)]
        return st.one_of(good, st.none(), st.sampled_from(out))
    if fact.type is FactType.INT:
        return st.one_of(good, st.none(), st.sampled_from([-1, 10**6, -(10**9)]))
    if fact.type is FactType.BOOL:
        return st.one_of(good, st.none())
    return st.one_of(good, st.none(), st.sampled_from(LOOSE[fact.type]))


@st.composite
def typed_tables(draw: st.DrawFn) -> pl.DataFrame:
    """A Parquet-like chunk: true/false, dates and whole numbers typed, codes as text or as the
    fact's own `pl.Enum`, numbers sometimes as a narrower integer type."""
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(LINKED), st.sampled_from(FACTS.names)),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    rows = draw(st.integers(0, 25))
    series = []
    for name in names:
        fact = FACTS[name]
        bad = draw(st.booleans())
        cells = draw(st.lists(_typed_cell(fact, bad), min_size=rows, max_size=rows))
        if fact.type is FactType.BOOL:
            dtype: pl.DataType = pl.Boolean()
        elif fact.type is FactType.DATE:
            dtype = pl.Date()
        elif fact.type is FactType.INT:
            dtype = draw(st.sampled_from([pl.Int64(), pl.Int32(), pl.UInt64()]))
            if dtype == pl.UInt64:
                cells = [c if c is None or c >= 0 else None for c in cells]  # type: ignore[operator]
            elif dtype == pl.Int32:
                cells = [c if c is None or abs(c) < 2**31 else None for c in cells]  # type: ignore[arg-type]
        elif not bad and draw(st.booleans()):
            dtype = polars_dtype(fact)
        else:
            dtype = pl.String()
        series.append(pl.Series(name, cells, dtype=dtype))
    return pl.DataFrame(series)


def _same(fast: Evaluated, general: Evaluated) -> None:
    assert fast.output.equals(general.output)
    assert fast.output.schema == general.output.schema
    assert fast.rejects.equals(general.rejects)
    assert (fast.rows_in, fast.rows_rejected) == (general.rows_in, general.rows_rejected)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text_tables(), st.integers(1, 10**6))
def test_text_columns_read_quickly_give_the_full_reading(frame: pl.DataFrame, first: int) -> None:
    _same(ENGINE.evaluate(frame, first), ENGINE.evaluate(frame, first, fast=False))
    fast, general = ENGINE.read_facts(frame), ENGINE.read_facts(frame, fast=False)
    assert fast.equals(general)


@SETTINGS
@given(typed_tables())
def test_typed_columns_read_quickly_give_the_full_reading(frame: pl.DataFrame) -> None:
    _same(ENGINE.evaluate(frame, 1), ENGINE.evaluate(frame, 1, fast=False))
    keyed = frame.with_columns(case_id=pl.format("c{}", pl.int_range(0, frame.height)))
    _same(ENGINE_WITH_ID.evaluate(keyed, 7), ENGINE_WITH_ID.evaluate(keyed, 7, fast=False))


def test_a_date_the_quick_reading_could_misread_is_read_in_full() -> None:
    # Polars' `%Y-%m-%d` reads "+2019-06-1" as 2019-06-01; `Fact.parse` refuses it.
    column = "relationship.date"
    frame = pl.DataFrame({column: ["2019-06-15", "+2019-06-1", "2019-06-15"]})
    read = ENGINE.read_facts(frame)
    assert read.get_column(column).to_list() == [dt.date(2019, 6, 15), None, dt.date(2019, 6, 15)]
    problem = read.get_column(f"__problem:{column}").to_list()
    assert problem == [None, "is not a date in the form YYYY-MM-DD", None]


@pytest.mark.parametrize("requirements", [False, True])
def test_outcomes_written_from_their_codes_give_the_file_written_as_text(
    tmp_path: Path, requirements: bool
) -> None:
    engine = engine_for(Plan(AS_OF, with_requirements=requirements))
    frame = pl.DataFrame(
        {"relationship.has_partner": [True, None, False], "applicant.nationality": ["FR", "", "JP"]}
    )
    chunks = [engine.evaluate(frame, 1), engine.evaluate(frame.head(1), 4)]
    names = [p.id for p in PATHWAYS]
    with Output(tmp_path / "codes.parquet", tmp_path / "codes.csv", names) as out:
        for chunk in chunks:
            out.write(chunk)
    as_text = [
        Evaluated(c.output.with_columns(pl.col(names).cast(pl.String)), c.rejects, 1, 0)
        for c in chunks
    ]
    with Output(tmp_path / "text.parquet", tmp_path / "text.csv") as out:
        for chunk in as_text:
            out.write(chunk)
    codes, text = (
        pq.read_table(tmp_path / "codes.parquet"),
        pq.read_table(tmp_path / "text.parquet"),
    )
    assert codes.schema.equals(text.schema, check_metadata=True)
    assert codes.equals(text)
    codes_meta = pq.read_metadata(tmp_path / "codes.parquet")
    text_meta = pq.read_metadata(tmp_path / "text.parquet")
    assert codes_meta.metadata == text_meta.metadata
    for group in range(codes_meta.num_row_groups):
        for column in range(codes_meta.num_columns):
            a = codes_meta.row_group(group).column(column).statistics
            b = text_meta.row_group(group).column(column).statistics
            assert (a.min, a.max, a.null_count) == (b.min, b.max, b.null_count)
    assert pl.read_parquet(tmp_path / "codes.parquet").schema[names[0]] == pl.String


def test_prefetched_keeps_order_and_raises_where_the_error_was() -> None:
    def items() -> Iterator[int]:
        yield from range(5)
        raise ValueError("at 5")

    seen: list[int] = []

    def consume() -> None:
        seen.extend(prefetched(items()))

    with pytest.raises(ValueError, match="at 5"):
        consume()
    assert seen == [0, 1, 2, 3, 4]


def test_prefetched_stops_its_thread_when_the_consumer_stops() -> None:
    closed = []

    def items() -> Iterator[int]:
        try:
            yield from range(1000)
        finally:
            closed.append(True)

    chunks = prefetched(items())
    assert next(chunks) == 0
    chunks.close()
    assert closed == [True]
