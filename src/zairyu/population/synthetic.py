"""A synthetic population of foreign residents, calibrated to the published marginals.

`generate(size, seed, as_of)` returns one row per synthetic resident, one column per engine fact
(the names of `zairyu.law.pathways.FACTS`), ready for `engine.batch.screen_frame`.

Calibration: the status and the nationality columns are *allocated*, not sampled: each published
figure gets its share of the rows by largest remainder, and the two columns are then shuffled
independently, so both marginals match the table to within one row per category. Status and
nationality are independent of each other (no joint table is published; in reality, for example,
most Special Permanent Residents are Korean). Every other column is drawn from the named
assumptions in `parameters.Parameters` (`fixed_facts` are the facts given one value for
everyone), or derived from them as the comments below say (dates from ages and years; the day
of landing is the first day of residence; a period of stay ends 30 days to 3 years ahead); the
facts no assumption covers are left unknown (null), which the engine treats as unknown, never
as "no". The same seed gives the same frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

from zairyu.data.foreign_residents import OTHER, ResidentMarginals, marginals
from zairyu.data.statuses import by_code, status_codes
from zairyu.law.facts import MARRIAGE, MUNICIPAL_CERTIFICATE, UNREGISTERED
from zairyu.law.pathways import FACTS
from zairyu.population.parameters import Parameters, Shares

PERMANENT = frozenset({"permanent_resident", "special_permanent_resident"})
DAYS_PER_YEAR = 365.2425
# The day the first municipal partnership certificates were issued (Shibuya, 2015-11-05).
FIRST_CERTIFICATE = dt.date(2015, 11, 5)


class PopulationError(ValueError):
    """A size, seed or parameter the generator cannot use; the message says which."""


def largest_remainder(size: int, weights: Sequence[float]) -> list[int]:
    """Whole counts adding up to `size`, each within one of `size * weight / total`."""
    total = float(sum(weights))
    exact = [size * w / total for w in weights]
    counts = [int(e) for e in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: size - sum(counts)]:
        counts[i] += 1
    return counts


def status_groups(parameters: Parameters, figures: ResidentMarginals) -> dict[str, str]:
    """The published status group of each status code the generator can produce."""
    splits = _status_splits(parameters)
    groups: dict[str, str] = {}
    for group in figures.counted("status"):
        for code, _ in splits.get(group, ((group, 1.0),)):
            if code in groups:
                raise PopulationError(f"status {code} is produced by two published groups")
            groups[code] = group
    unknown = sorted(set(groups) - set(status_codes().names))
    if unknown:
        raise PopulationError(f"not status codes: {', '.join(unknown)}")
    return groups


def _status_splits(parameters: Parameters) -> dict[str, Shares]:
    return {
        "technical_intern_training": parameters.technical_intern_split,
        "specified_skilled_worker": parameters.specified_skilled_worker_split,
        OTHER: parameters.other_status_mix,
    }


def _allocated_statuses(size: int, parameters: Parameters, figures: ResidentMarginals) -> list[str]:
    status_groups(parameters, figures)  # validates the split codes
    splits = _status_splits(parameters)
    published = figures.counted("status")
    codes: list[str] = []
    for (group, _), count in zip(
        published.items(), largest_remainder(size, list(published.values())), strict=True
    ):
        split = splits.get(group, ((group, 1.0),))
        for (code, _), part in zip(
            split, largest_remainder(count, [s for _, s in split]), strict=True
        ):
            codes.extend([code] * part)
    return codes


def _allocated_nationalities(
    size: int, parameters: Parameters, figures: ResidentMarginals, rng: np.random.Generator
) -> np.ndarray:
    published = figures.counted("nationality")
    codes: list[str] = []
    for code, count in zip(
        published.keys(), largest_remainder(size, list(published.values())), strict=True
    ):
        if code == OTHER:
            codes.extend(rng.choice(list(parameters.other_nationalities), size=count).tolist())
        else:
            codes.extend([code] * count)
    return np.array(codes, dtype=object)


def _draw(rng: np.random.Generator, shares: Shares, size: int) -> np.ndarray:
    labels = [label for label, _ in shares]
    return np.array(labels, dtype=object)[
        rng.choice(len(labels), size=size, p=[s for _, s in shares])
    ]


def _days_before(as_of: dt.date, years: np.ndarray) -> np.ndarray:
    base = np.datetime64(as_of, "D")
    return base - np.round(years * DAYS_PER_YEAR).astype("timedelta64[D]")


def _masked(values: np.ndarray, keep: np.ndarray) -> list[object]:
    return [v if k else None for v, k in zip(values.tolist(), keep.tolist(), strict=True)]


def generate(
    size: int,
    seed: int,
    as_of: dt.date,
    parameters: Parameters | None = None,
    figures: ResidentMarginals | None = None,
) -> pl.DataFrame:
    """`size` synthetic residents as facts, on the date `as_of` (no fact date is later)."""
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        raise PopulationError(f"size must be a positive whole number, not {size!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise PopulationError(f"seed must be a whole number of at least 0, not {seed!r}")
    parameters = parameters or Parameters()
    figures = figures or marginals()
    rng = np.random.default_rng(seed)
    n = size

    status = rng.permutation(np.array(_allocated_statuses(n, parameters, figures), dtype=object))
    nationality = rng.permutation(_allocated_nationalities(n, parameters, figures, rng))
    permanent = np.isin(status, list(PERMANENT))

    low, high = parameters.age_range
    age = rng.uniform(low, high + 1, n)
    p_low, p_high = parameters.years_of_residence_permanent
    o_low, o_high = parameters.years_of_residence_other
    years = np.where(permanent, rng.uniform(p_low, p_high, n), rng.uniform(o_low, o_high, n))
    years = np.minimum(years, age)
    years_on_status = years * rng.uniform(0.0, 1.0, n)
    birth = _days_before(as_of, age)
    resident_since = _days_before(as_of, years)
    status_since = _days_before(as_of, years_on_status)
    info = by_code()
    works = np.array([s in info and info[s].work != "none" for s in status.tolist()])
    stay_expires = np.datetime64(as_of, "D") + rng.integers(30, 3 * 365, n).astype("timedelta64[D]")

    has_partner = rng.random(n) < parameters.share_with_partner
    same_sex = has_partner & (rng.random(n) < parameters.share_same_sex)
    partner_japanese = has_partner & (rng.random(n) < parameters.share_partner_japanese)
    partner_foreign = has_partner & ~partner_japanese
    same_nationality = rng.random(n) < parameters.share_partner_same_nationality
    other_partner_nationality = rng.permutation(nationality)
    partner_nationality = np.where(
        partner_japanese, "JP", np.where(same_nationality, nationality, other_partner_nationality)
    )
    living_together = has_partner & (rng.random(n) < parameters.share_living_together)
    # A foreign partner who lives here holds a status drawn like anyone's; one abroad has none
    # to report, so it stays unknown; a Japanese national holds no status at all.
    partner_status = rng.permutation(status)
    partner_status_known = partner_foreign & living_together

    kind = np.full(n, MARRIAGE, dtype=object)
    same_sex_kind = _draw(rng, parameters.same_sex_kind_shares, n)
    kind = np.where(same_sex, same_sex_kind, kind)
    certificate = (
        same_sex
        & living_together
        & (kind == UNREGISTERED)
        & (rng.random(n) < parameters.share_certificate)
    )
    kind = np.where(certificate, MUNICIPAL_CERTIFICATE, kind)
    r_low, r_high = parameters.relationship_years
    relationship_years = np.minimum(rng.uniform(r_low, r_high, n), np.maximum(age - 18, 0))
    relationship_date = _days_before(as_of, relationship_years)
    formal = has_partner & np.isin(kind, [MARRIAGE, "registered_partnership"])

    def share(p: float) -> np.ndarray:
        return rng.random(n) < p

    period = _draw(rng, tuple((str(y), s) for y, s in parameters.longest_period_shares), n).astype(
        int
    )

    columns: dict[str, pl.Series] = {
        "applicant.nationality": pl.Series(nationality.tolist(), dtype=pl.String),
        "applicant.status": pl.Series(status.tolist(), dtype=pl.String),
        "applicant.status_since": pl.Series(status_since, dtype=pl.Date),
        "applicant.birth_date": pl.Series(birth, dtype=pl.Date),
        "applicant.landed_on": pl.Series(resident_since, dtype=pl.Date),
        "applicant.resident_since": pl.Series(resident_since, dtype=pl.Date),
        "applicant.period_of_stay_expires": pl.Series(
            _masked(stay_expires, ~permanent), dtype=pl.Date
        ),
        "applicant.criminal_record": pl.Series(share(parameters.share_criminal_record)),
        "applicant.independent_livelihood": pl.Series(
            share(parameters.share_independent_livelihood)
        ),
        "duties.taxes_paid": pl.Series(~share(parameters.share_tax_arrears)),
        "duties.pension_paid": pl.Series(~share(parameters.share_pension_arrears)),
        "duties.health_insurance_paid": pl.Series(
            ~share(parameters.share_health_insurance_arrears)
        ),
        "duties.notifications_made": pl.Series(~share(parameters.share_notification_missed)),
        "duties.paid_on_time": pl.Series(~share(parameters.share_paid_late)),
        "relationship.has_partner": pl.Series(has_partner),
        "relationship.same_sex": pl.Series(_masked(same_sex, has_partner), dtype=pl.Boolean),
        "relationship.kind": pl.Series(_masked(kind, has_partner), dtype=pl.String),
        "relationship.date": pl.Series(_masked(relationship_date, formal), dtype=pl.Date),
        "marriage.status": pl.Series(
            np.where(has_partner & (kind == MARRIAGE), "married", "never_married").tolist(),
            dtype=pl.String,
        ),
        "partner.nationality": pl.Series(
            _masked(partner_nationality, has_partner), dtype=pl.String
        ),
        "partner.has_other_nationality": pl.Series(
            _masked(np.zeros(n, dtype=bool), has_partner), dtype=pl.Boolean
        ),
        "partner.status": pl.Series(_masked(partner_status, partner_status_known), dtype=pl.String),
        "household.living_together": pl.Series(
            _masked(living_together, has_partner), dtype=pl.Boolean
        ),
        "household.supported_by_partner": pl.Series(
            _masked(share(parameters.share_supported_by_partner), has_partner), dtype=pl.Boolean
        ),
        # Only work and residential statuses count towards the permanent-residence work period;
        # for the others the date stays unknown rather than guessed.
        "permanent_residence.work_status_since": pl.Series(
            _masked(status_since, works), dtype=pl.Date
        ),
        "permanent_residence.years_in_japan_total": pl.Series(np.floor(years).astype(int)),
        "permanent_residence.period_of_stay_years": pl.Series(
            _masked(period, ~permanent), dtype=pl.Int64
        ),
    }
    for name, value in parameters.fixed_facts:
        if name not in FACTS:
            raise PopulationError(f"parameter fixed_facts: {name} is not a fact")
        if name in columns:
            raise PopulationError(f"parameter fixed_facts: {name} is drawn, not fixed")
        columns[name] = pl.Series([value] * n)
    if certificate.any() and as_of < FIRST_CERTIFICATE:
        columns["relationship.kind"] = pl.Series(
            _masked(np.where(certificate, UNREGISTERED, kind), has_partner), dtype=pl.String
        )
    return pl.DataFrame({name: series.alias(name) for name, series in columns.items()})
