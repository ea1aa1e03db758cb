"""The screening as a printable A4 PDF in the result's language.

The sections follow the terminal rendering (`zairyu.render`) and reuse its wording, but sort a
pathway's requirements by what they mean for the reader: what is met, what stands in the way,
what is still unknown. Every citation a pathway names is listed, numbered, at its end.

One font serves both languages: IPAexGothic (IPA Font License, see `fonts/README.md`), which
fpdf2 embeds as a subset of the glyphs used. Japanese has no spaces, so it wraps between any
two characters, except before closing and after opening punctuation (kinsoku).
The PDF metadata holds only fixed text (title, language, creator), never facts of the case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from babel import Locale
from fpdf import FPDF
from fpdf.enums import Align, TextMode, XPos, YPos

from zairyu import __version__
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.report import (
    FactorOut,
    PathwayOut,
    QuestionOut,
    RequirementOut,
    ScreeningOut,
    format_date,
)

Gettext = Callable[[str], str]
Rgb = tuple[int, int, int]

FONT = "IPAexGothic"
FONT_FILE = files("zairyu.export").joinpath("fonts", "ipaexg.ttf")

BLACK: Rgb = (0, 0, 0)
GREY: Rgb = (85, 85, 85)
LINK: Rgb = (0, 70, 160)
RULE: Rgb = (170, 170, 170)
NOTICE_FILL: Rgb = (242, 242, 242)
OUTCOME_COLOUR: dict[str, Rgb] = {
    "eligible": (0, 110, 50),
    "discretionary": (0, 90, 150),
    "not_eligible": (175, 0, 0),
    "undetermined": (150, 95, 0),
}
# Marks for sub-rules, all in the embedded font (✗ is not).
MARK = {"held": "○", "failed": "×", "unknown": "?", "not_in_force": "–"}
FACTOR_MARK = {"favourable": "+", "unfavourable": "−"}

BODY = 9.5  # pt
SMALL = 8.0
INDENT = 5.0  # mm per level of a list
MARKER = 5.0  # mm for a bullet or a number
SOURCE_NUMBER = 9.0  # mm for "[123]"


def screening_pdf(result: ScreeningOut) -> bytes:
    """A printable A4 PDF of the whole result, in `result.lang`."""
    with as_file(FONT_FILE) as font_path:
        return _render(result, font_path)


class _Pdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.footer_text}    {self.page_no()} / {{nb}}", align=Align.C)


# Japanese line-breaking rules (kinsoku): characters that may not begin a line, and characters
# that may not end one.
NO_LINE_START = frozenset(
    "、。，．・：；？！ー～‐）〕］｝〉》」』】’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
    ",.:;?!)]}%"
)
NO_LINE_END = frozenset("（〔［｛〈《「『【‘“([{")


def _wide(char: str) -> bool:
    """Kana, kanji, full-width forms and CJK punctuation: a line may break beside them."""
    return ord(char) >= 0x2E80


def _may_break_before(text: str, index: int) -> bool:
    before, char = text[index - 1], text[index]
    if char == " ":
        return False
    if before == " ":
        return True
    if before in NO_LINE_END or char in NO_LINE_START:
        return False
    return _wide(before) or _wide(char)


def wrap(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    """Lines of at most `width`: English breaks at spaces, Japanese between any two characters
    but not before closing or after opening punctuation; a word wider than a line (an
    address) breaks where it must."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        start, used, breakable = 0, 0.0, -1
        index = 0
        while index < len(paragraph):
            if index > start and _may_break_before(paragraph, index):
                breakable = index
            advance = char_width(paragraph[index])
            if used + advance > width and index > start:
                cut = breakable if breakable > start else index
                lines.append(paragraph[start:cut].rstrip(" "))
                start = cut
                while start < len(paragraph) - 1 and paragraph[start] == " ":
                    start += 1
                index, used, breakable = start, 0.0, -1
                continue
            used += advance
            index += 1
        lines.append(paragraph[start:].rstrip(" "))
    return lines


