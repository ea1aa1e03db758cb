"""Calendar-correct date arithmetic.

A period counted in years or months ends on the corresponding day; where that month has no such
day, on its last day (Civil Code Art. 143(2), 民法第143条第2項). So 3 years after 2020-02-29 is
2023-02-28, and Polars' ``dt.offset_by`` follows the same convention.
"""

from __future__ import annotations

import calendar
import datetime as dt


def shift(day: dt.date, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    total = day.year * 12 + (day.month - 1) + years * 12 + months
    year, month0 = divmod(total, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last)) + dt.timedelta(days=days)
