"""Backend 1: evaluate an expression tree for one case in plain Python (Kleene logic).

Each node is compiled once into a closure (the first time it is evaluated) so that evaluating a
case is a chain of direct calls rather than a dispatch per node. Rules remember their value per
case: the explanation and the next questions read them instead of computing them again.
"""

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


class Evaluator:
    """One case on one date."""

    __slots__ = ("as_of", "case", "rules")

    def __init__(self, case: Mapping[str, MaybeValue], as_of: dt.date) -> None:
        self.case = case
        self.as_of = as_of
        self.rules: dict[int, MaybeValue] = {}

    def value(self, node: Expr) -> MaybeValue:
        return compiled(node)(self)


Compiled = Callable[[Evaluator], MaybeValue]
Sub = Callable[[Expr], Compiled]
_COMPILED: dict[Expr, Compiled] = {}
_MISSING: Any = object()


def compiled(node: Expr) -> Compiled:
    fn = _COMPILED.get(node)
    if fn is None:
        fn = _COMPILED[node] = _BUILDERS[type(node)](node, compiled)
    return fn


def _const(node: Const, sub: Sub) -> Compiled:
    value = node.value
    return lambda ev: value


def _fact(node: FactRef, sub: Sub) -> Compiled:
    name = node.fact.name
    return lambda ev: ev.case.get(name)


def _as_of(node: AsOf, sub: Sub) -> Compiled:
    return lambda ev: ev.as_of


def _and(node: And, sub: Sub) -> Compiled:
    args = tuple(sub(a) for a in node.args)

    def evaluate(ev: Evaluator) -> MaybeValue:
        unknown = False
        for arg in args:
            value = arg(ev)
            if value is False:
                return False
            if value is None:
                unknown = True
        return None if unknown else True

    return evaluate


def _or(node: Or, sub: Sub) -> Compiled:
    args = tuple(sub(a) for a in node.args)

    def evaluate(ev: Evaluator) -> MaybeValue:
        unknown = False
        for arg in args:
            value = arg(ev)
            if value is True:
                return True
            if value is None:
                unknown = True
        return None if unknown else False

    return evaluate


def _not(node: Not, sub: Sub) -> Compiled:
    arg = sub(node.arg)

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = arg(ev)
        return None if value is None else not value

    return evaluate


_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
}


def _compare(node: Compare, sub: Sub) -> Compiled:
    left, right, op = sub(node.left), sub(node.right), _COMPARE[node.op]

    def evaluate(ev: Evaluator) -> MaybeValue:
        a = left(ev)
        if a is None:
            return None
        b = right(ev)
        return None if b is None else op(a, b)

    return evaluate


def _is_in(node: IsIn, sub: Sub) -> Compiled:
    arg, values = sub(node.arg), node.values

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = arg(ev)
        return None if value is None else value in values

    return evaluate


def _date_shift(node: DateShift, sub: Sub) -> Compiled:
    arg, years, months, days = sub(node.arg), node.years, node.months, node.days

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = arg(ev)
        return shift(value, years, months, days) if isinstance(value, dt.date) else None

    return evaluate


def _lookup(node: Lookup, sub: Sub) -> Compiled:
    key_of, day_of, table = sub(node.key), sub(node.on), node.table
    # An unknown day of a past event (a marriage) is on or before the evaluation date.
    past = isinstance(node.on, FactRef) and node.on.fact.past

    def evaluate(ev: Evaluator) -> MaybeValue:
        key = key_of(ev)
        if not isinstance(key, str):
            return None
        day = day_of(ev)
        if isinstance(day, dt.date):
            return table.value(key, day)
        if past:
            return table.value_before(key, ev.as_of)
        return None if key in table.windows else False

    return evaluate


def kleene_if(cond: MaybeValue, then: MaybeValue, otherwise: MaybeValue) -> MaybeValue:
    if cond is True:
        return then
    if cond is False:
        return otherwise
    return then if then == otherwise and type(then) is type(otherwise) else None


def _if(node: If, sub: Sub) -> Compiled:
    cond, then, otherwise = sub(node.cond), sub(node.then), sub(node.otherwise)

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = cond(ev)
        if value is True:
            return then(ev)
        if value is False:
            return otherwise(ev)
        return kleene_if(None, then(ev), otherwise(ev))

    return evaluate


def _with_exceptions(node: WithExceptions, sub: Sub) -> Compiled:
    # The first exception whose condition holds wins; an unknown condition leaves the value
    # unknown unless the exception and everything after it agree (the same as nested `If`s).
    base = sub(node.base)
    exceptions = tuple((sub(e.when), sub(e.then)) for e in reversed(node.exceptions))

    def evaluate(ev: Evaluator) -> MaybeValue:
        result = base(ev)
        for when, then in exceptions:
            result = kleene_if(when(ev), then(ev), result)
        return result

    return evaluate


def _rule(node: Rule, sub: Sub) -> Compiled:
    inner, effective, outside, key = sub(node.expr), node.effective, node.outside, id(node)

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = ev.rules.get(key, _MISSING)
        if value is _MISSING:
            value = ev.rules[key] = inner(ev) if effective.contains(ev.as_of) else outside
        return value  # type: ignore[no-any-return]

    return evaluate


_BUILDERS: dict[type, Callable[[Any, Sub], Compiled]] = {
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
