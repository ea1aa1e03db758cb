"""Synthetic facts shared by the registry tests: a couple eligible for a partnership certificate
in a municipality where both live (every requirement of the system answered)."""

from __future__ import annotations

ELIGIBLE_FACTS: dict[str, object] = {
    "relationship.same_sex": True,
    "partnership.sexual_minority": True,
    "partnership.applicant_connection": "resident",
    "partnership.partner_connection": "resident",
    "household.living_together": True,
    "partnership.applicant_married": False,
    "partnership.partner_married": False,
    "partnership.other_partnership": False,
    "partnership.close_relatives": False,
}
