"""Shared fixtures: the as-of date used by tests that do not care about time."""

from __future__ import annotations

import datetime as dt

from tests.storage_fixtures import *  # noqa: F403

AS_OF = dt.date(2026, 11, 22)
