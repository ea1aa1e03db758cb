"""`/stats`: the official statistics on the web, in Japanese or English, each figure with its
source, the charts as PNG served by the app, and the corrections to wrongly circulating figures.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from zairyu import __version__
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.report import format_date
from zairyu.stats.figures import Topic, display, tables


@cache
def _chart(topic: Topic, lang: Lang) -> bytes:
    from zairyu.stats.charts import chart  # matplotlib loads on the first chart, not at start

    return chart(topic, lang)


def router(choose_lang: Callable[[Request], Lang]) -> APIRouter:
    routes = APIRouter()
    templates = Environment(
        loader=PackageLoader("zairyu.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    @routes.get("/stats", response_class=HTMLResponse)
    def statistics(request: Request) -> HTMLResponse:
        lang = choose_lang(request)
        _ = translations(lang).gettext
        sections = [
            {
                "topic": topic.value,
                "tables": [
                    {
                        "table": table,
                        "rows": [
                            {
                                key: display(key, row[key], lang)
                                for key in table.column_keys()
                                if key != "source_url"
                            }
                            | {"urls": str(row.get("source_url") or "").split(" ; ")}
                            for row in table.rows
                        ],
                    }
                    for table in tables(topic, lang)
                ],
            }
            for topic in Topic
        ]
        headings = {
            "asylum": _("Asylum"),
            "partnership": _("Partnership systems"),
            "spouses": _("Same-sex spouses"),
        }
        html = templates.get_template("stats/index.html").render(
            _=_,
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            switch_url=f"/language/{'en' if lang == 'ja' else 'ja'}?next={quote('/stats')}",
            format_date=lambda day: format_date(day, lang),
            version=__version__,
            sections=sections,
            headings=headings,
        )
        return HTMLResponse(html)

    @routes.get("/stats/charts/{name}.png")
    def chart_png(name: str, request: Request) -> Response:
        try:
            topic = Topic(name)
        except ValueError:
            raise HTTPException(status_code=404, detail="no such chart") from None
        return Response(
            _chart(topic, choose_lang(request)),
            media_type="image/png",
            headers={"Cache-Control": "public, max-age=3600", "Vary": "Cookie, Accept-Language"},
        )

    return routes
