"""Status of an event: happened, ongoing or scheduled.

Two clues decide it: the event's interval ``[start_date, end_date)`` against the
article's publication date, and the direction the tagger settled on for the expression
(``TimeExpression.direction``: "past", "future" or "" for none). The status never reads
the tense again: it uses the one decision the resolver made ("Monday's bid for March
elections is on hold", resolved with no direction, is ongoing in March, not happened).

The interval speaks first, because the tagger already used the direction to resolve
the date; the direction only breaks the tie when the interval holds the publication day.

    interval vs published            direction        status
    -------------------------------  ---------------  ---------
    ends on or before published      any              happened
    starts after published           any              scheduled
    holds published                  past             happened
    holds published                  future           scheduled
    holds published                  none             ongoing

"Ends on or before" uses the half-open interval: a day event of 16 March ends on
17 March, so it happened by an article of 17 March. An event on the publication
day itself holds it: "told reporters on Monday" (past) happened, "will meet on
Monday" (future) is scheduled, "meets on Monday" is ongoing.
"""
from __future__ import annotations

from datetime import date

HAPPENED, ONGOING, SCHEDULED = "happened", "ongoing", "scheduled"


def event_status(start_date: date, end_date: date, published: date, direction: str | None) -> str:
    """The status of an event over ``[start_date, end_date)`` told on ``published``, whose
    expression the tagger read in ``direction`` ("past", "future"; anything else: none)."""
    if end_date <= published:
        return HAPPENED
    if start_date > published:
        return SCHEDULED
    if direction == "past":
        return HAPPENED
    if direction == "future":
        return SCHEDULED
    return ONGOING
