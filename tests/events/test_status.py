"""Each row of the status table in timeline/events/status.py."""
from datetime import date

import pytest

from timeline.events.status import event_status

PUB = date(2025, 3, 17)


@pytest.mark.parametrize("start, end, tense, expected", [
    # ends on or before the publication day -> happened, whatever the tense
    (date(2025, 3, 13), date(2025, 3, 14), None, "happened"),
    (date(2025, 3, 16), date(2025, 3, 17), "future", "happened"),
    (date(2024, 1, 1), date(2025, 1, 1), "present", "happened"),
    # starts after the publication day -> scheduled, whatever the tense
    (date(2025, 3, 20), date(2025, 3, 21), None, "scheduled"),
    (date(2025, 3, 18), date(2025, 3, 19), "past", "scheduled"),
    # holds the publication day -> the tense decides
    (date(2025, 3, 17), date(2025, 3, 18), "past", "happened"),
    (date(2025, 3, 17), date(2025, 3, 18), "future", "scheduled"),
    (date(2025, 3, 1), date(2025, 4, 1), "present", "ongoing"),
    (date(2025, 1, 1), date(2026, 1, 1), None, "ongoing"),
])
def test_status_table(start, end, tense, expected):
    assert event_status(start, end, PUB, tense) == expected
