"""Reforms as code: what a rule change would do, applied to the pathways without touching `law/`."""

from zairyu.reforms.catalogue import REFORMS, reform_named
from zairyu.reforms.model import (
    Reform,
    ReformError,
    ReformStatus,
    Replacement,
    apply_reform,
    rule_ids,
)

__all__ = [
    "REFORMS",
    "Reform",
    "ReformError",
    "ReformStatus",
    "Replacement",
    "apply_reform",
    "reform_named",
    "rule_ids",
]
