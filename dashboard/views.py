"""What the timeline page shows for one filter: store queries + pure figures, no Dash callbacks.

``render_view`` is the whole server work of a filter change (the benchmark times it).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dashboard.figures import PLOT_WIDTH, AGGREGATE_THRESHOLD, aggregate_period, counts_figure, timeline_figure
from dashboard.present import event_row, plural
from timeline.model import EventFilter

TABLE_LIMIT = 1_000
FACET_LIMIT = 300


@dataclass
class View:
    figure: dict
    summary: str
    rows: list[dict]
    note: str
    actor_options: list[dict]
    source_options: list[dict]
    newest: str | None = None  # the newest day the events reach (date pickers open there)


def ranked(counter: Counter) -> list[tuple[str, int]]:
    """Counts as the store gives them: most frequent first, then by name."""
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))


def render_view(store, flt: EventFilter, group_by: str = "status",
                actors: list | None = None, sources: list | None = None, view=None,
                width_px: int = PLOT_WIDTH) -> View:
    """Figure, summary, table rows and the actor / source options (with counts under the other
    filters) for one filter. Up to AGGREGATE_THRESHOLD events: all read once, the rest counted in
    Python; beyond: counts per period from the store and only the table's rows read."""
    # one query counts the events per day and status (the count, the statuses, the figure's
    # counts and bounds); reading an event costs ~30 us, so they are read only to be drawn
    tally = store.tally(flt)
    total = tally.total
    if total <= AGGREGATE_THRESHOLD:
        events = store.events(flt)
        figure = timeline_figure(events, group_by, view, width_px)
        by_status = Counter(e.status for e in events)
        actor_pairs = (store.actors(flt.replace(actors=())) if flt.actors
                       else ranked(Counter(a for e in events for a in e.actors)))
        source_pairs = (store.sources(flt.replace(sources=())) if flt.sources
                        else ranked(Counter(e.source for e in events)))
        aggregated = ""
    else:
        events = store.events(flt, limit=TABLE_LIMIT)
        first, last = (flt.start, flt.end) if flt.start and flt.end else (tally.first, tally.last)
        by = aggregate_period(first, last)
        figure = counts_figure(tally.counts(by), by)
        by_status = dict(tally.statuses)
        actor_pairs = store.actors(flt.replace(actors=()))
        source_pairs = store.sources(flt.replace(sources=()))
        aggregated = f" (too many to draw one by one: events per {by})"
    rows = [event_row(e) for e in events[:TABLE_LIMIT]]
    parts = [f"{n:,} {s}" for s, n in sorted(by_status.items())]
    summary = plural(total, "event") + (f" \u00b7 {', '.join(parts)}" if parts else "") + aggregated
    note = (f"showing the first {len(rows):,} of {total:,} rows; the export has them all"
            if total > len(rows) else plural(total, "row"))
    newest = max((e.published for e in events if e.published), default=None)
    return View(figure, summary, rows, note, facet_options(actor_pairs, actors),
                facet_options(source_pairs, sources), newest.isoformat() if newest else None)


def figure_only(store, flt: EventFilter, group_by: str = "status", view=None,
                width_px: int = PLOT_WIDTH) -> dict | None:
    """The timeline figure alone for a zoom (None when the filter is drawn as counts)."""
    if store.count(flt) > AGGREGATE_THRESHOLD:
        return None
    return timeline_figure(store.events(flt), group_by, view, width_px)


def facet_options(pairs: list[tuple[str, int]], selected: list | None) -> list[dict]:
    """Dropdown options "name (count)", the busiest first; selected values always kept."""
    options = [{"label": f"{name} ({n})", "value": name} for name, n in pairs[:FACET_LIMIT] if name]
    shown = {o["value"] for o in options}
    options += [{"label": v, "value": v} for v in selected or () if v not in shown]
    return options
