"""The Story and Articles filters: stories found from the store (dashboard.stories); picking a
story picks its articles, and the Articles filter feeds EventFilter.article_ids."""
from __future__ import annotations

from dash import Input, Output, State, no_update

from dashboard import ids
from dashboard.present import plural
from dashboard.stories import find_stories
from timeline.plain_dates import day_text


def story_options(store) -> tuple[list[dict], dict, list[dict]]:
    """(story options, story key -> article ids, article options), from the store."""
    infos = store.articles()
    titles = {a.article_id: a.title for a in infos}
    stories = find_stories(store.article_actors(), store.article_days(), titles)
    mapping, options = {}, []
    for story in stories:
        key = story.article_ids[0]
        mapping[key] = list(story.article_ids)
        options.append({"label": f"{story.name} ({plural(len(story.article_ids), 'article')})",
                        "value": key})
    articles = [{"label": f"{a.title or '(untitled)'} \u2014 {a.source or 'unknown source'}, "
                          f"{day_text(a.published, weekday=False)}", "value": a.article_id}
                for a in infos]
    return options, mapping, articles


def register(app, store, **_):
    @app.callback(
        Output(ids.STORY_PICK, "options"),
        Output(ids.STORY_MAP, "data"),
        Output(ids.ARTICLES, "options"),
        Input(ids.DATA_VERSION, "data"),
    )
    def list_stories(_version):
        return story_options(store)

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
