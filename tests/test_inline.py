"""The generated evaluation code (`engine.inline`) gives what the definitions of the nodes give.

The oracle here is written straight from the definitions (Kleene logic, unknown is None) and
evaluates every argument; the engine's code is generated, short-circuits and memoises. They
must agree on every node of every pathway's law, for random cases on random dates.
"""

from __future__ import annotations

import datetime as dt
import operator
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.strategies import DATE_POOL, random_case
from zairyu.engine.dates import shift
from zairyu.engine.expr import (
    And,
    AsOf,
    Compare,
    Const,
    DateShift,
    Expr,
    FactRef,
    If,
    IsIn,
    LabelledException,
    Lookup,
    Not,
    Op,
    Or,
    Rule,
    WithExceptions,
    any_of,
    before,
    eq,
)
from zairyu.engine.facts import FactType, MaybeValue
from zairyu.engine.interpret import Evaluator, compiled
from zairyu.law.pathways import FACTS, PATHWAYS

_OPS: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
}


def _if(cond: MaybeValue, then: MaybeValue, otherwise: MaybeValue) -> MaybeValue:
    if cond is None:
        return then if then == otherwise and type(then) is type(otherwise) else None
    return then if cond else otherwise


def oracle(node: Expr, case: dict[str, MaybeValue], as_of: dt.date) -> MaybeValue:
    def value(n: Expr) -> MaybeValue:
        return oracle(n, case, as_of)

    if isinstance(node, Const):
        return node.value
    if isinstance(node, FactRef):
        return case.get(node.fact.name)
    if isinstance(node, AsOf):
        return as_of
    if isinstance(node, And | Or):
        values = [value(a) for a in node.args]
        stop = isinstance(node, Or)
        return stop if stop in values else (None if None in values else not stop)
    if isinstance(node, Not):
        arg = value(node.arg)
        return None if arg is None else not arg
    if isinstance(node, Compare):
        left, right = value(node.left), value(node.right)
        return None if left is None or right is None else _OPS[node.op](left, right)
    if isinstance(node, IsIn):
        arg = value(node.arg)
        return None if arg is None else arg in node.values
    if isinstance(node, DateShift):
        day = value(node.arg)
        return shift(day, node.years, node.months, node.days) if isinstance(day, dt.date) else None
    if isinstance(node, Lookup):
        key, day = value(node.key), value(node.on)
        if not isinstance(key, str):
            return None
        if isinstance(day, dt.date):
            return node.table.value(key, day)
        if isinstance(node.on, FactRef) and node.on.fact.past:
            return node.table.value_before(key, as_of)
        return None if key in node.table.windows else False
    if isinstance(node, If):
        return _if(value(node.cond), value(node.then), value(node.otherwise))
    if isinstance(node, WithExceptions):
        result = value(node.base)
        for exception in reversed(node.exceptions):
            result = _if(value(exception.when), value(exception.then), result)
        return result
    if isinstance(node, Rule):
        return value(node.expr) if node.effective.contains(as_of) else node.outside
    raise TypeError(node)


def _every_node() -> Iterator[Expr]:
    seen: set[int] = set()
    stack: list[Expr] = []
    for pathway in PATHWAYS:
        stack.extend(pathway.rules())
        stack.extend(d.date for d in pathway.guidance.deadlines)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(node.children())
        # An exception is part of its rule, with no value of its own: its parts are nodes.
        if not isinstance(node, LabelledException):
            yield node


NODES = list(_every_node())


def test_the_law_has_every_kind_of_node() -> None:
    kinds = {type(n) for n in NODES}
    assert {And, Or, Not, Compare, IsIn, DateShift, Lookup, If, WithExceptions, Rule} <= kinds


@pytest.mark.parametrize("seed", range(4))
def test_every_node_of_the_law_has_the_value_its_definition_gives(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        as_of = rng.choice(DATE_POOL) if rng.random() < 0.5 else dt.date(2026, 11, 22)
        case = random_case(rng, as_of, rng.choice([0.0, 0.3, 0.7]))
        evaluator = Evaluator(case, as_of)
        for node in NODES:
            assert compiled(node)(evaluator) == oracle(node, case, as_of), (node, case, as_of)


def _fact(kind: FactType) -> FactRef:
    return FactRef(next(f for f in FACTS if f.type is kind))


def test_or_stops_at_its_first_true_argument_and_and_at_its_first_false() -> None:
    day = _fact(FactType.DATE)
    case: dict[str, MaybeValue] = {day.fact.name: dt.date(2020, 1, 1)}
    # A date compared with a number cannot be evaluated: only a short circuit avoids it.
    mistyped = before(day, Const(3))
    ev = Evaluator(case, dt.date(2026, 1, 1))
    assert compiled(any_of(True, mistyped))(ev) is True
    assert compiled(And((Const(False), mistyped)))(ev) is False
    with pytest.raises(TypeError):
        compiled(any_of(False, mistyped))(ev)


def test_a_constant_is_a_value_not_code() -> None:
    text = _fact(FactType.COUNTRY)
    odd = "JP')\nraise SystemExit('code ran') #"
    rule = eq(text, odd)
    assert compiled(rule)(Evaluator({text.fact.name: odd}, dt.date(2026, 1, 1))) is True
    assert compiled(rule)(Evaluator({text.fact.name: "JP"}, dt.date(2026, 1, 1))) is False


def test_a_look_up_on_an_unknown_date_that_is_not_past() -> None:
    from zairyu.law.same_sex_spouse import MARRIAGE_LAW

    country = _fact(FactType.COUNTRY)
    day = FactRef(next(f for f in FACTS if f.type is FactType.DATE and not f.past))
    lookup = Lookup(MARRIAGE_LAW, country, day)
    listed = next(iter(MARRIAGE_LAW.windows))
    for key, expected in ((listed, None), ("JP", False)):
        case: dict[str, MaybeValue] = {country.fact.name: key}
        assert "JP" not in MARRIAGE_LAW.windows
        assert compiled(lookup)(Evaluator(case, dt.date(2026, 1, 1))) is expected
        assert oracle(lookup, case, dt.date(2026, 1, 1)) is expected
