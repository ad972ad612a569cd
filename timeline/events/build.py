"""Doc + its time expressions -> Events.

One event per resolved DATE or TIME expression that has an interval, and per DURATION
anchored to dates ("the past three years" with a start and an end date). Sets, bare
durations ("for 30 days") and PRESENT_REF / PAST_REF / FUTURE_REF make no event.

Several expressions in one sentence give one event each, ranges included: "from March
to May" gives an event for March and one for May, each with the same sentence, so a
timeline shows both ends and a date correction touches one end only. A sentence that is
nothing but its expression (a dateline: "Monday, May 5, 2025") makes no event, and neither
does page furniture (``timeline.events.furniture``: datelines, bylines, "updated" stamps, reader
comments, live-blog clock stamps, photo credits, "this article appeared ...").

An article whose lead reports news without a time expression ("A judge has ordered ...") gets
one more event, dated by the article (``timeline.events.leads``): its expression is empty, its
anchor "publication" and its direction "lead", so it is told apart from a stated date.
"""
from __future__ import annotations

import re

from timeline.doctext import doc_text
from timeline.events.actors import article_names, sentence_actors
from timeline.events.furniture import furniture
from timeline.events.leads import LEAD_ANCHOR, LEAD_DIRECTION, lead_day
from timeline.events.sentences import SentenceIndex, sentence_ranges
from timeline.events.status import event_status
from timeline.events.summary import sentence_summary, summarise
from timeline.model import Article, Event, TimeExpression, event_id

_WORD = re.compile(r"[^\W\d_]{2,}")


def makes_event(timex: TimeExpression) -> bool:
    """True for a DATE, TIME or anchored DURATION with a start and an end date."""
    return timex.dated


def doc_timexes(doc) -> list[TimeExpression]:
    """The Doc's time expressions (``Doc._.timexes``), or none if it was never tagged."""
    if not doc.has_extension("timexes"):
        return []
    return list(doc._.timexes or [])


def build_events(article: Article, doc, timexes: list[TimeExpression] | None = None) -> list[Event]:
    """The events of ``article`` from its tagged Doc (``timexes`` defaults to ``doc._.timexes``)."""
    if timexes is None:
        timexes = doc_timexes(doc)
    chosen = [t for t in timexes if makes_event(t)]
    text = doc_text(doc)
    ranges = sentence_ranges(doc)
    lead = lead_day(text, ranges, article.published, article.title, [(t.start, t.end) for t in timexes])
    if not chosen and lead is None:
        return []
    index = SentenceIndex(ranges)
    ents = list(doc.ents)
    names = article_names(doc) if ents else {}
    times = [(t.start, t.end) for t in timexes]
    article_id = article.article_id
    events = []
    for timex in sorted(chosen, key=lambda t: (t.start, t.end)):
        s_start, s_end = index.find(timex.start, timex.end)
        sentence = text[s_start:s_end]
        if not _says_more(sentence, timex.start - s_start, timex.end - s_start):
            continue
        if furniture(text, timex.start, timex.end):
            continue
        expr_start, expr_end = timex.start - s_start, timex.end - s_start
        events.append(Event(
            event_id=event_id(article_id, s_start, expr_start, expr_end),
            article_id=article_id,
            value=timex.value,
            start_date=timex.start_date,
            end_date=timex.end_date,
            granularity=timex.granularity or "",
            expression=text[timex.start:timex.end],
            status=event_status(timex.start_date, timex.end_date, article.published, timex.direction or None),
            summary=summarise(doc, sentence, s_start, expr_start, expr_end),
            sentence=sentence,
            expr_start=expr_start,
            expr_end=expr_end,
            sentence_start=s_start,
            actors=sentence_actors(doc, s_start, s_end, names, times, ents),
            **_of_article(article),
            anchor=timex.anchor,
            direction=timex.direction,
        ))
    if lead is not None:
        events.insert(0, _lead_event(article, doc, text, lead, names, times, ents))
    return events


def _lead_event(article: Article, doc, text: str, lead: tuple[int, int, object], names, times,
                ents) -> Event:
    """The event of an undated lead, dated by the article (no expression)."""
    from datetime import timedelta

    s_start, s_end, day = lead
    sentence = text[s_start:s_end]
    return Event(
        event_id=event_id(article.article_id, s_start, 0, 0),
        article_id=article.article_id,
        value=day.isoformat(),
        start_date=day,
        end_date=day + timedelta(days=1),
        granularity="day",
        expression="",
        status="happened",
        summary=sentence_summary(sentence, 0, 0),
        sentence=sentence,
        expr_start=0,
        expr_end=0,
        sentence_start=s_start,
        actors=sentence_actors(doc, s_start, s_end, names, times, ents),
        **_of_article(article),
        anchor=LEAD_ANCHOR,
        direction=LEAD_DIRECTION,
    )


def _of_article(article: Article) -> dict:
    """The fields an event copies from its article."""
    return {"article_title": article.title, "article_url": article.url, "source": article.source,
            "published": article.published}


def _says_more(sentence: str, expr_start: int, expr_end: int) -> bool:
    """False for a sentence that is only its expression (a dateline such as "Monday, May 5, 2025")."""
    rest = sentence[:expr_start] + " " + sentence[expr_end:]
    return _WORD.search(rest) is not None

