"""The report of a simulation: labels in Japanese or English, PNG charts and a self-contained
HTML page (Jinja2; the charts are embedded, so the one file can be sent on its own)."""

from __future__ import annotations

import base64
import dataclasses
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from jinja2 import Environment, PackageLoader, select_autoescape

from zairyu import __version__
from zairyu.data.foreign_residents import OTHER, marginals
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.law.facts import COUNTRIES, STATUSES
from zairyu.law.pathways import PATHWAYS
from zairyu.population.charts import before_after_bars
from zairyu.population.parameter_docs_ja import PARAMETER_DOCS_JA
from zairyu.population.parameters import ParameterDoc, parameter_docs
from zairyu.population.simulate import FAVOURABLE, Simulation
from zairyu.report import format_date
from zairyu.stats.figures import kind_label

Gettext = Callable[[str], str]
TOP = 12  # rows shown per chart and per printed table


def outcome_labels(_: Gettext) -> dict[str, str]:
    return {
        "eligible": _("eligible"),
        "discretionary": _("discretionary (case by case)"),
        "not_eligible": _("not eligible"),
        "undetermined": _("undetermined (depends on unknown facts)"),
        "holds": _("ground may apply"),
        "does_not_hold": _("ground does not apply"),
        "unknown": _("unknown"),
    }


def reform_status_label(status: str, _: Gettext) -> str:
    return {
        "proposal": _("Proposal, not enacted"),
        "hypothetical": _("Hypothetical: no formal proposal found"),
        "enacted": _("Enacted law"),
    }[status]


def item_label(item: str, lang: Lang, simulation: Simulation) -> str:
    for pathway in PATHWAYS:
        if pathway.id == item:
            return pathway.title(lang)
    for rule in simulation.reform.indicators:
        if rule.id == item:
            return rule.text(lang)
    return item


def status_label(code: str, lang: Lang) -> str:
    return STATUSES.names[code](lang) if code in STATUSES.names else code


def country_label(code: str, lang: Lang) -> str:
    if code == OTHER:
        _ = translations(lang).gettext
        return _("other nationalities")
    return COUNTRIES.names[code](lang) if code in COUNTRIES.names else code


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    png: bytes

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _reached_chart(
    simulation: Simulation, key: str, lang: Lang, title: str, label: Callable[[str, Lang], str]
) -> bytes:
    _ = translations(lang).gettext
    table = simulation.reached(getattr(simulation, f"by_{key}"), key)
    totals = (
        table.group_by(key)
        .agg(pl.col("before").sum(), pl.col("after").sum())
        .with_columns(size=pl.max_horizontal("before", "after"))
        .sort(["size", key], descending=[True, False])
        .head(TOP)
    )
    return before_after_bars(
        [label(v, lang) for v in totals[key].to_list()],
        totals["before"].to_list(),
        totals["after"].to_list(),
        title=title,
        before_label=_("before"),
        after_label=_("after"),
        xlabel=_("synthetic residents (eligible, discretionary, or ground may apply)"),
    )


def charts(simulation: Simulation, lang: Lang) -> list[Chart]:
    _ = translations(lang).gettext
    outcomes = outcome_labels(_)
    focus = simulation.by_item.filter(
        pl.col("item").is_in(simulation.focus)
        & pl.col("outcome").is_in([*FAVOURABLE, "undetermined"])
        & ((pl.col("before") > 0) | (pl.col("after") > 0))
    )
    labels = [
        textwrap.fill(f"{_short(item_label(i, lang, simulation))}: {outcomes.get(o, o)}", 34)
        for i, o in zip(focus["item"].to_list(), focus["outcome"].to_list(), strict=True)
    ]
    by_pathway = before_after_bars(
        labels,
        focus["before"].to_list(),
        focus["after"].to_list(),
        title=_("Outcomes before and after, by pathway"),
        before_label=_("before"),
        after_label=_("after"),
        xlabel=_("synthetic residents"),
    )
    return [
        Chart("pathways", _("Outcomes before and after, by pathway"), by_pathway),
        Chart(
            "status",
            _("Reached before and after, by status of residence"),
            _reached_chart(
                simulation,
                "status",
                lang,
                _("Reached before and after, by status of residence"),
                status_label,
            ),
        ),
        Chart(
            "nationality",
            _("Reached before and after, by nationality"),
            _reached_chart(
                simulation,
                "nationality",
                lang,
                _("Reached before and after, by nationality"),
                country_label,
            ),
        ),
    ]


