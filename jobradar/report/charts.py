"""Chart geometry for the HTML report: plain numbers the template draws as inline SVG.

No JavaScript and no external files: the page is one self-contained document that
renders the same in a browser, a mail client or an archive.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from jobradar.store.models import SalaryIndexRow
from jobradar.store.salary_index import IndexCell

WIDTH = 720
LABEL = 270  # room for role names left of the bars
ROW = 22
PALETTE = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#4b5563")


@dataclass
class Bar:
    label: str
    value: str
    y: float
    x: float
    width: float
    tick: float | None = None  # the median's x on a range bar
    whisker: tuple[float, float] | None = None  # the median's 95 % interval on a range bar


@dataclass
class Line:
    label: str
    colour: str
    points: list[tuple[float, float]]  # drawn as a polyline with a dot on each day


@dataclass
class Chart:
    title: str
    height: float
    bars: list[Bar]
    lines: list[Line]
    axis: list[tuple[float, str]]  # (x or y, tick label)
    dates: list[tuple[float, str]] = field(default_factory=list)  # a trend's time axis


def _scale(value: float, top: float, span: float) -> float:
    return span * value / top if top else 0.0


def count_bars(title: str, counts: list[tuple[str, int]]) -> Chart:
    top = max((n for _, n in counts), default=0)
    span = WIDTH - LABEL - 60
    bars = [
        Bar(label, str(n), 10 + i * ROW, LABEL, max(_scale(n, top, span), 1.0))
        for i, (label, n) in enumerate(counts)
    ]
    return Chart(title, 20 + len(bars) * ROW, bars, [], [])


def range_bars(title: str, cells: list[tuple[str, IndexCell]]) -> Chart:
    """p25 to p75 as a bar, the median as a tick, on one USD axis from 0."""
    shown = [(label, cell) for label, cell in cells if cell.p25 is not None]
    top = (
        max(max(cell.p75 or 0, cell.intervals.get("median", (0, 0))[1]) for _, cell in shown)
        if shown
        else 0
    ) * 1.05
    span = WIDTH - LABEL - 20
    bars = []
    for i, (label, cell) in enumerate(shown):
        low = LABEL + _scale(cell.p25 or 0, top, span)
        high = LABEL + _scale(cell.p75 or 0, top, span)
        bars.append(
            Bar(
                label,
                f"${cell.p25:,.0f} – ${cell.p75:,.0f} (median ${cell.median:,.0f}, n={cell.n_with_salary})",
                10 + i * ROW,
                low,
                max(high - low, 2.0),
                LABEL + _scale(cell.median or 0, top, span),
                _whisker(cell, top, span),
            )
        )
    ticks = [(LABEL + _scale(v, top, span), f"${v / 1000:,.0f}k") for v in _round_ticks(top)]
    return Chart(title, 40 + len(bars) * ROW, bars, [], ticks)


def _whisker(cell: IndexCell, top: float, span: float) -> tuple[float, float] | None:
    found = cell.intervals.get("median")
    if not found:
        return None
    return (LABEL + _scale(found[0], top, span), LABEL + _scale(found[1], top, span))


def _round_ticks(top: float) -> list[float]:
    if top <= 0:
        return []
    step = 50_000 if top > 200_000 else 25_000 if top > 60_000 else 10_000
    return [step * i for i in range(int(top // step) + 1)]


MIN_POINTS = 2  # a trend line needs two days; one day is a figure, not a trend
PLOT_LEFT = 64.0


def trend(title: str, series: dict[str, list[tuple[date, float]]], percent: bool) -> Chart:
    """One polyline per series with two days or more, on a time axis from the first day drawn
    to the last; no lines when no series has two days (the caller says why instead)."""
    drawn = {label: sorted(points) for label, points in series.items() if len(points) >= MIN_POINTS}
    height, top_pad, plot = 180.0, 10.0, 160.0
    if not drawn:
        return Chart(title, height, [], [], [])
    days = [day for points in drawn.values() for day, _ in points]
    first, last = min(days), max(days)
    span_days = max((last - first).days, 1)
    values = [v for points in drawn.values() for _, v in points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = max(low - pad, 0.0), high + pad
    if percent:
        low, high = max(low, 0.0), min(high, 1.0)
    width = WIDTH - PLOT_LEFT - 40  # room for the last date's label

    def x(day: date) -> float:
        return round(PLOT_LEFT + width * (day - first).days / span_days, 1)

    def y(value: float) -> float:
        return round(top_pad + plot * (1 - (value - low) / (high - low)), 1)

    lines = [
        Line(label, PALETTE[i % len(PALETTE)], [(x(day), y(v)) for day, v in points])
        for i, (label, points) in enumerate(drawn.items())
    ]
    ticks = [
        (
            y(low + (high - low) * f),
            f"{low + (high - low) * f:.0%}" if percent else _k(low + (high - low) * f),
        )
        for f in (0.0, 0.5, 1.0)
    ]
    steps = min(4, span_days)
    dates = [first + timedelta(days=round(span_days * i / steps)) for i in range(steps + 1)]
    return Chart(
        title, height, [], lines, ticks, [(x(day), day.strftime("%d %b")) for day in dates]
    )


def _k(value: float) -> str:
    return f"${value / 1000:,.0f}k"


def median_series(
    rows: list[SalaryIndexRow], roles: list[str]
) -> dict[str, list[tuple[date, float]]]:
    series: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for row in rows:
        if row.role in roles and row.median is not None:
            series[row.role].append((row.snapshot_date, row.median))
    return dict(series)


def share_series(shares: list[tuple[date, int, int, int]]) -> dict[str, list[tuple[date, float]]]:
    remote = [(day, r / total) for day, r, _, total in shares if total]
    hybrid = [(day, h / total) for day, _, h, total in shares if total]
    return {"remote": remote, "hybrid": hybrid} if remote else {}
