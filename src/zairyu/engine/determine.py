"""Determinations for one case: outcome, explanation, next questions and what-ifs.

- The explanation is the evaluated tree of named rules (held / failed / unknown, each cited).
- Next questions are the unknown facts on the *frontier* of an undetermined outcome: below a
  requirement whose value can still change the outcome, every unknown subexpression of an unknown
  node (Kleene: an unknown AND has no false child, an unknown OR no true child), down to the fact.
  A fact whose answer cannot change any outcome is never asked.
- What-ifs, for a ``not_eligible`` outcome, are the smallest changes of changeable facts, and the
  first later date, that would make the pathway ``eligible`` or ``discretionary``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zairyu.engine.dates import shift
from zairyu.engine.expr import (
    AsOf,
    Compare,
    Const,
    DateShift,
    Expr,
    FactRef,
    IsIn,
    Lookup,
    Rule,
)
from zairyu.engine.facts import Fact, FactType, MaybeValue, Value
from zairyu.engine.frontier import Walk, step
from zairyu.engine.interpret import Compiled, Evaluator, compiled
from zairyu.engine.pathway import (
    OUTCOME_RANK,
    Alternative,
    Deadline,
    Document,
    Effect,
    Factor,
    GuidanceItem,
    Outcome,
    Pathway,
    Requirement,
    outcome_of,
)
from zairyu.engine.tables import DatedTable

Case = Mapping[str, MaybeValue]

MAX_WHAT_IF_EVALUATIONS = 64
_MISSING: Any = object()
MAX_WHAT_IFS = 5


class Reason(StrEnum):
    UNKNOWN = "unknown"  # the fact has no answer yet
    REFINE = "refine"  # the answer is too coarse (GB: which part of the United Kingdom?)


@dataclass(slots=True)
class RuleTrace:
    rule: Rule
    value: bool | None
    in_force: bool
    children: list[RuleTrace]


@dataclass(slots=True)
class RequirementTrace:
    requirement: Requirement
    trace: RuleTrace


@dataclass(slots=True)
class Question:
    fact: Fact
    reason: Reason
    pathways: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DataGap:
    """A reference table that cannot answer for a known key on a known date."""

    lookup: Lookup
    key: str
    day: dt.date


@dataclass(frozen=True, slots=True)
class Change:
    fact: Fact
    old: MaybeValue
    new: Value


@dataclass(frozen=True, slots=True)
class WhatIf:
    changes: tuple[Change, ...]
    from_date: dt.date | None
    outcome: Outcome


@dataclass(slots=True)
class Determination:
    pathway: Pathway
    as_of: dt.date
    outcome: Outcome
    possible: frozenset[Outcome]
    requirements: list[RequirementTrace]
    questions: list[Question]
    data_gaps: list[DataGap]
    what_ifs: list[WhatIf]
    alternatives: list[Alternative]
    documents: list[Document]
    deadlines: list[tuple[Deadline, dt.date]]
    how_to_apply: list[GuidanceItem] = field(default_factory=list)
    caveats: list[GuidanceItem] = field(default_factory=list)
    factors: list[tuple[Factor, bool | None]] = field(default_factory=list)
    # Name where to get legal help: always for asylum, and whenever the answer is not a plain
    # "eligible" (discretionary, undetermined, or a refusal that deserves a second opinion).
    refer_to_legal_help: bool = False


def _values(pathway: Pathway, ev: Evaluator) -> list[bool | None]:
    out: list[bool | None] = []
    for requirement in pathway.decisive:
        value = ev.value(requirement.rule)
        out.append(value if isinstance(value, bool) else None)
    return out


def quick_outcome(pathway: Pathway, case: Case, as_of: dt.date) -> frozenset[Outcome]:
    """The possible outcomes alone, without explanation: used by what-ifs and tests."""
    return pathway.possible(_values(pathway, Evaluator(case, as_of)))


def determine(
    pathway: Pathway,
    case: Case,
    as_of: dt.date,
    *,
    with_what_ifs: bool = True,
    evaluator: Evaluator | None = None,
) -> Determination:
    """One pathway for one case. Pathways screened together share one `evaluator`, so a rule
    several of them read (nationality, the legal spouse rules) is evaluated once."""
    ev = Evaluator(case, as_of) if evaluator is None else evaluator
    values = _values(pathway, ev)
    possible = pathway.possible(values)
    outcome = outcome_of(possible)
    traces = [RequirementTrace(req, _trace(req.rule, ev)) for req in pathway.decisive]
    questions: list[Question] = []
    gaps: list[DataGap] = []
    if outcome is Outcome.UNDETERMINED:
        questions, gaps = _frontier(pathway, ev, values)
    # What remains open: after a refusal, the routes around the failed required requirements;
    # otherwise, what a discretionary assessment weighs.
    failed = [req for req, value in zip(pathway.decisive, values, strict=True) if value is False]
    required_failed = [req for req in failed if req.effect is Effect.REQUIRED]
    alternatives = [alt for req in (required_failed or failed) for alt in req.if_not_met]
    what_ifs = (
        find_what_ifs(pathway, case, as_of, ev, values)
        if with_what_ifs and outcome is Outcome.NOT_ELIGIBLE
        else []
    )
    documents = [d for d in pathway.guidance.documents if _may_apply(d.when, ev)]
    deadlines: list[tuple[Deadline, dt.date]] = []
    for deadline in pathway.guidance.deadlines:
        day = ev.value(deadline.date)
        if isinstance(day, dt.date):
            deadlines.append((deadline, day))
    return Determination(
        pathway=pathway,
        as_of=as_of,
        outcome=outcome,
        possible=possible,
        requirements=traces,
        questions=questions,
        data_gaps=gaps,
        what_ifs=what_ifs,
        alternatives=alternatives,
        documents=documents,
        deadlines=deadlines,
        how_to_apply=[i for i in pathway.guidance.how_to_apply if _may_apply(i.when, ev)],
        caveats=[i for i in pathway.caveats if _may_apply(i.when, ev)],
        factors=[(f, _bool(ev.value(f.rule))) for f in pathway.factors],
        refer_to_legal_help=pathway.always_refer or outcome is not Outcome.ELIGIBLE,
    )


def _may_apply(when: Rule | None, ev: Evaluator) -> bool:
    return when is None or ev.value(when) is not False


def _bool(value: MaybeValue) -> bool | None:
    return value if isinstance(value, bool) else None


def _trace(rule: Rule, ev: Evaluator) -> RuleTrace:
    # Rule values are memoised per case by the interpreter: read them there first.
    value = ev.rules.get(id(rule), _MISSING)
    if value is _MISSING:
        value = compiled(rule)(ev)
    in_force = rule.effective.contains(ev.as_of)
    return RuleTrace(
        rule,
        value if value is True or value is False else None,
        in_force,
        [_trace(sub, ev) for sub in rule.subrules] if in_force else [],
    )


# --- Next questions -------------------------------------------------------------------------


def _frontier(
    pathway: Pathway, ev: Evaluator, values: list[bool | None]
) -> tuple[list[Question], list[DataGap]]:
    walk = Walk(ev)
    for index, value in enumerate(values):
        if value is not None:
            continue
        if_true = values.copy()
        if_true[index] = True
        if_false = values.copy()
        if_false[index] = False
        if pathway.possible(if_true) == pathway.possible(if_false):
            continue  # this requirement's answer cannot change the outcome
        step(pathway.decisive[index].rule)(walk)
    questions = [
        Question(fact, Reason.REFINE if refine else Reason.UNKNOWN, [pathway.id])
        for fact, refine in walk.found.values()
        if _gate_open(fact, ev.case)
    ]
    gaps = [DataGap(node, key, day) for node, key, day in walk.gaps.values()]
    return questions, gaps


def _gate_open(fact: Fact, case: Case) -> bool:
    if fact.asked_when is None:
        return True
    gate, wanted = fact.asked_when
    return case.get(gate) == wanted


# --- What-ifs -------------------------------------------------------------------------------


def find_what_ifs(
    pathway: Pathway,
    case: Case,
    as_of: dt.date,
    ev: Evaluator,
    values: list[bool | None],
) -> list[WhatIf]:
    results: list[WhatIf] = []
    later = _first_better_date(pathway, case, as_of, ev)
    if later is not None:
        results.append(later)
    failed = [
        req
        for req, value in zip(pathway.decisive, values, strict=True)
        if value is False and req.effect is Effect.REQUIRED
    ]
    # For each failed requirement, the single changes that would make it hold; then the
    # smallest combinations of one change per failed requirement.
    options: list[list[Change]] = []
    budget = MAX_WHAT_IF_EVALUATIONS
    for req in failed:
        fixes: list[Change] = []
        for change in _candidate_changes(req.rule, ev):
            if budget <= 0:
                break
            budget -= 1
            trial = Evaluator({**case, change.fact.name: change.new}, as_of)
            if trial.value(req.rule) is not False:
                fixes.append(change)
        if not fixes:
            return _ranked(results)
        options.append(fixes)
    if not options:
        return _ranked(results)
    for combo in itertools.islice(itertools.product(*options), MAX_WHAT_IF_EVALUATIONS):
        names = [c.fact.name for c in combo]
        if len(set(names)) != len(names):
            continue
        changed = {**case, **{c.fact.name: c.new for c in combo}}
        outcome = outcome_of(quick_outcome(pathway, changed, as_of))
        if outcome is not Outcome.NOT_ELIGIBLE:
            results.append(WhatIf(tuple(combo), None, outcome))
        if len(results) >= MAX_WHAT_IFS:
            break
    return _ranked(results)


def _ranked(results: list[WhatIf]) -> list[WhatIf]:
    return sorted(results, key=lambda w: (OUTCOME_RANK[w.outcome], len(w.changes)))[:MAX_WHAT_IFS]


def _first_better_date(
    pathway: Pathway, case: Case, as_of: dt.date, ev: Evaluator
) -> WhatIf | None:
    for day in sorted(d for d in _change_dates(pathway, ev) if d > as_of):
        outcome = outcome_of(quick_outcome(pathway, case, day))
        if outcome is not Outcome.NOT_ELIGIBLE:
            return WhatIf((), day, outcome)
    return None


@dataclass(frozen=True, slots=True)
class _DateSources:
    """Where a pathway's value can change with the date: fixed dates, and nodes to evaluate."""

    fixed: frozenset[dt.date]
    lookups: tuple[tuple[Compiled, DatedTable], ...]
    compared: tuple[Compiled, ...]


