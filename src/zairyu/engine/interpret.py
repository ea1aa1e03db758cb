"""Backend 1: evaluate an expression tree for one case in plain Python (Kleene logic)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from typing import Any

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
    Lookup,
    Not,
    Op,
    Or,
    Rule,
    WithExceptions,
)
from zairyu.engine.facts import MaybeValue

_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
}


class Evaluator:
    """Evaluates nodes against one case on one date; each rule is evaluated once and remembered."""

    __slots__ = ("as_of", "case", "rule_values")

    def __init__(self, case: Mapping[str, MaybeValue], as_of: dt.date) -> None:
        self.case = case
        self.as_of = as_of
        self.rule_values: dict[int, MaybeValue] = {}

    def value(self, node: Expr) -> MaybeValue:
        return _DISPATCH[type(node)](self, node)


def _const(ev: Evaluator, node: Const) -> MaybeValue:
    return node.value


def _fact(ev: Evaluator, node: FactRef) -> MaybeValue:
    return ev.case.get(node.fact.name)


def _as_of(ev: Evaluator, node: AsOf) -> MaybeValue:
    return ev.as_of


def _and(ev: Evaluator, node: And) -> MaybeValue:
    unknown = False
    for arg in node.args:
        value = ev.value(arg)
        if value is False:
            return False
        if value is None:
            unknown = True
    return None if unknown else True


def _or(ev: Evaluator, node: Or) -> MaybeValue:
    unknown = False
    for arg in node.args:
        value = ev.value(arg)
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


def _not(ev: Evaluator, node: Not) -> MaybeValue:
    value = ev.value(node.arg)
    return None if value is None else not value


def _compare(ev: Evaluator, node: Compare) -> MaybeValue:
    left = ev.value(node.left)
    if left is None:
        return None
    right = ev.value(node.right)
    if right is None:
        return None
    return _COMPARE[node.op](left, right)


def _is_in(ev: Evaluator, node: IsIn) -> MaybeValue:
    value = ev.value(node.arg)
    return None if value is None else value in node.values


def _date_shift(ev: Evaluator, node: DateShift) -> MaybeValue:
    value = ev.value(node.arg)
    if not isinstance(value, dt.date):
        return None
    return shift(value, node.years, node.months, node.days)


def _lookup(ev: Evaluator, node: Lookup) -> MaybeValue:
    key = ev.value(node.key)
    if not isinstance(key, str):
        return None
    day = ev.value(node.on)
    if isinstance(day, dt.date):
        return node.table.value(key, day)
    if isinstance(node.on, FactRef) and node.on.fact.past:
        return node.table.value_before(key, ev.as_of)
    return None if key in node.table.windows else False


def _kleene_if(cond: MaybeValue, then: MaybeValue, otherwise: MaybeValue) -> MaybeValue:
    if cond is True:
        return then
    if cond is False:
        return otherwise
    return then if then == otherwise and type(then) is type(otherwise) else None


def _if(ev: Evaluator, node: If) -> MaybeValue:
    cond = ev.value(node.cond)
    if cond is True:
        return ev.value(node.then)
    if cond is False:
        return ev.value(node.otherwise)
    return _kleene_if(None, ev.value(node.then), ev.value(node.otherwise))


def _with_exceptions(ev: Evaluator, node: WithExceptions) -> MaybeValue:
    # The first exception whose condition holds wins; an unknown condition leaves the value
    # unknown unless the exception and everything after it agree (the same as nested `If`s).
    result = ev.value(node.base)
    for exc in reversed(node.exceptions):
        result = _kleene_if(ev.value(exc.when), ev.value(exc.then), result)
    return result


def _rule(ev: Evaluator, node: Rule) -> MaybeValue:
    key = id(node)
    if key in ev.rule_values:
        return ev.rule_values[key]
    value = ev.value(node.expr) if node.effective.contains(ev.as_of) else node.outside
    ev.rule_values[key] = value
    return value


_DISPATCH: dict[type, Callable[[Evaluator, Any], MaybeValue]] = {
    Const: _const,
    FactRef: _fact,
    AsOf: _as_of,
    And: _and,
    Or: _or,
    Not: _not,
    Compare: _compare,
    IsIn: _is_in,
    DateShift: _date_shift,
    Lookup: _lookup,
    If: _if,
    WithExceptions: _with_exceptions,
    Rule: _rule,
}
