"""The stable, documented result of a screening, in one language (JSON schema from Pydantic).

`docs/screening.schema.json` is generated from these models and checked by the tests, so a
change to the output is a visible change to that file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, TypeVar, cast

import orjson
from babel.dates import format_date as babel_format_date
from pydantic import BaseModel, ConfigDict, Field

from zairyu import __version__
from zairyu.data.procedures import fee_on, organisations_for, procedures
from zairyu.engine.citations import Citation
from zairyu.engine.determine import DataGap, Determination, Question, RuleTrace, WhatIf
from zairyu.engine.facts import Fact, MaybeValue
from zairyu.engine.pathway import Deadline, Factor, Outcome, Pathway, Requirement
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


# --- the result as JSON ---------------------------------------------------------------------------
#
# The result is written straight to JSON bytes (orjson), in the shape of the models above, so the
# API can answer without building ~1,000 model objects per request; everyone else validates the
# same bytes into the models (`screening_out`). Most of a result depends only on the law and the
# language, not on the case: a citation, a document, a question, a requirement whose sub-rules
# hold or fail the same way. Each such piece is serialised once and kept as an `orjson.Fragment`
# (immutable bytes spliced into the output), so a result costs one look-up per piece and no
# caller can change what the next result says.

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


class _Piece(NamedTuple):
    """A serialised piece of a result and the citations it names, in the order it names them.
    The law objects it is made from (`owner`) and the pieces it contains (`parts`) are held so
    that their ids, used in keys, stay theirs."""

    json: orjson.Fragment
    citations: tuple[Citation, ...]
    owner: object
    parts: tuple[orjson.Fragment, ...] = ()


# Pieces that depend on the case's values as well as the law (a requirement with the statuses of
# its sub-rules, a question with the pathways asking it) have one entry per combination met; the
# combinations are few in practice but not bounded, so the cache is emptied when it grows past
# this. Entries hold the pieces their keys name, so emptying it never lets a key match the wrong
# piece.
_PIECES_LIMIT = 100_000
_PIECES: dict[tuple[Any, ...], _Piece] = {}


def _piece(key: tuple[Any, ...], build: Callable[..., _Piece], *args: Any) -> _Piece:
    """The piece cached under `key`, built as `build(*args)` the first time."""
    piece = _PIECES.get(key)
    return _keep(key, build(*args)) if piece is None else piece


def _keep(key: tuple[Any, ...], piece: _Piece) -> _Piece:
    if len(_PIECES) >= _PIECES_LIMIT:
        _PIECES.clear()
    _PIECES[key] = piece
    return piece


def _serialised(
    value: Json | list[Json],
    citations: tuple[Citation, ...],
    owner: object,
    parts: tuple[orjson.Fragment, ...] = (),
) -> _Piece:
    return _Piece(orjson.Fragment(orjson.dumps(value)), citations, owner, parts)


def _note(citations: tuple[Citation, ...], seen: dict[str, Citation]) -> None:
    """Notes `citations` in `seen`, the pathway's citation list in the order first named."""
    for citation in citations:
        if citation.id not in seen:
            seen[citation.id] = citation


def _ids(citations: tuple[Citation, ...]) -> list[str]:
    return [c.id for c in citations]


def _citation_list(citations: tuple[Citation, ...], lang: Lang) -> _Piece:
    return _serialised(
        [
            {
                "id": c.id,
                "title": c.title(lang),
                "section": c.section(lang),
                "url": c.url,
                "kind": c.kind.value,
            }
            for c in citations
        ],
        citations,
        citations,
    )


def _citations(seen: dict[str, Citation], lang: Lang) -> orjson.Fragment:
    """A pathway's citation list; the same list of sources is serialised once."""
    cited = tuple(seen.values())
    return _piece(("citations", lang, *map(id, cited)), _citation_list, cited, lang).json


