"""Hand-made articles and events for the store tests."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.model import Article, Event, event_id
from timeline.store import EventStore
from timeline.store.intervals import interval_of


def make_article(text: str, published=date(2025, 3, 17), **kw) -> Article:
    return Article(text=text, published=published, **kw)


def make_event(article: Article, expression: str, value: str, *, status="happened",
               actors=(), summary="") -> Event:
    """An event for the first occurrence of ``expression`` in the article text."""
    start = article.text.index(expression)
    sentence_start = article.text.rfind(".", 0, start) + 1
    while article.text[sentence_start:sentence_start + 1] == " ":
        sentence_start += 1
    sentence_end = article.text.find(".", start)
    sentence = article.text[sentence_start:sentence_end + 1 if sentence_end >= 0 else None]
    begin, end, granularity = interval_of(value)
    return Event(
        event_id=event_id(article.article_id, sentence_start, start - sentence_start,
                          start - sentence_start + len(expression)),
        article_id=article.article_id, value=value, start_date=begin, end_date=end,
        granularity=granularity, expression=expression, status=status,
        summary=summary or sentence, sentence=sentence, expr_start=start - sentence_start,
        expr_end=start - sentence_start + len(expression), sentence_start=sentence_start,
        actors=tuple(actors), article_title=article.title, article_url=article.url,
        source=article.source, published=article.published)


DIALECTS = ["sqlite", "postgresql"]  # postgresql: the pg_url fixture, tests/conftest.py


@pytest.fixture(params=DIALECTS)
def db_url(request, tmp_path):
    """An empty database that several connections and processes can open: a SQLite file,
    or a new PostgreSQL database (skipped without a server, except in CI)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=DIALECTS)
def store(request):
    """An empty EventStore: SQLite in memory, or a new PostgreSQL database."""
    if request.param == "sqlite":
        with EventStore(":memory:") as s:
            yield s
        return
    with EventStore(request.getfixturevalue("pg_url")) as s:
        yield s


@pytest.fixture
def make():
    """Factories: make.article(text, ...), make.event(article, expression, value, ...)."""
    class Make:
        article = staticmethod(make_article)
        event = staticmethod(make_event)
    return Make


@pytest.fixture
def corpus(store, make):
    """Three articles from two sources, eight events, stored; returns {name: Event}."""
    a1 = make.article(
        "Leaders met in London on Saturday. The summit is planned for next month. "
        "Talks resumed in 2024.", published=date(2025, 3, 17), title="London talks",
        url="https://example.org/a1", source="Daily Example")
    a2 = make.article(
        "The ministers will travel on 20 March. Troops left in the first quarter. "
        "A 50% rise_in costs came on Friday.", published=date(2025, 3, 18), title="Travel",
        source="Daily Example")
    a3 = make.article(
        "Voters went to the polls on 2 February. A review starts in week 14.",
        published=date(2025, 2, 3), title="Polls", source="Other Herald")
    events = {
        "saturday": make.event(a1, "on Saturday", "2025-03-15",
                               actors=("Keir Starmer", "Emmanuel Macron")),
        "next_month": make.event(a1, "next month", "2025-04", status="scheduled",
                                 actors=("Keir Starmer",)),
        "y2024": make.event(a1, "in 2024", "2024", actors=("Vladimir Putin",)),
        "march20": make.event(a2, "on 20 March", "2025-03-20", status="scheduled",
                              actors=("Keir Starmer", "Donald Trump")),
        "q1": make.event(a2, "in the first quarter", "2025-Q1"),
        "friday": make.event(a2, "on Friday", "2025-03-14"),
        "feb2": make.event(a3, "on 2 February", "2025-02-02", actors=("Donald Trump",)),
        "week14": make.event(a3, "in week 14", "2025-W14", status="scheduled"),
    }
    for article in (a1, a2, a3):
        store.add_article(article, [e for e in events.values()
                                    if e.article_id == article.article_id])
    return events
