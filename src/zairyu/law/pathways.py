"""All pathways zairyu screens, and the facts and constraints they share.

Each law module defines its pathway and the facts only it reads; facts several pathways read
live in `zairyu.law.facts`. The catalogue here is the union, and a fact name defined twice
(two different definitions) is an error at import.
"""

from __future__ import annotations

from collections.abc import Iterable

from zairyu.engine.case import Constraint
from zairyu.engine.facts import Fact, FactSet
from zairyu.engine.pathway import Pathway
from zairyu.law import (
    asylum,
    long_term_resident,
    partners_of_japanese,
    partnership_certificate,
    permanent_residence,
    same_sex_spouse,
    special_permission,
)
from zairyu.law.facts import CONSTRAINTS as SHARED_CONSTRAINTS
from zairyu.law.facts import SHARED_FACTS

_MODULES = (
    permanent_residence,
    long_term_resident,
    asylum,
    special_permission,
    partners_of_japanese,
    partnership_certificate,
)

PATHWAYS: tuple[Pathway, ...] = (
    same_sex_spouse.PATHWAY,
    *(p for m in _MODULES for p in m.PATHWAYS),
)

CONSTRAINTS: tuple[Constraint, ...] = (
    *SHARED_CONSTRAINTS,
    *(c for m in _MODULES for c in m.CONSTRAINTS),
)


def _catalogue(facts: Iterable[Fact]) -> FactSet:
    unique: dict[str, Fact] = {}
    for fact in facts:
        known = unique.setdefault(fact.name, fact)
        if known is not fact:
            raise ValueError(f"fact {fact.name} is defined twice, differently")
    return FactSet(unique.values())


FACTS = _catalogue([*SHARED_FACTS, *(f for p in PATHWAYS for f in p.facts)])

__all__ = ["CONSTRAINTS", "FACTS", "PATHWAYS"]
