"""Invariants of the whole catalogue: every rule cited and bilingual, every string translated,
the JSON output documented by a schema that is kept current."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

from babel.messages.extract import extract_from_dir

from zairyu.engine.citations import Citation, SourceKind
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
        for deadline in pathway.guidance.deadlines:
            assert deadline.citations, deadline.id
            assert _bilingual(deadline.text), deadline.id


def _every_citation() -> list[Citation]:
    found: list[Citation] = []
    for pathway in PATHWAYS:
        for rule in _all_rules(pathway):
            found.extend(rule.citations)
        for requirement in pathway.requirements:
            for alternative in requirement.if_not_met:
                found.extend(alternative.citations)
        items = (*pathway.guidance.how_to_apply, *pathway.guidance.documents, *pathway.caveats)
        for item in items:
            found.extend(item.citations)
        for deadline in pathway.guidance.deadlines:
            found.extend(deadline.citations)
    return found


def test_one_citation_one_place() -> None:
    # Two different sources must not share an id, and one source must not be defined twice
    # under two ids (which would let them drift apart).
    by_id: dict[str, Citation] = {}
    by_source: dict[tuple[str, str], str] = {}
    for citation in _every_citation():
        assert by_id.setdefault(citation.id, citation) == citation, citation.id
        key = (citation.url, citation.section.en)
        assert by_source.setdefault(key, citation.id) == citation.id, key


def test_every_fact_asks_its_question_in_both_languages() -> None:
    for fact in FACTS:
        assert _bilingual(fact.question), fact.name
        assert _bilingual(fact.help), fact.name
        for choice in fact.choices:
            assert _bilingual(choice.label), (fact.name, choice.value)


# Government hosts: ministries and courts (.go.jp), local governments (.lg.jp and the older
# city./pref. addresses of municipalities).
_OFFICIAL_HOST = re.compile(
    r"^([a-z0-9-]+\.)*(go\.jp|lg\.jp)$|^(www\.)?(city|town|vill|pref)\.[a-z0-9.-]+\.jp$"
)


def test_official_sources_point_at_official_hosts() -> None:
    for citation in _every_citation():
        if citation.kind is SourceKind.OFFICIAL:
            host = urlparse(citation.url).netloc
            assert citation.url.startswith("https://") or host.endswith(".jp"), citation.id
            assert _OFFICIAL_HOST.match(host), (citation.id, host)


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
        for found in extract_from_dir(
            str(SRC),
            method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
            keywords={"_": None},
        )
        if isinstance(found[2], str)
    }
    assert len(ids) > 150  # the templates' strings are found too
    japanese = translations("ja")
    untranslated = [m for m in ids if japanese.gettext(m) == m]
    assert untranslated == []
    assert (LOCALES / "ja" / "LC_MESSAGES" / "zairyu.po").is_file()


def test_json_schema_document_is_current() -> None:
    documented = json.loads((ROOT / "docs" / "screening.schema.json").read_text(encoding="utf-8"))
    assert documented == ScreeningOut.model_json_schema(), (
        "run: zairyu schema > docs/screening.schema.json"
    )
