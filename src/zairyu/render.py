"""The screening as text a person can read: outcome, reasons with citations, what is unknown,
what would change the answer, and what to do."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText
from rich.tree import Tree

from zairyu.engine.text import Lang
from zairyu.i18n import translations
from zairyu.report import PathwayOut, RequirementOut, ScreeningOut, format_date

MARK = {
    "held": ("✓", "green"),
    "failed": ("✗", "red"),
    "unknown": ("?", "yellow"),
    "not_in_force": ("–", "dim"),
}
OUTCOME_STYLE = {
    "eligible": "bold green",
    "discretionary": "bold cyan",
    "not_eligible": "bold red",
    "undetermined": "bold yellow",
}


def render(result: ScreeningOut, console: Console) -> None:
    _ = translations(result.lang).gettext
    console.print(
        RichText(
            _("zairyu screening as of {date}").format(date=format_date(result.as_of, result.lang)),
            style="bold",
        )
    )
    for pathway in result.pathways:
        console.print(_pathway_panel(pathway, result.lang))
    if result.next_questions:
        console.print(RichText(_("Next questions (most decisive first)"), style="bold"))
        for n, question in enumerate(result.next_questions, start=1):
            console.print(f"  {n}. {question.question}  [dim]({question.fact})[/dim]")


def _refs(ids: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[i]}]" for i in ids)


def _add(tree: Tree, requirement: RequirementOut, numbers: dict[str, int]) -> None:
    mark, style = MARK[requirement.status]
    label = RichText()
    label.append(f"{mark} ", style=style)
    label.append(requirement.text)
    label.append(f" {_refs(requirement.citations, numbers)}", style="dim")
    branch = tree.add(label)
    for child in requirement.children:
        _add(branch, child, numbers)


_FACTOR_MARK = {"favourable": "+", "unfavourable": "−"}


def _factor_status(status: str, _: Callable[[str], str]) -> str:
    return {"held": _("applies"), "failed": _("does not apply"), "unknown": _("unknown")}[status]


def _procedure_lines(
    pathway: PathwayOut, numbers: dict[str, int], _: Callable[[str], str]
) -> list[str]:
    procedure = pathway.procedure
    assert procedure is not None
    lines = [
        f"{procedure.name} {_refs(procedure.citations, numbers)}",
        procedure.office,
        procedure.processing,
    ]
    fee = procedure.fee
    if fee is None:
        lines.append(_("Fee: no source gives the fee for this date"))
    elif fee.counter_yen == 0:
        lines.append(_("Fee: none") + f" {_refs(fee.citations, numbers)}")
    elif fee.online_yen is None or fee.online_yen == fee.counter_yen:
        lines.append(
            _("Fee: ¥{counter}").format(counter=f"{fee.counter_yen:,}")
            + f" {_refs(fee.citations, numbers)}"
        )
    else:
        lines.append(
            _("Fee: ¥{counter} at the counter, ¥{online} online").format(
                counter=f"{fee.counter_yen:,}", online=f"{fee.online_yen:,}"
            )
            + f" {_refs(fee.citations, numbers)}"
        )
    return lines


def _pathway_panel(pathway: PathwayOut, lang: str) -> Panel:
    _ = translations("ja" if lang == "ja" else "en").gettext
    numbers = {c.id: n for n, c in enumerate(pathway.citations, start=1)}
    parts: list[object] = [
        RichText(pathway.outcome_text, style=OUTCOME_STYLE[pathway.outcome]),
        RichText(pathway.summary),
    ]
    why = Tree(RichText(_("Why"), style="bold"))
    for requirement in pathway.requirements:
        _add(why, requirement, numbers)
    parts.append(why)

    def section(title: str, lines: list[str]) -> None:
        if lines:
            parts.append(RichText(title, style="bold"))
            # A grid keeps the bullet beside text that has no spaces to wrap at (Japanese).
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=3, justify="right")
            grid.add_column(ratio=1)
            for line in lines:
                grid.add_row("•", RichText(line, overflow="fold"))
            parts.append(grid)

    section(
        _("Still unknown (answering may change the outcome)"),
        [f"{q.question} ({q.fact})" for q in pathway.next_questions],
    )
    section(_("Uncertain reference data"), [g.text for g in pathway.data_gaps])
    section(_("What would change the answer"), [w.text for w in pathway.what_ifs])
    section(
        _("What remains open"),
        [f"{a.text} {_refs(a.citations, numbers)}" for a in pathway.alternatives],
    )
    section(
        _("What the decision weighs"),
        [
            f"{_FACTOR_MARK[f.weight]} {f.text}: {_factor_status(f.status, _)} {_refs(f.citations, numbers)}"
            for f in pathway.factors
        ],
    )
    day_lang: Lang = "ja" if lang == "ja" else "en"
    if pathway.outcome != "not_eligible" or pathway.legal_help.organisations:
        section(
            _("How to apply"),
            [f"{i.text} {_refs(i.citations, numbers)}" for i in pathway.how_to_apply],
        )
        if pathway.procedure is not None:
            section(_("Where, how long, and the fee"), _procedure_lines(pathway, numbers, _))
        section(_("Documents to prepare"), [d.text for d in pathway.documents])
        section(
            _("Deadlines"),
            [
                f"{format_date(d.date, day_lang)} ({_('from') if d.kind == 'opens' else _('by')}):"
                f" {d.text} {_refs(d.citations, numbers)}"
                for d in pathway.deadlines
            ],
        )
    section(_("Caveats"), [f"{c.text} {_refs(c.citations, numbers)}" for c in pathway.caveats])
    parts.append(RichText(pathway.legal_help.text, style="italic"))
    section(
        _("Where to get legal help"),
        [
            f"{o.name} {o.url} {_refs(o.citations, numbers)}"
            for o in pathway.legal_help.organisations
        ],
    )
    section(
        _("Sources"),
        [
            f"[{numbers[c.id]}] {c.title} — {c.section} ({c.kind}) {c.url}"
            for c in pathway.citations
        ],
    )
    return Panel(Group(*parts), title=pathway.title, title_align="left")  # type: ignore[arg-type]