def _texted_piece(
    source: object, text: Text, citations: tuple[Citation, ...], lang: Lang, item_id: str | None
) -> _Piece:
    words = text(lang)
    ids = _ids(citations)
    value = (
        {"text": words, "citations": ids}
        if item_id is None
        else {"id": item_id, "text": words, "citations": ids}
    )
    return _serialised(value, citations, source)


def _texted(
    source: object,
    text: Text,
    citations: tuple[Citation, ...],
    lang: Lang,
    seen: dict[str, Citation],
    item_id: str | None = None,
) -> orjson.Fragment:
    """An alternative (`{text, citations}`) or, with its `item_id`, an item (`{id, text,
    citations}`): the same for every case."""
    piece = _piece(
        ("texted", id(source), item_id, lang), _texted_piece, source, text, citations, lang, item_id
    )
    _note(piece.citations, seen)
    return piece.json


def _text_of(source: object, text: Text, lang: Lang) -> str:
    return _memo("text", source, lang, lambda: text(lang))


_STATUS: dict[bool | None, Status] = {True: "held", False: "failed", None: "unknown"}


def _requirement(
    trace: RuleTrace,
    requirement: Requirement | None,
    lang: Lang,
    seen: dict[str, Citation],
    sub_rules: bool = True,
) -> orjson.Fragment:
    """A requirement or sub-rule with the rules it is made of. The same rule with the same
    statuses below it is serialised once. A trace the engine shares between cases is looked up
    by itself, with every citation below it; any other is walked to find the statuses below."""
    if trace.shared:
        key = ("trace", id(trace), id(requirement), sub_rules, lang)
        piece = _PIECES.get(key)
        if piece is None:
            below: dict[str, Citation] = {}
            fragment = _walked(trace, requirement, lang, below, sub_rules)
            piece = _keep(key, _Piece(fragment, tuple(below.values()), (trace, requirement)))
        for citation in piece.citations:
            if citation.id not in seen:
                seen[citation.id] = citation
        return piece.json
    return _walked(trace, requirement, lang, seen, sub_rules)


def _walked(
    trace: RuleTrace,
    requirement: Requirement | None,
    lang: Lang,
    seen: dict[str, Citation],
    sub_rules: bool,
) -> orjson.Fragment:
    """`_requirement` by walking the trace: run for most nodes of every result (~260 per
    screening), hence written out flat."""
    rule = trace.rule
    for citation in rule.citations:
        if citation.id not in seen:
            seen[citation.id] = citation
    children = (
        [_requirement(child, None, lang, seen) for child in trace.children]
        if sub_rules and trace.children
        else []
    )
    failed = requirement if requirement is not None and trace.value is False else None
    alternatives = (
        []
        if failed is None
        else [_texted(a, a.text, a.citations, lang, seen) for a in failed.if_not_met]
    )
    status: Status = _STATUS[trace.value] if trace.in_force else "not_in_force"
    effect = None if requirement is None else requirement.effect.value
    # Fixed-length head, then the pieces below, which identify the statuses under this rule.
    key = ("requirement", id(rule), effect, status, lang, id(failed), *map(id, children))
    piece = _PIECES.get(key)
    if piece is None:
        value = {
            "id": rule.id,
            "text": _text_of(rule, rule.text, lang),
            "effect": effect,
            "status": status,
            "citations": _ids(rule.citations),
            "children": children,
            "if_not_met": alternatives,
        }
        parts = (*children, *alternatives)
        piece = _keep(key, _serialised(value, rule.citations, (rule, failed), parts))
    return piece.json


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


def _question_piece(question: Question, lang: Lang) -> _Piece:
    fact = question.fact
    asked, helped, choices = _fact_texts(fact, lang)
    value = {
        "fact": fact.name,
        "type": fact.type.value,
        "question": asked,
        "help": helped,
        "reason": question.reason.value,
        "choices": [{"value": value, "label": label} for value, label in choices],
        "pathways": list(question.pathways),
    }
    return _serialised(value, (), fact)


