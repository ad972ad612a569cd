"""Hand-made articles and events of the dashboard tests (no NLP needed); conftest.py
turns them into fixtures, test modules import them from here."""
from datetime import date, timedelta

from timeline.model import Event, event_id

SPANS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}


def build_event(n: int = 0, *, day: date = date(2025, 3, 20), granularity: str = "day",
               status: str = "happened", actors=("Ada Lovelace",), source: str = "Daily Post",
               sentence: str | None = None, expression: str = "on Thursday",
               article_id: str = "a" * 16, value: str | None = None) -> Event:
    sentence = sentence or f"Event number {n} took place {expression} in the harbour."
    start = sentence.index(expression)
    return Event(
        event_id=event_id(article_id, 0, start + n * 1000, start + n * 1000 + len(expression)),
        article_id=article_id, value=value or day.isoformat(), start_date=day,
        end_date=day + timedelta(days=SPANS[granularity]), granularity=granularity,
        expression=expression, status=status, summary=f"event {n} took place",
        sentence=sentence, expr_start=start, expr_end=start + len(expression),
        actors=tuple(actors), article_title=f"Article {article_id[:4]}", source=source,
        article_url="https://example.org/a", published=date(2025, 3, 17),
        anchor="2025-03-17", direction="past",
    )


HOSTILE = ("<script>alert('pwned')</script> Officials said the <img src=x onerror=alert(1)> "
           "summit will open on Friday in Lisbon.")


def article_with_events(title: str, source: str, sentences: list[tuple[str, str, date, str]],
                        published: date = date(2025, 3, 17), url: str = "https://example.org/a"):
    """An Article whose text is the sentences, and one Event per (sentence, expression, day,
    status), with offsets that really point into the text."""
    from timeline.model import Article, TimeExpression

    text = " ".join(s for s, _, _, _ in sentences)
    article = Article(text=text, published=published, title=title, url=url, source=source)
    events, timexes, pos = [], [], 0
    for sentence, expression, day, status in sentences:
        start = sentence.index(expression)
        events.append(Event(
            event_id=event_id(article.article_id, pos, start, start + len(expression)),
            article_id=article.article_id, value=day.isoformat(), start_date=day,
            end_date=day + timedelta(days=1), granularity="day", expression=expression,
            status=status, summary=sentence[:60], sentence=sentence, expr_start=start,
            expr_end=start + len(expression), sentence_start=pos, actors=("Ada Lovelace",),
            published=published, anchor=published.isoformat(), direction="future"))
        timexes.append(TimeExpression(pos + start, pos + start + len(expression), expression,
                                      "DATE", day.isoformat(), "day", day, day + timedelta(days=1)))
        pos += len(sentence) + 1
    return article, events, timexes


def seed(store) -> list:
    """Two articles, one of them hostile; returns the stored events."""
    calm = article_with_events("Harbour news", "Daily Post", [
        ("The ferry service resumed on Monday after repairs.", "on Monday",
         date(2025, 3, 10), "happened"),
        ("The council will vote on Wednesday about the pier.", "on Wednesday",
         date(2025, 3, 19), "scheduled"),
        ("A storm closed the port on 2 March.", "on 2 March", date(2025, 3, 2), "happened"),
    ])
    hostile = article_with_events("<b>Hostile</b> <img src=x onerror=alert(2)>", "Evil Wire",
                                  [(HOSTILE, "on Friday", date(2025, 3, 21), "scheduled")],
                                  url="javascript:alert(3)")
    for article, events, timexes in (calm, hostile):
        store.add_article(article, events, timexes)
    return calm[1] + hostile[1]
