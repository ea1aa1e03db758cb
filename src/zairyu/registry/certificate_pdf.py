"""The printable certificate: one A4 page, Japanese with English under it, carrying the holders'
names and birth dates, the issuer, number and date, the QR code of the signed payload and how
to verify it.

The QR code (segno, error correction M) holds the verification page's address with the payload
(`payload.qr_text`), so that a phone's camera opens the page with the payload filled in. The same text is printed under it in groups of four, for verifiers who
type it. The PDF's metadata holds fixed text only, never a holder's name.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from importlib.resources import as_file

import segno
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from zairyu.data.partnership_systems import by_code
from zairyu.export.pdf import FONT, FONT_FILE
from zairyu.i18n import translations
from zairyu.registry.models import RegistryCertificate
from zairyu.registry.payload import Holder, qr_text
from zairyu.report import format_date

GREY = (85, 85, 85)
QR_SIZE = 55.0  # mm: scans from a phone at arm's length


def _(message: str) -> str:
    """Marks a message for the catalogue; `_pair` prints it in Japanese and in English."""
    return message


def _ja(message: str) -> str:
    return translations("ja").gettext(message)


def grouped(payload: str, size: int = 4, per_line: int = 12) -> list[str]:
    groups = [payload[i : i + size] for i in range(0, len(payload), size)]
    return [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]


def qr_png(text: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def certificate_pdf(
    certificate: RegistryCertificate, holders: Sequence[Holder], base_url: str
) -> bytes:
    with as_file(FONT_FILE) as font_path:
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.add_font(FONT, "", font_path)
        pdf.set_title(f"{_ja(_('Partnership certificate'))} / Partnership certificate")
        pdf.set_lang("ja")
        pdf.set_creator("zairyu")
        pdf.set_margins(20, 20, 20)
        pdf.add_page()
        _render(pdf, certificate, holders, base_url.rstrip("/"))
        return bytes(pdf.output())


def _line(pdf: FPDF, text: str, size: float, *, grey: bool = False, align: Align = Align.L) -> None:
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*(GREY if grey else (0, 0, 0)))
    pdf.multi_cell(0, size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pair(pdf: FPDF, message: str, size: float, **values: str) -> None:
    """The Japanese text, then the English in grey under it."""
    ja_values = {k: v for k, v in values.items() if not k.endswith("_en")}
    en_values = {k.removesuffix("_en"): v for k, v in values.items() if k.endswith("_en")}
    _line(pdf, _ja(message).format(**{**ja_values}), size)
    _line(pdf, message.format(**{**ja_values, **en_values}), size * 0.8, grey=True)
    pdf.ln(2)


def _render(
    pdf: FPDF, certificate: RegistryCertificate, holders: Sequence[Holder], base_url: str
) -> None:
    system = by_code()[certificate.issuer_code]
    _line(pdf, _ja(_("Partnership certificate")), 20, align=Align.C)
    _line(pdf, "Partnership certificate", 12, grey=True, align=Align.C)
    pdf.ln(6)
    _pair(
        pdf,
        _("Issuer: {issuer}"),
        11,
        issuer=system.name.ja,
        issuer_en=system.name.en,
    )
    _pair(pdf, _("Certificate number: {number}"), 11, number=str(certificate.number))
    _pair(
        pdf,
        _("Date of issue: {date}"),
        11,
        date=format_date(certificate.issue_date, "ja"),
        date_en=format_date(certificate.issue_date, "en"),
    )
    pdf.ln(2)
    for position, holder in enumerate(holders, start=1):
        _pair(
            pdf,
            _("Partner {position}: {name} (born {birth})"),
            12,
            position=str(position),
            name=holder.name,
            birth=format_date(holder.birth_date, "ja"),
            birth_en=format_date(holder.birth_date, "en"),
        )
    pdf.ln(2)
    _pair(
        pdf,
        _(
            "This certifies that the two persons above declared to each other that they are"
            " life partners. This certificate is not a marriage and has no legal effect."
        ),
        10,
    )
    top = pdf.get_y() + 2
    code = qr_png(qr_text(base_url, certificate.payload))
    pdf.image(io.BytesIO(code), x=20, y=top, w=QR_SIZE, h=QR_SIZE)
    pdf.set_xy(20 + QR_SIZE + 6, top + 2)
    pdf.set_left_margin(20 + QR_SIZE + 6)
    _pair(
        pdf,
        _(
            "To verify this certificate, scan the code or type the text below at {url}"
            " together with the two names and birth dates above."
        ),
        9,
        url=f"{base_url}/verify",
    )
    pdf.set_left_margin(20)
    pdf.set_y(top + QR_SIZE + 4)
    for line in grouped(certificate.payload):
        _line(pdf, line, 9)
