"""PNG charts with matplotlib (Agg backend, no display) in a font that can write Japanese.

The repository embeds IPAexGothic (`zairyu/export/fonts/`); it is registered once, so that the
same chart can be drawn with Japanese or English labels.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from importlib.resources import as_file, files

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

FONT_FILE = files("zairyu.export").joinpath("fonts", "ipaexg.ttf")
BEFORE_COLOUR = "#b1b4b6"
AFTER_COLOUR = "#1d70b8"
SERIES_COLOURS = ("#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92", "#505a5f")


@cache
def font_name() -> str:
    with as_file(FONT_FILE) as path:
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
    plt.rcParams["font.family"] = font_name()
    plt.rcParams["svg.hashsalt"] = "zairyu"
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" entry (and PNG has no date by default): the same inputs give the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def before_after_bars(
    labels: Sequence[str],
    before: Sequence[int],
    after: Sequence[int],
    *,
    title: str,
    before_label: str,
    after_label: str,
    xlabel: str,
) -> bytes:
    """Horizontal bars, one pair (before, after) per label, largest first from the top."""
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(2.5, 0.3 * lines + 0.25 * len(labels) + 1.5)
    figure = new_figure(10.0, height)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh([p + 0.2 for p in positions], before, 0.4, label=before_label, color=BEFORE_COLOUR)
    axes.barh([p - 0.2 for p in positions], after, 0.4, label=after_label, color=AFTER_COLOUR)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.legend(loc="lower right")
    return png(figure)


def line_chart(
    years: Sequence[int],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    title: str,
    ylabel: str,
    log: bool = False,
) -> bytes:
    figure = new_figure()
    axes = figure.add_subplot()
    for (label, values), colour in zip(series, SERIES_COLOURS, strict=False):
        points = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        axes.plot(
            [y for y, _ in points], [v for _, v in points], marker="o", label=label, color=colour
        )
    if log:
        axes.set_yscale("symlog")
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    axes.set_xticks(list(years), [str(y) for y in years], rotation=45)
    axes.legend(loc="upper left", fontsize="small")
    axes.grid(alpha=0.3)
    return png(figure)


def step_chart(days: Sequence[object], counts: Sequence[int], *, title: str, ylabel: str) -> bytes:
    figure = new_figure()
    axes = figure.add_subplot()
    axes.step(days, counts, where="post", color=AFTER_COLOUR)  # type: ignore[arg-type]
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    axes.grid(alpha=0.3)
    return png(figure)
