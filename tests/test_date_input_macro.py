"""The day-month-year boxes shared by a date fact's page and the workbench's intake form."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, PackageLoader, select_autoescape

from zairyu.engine.text import Lang
from zairyu.i18n import translations

_templates = Environment(
    loader=PackageLoader("zairyu.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_CALL = _templates.from_string(
    '{% from "macros/fact_input.html" import date_input with context %}'
    "{{ date_input(order, typed, errors) }}"
)
_EMPTY = {"day": "", "month": "", "year": ""}


def boxes(
    lang: Lang, order: list[str], typed: dict[str, str], errors: dict[str, str] | None = None
) -> str:
    gettext = translations(lang).gettext
    return _CALL.render(_=gettext, lang=lang, order=order, typed=typed, errors=errors or {})


def test_the_boxes_come_in_the_order_given_each_labelled_and_named() -> None:
    html = boxes("ja", ["year", "month", "day"], {"day": "27", "month": "3", "year": "2019"})
    assert re.findall(r'<input [^>]*id="(\w+)" name="\1"', html) == ["year", "month", "day"]
    assert re.findall(r'<label class="date-input__label" for="(\w+)">(\w+)</label>', html) == [
        ("year", "年"),
        ("month", "月"),
        ("day", "日"),
    ]
    assert re.findall(r'value="(\d+)"', html) == ["2019", "3", "27"]
    assert "input--width-4" in html.split('id="year"')[0].rsplit("<input", 1)[1]
    assert "error-message" not in html
    assert "input--error" not in html


def test_an_error_stands_before_the_boxes_and_marks_only_its_own_box() -> None:
    html = boxes(
        "en",
        ["day", "month", "year"],
        {**_EMPTY, "day": "31"},
        {"day": "Enter a real date: that day does not exist"},
    )
    error = '<p class="error-message" id="day-error">'
    assert error in html
    assert html.index(error) < html.index('<div class="date-input">')
    assert "Enter a real date: that day does not exist" in html
    marked = re.findall(r'<input class="[^"]*input--error[^"]*" id="(\w+)"', html)
    assert marked == ["day"]
    assert 'id="month-error"' not in html


@pytest.mark.parametrize("typed", ['"><script>', "1<b>"])
def test_what_was_typed_is_kept_and_escaped(typed: str) -> None:
    html = boxes("en", ["day", "month", "year"], {**_EMPTY, "year": typed})
    assert typed not in html
    assert 'value="' + typed.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in html
