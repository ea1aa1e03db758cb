"""Properties of the engine over random cases with unknowns (over 10,000 cases per property)."""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zairyu.engine.batch import screen_frame
from zairyu.engine.columnar import POLARS_TYPES
from zairyu.engine.determine import determine, quick_outcome
from zairyu.engine.facts import MaybeValue
from zairyu.engine.interpret import Evaluator
from zairyu.engine.pathway import Outcome, outcome_of
from zairyu.law.pathways import FACTS, PATHWAYS

from .strategies import cases, consistent, dates, random_case, random_value

BATCH = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


@st.composite
def dated_cases(draw: st.DrawFn, size: int) -> tuple[dt.date, list[dict[str, MaybeValue]]]:
    as_of = draw(dates())
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    share = draw(st.sampled_from([0.0, 0.1, 0.3, 0.6]))
    return as_of, [random_case(rng, as_of, share) for _ in range(size)]


def _frame(rows: list[dict[str, MaybeValue]]) -> pl.DataFrame:
    schema = {fact.name: POLARS_TYPES[fact.type] for fact in FACTS}
    return pl.DataFrame([{name: row.get(name) for name in schema} for row in rows], schema=schema)


@BATCH
@given(dated_cases(size=200))
def test_python_and_polars_backends_agree_on_every_case(
    data: tuple[dt.date, list[dict[str, MaybeValue]]],
) -> None:
    as_of, rows = data
    result = screen_frame(_frame(rows), PATHWAYS, FACTS, as_of, with_requirements=True)
    for pathway in PATHWAYS:
        outcomes = result.get_column(pathway.id).to_list()
        columns = {
            r.rule.id: result.get_column(f"{pathway.id}:{r.rule.id}").to_list()
            for r in pathway.decisive
        }
        for index, row in enumerate(rows):
            evaluator = Evaluator(row, as_of)
            for requirement in pathway.decisive:
                assert columns[requirement.rule.id][index] == evaluator.value(requirement.rule), (
                    row,
                    requirement.rule.id,
                )
            assert outcomes[index] == outcome_of(quick_outcome(pathway, row, as_of)).value, row


def _complete(
    rng: random.Random, partial: dict[str, MaybeValue], as_of: dt.date
) -> dict[str, MaybeValue]:
    """Fill some of the unknown facts of `partial` at random, keeping it consistent."""
    filled = dict(partial)
    for fact in FACTS:
        if fact.name not in filled and rng.random() < 0.5:
            filled[fact.name] = random_value(rng, fact)
    completed = consistent(filled, as_of)
    return completed if all(completed.get(k) == v for k, v in partial.items()) else partial


@BATCH
@given(dated_cases(size=200))
def test_filling_unknowns_never_changes_a_determined_outcome(
    data: tuple[dt.date, list[dict[str, MaybeValue]]],
) -> None:
    as_of, rows = data
    rng = random.Random(as_of.toordinal())
    for partial in rows:
        completed = _complete(rng, partial, as_of)
        for pathway in PATHWAYS:
            before = quick_outcome(pathway, partial, as_of)
            after = quick_outcome(pathway, completed, as_of)
            assert after <= before, (partial, completed)
            if len(before) == 1:
                assert after == before


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_next_questions_are_exactly_the_facts_that_can_change_the_outcome(
    data: st.DataObject,
) -> None:
    as_of = data.draw(dates())
    case = data.draw(cases(as_of, unknown_share=data.draw(st.sampled_from([0.1, 0.3, 0.6]))))
    for pathway in PATHWAYS:
        determination = determine(pathway, case, as_of, with_what_ifs=False)
        asked = {q.fact.name for q in determination.questions}
        if determination.outcome is not Outcome.UNDETERMINED:
            assert not asked
            continue
        assert asked or determination.data_gaps, ("undetermined with nothing to ask", case)
        for question in determination.questions:
            if question.reason.value == "unknown":
                assert question.fact.name not in case
        # Only facts the pathway reads can change it (Pathway.facts is built from its rules).
        for fact in pathway.facts:
            if fact.name in case or not _gate_open(fact, case):
                continue
            if any(
                _changes(pathway, case, fact.name, value, as_of, determination.possible)
                for value in _candidates(fact, sample=True)
            ):
                assert fact.name in asked, (fact.name, case)
        if (
            len(determination.questions) == 1
            and determination.questions[0].reason.value == "unknown"
        ):
            only = determination.questions[0].fact
            assert any(
                _changes(pathway, case, only.name, v, as_of, determination.possible)
                for v in _candidates(only)
            )


def _gate_open(fact, case: dict[str, MaybeValue]) -> bool:  # type: ignore[no-untyped-def]
    return fact.asked_when is None or case.get(fact.asked_when[0]) == fact.asked_when[1]


def _changes(pathway, case, name, value, as_of, possible) -> bool:  # type: ignore[no-untyped-def]
    trial = consistent({**case, name: value}, as_of)
    return trial.get(name) == value and quick_outcome(pathway, trial, as_of) != possible


_SAMPLE = random.Random(20261122)


def _candidates(fact, sample: bool = False) -> list[MaybeValue]:  # type: ignore[no-untyped-def]
    """Values to try for a fact. With `sample`, dates are a seeded sample of the boundary pool
    (trying fewer values can only miss a relevant fact, never flag an irrelevant one)."""
    from .strategies import COUNTRY_POOL, DATE_POOL, STATUS_POOL, int_pool

    if fact.type.value == "bool":
        return [True, False]
    if fact.type.value == "enum":
        return list(fact.choice_values)
    if fact.type.value == "country":
        return list(COUNTRY_POOL)
    if fact.type.value == "status":
        return list(STATUS_POOL)
    if fact.type.value == "int":
        return list(int_pool(fact))
    pool = _SAMPLE.sample(DATE_POOL, min(40, len(DATE_POOL))) if sample else DATE_POOL
    return [*pool, dt.date(1995, 1, 1), dt.date(2030, 12, 31)]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_what_if_gives_the_outcome_it_claims(data: st.DataObject) -> None:
    as_of = data.draw(dates())
    case = data.draw(cases(as_of, unknown_share=0.15))
    for pathway in PATHWAYS:
        determination = determine(pathway, case, as_of)
        for what_if in determination.what_ifs:
            changed = {**case, **{c.fact.name: c.new for c in what_if.changes}}
            day = what_if.from_date or as_of
            assert what_if.outcome is not Outcome.NOT_ELIGIBLE
            assert outcome_of(quick_outcome(pathway, changed, day)) is what_if.outcome
            assert all(c.fact.changeable for c in what_if.changes)
