"""The interview's state and its next question, independent of HTTP.

An interview is the answers given so far and the order the questions were asked. An answer of
"I don't know" is kept as ``None``: the fact stays unknown, and the question is not asked again.
The next question is always the engine's top-ranked question that has not been asked, so nobody
is asked anything that cannot change an outcome.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from zairyu.engine.case import parse_case
from zairyu.engine.determine import Question, Reason
from zairyu.engine.facts import Fact, MaybeValue
from zairyu.engine.screen import Screening, screen
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS

Saved = bool | int | str | None
"""An answer as saved: dates as ISO text, codes and choices as their value, None for unknown."""

REFINE_SUFFIX = "#refine"


def question_key(fact: Fact, reason: Reason) -> str:
    """A question is a fact, or a fact asked again more precisely (which part of the UK?)."""
    return fact.name + REFINE_SUFFIX if reason is Reason.REFINE else fact.name


def fact_of(key: str) -> str:
    return key.removesuffix(REFINE_SUFFIX)


PATHWAY_IDS = tuple(p.id for p in PATHWAYS)


@dataclass(slots=True)
class Interview:
    answers: dict[str, Saved] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    # The pathways the person wants checked: only their questions are asked.
    pathways: list[str] = field(default_factory=lambda: list(PATHWAY_IDS))

    def to_json(self) -> bytes:
        return json.dumps(
            {"answers": self.answers, "asked": self.asked, "pathways": self.pathways}
        ).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Interview:
        data = json.loads(raw)
        chosen = [p for p in data.get("pathways", PATHWAY_IDS) if p in PATHWAY_IDS]
        return cls(answers=dict(data["answers"]), asked=list(data["asked"]), pathways=chosen)

    def case(self, as_of: dt.date) -> dict[str, MaybeValue]:
        """The known answers as a checked case (raises CaseError if they contradict)."""
        known = {k: v for k, v in self.answers.items() if v is not None}
        return parse_case(known, FACTS, CONSTRAINTS, as_of)

    def record(self, key: str, value: Saved) -> None:
        name = fact_of(key)
        if not (key != name and value is None):  # "I don't know" to a refinement keeps the answer
            self.answers[name] = value
        if key not in self.asked:  # a changed answer keeps its place on "check your answers"
            self.asked.append(key)
        self._forget_unreachable()

    def _forget_unreachable(self) -> None:
        """Drop answers to questions only asked when another answer had a value it no longer
        has (a second nationality, after "no" to holding one)."""
        changed = True
        while changed:
            changed = False
            for name in list(self.answers):
                gate = FACTS[name].asked_when
                if gate is None:
                    continue
                gate_value = self.answers.get(gate[0])
                if gate_value is not None and FACTS[gate[0]].parse(gate_value) != gate[1]:
                    del self.answers[name]
                    self.asked = [k for k in self.asked if fact_of(k) != name]
                    changed = True

    def previous(self, key: str) -> str | None:
        """The question asked before `key` (for the back link)."""
        if key in self.asked:
            index = self.asked.index(key)
            return self.asked[index - 1] if index > 0 else None
        return self.asked[-1] if self.asked else None


def screening(interview: Interview, as_of: dt.date, *, with_what_ifs: bool) -> Screening:
    chosen = [p for p in PATHWAYS if p.id in interview.pathways] or list(PATHWAYS)
    return screen(chosen, interview.case(as_of), as_of, with_what_ifs=with_what_ifs)


def next_question(interview: Interview, as_of: dt.date) -> Question | None:
    for question in screening(interview, as_of, with_what_ifs=False).questions:
        if question_key(question.fact, question.reason) not in interview.asked:
            return question
    return None


def unasked(interview: Interview, as_of: dt.date) -> int:
    """How many questions that could still change an outcome have not been asked."""
    return sum(
        question_key(q.fact, q.reason) not in interview.asked
        for q in screening(interview, as_of, with_what_ifs=False).questions
    )
