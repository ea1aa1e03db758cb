"""The engine's building blocks: Kleene logic, dates, tables, exceptions, outcomes."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl
import pytest

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.columnar import Compiler
from zairyu.engine.dates import shift
from zairyu.engine.expr import Const, Rule, all_of, any_of, exception, if_, not_, shifted, unless
from zairyu.engine.interpret import Evaluator
from zairyu.engine.pathway import Outcome, outcome_of, possible_outcomes
from zairyu.engine.tables import DatedTable, Window
from zairyu.engine.text import Text

TRI = (True, False, None)
CITE = Citation(
    "test",
    Text("試験", "Test"),
    Text("第1条", "Art. 1"),
    "https://example.org/",
    SourceKind.OFFICIAL,
)


def _both(expr, case=None, as_of=dt.date(2026, 1, 1)):  # type: ignore[no-untyped-def]
    python = Evaluator(case or {}, as_of).value(expr)
    compiler = Compiler(as_of)
    compiled = compiler.compile(expr).alias("v")
    polars = compiler.select(pl.LazyFrame({"row": [0]}), [compiled]).collect().item()
    assert python == polars, (python, polars)
    return python


@pytest.mark.parametrize(("a", "b"), list(itertools.product(TRI, TRI)))
def test_kleene_and_or_not(a: bool | None, b: bool | None) -> None:
    expected_and = False if False in (a, b) else (None if None in (a, b) else True)
    expected_or = True if True in (a, b) else (None if None in (a, b) else False)
    assert _both(all_of(Const(a), Const(b))) == expected_and
    assert _both(any_of(Const(a), Const(b))) == expected_or
    assert _both(not_(Const(a))) == (None if a is None else not a)


@pytest.mark.parametrize(
    ("start", "years", "months", "expected"),
    [
        (dt.date(2020, 2, 29), 3, 0, dt.date(2023, 2, 28)),
        (dt.date(2020, 2, 29), 4, 0, dt.date(2024, 2, 29)),
        (dt.date(2021, 1, 31), 0, 1, dt.date(2021, 2, 28)),
        (dt.date(2024, 1, 31), 0, 1, dt.date(2024, 2, 29)),
        (dt.date(2020, 3, 31), 0, -1, dt.date(2020, 2, 29)),
        (dt.date(2019, 12, 15), 0, 6, dt.date(2020, 6, 15)),
    ],
)
def test_calendar_correct_date_arithmetic(
    start: dt.date, years: int, months: int, expected: dt.date
) -> None:
    assert shift(start, years, months) == expected
    assert _both(shifted(Const(start), years=years, months=months)) == expected


def test_kleene_if_and_labelled_exceptions() -> None:
    assert _both(if_(Const(None), Const(True), Const(True))) is True
    assert _both(if_(Const(None), Const(True), Const(False))) is None
    label = Text("例外", "Exception")
    rule = unless(Const(True), exception(label, Const(None), Const(False), CITE))
    assert _both(rule) is None
    assert _both(unless(Const(True), exception(label, Const(False), Const(False), CITE))) is True
    assert _both(unless(Const(True), exception(label, Const(True), Const(False), CITE))) is False
    # the first exception whose condition holds wins over later ones
    two = unless(
        Const(None),
        exception(label, Const(True), Const(True), CITE),
        exception(label, Const(True), Const(False), CITE),
    )
    assert _both(two) is True


def test_dated_table_three_values_and_coarse_codes() -> None:
    table = DatedTable(
        "t",
        Text("表", "table"),
        {
            "X": Window(dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
            "Y": Window(dt.date(2014, 3, 13), dt.date(2020, 1, 13)),
        },
        (CITE,),
    )
    assert table.value("X", dt.date(2019, 12, 31)) is False
    assert table.value("X", dt.date(2020, 1, 1)) is True
    assert table.value("Y", dt.date(2015, 1, 1)) is None
    assert table.value("Z", dt.date(2030, 1, 1)) is False
    with pytest.raises(ValueError, match="ends before it starts"):
        Window(dt.date(2020, 1, 2), dt.date(2020, 1, 1))


def test_rule_effective_period_and_citation_required() -> None:
    from zairyu.engine.expr import Period

    rule = Rule(
        "r", Text("規則", "rule"), Const(True), (CITE,), effective=Period(dt.date(2024, 6, 10))
    )
    assert _both(rule, as_of=dt.date(2024, 6, 9)) is False
    assert _both(rule, as_of=dt.date(2024, 6, 10)) is True
    with pytest.raises(ValueError, match="no citation"):
        Rule("bare", Text("規則", "rule"), Const(True), ())


def test_citations_refuse_mirrors_and_non_urls() -> None:
    with pytest.raises(ValueError, match="mirror"):
        Citation(
            "m",
            Text("a", "a"),
            Text("b", "b"),
            "https://www-pref-saga-lg-jp.cache.yimg.jp/x",
            SourceKind.OFFICIAL,
        )
    with pytest.raises(ValueError, match="not a URL"):
        Citation("n", Text("a", "a"), Text("b", "b"), "moj.go.jp", SourceKind.OFFICIAL)
    with pytest.raises(ValueError, match="both languages"):
        Text("", "English only")


@pytest.mark.parametrize(
    ("required", "standard", "expected"),
    [
        ([True, True], [True], Outcome.ELIGIBLE),
        ([True, True], [False], Outcome.DISCRETIONARY),
        ([True, False], [None], Outcome.NOT_ELIGIBLE),
        ([True, None], [True], Outcome.UNDETERMINED),
        ([True, True], [None], Outcome.UNDETERMINED),
        ([True, True], [False, None], Outcome.DISCRETIONARY),
    ],
)
def test_outcome_from_requirements(
    required: list[bool | None], standard: list[bool | None], expected: Outcome
) -> None:
    assert outcome_of(possible_outcomes(required, standard)) is expected


def test_a_date_outside_any_life_is_refused_with_its_reason() -> None:
    from zairyu.engine.facts import FactValueError
    from zairyu.law.pathways import FACTS

    fact = FACTS["applicant.period_of_stay_expires"]
    assert fact.parse("1900-01-01") == dt.date(1900, 1, 1)
    for impossible in ("0001-01-01", "1899-12-31", "2200-01-01"):
        with pytest.raises(FactValueError, match="outside the years 1900 to 2199"):
            fact.parse(impossible)
