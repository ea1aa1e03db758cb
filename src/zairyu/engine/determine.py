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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from zairyu.engine.dates import shift
from zairyu.engine.expr import (
    AsOf,
    Compare,
    Const,
    DateShift,
    Expr,
    FactRef,
    If,
    IsIn,
    Lookup,
    Op,
    Rule,
)
from zairyu.engine.facts import Fact, FactType, MaybeValue, Value
from zairyu.engine.frontier import Step, Walk, step
from zairyu.engine.interpret import Compiled, Evaluator, compiled, fact_bits, remember
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
_Item = TypeVar("_Item", Document, GuidanceItem)
_MISSING: Any = object()
MAX_WHAT_IFS = 5


class Reason(StrEnum):
    UNKNOWN = "unknown"  # the fact has no answer yet
    REFINE = "refine"  # the answer is too coarse (GB: which part of the United Kingdom?)


# Enum members as module constants for the code run per case: reading an attribute of an Enum
# class costs ten times a global in Python 3.11.
_UNKNOWN, _REFINE = Reason.UNKNOWN, Reason.REFINE
_ELIGIBLE, _UNDETERMINED, _NOT_ELIGIBLE = (
    Outcome.ELIGIBLE,
    Outcome.UNDETERMINED,
    Outcome.NOT_ELIGIBLE,
)
_REQUIRED = Effect.REQUIRED


@dataclass(slots=True)
class RuleTrace:
    """A rule's value for a case, with the rules it reads. The same rule has the same trace
    wherever it is read, so one object serves every place (and every case that knows none of
    its facts on the date): read it, never change it."""

    rule: Rule
    value: bool | None
    in_force: bool
    children: list[RuleTrace]
    # Whether this very object serves many cases (a rule that reads no other rule, or one
    # whose facts the case does not know): what is made from it can be kept with it.
    shared: bool = field(default=False, compare=False)


@dataclass(slots=True)
class RequirementTrace:
    requirement: Requirement
    trace: RuleTrace


@dataclass(slots=True)
class Question:
    """A fact to ask, why, and for which pathways. A pathway's own question is one object
    shared by every case that asks it (`_frontier`): read it, never change it; screening
    several pathways merges copies (`screen.rank_questions`)."""

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


@dataclass(frozen=True, slots=True)
class _Plan:
    """A pathway's rules resolved to their compiled closures once, not looked up per case."""

    decisive: tuple[Compiled, ...]
    # Per decisive requirement: its tracer, and its shared explanations if it has them.
    tracers: tuple[tuple[Requirement, Tracer, dict[bool | None, RequirementTrace] | None], ...]
    frontier: tuple[Step, ...]
    documents: _Conditional[Document]
    deadlines: tuple[tuple[Deadline, Compiled] | _Chosen, ...]
    how_to_apply: _Conditional[GuidanceItem]
    caveats: _Conditional[GuidanceItem]
    factors: tuple[tuple[Factor, Compiled], ...]
    # Per decisive requirement: whether it is required, and whether it is required and reads
    # nothing that changes with the date (failing it, the pathway fails on every later date).
    required: tuple[bool, ...]
    required_whatever_the_date: tuple[bool, ...]
    # The positions in `decisive` of the requirements that read each fact.
    readers: dict[str, tuple[int, ...]]
    # This pathway's questions, by fact name, shared by every case (see `Question`): those to
    # answer, then those to refine.
    asked: tuple[dict[str, Question], dict[str, Question]]


_PLANS: dict[int, tuple[Pathway, _Plan]] = {}


@dataclass(frozen=True, slots=True)
class _Conditional(Generic[_Item]):
    """Documents or advice, each listed unless its condition fails for the case."""

    items: tuple[_Item, ...]
    conditions: tuple[Compiled | None, ...]
    # Most lists have no condition at all: then every case gets every item.
    unconditional: bool

    @classmethod
    def of(cls, items: Iterable[_Item]) -> _Conditional[_Item]:
        listed = tuple(items)
        conditions = tuple(None if i.when is None else compiled(i.when) for i in listed)
        return cls(listed, conditions, all(c is None for c in conditions))

    def for_case(self, ev: Evaluator) -> list[_Item]:
        if self.unconditional:
            return list(self.items)
        return [
            item
            for item, when in zip(self.items, self.conditions, strict=True)
            if when is None or when(ev) is not False
        ]


@dataclass(frozen=True, slots=True)
class _Chosen:
    """Consecutive deadlines each dated `if_(fact == value, date, None)`, by value: only those
    of the case's value can have a date (one a municipality's system has per system), so
    the others need not be evaluated one by one."""

    fact: str
    by_value: dict[Value, tuple[tuple[Deadline, Compiled], ...]]


