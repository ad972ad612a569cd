"""The demo corpus: twelve short original articles about one fictional developing story
(a river-water treaty negotiated over four weeks), shipped as package data."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from timeline.model import Article


def demo_path() -> Path:
    """The JSON Lines file of the demo articles (title, text, published, url, source)."""
    return Path(str(resources.files(__name__).joinpath("articles.jsonl")))


def demo_articles() -> list[Article]:
    """The demo articles, read by the same JSONL reader as any other file, oldest first."""
    from timeline.ingest import read_path

    return sorted(read_path(demo_path()), key=lambda article: article.published)


__all__ = ["demo_articles", "demo_path"]
