"""All pathways zairyu screens, and the facts and constraints they share."""

from __future__ import annotations

from zairyu.engine.pathway import Pathway
from zairyu.law import same_sex_spouse
from zairyu.law.facts import CONSTRAINTS, FACTS

PATHWAYS: tuple[Pathway, ...] = (same_sex_spouse.PATHWAY,)

__all__ = ["CONSTRAINTS", "FACTS", "PATHWAYS"]
