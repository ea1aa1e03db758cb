"""Hypothesis strategies: random, synthetic cases with unknowns, valid for the fact catalogue."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import strategies as st

from zairyu.engine.case import CaseError, parse_case
from zairyu.engine.determine import _all_rules
from zairyu.engine.expr import Compare, Const, FactRef, Lookup
from zairyu.engine.facts import Fact, FactType, MaybeValue
from zairyu.law.facts import STATUSES
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.law.same_sex_spouse import MARRIAGE_LAW, PARTIAL_RECOGNITION


def _from_the_rules() -> tuple[set[str], set[dt.date], dict[str, set[int]]]:
    """Table keys, dates and whole numbers the rules themselves name: the boundaries to test."""
    keys: set[str] = set()
    days: set[dt.date] = set()
    numbers: dict[str, set[int]] = {}
    for pathway in PATHWAYS:
        for rule in _all_rules(pathway):
            days.update(d for d in (rule.effective.start, rule.effective.end) if d is not None)
            for node in rule.expr.walk():
                if isinstance(node, Lookup):
                    keys.update(node.table.windows)
                    for window in node.table.windows.values():
                        days.update(
                            d
                            for d in (window.possible_from, window.certain_from)
                            if dt.date(1990, 1, 1) < d < dt.date(2040, 1, 1)
                        )
                elif isinstance(node, Compare):
                    for this, other in ((node.left, node.right), (node.right, node.left)):
                        if isinstance(this, FactRef) and isinstance(other, Const):
                            if isinstance(other.value, dt.date):
                                days.add(other.value)
                            elif isinstance(other.value, int) and not isinstance(other.value, bool):
                                numbers.setdefault(this.fact.name, set()).add(other.value)
                        elif isinstance(other, Const) and isinstance(other.value, dt.date):
                            days.add(other.value)
    return keys, days, numbers


_, _DAYS, _NUMBERS = _from_the_rules()
# Countries that matter to the rules (every table key, coarse and fine) and some that do not.
COUNTRY_POOL = sorted(
    {*MARRIAGE_LAW.windows, *PARTIAL_RECOGNITION.windows, "JP", "CN", "KR", "VN", "PH", "BR"}
)
STATUS_POOL = sorted(STATUSES.names)
# Dates around the days the law changes, so that boundaries are exercised, and others.
CHANGE_DATES = sorted(_DAYS | {dt.date(2013, 10, 18)})
DATE_POOL = sorted(
    {d + dt.timedelta(days=k) for d in CHANGE_DATES for k in (-1, 0, 1) if d.year > 1990}
)


def int_pool(fact: Fact) -> list[int]:
    """Whole numbers around every threshold the rules compare this fact with, within range."""
    low = fact.minimum if fact.minimum is not None else 0
    high = fact.maximum if fact.maximum is not None else 100
    around = {v + k for v in _NUMBERS.get(fact.name, set()) for k in (-1, 0, 1)}
    return sorted(v for v in around | {low, high, (low + high) // 2} if low <= v <= high)


def dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(
        st.sampled_from(DATE_POOL), st.dates(dt.date(1995, 1, 1), dt.date(2030, 12, 31))
    )


def value_for(fact: Fact) -> st.SearchStrategy[MaybeValue]:
    if fact.type is FactType.BOOL:
        return st.booleans()
    if fact.type is FactType.DATE:
        return dates()
    if fact.type is FactType.ENUM:
        return st.sampled_from(fact.choice_values)
    if fact.type is FactType.COUNTRY:
        return st.sampled_from(COUNTRY_POOL)
    if fact.type is FactType.STATUS:
        return st.sampled_from(STATUS_POOL)
    return st.one_of(
        st.sampled_from(int_pool(fact)),
        st.integers(
            fact.minimum if fact.minimum is not None else 0,
            fact.maximum if fact.maximum is not None else 100,
        ),
    )


def consistent(case: dict[str, MaybeValue], as_of: dt.date) -> dict[str, MaybeValue]:
    """The case as `parse_case` accepts it: facts it names as contradictory are dropped (made
    unknown) until it accepts the rest. The product's own checks, not a copy of them."""
    current = {k: v for k, v in case.items() if v is not None}
    while True:
        try:
            return parse_case(current, FACTS, CONSTRAINTS, as_of)
        except CaseError as error:
            named = {p.fact for p in error.problems} & set(current)
            if not named:  # a constraint across facts: drop the whole case
                return {}
            for name in named:
                del current[name]


@st.composite
def cases(draw: st.DrawFn, as_of: dt.date, unknown_share: float = 0.3) -> dict[str, MaybeValue]:
    case: dict[str, MaybeValue] = {}
    for fact in FACTS:
        if draw(st.floats(0, 1)) >= unknown_share:
            case[fact.name] = draw(value_for(fact))
    return consistent(case, as_of)


def random_value(rng: random.Random, fact: Fact) -> MaybeValue:
    if fact.type is FactType.BOOL:
        return rng.random() < 0.5
    if fact.type is FactType.DATE:
        if rng.random() < 0.5:
            return rng.choice(DATE_POOL)
        return dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(36 * 365))
    if fact.type is FactType.ENUM:
        return rng.choice(fact.choice_values)
    if fact.type is FactType.COUNTRY:
        return rng.choice(COUNTRY_POOL)
    if fact.type is FactType.INT:
        return rng.choice(int_pool(fact))
    return rng.choice(STATUS_POOL)


def random_case(
    rng: random.Random, as_of: dt.date, unknown_share: float = 0.3
) -> dict[str, MaybeValue]:
    """The same distribution as `cases`, drawn from a seeded generator (for large tables)."""
    case = {f.name: random_value(rng, f) for f in FACTS if rng.random() >= unknown_share}
    return consistent(case, as_of)
