"""The unknown frontier of a rule: the facts whose answers could still decide it.

Called on a node whose value is unknown, the walk descends into every child whose value is
unknown too (Kleene: an unknown AND has no false child, an unknown OR no true child; a known
condition of an `If` or an exception selects the branch that matters), down to the facts.
A look-up whose key and date are both known and still cannot answer is a *data gap* (or, for a
coarse code such as GB, a question to refine the answer).

Like the interpreter, each node is compiled once into a closure, so a walk is a chain of direct
calls; values come from the interpreter's closures, with rules memoised per case. Below a rule
none of whose facts the case names, the walk depends on the date alone: what it finds is
remembered per date and replayed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

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
    Or,
    Rule,
    WithExceptions,
)
from zairyu.engine.facts import Fact
from zairyu.engine.inline import Source
from zairyu.engine.interpret import Evaluator, compiled, fact_bits, remember


@dataclass(slots=True)
class Walk:
    """What one walk found: facts to ask (name -> (fact, refine?)), and data gaps."""

    ev: Evaluator
    found: dict[str, tuple[Fact, bool]] = field(default_factory=dict)
    gaps: dict[int, tuple[Lookup, str, dt.date]] = field(default_factory=dict)
    rules_seen: set[int] = field(default_factory=set)


Step = Callable[[Walk], None]
_MISSING: Any = object()
_STEPS: dict[Expr, Step] = {}


def step(node: Expr) -> Step:
    """The walk below `node`, to be called only when `node`'s value is unknown."""
    fn = _STEPS.get(node)
    if fn is None:
        fn = _STEPS[node] = _BUILDERS[type(node)](node)
    return fn


# Nodes whose value is known only when every child's value is known (a comparison, a date
# shift, a negation; facts and constants have no children). Below such a known node every fact is
# known and every other node known too, so the walk would find nothing there: it need not
# compute the node's value before walking in.
_STRICT = (FactRef, Const, AsOf, Compare, IsIn, DateShift, Not)


def _descend(node: Expr) -> Step:
    """Walk into `node` if its value is unknown (a fact is checked by its own step)."""
    inner = step(node)
    if isinstance(node, _STRICT):
        return inner
    value = compiled(node)
    if isinstance(node, Rule):
        key = id(node)

        def maybe_rule(walk: Walk) -> None:
            # A rule already walked is not walked again (see `_rule`): no need for its value.
            if key in walk.rules_seen:
                return
            # The value is almost always remembered for the case already: read it there.
            known = walk.ev.rules.get(key, _MISSING)
            if known is _MISSING:
                known = value(walk.ev)
            if known is None:
                inner(walk)

        return maybe_rule

    def maybe(walk: Walk) -> None:
        if value(walk.ev) is None:
            inner(walk)

    return maybe


def _children(nodes: tuple[Expr, ...]) -> Step:
    # Constants and the date have nothing to ask: leaving them out, a comparison of a fact
    # with a constant walks straight to the fact.
    steps = tuple(_descend(n) for n in nodes if not isinstance(n, Const | AsOf))
    if not steps:
        return _nothing_at_all
    if len(steps) == 1:
        return steps[0]

    def walk_all(walk: Walk) -> None:
        for s in steps:
            s(walk)

    return walk_all


def _nothing(node: Expr) -> Step:
    return _nothing_at_all


def _nothing_at_all(walk: Walk) -> None:
    return None


def _fact(node: FactRef) -> Step:
    fact, name = node.fact, node.fact.name

    def ask(walk: Walk) -> None:
        if walk.ev.case.get(name) is None and name not in walk.found:
            walk.found[name] = (fact, False)

    return ask


def _generic(node: Expr) -> Step:
    return _children(node.children())


def _if(node: If) -> Step:
    cond = compiled(node.cond)
    then, otherwise, every = _descend(node.then), _descend(node.otherwise), _generic(node)

    def walk_if(walk: Walk) -> None:
        known = cond(walk.ev)
        if known is True:
            then(walk)
        elif known is False:
            otherwise(walk)
        else:
            every(walk)

    return walk_if


def _with_exceptions(node: WithExceptions) -> Step:
    # An unknown exception condition matters, and so do the values it chooses between.
    exceptions = tuple(
        (compiled(e.when), _descend(e.when), _descend(e.then)) for e in node.exceptions
    )
    base = _descend(node.base)

    def walk_exceptions(walk: Walk) -> None:
        for when_value, when, then in exceptions:
            known = when_value(walk.ev)
            if known is None:
                when(walk)
                then(walk)
            elif known is True:
                then(walk)
                return
        base(walk)

    return walk_exceptions


@dataclass(frozen=True, slots=True)
class _Found:
    """What a walk below a rule found, in order, to replay into another walk."""

    facts: tuple[tuple[str, tuple[Fact, bool]], ...]
    gaps: tuple[tuple[int, tuple[Lookup, str, dt.date]], ...]
    rules_seen: frozenset[int]