def _rows(table: pl.DataFrame) -> list[dict[str, object]]:
    return table.to_dicts()


def documented_parameters(simulation: Simulation, lang: Lang) -> list[ParameterDoc]:
    """Every parameter with its documentation in `lang` (English where a Japanese one is
    missing, which `tests/test_population.py` does not let happen)."""
    found = parameter_docs(simulation.parameters)
    if lang != "ja":
        return found
    return [dataclasses.replace(p, doc=PARAMETER_DOCS_JA.get(p.name, p.doc)) for p in found]


def render_html(simulation: Simulation, chart_list: list[Chart], lang: Lang) -> str:
    _ = translations(lang).gettext
    environment = Environment(
        loader=PackageLoader("zairyu.population", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    reform = simulation.reform
    replaced = []
    for replacement in reform.replacements:
        replaced.append(
            {
                "old": replacement.replaces,
                "new": replacement.rule.id,
                "text": replacement.rule.text(lang),
                "why": replacement.why(lang),
            }
        )
    focus = simulation.by_item.filter(pl.col("item").is_in(simulation.focus))
    outcomes = outcome_labels(_)
    return environment.get_template("report.html").render(
        _=_,
        lang=lang,
        version=__version__,
        reform=reform,
        title=reform.title(lang),
        rationale=reform.rationale(lang),
        status=reform_status_label(reform.status.value, _),
        caveats=[c(lang) for c in reform.caveats],
        citations=[
            {
                "title": c.title(lang),
                "section": c.section(lang),
                "url": c.url,
                "kind": kind_label(c.kind.value, _),
            }
            for c in reform.citations
        ],
        replaced=replaced,
        size=simulation.size,
        seed=simulation.seed,
        before_date=format_date(simulation.before_date, lang),
        after_date=format_date(simulation.after_date, lang),
        same_date=simulation.before_date == simulation.after_date,
        charts=chart_list,
        focus=[
            {
                **row,
                "item_label": item_label(str(row["item"]), lang, simulation),
                "outcome_label": outcomes.get(str(row["outcome"]), row["outcome"]),
            }
            for row in _rows(focus)
        ],
        by_status=[
            {**row, "label": status_label(str(row["status"]), lang)}
            for row in _rows(simulation.reached(simulation.by_status, "status").head(3 * TOP))
        ],
        by_nationality=[
            {**row, "label": country_label(str(row["nationality"]), lang)}
            for row in _rows(
                simulation.reached(simulation.by_nationality, "nationality").head(3 * TOP)
            )
        ],
        item_label=lambda item: item_label(item, lang, simulation),
        parameters=documented_parameters(simulation, lang),
        confidence_labels={
            "confirmed": _("confirmed"),
            "derived": _("derived"),
            "unconfirmed": _("unconfirmed"),
        },
        figures=[*marginals().statuses, *marginals().nationalities],
        total=marginals().total,
    )


def write_report(simulation: Simulation, directory: Path, lang: Lang) -> list[Path]:
    """The PNG charts and report.html in `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    chart_list = charts(simulation, lang)
    written: list[Path] = []
    for chart in chart_list:
        path = directory / f"chart_{chart.name}.png"
        path.write_bytes(chart.png)
        written.append(path)
    report = directory / "report.html"
    report.write_text(render_html(simulation, chart_list, lang), encoding="utf-8")
    written.append(report)
    return written
