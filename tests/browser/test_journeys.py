"""Whole journeys through the web interview in a real browser, in English and in Japanese.

Each journey (journeys.yaml) is driven from the start page to "Check your answers" and the
results page; the outcomes must be the expected ones, and the same in both languages. axe-core
checks every kind of page met on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from tests.browser.conftest import axe_violations, format_violations, log_questions, screenshot
from tests.browser.interview import gettext, open_results, outcomes, squash, walk
from zairyu.law.pathways import FACTS, PATHWAYS

JOURNEYS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "journeys.yaml").read_text(encoding="utf-8")
)
PATHWAY_IDS = [p.id for p in PATHWAYS]
OUTCOMES = {"eligible", "discretionary", "not_eligible", "undetermined"}
LANGS = ("en", "ja")


def expected_outcomes(journey: dict[str, Any]) -> dict[str, str]:
    expect = dict(journey["expect"])
    every = expect.pop("all", None)
    return {**dict.fromkeys(PATHWAY_IDS, every), **expect} if every else expect


def pathways_named(names: list[str]) -> list[str]:
    return PATHWAY_IDS if "all" in names else names


def test_journeys_file_is_consistent() -> None:
    ids = [j["id"] for j in JOURNEYS]
    assert len(ids) == len(set(ids)), f"journey ids repeat: {ids}"
    for journey in JOURNEYS:
        assert journey.get("source"), f"{journey['id']}: every journey needs a source"
        unknown_facts = {name for name in journey["answers"] if name not in FACTS}
        assert not unknown_facts, f"{journey['id']}: no such facts: {unknown_facts}"
        expected = expected_outcomes(journey)
        assert set(expected) <= set(PATHWAY_IDS), f"{journey['id']}: unknown pathway ids"
        assert set(expected.values()) <= OUTCOMES, f"{journey['id']}: unknown outcomes"
        for names in (journey.get("shows") or {}).values():
            pathways = names if isinstance(names, list) else list(names)
            assert set(pathways_named(pathways)) <= set(PATHWAY_IDS), journey["id"]


def run_journey(
    page: Page, journey: dict[str, Any], lang: str, accessibility: dict[str, str]
) -> dict[str, Any]:
    """One journey in one language; returns what was asked and the outcomes.

    axe-core runs on the first page of each kind; its violations (and other page problems that
    do not stop the journey) are added to `accessibility` (page -> problems) so that the journey
    goes on to its outcomes; the test fails on them at the end.
    """
    _ = gettext(lang)
    name = journey["id"]
    checked: set[str] = set()

    def on_page(kind: str) -> None:
        if kind not in checked:
            assert page.locator("html").get_attribute("lang") == lang, f"{page.url}: <html lang>"
            checked.add(kind)
            if violations := axe_violations(page):
                where = f"{kind} page ({lang}) {urlsplit(page.url).path}"
                accessibility[where] = format_violations(violations)

    chosen = journey.get("check")
    walked = walk(
        page, journey["answers"], lang, on_page=on_page, try_empty_first=True, check=chosen
    )

    # Check your answers: one row per question asked, in the page's language.
    assert squash(page.locator("main h1").inner_text()) == _("Check your answers")
    rows = page.locator("main .summary-list__row")
    assert rows.count() == len(walked.asked), (
        f"check your answers lists {rows.count()} answers for {len(walked.asked)} questions"
    )
    on_page("check")
    questions_left = page.locator(f"main a[href='/i/{walked.token}/next']").count()
    assert questions_left == 0, "check your answers says questions remain after the last one"

    asked_facts = {key.removesuffix("#refine") for key in walked.asked}
    never_asked = set(journey["answers"]) - asked_facts
    assert not never_asked, (
        f"journey {name} ({lang}) answers facts that were never asked: {sorted(never_asked)};"
        f" asked: {walked.asked}"
    )

    # Results.
    response = open_results(page)
    assert response.status == 200, f"results: HTTP {response.status}"
    assert squash(page.locator("main h1").inner_text()) == _("Your results")
    screenshot(page, f"{name}-{lang}")
    on_page("results")
    found = outcomes(page)
    assert sorted(found) == sorted(chosen or PATHWAY_IDS), f"result cards: {sorted(found)}"
    for card_id, outcome in found.items():
        shown = page.locator(f"section#{card_id} .outcome")
        assert f"outcome--{outcome}" in (shown.get_attribute("class") or ""), card_id

    # Every question has been answered (some with "I don't know"), so no link may promise
    # remaining questions: /next leads straight back to "Check your answers".
    remaining_link = page.locator(f"main a[href='/i/{walked.token}/next']")
    if remaining_link.count():
        accessibility[f"results page ({lang}) {urlsplit(page.url).path}"] = (
            "- APP BUG results.html: “"
            + squash(remaining_link.first.locator("xpath=..").inner_text())
            + "” is shown although every question was asked; the link leads back to check"
            " your answers. Count only questions not yet asked (next_question() is None)."
        )

    shows = journey.get("shows") or {}
    for pathway in pathways_named(shows.get("legal_help", [])):
        card = page.locator(f"section#{pathway}")
        assert card.get_by_role("heading", name=_("Legal help"), exact=True).count() == 1
        organisations = card.locator("h3 + p + ul a[href]")
        assert organisations.count() > 0, (
            f"{name} ({lang}): the {pathway} card lists no legal help organisation"
        )
    for pathway in pathways_named(shows.get("missing_information", [])):
        card = page.locator(f"section#{pathway}")
        heading = card.get_by_role("heading", name=_("Missing information"), exact=True)
        assert heading.count() == 1, f"{name} ({lang}): {pathway} shows no missing information"
    for pathway, dates in (shows.get("deadlines") or {}).items():
        card = page.locator(f"section#{pathway}")
        assert card.get_by_role("heading", name=_("Deadlines"), exact=True).count() == 1, (
            f"{name} ({lang}): the {pathway} card has no deadlines section"
        )
        shown_dates = [t.get_attribute("datetime") for t in card.locator("time").all()]
        for date in dates:
            assert str(date) in shown_dates, f"{pathway}: deadline {date} not in {shown_dates}"

    record = {
        "asked": len(walked.asked),
        "total_facts": len(FACTS),
        "questions": walked.asked,
        "outcomes": found,
    }
    log_questions(name, lang, record)
    print(f"{name} ({lang}): {len(walked.asked)} questions asked of {len(FACTS)} facts")
    return {"asked": walked.asked, "outcomes": found, "token": walked.token}


@pytest.mark.parametrize("journey", JOURNEYS, ids=[j["id"] for j in JOURNEYS])
def test_journey(new_context: Callable[..., BrowserContext], journey: dict[str, Any]) -> None:
    expected = expected_outcomes(journey)
    runs = {}
    accessibility: dict[str, str] = {}
    for lang in LANGS:
        page = new_context(lang).new_page()
        runs[lang] = run_journey(page, journey, lang, accessibility)
        found = runs[lang]["outcomes"]
        wrong = {
            pathway: f"expected {outcome}, shown {found.get(pathway)}"
            for pathway, outcome in expected.items()
            if found.get(pathway) != outcome
        }
        assert not wrong, f"journey {journey['id']} ({lang}): {wrong}\nsource: {journey['source']}"
        page.close()
    assert runs["en"]["outcomes"] == runs["ja"]["outcomes"], "outcomes differ between languages"
    assert runs["en"]["asked"] == runs["ja"]["asked"], "questions differ between languages"
    assert not accessibility, (
        f"journey {journey['id']}: problems found on the way (axe-core: WCAG 2.1 A/AA and"
        " best practice):\n"
        + "\n".join(f"on the {where}:\n{found}" for where, found in accessibility.items())
    )
