"""Fixtures of the dashboard tests: hand-made events (tests/dashboard/helpers.py)."""
from datetime import date

import pytest

from tests.dashboard.helpers import build_event, seed


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


@pytest.fixture
def seeded(tmp_path):
    """(store, events): an EventStore file with the two hand-made articles."""
    from timeline.store import EventStore

    store = EventStore(str(tmp_path / "t.db"))
    events = seed(store)
    yield store, events
    store.close()
