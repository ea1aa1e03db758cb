"""The stable, documented result of a screening, in one language (JSON schema from Pydantic).

`docs/screening.schema.json` is generated from these models and checked by the tests, so a
change to the output is a visible change to that file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date as babel_format_date
from pydantic import BaseModel, ConfigDict, Field

from zairyu import __version__
from zairyu.data.procedures import fee_on, organisations_for, procedures
from zairyu.engine.citations import Citation
from zairyu.engine.determine import Determination, Question, RuleTrace, WhatIf
from zairyu.engine.facts import MaybeValue
from zairyu.engine.pathway import Outcome, Requirement
from zairyu.engine.screen import Screening
from zairyu.engine.text import Lang
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


def legal_help_out(
    determination: Determination, lang: Lang, seen: dict[str, Citation]
) -> LegalHelpOut:
    _ = translations(lang).gettext
    if not determination.refer_to_legal_help:
        return LegalHelpOut(
            text=_(
                "The grant remains at the Minister's discretion. An administrative scrivener or lawyer can check your application."
            ),
            organisations=[],
        )
    organisations = organisations_for(determination.pathway.help_topics)
    return LegalHelpOut(
        text=_(
            "This is not legal advice. These organisations give free or low-cost consultation; ask"
            " them before you act, especially before a deadline."
        ),
        organisations=[
            OrganisationOut(
                id=o.id,
                name=o.name(lang),
                kind=o.kind,
                languages=list(o.languages),
                url=o.contact_url,
                citations=_citation_ids((o.citation,), seen),
            )
            for o in organisations
        ],
    )


def procedure_out(
    determination: Determination, lang: Lang, seen: dict[str, Citation]
) -> ProcedureOut | None:
    procedure_id = determination.pathway.guidance.procedure
    if procedure_id is None:
        return None
    procedure = procedures()[procedure_id]
    fee = fee_on(procedure_id, determination.as_of)
    return ProcedureOut(
        id=procedure.id,
        name=procedure.name(lang),
        office=procedure.office(lang),
        processing=procedure.processing(lang),
        fee=None
        if fee is None
        else FeeOut(
            counter_yen=fee.counter_yen,
            online_yen=fee.online_yen,
            citations=_citation_ids((fee.citation,), seen),
        ),
        citations=_citation_ids((procedure.citation,), seen),
    )


def _citation_ids(citations: tuple[Citation, ...], seen: dict[str, Citation]) -> list[str]:
    for citation in citations:
        seen.setdefault(citation.id, citation)
    return [c.id for c in citations]


def _status(trace: RuleTrace) -> Status:
    if not trace.in_force:
        return "not_in_force"
    return {True: "held", False: "failed", None: "unknown"}[trace.value]  # type: ignore[return-value]


def _requirement(
    trace: RuleTrace,
    requirement: Requirement | None,
    lang: Lang,
    seen: dict[str, Citation],
) -> RequirementOut:
    alternatives = (
        requirement.if_not_met if requirement is not None and trace.value is False else ()
    )
    return RequirementOut(
        id=trace.rule.id,
        text=trace.rule.text(lang),
        effect=None if requirement is None else requirement.effect.value,
        status=_status(trace),
        citations=_citation_ids(trace.rule.citations, seen),
        children=[_requirement(child, None, lang, seen) for child in trace.children],
        if_not_met=[
            AlternativeOut(text=a.text(lang), citations=_citation_ids(a.citations, seen))
            for a in alternatives
        ],
    )


def question_out(question: Question, lang: Lang) -> QuestionOut:
    fact = question.fact
    return QuestionOut(
        fact=fact.name,
        type=fact.type.value,
        question=fact.question(lang),
        help=fact.help(lang),
        reason=question.reason.value,
        choices=[ChoiceOut(value=c.value, label=c.label(lang)) for c in fact.choices],
        pathways=list(question.pathways),
    )


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


def pathway_out(determination: Determination, lang: Lang) -> PathwayOut:
    _ = translations(lang).gettext
    pathway = determination.pathway
    seen: dict[str, Citation] = {}
    requirements = [
        _requirement(rt.trace, rt.requirement, lang, seen) for rt in determination.requirements
    ]
    what_ifs = [
        WhatIfOut(
            changes=[
                ChangeOut(
                    fact=c.fact.name,
                    question=c.fact.question(lang),
                    old=json_value(c.old),
                    new=json_value(c.new),
                )
                for c in w.changes
            ],
            from_date=w.from_date,
            outcome=w.outcome.value,  # type: ignore[arg-type]
            text=_what_if_text(w, lang),
        )
        for w in determination.what_ifs
    ]
    alternatives = [
        AlternativeOut(text=a.text(lang), citations=_citation_ids(a.citations, seen))
        for a in determination.alternatives
    ]
    how = [
        ItemOut(id=i.id, text=i.text(lang), citations=_citation_ids(i.citations, seen))
        for i in determination.how_to_apply
    ]
    documents = [
        ItemOut(id=f"document.{n}", text=d.text(lang), citations=_citation_ids(d.citations, seen))
        for n, d in enumerate(determination.documents, start=1)
    ]
    deadlines = [
        DeadlineOut(
            id=d.id,
            text=d.text(lang),
            date=day,
            kind=d.kind.value,
            citations=_citation_ids(d.citations, seen),
        )
        for d, day in determination.deadlines
    ]
    caveats = [
        ItemOut(id=i.id, text=i.text(lang), citations=_citation_ids(i.citations, seen))
        for i in determination.caveats
    ]
    factors = [
        FactorOut(
            id=f.rule.id,
            text=f.rule.text(lang),
            weight=f.weight.value,
            status={True: "held", False: "failed", None: "unknown"}[value],  # type: ignore[arg-type]
            citations=_citation_ids(f.rule.citations, seen),
        )
        for f, value in determination.factors
    ]
    gaps = [
        DataGapOut(
            table=g.lookup.table.id,
            key=g.key,
            date=g.day,
            text=_(
                "The reference data cannot tell whether “{table}” held for {key} on {date}."
            ).format(table=g.lookup.table.title(lang), key=g.key, date=format_date(g.day, lang)),
        )
        for g in determination.data_gaps
    ]
    # Computed before the citation list, which collects every citation these name.
    procedure = procedure_out(determination, lang, seen)
    legal_help = legal_help_out(determination, lang, seen)
    return PathwayOut(
        id=pathway.id,
        title=pathway.title(lang),
        target_status=None
        if pathway.target_status is None
        else TargetStatusOut(
            code=pathway.target_status, name=STATUSES.label(pathway.target_status)(lang)
        ),
        outcome=determination.outcome.value,
        possible_outcomes=sorted(o.value for o in determination.possible),  # type: ignore[misc]
        outcome_text=outcome_text(determination.outcome, lang),
        summary=pathway.summary(lang),
        requirements=requirements,
        citations=[
            CitationOut(
                id=c.id, title=c.title(lang), section=c.section(lang), url=c.url, kind=c.kind.value
            )
            for c in seen.values()
        ],
        next_questions=[question_out(q, lang) for q in determination.questions],
        what_ifs=what_ifs,
        alternatives=alternatives,
        data_gaps=gaps,
        how_to_apply=how,
        documents=documents,
        deadlines=deadlines,
        procedure=procedure,
        factors=factors,
        caveats=caveats,
        legal_help=legal_help,
    )


def screening_out(screening: Screening, lang: Lang) -> ScreeningOut:
    return ScreeningOut(
        zairyu_version=__version__,
        as_of=screening.as_of,
        lang=lang,
        pathways=[pathway_out(d, lang) for d in screening.determinations],
        next_questions=[question_out(q, lang) for q in screening.questions],
    )
