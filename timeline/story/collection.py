"""A Timeline17 topic as a store: its articles analysed once and kept, for evaluation runs.

``topic_store(topic, folder)`` opens (or creates) ``folder/<topic>.db`` and ingests the
topic's articles that are not in it yet through the same ingest path as ``timeline ingest``,
so a second run only reads. The articles are Penn-Treebank tokenised; they are turned back
into plain text first (``timeline.story.tls.detokenise``) since that is what the tool reads.
"""
from __future__ import annotations

from pathlib import Path

from timeline.model import Article
from timeline.story.tls import Topic, detokenise


def topic_articles(topic: Topic) -> list[Article]:
    return [Article(text=detokenise(text), published=published, source="",
                    path=f"{topic.path}/articles.csv#{i + 2}")
            for i, (published, text) in enumerate(topic.articles) if text.strip()]


def topic_store(topic: Topic, folder: Path, workers: int = 1, progress: bool = False):
    """The EventStore of ``topic`` under ``folder``, every article of the topic ingested."""
    from timeline.cli.store import run_ingest
    from timeline.store import EventStore

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    store = EventStore(str(folder / f"{topic.name}.db"))
    articles = topic_articles(topic)
    if not all(store.has_article(a.article_id) for a in articles):
        run_ingest(store, articles, workers=workers, progress=progress)
    return store
