"""Turn untrusted article text into Dash components and table rows.

Text is only ever placed in components as plain strings (React escapes them); the highlighted
expression is an ``html.Mark`` built from offsets. Nothing here produces HTML or Markdown.
"""
from __future__ import annotations


from dash import html

from dashboard.figures import source_name
from timeline.model import Event, safe_url, source_label  # noqa: F401  (safe_url: the callbacks)
from timeline.plain_dates import day_text, event_when, plain_date, plural  # noqa: F401  (plural: the callbacks)

TABLE_SUMMARY_LIMIT = 200


def highlight(text: str, spans: list[tuple[int, int, str]]) -> list:
    """``text`` as strings and ``html.Mark`` pieces for the (start, end, title) spans.

    Spans out of range or overlapping an earlier one are skipped, never rendered wrongly.
    """
    pieces: list = []
    pos = 0
    for start, end, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or end <= start or end > len(text):
            continue
        if start > pos:
            pieces.append(text[pos:start])
        pieces.append(html.Mark(text[start:end], title=title, className="timex"))
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def sentence_pieces(event: Event) -> list:
    """The evidence sentence with the event's expression highlighted."""
    return highlight(event.sentence, [(event.expr_start, event.expr_end, event.value)])


def article_paragraphs(text: str, timexes) -> list:
    """The whole article as paragraphs, every time expression highlighted."""
    out, offset = [], 0
    spans = [(t.start, t.end, t.value) for t in timexes]
    for block in text.split("\n"):
        end = offset + len(block)
        local = [(s - offset, e - offset, v) for s, e, v in spans if s >= offset and e <= end]
        if block.strip():
            out.append(html.P(highlight(block, local)))
        offset = end + 1
    return out


source_of = source_name  # one rule for the figure, the table and the panel


# the direction a relative expression was resolved in, said only where it agrees with the status
_DIRECTION_WORDS = {("past", "happened"): "the nearest one before it",
                    ("future", "scheduled"): "the nearest one after it",
                    ("future", "ongoing"): "the nearest one after it"}


def resolution_text(event: Event, date_edited: bool | None = None) -> str:
    """How the date was resolved, in words (plain dates; no "read as past" on a scheduled event).
    ``date_edited``: whether a person corrected the date (None: any edit of the event counts)."""
    if event.by_hand:
        return "added by hand"
    if event.corrected if date_edited is None else date_edited:
        return "corrected by hand"
    if not event.anchor:  # a date written whole ("2022", "the second quarter of 2026"): the
        # clause's tense (direction) placed nothing, so no "the nearest one before it"
        return f"article published {day_text(event.published)}" if event.published else "explicit date"
    parts = [f"relative to {plain_date(event.anchor)}"]
    words = _DIRECTION_WORDS.get((event.direction, event.status))
    if words:
        parts.append(words)
    elif event.direction == "same":
        parts.append("the same period")
    return ", ".join(parts)


def event_row(event: Event) -> dict:
    """One row of the events table."""
    summary = event.summary or event.sentence
    if len(summary) > TABLE_SUMMARY_LIMIT:
        summary = summary[: TABLE_SUMMARY_LIMIT - 1] + "\u2026"
    return {
        "event_id": event.event_id,
        "when": event_when(event),
        "date": event.value,
        "start": event.start_date.isoformat(),
        "granularity": event.granularity,
        "status": event.status,
        "expression": event.expression,
        "summary": summary,
        "actors": ", ".join(event.actors),
        "source": source_of(event),
        "corrected": "added" if event.by_hand else "yes" if event.corrected else "",
    }


def article_row(info) -> dict:
    """One row of the articles table (a timeline.store.ArticleInfo)."""
    return {
        "article_id": info.article_id,
        "title": info.title or "(untitled)",
        "source": source_label(info.source, info.url),  # as the events table says it
        "published": info.published.isoformat(),
        "published_text": day_text(info.published, weekday=False),
        "events": info.events,
    }
