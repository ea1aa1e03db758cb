"""Backend 1: evaluate an expression tree for one case in plain Python (Kleene logic).

Each node is compiled once (the first time it is evaluated): a rule, or a tree of facts,
comparisons, look-ups and AND / OR / NOT, into one generated function (`engine.inline`); `If`,
exceptions and a lone leaf into a closure. Evaluating a case is a few direct calls rather than
a dispatch per node. Rules remember their value per case: the explanation and the next questions
read them instead of computing them again.

A rule none of whose facts the case names has the value it has when nothing is known: it depends
on the date alone. Such values are also remembered per date (`remember`), across cases, so a
case that answers a few questions does not evaluate the rest of the law again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar

from zairyu.engine.expr import AsOf, Const, Expr, FactRef, If, Rule, WithExceptions
from zairyu.engine.facts import MaybeValue
from zairyu.engine.inline import INLINE, generate, generate_rule

# Every fact name a rule reads or a case gives has a bit of its own, so that "the case names
# none of the facts below this rule" is one AND of two integers rather than a set
# comparison per rule and per case.
_BITS: dict[str, int] = {}
_BITS_LOCK = threading.Lock()


def fact_bits(names: Iterable[str]) -> int:
    """The bits of these fact names (see `Evaluator.named`)."""
    if isinstance(names, Mapping | AbstractSet):
        try:
            # Once every name has its bit (after the first cases), one loop in C: the names of
            # a mapping or a set are distinct, so the sum of their bits is their OR.
            return sum(map(_BITS.__getitem__, names))
        except KeyError:
            pass
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
        rules = self.rules.copy()
        for name in facts:
            for key in _READERS.get(name, _NONE):
                rules.pop(key, None)
        return rules

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
        if isinstance(node, INLINE) and type(node) not in _BUILDERS:
            fn = generate(node, compiled)
        else:
            fn = _BUILDERS[type(node)](node, compiled)
        _COMPILED[node] = fn
    return fn


# A leaf alone (a look-up's key, a deadline's date) is one read: a closure, not generated code
# that would cost a compilation for the same work.
def _const(node: Const, sub: Sub) -> Compiled:
    value = node.value
    return lambda ev: value


def _fact(node: FactRef, sub: Sub) -> Compiled:
    name = node.fact.name
    return lambda ev: ev.case.get(name)


def _as_of(node: AsOf, sub: Sub) -> Compiled:
    return lambda ev: ev.as_of


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
    facts = frozenset(f.name for f in node.facts)
    for name in facts:
        _READERS.setdefault(name, set()).add(id(node))
    by_date: dict[dt.date, MaybeValue] = {}  # when the case knows none of `facts`
    return generate_rule(node, sub, fact_bits(facts), by_date, remember)


_BUILDERS: dict[type, Callable[[Any, Sub], Compiled]] = {
    Const: _const,
    FactRef: _fact,
    AsOf: _as_of,
    If: _if,
    WithExceptions: _with_exceptions,
    Rule: _rule,
}