def _chosen_by(deadline: Deadline) -> tuple[str, Value, Expr] | None:
    """(fact, value, date) when `deadline` is dated `if_(fact == value, date, None)`."""
    date = deadline.date
    if (
        isinstance(date, If)
        and isinstance(date.otherwise, Const)
        and date.otherwise.value is None
        and isinstance(date.cond, Compare)
        and date.cond.op is Op.EQ
        and isinstance(date.cond.left, FactRef)
        and isinstance(date.cond.right, Const)
        and date.cond.right.value is not None
    ):
        return date.cond.left.fact.name, date.cond.right.value, date.then
    return None


def _deadline_plan(
    deadlines: Iterable[Deadline],
) -> tuple[tuple[Deadline, Compiled] | _Chosen, ...]:
    """The deadlines in order, with runs chosen by one fact's value grouped (see `_Chosen`):
    a deadline of the run has a date only when the fact equals its value, as `kleene_if`
    gives an unknown for an unknown or different value and a date never equals None."""
    plan: list[tuple[Deadline, Compiled] | _Chosen] = []
    for deadline in deadlines:
        chosen = _chosen_by(deadline)
        if chosen is None:
            plan.append((deadline, compiled(deadline.date)))
            continue
        fact, value, date = chosen
        last = plan[-1] if plan else None
        if not isinstance(last, _Chosen) or last.fact != fact:
            last = _Chosen(fact, {})
            plan.append(last)
        last.by_value[value] = (*last.by_value.get(value, ()), (deadline, compiled(date)))
    return tuple(plan)


def _plan(pathway: Pathway) -> _Plan:
    cached = _PLANS.get(id(pathway))
    if cached is not None and cached[0] is pathway:
        return cached[1]

    plan = _Plan(
        decisive=tuple(compiled(r.rule) for r in pathway.decisive),
        tracers=tuple(
            (r, _tracer(r.rule), _shared_requirement_traces(r)) for r in pathway.decisive
        ),
        frontier=tuple(step(r.rule) for r in pathway.decisive),
        documents=_Conditional.of(pathway.guidance.documents),
        deadlines=_deadline_plan(pathway.guidance.deadlines),
        how_to_apply=_Conditional.of(pathway.guidance.how_to_apply),
        caveats=_Conditional.of(pathway.caveats),
        factors=tuple((f, compiled(f.rule)) for f in pathway.factors),
        required=tuple(r.effect is Effect.REQUIRED for r in pathway.decisive),
        required_whatever_the_date=tuple(
            r.effect is Effect.REQUIRED and not _reads_date(r.rule) for r in pathway.decisive
        ),
        readers=_readers(pathway.decisive),
        asked=({}, {}),
    )
    _PLANS[id(pathway)] = (pathway, plan)
    return plan


def _readers(requirements: tuple[Requirement, ...]) -> dict[str, tuple[int, ...]]:
    readers: dict[str, tuple[int, ...]] = {}
    for index, requirement in enumerate(requirements):
        for fact in requirement.rule.facts:
            readers[fact.name] = (*readers.get(fact.name, ()), index)
    return readers


def _values(pathway: Pathway, ev: Evaluator) -> list[bool | None]:
    return [
        value if (value := rule(ev)) is True or value is False else None
        for rule in _plan(pathway).decisive
    ]


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
    plan = _plan(pathway)
    values = [
        value if (value := rule(ev)) is True or value is False else None for rule in plan.decisive
    ]
    possible = pathway.possible(values)
    outcome = outcome_of(possible)
    traces = [
        RequirementTrace(req, trace(ev)) if shared is None else shared[value]
        for (req, trace, shared), value in zip(plan.tracers, values, strict=True)
    ]
    questions: list[Question] = []
    gaps: list[DataGap] = []
    if outcome is _UNDETERMINED:
        questions, gaps = _frontier(pathway, ev, values)
    # What remains open: after a refusal, the routes around the failed required requirements;
    # otherwise, what a discretionary assessment weighs.
    alternatives: list[Alternative] = []
    if False in values:
        failed = [
            req for req, value in zip(pathway.decisive, values, strict=True) if value is False
        ]
        required_failed = [req for req in failed if req.effect is _REQUIRED]
        alternatives = [alt for req in (required_failed or failed) for alt in req.if_not_met]
    what_ifs = (
        find_what_ifs(pathway, case, as_of, ev, values)
        if with_what_ifs and outcome is _NOT_ELIGIBLE
        else []
    )
    deadlines: list[tuple[Deadline, dt.date]] = []
    for item in plan.deadlines:
        if isinstance(item, _Chosen):
            value = ev.case.get(item.fact)
            for deadline, date_of in item.by_value.get(value, ()) if value is not None else ():
                day = date_of(ev)
                if isinstance(day, dt.date):
                    deadlines.append((deadline, day))
            continue
        deadline, date_of = item
        day = date_of(ev)
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
        documents=plan.documents.for_case(ev),
        deadlines=deadlines,
        how_to_apply=plan.how_to_apply.for_case(ev),
        caveats=plan.caveats.for_case(ev),
        factors=[(f, _bool(value_of(ev))) for f, value_of in plan.factors],
        refer_to_legal_help=pathway.always_refer or outcome is not _ELIGIBLE,
    )


