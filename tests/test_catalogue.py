"""Invariants of the whole catalogue: every rule cited and bilingual, every string translated,
the JSON output documented by a schema that is kept current."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.extract import extract_from_dir

from zairyu.engine.citations import SourceKind
from zairyu.engine.determine import _all_rules
from zairyu.engine.text import Text
from zairyu.i18n import LOCALES, translations
from zairyu.law.pathways import FACTS, PATHWAYS
from zairyu.report import ScreeningOut

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "zairyu"


def _bilingual(text: Text) -> bool:
    return bool(text.ja.strip()) and bool(text.en.strip()) and text.ja != text.en


def test_every_rule_has_a_citation_and_japanese_and_english_text() -> None:
    for pathway in PATHWAYS:
        assert _bilingual(pathway.title)
        assert _bilingual(pathway.summary)
        for rule in _all_rules(pathway):
            assert rule.citations, rule.id
            assert _bilingual(rule.text), rule.id
            for citation in rule.citations:
                assert _bilingual(citation.title), citation.id
                assert _bilingual(citation.section), citation.id
        for requirement in pathway.requirements:
            for alternative in requirement.if_not_met:
                assert alternative.citations
                assert _bilingual(alternative.text)
        for item in (*pathway.guidance.how_to_apply, *pathway.guidance.documents, *pathway.caveats):
            assert item.citations
            assert _bilingual(item.text)


def test_every_fact_asks_its_question_in_both_languages() -> None:
    for fact in FACTS:
        assert _bilingual(fact.question), fact.name
        assert _bilingual(fact.help), fact.name
        for choice in fact.choices:
            assert _bilingual(choice.label), (fact.name, choice.value)


def test_official_sources_point_at_official_hosts() -> None:
    official_hosts = ("laws.e-gov.go.jp", "www.moj.go.jp", "www.courts.go.jp")
    for pathway in PATHWAYS:
        for rule in _all_rules(pathway):
            for citation in rule.citations:
                if citation.kind is SourceKind.OFFICIAL:
                    assert citation.url.startswith(
                        tuple(f"https://{h}/" for h in official_hosts)
                    ), citation.id


def test_unconfirmed_points_stay_flagged_and_never_decide_alone() -> None:
    for pathway in PATHWAYS:
        for requirement in pathway.requirements:
            kinds = {c.kind for c in requirement.rule.citations}
            if SourceKind.UNCONFIRMED in kinds:
                # an unconfirmed point may only make an outcome discretionary, never a refusal
                assert requirement.effect.value == "standard", requirement.rule.id


def test_every_interface_string_has_a_japanese_translation() -> None:
    ids = {
        found[2]
        for found in extract_from_dir(str(SRC), keywords={"_": None})
        if isinstance(found[2], str)
    }
    assert len(ids) > 20
    japanese = translations("ja")
    untranslated = [m for m in ids if japanese.gettext(m) == m]
    assert untranslated == []
    assert (LOCALES / "ja" / "LC_MESSAGES" / "zairyu.po").is_file()


def test_json_schema_document_is_current() -> None:
    documented = json.loads((ROOT / "docs" / "screening.schema.json").read_text(encoding="utf-8"))
    assert documented == ScreeningOut.model_json_schema(), (
        "run: zairyu schema > docs/screening.schema.json"
    )
