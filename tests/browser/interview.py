"""Drives the web interview as a person would: reads each question page, answers it, continues.

Answers are given by fact name in the form's own values: "yes"/"no", an enum value, a country
or status code, a whole number, or a date (ISO text or a date). A fact without an answer, or
answered "unknown", gets "I don't know".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, Response

from zairyu.i18n import translations
from zairyu.law.pathways import FACTS

QUESTION_PATH = re.compile(r"^/i/(?P<token>[^/]+)/q/(?P<fact>[^/?]+)$")
CHECK_PATH = re.compile(r"^/i/(?P<token>[^/]+)/check$")
MAX_QUESTIONS = 200  # more than there are facts (and refinements): a loop would stop here


def gettext(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext  # type: ignore[arg-type]


def squash(text: str) -> str:
    return " ".join(text.split())


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def token_of(page: Page) -> str:
    match = re.match(r"^/i/([^/]+)/", path_of(page))
    assert match, f"not an interview page: {page.url}"
    return match.group(1)


def question_key(page: Page) -> str | None:
    """The question on the page: the fact name, with "#refine" when asked more precisely."""
    parts = urlsplit(page.url)
    match = QUESTION_PATH.match(parts.path)
    if not match:
        return None
    refine = parse_qs(parts.query).get("refine") == ["1"]
    return match.group("fact") + ("#refine" if refine else "")


PAGE_STATE = """() => {
  const form = document.querySelector('form.question');
  const h1 = document.querySelector('main h1');
  let widget = null;
  if (form) {
    if (form.querySelector('input[type=radio][name=answer]')) widget = 'radio';
    else if (form.querySelector('select#answer')) widget = 'select';
    else if (form.querySelector('input#day')) widget = 'date';
    else if (form.querySelector('input#answer')) widget = 'number';
  }
  return {
    widget,
    h1: h1 ? h1.innerText : null,
    lang: document.documentElement.lang,
    errors: document.querySelectorAll('.error-summary').length,
  };
}"""


def page_state(page: Page) -> dict[str, Any]:
    """The page's answer widget (radio, select, date, number or None), <h1>, and lang, in one go."""
    state: dict[str, Any] = page.evaluate(PAGE_STATE)
    return state


def widget(page: Page) -> str:
    """Which kind of answer the question page takes: radio, select, date or number."""
    kind = page_state(page)["widget"]
    assert kind, f"question page with no known answer widget: {page.url}"
    return str(kind)


def form_value(value: Any) -> str | None:
    """A journey value as the form takes it; None for "I don't know"."""
    if value is None or value == "unknown":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def submit(page: Page, *, dont_know: bool = False) -> Response:
    """Press "Continue" (or the "I don't know" button) and wait for the next page."""
    selector = (
        "form.question button[name=dont_know]"
        if dont_know
        else "form.question button[type=submit]:not([name])"
    )
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        page.locator(selector).click()
    response = navigation.value
    assert response is not None, f"no response after submitting {page.url}"
    return response


def fill_answer(page: Page, kind: str, value: str | None) -> bool:
    """Fill in the answer; returns True when it must be sent with the "I don't know" button."""
    if kind == "radio":
        page.locator(f'form.question input[name=answer][value="{value or "unknown"}"]').check()
        return False
    if value is None:
        return True
    if kind == "select":
        page.locator("select#answer").select_option(value=value)
    elif kind == "date":
        year, month, day = value.split("-")
        page.locator("input#day").fill(str(int(day)))
        page.locator("input#month").fill(str(int(month)))
        page.locator("input#year").fill(year)
    else:
        page.locator("input#answer").fill(value)
    return False


@dataclass
class Walk:
    """What happened on one walk through the interview."""

    token: str = ""
    asked: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)
    page_types: list[str] = field(default_factory=list)


def start(
    page: Page,
    on_page: Callable[[str], None] | None = None,
    check: Sequence[str] | None = None,
) -> Response:
    """Open the start page, keep only the pathways in `check` selected (all when None), and
    press "Start now"; returns the response of the first question."""
    response = page.goto("/")
    assert response is not None, "no response from the start page"
    assert response.status == 200, f"start page: HTTP {response.status}"
    if on_page:
        on_page("start")
    if check is not None:
        for box in page.locator("form[action='/start'] input[name=pathway]").all():
            box.set_checked(box.get_attribute("value") in check)
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        page.locator("form[action='/start'] button[type=submit]").click()
    first = navigation.value
    assert first is not None
    return first


def walk(
    page: Page,
    answers: Mapping[str, Any],
    lang: str,
    *,
    on_page: Callable[[str], None] | None = None,
    try_empty_first: bool = False,
    check: Sequence[str] | None = None,
) -> Walk:
    """From the start page to "Check your answers", answering every question from `answers`.

    `on_page(kind)` is called on each page before it is left, with kinds "start",
    "question-radio", "question-select", "question-date", "question-number" and "error".
    With `try_empty_first`, the first question is first sent unanswered to see its error page.
    """
    result = Walk()
    response = start(page, on_page, check)
    while (key := question_key(page)) is not None:
        assert response.status == 200, (
            f"question page {page.url} answered HTTP {response.status}:\n"
            + squash(page.locator("main").inner_text())[:500]
        )
        assert len(result.asked) < MAX_QUESTIONS, f"no end after {MAX_QUESTIONS} questions"
        assert key not in result.asked, f"question {key} asked twice: {result.asked}"
        name = key.removesuffix("#refine")
        fact = FACTS[name]
        state = page_state(page)
        heading = squash(state["h1"] or "")
        assert heading == squash(fact.question(lang)), (  # type: ignore[arg-type]
            f"{page.url}: the <h1> should be the question in {lang!r}: {heading!r}"
        )
        assert state["lang"] == lang, f"{page.url}: <html lang={state['lang']!r}>, not {lang!r}"
        kind = state["widget"]
        assert kind, f"question page with no known answer widget: {page.url}"
        result.asked.append(key)
        result.widgets[key] = kind
        result.page_types.append(f"question-{kind}")
        if on_page:
            on_page(f"question-{kind}")
        if try_empty_first and len(result.asked) == 1:
            error = submit(page)
            assert error.status == 400, f"empty answer to {key}: HTTP {error.status}"
            assert page_state(page)["errors"] == 1, f"{page.url}: no error summary"
            if on_page:
                on_page("error")
        value = form_value(answers.get(name))
        dont_know = fill_answer(page, kind, value)
        response = submit(page, dont_know=dont_know)
    assert CHECK_PATH.match(path_of(page)), (
        f"the interview ended on {page.url}, not on check your answers "
        f"(HTTP {response.status}):\n" + squash(page.locator("body").inner_text())[:500]
    )
    assert response.status == 200, f"check your answers: HTTP {response.status}"
    result.token = token_of(page)
    return result


def open_results(page: Page) -> Response:
    """From "Check your answers", follow "See your results"."""
    link = page.locator(f"main a[href='/i/{token_of(page)}/results']")
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        link.click()
    response = navigation.value
    assert response is not None
    return response


def outcomes(page: Page) -> dict[str, str]:
    """Pathway id -> outcome, read from the result cards' classes."""
    found: dict[str, str] = {}
    for card in page.locator("main section.card").all():
        classes = (card.get_attribute("class") or "").split()
        kinds = [c.removeprefix("card--") for c in classes if c.startswith("card--")]
        found[card.get_attribute("id") or "?"] = kinds[0] if kinds else "?"
    return found
