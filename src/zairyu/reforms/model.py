"""A reform is data: the rules it replaces, the rules that replace them, and why.

Applying a reform to the pathways gives new pathways in which every rule named by the reform is
replaced, wherever it is used (as a requirement, inside another rule, in a factor or in a piece
of advice); the rules that contain a replaced rule are rebuilt around the replacement with their
own ids, and every other rule stays the very same object. Nothing in `zairyu.law` changes.

A reform may instead (or as well) compare the law on two dates: an enacted amendment with a
later effective date is already in `law/`, dated, and encoding it a second time as a
"replacement" would put two versions of the same law in the code. `compare_dates` says which two
days to compare; `indicators` are rules (typically the law's own) whose truth is counted on both
days, for effects that are not a pathway (a ground for revoking a status one holds).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from zairyu.engine.citations import Citation
from zairyu.engine.expr import Expr, Rule
from zairyu.engine.pathway import (
    Deadline,
    Document,
    Factor,
    Guidance,
    GuidanceItem,
    Pathway,
    Requirement,
)
from zairyu.engine.text import Text


class ReformError(ValueError):
    """A reform that cannot be applied as written: the message names the reform and the rule."""


class ReformStatus(StrEnum):
    PROPOSAL = "proposal"  # not enacted: a model of what has been proposed or argued for
    HYPOTHETICAL = "hypothetical"  # not enacted and no formal proposal found: a question asked
    ENACTED = "enacted"  # law already, perhaps not yet in force


@dataclass(frozen=True, slots=True)
class Replacement:
    replaces: str  # the id of a rule in `law/`
    rule: Rule  # its replacement, with an id of its own and the reform's citations
    why: Text


@dataclass(frozen=True, slots=True)
class Reform:
    name: str
    title: Text
    rationale: Text
    status: ReformStatus
    citations: tuple[Citation, ...]
    replacements: tuple[Replacement, ...] = ()
    # (before, after): the law compared on two dates instead of one date with two laws.
    compare_dates: tuple[dt.date, dt.date] | None = None
    indicators: tuple[Rule, ...] = ()
    # Pathways whose counts the reform is about (all pathways are evaluated and saved).
    focus: tuple[str, ...] = ()
    caveats: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        if not self.citations:
            raise ReformError(f"reform {self.name}: a reform cites what it models")
        if not self.replacements and self.compare_dates is None:
            raise ReformError(f"reform {self.name}: replaces no rule and compares no dates")
        replaced = [r.replaces for r in self.replacements]
        if len(set(replaced)) != len(replaced):
            raise ReformError(f"reform {self.name}: a rule is replaced twice")
        if self.compare_dates is not None and self.compare_dates[0] >= self.compare_dates[1]:
            raise ReformError(f"reform {self.name}: the dates compared are not in order")

    @property
    def mapping(self) -> dict[str, Rule]:
        return {r.replaces: r.rule for r in self.replacements}


def rule_ids(pathways: Iterable[Pathway]) -> set[str]:
    """The id of every rule the pathways read, at any depth."""
    found: set[str] = set()

    def visit(rule: Rule) -> None:
        if rule.id not in found:
            found.add(rule.id)
            for sub in rule.subrules:
                visit(sub)

    for pathway in pathways:
        for rule in pathway.rules():
            visit(rule)
        for deadline in pathway.guidance.deadlines:
            for node in deadline.date.walk():
                if isinstance(node, Rule):
                    visit(node)
    return found


_E = TypeVar("_E", bound=Expr)


class _Substitution:
    """Rebuilds expression trees with some rules replaced; each node is rebuilt at most once,
    so that a rule shared by several pathways stays one object after the reform too."""

    def __init__(self, mapping: Mapping[str, Rule]) -> None:
        self.mapping = mapping
        self.memo: dict[int, Expr] = {}
        self.used: set[str] = set()

    def expr(self, node: _E) -> _E:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = self._rebuild(node)
        return self.memo[key]  # type: ignore[return-value]

    def _rebuild(self, node: Expr) -> Expr:
        if isinstance(node, Rule) and node.id in self.mapping:
            self.used.add(node.id)
            return self.mapping[node.id]
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(node):  # type: ignore[arg-type]
            if not item.init:
                continue
            value = getattr(node, item.name)
            new = self._value(value)
            if new is not value:
                changes[item.name] = new
        return dataclasses.replace(node, **changes) if changes else node  # type: ignore[type-var]

    def _value(self, value: Any) -> Any:
        if isinstance(value, Expr):
            return self.expr(value)
        if isinstance(value, tuple) and any(isinstance(v, Expr) for v in value):
            rebuilt = tuple(self._value(v) for v in value)
            return value if all(a is b for a, b in zip(rebuilt, value, strict=True)) else rebuilt
        return value

    def rule(self, rule: Rule) -> Rule:
        new = self.expr(rule)
        assert isinstance(new, Rule)
        return new

    def optional(self, rule: Rule | None) -> Rule | None:
        return None if rule is None else self.rule(rule)

    def pathway(self, pathway: Pathway) -> Pathway:
        def item(x: GuidanceItem) -> GuidanceItem:
            return dataclasses.replace(x, when=self.optional(x.when))

        def document(x: Document) -> Document:
            return dataclasses.replace(x, when=self.optional(x.when))

        def deadline(x: Deadline) -> Deadline:
            return dataclasses.replace(x, date=self.expr(x.date))

        guidance = pathway.guidance
        return dataclasses.replace(
            pathway,
            in_force=self.rule(pathway.in_force),
            requirements=tuple(
                Requirement(self.rule(r.rule), r.effect, r.if_not_met) for r in pathway.requirements
            ),
            factors=tuple(Factor(self.rule(f.rule), f.weight) for f in pathway.factors),
            caveats=tuple(item(c) for c in pathway.caveats),
            guidance=Guidance(
                how_to_apply=tuple(item(i) for i in guidance.how_to_apply),
                documents=tuple(document(d) for d in guidance.documents),
                deadlines=tuple(deadline(d) for d in guidance.deadlines),
                procedure=guidance.procedure,
            ),
        )


def apply_reform(reform: Reform, pathways: Sequence[Pathway]) -> tuple[Pathway, ...]:
    """The pathways with the reform's replacements made; an id no pathway reads is an error."""
    known = rule_ids(pathways)
    unknown = sorted(set(reform.mapping) - known)
    if unknown:
        raise ReformError(
            f"reform {reform.name}: no pathway has a rule {', '.join(unknown)} to replace"
        )
    clashes = sorted({r.rule.id for r in reform.replacements} & (known - set(reform.mapping)))
    if clashes:
        raise ReformError(
            f"reform {reform.name}: a replacement reuses the id of a rule in force: {', '.join(clashes)}"
        )
    if not reform.mapping:
        return tuple(pathways)
    substitution = _Substitution(reform.mapping)
    return tuple(substitution.pathway(p) for p in pathways)