def question_json(question: Question, lang: Lang) -> orjson.Fragment:
    """A next question; the same question asked for the same pathways is serialised once."""
    key = ("question", id(question.fact), question.reason, lang, *question.pathways)
    return _piece(key, _question_piece, question, lang).json


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


def _legal_help(
    determination: Determination, lang: Lang, seen: dict[str, Citation]
) -> orjson.Fragment:
    pathway = determination.pathway
    refer = determination.refer_to_legal_help

    def build() -> _Piece:
        _ = translations(lang).gettext
        if not refer:
            return _serialised(
                {
                    "text": _(
                        "The grant remains at the Minister's discretion. An administrative scrivener or lawyer can check your application."
                    ),
                    "organisations": [],
                },
                (),
                pathway,
            )
        organisations = organisations_for(pathway.help_topics)
        return _serialised(
            {
                "text": _(
                    "This is not legal advice. These organisations give free or low-cost"
                    " consultation; ask them before you act, especially before a deadline."
                ),
                "organisations": [
                    {
                        "id": o.id,
                        "name": o.name(lang),
                        "kind": o.kind,
                        "languages": list(o.languages),
                        "url": o.contact_url,
                        "citations": [o.citation.id],
                    }
                    for o in organisations
                ],
            },
            tuple(o.citation for o in organisations),
            pathway,
        )

    piece = _piece(("legal_help", id(pathway), refer, lang), build)
    _note(piece.citations, seen)
    return piece.json


def _procedure(
    determination: Determination, lang: Lang, seen: dict[str, Citation]
) -> orjson.Fragment | None:
    procedure_id = determination.pathway.guidance.procedure
    if procedure_id is None:
        return None
    procedure = procedures()[procedure_id]
    fee = fee_on(procedure_id, determination.as_of)

    def build() -> _Piece:
        fee_json = None
        if fee is not None:
            fee_json = {
                "counter_yen": fee.counter_yen,
                "online_yen": fee.online_yen,
                "citations": [fee.citation.id],
            }
        return _serialised(
            {
                "id": procedure.id,
                "name": procedure.name(lang),
                "office": procedure.office(lang),
                "processing": procedure.processing(lang),
                "fee": fee_json,
                "citations": [procedure.citation.id],
            },
            ((fee.citation,) if fee is not None else ()) + (procedure.citation,),
            (procedure, fee),
        )

    piece = _piece(("procedure", id(procedure), id(fee), lang), build)
    _note(piece.citations, seen)
    return piece.json


def _pathway_head(pathway: Pathway, lang: Lang) -> tuple[str, Any, str]:
    """What a pathway's result says whatever the case: its title, status and summary."""

    def build() -> tuple[str, Any, str]:
        target = pathway.target_status
        return (
            pathway.title(lang),
            None
            if target is None
            else orjson.Fragment(
                orjson.dumps({"code": target, "name": STATUSES.label(target)(lang)})
            ),
            pathway.summary(lang),
        )

    return _memo("pathway", pathway, lang, build)


def _outcome_text(outcome: Outcome, lang: Lang) -> str:
    return _memo("outcome", outcome, lang, lambda: outcome_text(outcome, lang))


def _factor(
    factor: Factor, value: bool | None, lang: Lang, seen: dict[str, Citation]
) -> orjson.Fragment:
    rule = factor.rule
    piece = _piece(
        ("factor", id(factor), value, lang),
        lambda: _serialised(
            {
                "id": rule.id,
                "text": _text_of(rule, rule.text, lang),
                "weight": factor.weight.value,
                "status": {True: "held", False: "failed", None: "unknown"}[value],
                "citations": _ids(rule.citations),
            },
            rule.citations,
            factor,
        ),
    )
    _note(piece.citations, seen)
    return piece.json


def _deadline(deadline: Deadline, day: dt.date, lang: Lang, seen: dict[str, Citation]) -> Json:
    _note(deadline.citations, seen)
    return {
        "id": deadline.id,
        "text": _text_of(deadline, deadline.text, lang),
        "date": day.isoformat(),
        "kind": deadline.kind.value,
        "citations": _ids(deadline.citations),
    }