_DATE_SOURCES: dict[int, tuple[Pathway, _DateSources]] = {}


def _date_sources(pathway: Pathway) -> _DateSources:
    cached = _DATE_SOURCES.get(id(pathway))
    if cached is not None and cached[0] is pathway:
        return cached[1]
    fixed: set[dt.date] = set()
    lookups: dict[int, tuple[Compiled, DatedTable]] = {}
    compared: dict[int, Compiled] = {}
    for rule in _all_rules(pathway):
        if rule.effective.start is not None:
            fixed.add(rule.effective.start)
        if rule.effective.end is not None:
            fixed.add(rule.effective.end + dt.timedelta(days=1))
        for node in rule.expr.walk():
            if isinstance(node, Lookup) and isinstance(node.on, AsOf):
                lookups[id(node)] = (compiled(node.key), node.table)
            elif isinstance(node, Compare) and (
                isinstance(node.left, AsOf) or isinstance(node.right, AsOf)
            ):
                other = node.right if isinstance(node.left, AsOf) else node.left
                compared[id(other)] = compiled(other)
    sources = _DateSources(frozenset(fixed), tuple(lookups.values()), tuple(compared.values()))
    _DATE_SOURCES[id(pathway)] = (pathway, sources)
    return sources


def _change_dates(pathway: Pathway, ev: Evaluator) -> set[dt.date]:
    """Dates on which some rule of the pathway can change its value for this case."""
    sources = _date_sources(pathway)
    dates = set(sources.fixed)
    for key_of, table in sources.lookups:
        key = key_of(ev)
        if isinstance(key, str):
            dates.update(table.change_dates(key))
    for other_of in sources.compared:
        other = other_of(ev)
        if isinstance(other, dt.date):
            dates.update({other, other + dt.timedelta(days=1)})
    return dates


