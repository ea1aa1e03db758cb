"""Shared fixtures: the as-of date used by tests that do not care about time."""

from __future__ import annotations

import datetime as dt

AS_OF = dt.date(2026, 11, 22)
