"""A pathway: a target status, the requirements that decide its outcome, and what to do next.

Two kinds of requirement decide the outcome, as a guideline reads:
- a *required* requirement that fails makes the pathway ``not_eligible``;
- a *standard* requirement is what the published practice grants on; when it fails but every
  required one holds, only a case-by-case assessment can decide: ``discretionary``.
Every requirement held: ``eligible`` (the grant itself may still be the Minister's discretion).
With unknowns, the engine computes the set of outcomes still possible; one possible outcome is
the answer, several are ``undetermined``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from zairyu.engine.citations import Citation
from zairyu.engine.expr import Const, Expr, FactRef, Period, Rule
from zairyu.engine.facts import Fact
from zairyu.engine.text import Text


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    DISCRETIONARY = "discretionary"
    NOT_ELIGIBLE = "not_eligible"
    UNDETERMINED = "undetermined"


# Best first, for ordering pathways and what-ifs.
OUTCOME_RANK = {
    Outcome.ELIGIBLE: 0,
    Outcome.DISCRETIONARY: 1,
    Outcome.UNDETERMINED: 2,
    Outcome.NOT_ELIGIBLE: 3,
}


class Effect(StrEnum):
    REQUIRED = "required"  # fails -> not eligible
    STANDARD = "standard"  # fails -> discretionary assessment


@dataclass(frozen=True, slots=True)
class Alternative:
    """What remains open when a requirement fails: another route, a court case, help."""

    text: Text
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    rule: Rule
    effect: Effect
    if_not_met: tuple[Alternative, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    text: Text
    citations: tuple[Citation, ...]
    # Only listed when this rule may hold for the case (None: always listed).
    when: Rule | None = None


class DeadlineKind(StrEnum):
    DUE = "due"  # the last day to act
    OPENS = "opens"  # the first day one may act


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date computed from the facts: by which something must be done, or from which it may."""

    id: str
    text: Text
    date: Expr
    citations: tuple[Citation, ...]
    kind: DeadlineKind = DeadlineKind.DUE


@dataclass(frozen=True, slots=True)
class GuidanceItem:
    id: str
    text: Text
    citations: tuple[Citation, ...]
    # Only stated when this rule may hold for the case (None: always stated).
    when: Rule | None = None


@dataclass(frozen=True, slots=True)
class Guidance:
    how_to_apply: tuple[GuidanceItem, ...]
    documents: tuple[Document, ...]
    deadlines: tuple[Deadline, ...] = ()
    # The procedure in `data/procedures.csv`: where to file, processing period, fee by date.
    procedure: str | None = None


class Weight(StrEnum):
    FAVOURABLE = "favourable"
    UNFAVOURABLE = "unfavourable"


@dataclass(frozen=True, slots=True)
class Factor:
    """Something a discretionary decision weighs, for or against; it decides no outcome alone."""

    rule: Rule
    weight: Weight


