"""Charts of the official statistics (PNG), drawn from the same tables that are printed."""

from __future__ import annotations

from zairyu.data import partnership_systems
from zairyu.data.official_statistics import asylum_years, spouse_grants
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.population.charts import line_chart, new_figure, png, step_chart
from zairyu.stats.figures import Topic, measure_label


def asylum_chart(lang: Lang) -> bytes:
    _ = translations(lang).gettext
    years = asylum_years()
    measures = ("applications", "recognised", "complementary_protection", "humanitarian")
    return line_chart(
        [y.year for y in years],
        [(measure_label(m, _), [y.value(m) for y in years]) for m in measures],
        title=_("Asylum in Japan, 2010–2024"),
        ylabel=_("people (logarithmic scale)"),
        log=True,
    )


def partnership_chart(lang: Lang) -> bytes:
    _ = translations(lang).gettext
    starts = sorted(s.start_date for s in partnership_systems.systems())
    return step_chart(
        starts,
        list(range(1, len(starts) + 1)),
        title=_("Partnership systems in zairyu's table, by year started"),
        ylabel=_("Systems in force (table)"),
    )


def spouses_chart(lang: Lang) -> bytes:
    _ = translations(lang).gettext
    grants = spouse_grants()
    figure = new_figure(8.0, 3.0)
    axes = figure.add_subplot()
    labels = [
        f"{g.period_start.year}–{g.period_end.year}"
        if g.period_start.year != g.period_end.year
        else str(g.period_start.year)
        for g in grants
    ]
    axes.barh(labels, [g.grants for g in grants], color="#1d70b8")
    axes.set_title(_("Designated Activities granted to same-sex spouses"))
    axes.set_xlabel(_("Grants"))
    return png(figure)


def chart(topic: Topic, lang: Lang) -> bytes:
    return {
        Topic.asylum: asylum_chart,
        Topic.partnership: partnership_chart,
        Topic.spouses: spouses_chart,
    }[topic](lang)
