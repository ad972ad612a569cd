"""Stories found from shared actors and days (pure), and kept while the store is unchanged."""
from datetime import date

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


def _linked_groups(actors, days, titles):
    """The definition, pair by pair: connected groups of articles that share two informative
    actors, or one and a day."""
    from collections import defaultdict

    from dashboard.stories import COMMON_SHARE, MIN_SPREAD
    cited = defaultdict(set)
    for article_id, actor, _ in actors:
        cited[article_id].add(actor)
    spread = {a: sum(a in c for c in cited.values()) for c in cited.values() for a in c}
    limit = max(MIN_SPREAD, COMMON_SHARE * len(titles))
    informative = {a for a, n in spread.items() if n <= limit}
    on = defaultdict(set)
    for article_id, day in days:
        on[article_id].add(day)
    group = {a: {a} for a in titles}
    ids = sorted(titles)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            both = cited[a] & cited[b] & informative
            if len(both) >= 2 or (both and on[a] & on[b]):
                merged = group[a] | group[b]
                for member in merged:
                    group[member] = merged
    return sorted({tuple(sorted(g)) for g in group.values()})


def test_stories_are_the_groups_the_pairwise_rule_links():
    import random

    rng = random.Random(5)
    for _ in range(40):
        titles = {f"a{i:02d}": f"Article {i}" for i in range(rng.randint(1, 30))}
        names = [f"Actor {i}" for i in range(rng.randint(1, 12))]
        actors = [(a, n, rng.randint(1, 3)) for a in titles
                  for n in rng.sample(names, rng.randint(0, min(4, len(names))))]
        days = [(a, f"2025-03-{rng.randint(1, 9):02d}") for a in titles
                for _ in range(rng.randint(0, 2))]
        found = sorted(s.article_ids for s in find_stories(actors, days, titles))
        assert found == _linked_groups(actors, days, titles)


def test_article_options_offer_the_newest_those_typed_and_always_the_chosen(monkeypatch):
    from datetime import date

    from dashboard.callbacks import stories
    from timeline.store.queries import ArticleInfo

    infos = [ArticleInfo(f"id{i}", f"Ferry report {i}" if i % 2 else f"Pier news {i}", "",
                         "Daily Post", date(2025, 3, 20 - i), "", "", 1) for i in range(6)]
    monkeypatch.setattr(stories, "ARTICLE_OPTIONS", 2)
    assert [o["value"] for o in stories.article_options(infos, None, [])] == ["id0", "id1"]
    # typed words (any case, any order) find older articles; the chosen ones stay offered
    typed = stories.article_options(infos, "REPORT ferry", ["id4"])
    assert [o["value"] for o in typed] == ["id1", "id3", "id4"]
    assert typed[0]["label"].startswith("Ferry report 1 \u2014 Daily Post, ")
    assert stories.article_options(infos, "nothing like it", []) == []


def test_stories_are_found_again_only_when_the_store_changed(seeded, monkeypatch):
    """The dashboard keeps the stories it found under the store's revision; a write through
    another connection (another server process) is seen."""
    import dashboard.callbacks.stories as module
    from tests.dashboard.helpers import article_with_events
    from timeline.store import EventStore

    store, _ = seeded
    calls = []
    monkeypatch.setattr(module, "find_stories",
                        lambda *args: calls.append(1) or find_stories(*args))
    cache = module.StoryCache(store)
    first = cache.stories()
    assert cache.stories() is first and len(calls) == 1
    other = EventStore(store.path)
    article, events, timexes = article_with_events("Pier news", "Daily Post", [
        ("The pier reopened on Tuesday.", "on Tuesday", date(2025, 3, 11), "happened")])
    other.add_article(article, events, timexes)
    other.close()
    again = cache.stories()
    assert len(calls) == 2 and article.article_id in {a for s in again for a in s.article_ids}
    options, mapping = module.story_options(again)
    assert sum(len(ids) for ids in mapping.values()) == len(store.articles()) == 3
    assert len(options) == len(mapping)
