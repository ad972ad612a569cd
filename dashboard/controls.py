"""The filter controls <-> EventFilter, both ways (pure; the URL holds EventFilter.to_query())."""
from __future__ import annotations

from datetime import date

from timeline.model import STATUSES, EventFilter

# what the "Precision" checklist offers -> the granularities each choice covers
GRANULARITY_GROUPS = {
    "day": ("time", "day"),
    "week": ("week", "weekend"),
    "month": ("month",),
    "quarter": ("quarter", "half", "season"),
    "year": ("year", "decade", "century"),
}
GROUP_LABELS = {"status": "status", "actor": "actor", "source": "source"}


def filter_from_controls(start: str | None, end: str | None, text: str | None,
                         actors: list | None, sources: list | None,
                         statuses: list | None, precisions: list | None,
                         articles: list | None = None) -> EventFilter:
    """Everything ticked means no restriction, so the URL stays short."""
    statuses = [s for s in STATUSES if s in (statuses or [])]
    chosen = [g for g in GRANULARITY_GROUPS if g in (precisions or [])]
    return EventFilter(
        start=_day(start), end=_day(end), text=(text or "").strip(),
        actors=tuple(actors or ()), sources=tuple(sources or ()),
        article_ids=tuple(articles or ()),
        statuses=() if len(statuses) == len(STATUSES) else tuple(statuses) or ("none",),
        granularities=() if len(chosen) == len(GRANULARITY_GROUPS)
        else tuple(g for c in chosen for g in GRANULARITY_GROUPS[c]) or ("none",),
    )


def controls_from_filter(flt: EventFilter) -> dict:
    """Values for each control, the inverse of filter_from_controls."""
    grains = set(flt.granularities)
    return {
        "start": flt.start.isoformat() if flt.start else None,
        "end": flt.end.isoformat() if flt.end else None,
        "text": flt.text,
        "actors": list(flt.actors),
        "sources": list(flt.sources),
        "statuses": [s for s in STATUSES if not flt.statuses or s in flt.statuses],
        "precisions": [g for g, members in GRANULARITY_GROUPS.items()
                       if not grains or grains & set(members)],
        "articles": list(flt.article_ids),
    }


def parse_query(search: str | None) -> tuple[EventFilter, str]:
    """The filter in a URL query string, and an error message when it could not be read."""
    try:
        return EventFilter.from_query(search or ""), ""
    except ValueError as exc:
        return EventFilter(), f"The filter in the address could not be read ({exc}); showing everything."


def _day(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])