class _Writer:
    """Paragraphs, headings and hanging-indent list items that flow across pages.

    Lines are broken here rather than by `multi_cell`: fpdf2's line breaker measures each line
    once per character, which took seconds for a full screening, and it knows no kinsoku.
    """

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.widths: dict[tuple[str, float], float] = {}

    @staticmethod
    def line_height(size: float) -> float:
        return size * 0.3528 * 1.45  # pt to mm, with leading

    def lines(self, text: str, width: float, size: float) -> list[str]:
        pdf = self.pdf
        pdf.set_font(FONT, size=size)

        def char_width(char: str) -> float:
            key = (char, size)
            found = self.widths.get(key)
            if found is None:
                found = self.widths[key] = pdf.get_string_width(char)
            return found

        return wrap(text, width, char_width)

    @contextmanager
    def style(self, size: float, colour: Rgb, bold: bool) -> Iterator[None]:
        # IPAexGothic has no bold face: stroke the glyph outlines to embolden headings.
        pdf = self.pdf
        pdf.set_font(FONT, size=size)
        pdf.set_text_color(*colour)
        if not bold:
            yield
            return
        with pdf.local_context(
            text_mode=TextMode.FILL_STROKE, line_width=size * 0.012, draw_color=colour
        ):
            yield

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        colour: Rgb = BLACK,
        bold: bool = False,
        level: int = 0,
        marker: str | None = None,
        marker_width: float = MARKER,
        link: str | None = None,
    ) -> None:
        pdf = self.pdf
        height = self.line_height(size)
        left = pdf.l_margin + level * INDENT
        text_left = left + (marker_width if marker is not None else 0)
        lines = self.lines(text, pdf.w - pdf.r_margin - text_left, size)
        if pdf.will_page_break(height):
            pdf.add_page()
        if marker:
            with self.style(size, colour, bold=False):
                pdf.set_x(left)
                pdf.cell(marker_width, height, marker)
        with self.style(size, colour, bold):
            for line in lines:
                if pdf.will_page_break(height):
                    pdf.add_page()
                pdf.set_x(text_left)
                pdf.cell(
                    pdf.w - pdf.r_margin - text_left,
                    height,
                    line,
                    link=link or "",
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                )

    def url(self, url: str, hang: float = MARKER) -> None:
        # An empty marker keeps the address under the text of its item.
        self.text(url, size=SMALL, colour=LINK, marker="", marker_width=hang, link=url)

    def box(self, text: str, fill: Rgb, padding: float = 2.5) -> None:
        pdf = self.pdf
        height = self.line_height(BODY)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        lines = self.lines(text, width - 2 * padding, BODY)
        pdf.set_fill_color(*fill)
        pdf.rect(pdf.l_margin, pdf.get_y(), width, len(lines) * height + 2 * padding, style="F")
        pdf.ln(padding)
        with self.style(BODY, BLACK, bold=False):
            for line in lines:
                pdf.set_x(pdf.l_margin + padding)
                pdf.cell(width - 2 * padding, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(padding)

    def heading(self, text: str, size: float, space: float = 3.0) -> None:
        pdf = self.pdf
        # Keep a heading with at least two lines of what follows.
        if pdf.will_page_break(space + self.line_height(size) + 2 * self.line_height(BODY)):
            pdf.add_page()
        else:
            pdf.ln(space)
        self.text(text, size=size, bold=True)
        pdf.ln(0.8)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.3)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1.5)


def _render(result: ScreeningOut, font_path: Path) -> bytes:
    lang = result.lang
    _ = translations(lang).gettext
    pdf = _Pdf(_("zairyu {version}: not legal advice").format(version=__version__))
    pdf.add_font(FONT, "", font_path)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    # Metadata: fixed text only, never facts of the case.
    pdf.set_title(_("zairyu screening result"))
    pdf.set_lang(lang)
    pdf.set_creator(f"zairyu {__version__}")
    pdf.set_display_mode("fullwidth")
    w = _Writer(pdf)

    pdf.add_page()
    w.text(_("zairyu screening result"), size=18, bold=True)
    pdf.ln(1)
    w.text(
        _("Evaluation date: {date}").format(date=format_date(result.as_of, lang)),
        size=11,
    )
    w.text(f"zairyu {result.zairyu_version}", size=SMALL, colour=GREY)
    pdf.ln(3)
    _notice(w, _)

    w.heading(_("Overview"), 13)
    for pathway in result.pathways:
        w.text(pathway.title, marker="•")
        w.text(pathway.outcome_text, colour=OUTCOME_COLOUR[pathway.outcome], level=1)

    for pathway in result.pathways:
        pdf.add_page()
        _pathway(w, pathway, lang, _)

    if result.next_questions:
        w.heading(_("Next questions (most decisive first)"), 13, space=6)
        for n, question in enumerate(result.next_questions, start=1):
            _question(w, question, f"{n}.")
    return bytes(pdf.output())


