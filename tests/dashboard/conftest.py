"""Hand-made events for the dashboard tests (no NLP needed)."""
from datetime import date, timedelta

import pytest

from timeline.model import Event, event_id

SPANS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}


def build_event(n: int = 0, *, day: date = date(2025, 3, 20), granularity: str = "day",
               status: str = "happened", actors=("Ada Lovelace",), source: str = "Daily Post",
               sentence: str | None = None, expression: str = "on Thursday",
               article_id: str = "a" * 16, value: str | None = None) -> Event:
    sentence = sentence or f"Event number {n} took place {expression} in the harbour."
    start = sentence.index(expression)
    return Event(
        event_id=event_id(article_id, 0, start + n * 1000, start + n * 1000 + len(expression)),
        article_id=article_id, value=value or day.isoformat(), start_date=day,
        end_date=day + timedelta(days=SPANS[granularity]), granularity=granularity,
        expression=expression, status=status, summary=f"event {n} took place",
        sentence=sentence, expr_start=start, expr_end=start + len(expression),
        actors=tuple(actors), article_title=f"Article {article_id[:4]}", source=source,
        article_url="https://example.org/a", published=date(2025, 3, 17),
        anchor="2025-03-17", direction="past",
    )


@pytest.fixture
def events():
    """A small varied set: points, bars, three statuses, several actors and sources."""
    make_event = build_event
    return [
        make_event(0),
        make_event(1),  # same day, same lane: stacked
        make_event(2, day=date(2025, 3, 24), status="scheduled", actors=("Grace Hopper",),
                   expression="next Monday", source="Evening Star"),
        make_event(3, day=date(2025, 3, 1), granularity="month", status="ongoing",
                   expression="this month", actors=()),
        make_event(4, day=date(2025, 1, 1), granularity="year", expression="this year",
                   actors=("Ada Lovelace", "Grace Hopper")),
    ]


@pytest.fixture
def make_event():
    """Factory of hand-made events: make_event(n, day=..., status=..., actors=...)."""
    return build_event
