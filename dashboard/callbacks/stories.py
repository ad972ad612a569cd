"""The Story and Articles filters: stories found from the store (dashboard.stories); picking a
story picks its articles, and the Articles filter feeds EventFilter.article_ids."""
from __future__ import annotations

from dash import Input, Output, State, no_update

from dashboard import ids
from dashboard.present import plural
from dashboard.stories import Story, find_stories
from timeline.model import source_label
from timeline.plain_dates import day_text


ARTICLE_OPTIONS = 200  # the Articles filter offers this many at a time: a dropdown indexes every
# option's label in the browser (10,000 articles froze the page for seconds), so it offers the
# newest articles, or those matching what is typed, and always the chosen ones


class StoryCache:
    """The stories of one store, found again only when the store's revision (read from the
    database, so every server process agrees) has changed since: finding them reads every
    article's actors and days (seconds when 10,000 articles form one story). Holds the
    revision and a tuple of frozen Story objects, replaced as a whole (threads share it)."""

    def __init__(self, store):
        self.store = store
        self._kept: tuple[str, tuple[Story, ...]] | None = None

    def stories(self) -> tuple[Story, ...]:
        revision = self.store.revision()  # read first: a change during the reads below
        kept = self._kept                 # only makes the next call find them again
        if kept is None or kept[0] != revision:
            titles = {a.article_id: a.title for a in self.store.articles()}
            kept = (revision, tuple(find_stories(self.store.article_actors(),
                                                 self.store.article_days(), titles)))
            self._kept = kept
        return kept[1]


def story_options(stories) -> tuple[list[dict], dict]:
    """(story options, story key -> article ids)."""
    mapping, options = {}, []
    for story in stories:
        key = story.article_ids[0]
        mapping[key] = list(story.article_ids)
        options.append({"label": f"{story.name} ({plural(len(story.article_ids), 'article')})",
                        "value": key})
    return options, mapping


def article_options(infos, search: str | None, chosen: list | None) -> list[dict]:
    """The Articles filter's options: the chosen articles, and up to ARTICLE_OPTIONS others
    whose label holds every typed word (any case), newest first."""
    chosen = set(chosen or ())
    words = (search or "").casefold().split()
    out, others = [], 0
    for a in infos:
        label = (f"{a.title or '(untitled)'} \u2014 {source_label(a.source, a.url)}, "
                 f"{day_text(a.published, weekday=False)}")
        if a.article_id in chosen:
            out.append({"label": label, "value": a.article_id})
        elif others < ARTICLE_OPTIONS and all(w in label.casefold() for w in words):
            out.append({"label": label, "value": a.article_id})
            others += 1
    return out


def register(app, store, **_):
    cache = StoryCache(store)

    @app.callback(
        Output(ids.STORY_PICK, "options"),
        Output(ids.STORY_MAP, "data"),
        Input(ids.DATA_VERSION, "data"),
    )
    def list_stories(_version):
        return story_options(cache.stories())

    @app.callback(
        Output(ids.ARTICLES, "options"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.ARTICLES, "search_value"),
        Input(ids.ARTICLES, "value"),
    )
    def list_articles(_version, search, chosen):
        return article_options(store.articles(), search, chosen)

    @app.callback(
        Output(ids.ARTICLES, "value", allow_duplicate=True),
        Input(ids.STORY_PICK, "value"),
        State(ids.STORY_MAP, "data"),
        prevent_initial_call=True,
    )
    def pick_story(key, mapping):
        if not key:
            return []
        return (mapping or {}).get(key, no_update)
