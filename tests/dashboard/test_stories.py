"""Stories found from shared actors and days (pure)."""
from dashboard.stories import find_stories

TITLES = {a: f"Article {a}" for a in "abcdefgh"}


def test_articles_sharing_two_actors_or_an_actor_and_a_day_make_one_story():
    actors = [("a", "Ada", 3), ("a", "Grace", 1), ("b", "Ada", 1), ("b", "Grace", 2),
              ("c", "Grace", 1), ("d", "Linus", 2), ("e", "Linus", 1)]
    days = [("c", "2025-03-10"), ("a", "2025-03-10"), ("d", "2025-01-01"), ("e", "2025-02-02")]
    titles = {k: TITLES[k] for k in "abcdef"}
    stories = find_stories(actors, days, titles)
    assert stories[0].article_ids == ("a", "b", "c")        # c: Grace + the same day as a
    assert stories[0].name == "Ada & Grace"                  # the most-cited actors
    assert ("d",) in [s.article_ids for s in stories]         # Linus alone, different days
    assert ("f",) in [s.article_ids for s in stories]        # no actor: a story of its own
    assert next(s for s in stories if s.article_ids == ("f",)).name == "Article f"


def test_an_actor_named_everywhere_links_nothing():
    actors = [(a, "United States", 1) for a in "abcdefgh"] + [("a", "Ada", 1), ("b", "Ada", 1),
                                                               ("a", "Grace", 1), ("b", "Grace", 1)]
    stories = find_stories(actors, [], TITLES)
    assert stories[0].article_ids == ("a", "b")
    assert len(stories) == 7
