"""The PDF and calendar exports of a screening result."""

from __future__ import annotations

import datetime as dt
import io
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from zairyu.cli import read_case
from zairyu.engine.case import parse_case
from zairyu.engine.screen import screen
from zairyu.engine.text import Lang
from zairyu.export import deadlines_ics, screening_pdf
from zairyu.export.pdf import wrap
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.report import ScreeningOut, screening_out

EXAMPLE = Path(__file__).parent.parent / "examples" / "same-sex-spouses.yaml"
AS_OF = dt.date(2026, 11, 22)
# tests/cases/asylum_provisional_stay.yaml: an overstayer who applied for asylum four months
# after landing. Both asylum pathways have a deadline six months after landing.
ASYLUM_FACTS: dict[str, Any] = {
    "applicant.nationality": "TR",
    "applicant.has_other_nationality": False,
    "applicant.in_japan": True,
    "applicant.status": "no_status",
    "applicant.landed_on": "2026-05-01",
    "asylum.applied_on": "2026-09-01",
    "asylum.fears_persecution": True,
    "asylum.came_directly": True,
    "deportation.order_issued": False,
    "asylum.sentenced_in_japan": False,
}


def _example(lang: Lang) -> ScreeningOut:
    case = read_case(EXAMPLE, AS_OF)
    return screening_out(screen(PATHWAYS, case, AS_OF), lang)


def _asylum(lang: Lang) -> ScreeningOut:
    case = parse_case(ASYLUM_FACTS, FACTS, CONSTRAINTS, AS_OF)
    return screening_out(screen(PATHWAYS, case, AS_OF), lang)


@pytest.fixture(scope="module", params=["ja", "en"])
def example(request: pytest.FixtureRequest) -> ScreeningOut:
    lang: Lang = request.param
    return _example(lang)


@pytest.fixture(scope="module")
def example_pdf(example: ScreeningOut) -> bytes:
    return screening_pdf(example)


def _squash(text: str) -> str:
    # Lines wrap anywhere in Japanese and at spaces in English: compare without whitespace.
    return re.sub(r"\s+", "", text)


# The page footer, which extraction puts between an item's lines when the item spans two pages.
FOOTER = re.compile(r"zairyu \S+?(: not legal advice|：法的助言ではありません)\s*\d+ / \d+")


def _pdf_text(pdf: bytes) -> str:
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert all(FOOTER.search(page) for page in pages)
    return _squash("".join(FOOTER.sub("", page) for page in pages))


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_is_a_pdf_in_the_results_language(example: ScreeningOut, example_pdf: bytes) -> None:
    assert example_pdf.startswith(b"%PDF-")
    assert example_pdf.rstrip().endswith(b"%%EOF")
    reader = PdfReader(io.BytesIO(example_pdf))
    assert len(reader.pages) > len(example.pathways)  # a cover page, then a page per pathway
    assert str(reader.root_object["/Lang"]) == example.lang
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.1)


def test_pdf_holds_titles_outcomes_and_citations(example: ScreeningOut, example_pdf: bytes) -> None:
    text = _pdf_text(example_pdf)
    for pathway in example.pathways:
        assert _squash(pathway.title) in text
        assert _squash(pathway.outcome_text) in text
    urls = {c.url for p in example.pathways for c in p.citations}
    # Addresses wrap at the line's end; the short ones fit on a line and must appear whole.
    short = [u for u in urls if len(u) < 60]
    assert short
    for url in short:
        assert url in text
    # Every citation of every pathway is listed, numbered, under the pathway's sources.
    for pathway in example.pathways:
        for citation in pathway.citations:
            assert _squash(citation.title) in text
            assert _squash(citation.section) in text


def test_japanese_pdf_is_in_japanese() -> None:
    text = _pdf_text(screening_pdf(_example("ja")))
    assert "外国人の同性配偶者" in text
    assert "要件該当：公表された要件を満たしています" in text
    assert "これは法的助言ではありません" in text
    assert "判定基準日：2026年11月22日" in text
    assert "https://laws.e-gov.go.jp/law/326CO0000000319" in text
    assert "2027年1月10日(まで)" in text  # the deadline from the period of stay


def test_english_pdf_is_in_english() -> None:
    text = _pdf_text(screening_pdf(_example("en")))
    assert _squash("Eligible: the published requirements are met") in text
    assert _squash("This is not legal advice.") in text
    assert _squash("Evaluation date: 22 November 2026") in text
    assert "外国人の同性配偶者" not in text