def _all_rules(pathway: Pathway) -> Iterator[Rule]:
    seen: set[int] = set()
    stack = list(pathway.rules())
    while stack:
        rule = stack.pop()
        if id(rule) in seen:
            continue
        seen.add(id(rule))
        yield rule
        stack.extend(rule.subrules)


def _candidate_changes(rule: Rule, ev: Evaluator) -> Iterator[Change]:
    """Plausible new values for the changeable facts a rule reads, from the rule's own constants."""
    seen: set[tuple[str, Value]] = set()
    nodes = _NODES.get(rule)
    if nodes is None:
        nodes = _NODES[rule] = tuple(n for n in _nodes(rule) if _may_propose(n))
    for node in nodes:
        for fact, new in _proposals(node, ev):
            old = ev.case.get(fact.name)
            # A past event (a landing, a marriage) cannot be changed now: the first-better-date
            # what-if covers time passing.
            if (
                not fact.changeable
                or fact.past
                or new == old
                or (fact.name, new) in seen
                or new in fact.never_propose
            ):
                continue
            seen.add((fact.name, new))
            yield Change(fact, old, new)


_NODES: dict[Rule, tuple[Expr, ...]] = {}


def _may_propose(node: Expr) -> bool:
    return isinstance(node, FactRef | IsIn | Compare | Lookup)


