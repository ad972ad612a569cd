"""What the timeline page shows for one filter: store queries + pure figures, no Dash callbacks.

``render_view`` is the whole server work of a filter change (the benchmark times it).
"""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.figures import AGGREGATE_THRESHOLD, aggregate_period, counts_figure, timeline_figure
from dashboard.present import event_row
from timeline.model import EventFilter

TABLE_LIMIT = 2_000
FACET_LIMIT = 300


@dataclass
class View:
    figure: go.Figure
    summary: str
    rows: list[dict]
    note: str


def render_view(store, flt: EventFilter, group_by: str = "status") -> View:
    total = store.count(flt)
    if total > AGGREGATE_THRESHOLD:
        first, last = store.date_bounds(flt)
        by = aggregate_period(first, last)
        figure = counts_figure(store.counts(flt, by=by), by)
        rows = [event_row(e) for e in store.events(flt, limit=TABLE_LIMIT)]
        aggregated = f" (too many to draw one by one: events per {by})"
    else:
        events = store.events(flt)
        figure = timeline_figure(events, group_by)
        rows = [event_row(e) for e in events[:TABLE_LIMIT]]
        aggregated = ""
    by_status = dict(store.statuses(flt)) if total else {}
    parts = [f"{n:,} {s}" for s, n in sorted(by_status.items())]
    summary = f"{total:,} events" + (f" \u00b7 {', '.join(parts)}" if parts else "") + aggregated
    note = (f"showing the first {len(rows):,} of {total:,} rows; the export has them all"
            if total > len(rows) else f"{total:,} rows")
    return View(figure, summary, rows, note)


def facet_options(pairs: list[tuple[str, int]], selected: list | None) -> list[dict]:
    """Dropdown options "name (count)", the busiest first; selected values always kept."""
    options = [{"label": f"{name} ({n})", "value": name} for name, n in pairs[:FACET_LIMIT] if name]
    shown = {o["value"] for o in options}
    options += [{"label": v, "value": v} for v in selected or () if v not in shown]
    return options
