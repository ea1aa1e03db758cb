"""Backend 1: evaluate an expression tree for one case in plain Python (Kleene logic).

Each node is compiled once into a closure (the first time it is evaluated) so that evaluating a
case is a chain of direct calls rather than a dispatch per node. Rules remember their value per
case: the explanation and the next questions read them instead of computing them again.

A rule none of whose facts the case names has the value it has when nothing is known: it depends
on the date alone. Such values are also remembered per date (`remember`), across cases, so a
case that answers a few questions does not evaluate the rest of the law again.
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

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
    Period,
    Rule,
    WithExceptions,
)
from zairyu.engine.facts import MaybeValue

# Every fact name a rule reads or a case gives has a bit of its own, so that "the case names
# none of the facts below this rule" is one AND of two integers rather than a set
# comparison per rule and per case.
_BITS: dict[str, int] = {}
_BITS_LOCK = threading.Lock()


def fact_bits(names: Iterable[str]) -> int:
    """The bits of these fact names (see `Evaluator.named`)."""
    mask = 0
    for name in names:
        bit = _BITS.get(name)
        if bit is None:
            # Two threads must never give one name two bits: a rule would then miss a fact
            # that a case names.
            with _BITS_LOCK:
                bit = _BITS.get(name)
                if bit is None:
                    bit = _BITS[name] = 1 << len(_BITS)
        mask |= bit
    return mask


class Evaluator:
    """One case on one date."""

    __slots__ = ("as_of", "case", "explained", "named", "rules")

    def __init__(self, case: Mapping[str, MaybeValue], as_of: dt.date) -> None:
        self.case = case
        self.as_of = as_of
        # The bits of the fact names the case gives (perhaps as None): a rule that reads none
        # of them has the value it has when nothing is known.
        self.named = fact_bits(case)
        self.rules: dict[int, MaybeValue] = {}
        # The explanation of each rule for this case (`engine.determine`), built once and shared
        # by every pathway and requirement that reads the rule.
        self.explained: dict[int, Any] = {}

    def value(self, node: Expr) -> MaybeValue:
        return compiled(node)(self)

    def values_without(self, facts: Iterable[str]) -> dict[int, MaybeValue]:
        """The rule values known so far, but for rules that read one of `facts`."""
        names = tuple(facts)
        if len(names) == 1:
            stale = _READERS.get(names[0], _NONE)
        else:
            stale = set().union(*(_READERS.get(name, ()) for name in names))
        return {key: value for key, value in self.rules.items() if key not in stale}

    def changed(self, changes: Mapping[str, MaybeValue]) -> Evaluator:
        """An evaluator for this case with some facts changed, keeping the values of the rules
        that read none of them."""
        trial = Evaluator.__new__(Evaluator)
        trial.case = {**self.case, **changes}
        trial.as_of = self.as_of
        trial.named = self.named | fact_bits(changes)
        trial.rules = self.values_without(changes)
        trial.explained = {}
        return trial


Compiled = Callable[[Evaluator], MaybeValue]
Sub = Callable[[Expr], Compiled]
_COMPILED: dict[Expr, Compiled] = {}
# The rules (by id) that read each fact, directly or through the rules they use.
_READERS: dict[str, set[int]] = {}
_MISSING: Any = object()
_NONE: frozenset[int] = frozenset()
_Value = TypeVar("_Value")
# Values remembered per date are forgotten beyond this many dates (tests try thousands).
MAX_DATES = 64


def remember(memo: dict[dt.date, _Value], day: dt.date, value: _Value) -> None:
    """Store in a per-date memo (what a rule gives when the case knows none of its facts),
    keeping it small."""
    if len(memo) >= MAX_DATES:
        memo.clear()
    memo[day] = value


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
    if isinstance(node.left, FactRef) and isinstance(node.right, Const):
        # The most common comparison, a fact with a constant, reads both without a call.
        name, constant = node.left.fact.name, node.right.value

        def fact_with_constant(ev: Evaluator) -> MaybeValue:
            a = ev.case.get(name)
            if a is None or constant is None:
                return None
            return op(a, constant)

        return fact_with_constant

    def evaluate(ev: Evaluator) -> MaybeValue:
        a = left(ev)
        if a is None:
            return None
        b = right(ev)
        return None if b is None else op(a, b)

    return evaluate


def _is_in(node: IsIn, sub: Sub) -> Compiled:
    arg, values = sub(node.arg), node.values
    if isinstance(node.arg, FactRef):
        name = node.arg.fact.name

        def fact_in(ev: Evaluator) -> MaybeValue:
            value = ev.case.get(name)
            return None if value is None else value in values

        return fact_in

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
    key, effective = id(node), node.effective
    always = effective.start is None and effective.end is None
    inner = sub(node.expr) if always else _in_force_only(sub(node.expr), effective, node.outside)
    facts = frozenset(f.name for f in node.facts)
    for name in facts:
        _READERS.setdefault(name, set()).add(key)
    mask = fact_bits(facts)
    by_date: dict[dt.date, MaybeValue] = {}  # when the case knows none of `facts`

    def evaluate(ev: Evaluator) -> MaybeValue:
        value = ev.rules.get(key, _MISSING)
        if value is _MISSING:
            if not ev.named & mask:
                # The case knows none of the facts below: the value depends on the date alone.
                value = by_date.get(ev.as_of, _MISSING)
                if value is _MISSING:
                    value = inner(ev)
                    remember(by_date, ev.as_of, value)
            else:
                value = inner(ev)
            ev.rules[key] = value
        return value  # type: ignore[no-any-return]

    return evaluate


def _in_force_only(expr: Compiled, effective: Period, outside: bool) -> Compiled:
    return lambda ev: expr(ev) if effective.contains(ev.as_of) else outside


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
