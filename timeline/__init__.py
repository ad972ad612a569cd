"""timeline: news articles in, a timeline of dated events out.

The public API is imported lazily so that `import timeline` stays cheap.
"""
from __future__ import annotations

from timeline.model import Article, Event, EventFilter, TimeExpression

__all__ = ["Article", "Event", "EventFilter", "TimeExpression", "tag_time"]


def __getattr__(name: str):
    if name == "tag_time":
        from timeline.temporal import tag_time

        return tag_time
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
