"""`zairyu stats [asylum|partnership|spouses]`: official figures, each with its source.

Text for people (Rich tables, the corrections shown in red next to the official figure), CSV or
JSON for programs, and optionally a PNG chart of one topic.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from zairyu.cli_common import LanguageOption, cli_language, fail
from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.stats.figures import StatTable, Topic, display, tables


class StatsFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


def _print_text(table: StatTable, lang: Lang, console: Console) -> None:
    _ = translations(lang).gettext
    console.print(f"\n[bold]{table.title}[/bold]", highlight=False)
    console.print(table.description, highlight=False, style="dim")
    shown = Table(show_lines=True)
    for _key, label in table.columns:
        # URLs are folded, never cut: a figure without its visible source is no use.
        shown.add_column(label, overflow="fold")
    for row in table.rows:
        cells = [display(key, row[key], lang) for key in table.column_keys()]
        if table.name == "asylum_corrections":
            index = table.column_keys().index("circulating")
            cells[index] = f"[red strike]{cells[index]}[/red strike] ({_('wrong')})"
            official = table.column_keys().index("official")
            cells[official] = f"[bold green]{cells[official]}[/bold green]"
        shown.add_row(*cells)
    console.print(shown)


def _csv(tables_: list[StatTable]) -> str:
    out = io.StringIO()
    for index, table in enumerate(tables_):
        if index:
            out.write("\n")
        out.write(f"# {table.name}\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.column_keys())
        for row in table.rows:
            writer.writerow(["" if row[k] is None else row[k] for k in table.column_keys()])
    return out.getvalue()


def stats_command(
    topic: Annotated[
        Topic | None,
        typer.Argument(help="asylum, partnership or spouses (default: all three)"),
    ] = None,
    lang: LanguageOption = None,
    output: Annotated[
        StatsFormat,
        typer.Option("--format", help="text for people; csv or json for programs"),
    ] = StatsFormat.text,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Also draw the topic's chart into this PNG file"),
    ] = None,
) -> None:
    """Official statistics with their sources: asylum, partnership systems, same-sex spouses."""
    code: Lang = cli_language(lang)
    _ = translations(code).gettext
    topics = [topic] if topic is not None else list(Topic)
    if chart is not None:
        if topic is None:
            fail(_("--chart draws one topic: name it (asylum, partnership or spouses)"), lang=code)
        if chart.suffix.lower() != ".png":
            fail(_("--chart {path}: the file name must end in .png").format(path=chart), lang=code)
        if not chart.parent.is_dir():
            fail(
                _("--chart {path}: the directory {folder} does not exist").format(
                    path=chart, folder=chart.parent
                ),
                lang=code,
            )
    selected = [t for each in topics for t in tables(each, code)]
    if output is StatsFormat.json:
        data = {
            t.name: {"title": t.title, "description": t.description, "rows": list(t.rows)}
            for t in selected
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif output is StatsFormat.csv:
        sys.stdout.write(_csv(selected))
    else:
        console = Console(width=160)
        for table in selected:
            _print_text(table, code, console)
    if chart is not None and topic is not None:
        from zairyu.stats.charts import chart as draw

        try:
            chart.write_bytes(draw(topic, code))
        except OSError as error:
            fail(
                _("--chart {path}: cannot be written: {reason}").format(
                    path=chart, reason=error.strerror
                ),
                lang=code,
            )
        if output is StatsFormat.text:
            Console().print(_("Chart saved:") + f" {chart}", highlight=False)