def _nodes(rule: Rule) -> Iterator[Expr]:
    for node in rule.expr.walk():
        if isinstance(node, Rule):
            yield from _nodes(node)
        else:
            yield node


def _proposals(node: Expr, ev: Evaluator) -> Iterator[tuple[Fact, Value]]:
    if isinstance(node, FactRef):
        fact = node.fact
        if fact.type is FactType.BOOL:
            yield from ((fact, v) for v in (True, False))
        elif fact.type is FactType.ENUM:
            yield from ((fact, v) for v in fact.choice_values)
    elif isinstance(node, IsIn) and isinstance(node.arg, FactRef):
        fact = node.arg.fact
        yield from ((fact, v) for v in sorted(node.values))
        if fact.codes is not None:
            outside = next((c for c in fact.codes.names if c not in node.values), None)
            if outside is not None:
                yield fact, outside
    elif isinstance(node, Compare):
        for this, other in ((node.left, node.right), (node.right, node.left)):
            target = this.arg if isinstance(this, DateShift) else this
            if not isinstance(target, FactRef):
                continue
            value = ev.value(other)
            if isinstance(this, DateShift) and isinstance(value, dt.date):
                value = shift(value, -this.years, -this.months, -this.days)
            if isinstance(value, dt.date):
                yield from ((target.fact, d) for d in (value, value + dt.timedelta(days=1)))
            elif isinstance(value, bool | str) or (
                isinstance(value, int) and target.fact.type is FactType.INT
            ):
                yield target.fact, value
                if isinstance(value, int) and not isinstance(value, bool):
                    yield from ((target.fact, value + d) for d in (-1, 1))
    elif isinstance(node, Lookup) and isinstance(node.on, FactRef):
        key = ev.value(node.key)
        if isinstance(key, str):
            for day in node.table.change_dates(key):
                yield node.on.fact, day
    elif isinstance(node, Const):
        return
