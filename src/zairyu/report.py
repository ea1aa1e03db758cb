"""The stable, documented result of a screening, in one language (JSON schema from Pydantic).

`docs/screening.schema.json` is generated from these models and checked by the tests, so a
change to the output is a visible change to that file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal, TypeVar, cast

from babel.dates import format_date as babel_format_date
from pydantic import BaseModel, ConfigDict, Field

from zairyu import __version__
from zairyu.data.procedures import fee_on, organisations_for, procedures
from zairyu.engine.citations import Citation
from zairyu.engine.determine import Determination, Question, RuleTrace, WhatIf
from zairyu.engine.facts import Fact, MaybeValue
from zairyu.engine.pathway import Outcome, Pathway, Requirement
from zairyu.engine.screen import Screening
from zairyu.engine.text import Lang, Text
from zairyu.i18n import translations
from zairyu.law.facts import STATUSES
from zairyu.law.pathways import FACTS

Status = Literal["held", "failed", "unknown", "not_in_force"]
JsonValue = bool | int | str | None


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CitationOut(Model):
    id: str
    title: str
    section: str
    url: str
    kind: Literal["official", "secondary", "unconfirmed"]


class AlternativeOut(Model):
    text: str
    citations: list[str]


class RequirementOut(Model):
    id: str
    text: str
    effect: Literal["required", "standard"] | None = Field(
        description="required: failing it means not eligible; standard: failing it means a "
        "discretionary assessment; null for a sub-rule"
    )
    status: Status
    citations: list[str]
    children: list[RequirementOut]
    if_not_met: list[AlternativeOut]


class ChoiceOut(Model):
    value: str
    label: str


class QuestionOut(Model):
    fact: str
    type: str
    question: str
    help: str
    reason: Literal["unknown", "refine"]
    choices: list[ChoiceOut]
    pathways: list[str]


class ChangeOut(Model):
    fact: str
    question: str
    old: JsonValue = Field(description="the value now; null if unknown")
    new: JsonValue


class WhatIfOut(Model):
    changes: list[ChangeOut]
    from_date: dt.date | None = Field(description="the first date on which the outcome improves")
    outcome: Literal["eligible", "discretionary", "undetermined"]
    text: str


class ItemOut(Model):
    id: str
    text: str
    citations: list[str]


class DeadlineOut(Model):
    id: str
    text: str
    date: dt.date
    kind: Literal["due", "opens"] = Field(
        description="due: the last day to act; opens: the first day one may act"
    )
    citations: list[str]


class FactorOut(Model):
    id: str
    text: str
    weight: Literal["favourable", "unfavourable"]
    status: Literal["held", "failed", "unknown"] = Field(
        description="held: the factor applies to this case; failed: it does not; unknown"
    )
    citations: list[str]


class FeeOut(Model):
    counter_yen: int
    online_yen: int | None = Field(description="null: no separate online fee or no online filing")
    citations: list[str]


class ProcedureOut(Model):
    id: str
    name: str
    office: str
    processing: str
    fee: FeeOut | None = Field(description="the fee on the evaluation date; null if not known")
    citations: list[str]


class OrganisationOut(Model):
    id: str
    name: str
    kind: str
    languages: list[str]
    url: str
    citations: list[str]


class LegalHelpOut(Model):
    text: str
    organisations: list[OrganisationOut]


class DataGapOut(Model):
    table: str
    key: str
    date: dt.date
    text: str


class TargetStatusOut(Model):
    code: str
    name: str


class PathwayOut(Model):
    id: str
    title: str
    target_status: TargetStatusOut | None = Field(
        description="the status of residence this pathway leads to; null if it leads to none"
    )
    outcome: Literal["eligible", "discretionary", "not_eligible", "undetermined"]
    possible_outcomes: list[Literal["eligible", "discretionary", "not_eligible"]]
    outcome_text: str
    summary: str
    requirements: list[RequirementOut]
    citations: list[CitationOut]
    next_questions: list[QuestionOut]
    what_ifs: list[WhatIfOut]
    alternatives: list[AlternativeOut]
    data_gaps: list[DataGapOut]
    how_to_apply: list[ItemOut]
    documents: list[ItemOut]
    deadlines: list[DeadlineOut]
    procedure: ProcedureOut | None
    factors: list[FactorOut] = Field(
        description="what a discretionary decision weighs for or against, and whether it applies"
    )
    caveats: list[ItemOut]
    legal_help: LegalHelpOut


class ScreeningOut(Model):
    zairyu_version: str
    as_of: dt.date
    lang: Literal["ja", "en"]
    pathways: list[PathwayOut]
    next_questions: list[QuestionOut]


def json_value(value: MaybeValue) -> JsonValue:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def outcome_text(outcome: Outcome, lang: Lang) -> str:
    _ = translations(lang).gettext
    return {
        Outcome.ELIGIBLE: _("Eligible: the published requirements are met"),
        Outcome.DISCRETIONARY: _("Discretionary: only a case-by-case assessment can decide"),
        Outcome.NOT_ELIGIBLE: _("Not eligible for this pathway"),
        Outcome.UNDETERMINED: _("Undetermined: it depends on information not yet given"),
    }[outcome]


# --- the result as JSON-ready dicts ---------------------------------------------------------------
#
# The result is built once as plain dicts in the shape of the models above (dates as ISO
# strings), so the API can write it without building ~1,000 model objects per request, and the
# models validate the same dicts for everyone else (`screening_out`). Most of a result is text
# that depends only on the law and the language, not on the case: it is looked up once per
# object and language (`_memo`) and kept as immutable strings and tuples, so every result gets
# fresh dicts and lists and no caller can change what the next result says.

Json = dict[str, Any]
_T = TypeVar("_T")
# (what is built, id of a law object, language) -> (the object, what was built for it). Holding
# the object keeps its id from being reused; law objects live as long as the process anyway, so
# this holds at most one entry per rule, fact, item and citation and language.
_MEMO: dict[tuple[str, int, str], tuple[object, Any]] = {}


def _memo(kind: str, source: object, lang: Lang, build: Callable[[], _T]) -> _T:
    key = (kind, id(source), lang)
    entry = _MEMO.get(key)
    if entry is None:
        entry = _MEMO[key] = (source, build())
    return cast(_T, entry[1])


def _cite(citations: tuple[Citation, ...], seen: dict[str, Citation]) -> list[str]:
    """The ids of `citations`, noting each in `seen` (the pathway's citation list, in order)."""
    for citation in citations:
        seen.setdefault(citation.id, citation)
    return [c.id for c in citations]


def _citation_json(citation: Citation, lang: Lang) -> Json:
    title, section, kind = _memo(
        "citation",
        citation,
        lang,
        lambda: (citation.title(lang), citation.section(lang), citation.kind.value),
    )
    return {
        "id": citation.id,
        "title": title,
        "section": section,
        "url": citation.url,
        "kind": kind,
    }


def _texted(
    source: object,
    text: Text,
    citations: tuple[Citation, ...],
    lang: Lang,
    seen: dict[str, Citation],
) -> tuple[str, list[str]]:
    """The text and citation ids of a rule, alternative, item or deadline: the same for every
    case. Run for every node of every result, hence `_memo` written out here."""
    key = ("texted", id(source), lang)
    entry = _MEMO.get(key)
    if entry is None:
        entry = _MEMO[key] = (source, (text(lang), tuple(c.id for c in citations)))
    words, ids = entry[1]
    for citation in citations:
        if citation.id not in seen:
            seen[citation.id] = citation
    return words, list(ids)


def _texted_json(
    source: object,
    text: Text,
    citations: tuple[Citation, ...],
    lang: Lang,
    seen: dict[str, Citation],
) -> Json:
    words, ids = _texted(source, text, citations, lang, seen)
    return {"text": words, "citations": ids}


def _status(trace: RuleTrace) -> Status:
    if not trace.in_force:
        return "not_in_force"
    return {True: "held", False: "failed", None: "unknown"}[trace.value]  # type: ignore[return-value]


def _requirement_json(
    trace: RuleTrace,
    requirement: Requirement | None,
    lang: Lang,
    seen: dict[str, Citation],
    sub_rules: bool = True,
) -> Json:
    rule = trace.rule
    text, citations = _texted(rule, rule.text, rule.citations, lang, seen)
    alternatives = (
        requirement.if_not_met if requirement is not None and trace.value is False else ()
    )
    return {
        "id": rule.id,
        "text": text,
        "effect": None if requirement is None else requirement.effect.value,
        "status": _status(trace),
        "citations": citations,
        "children": [_requirement_json(child, None, lang, seen) for child in trace.children]
        if sub_rules
        else [],
        "if_not_met": [_texted_json(a, a.text, a.citations, lang, seen) for a in alternatives],
    }


def _fact_texts(fact: Fact, lang: Lang) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A fact's question, help and choices (value, label): the same for every case."""
    return _memo(
        "fact",
        fact,
        lang,
        lambda: (
            fact.question(lang),
            fact.help(lang),
            tuple((c.value, c.label(lang)) for c in fact.choices),
        ),
    )


def question_json(question: Question, lang: Lang) -> Json:
    fact = question.fact
    asked, helped, choices = _fact_texts(fact, lang)
    return {
        "fact": fact.name,
        "type": fact.type.value,
        "question": asked,
        "help": helped,
        "reason": question.reason.value,
        "choices": [{"value": value, "label": label} for value, label in choices],
        "pathways": list(question.pathways),
    }


def _what_if_text(what_if: WhatIf, lang: Lang) -> str:
    _ = translations(lang).gettext
    outcome = outcome_text(what_if.outcome, lang)
    if what_if.from_date is not None:
        return _("From {date}: {outcome}").format(
            date=format_date(what_if.from_date, lang), outcome=outcome
        )
    changes = "; ".join(
        f"{c.fact.question(lang)} → {display_value(c.fact.name, c.new, lang)}"
        for c in what_if.changes
    )
    return _("If {changes}: {outcome}").format(changes=changes, outcome=outcome)


def _what_if_json(what_if: WhatIf, lang: Lang) -> Json:
    return {
        "changes": [
            {
                "fact": c.fact.name,
                "question": c.fact.question(lang),
                "old": json_value(c.old),
                "new": json_value(c.new),
            }
            for c in what_if.changes
        ],
        "from_date": None if what_if.from_date is None else what_if.from_date.isoformat(),
        "outcome": what_if.outcome.value,
        "text": _what_if_text(what_if, lang),
    }


def display_value(fact_name: str, value: MaybeValue, lang: Lang) -> str:
    _ = translations(lang).gettext
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    fact = FACTS.get(fact_name)
    if (
        fact is not None
        and fact.codes is not None
        and isinstance(value, str)
        and value in fact.codes.names
    ):
        return f"{fact.codes.label(value)(lang)} ({value})"
    if fact is not None and fact.choices:
        for choice in fact.choices:
            if choice.value == value:
                return choice.label(lang)
    return str(value)


def format_date(day: dt.date, lang: Lang) -> str:
    """A date as people write it: 2026年11月22日, 22 November 2026 (Babel, CLDR)."""
    return str(babel_format_date(day, format="long", locale="ja" if lang == "ja" else "en_GB"))


def _legal_help_json(determination: Determination, lang: Lang, seen: dict[str, Citation]) -> Json:
    _ = translations(lang).gettext
    if not determination.refer_to_legal_help:
        return {
            "text": _(
                "The grant remains at the Minister's discretion. An administrative scrivener or lawyer can check your application."
            ),
            "organisations": [],
        }
    organisations = organisations_for(determination.pathway.help_topics)
    return {
        "text": _(
            "This is not legal advice. These organisations give free or low-cost consultation; ask"
            " them before you act, especially before a deadline."
        ),
        "organisations": [
            {
                "id": o.id,
                "name": o.name(lang),
                "kind": o.kind,
                "languages": list(o.languages),
                "url": o.contact_url,
                "citations": _cite((o.citation,), seen),
            }
            for o in organisations
        ],
    }


def _procedure_json(
    determination: Determination, lang: Lang, seen: dict[str, Citation]
) -> Json | None:
    procedure_id = determination.pathway.guidance.procedure
    if procedure_id is None:
        return None
    procedure = procedures()[procedure_id]
    fee = fee_on(procedure_id, determination.as_of)
    return {
        "id": procedure.id,
        "name": procedure.name(lang),
        "office": procedure.office(lang),
        "processing": procedure.processing(lang),
        "fee": None
        if fee is None
        else {
            "counter_yen": fee.counter_yen,
            "online_yen": fee.online_yen,
            "citations": _cite((fee.citation,), seen),
        },
        "citations": _cite((procedure.citation,), seen),
    }


def _item_json(
    item_id: str, source: object, text: Text, citations: tuple[Citation, ...], lang: Lang,
    seen: dict[str, Citation],
) -> Json:  # fmt: skip
    static = _texted_json(source, text, citations, lang, seen)
    return {"id": item_id, "text": static["text"], "citations": static["citations"]}


def _pathway_head_json(pathway: Pathway, lang: Lang) -> Json:
    """What a pathway's result says whatever the case: its title, status and summary."""
    target = pathway.target_status
    title, status_name, summary = _memo(
        "pathway",
        pathway,
        lang,
        lambda: (
            pathway.title(lang),
            None if target is None else STATUSES.label(target)(lang),
            pathway.summary(lang),
        ),
    )
    return {
        "id": pathway.id,
        "title": title,
        "target_status": None if target is None else {"code": target, "name": status_name},
        "summary": summary,
    }


def pathway_json(determination: Determination, lang: Lang, *, sub_rules: bool = True) -> Json:
    """One pathway's result in the shape of `PathwayOut`, with dates as ISO strings; without
    `sub_rules`, each requirement comes without the rules it is made of (and the citation list
    without the sources only those cite)."""
    _ = translations(lang).gettext
    head = _pathway_head_json(determination.pathway, lang)
    seen: dict[str, Citation] = {}
    requirements = [
        _requirement_json(rt.trace, rt.requirement, lang, seen, sub_rules)
        for rt in determination.requirements
    ]
    alternatives = [
        _texted_json(a, a.text, a.citations, lang, seen) for a in determination.alternatives
    ]
    how = [_item_json(i.id, i, i.text, i.citations, lang, seen) for i in determination.how_to_apply]
    documents = [
        _item_json(f"document.{n}", d, d.text, d.citations, lang, seen)
        for n, d in enumerate(determination.documents, start=1)
    ]
    deadlines = []
    for deadline, day in determination.deadlines:
        static = _texted_json(deadline, deadline.text, deadline.citations, lang, seen)
        deadlines.append(
            {
                "id": deadline.id,
                "text": static["text"],
                "date": day.isoformat(),
                "kind": deadline.kind.value,
                "citations": static["citations"],
            }
        )
    caveats = [_item_json(i.id, i, i.text, i.citations, lang, seen) for i in determination.caveats]
    factors = []
    for factor, value in determination.factors:
        static = _texted_json(factor.rule, factor.rule.text, factor.rule.citations, lang, seen)
        factors.append(
            {
                "id": factor.rule.id,
                "text": static["text"],
                "weight": factor.weight.value,
                "status": {True: "held", False: "failed", None: "unknown"}[value],
                "citations": static["citations"],
            }
        )
    gaps = [
        {
            "table": g.lookup.table.id,
            "key": g.key,
            "date": g.day.isoformat(),
            "text": _(
                "The reference data cannot tell whether “{table}” held for {key} on {date}."
            ).format(table=g.lookup.table.title(lang), key=g.key, date=format_date(g.day, lang)),
        }
        for g in determination.data_gaps
    ]
    # Computed before the citation list, which collects every citation these name.
    procedure = _procedure_json(determination, lang, seen)
    legal_help = _legal_help_json(determination, lang, seen)
    return {
        "id": head["id"],
        "title": head["title"],
        "target_status": head["target_status"],
        "outcome": determination.outcome.value,
        "possible_outcomes": sorted(o.value for o in determination.possible),
        "outcome_text": outcome_text(determination.outcome, lang),
        "summary": head["summary"],
        "requirements": requirements,
        "citations": [_citation_json(c, lang) for c in seen.values()],
        "next_questions": [question_json(q, lang) for q in determination.questions],
        "what_ifs": [_what_if_json(w, lang) for w in determination.what_ifs],
        "alternatives": alternatives,
        "data_gaps": gaps,
        "how_to_apply": how,
        "documents": documents,
        "deadlines": deadlines,
        "procedure": procedure,
        "factors": factors,
        "caveats": caveats,
        "legal_help": legal_help,
    }


def screening_json(screening: Screening, lang: Lang, *, sub_rules: bool = True) -> Json:
    """The whole result in the shape of `ScreeningOut`, ready for `json.dumps`."""
    return {
        "zairyu_version": __version__,
        "as_of": screening.as_of.isoformat(),
        "lang": lang,
        "pathways": [pathway_json(d, lang, sub_rules=sub_rules) for d in screening.determinations],
        "next_questions": [question_json(q, lang) for q in screening.questions],
    }


def pathway_out(determination: Determination, lang: Lang) -> PathwayOut:
    return PathwayOut.model_validate(pathway_json(determination, lang))


def screening_out(screening: Screening, lang: Lang) -> ScreeningOut:
    return ScreeningOut.model_validate(screening_json(screening, lang))
