"""The engine's shortcuts give what the plain definitions give.

Deadlines chosen by one fact's value, the questions of one pathway screened alone, what-ifs that skip the search over later dates when a
requirement fails whatever the date, explanations shared between cases, the integer masks of
named facts, and the Polars form of Kleene's "if" on booleans.
"""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest

from tests.strategies import random_case
from zairyu.engine import determine as determine_module
from zairyu.engine.columnar import NULL_BOOL, _kleene_if
from zairyu.engine.determine import determine
from zairyu.engine.facts import MaybeValue
from zairyu.engine.interpret import Evaluator, fact_bits
from zairyu.engine.interpret import kleene_if as python_kleene_if
from zairyu.engine.pathway import Pathway
from zairyu.engine.screen import screen
from zairyu.law.partnership_certificate import PATHWAY as PARTNERSHIP
from zairyu.law.pathways import PATHWAYS

AS_OF = dt.date(2026, 11, 22)


def _cases(count: int, seed: int) -> list[dict[str, MaybeValue]]:
    rng = random.Random(seed)
    return [dict(random_case(rng, AS_OF)) for _ in range(count)]


@pytest.mark.parametrize("pathway", PATHWAYS, ids=lambda p: p.id)
def test_deadlines_are_those_of_each_date_evaluated_alone(pathway: Pathway) -> None:
    for case in _cases(60, seed=7):
        ev = Evaluator(case, AS_OF)
        expected = [
            (deadline, day)
            for deadline in pathway.guidance.deadlines
            if isinstance(day := ev.value(deadline.date), dt.date)
        ]
        got = determine(pathway, case, AS_OF, with_what_ifs=False).deadlines
        assert got == expected


def test_a_partnership_system_gives_its_own_first_day() -> None:
    prefix = f"{PARTNERSHIP.id}.opens."
    codes = [
        d.id.removeprefix(prefix) for d in PARTNERSHIP.guidance.deadlines if d.id.startswith(prefix)
    ]
    assert len(codes) > 10
    for code in codes[:: max(1, len(codes) // 10)]:
        deadlines = determine(
            PARTNERSHIP, {"partnership.system": code}, AS_OF, with_what_ifs=False
        ).deadlines
        assert [d.id for d, _ in deadlines if ".opens." in d.id] == [
            f"{PARTNERSHIP.id}.opens.{code}"
        ]
    unknown = determine(PARTNERSHIP, {}, AS_OF, with_what_ifs=False).deadlines
    assert not [d for d, _ in unknown if ".opens." in d.id]


def test_what_ifs_are_the_same_without_skipping_later_dates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = _cases(80, seed=11)
    fast = [[determine(p, c, AS_OF).what_ifs for p in PATHWAYS] for c in cases]
    monkeypatch.setattr(determine_module, "_reads_date", lambda rule: True)
    slow = [[determine(p, c, AS_OF).what_ifs for p in PATHWAYS] for c in cases]
    assert fast == slow


def test_shared_explanations_match_the_values_of_each_case() -> None:
    for case in _cases(40, seed=3):
        for pathway in PATHWAYS:
            ev = Evaluator(case, AS_OF)
            explained = determine(pathway, case, AS_OF, with_what_ifs=False).requirements
            # Requirements explained by shared objects are still each their own, in order.
            assert [r.requirement for r in explained] == list(pathway.decisive)
            for requirement in explained:
                stack = [requirement.trace]
                while stack:
                    trace = stack.pop()
                    value = ev.value(trace.rule)
                    assert trace.value == (value if isinstance(value, bool) else None)
                    assert trace.in_force == trace.rule.effective.contains(AS_OF)
                    stack.extend(trace.children)


def test_one_pathway_screened_alone_asks_its_own_questions_in_their_order() -> None:
    # The shortcut for one pathway skips the ranking: right only while each fact is asked
    # once per pathway, so that every question ranks equal and keeps its place.
    for case in [{}, *_cases(30, seed=5)]:
        for pathway in PATHWAYS:
            questions = determine(pathway, case, AS_OF, with_what_ifs=False).questions
            names = [q.fact.name for q in questions]
            assert len(set(names)) == len(names)
            assert all(q.pathways == [pathway.id] for q in questions)
            alone = screen((pathway,), case, AS_OF, with_what_ifs=False).questions
            assert [(q.fact, q.reason) for q in alone] == [(q.fact, q.reason) for q in questions]
            both = screen((pathway, pathway), case, AS_OF, with_what_ifs=False).questions
            assert [q.fact for q in both] == [q.fact for q in questions]


def test_fact_bits_are_one_per_name() -> None:
    a, b = fact_bits(["test.a_fact_no_rule_reads"]), fact_bits(["test.another_one"])
    assert a
    assert b
    assert not a & b
    assert fact_bits(["test.a_fact_no_rule_reads"]) == a
    assert fact_bits(["test.a_fact_no_rule_reads", "test.another_one"]) == a | b
    assert fact_bits([]) == 0


def test_the_polars_kleene_if_on_booleans_is_the_interpreters() -> None:
    values = [True, False, None]
    rows = [(c, t, o) for c in values for t in values for o in values]
    frame = pl.DataFrame(
        {name: pl.Series([r[i] for r in rows], dtype=pl.Boolean) for i, name in enumerate("cto")}
    )
    got = frame.select(
        _kleene_if(pl.col("c"), pl.col("t"), pl.col("o"), True).alias("r")
    ).to_series()
    assert got.to_list() == [python_kleene_if(c, t, o) for c, t, o in rows]
    assert frame.select(
        _kleene_if(pl.col("c"), NULL_BOOL, NULL_BOOL, True).alias("r")
    ).to_series().null_count() == len(rows)
