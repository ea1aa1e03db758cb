"""Screening: every pathway for one case, best outcome first, with one ranked list of questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from zairyu.engine.determine import Case, Determination, Question, determine
from zairyu.engine.interpret import Evaluator
from zairyu.engine.pathway import OUTCOME_RANK, Pathway


@dataclass(slots=True)
class Screening:
    as_of: dt.date
    determinations: list[Determination]
    questions: list[Question]


def screen(
    pathways: Sequence[Pathway], case: Case, as_of: dt.date, *, with_what_ifs: bool = True
) -> Screening:
    shared = Evaluator(case, as_of)
    determinations = [
        determine(p, case, as_of, with_what_ifs=with_what_ifs, evaluator=shared) for p in pathways
    ]
    return Screening(
        as_of=as_of,
        determinations=sorted(determinations, key=lambda d: OUTCOME_RANK[d.outcome]),
        questions=rank_questions(determinations),
    )


def rank_questions(determinations: Sequence[Determination]) -> list[Question]:
    """One list: a fact that can decide more pathways first; then the order the rules ask it."""
    if len(determinations) == 1:
        # Each question decides this one pathway: the order is the rules' own.
        return list(determinations[0].questions)
    merged: dict[str, Question] = {}
    order: dict[str, int] = {}
    # A question asked by one pathway alone is that pathway's own object; one asked by several
    # is a copy, made when the second asks it, so that the determinations stay as they were.
    copied: set[str] = set()
    for determination in determinations:
        for position, question in enumerate(determination.questions):
            name = question.fact.name
            known = merged.get(name)
            if known is None:
                merged[name] = question
                order[name] = position
            else:
                if name not in copied:
                    copied.add(name)
                    known = merged[name] = Question(known.fact, known.reason, list(known.pathways))
                pathways = known.pathways
                for pathway in question.pathways:
                    if pathway not in pathways:
                        pathways.append(pathway)
                if position < order[name]:
                    order[name] = position
    return sorted(merged.values(), key=lambda q: (-len(q.pathways), order[q.fact.name]))
