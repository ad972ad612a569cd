"""Events -> a TimelineJS 3 story (the JSON its ``TL.Timeline(element, data)`` takes as is).

    {"events": [{"start_date": {"year": 2025, "month": 3, "day": 20},
                 "end_date": {...},                 # only for events longer than a day
                 "display_date": "Thursday 20 March 2025",
                 "text": {"headline": "...", "text": "..."},
                 "group": "happened", "unique_id": "ev-<event_id>"}],
     "title": {"text": {"headline": ..., "text": "<n> events"}}}

The title comes last so that the story is written one slide at a time (``iter_timelinejs``)
with the count known at the end. A slide's text is the sentence, the actors, then the source
and the article; an event a person added says "Added by hand" there.

Dates carry the parts their precision has (a year event: the year alone; a month: year and
month; a day or finer: year, month and day). ``end_date`` is the last day the event covers
(TimelineJS ends are inclusive; ours are exclusive). TimelineJS puts ``text`` in the page as
HTML, and article text is untrusted: every piece of it is escaped here, and only http(s) links
are made. Reference: https://timeline.knightlab.com/docs/json-format.html
"""
from __future__ import annotations

import json
from datetime import timedelta
from html import escape
from typing import Iterable, Iterator

from timeline.model import UNKNOWN_SOURCE, Event, safe_url, source_label
from timeline.plain_dates import event_when, plural

HEADLINE_LIMIT = 90
YEAR_PARTS = {"year", "decade", "century"}
MONTH_PARTS = {"month", "quarter", "half", "season"}


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _parts(day, granularity: str) -> dict:
    if granularity in YEAR_PARTS:
        return {"year": day.year}
    if granularity in MONTH_PARTS:
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _origin(event: Event) -> str:
    """The slide's last line: the source and the article (a link when it has an http(s) URL);
    for an event a person added, "Added by hand" and what they gave of these."""
    hand = event.by_hand  # no article behind it: only what the person gave
    source = source_label(event.source, event.article_url, "" if hand else UNKNOWN_SOURCE)
    link = safe_url(event.article_url)
    title = event.article_title or ("" if hand else "(untitled article)")
    cite = (f'<a href="{escape(link)}" target="_blank" rel="noopener noreferrer">'
            f'{escape(title or link)}</a>' if link else escape(title))
    parts = ["<b>Added by hand</b>"] if hand else []
    parts += [f"<i>{escape(source)}</i>"] if source else []
    parts += [cite] if cite else []
    return "<p>" + " \u00b7 ".join(parts) + "</p>"


def tl_event(event: Event) -> dict:
    """One TimelineJS slide for one event, all article text escaped."""
    actors = f"<p><b>Actors:</b> {escape(', '.join(event.actors))}</p>" if event.actors else ""
    sentence = f"<p>{escape(event.sentence)}</p>" if event.sentence else ""
    slide = {
        "start_date": _parts(event.start_date, event.granularity),
        "display_date": event_when(event),
        "text": {
            "headline": escape(_clip(event.summary or event.sentence, HEADLINE_LIMIT)),
            "text": f"{sentence}{actors}{_origin(event)}",
        },
        "group": event.status,
        "unique_id": f"ev-{event.event_id}",
    }
    last = event.end_date - timedelta(days=1)
    if last > event.start_date:
        slide["end_date"] = _parts(last, event.granularity)
    return slide


def iter_timelinejs(events: Iterable[Event], title: str = "Timeline") -> Iterator[str]:
    """The story's JSON text in pieces, one slide per piece (streamed downloads: the events are
    never all held). The slides come first and the title last, with their count."""
    count, separator = 0, '{"events": ['
    for event in events:
        yield separator + json.dumps(tl_event(event), ensure_ascii=False)
        count, separator = count + 1, ", "
    heading = {"text": {"headline": escape(title),
                        "text": plural(count, "event")}}
    yield ("" if count else separator) + '], "title": ' + json.dumps(heading, ensure_ascii=False) + "}"


def timelinejs_text(events: Iterable[Event], title: str = "Timeline") -> str:
    return "".join(iter_timelinejs(events, title))


def to_timelinejs(events: Iterable[Event], title: str = "Timeline") -> dict:
    """The TimelineJS story of the events (in the order given), as a dict."""
    return json.loads(timelinejs_text(events, title))


def write_timelinejs(events: Iterable[Event], fileobj, title: str = "Timeline") -> int:
    """Write the story to a text file, one slide at a time; returns the number of events."""
    from timeline.export import write_pieces

    return write_pieces(iter_timelinejs(events, title), fileobj)


__all__ = ["iter_timelinejs", "tl_event", "timelinejs_text", "to_timelinejs", "write_timelinejs"]
