"""Bar charts of counts by month, drawn as SVG by the template from the geometry worked out here.

Each chart carries its numbers as a table too, so nothing is only in the picture (WCAG 1.1.1),
and its series are told apart by pattern position and legend text as well as colour.
"""

import datetime
from dataclasses import dataclass, field

# GOV.UK Frontend palette colours with at least 3:1 contrast against white (WCAG 1.4.11).
PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#003078", "#b58840", "#912b88", "#505a5f"]

WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 36, 28, 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass
class MonthlyChart:
    """Counts per month, stacked by series; with the same figures as table rows."""

    title: str
    months: list[datetime.date]
    series: list[tuple[str, list[int]]]  # (label, one count per month)
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def total(self) -> int:
        return sum(sum(values) for _, values in self.series)

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(label, PALETTE[i % len(PALETTE)]) for i, (label, _) in enumerate(self.series)]

    @property
    def rows(self) -> list[tuple[datetime.date, list[int], int]]:
        """One row per month: the count of each series and the month's total."""
        out = []
        for m, month in enumerate(self.months):
            counts = [values[m] for _, values in self.series]
            out.append((month, counts, sum(counts)))
        return out

    @property
    def summary(self) -> str:
        """What the chart shows, in words, for screen readers (the table has the detail)."""
        peak = max(self.rows, key=lambda r: r[2], default=None)
        if not peak or peak[2] == 0:
            return f"{self.title}: none in the last {len(self.months)} months."
        return (
            f"{self.title}: {self.total} in the last {len(self.months)} months; "
            f"the most in {peak[0]:%B %Y} ({peak[2]})."
        )


def monthly_chart(title: str, months: list[datetime.date], series: list[tuple[str, list[int]]]) -> MonthlyChart:
    """Lay out stacked bars, one per month, scaled to the busiest month."""
    chart = MonthlyChart(title=title, months=months, series=[s for s in series if any(s[1])] or series[:1])
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    peak = max((sum(values[m] for _, values in chart.series) for m in range(len(months))), default=0)
    step = max(1, -(-max(peak, 1) // 4))  # about four gridlines
    top = step * -(-max(peak, 1) // step)
    chart.ticks = [(TOP + plot_h - plot_h * v / top, v) for v in range(0, top + 1, step)]
    slot = plot_w / max(len(months), 1)
    for m, month in enumerate(months):
        x = LEFT + m * slot + slot * 0.15
        base: float = TOP + plot_h
        for i, (label, values) in enumerate(chart.series):
            if not values[m]:
                continue
            h = plot_h * values[m] / top
            base -= h
            chart.bars.append(
                Bar(x, base, slot * 0.7, h, PALETTE[i % len(PALETTE)], f"{label}, {month:%B %Y}: {values[m]}")
            )
        chart.labels.append((LEFT + m * slot + slot / 2, f"{month:%b}"))
    return chart
