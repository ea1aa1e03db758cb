"""Single-page behaviour in a real browser: keyboard only, small screens, the language switch,
error pages, JavaScript off, no third-party requests, and the downloads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from tests.browser.conftest import check_axe, screenshot
from tests.browser.interview import (
    gettext,
    open_results,
    outcomes,
    page_state,
    path_of,
    question_key,
    squash,
    start,
    token_of,
    walk,
)

JOURNEYS = {
    j["id"]: j
    for j in yaml.safe_load((Path(__file__).parent / "journeys.yaml").read_text(encoding="utf-8"))
}
NewContext = Callable[..., BrowserContext]

ACTIVE = """() => {
  const e = document.activeElement;
  return e ? {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '', id: e.id,
              value: e.value || '', text: (e.innerText || '').trim(),
              href: e.getAttribute('href') || '', checked: !!e.checked} : null;
}"""


def active(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(ACTIVE)
    return found


def tab_to(page: Page, wanted: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """Press Tab until the focused element is the wanted one (at most 60 times)."""
    for _ in range(60):
        page.keyboard.press("Tab")
        element = active(page)
        if element and wanted(element):
            return element
    raise AssertionError(f"{page.url}: Tab never reached {what}")


def press_and_wait(page: Page, key: str) -> int:
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        page.keyboard.press(key)
    response = navigation.value
    assert response is not None
    return response.status


def is_continue(e: dict[str, Any]) -> bool:
    return e["tag"] == "button" and e["type"] == "submit" and not e["name"]


def is_dont_know(e: dict[str, Any]) -> bool:
    return e["tag"] == "button" and e["name"] == "dont_know"


def test_keyboard_only_journey(new_context: NewContext) -> None:
    """Tab, Space and Enter (and typing answers) only: no clicks, from start to check."""
    page = new_context("en").new_page()
    page.goto("/")
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Start now", "Start now")
    assert press_and_wait(page, "Enter") == 200
    done: list[str] = []
    for _ in range(40):
        key = question_key(page)
        assert key, f"expected a question page, got {page.url}"
        kind = page_state(page)["widget"]
        if kind == "radio":
            # Tab enters a radio group on its first option; Space selects it.
            radio = tab_to(page, lambda e: e["type"] == "radio", "the first radio")
            page.keyboard.press("Space")
            assert active(page)["checked"], f"{key}: Space did not select {radio['value']}"
            tab_to(page, is_continue, "Continue")
            status = press_and_wait(page, "Enter")
        elif kind == "select" and "select" not in done:
            tab_to(page, lambda e: e["tag"] == "select", "the list")
            page.keyboard.type("France")  # type-ahead in the closed list
            assert page.locator("select#answer").input_value() == "FR", "type-ahead failed"
            tab_to(page, is_continue, "Continue")
            status = press_and_wait(page, "Enter")
        elif kind == "date" and "date" not in done:
            tab_to(page, lambda e: e["id"] == "day", "the day field")
            page.keyboard.type("15")
            page.keyboard.press("Tab")
            assert active(page)["id"] == "month", "Tab from day should reach month"
            page.keyboard.type("6")
            page.keyboard.press("Tab")
            assert active(page)["id"] == "year", "Tab from month should reach year"
            page.keyboard.type("2019")
            status = press_and_wait(page, "Enter")  # Enter in a field sends the form
        else:
            tab_to(page, is_dont_know, "I don't know")
            status = press_and_wait(page, "Enter")
        assert status == 200, f"{key}: HTTP {status} after answering"
        done.append(str(kind))
        if {"radio", "select", "date"} <= set(done):
            break
    assert {"radio", "select", "date"} <= set(done), f"widgets met: {done}"
    tab_to(page, lambda e: e["href"].endswith("/check"), "“Stop here and check your answers”")
    assert press_and_wait(page, "Enter") == 200
    assert path_of(page).endswith("/check")
    answers = squash(page.locator("main .summary-list").inner_text())
    assert "France (FR)" in answers, answers
    # The date typed as 15 / 6 / 2019 (shown as ISO text on this page for now).
    assert "15 June 2019" in answers or "2019-06-15" in answers, answers
    assert page.locator("main .summary-list__row").count() == len(done)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_horizontal_scroll_at_360px(new_context: NewContext, lang: str) -> None:
    page = new_context(lang, viewport={"width": 360, "height": 740}).new_page()

    def assert_fits(what: str) -> None:
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{what} ({lang}) scrolls sideways at 360 px: scrollWidth {width}"

    start(page)
    assert_fits(f"the question page {path_of(page)}")  # the nationality list
    token = token_of(page)
    page.goto(f"/i/{token}/q/applicant.birth_date")
    assert_fits("the date question page")
    page.goto(f"/i/{token}/check")
    open_results(page)
    assert_fits("the results page")


def test_language_switch_is_remembered(new_context: NewContext) -> None:
    page = new_context("en").new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.locator(".lang-switch").click()
    assert page.locator("html").get_attribute("lang") == "ja"
    ja = gettext("ja")
    assert squash(page.locator("main h1").inner_text()) == ja("Check your options to stay in Japan")
    # The next page (the first question) is still in Japanese: the choice is remembered.
    with page.expect_navigation():
        page.locator("form[action='/start'] button").click()
    assert question_key(page), page.url
    assert page_state(page)["lang"] == "ja"
    question_url = page.url
    with page.expect_navigation():
        page.locator(".lang-switch").click()
    assert page.url == question_url, "switching language should stay on the same question"
    assert page_state(page)["lang"] == "en"
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_invalid_date_shows_error_summary(new_context: NewContext, lang: str) -> None:
    _ = gettext(lang)
    page = new_context(lang).new_page()
    start(page)
    page.goto(f"/i/{token_of(page)}/q/applicant.birth_date")
    page.locator("#day").fill("31")
    page.locator("#month").fill("2")
    page.locator("#year").fill("2020")
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        page.locator("form.question button[type=submit]:not([name])").click()
    response = navigation.value
    assert response is not None
    assert response.status == 400, "an invalid date is a 400"
    assert page.title().startswith(_("Error:")), f"title: {page.title()!r}"
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert squash(summary.locator("h2").inner_text()) == _("There is a problem")
    link = summary.locator("a[href='#day']")
    assert link.count() == 1, summary.inner_html()
    assert squash(link.inner_text()) == _("Enter a real date: that day does not exist")
    assert page.locator("#day-error").is_visible()
    assert page.locator("#day").input_value() == "31"
    assert page.locator("#month").input_value() == "2"
    assert page.locator("#year").input_value() == "2020"
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')"), (
        "the error summary should have the focus"
    )
    link.click()
    assert urlsplit(page.url).fragment == "day"
    check_axe(page, f"the date error page ({lang})")


def test_journey_without_javascript(new_context: NewContext) -> None:
    journey = JOURNEYS["partner_of_japanese_us_jp"]
    page = new_context("en", java_script_enabled=False, bypass_csp=False).new_page()
    walked = walk(page, journey["answers"], "en")
    assert walked.asked
    response = open_results(page)
    assert response.status == 200
    found = outcomes(page)
    for pathway, outcome in journey["expect"].items():
        assert found.get(pathway) == outcome, f"{pathway}: {found.get(pathway)} without JS"


def test_no_request_leaves_the_server_and_downloads(new_context: NewContext, server: str) -> None:
    """A whole journey asks nothing of another host; then the results' PDF and calendar."""
    journey = JOURNEYS["asylum_seeker_five_months"]
    page = new_context("en", bypass_csp=False).new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    walk(page, journey["answers"], "en", try_empty_first=True)
    open_results(page)
    page.locator("details.explanation").first.locator("summary").click()
    token = token_of(page)
    page.goto("/does-not-exist")
    here = urlsplit(server).netloc
    elsewhere = sorted({url for url in requested if urlsplit(url).netloc != here})
    assert requested, "no request was recorded"
    assert not elsewhere, f"requests to other hosts than {here}: {elsewhere}"

    pdf = page.request.get(f"/i/{token}/results.pdf")
    assert pdf.status == 200, f"results.pdf: HTTP {pdf.status}"
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    ics = page.request.get(f"/i/{token}/deadlines.ics")
    assert ics.status == 200, f"deadlines.ics: HTTP {ics.status}"
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = ics.text()
    assert calendar.startswith("BEGIN:VCALENDAR"), calendar[:200]
    assert "20261222" in calendar, "the six-month asylum deadline is not in the calendar"


