from dashboard import figures, views
from dashboard.views import facet_options, render_view
from timeline.model import EventFilter


def test_view_follows_the_filter(seeded):
    store, events = seeded
    view = render_view(store, EventFilter(statuses=("scheduled",)))
    assert view.summary == "2 events \u00b7 2 scheduled"
    assert sorted(r["expression"] for r in view.rows) == ["on Friday", "on Wednesday"]
    ids_in_figure = {cd[0] for tr in view.figure["data"] for cd in tr["customdata"]}
    assert ids_in_figure == {r["event_id"] for r in view.rows}


def test_facets_counted_in_python_match_the_store(seeded):
    store, _ = seeded
    view = render_view(store, EventFilter())
    assert view.actor_options == facet_options(store.actors(EventFilter()), [])
    assert view.source_options == facet_options(store.sources(EventFilter()), [])
    # an actor filter keeps the other actors' counts (so one can add a second actor)
    chosen = render_view(store, EventFilter(actors=("Ada Lovelace",)), actors=["Ada Lovelace"])
    assert chosen.actor_options == facet_options(store.actors(EventFilter()), ["Ada Lovelace"])


def test_many_events_are_aggregated_and_the_table_is_capped(seeded, monkeypatch):
    store, events = seeded
    monkeypatch.setattr(views, "AGGREGATE_THRESHOLD", 2)
    monkeypatch.setattr(views, "TABLE_LIMIT", 3)
    view = render_view(store, EventFilter())
    assert [tr["type"] for tr in view.figure["data"]] == ["bar"]
    assert sum(view.figure["data"][0]["y"]) == len(events)
    assert len(view.rows) == 3 and "first 3 of 4" in view.note
    assert "events per day" in view.summary
    # the aggregated summary's statuses are the store's (one tally query)
    parts = ", ".join(f"{n} {s}" for s, n in sorted(store.statuses()))
    assert view.summary.startswith(f"{len(events)} events \u00b7 {parts} (")


def test_facet_options_keep_selected_values():
    opts = facet_options([("A", 3), ("", 1)], ["Z"])
    assert opts == [{"label": "A (3)", "value": "A"}, {"label": "Z", "value": "Z"}]
    assert figures.AGGREGATE_THRESHOLD > figures.GL_THRESHOLD


def test_text_search_draws_its_events_and_aggregates_past_the_threshold(seeded, monkeypatch):
    store, _ = seeded
    view = render_view(store, EventFilter(text="FERRY repairs"))  # one article's three events
    assert view.summary == "3 events \u00b7 2 happened, 1 scheduled"
    assert [row["expression"] for row in view.rows] == ["on 2 March", "on Monday", "on Wednesday"]
    monkeypatch.setattr(views, "AGGREGATE_THRESHOLD", 1)
    wide = render_view(store, EventFilter(text="on"))
    assert wide.summary.startswith("4 events") and wide.figure["data"][0]["type"] == "bar"


def test_the_figures_own_events_never_refire_the_full_view():
    """Plotly reports a relayout when it first draws (autosize): had that fired the callback
    that fills the summary and the table again while its first answer was on the way, the
    renderer would drop that answer for the second's (a first load kept an empty summary and
    table). A zoom or a click redraws the figure alone, in a callback of its own."""
    from dashboard import create_app, ids
    from timeline.store import EventStore

    with EventStore(":memory:") as store:
        deps = create_app(store).server.test_client().get("/_dash-dependencies").get_json()
    figure_events = {(ids.FIGURE, "relayoutData"), (ids.FIGURE, "clickData")}
    full = next(d for d in deps if f"{ids.SUMMARY}.children" in d["output"])
    assert not figure_events & {(i["id"], i["property"]) for i in full["inputs"]}
    zooms = [d for d in deps if figure_events & {(i["id"], i["property"]) for i in d["inputs"]}
             and f"{ids.FIGURE}.figure" in d["output"]]
    assert len(zooms) == 1 and zooms[0]["output"].startswith(f"{ids.FIGURE}.figure")
    assert "..." not in zooms[0]["output"].strip(".")  # the figure alone
