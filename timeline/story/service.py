"""Key dates of a store: the one entry point of the CLI, the REST route and the dashboard view."""
from __future__ import annotations

from datetime import date

from timeline.model import EventFilter
from timeline.settings import SETTINGS, Settings
from timeline.story.keydates import KeyDate, key_dates


def store_key_dates(store, dates: int, sentences: int, start: date | None = None,
                    end: date | None = None, published: tuple[date, date] | None = None,
                    settings: Settings = SETTINGS) -> list[KeyDate]:
    """The ``dates`` key days of the stored collection in [start, end], in date order.

    ``published`` keeps only the reports of articles published within that closed range (the
    evaluation protocol gives a system only the articles of the timeline's period).
    """
    if dates < 1 or sentences < 0:
        raise ValueError("dates must be 1 or more, sentences 0 or more")
    events = store.iter_events(EventFilter(start=start, end=end))
    if published is not None:
        low, high = published
        events = (e for e in events if e.published and low <= e.published <= high)
    return key_dates(events, dates, sentences, start, end, settings=settings)