def _bool(value: MaybeValue) -> bool | None:
    return value if isinstance(value, bool) else None


Tracer = Callable[[Evaluator], RuleTrace]
_TRACERS: dict[Rule, Tracer] = {}


def _tracer(rule: Rule) -> Tracer:
    """The explanation below `rule`, built by a closure compiled once per rule."""
    tracer = _TRACERS.get(rule)
    if tracer is not None:
        return tracer
    value_of, key, effective = compiled(rule), id(rule), rule.effective
    always = effective.start is None and effective.end is None
    if not rule.subrules:
        tracer = _TRACERS[rule] = _leaf_tracer(rule, value_of, key, always)
        return tracer
    subrules = tuple(_tracer(sub) for sub in rule.subrules)
    mask = fact_bits(f.name for f in rule.facts)
    by_date: dict[dt.date, RuleTrace] = {}  # when the case knows none of the rule's facts

    def trace(ev: Evaluator) -> RuleTrace:
        explained: RuleTrace | None = ev.explained.get(key)
        if explained is not None:
            return explained
        nothing_known_below = not ev.named & mask
        if nothing_known_below:
            # The same explanation as for every case that knows none of these facts today.
            shared = by_date.get(ev.as_of)
            if shared is not None:
                ev.explained[key] = shared
                return shared
        # Rule values are memoised per case by the interpreter: read them there first.
        value = ev.rules.get(key, _MISSING)
        if value is _MISSING:
            value = value_of(ev)
        in_force = always or effective.contains(ev.as_of)
        built = RuleTrace(
            rule,
            value if value is True or value is False else None,
            in_force,
            [sub(ev) for sub in subrules] if in_force else [],
            nothing_known_below,
        )
        if nothing_known_below:
            remember(by_date, ev.as_of, built)
        ev.explained[key] = built
        return built

    tracer = _TRACERS[rule] = trace
    return tracer


_LEAF_TRACES: dict[Rule, tuple[dict[bool | None, RuleTrace], dict[bool | None, RuleTrace]]] = {}


def _leaf_traces(
    rule: Rule,
) -> tuple[dict[bool | None, RuleTrace], dict[bool | None, RuleTrace]]:
    """A rule that reads no other rule has one of six explanations (its value, in force or
    not): each is built once and shared, as every trace is (see `RuleTrace`)."""
    traces = _LEAF_TRACES.get(rule)
    if traces is None:
        traces = _LEAF_TRACES[rule] = (
            {v: RuleTrace(rule, v, True, [], True) for v in (True, False, None)},
            {v: RuleTrace(rule, v, False, [], True) for v in (True, False, None)},
        )
    return traces


def _shared_requirement_traces(
    requirement: Requirement,
) -> dict[bool | None, RequirementTrace] | None:
    """For a requirement whose rule reads no other rule and is always in force, the three
    explanations it can have, by value: the same objects for every case."""
    rule = requirement.rule
    if rule.subrules or rule.effective.start is not None or rule.effective.end is not None:
        return None
    in_force, _ = _leaf_traces(rule)
    return {value: RequirementTrace(requirement, trace) for value, trace in in_force.items()}


def _leaf_tracer(rule: Rule, value_of: Compiled, key: int, always: bool) -> Tracer:
    effective = rule.effective
    in_force, outside = _leaf_traces(rule)

    def trace(ev: Evaluator) -> RuleTrace:
        value = ev.rules.get(key, _MISSING)
        if value is _MISSING:
            value = value_of(ev)
        traces = in_force if always or effective.contains(ev.as_of) else outside
        return traces[value if value is True or value is False else None]

    return trace


# --- Next questions -------------------------------------------------------------------------