def _notice(w: _Writer, _: Gettext) -> None:
    w.box(
        _(
            "This is not legal advice. It applies the published rules, as cited, to the facts"
            " that were given, as of the evaluation date. Only the competent authority decides"
            " an application: ask a lawyer or an administrative scrivener before you act,"
            " especially before a deadline."
        ),
        NOTICE_FILL,
    )


def _refs(ids: list[str], numbers: dict[str, int]) -> str:
    found = "".join(f"[{numbers[i]}]" for i in ids)
    return f" {found}" if found else ""


def _requirement(
    w: _Writer, requirement: RequirementOut, numbers: dict[str, int], level: int, marker: str
) -> None:
    w.text(requirement.text + _refs(requirement.citations, numbers), level=level, marker=marker)
    for child in requirement.children:
        _requirement(w, child, numbers, level + 1, MARK[child.status])


def _factor(w: _Writer, factor: FactorOut, numbers: dict[str, int], marker: str) -> None:
    w.text(factor.text + _refs(factor.citations, numbers), marker=marker)


def _question(w: _Writer, question: QuestionOut, marker: str) -> None:
    w.text(f"{question.question} ({question.fact})", marker=marker)
    if question.help:
        w.text(question.help, size=SMALL, colour=GREY, level=1)


@cache
def _language_codes() -> dict[str, str]:
    return {str(name): str(code) for code, name in Locale("en").languages.items()}


def _languages(names: list[str], lang: Lang) -> str:
    """The reference data names languages in English: name them in Japanese where CLDR can."""
    if lang == "en":
        return ", ".join(names)
    japanese = Locale("ja").languages
    return "、".join(str(japanese.get(_language_codes().get(n, ""), n)) for n in names)


def _procedure_lines(pathway: PathwayOut, numbers: dict[str, int], _: Gettext) -> list[str]:
    procedure = pathway.procedure
    assert procedure is not None
    lines = [
        procedure.name + _refs(procedure.citations, numbers),
        procedure.office,
        procedure.processing,
    ]
    fee = procedure.fee
    if fee is None:
        lines.append(_("Fee: no source gives the fee for this date"))
    elif fee.counter_yen == 0:
        lines.append(_("Fee: none") + _refs(fee.citations, numbers))
    elif fee.online_yen is None or fee.online_yen == fee.counter_yen:
        lines.append(
            _("Fee: ¥{counter}").format(counter=f"{fee.counter_yen:,}")
            + _refs(fee.citations, numbers)
        )
    else:
        lines.append(
            _("Fee: ¥{counter} at the counter, ¥{online} online").format(
                counter=f"{fee.counter_yen:,}", online=f"{fee.online_yen:,}"
            )
            + _refs(fee.citations, numbers)
        )
    return [line for line in lines if line]


