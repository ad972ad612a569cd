"""The tables, as SQLAlchemy Core objects: the one description of the schema that both
SQLite and PostgreSQL are created from and every query in queries.py is built on.

Dates are ISO text (``YYYY-MM-DD``) in both databases, so text order is date order and
``substr`` cuts months and years the same way everywhere. Event intervals are half-open
``[start_date, end_date)``. A change here is also a new step in schema.py (existing
databases are upgraded there, never re-created).
"""
from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table, Text

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("article_id", Text, primary_key=True),  # timeline.model.text_key(text)
    Column("text", Text, nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("url", Text, nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    Column("published", Text, nullable=False),
    Column("path", Text, nullable=False, server_default=""),
    Column("ingested_at", Text, nullable=False),
    # casefolded title and text, what the text search reads besides the event's own
    # search column (schema v6)
    Column("search", Text, nullable=False, server_default=""),
    Index("articles_source", "source"),
)

events = Table(
    "events", metadata,
    Column("event_id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.article_id", ondelete="CASCADE"),
           nullable=False),
    Column("value", Text, nullable=False),
    Column("start_date", Text, nullable=False),
    Column("end_date", Text, nullable=False),
    Column("granularity", Text, nullable=False),
    Column("expression", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("expr_start", Integer, nullable=False),
    Column("expr_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("position", Integer, nullable=False),  # offset of the expression in the article
    Column("actors", Text, nullable=False),  # JSON list, in the extractor's order
    Column("anchor", Text, nullable=False, server_default=""),
    Column("direction", Text, nullable=False, server_default=""),
    Column("corrected", Integer, nullable=False, server_default="0"),  # a person edited it
    Column("by_hand", Integer, nullable=False, server_default="0"),  # a person added it (v5)
    Column("search", Text, nullable=False),  # casefolded sentence, summary, expression
    # (the text search also reads articles.search)
    # covering index of the date filter and of the counts per period, status and
    # granularity: those queries read the index alone (schema v3; replaced events_dates,
    # events_status, events_granularity)
    Index("events_span", "start_date", "end_date", "status", "granularity", "event_id"),
    Index("events_article", "article_id", "position"),
    # the events ending in a date range: the edge of the actor facet's summary (schema v7)
    Index("events_end", "end_date", "event_id"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Text, ForeignKey("events.event_id", ondelete="CASCADE"),
           primary_key=True),
    Column("actor", Text, primary_key=True),
    Index("event_actors_actor", "actor", "event_id"),
    sqlite_with_rowid=False,
)

# The actor facet's summary (schema v7): per actor and month, how many events naming the actor
# start in that month and how many end (end_date, exclusive) in it. Kept in the transaction of
# every change of the events or their actors (timeline.store.actor_months); Queries.actors reads
# it for a date range (an event overlaps [start, end] when it starts on or before end and does
# not end on or before start: the two are counted per month, the edge months from the events).
actor_months = Table(
    "actor_months", metadata,
    Column("actor", Text, primary_key=True),
    Column("month", Text, primary_key=True),  # YYYY-MM
    Column("starts", Integer, nullable=False),
    Column("ends", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# A person's edits, keyed by event_id only: no foreign key, so they outlive the event
# and are applied again when the same article is ingested again. A NULL field is one the
# person did not change (the extractor's value stays); curation.py writes and applies them.
corrections = Table(
    "corrections", metadata,
    Column("event_id", Text, primary_key=True),
    Column("value", Text),  # the date: TIMEX3 value and its interval
    Column("start_date", Text),
    Column("end_date", Text),
    Column("granularity", Text),
    Column("status", Text),  # set by hand, or by a date correction
    Column("original_value", Text, nullable=False, server_default=""),
    Column("deleted", Integer, nullable=False, server_default="0"),
    Column("corrected_at", Text, nullable=False),
    Column("summary", Text),  # v5
    Column("actors", Text),  # v5: JSON list
    Column("original", Text),  # v5: JSON, the extractor's fields before the first edit
    Column("removed", Text),  # v5: JSON, the event as it was deleted (for an undo)
)

# Every time expression of an article (not only those that made events), for the
# full-text view with highlights.
mentions = Table(
    "mentions", metadata,
    Column("article_id", Text, ForeignKey("articles.article_id", ondelete="CASCADE"),
           primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("granularity", Text),
    Column("start_date", Text),
    Column("end_date", Text),
    Column("anchor", Text, nullable=False, server_default=""),
    Column("direction", Text, nullable=False, server_default=""),
    Column("mod", Text, nullable=False, server_default=""),
    sqlite_with_rowid=False,
)

# Which event (happening) each mention reports, filled by the store as articles are added
# (timeline.store.groups; schema v4). ``seq`` is the order of attachment: a new mention is
# compared with an event's first reports. The row goes with its mention.
event_reports = Table(
    "event_reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", Text, ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False, unique=True),
    Column("event_id", Text, nullable=False),
    Index("event_reports_event", "event_id", "seq"),
)

# A person's split or merge: the event a mention belongs to, keyed by the mention's id only
# (no foreign key, like corrections), so it is applied again when the article is re-ingested.
report_edits = Table(
    "report_edits", metadata,
    Column("mention_id", Text, primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("edited_at", Text, nullable=False),
)

# Who changed the stored events last: a new random token at every change (an article added or
# deleted, a correction, a split or merge). A writer that keeps its grouping between articles
# (timeline.store.groups.Grouping) reuses it only while the token is the one it wrote itself.
grouping_version = Table(
    "grouping_version", metadata,
    Column("id", Integer, primary_key=True),  # one row, id 1
    Column("token", Text, nullable=False),
)
