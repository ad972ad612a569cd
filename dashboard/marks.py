"""How the timeline reads: which period to show first, where the axis breaks, which marks get
a label. Pure functions of dates and numbers (no Dash, no Plotly, no store).

- ``news_range``: the first view, the period where the newest articles' events are dense.
- ``axis_breaks``: long empty stretches (a background "in 1720" before a 2025 story) that the
  axis skips, so "All" shows the outliers without squashing the story.
- ``place_labels``: short labels laid left to right in a few rows per lane, the most important
  first, each only where it does not collide with one already placed; a narrower range (zoom)
  leaves room for more.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

NEWEST_DAYS = 45        # articles published within this many days of the newest are "the newest"
MIN_VIEW_DAYS = 21      # the first view spans at least three weeks
BREAK_SHARE = 0.3       # a gap longer than this share of the whole span ...
BREAK_MIN_DAYS = 365    # ... and longer than a year is cut out of the axis
CHAR_PX = 6.3           # width of one label character at the label font size
LABEL_PAD_PX = 14


def _percentile(sorted_days: list[date], share: float) -> date:
    return sorted_days[min(len(sorted_days) - 1, int(share * len(sorted_days)))]


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held within years 1 to 9999."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def news_range(starts: list[date], published: list[date | None],
               full: tuple[date, date]) -> tuple[date, date] | None:
    """The first view: 10th to 90th percentile of the start dates of the events whose articles
    are among the newest (published within NEWEST_DAYS of the newest), padded; None when that
    is most of the whole span anyway (then everything is shown)."""
    dated = [p for p in published if p]
    newest = max(dated) if dated else None
    recent = sorted(s for s, p in zip(starts, published)
                    if newest is None or (p and (newest - p).days <= NEWEST_DAYS))
    if not recent:
        return None
    lo, hi = _percentile(recent, 0.1), _percentile(recent, 0.9)
    if newest and lo <= newest and (newest - hi).days < NEWEST_DAYS:
        hi = max(hi, newest)  # the newest article's own day is in view
    core = (hi - lo).days
    pad = max(core // 10 + 3, (MIN_VIEW_DAYS - core) // 2)
    lo, hi = _shift(lo, -pad), _shift(hi, pad + 1)
    whole = (full[1] - full[0]).days
    if whole <= (hi - lo).days * 1.5:
        return None
    return lo, hi


def axis_breaks(intervals: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Stretches with no event at all that are long compared with the whole span: (from, to),
    each with a margin kept on both sides so the marks next to it stay whole."""
    if len(intervals) < 2:
        return []
    spans = sorted(intervals)
    whole = (max(e for _, e in spans) - spans[0][0]).days
    merged: list[list[date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    gaps = [(a, b) for (_, a), (b, _) in zip(merged, merged[1:])
             if (b - a).days > BREAK_MIN_DAYS and (b - a).days > BREAK_SHARE * whole]
    kept = whole - sum((b - a).days for a, b in gaps)
    margin = max(3, kept // 20)  # a twentieth of what stays on the axis, on each side
    return [(_shift(a, margin), _shift(b, -margin)) for a, b in gaps]


@dataclass(frozen=True)
class Candidate:
    """A mark that may get a label: its position (day, lane), the text and its importance."""
    day: date
    lane: int
    text: str
    importance: float


def place_labels(candidates: list[Candidate], lo: date, hi: date, width_px: float,
                 rows: int = 2, limit: int = 60) -> list[tuple[int, int, str]]:
    """(candidate index, row, side) of the labels shown: by importance (then the newest first),
    each in the first row of its lane where it overlaps no label already there, running right
    of its mark ("right"), or left of it ("left") where the plot's right edge would cut it;
    candidates outside [lo, hi] get none."""
    span = max(1, (hi - lo).days)
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}
    chosen: list[tuple[int, int, str]] = []
    order = sorted(range(len(candidates)),
                   key=lambda i: (-candidates[i].importance, -candidates[i].day.toordinal()))
    for i in order:
        c = candidates[i]
        if not lo <= c.day <= hi:
            continue
        x = (c.day - lo).days / span * width_px
        width = len(c.text) * CHAR_PX + LABEL_PAD_PX
        side, x0, x1 = ("right", x, x + width) if x + width <= width_px else ("left", x - width, x)
        if x0 < 0:
            continue  # fits on neither side
        for row in range(rows):
            placed = taken.setdefault((c.lane, row), [])
            if all(x1 <= a or x0 >= b for a, b in placed):
                placed.append((x0, x1))
                chosen.append((i, row, side))
                break
        if len(chosen) >= limit:
            break
    return chosen


__all__ = ["Candidate", "axis_breaks", "news_range", "place_labels"]
