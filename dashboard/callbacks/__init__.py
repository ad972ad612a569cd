"""Callbacks grouped by feature. Each module has ``register(app, store, ...)``; none imports
the app, and the store reaches them only through these arguments (no global state)."""
from dashboard.callbacks import (articles, curation, download, filters, key_events, panel,
                                 stories, story, timeline, upload)

FEATURES = (filters, timeline, panel, curation, upload, download, articles, story, stories,
            key_events)


def register_all(app, store, **options) -> None:
    for feature in FEATURES:
        feature.register(app, store, **options)
