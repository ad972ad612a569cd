"""The only place that speaks SQL: EventStore on SQLite or PostgreSQL (SQLAlchemy Core)."""
from timeline.store.connection import DEFAULT_DB, ENV_VAR, StoreError, resolve_path
from timeline.store.event_store import AddResult, EventStore
from timeline.store.intervals import interval_of
from timeline.store.queries import ArticleInfo

__all__ = ["AddResult", "ArticleInfo", "DEFAULT_DB", "ENV_VAR", "EventStore", "StoreError",
           "interval_of", "resolve_path"]
