"""Events: dated statements built from a tagged Doc (status, summary, actors, evidence).

    build_events(article, doc) -> list[Event]
    analyse(article, nlp=None) -> (events, timexes)
    extract(article, nlp=None) -> list[Event]
    extract_many(articles, nlp=None, n_process=1, batch_size=32) -> Iterator[(article, events, timexes)]

Light: none of these modules imports spaCy (the pipeline is loaded when first used).
"""
from __future__ import annotations

from timeline.events.build import build_events, makes_event
from timeline.events.extract import analyse, extract, extract_many
from timeline.events.status import event_status

__all__ = ["analyse", "build_events", "event_status", "extract", "extract_many", "makes_event"]