def _frontier(
    pathway: Pathway, ev: Evaluator, values: list[bool | None]
) -> tuple[list[Question], list[DataGap]]:
    walk = Walk(ev)
    # Only a requirement whose answer can still change the outcome is walked.
    plan = _plan(pathway)
    steps = plan.frontier
    for index in pathway.deciding(values):
        steps[index](walk)
    case = ev.case
    questions = []
    for fact, refine in walk.found.values():
        if fact.asked_when is not None and not _gate_open(fact, case):
            continue
        asked = plan.asked[refine]
        question = asked.get(fact.name)
        if question is None:
            reason = _REFINE if refine else _UNKNOWN
            question = asked[fact.name] = Question(fact, reason, [pathway.id])
        questions.append(question)
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
    plan = _plan(pathway)
    # A required requirement that fails whatever the date fails on every later date too: then
    # no later date can be better, and the pathway need not be evaluated on each of them.
    fails_always = False
    for value, always in zip(values, plan.required_whatever_the_date, strict=True):
        if value is False and always:
            fails_always = True
            break
    later = None if fails_always else _first_better_date(pathway, case, as_of, ev)
    if later is not None:
        results.append(later)
    failed = [
        req
        for req, value, required in zip(pathway.decisive, values, plan.required, strict=True)
        if value is False and required
    ]
    # For each failed requirement, the single changes that would make it hold; then the
    # smallest combinations of one change per failed requirement.
    options: list[list[Change]] = []
    budget = MAX_WHAT_IF_EVALUATIONS
    # The case with one fact changed, kept: with one failed requirement, each combination below
    # is one of these single changes, and what the evaluator already knows is reused.
    single: dict[int, tuple[Change, Evaluator]] = {}
    for req in failed:
        fixes: list[Change] = []
        for change in _candidate_changes(req.rule, ev):
            if budget <= 0:
                break
            budget -= 1
            trial = _changed(ev, case, as_of, {change.fact.name: change.new})
            single[id(change)] = (change, trial)
            if trial.value(req.rule) is not False:
                fixes.append(change)
        if not fixes:
            return _ranked(results)
        options.append(fixes)
    if not options:
        return _ranked(results)
    combos: Iterable[tuple[Change, ...]]
    if len(options) == 1:
        # One failed requirement (the usual refusal): each of its fixes alone.
        combos = ((fix,) for fix in options[0][:MAX_WHAT_IF_EVALUATIONS])
    else:
        combos = itertools.islice(itertools.product(*options), MAX_WHAT_IF_EVALUATIONS)
    for combo in combos:
        if len(combo) == 1:
            trial = single[id(combo[0])][1]
        else:
            names = {c.fact.name for c in combo}
            if len(names) != len(combo):
                continue
            trial = _changed(ev, case, as_of, {c.fact.name: c.new for c in combo})
        # Only the requirements that read a changed fact can change their value.
        trial_values = values.copy()
        for change in combo:
            for index in plan.readers.get(change.fact.name, ()):
                now = plan.decisive[index](trial)
                trial_values[index] = now if now is True or now is False else None
        outcome = outcome_of(pathway.possible(trial_values))
        if outcome is not _NOT_ELIGIBLE:
            results.append(WhatIf(tuple(combo), None, outcome))
        if len(results) >= MAX_WHAT_IFS:
            break
    return _ranked(results)


def _changed(ev: Evaluator, case: Case, as_of: dt.date, changes: dict[str, Value]) -> Evaluator:
    """An evaluator for `case` with some facts changed. A rule that reads none of them has the
    value it has for `case`: when `ev` evaluates that very case, those values are kept."""
    if ev.case is case and ev.as_of == as_of:
        return ev.changed(changes)
    return Evaluator({**case, **changes}, as_of)


def _ranked(results: list[WhatIf]) -> list[WhatIf]:
    if len(results) < 2:
        return results
    return sorted(results, key=lambda w: (OUTCOME_RANK[w.outcome], len(w.changes)))[:MAX_WHAT_IFS]


def _first_better_date(
    pathway: Pathway, case: Case, as_of: dt.date, ev: Evaluator
) -> WhatIf | None:
    for day in sorted(d for d in _change_dates(pathway, ev) if d > as_of):
        outcome = outcome_of(quick_outcome(pathway, case, day))
        if outcome is not Outcome.NOT_ELIGIBLE:
            return WhatIf((), day, outcome)
    return None


_READS_DATE: dict[Rule, bool] = {}


def _reads_date(rule: Rule) -> bool:
    """Whether the value of `rule` can depend on the evaluation date: it, or a rule it reads,
    has an effective period, reads the date, or looks up a dated table."""
    known = _READS_DATE.get(rule)
    if known is None:
        known = _READS_DATE[rule] = (
            rule.effective.start is not None
            or rule.effective.end is not None
            or any(
                isinstance(node, AsOf | Lookup)
                or (node is not rule and isinstance(node, Rule) and _reads_date(node))
                for node in rule.expr.walk()
            )
        )
    return known


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