def _data_gap(gap: DataGap, lang: Lang) -> Json:
    _ = translations(lang).gettext
    return {
        "table": gap.lookup.table.id,
        "key": gap.key,
        "date": gap.day.isoformat(),
        "text": _(
            "The reference data cannot tell whether “{table}” held for {key} on {date}."
        ).format(table=gap.lookup.table.title(lang), key=gap.key, date=format_date(gap.day, lang)),
    }


def pathway_json(determination: Determination, lang: Lang, *, sub_rules: bool = True) -> Json:
    """One pathway's result in the shape of `PathwayOut`, ready for `orjson.dumps`, with dates as
    ISO strings; without `sub_rules`, each requirement comes without the rules it is made of (and
    the citation list without the sources only those cite)."""
    pathway = determination.pathway
    title, target_status, summary = _pathway_head(pathway, lang)
    seen: dict[str, Citation] = {}
    requirements = [
        _requirement(rt.trace, rt.requirement, lang, seen, sub_rules)
        for rt in determination.requirements
    ]
    alternatives = [_texted(a, a.text, a.citations, lang, seen) for a in determination.alternatives]
    how = [_texted(i, i.text, i.citations, lang, seen, i.id) for i in determination.how_to_apply]
    documents = [
        _texted(d, d.text, d.citations, lang, seen, f"document.{n}")
        for n, d in enumerate(determination.documents, start=1)
    ]
    deadlines = [_deadline(d, day, lang, seen) for d, day in determination.deadlines]
    caveats = [_texted(i, i.text, i.citations, lang, seen, i.id) for i in determination.caveats]
    factors = [_factor(f, value, lang, seen) for f, value in determination.factors]
    # Before the citation list, which collects every citation these name.
    procedure = _procedure(determination, lang, seen)
    legal_help = _legal_help(determination, lang, seen)
    return {
        "id": pathway.id,
        "title": title,
        "target_status": target_status,
        "outcome": determination.outcome.value,
        "possible_outcomes": sorted(o.value for o in determination.possible),
        "outcome_text": _outcome_text(determination.outcome, lang),
        "summary": summary,
        "requirements": requirements,
        "citations": _citations(seen, lang),
        "next_questions": [question_json(q, lang) for q in determination.questions],
        "what_ifs": [_what_if_json(w, lang) for w in determination.what_ifs],
        "alternatives": alternatives,
        "data_gaps": [_data_gap(g, lang) for g in determination.data_gaps],
        "how_to_apply": how,
        "documents": documents,
        "deadlines": deadlines,
        "procedure": procedure,
        "factors": factors,
        "caveats": caveats,
        "legal_help": legal_help,
    }


def screening_json(screening: Screening, lang: Lang, *, sub_rules: bool = True) -> Json:
    """The whole result in the shape of `ScreeningOut`, ready for `orjson.dumps` (parts shared
    between results are `orjson.Fragment`s, immutable)."""
    return {
        "zairyu_version": __version__,
        "as_of": screening.as_of.isoformat(),
        "lang": lang,
        "pathways": [pathway_json(d, lang, sub_rules=sub_rules) for d in screening.determinations],
        "next_questions": [question_json(q, lang) for q in screening.questions],
    }


def screening_bytes(screening: Screening, lang: Lang, *, sub_rules: bool = True) -> bytes:
    """The whole result as the JSON the API answers with."""
    return orjson.dumps(screening_json(screening, lang, sub_rules=sub_rules))


def pathway_out(determination: Determination, lang: Lang) -> PathwayOut:
    return PathwayOut.model_validate_json(orjson.dumps(pathway_json(determination, lang)))


def screening_out(screening: Screening, lang: Lang) -> ScreeningOut:
    return ScreeningOut.model_validate_json(screening_bytes(screening, lang))
