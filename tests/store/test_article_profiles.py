"""The per-article actors and days the dashboard finds stories with (SQLite and PostgreSQL)."""


def test_article_actors_and_days(store, corpus):
    a1, a2, a3 = (corpus[k].article_id for k in ("saturday", "march20", "feb2"))
    assert (a1, "Keir Starmer", 2) in store.article_actors()
    assert (a2, "Donald Trump", 1) in store.article_actors()
    assert {(a, actor) for a, actor, _ in store.article_actors()} == {
        (a1, "Keir Starmer"), (a1, "Emmanuel Macron"), (a1, "Vladimir Putin"),
        (a2, "Keir Starmer"), (a2, "Donald Trump"), (a3, "Donald Trump")}
    days = store.article_days()
    assert (a1, "2025-03-15") in days and (a3, "2025-02-02") in days
    assert not any(day in ("2025-04-01", "2024-01-01") for _, day in days)  # not day-precise
