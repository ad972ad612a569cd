"""EventFilter -> a parameterised SQL WHERE clause over ``events AS e``.

User input only ever travels as parameters; the SQL text is built from fixed pieces
and from the *number* of values (placeholders), never from the values themselves.
"""
from __future__ import annotations

from timeline.model import EventFilter

LIKE_ESCAPE = "\\"


def search_key(*texts: str) -> str:
    """The casefolded text that the text search looks into."""
    return "\n".join(t for t in texts if t).casefold()


def escape_like(term: str) -> str:
    """Make ``%``, ``_`` and the escape character itself literal in a LIKE pattern."""
    return (term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
            .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))


def _in(column: str, values: tuple[str, ...], params: list) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' * len(values))})"


def fts_phrase(term: str) -> str:
    """An FTS5 phrase query for a literal term (double quotes doubled)."""
    return '"' + term.replace('"', '""') + '"'


def where(flt: EventFilter | None, fts: bool = False) -> tuple[str, list]:
    """Return ``(sql, params)``; sql is ``""`` or starts with `` WHERE``.

    Dates select events whose interval ``[start_date, end_date)`` overlaps the closed
    range ``[flt.start, flt.end]``. The text search wants every whitespace-separated
    term of ``flt.text`` somewhere in the sentence, summary or expression, ignoring case.
    Actors, sources, articles, statuses and granularities each match any of their values.
    With ``fts`` (the trigram index exists), terms of three characters or more are first
    looked up in the index; LIKE still decides, on the few rows left.
    """
    if flt is None:
        return "", []
    clauses: list[str] = []
    params: list = []
    if flt.start:
        clauses.append("e.end_date > ?")
        params.append(flt.start.isoformat())
    if flt.end:
        clauses.append("e.start_date <= ?")
        params.append(flt.end.isoformat())
    for term in flt.text.casefold().split():
        if fts and len(term) >= 3:
            clauses.append("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            params.append(fts_phrase(term))
        clauses.append(f"e.search LIKE ? ESCAPE '{LIKE_ESCAPE}'")
        params.append(f"%{escape_like(term)}%")
    if flt.actors:
        clauses.append("e.event_id IN (SELECT event_id FROM event_actors WHERE "
                       + _in("actor", flt.actors, params) + ")")
    if flt.sources:
        clauses.append("e.article_id IN (SELECT article_id FROM articles WHERE "
                       + _in("source", flt.sources, params) + ")")
    if flt.article_ids:
        clauses.append(_in("e.article_id", flt.article_ids, params))
    if flt.statuses:
        clauses.append(_in("e.status", flt.statuses, params))
    if flt.granularities:
        clauses.append(_in("e.granularity", flt.granularities, params))
    if not clauses:
        return "", []
    return " WHERE " + " AND ".join(clauses), params
