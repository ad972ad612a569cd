"""Status of an event: happened, ongoing or scheduled.

Two clues decide it: the event's interval ``[start_date, end_date)`` against the
article's publication date, and the tense of the verb the expression modifies
(``timeline.temporal.tense.tense_of``: "past", "future", "present" or None).

The interval speaks first, because the tagger already used the tense to resolve
the date; the tense only breaks the tie when the interval holds the publication day.

    interval vs published            tense            status
    -------------------------------  ---------------  ---------
    ends on or before published      any              happened
    starts after published           any              scheduled
    holds published                  past             happened
    holds published                  future           scheduled
    holds published                  present / None   ongoing

"Ends on or before" uses the half-open interval: a day event of 16 March ends on
17 March, so it happened by an article of 17 March. An event on the publication
day itself holds it: "told reporters on Monday" (past) happened, "will meet on
Monday" (future) is scheduled, "meets on Monday" is ongoing.
"""
from __future__ import annotations

from datetime import date

HAPPENED, ONGOING, SCHEDULED = "happened", "ongoing", "scheduled"


def event_status(start_date: date, end_date: date, published: date, tense: str | None) -> str:
    """The status of an event over ``[start_date, end_date)`` told on ``published``."""
    if end_date <= published:
        return HAPPENED
    if start_date > published:
        return SCHEDULED
    if tense == "past":
        return HAPPENED
    if tense == "future":
        return SCHEDULED
    return ONGOING