def test_font_is_embedded_as_a_subset(example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    fonts: list[Any] = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts.extend(font.get_object() for font in resources["/Font"].values())
    names = {str(f["/BaseFont"]) for f in fonts}
    assert all(n.endswith("IPAexGothic") and re.match(r"/[A-Z]{6}\+", n) for n in names)
    descendant = fonts[0]["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"]
    assert b"/FontFile2" in example_pdf
    font_file = Path(str(files("zairyu.export").joinpath("fonts", "ipaexg.ttf")))
    # A subset, not the 6 MB font.
    assert len(example_pdf) < font_file.stat().st_size / 5


def test_font_and_licence_are_package_resources() -> None:
    fonts = files("zairyu.export").joinpath("fonts")
    assert fonts.joinpath("ipaexg.ttf").read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "IPA Font License Agreement v1.0" in fonts.joinpath("LICENSE-IPAexGothic.txt").read_text(
        encoding="utf-8"
    )


def test_metadata_holds_no_personal_data(example_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(example_pdf))
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title in ("zairyu 判定結果", "zairyu screening result")
    values = " ".join(str(v) for v in metadata.values())
    assert reader.xmp_metadata is None
    for personal in ("FR", "DE", "2019", "2027", "engineer", "marriage"):
        assert personal not in values, personal


def test_long_japanese_paragraph_wraps() -> None:
    result = _example("ja")
    long_text = "在留期間の満了日までに在留資格変更許可申請をしてください。" * 60
    first = result.pathways[0]
    requirements = [
        first.requirements[0].model_copy(update={"text": long_text + "「括弧」、句読点。"})
    ]
    pathway = first.model_copy(update={"summary": long_text, "requirements": requirements})
    pdf = screening_pdf(result.model_copy(update={"pathways": [pathway]}))
    assert _squash(long_text) in _pdf_text(pdf)


def test_wrapping_keeps_kinsoku_and_english_words() -> None:
    def width(char: str) -> float:
        return 1.0

    # "。" may not begin a line: "え" moves down with it.
    assert wrap("あいうえ。かきくけこ", 4, width) == ["あいう", "え。かき", "くけこ"]
    assert all(
        not line.startswith(("。", "」", "、")) for line in wrap("あ「い」う、え。" * 9, 3, width)
    )
    assert all(not line.endswith("「") for line in wrap("あい「うえ」お" * 9, 3, width))
    assert wrap("the quick brown fox", 10, width) == ["the quick", "brown fox"]
    # A word (an address) longer than a line breaks where it must.
    assert wrap("https://example.org/abcdef", 10, width) == ["https://ex", "ample.org/", "abcdef"]
    assert wrap("", 10, width) == [""]


# --- Calendar ------------------------------------------------------------------------------


def _events(ics: bytes) -> list[Any]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


@pytest.mark.parametrize("build", [_example, _asylum])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_all_day_event_per_deadline(build: Any, lang: Lang) -> None:
    result = build(lang)
    deadlines = [(p, d) for p in result.pathways for d in p.deadlines]
    assert deadlines
    ics = deadlines_ics(result)
    assert b"DTSTART;VALUE=DATE:" in ics
    calendar = Calendar.from_ical(ics)
    assert str(calendar["VERSION"]) == "2.0"
    assert "zairyu" in str(calendar["PRODID"])
    events = _events(ics)
    assert len(events) == len(deadlines)
    for event, (pathway, deadline) in zip(events, deadlines, strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is dt.date  # DATE, not DATE-TIME
        assert start == deadline.date
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert str(event["SUMMARY"]).startswith(pathway.title)
        assert deadline.text in str(event["SUMMARY"])
        description = str(event["DESCRIPTION"])
        cited = {c.id: c.url for c in pathway.citations}
        for citation_id in deadline.citations:
            assert cited[citation_id] in description
        alarms = list(event.walk("VALARM"))
        if deadline.kind == "due":
            assert len(alarms) == 1
            assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=14)
            assert str(alarms[0]["ACTION"]) == "DISPLAY"
        else:
            assert alarms == []


def test_calendar_wording_follows_the_language() -> None:
    ja = deadlines_ics(_example("ja")).decode()
    en = deadlines_ics(_example("en")).decode()
    unfolded_ja = ja.replace("\r\n ", "")
    unfolded_en = en.replace("\r\n ", "")
    assert "期限日：この日までに手続をする必要があります。" in unfolded_ja
    assert "開始日：この日から手続をすることができます。" in unfolded_ja
    assert "法的助言ではありません" in unfolded_ja
    assert "Last day to act" in unfolded_en
    assert "First day you may act" in unfolded_en
    assert "Not legal advice" in unfolded_en


def test_uids_are_stable_and_free_of_personal_data() -> None:
    first = [str(e["UID"]) for e in _events(deadlines_ics(_example("ja")))]
    again = [str(e["UID"]) for e in _events(deadlines_ics(_example("ja")))]
    english = [str(e["UID"]) for e in _events(deadlines_ics(_example("en")))]
    assert first == again == english
    assert len(set(first)) == len(first)
    for uid in first:
        # A hash of pathway, deadline and date: no readable facts of the case.
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}@zairyu", uid
        )
    # A different date is a different event.
    other = screening_out(
        screen(PATHWAYS, read_case(EXAMPLE, AS_OF) | _later_expiry(), AS_OF), "ja"
    )
    assert set(first).isdisjoint(str(e["UID"]) for e in _events(deadlines_ics(other)))


def _later_expiry() -> dict[str, Any]:
    return {"applicant.period_of_stay_expires": dt.date(2027, 3, 10)}


def test_no_deadlines_is_an_empty_valid_calendar() -> None:
    result = _example("en")
    empty = result.model_copy(
        update={"pathways": [p.model_copy(update={"deadlines": []}) for p in result.pathways]}
    )
    ics = deadlines_ics(empty)
    calendar = Calendar.from_ical(ics)
    assert calendar.name == "VCALENDAR"
    assert "zairyu" in str(calendar["PRODID"])
    assert _events(ics) == []
