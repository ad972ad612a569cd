"""Stories: articles that share events and actors, found automatically (pure).

Two articles are in one story when they name at least two of the same informative actors, or
one of them and an event on the same day. An actor is informative when it is named in at most
COMMON_SHARE of the articles ("United States" in a world-news feed links nothing). Stories are
the connected groups of that link; each is named by its most-cited actors.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

COMMON_SHARE = 0.3   # an actor named in more articles than this share links nothing ...
MIN_SPREAD = 3       # ... and than this many (in a handful of articles every actor counts)
NAME_ACTORS = 2      # a story is named by its two most-cited actors


@dataclass(frozen=True)
class Story:
    name: str
    article_ids: tuple[str, ...]
    events: int


def find_stories(actors: list[tuple[str, str, int]], days: list[tuple[str, str]],
                 titles: dict[str, str]) -> list[Story]:
    """Stories from (article_id, actor, events naming it) and (article_id, day of an event)
    pairs; ``titles`` names the articles (every article appears there). Biggest story first;
    an article sharing nothing is a story of its own."""
    by_article: dict[str, Counter] = defaultdict(Counter)
    for article_id, actor, n in actors:
        by_article[article_id][actor] += n
    spread = Counter(actor for cited in by_article.values() for actor in cited)
    limit = max(MIN_SPREAD, COMMON_SHARE * len(titles))
    informative = {a for a, n in spread.items() if n <= limit}
    day_sets: dict[str, set] = defaultdict(set)
    for article_id, day in days:
        day_sets[article_id].add(day)

    parent = {a: a for a in titles}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    # a and b share two informative actors X < Y  <=>  both hold the pair (X, Y); they share
    # one and a day D  <=>  both hold (X, D): each article is joined to the first holder of
    # each of its keys (numbers, fast to hash), linear in the keys; counting shared actors
    # for every pair of articles holding an actor was quadratic (4 minutes for 10,000
    # articles naming 300 actors, benchmarks/browser_speed.py)
    number = {actor: i for i, actor in enumerate(sorted(informative))}
    day_number = {d: i for i, d in enumerate(sorted({d for ds in day_sets.values() for d in ds}))}
    n_actors = len(number)
    first_holder: dict[int, str] = {}
    for article_id, cited in by_article.items():
        if article_id not in parent:
            continue
        names = sorted(number[a] for a in cited if a in number)
        keys = [x * n_actors + y for i, x in enumerate(names) for y in names[i + 1:]]
        base = n_actors * n_actors
        keys += [base + day_number[d] * n_actors + x
                 for d in day_sets.get(article_id, ()) for x in names]
        hold = first_holder.setdefault
        for other in {hold(key, article_id) for key in keys} - {article_id}:
            parent[root(article_id)] = root(other)

    groups: dict[str, list[str]] = defaultdict(list)
    for article_id in titles:
        groups[root(article_id)].append(article_id)
    stories = []
    for members in groups.values():
        cited = Counter()
        for article_id in members:
            cited.update(by_article.get(article_id, {}))
        top = [a for a, _ in sorted(cited.items(), key=lambda p: (-p[1], p[0]))[:NAME_ACTORS]]
        name = " & ".join(top) if top else titles[members[0]] or "(untitled)"
        stories.append(Story(name, tuple(sorted(members)), sum(cited.values())))
    return sorted(stories, key=lambda s: (-len(s.article_ids), -s.events, s.name))


__all__ = ["Story", "find_stories"]