@dataclass(frozen=True, slots=True)
class Pathway:
    id: str
    title: Text
    # The status of residence the pathway leads to; None when it leads to none (a municipal
    # partnership certificate changes no immigration status).
    target_status: str | None
    summary: Text
    in_force: Rule
    requirements: tuple[Requirement, ...]
    guidance: Guidance
    caveats: tuple[GuidanceItem, ...] = ()
    factors: tuple[Factor, ...] = ()
    # The best outcome the law allows: DISCRETIONARY where no published rule ever entitles
    # anyone (special permission to stay), so meeting every requirement still means assessment.
    ceiling: Outcome = Outcome.ELIGIBLE
    # Topics (`serves` in data/support_organisations.csv) for which to name legal help; and
    # whether to name it whatever the outcome (asylum: never a bare "no").
    help_topics: tuple[str, ...] = ("immigration",)
    always_refer: bool = False
    facts: tuple[Fact, ...] = field(init=False, default=())
    # The requirements in the order the outcome reads them: "in force" first.
    decisive: tuple[Requirement, ...] = field(init=False, default=())
    required_positions: tuple[int, ...] = field(init=False, default=())
    standard_positions: tuple[int, ...] = field(init=False, default=())
    # possible() by requirement values: at most 3**n entries, in practice a few dozen.
    _possible_memo: dict[tuple[bool | None, ...], frozenset[Outcome]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )
    _deciding_memo: dict[tuple[bool | None, ...], tuple[int, ...]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        seen: dict[str, Fact] = {}
        if self.ceiling not in (Outcome.ELIGIBLE, Outcome.DISCRETIONARY):
            raise ValueError(f"{self.id}: a ceiling is eligible or discretionary")
        for rule in self.rules():
            for fact in rule.facts:
                seen.setdefault(fact.name, fact)
        # A deadline may read a fact no requirement reads (the date a refusal was notified).
        for deadline in self.guidance.deadlines:
            for node in deadline.date.walk():
                if isinstance(node, Rule):
                    for fact in node.facts:
                        seen.setdefault(fact.name, fact)
                elif isinstance(node, FactRef):
                    seen.setdefault(node.fact.name, node.fact)
        decisive = (Requirement(self.in_force, Effect.REQUIRED), *self.requirements)
        object.__setattr__(self, "facts", tuple(seen.values()))
        object.__setattr__(self, "decisive", decisive)
        object.__setattr__(
            self,
            "required_positions",
            tuple(i for i, r in enumerate(decisive) if r.effect is Effect.REQUIRED),
        )
        object.__setattr__(
            self,
            "standard_positions",
            tuple(i for i, r in enumerate(decisive) if r.effect is Effect.STANDARD),
        )

    def rules(self) -> tuple[Rule, ...]:
        """Every rule the pathway reads: requirements, then factors and conditions of advice."""
        items: list[GuidanceItem | Document] = [
            *self.guidance.how_to_apply,
            *self.guidance.documents,
            *self.caveats,
        ]
        conditions = [item.when for item in items if item.when is not None]
        return (
            self.in_force,
            *(r.rule for r in self.requirements),
            *(f.rule for f in self.factors),
            *dict.fromkeys(conditions),
        )

    def possible(self, values: Sequence[bool | None]) -> frozenset[Outcome]:
        """The outcomes still possible given the values of `decisive`, in order."""
        key = tuple(values)
        found = self._possible_memo.get(key)
        if found is None:
            found = self._possible_memo[key] = self._possible(key)
        return found

    def deciding(self, values: Sequence[bool | None]) -> tuple[int, ...]:
        """The positions in `decisive` of the unknown requirements whose answer can still change
        the possible outcomes."""
        key = tuple(values)
        found = self._deciding_memo.get(key)
        if found is None:
            found = self._deciding_memo[key] = tuple(
                index
                for index, value in enumerate(key)
                if value is None
                and self.possible((*key[:index], True, *key[index + 1 :]))
                != self.possible((*key[:index], False, *key[index + 1 :]))
            )
        return found

    def _possible(self, values: Sequence[bool | None]) -> frozenset[Outcome]:
        possible = possible_outcomes(
            [values[i] for i in self.required_positions],
            [values[i] for i in self.standard_positions],
        )
        if self.ceiling is Outcome.DISCRETIONARY and Outcome.ELIGIBLE in possible:
            return (possible - _ELIGIBLE) | _DISCRETIONARY
        return possible

    @property
    def period(self) -> Period:
        return self.in_force.effective


def possible_outcomes(
    required: Sequence[bool | None], standard: Sequence[bool | None]
) -> frozenset[Outcome]:
    """The outcomes still possible given three-valued requirement values."""
    if False in required:
        return _ONLY_NOT_ELIGIBLE
    possible: set[Outcome] = set()
    if None in required:
        possible.add(Outcome.NOT_ELIGIBLE)
    if False not in standard:
        possible.add(Outcome.ELIGIBLE)
    if False in standard or None in standard:
        possible.add(Outcome.DISCRETIONARY)
    return frozenset(possible)


_ONLY_NOT_ELIGIBLE = frozenset({Outcome.NOT_ELIGIBLE})
_ELIGIBLE = frozenset({Outcome.ELIGIBLE})
_DISCRETIONARY = frozenset({Outcome.DISCRETIONARY})


def outcome_of(possible: frozenset[Outcome]) -> Outcome:
    if len(possible) == 1:
        return next(iter(possible))
    return _UNDETERMINED


# Read per case: a module constant is read ten times faster than an Enum class attribute.
_UNDETERMINED = Outcome.UNDETERMINED


def improves(new: Outcome, old: Outcome) -> bool:
    return OUTCOME_RANK[new] < OUTCOME_RANK[old]


def in_force_rule(
    pathway_id: str, text: Text, start: dt.date, citations: tuple[Citation, ...]
) -> Rule:
    """The rule "the basis of this pathway is in force on the evaluation date"."""
    return Rule(
        id=f"{pathway_id}.in_force",
        text=text,
        expr=Const(True),
        citations=citations,
        effective=Period(start=start),
        outside=False,
    )
