import json
import re
from datetime import date

from timeline.demo import demo_articles, demo_path


def test_demo_corpus_reads_cleanly_with_the_jsonl_reader():
    articles = demo_articles()
    assert 10 <= len(articles) <= 12
    dates = [a.published for a in articles]
    assert dates == sorted(dates)
    assert dates[0] == date(2025, 3, 3) and (dates[-1] - dates[0]).days >= 28
    assert len({a.article_id for a in articles}) == len(articles)
    for article in articles:
        assert 120 <= len(article.text.split()) <= 250, article.title
        assert article.title and article.source
        assert article.url.startswith("https://example.org/")


def test_demo_file_fields_match_the_articles():
    lines = demo_path().read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert all(set(r) == {"title", "text", "published", "url", "source"} for r in records)
    assert [date.fromisoformat(r["published"]) for r in records] == [a.published for a in demo_articles()]


def test_demo_corpus_has_the_time_expressions_it_promises():
    text = "\n".join(a.text for a in demo_articles())
    for phrase in ("will meet on Thursday", "on Saturday", "last week", "next month", "Over the weekend",
                   "Two days later", "second quarter", "in 2019", "30-day deadline", "every Monday", "March 28"):
        assert phrase in text, phrase
    assert re.search(r"\bMr Okafor\b", text) and "Daniel Okafor" in text
