"""The statistics as tables: one row per figure or per year, each row with its source.

A table keeps machine values (for CSV and JSON) and knows how to label its columns in Japanese
and English (for people). Nothing is computed here that the sources do not give, except counting
the partnership systems in zairyu's own table by the year they started, which says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from zairyu.data import partnership_systems
from zairyu.data.official_statistics import (
    ASYLUM_MEASURES,
    asylum_years,
    corrections,
    partnership_totals,
    spouse_grants,
)
from zairyu.engine.text import Lang
from zairyu.i18n import translations

Gettext = Callable[[str], str]
Value = str | int | float | bool | None


class Topic(StrEnum):
    asylum = "asylum"
    partnership = "partnership"
    spouses = "spouses"


@dataclass(frozen=True, slots=True)
class StatTable:
    name: str
    title: str
    description: str
    columns: tuple[tuple[str, str], ...]  # (key, label)
    rows: tuple[dict[str, Value], ...]

    def column_keys(self) -> list[str]:
        return [key for key, _ in self.columns]


def kind_label(kind: str, _: Gettext) -> str:
    return {
        "official": _("official"),
        "secondary": _("secondary source"),
        "unconfirmed": _("not confirmed"),
    }[kind]


def measure_label(measure: str, _: Gettext) -> str:
    return {
        "applications": _("Refugee applications"),
        "protection_applications": _("Complementary protection applications"),
        "recognised": _("Recognised as refugees"),
        "recognised_on_review": _("of which on administrative review"),
        "complementary_protection": _("Complementary protection"),
        "humanitarian": _("Humanitarian permission to stay"),
        "resettled": _("Resettled refugees"),
    }[measure]


def asylum_tables(lang: Lang) -> list[StatTable]:
    _ = translations(lang).gettext
    # The procedures in Japan only: resettled refugees are admitted from abroad, not on application.
    measures = tuple(m for m in ASYLUM_MEASURES if m != "resettled")
    figures = StatTable(
        name="asylum",
        title=_("Asylum in Japan, 2010–2024"),
        description=_(
            "Applications for refugee status and, from 2023-12-01, for complementary protection;"
            " people recognised as refugees (including on administrative review), recognised for"
            " complementary protection, and allowed to stay on humanitarian grounds. An empty cell"
            " is a figure that does not exist or was not published."
        ),
        columns=(
            ("year", _("Year")),
            *((m, measure_label(m, _)) for m in measures),
            ("source_kind", _("Kind of source")),
            ("source_url", _("Source")),
        ),
        rows=tuple(
            {
                "year": y.year,
                **{m: y.value(m) for m in measures},
                "source_kind": y.source_kind.value,
                "source_url": " ; ".join(y.urls),
            }
            for y in asylum_years()
        ),
    )
    kinds = {y.year: y.source_kind.value for y in asylum_years()}
    fixes = StatTable(
        name="asylum_corrections",
        title=_("Corrections: asylum figures that circulate wrongly"),
        description=_(
            "A table copied across the web gives these figures for 2022–2024. They differ from"
            " the figures the Immigration Services Agency published; for 2024 the table even"
            " gives estimates although the official figures exist."
        ),
        columns=(
            ("year", _("Year")),
            ("measure", _("Figure")),
            ("circulating", _("Circulating figure")),
            ("circulating_is_estimate", _("Given as an estimate")),
            ("official", _("Official figure")),
            ("source_kind", _("Kind of source")),
            ("source_url", _("Source of the official figure")),
            ("notes", _("Notes")),
        ),
        rows=tuple(
            {
                "year": c.year,
                "measure": c.measure,
                "circulating": c.circulating,
                "circulating_is_estimate": c.circulating_is_estimate,
                "official": c.official,
                "source_kind": kinds[c.year],
                "source_url": " ; ".join(c.urls),
                "notes": c.note(lang),
            }
            for c in corrections()
        ),
    )
    return [figures, fixes]


def partnership_tables(lang: Lang) -> list[StatTable]:
    _ = translations(lang).gettext
    systems = partnership_systems.systems()
    started = Counter(s.start_date.year for s in systems)
    prefectures = Counter(s.start_date.year for s in systems if s.level == "prefecture")
    by_year: list[dict[str, Value]] = []
    total = total_prefectures = 0
    for year in sorted(started):
        total += started[year]
        total_prefectures += prefectures[year]
        urls = [u for s in systems if s.start_date.year == year for u in s.source_urls[:1]]
        by_year.append(
            {
                "year": year,
                "started": started[year],
                "systems_in_table": total,
                "prefectures": total_prefectures,
                "source_url": " ; ".join(urls),
            }
        )
    coverage = StatTable(
        name="partnership_systems_by_year",
        title=_("Partnership systems in zairyu's table, by year started"),
        description=_(
            "Every prefecture-level system and the early municipal ones, counted by the year they"
            " started, with each system's own source. This is not every municipality: see the"
            " nationwide totals below."
        ),
        columns=(
            ("year", _("Year")),
            ("started", _("Systems started")),
            ("systems_in_table", _("Systems in force (table)")),
            ("prefectures", _("Prefecture-level systems in force")),
            ("source_url", _("Source")),
        ),
        rows=tuple(by_year),
    )
    totals = StatTable(
        name="partnership_totals",
        title=_("Partnership systems nationwide: published totals"),
        description=_(
            "Totals published by surveys and others; their counting bases differ, so they are"
            " shown side by side, not merged."
        ),
        columns=(
            ("date", _("Date")),
            ("municipalities", _("Local governments")),
            ("prefectures", _("Prefectures")),
            ("population_coverage_percent", _("Population covered (%)")),
            ("registrations", _("Couples registered")),
            ("source_kind", _("Kind of source")),
            ("source_url", _("Source")),
            ("notes", _("Notes")),
        ),
        rows=tuple(
            {
                "date": t.label,
                "municipalities": t.municipalities,
                "prefectures": t.prefectures,
                "population_coverage_percent": t.population_coverage_percent,
                "registrations": t.registrations,
                "source_kind": t.source_kind.value,
                "source_url": " ; ".join(t.urls),
                "notes": t.note(lang),
            }
            for t in partnership_totals()
        ),
    )
    return [coverage, totals]


def spouse_tables(lang: Lang) -> list[StatTable]:
    _ = translations(lang).gettext
    return [
        StatTable(
            name="same_sex_spouse_grants",
            title=_("Designated Activities granted to same-sex spouses"),
            description=_(
                "No official statistics are published; these counts come from a disclosure"
                " reported in the press and from practitioners, and are marked as such."
            ),
            columns=(
                ("period", _("Period")),
                ("grants", _("Grants")),
                ("what", _("What was granted")),
                ("source_kind", _("Kind of source")),
                ("source_url", _("Source")),
                ("notes", _("Notes")),
            ),
            rows=tuple(
                {
                    "period": f"{g.period_start.isoformat()}..{g.period_end.isoformat()}",
                    "grants": g.grants,
                    "what": g.what_ja if lang == "ja" else g.what_en,
                    "source_kind": g.source_kind.value,
                    "source_url": " ; ".join(g.urls),
                    "notes": g.note(lang),
                }
                for g in spouse_grants()
            ),
        )
    ]


def tables(topic: Topic, lang: Lang) -> list[StatTable]:
    builders = {
        Topic.asylum: asylum_tables,
        Topic.partnership: partnership_tables,
        Topic.spouses: spouse_tables,
    }
    return builders[topic](lang)


def display(key: str, value: Value, lang: Lang) -> str:
    """A value as people read it: thousands separated, yes/no, the kind of source in words."""
    _ = translations(lang).gettext
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "source_kind" and isinstance(value, str):
        return kind_label(value, _)
    if key == "measure" and isinstance(value, str):
        return measure_label(value, _)
    if isinstance(value, int) and key != "year":
        return f"{value:,}"
    return str(value)
