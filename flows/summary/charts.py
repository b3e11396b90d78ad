"""Charts for the report, drawn with matplotlib: SVG text to inline in the HTML, PNG bytes for Slack.

Pure functions of the summary data; matplotlib is imported lazily (Agg backend, no display).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from .model import PollPoint, TopActor
from .safe_text import chart_label

MAX_POLLSTERS = 4
MAX_SERIES = 8


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "briefing", "font.size": 9,
                                "axes.spines.top": False, "axes.spines.right": False,
                                "text.parse_math": False})  # article text: '$...$' is drawn as it is
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, limit: int = 48) -> str:
    text = chart_label(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _save(fig, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=metadata, dpi=110)
    return buffer.getvalue()


def poll_figure(points: Sequence[PollPoint]):
    """One panel per pollster: each series (``measure`` is the series label from sql/summary/poll_history.sql:
    measure kind, option, population) a line of its figures over field dates, values labelled."""
    if not points:
        return None
    plt = _pyplot()
    import matplotlib.dates as mdates

    by_pollster: dict[str, dict[tuple[str, str], list[PollPoint]]] = defaultdict(lambda: defaultdict(list))
    for point in points:
        by_pollster[point.pollster][(point.measure, point.unit)].append(point)
    pollsters = sorted(by_pollster, key=lambda p: -sum(len(s) for s in by_pollster[p].values()))[:MAX_POLLSTERS]
    fig, axes = plt.subplots(len(pollsters), 1, figsize=(8, 3.2 * len(pollsters)), squeeze=False)
    for ax, pollster in zip(axes[:, 0], pollsters, strict=True):
        series = sorted(by_pollster[pollster].items(), key=lambda kv: -len(kv[1]))[:MAX_SERIES]
        for (measure, unit), pts in series:
            pts = sorted(pts, key=lambda p: p.day)
            xs, ys = [p.day for p in pts], [p.value for p in pts]
            suffix = "%" if unit == "percent" else " pts"
            (line,) = ax.plot(xs, ys, marker="o", linewidth=1.5, label=_short(f"{measure} ({unit})"))
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(f"{y:g}{suffix}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8,
                            color=line.get_color())
        days = [p.day for pts in by_pollster[pollster].values() for p in pts]
        if (max(days) - min(days)).days < 14:  # few dates: a readable window around them, not years
            ax.set_xlim(min(days) - timedelta(days=7), max(days) + timedelta(days=7))
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_title(f"{chart_label(pollster)}: poll series by field date", loc="left", fontsize=10)
        ax.set_ylabel("value")
        ax.grid(axis="y", alpha=0.3)
        if all(unit == "percent" for _, unit in by_pollster[pollster]):
            ax.set_ylim(0, 100)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def top_actors_figure(actors: Sequence[TopActor]):
    """Horizontal bars: mentions on the day, with a tick at the previous 7 days' daily average."""
    if not actors:
        return None
    plt = _pyplot()
    actors = list(actors)[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(actors) + 1.2))
    names = [_short(a.name, 32) for a in actors]
    ax.barh(names, [a.mentions for a in actors], color="#4c78a8", label="mentions today")
    ax.scatter([a.previous_daily_average for a in actors], names, marker="|", s=300, color="#e45756",
               label="daily average, previous 7 days", zorder=3)
    for y, actor in enumerate(actors):
        ax.annotate(f"{actor.mentions} ({actor.change:+g})", (actor.mentions, y), xytext=(4, -3),
                    textcoords="offset points", fontsize=8)
    ax.set_title("Most mentioned actors", loc="left", fontsize=10)
    ax.set_xlabel("mentions")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    fig.tight_layout()
    return fig


def render(fig, fmt: str) -> bytes | None:
    """The figure as ``svg`` or ``png`` bytes (None for no figure); the figure is closed."""
    if fig is None:
        return None
    plt = _pyplot()
    try:
        return _save(fig, fmt)
    finally:
        plt.close(fig)


def poll_chart_svg(points: Sequence[PollPoint]) -> str | None:
    data = render(poll_figure(points), "svg")
    return data.decode("utf-8") if data else None


def top_actors_svg(actors: Sequence[TopActor]) -> str | None:
    data = render(top_actors_figure(actors), "svg")
    return data.decode("utf-8") if data else None


def poll_chart_png(points: Sequence[PollPoint]) -> bytes | None:
    return render(poll_figure(points), "png")


def top_actors_png(actors: Sequence[TopActor]) -> bytes | None:
    return render(top_actors_figure(actors), "png")