def _pathway(w: _Writer, pathway: PathwayOut, lang: Lang, _: Gettext) -> None:
    numbers = {c.id: n for n, c in enumerate(pathway.citations, start=1)}
    w.text(pathway.title, size=15, bold=True)
    if pathway.target_status is not None:
        w.text(
            _("Status of residence: {name}").format(name=pathway.target_status.name),
            colour=GREY,
        )
    w.rule()
    w.text(_("Outcome"), size=SMALL, colour=GREY)
    w.text(pathway.outcome_text, size=12, colour=OUTCOME_COLOUR[pathway.outcome], bold=True)
    if pathway.summary:
        w.pdf.ln(1)
        w.text(pathway.summary)

    def section(title: str, lines: list[str]) -> None:
        if lines:
            w.heading(title, 11)
            for line in lines:
                w.text(line, marker="•")

    by_status: dict[str, list[RequirementOut]] = {}
    for requirement in pathway.requirements:
        by_status.setdefault(requirement.status, []).append(requirement)
    factors: dict[tuple[str, str], list[FactorOut]] = {}
    for factor in pathway.factors:
        factors.setdefault((factor.weight, factor.status), []).append(factor)

    favourable = factors.get(("favourable", "held"), [])
    if by_status.get("held") or favourable:
        w.heading(_("Requirements you meet"), 11)
        for requirement in by_status.get("held", []):
            _requirement(w, requirement, numbers, 0, "•")
        for factor in favourable:
            _factor(w, factor, numbers, FACTOR_MARK["favourable"])

    unfavourable = factors.get(("unfavourable", "held"), [])
    if by_status.get("failed") or unfavourable:
        w.heading(_("Complications"), 11)
        for requirement in by_status.get("failed", []):
            _requirement(w, requirement, numbers, 0, "•")
            w.text(
                _("Required: without it, this pathway is not open.")
                if requirement.effect == "required"
                else _("Standard: not meeting it leads to a discretionary assessment."),
                size=SMALL,
                colour=GREY,
                level=1,
            )
            for alternative in requirement.if_not_met:
                w.text(
                    alternative.text + _refs(alternative.citations, numbers),
                    level=1,
                    marker="→",
                )
        for factor in unfavourable:
            _factor(w, factor, numbers, FACTOR_MARK["unfavourable"])

    unknown_factors = [f for f in pathway.factors if f.status == "unknown"]
    if by_status.get("unknown") or unknown_factors or pathway.next_questions:
        w.heading(_("Still unknown (answering may change the outcome)"), 11)
        for requirement in by_status.get("unknown", []):
            _requirement(w, requirement, numbers, 0, "?")
        for factor in unknown_factors:
            _factor(w, factor, numbers, "?")
        if pathway.next_questions:
            w.text(_("Questions to answer"), colour=GREY)
            for question in pathway.next_questions:
                _question(w, question, "•")

    if by_status.get("not_in_force"):
        w.heading(_("Rules not in force on the evaluation date"), 11)
        for requirement in by_status["not_in_force"]:
            _requirement(w, requirement, numbers, 0, MARK["not_in_force"])

    section(_("Uncertain reference data"), [g.text for g in pathway.data_gaps])
    section(_("What would change the answer"), [wi.text for wi in pathway.what_ifs])
    section(
        _("What remains open"),
        [a.text + _refs(a.citations, numbers) for a in pathway.alternatives],
    )
    if pathway.outcome != "not_eligible" or pathway.legal_help.organisations:
        section(
            _("How to apply"),
            [i.text + _refs(i.citations, numbers) for i in pathway.how_to_apply],
        )
        if pathway.procedure is not None:
            section(_("Where, how long, and the fee"), _procedure_lines(pathway, numbers, _))
        section(
            _("Documents to prepare"),
            [d.text + _refs(d.citations, numbers) for d in pathway.documents],
        )
        section(
            _("Deadlines"),
            [
                f"{format_date(d.date, lang)} ({_('from') if d.kind == 'opens' else _('by')}):"
                f" {d.text}{_refs(d.citations, numbers)}"
                for d in pathway.deadlines
            ],
        )
    section(_("Caveats"), [c.text + _refs(c.citations, numbers) for c in pathway.caveats])

    w.pdf.ln(2)
    w.text(pathway.legal_help.text, colour=GREY)
    if pathway.legal_help.organisations:
        w.heading(_("Where to get legal help"), 11)
        for organisation in pathway.legal_help.organisations:
            w.text(organisation.name + _refs(organisation.citations, numbers), marker="•")
            if organisation.languages:
                w.text(
                    _("Languages: {languages}").format(
                        languages=_languages(organisation.languages, lang)
                    ),
                    size=SMALL,
                    colour=GREY,
                    level=1,
                )
            w.url(organisation.url)

    if pathway.citations:
        w.heading(_("Sources"), 11)
        kinds = {
            "official": _("official source"),
            "secondary": _("secondary source"),
            "unconfirmed": _("unconfirmed source"),
        }
        for citation in pathway.citations:
            w.text(
                f"{citation.title} — {citation.section} ({kinds[citation.kind]})",
                size=SMALL,
                marker=f"[{numbers[citation.id]}]",
                marker_width=SOURCE_NUMBER,
            )
            w.url(citation.url, hang=SOURCE_NUMBER)