def test_not_found_page(new_context: NewContext) -> None:
    page = new_context("en").new_page()
    response = page.goto("/no-such-page")
    assert response is not None
    assert response.status == 404
    assert squash(page.locator("main h1").inner_text()) == "Page not found"
    screenshot(page, "not-found-en")
    check_axe(page, "the page-not-found page")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_other_page_passes_axe(new_context: NewContext, lang: str) -> None:
    """The pages a journey does not pass through: what to check, deleting, deleted, an expired
    link, and a refused choice."""
    _ = gettext(lang)
    page = new_context(lang).new_page()
    start(page)
    token = token_of(page)
    page.goto(f"/i/{token}/pathways")
    assert squash(page.locator("main h1").inner_text()) == _("What do you want to check?")
    check_axe(page, f"the choice of pathways ({lang})")
    for box in page.locator("input[name=pathway]").all():
        box.set_checked(False)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary a[href='#pathway']").count() == 1
    check_axe(page, f"the refused choice of pathways ({lang})")
    page.goto(f"/i/{token}/delete")
    check_axe(page, f"delete my answers ({lang})")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("main button[type=submit]").click()
    assert urlsplit(page.url).path == "/deleted"
    check_axe(page, f"answers deleted ({lang})")
    response = page.goto(f"/i/{token}/check")
    assert response is not None
    assert response.status == 410
    assert squash(page.locator("main h1").inner_text()) == _("This link has expired")
    check_axe(page, f"expired link ({lang})")
