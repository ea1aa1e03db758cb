"""Exports of a screening result: a printable PDF and a calendar of its deadlines.

`screening_pdf` (in `zairyu.export.pdf`) and `deadlines_ics` (in `zairyu.export.calendar`) take a
`ScreeningOut` and return bytes to serve or save. Neither writes personal data into file
metadata.
"""

from __future__ import annotations

from zairyu.export.calendar import deadlines_ics
from zairyu.export.pdf import screening_pdf

__all__ = ["deadlines_ics", "screening_pdf"]