def _rule(node: Rule) -> Step:
    # A rule is walked only when its value is unknown (`_descend`, and the deciding
    # requirements), so its expression is unknown too: no need to evaluate it again first.
    inner, key = step(node.expr), id(node)
    mask = fact_bits(f.name for f in node.facts)
    by_date: dict[dt.date, _Found] = {}  # when the case knows none of the rule's facts

    def walk_rule(walk: Walk) -> None:
        # A rule shared by several requirements is walked once.
        if key in walk.rules_seen:
            return
        walk.rules_seen.add(key)
        if walk.ev.named & mask:
            inner(walk)
            return
        # Nothing known below: the same walk as on every case with nothing known on this date.
        # Replaying it keeps the first finding of each fact, as walking it here would: a fact
        # below a rule this walk has already seen has been found already.
        found = by_date.get(walk.ev.as_of)
        if found is None:
            alone = Walk(walk.ev)
            inner(alone)
            found = _Found(
                tuple(alone.found.items()), tuple(alone.gaps.items()), frozenset(alone.rules_seen)
            )
            remember(by_date, walk.ev.as_of, found)
        for name, finding in found.facts:
            if name not in walk.found:
                walk.found[name] = finding
        for gap_id, gap in found.gaps:
            if gap_id not in walk.gaps:
                walk.gaps[gap_id] = gap
        walk.rules_seen.update(found.rules_seen)

    return walk_rule


class _WalkSource:
    """The walk below a tree of facts, comparisons, look-ups and AND / OR / NOT, written out as
    one function (see `engine.inline`): the tree is evaluated once, with a local per node, and
    the walk reads those locals instead of calling a step and evaluating again per node.

    It walks exactly as the steps above do, in the same order: into every unknown argument of
    an unknown AND or OR; into every part of a strict node; into the key and day of a look-up
    that cannot answer unless both are known (then a question to refine, or a data gap). A
    nested rule, `If` and exceptions are walked by their own steps."""

    def __init__(self) -> None:
        self.source = Source(compiled)

    def function(self, node: And | Or | Lookup) -> Step:
        # A strict node (a comparison, a negation) is walked by its steps: it needs no value,
        # and a few calls cost less than compiling a function for it.
        source = self.source
        self._unknown(node, source.value(node, 1), 1)
        prologue = ["    ev = walk.ev", "    found = walk.found"]
        return cast(Step, source.define("walk_below(walk)", prologue, []))

    def _unknown(self, node: And | Or | Lookup, local: str, indent: int) -> None:
        """Walk below `node`, whose value, held in `local`, is unknown."""
        line, bind = self.source.line, self.source.bind
        if isinstance(node, And | Or):
            for arg, value in zip(node.args, self.source.parts[local], strict=True):
                self._argument(arg, value, indent)
        elif isinstance(node, Lookup):
            key, day = self.source.parts[local]
            fact = node.key.fact if isinstance(node.key, FactRef) else None
            parents = frozenset(fact.codes.parents.values()) if fact and fact.codes else None
            line(indent, f"if isinstance({key}, str) and isinstance({day}, _date):")
            if fact is not None and parents:
                line(indent + 1, f"if {key} in {bind(parents)}:")
                line(indent + 2, f"found.setdefault({bind(fact.name)}, {bind((fact, True))})")
                line(indent + 1, "else:")
                indent += 1
            gap = f"({bind(node)}, {key}, {day})"
            line(indent + 1, f"walk.gaps.setdefault({bind(id(node))}, {gap})")
            if fact is not None and parents:
                indent -= 1
            line(indent, "else:")
            line(indent + 1, "pass")
            for part in (node.key, node.on):
                self._strict(part, indent + 1)

    def _argument(self, node: Expr, value: str, indent: int) -> None:
        """Walk into an argument of an unknown AND or OR, whose value `value` holds."""
        line = self.source.line
        if isinstance(node, And | Or | Lookup):
            line(indent, f"if {value} is None:")
            line(indent + 1, "pass")
            self._unknown(node, value, indent + 1)
        elif isinstance(node, If | WithExceptions):
            line(indent, f"if {value} is None:")
            line(indent + 1, f"{self.source.bind(step(node))}(walk)")
        else:
            self._strict(node, indent)

    def _strict(self, node: Expr, indent: int) -> None:
        """Walk into `node` as `_descend` does: a fact is asked if unknown, a strict node is
        walked whatever its value, any other node only if its value is unknown."""
        line, bind = self.source.line, self.source.bind
        if isinstance(node, Const | AsOf):
            return
        if isinstance(node, FactRef):
            fact, local = node.fact, self.source.value(node, indent)
            name = bind(fact.name)
            line(indent, f"if {local} is None and {name} not in found:")
            line(indent + 1, f"found[{name}] = {bind((fact, False))}")
        elif isinstance(node, _STRICT):
            for child in node.children():
                self._strict(child, indent)
        else:
            line(indent, f"{bind(_descend(node))}(walk)")


def _written_out(node: And | Or | Lookup) -> Step:
    return _WalkSource().function(node)


_BUILDERS: dict[type, Callable[[Any], Step]] = {
    Const: _nothing,
    AsOf: _nothing,
    FactRef: _fact,
    And: _written_out,
    Or: _written_out,
    Not: _generic,
    Compare: _generic,
    IsIn: _generic,
    DateShift: _generic,
    Lookup: _written_out,
    If: _if,
    WithExceptions: _with_exceptions,
    Rule: _rule,
}
