"""timeline: news articles in, a timeline of dated events out.

`import timeline` stays cheap: nothing it imports loads spaCy.
"""
from __future__ import annotations

from timeline.model import Article, Event, EventFilter, TimeExpression
from timeline.temporal import tag_time  # light: the tagger imports no spaCy

__all__ = ["Article", "Event", "EventFilter", "TimeExpression", "tag_time"]
