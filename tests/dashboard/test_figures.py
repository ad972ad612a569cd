from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from dashboard import figures
from dashboard.figures import (aggregate_period, counts_figure, hover_text, lane_labels,
                               stack_offsets, timeline_figure)



def marks(fig):
    """event_id -> (trace type, x, y) for every mark of a figure."""
    go.Figure(fig)  # a valid Plotly figure: raises on any unknown property
    out = {}
    for tr in fig["data"]:
        for k, cd in enumerate(tr.get("customdata") or ()):
            out[cd[0]] = (tr["type"], tr["x"][k], tr["y"][k])
    return out


def test_points_and_bars_by_granularity(events):
    fig = timeline_figure(events)
    m = marks(fig)
    assert len(m) == len(events)
    assert m[events[0].event_id][0] == "scatter"
    assert m[events[3].event_id][0] == "bar"   # a month is a bar
    assert m[events[4].event_id][0] == "bar"   # a year too
    bar = next(tr for tr in fig["data"] if tr["type"] == "bar" and events[4].event_id in
               [c[0] for c in tr["customdata"]])
    assert bar["base"][0] == "2025-01-01" and bar["x"][0] == 365 * 86_400_000


def test_status_colours_and_order(events):
    fig = timeline_figure(events, "status")
    colours = {tr["name"]: tr["marker"]["color"] for tr in fig["data"] if tr["type"] == "scatter"}
    assert colours["scheduled"] != colours["happened"]
    assert fig["layout"]["yaxis"]["ticktext"] == ["scheduled (1)", "ongoing (1)", "happened (3)"]


def test_same_day_points_are_stacked_and_counted(events):
    m = marks(timeline_figure(events))
    y0, y1 = m[events[0].event_id][2], m[events[1].event_id][2]
    assert y0 != y1 and abs(y0 - y1) < 0.7
    hov = [cd[1] for tr in timeline_figure(events)["data"] for cd in tr["customdata"]
           if cd[0] == events[0].event_id][0]
    assert "2 events here on this day" in hov


def test_lanes_by_actor_pick_the_most_frequent_actor(events):
    labels = lane_labels(events, "actor")
    assert labels[4] == "Ada Lovelace"  # Ada (3) beats Grace (2)
    assert labels[3] == "(no actor)"
    with pytest.raises(ValueError):
        lane_labels(events, "colour")


def test_lanes_are_capped(make_event):
    evs = [make_event(i, source=f"Source {i}") for i in range(20)]
    labels = lane_labels(evs, "source", max_lanes=5)
    assert len(set(labels)) == 6 and "Other sources" in labels
    fig = timeline_figure(evs, "source")
    assert len(fig["layout"]["yaxis"]["tickvals"]) == figures.MAX_LANES + 1


def test_stack_offsets():
    offsets, sizes = stack_offsets([("a",), ("a",), ("b",)])
    assert sizes == [2, 2, 1] and offsets[2] == 0.0 and offsets[0] == pytest.approx(-offsets[1])


def test_webgl_above_threshold(monkeypatch, events):
    monkeypatch.setattr(figures, "GL_THRESHOLD", 2)
    assert any(tr["type"] == "scattergl" for tr in timeline_figure(events)["data"])
    monkeypatch.setattr(figures, "GL_THRESHOLD", 1000)
    assert not any(tr["type"] == "scattergl" for tr in timeline_figure(events)["data"])


def test_hover_escapes_and_clips_article_text(make_event):
    ev = make_event(0, sentence="<script>alert(1)</script> on Thursday", expression="on Thursday")
    ev.summary = "<img src=x onerror=alert(1)>" + "x" * 500
    text = hover_text(ev)
    assert "<img" not in text and "&lt;img" in text
    assert len(text) < 400


def test_range_slider_and_buttons(events):
    # marks: no slider (it copies every trace with its marks at full size), the buttons stay
    xaxis = go.Figure(timeline_figure(events)).layout.xaxis
    assert not xaxis.rangeslider.visible
    assert [b.label for b in xaxis.rangeselector.buttons] == ["1w", "1m", "1y", "all"]
    # counts per period: bars, which a slider shows well
    xaxis = go.Figure(counts_figure([("2025-01", 3), ("2025-02", 5)], "month")).layout.xaxis
    assert xaxis.rangeslider.visible


def test_empty_and_counts_figures():
    assert not go.Figure(timeline_figure([])).data
    fig = go.Figure(counts_figure([("2025-01", 3), ("2025-02", 5)], "month"))
    assert list(fig.data[0].y) == [3, 5] and list(fig.data[0].x) == ["2025-01", "2025-02"]
    assert aggregate_period(date(2025, 1, 1), date(2025, 2, 1)) == "day"
    assert aggregate_period(date(2000, 1, 1), date(2025, 2, 1)) == "year"
    assert aggregate_period(date(2020, 1, 1), date(2025, 2, 1)) == "month"


def test_initial_view_focuses_on_the_bulk_of_events(make_event):
    bulk = [make_event(i, day=date(2025, 3, 1 + i)) for i in range(20)]
    far = [make_event(99, day=date(2019, 1, 1), granularity="year")]
    assert "range" not in timeline_figure(bulk)["layout"]["xaxis"]  # nothing far away: show all
    lo, hi = timeline_figure(bulk + far)["layout"]["xaxis"]["range"]
    assert "2025-01-01" < lo < "2025-03-01" and "2025-03-20" < hi < "2025-05-01"
    assert "range" not in timeline_figure(bulk + far, view="all")["layout"]["xaxis"]


@pytest.mark.parametrize("bulk_day, far_day", [(date(1, 1, 1), date(9999, 12, 30)),
                                                (date(9999, 12, 30), date(1, 1, 1))])
def test_extreme_dates_are_shown_not_overflowing(make_event, bulk_day, far_day):
    """Articles published 0001-01-01 and 9999-12-31 once blanked the page (OverflowError)."""
    bulk = [make_event(i, day=bulk_day) for i in range(12)]
    far = [make_event(99, day=far_day)]
    fig = timeline_figure(bulk + far)
    assert len(marks(fig)) == 13
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert "0001-01-01" <= lo <= bulk_day.isoformat() <= hi <= "9999-12-31"


def test_extreme_dates_through_the_view(tmp_path, make_event):
    from dashboard.views import render_view
    from timeline.model import Article, EventFilter
    from timeline.store import EventStore

    store = EventStore(str(tmp_path / "t.db"))
    for n, day in enumerate([date(1, 1, 1)] * 11 + [date(9999, 12, 30)]):
        article = Article(text=f"Event number {n} took place today in the harbour.",
                          published=day, title=f"t{n}", source="Wire")
        store.add_article(article, [make_event(n, day=day, expression="today",
                                               article_id=article.article_id)], [])
    view = render_view(store, EventFilter())
    assert view.summary.startswith("12 events") and len(marks(view.figure)) == 12
    store.close()


@pytest.mark.parametrize("group_by", ["source", "actor"])
def test_lane_labels_are_escaped(make_event, group_by):
    """A source or actor '<a href=...>' once became a live link in the lane labels."""
    evil = '<a href="javascript:alert(1)">x</a>'
    fig = timeline_figure([make_event(0, source=evil, actors=(evil,))], group_by)
    (label,) = fig["layout"]["yaxis"]["ticktext"]
    assert "<" not in label and label.startswith("&lt;a href=")


def test_a_crowded_day_is_one_mark_with_its_count_until_zoomed_in(make_event):
    crowd = [make_event(i, day=date(2025, 3, 20)) for i in range(6)]
    others = [make_event(10 + i, day=date(2025, 1, 5) + timedelta(days=7 * i)) for i in range(8)]
    fig = timeline_figure(crowd + others, view=(date(2025, 1, 1), date(2025, 4, 1)))
    cluster = next(tr for tr in fig["data"] if tr["name"] == "several on one day")
    assert cluster["text"] == ["6"] and cluster["customdata"][0][0] == "day:2025-03-20"
    assert "6 events on Thursday 20 March 2025" in cluster["customdata"][0][1]
    assert not {e.event_id for e in crowd} & set(marks(fig))  # the six are inside the one mark
    zoomed = timeline_figure(crowd + others, view=(date(2025, 3, 15), date(2025, 3, 25)))
    assert {e.event_id for e in crowd} <= set(marks(zoomed))  # apart again
    assert not any(tr["name"] == "several on one day" for tr in zoomed["data"])


def test_labels_do_not_collide_and_more_appear_when_zoomed_in(make_event):
    evs = [make_event(i, day=date(2025, 3, 1 + i % 28)) for i in range(28)]
    for i, e in enumerate(evs):
        e.summary = f"summary number {i} of the harbour talks"
    wide = timeline_figure(evs, view=(date(2024, 12, 1), date(2025, 5, 1)))
    narrow = timeline_figure(evs, view=(date(2025, 3, 1), date(2025, 3, 8)))

    def labels(fig):
        return [a for a in fig["layout"]["annotations"] if a.get("xref") == "x" and
                a.get("yref") == "y"]
    assert 0 < len(labels(wide)) < len(evs)
    assert len(labels(narrow)) > 0
    per_day_wide = len(labels(wide)) / 150
    per_day_narrow = len(labels(narrow)) / 7
    assert per_day_narrow > per_day_wide
    for fig in (wide, narrow):  # no two labels of one row overlap (estimated widths)
        rows = {}
        for a in labels(fig):
            rows.setdefault(a["y"], []).append(a["x"])
        for xs in rows.values():
            assert len(xs) == len(set(xs))


def test_a_bar_ended_before_the_view_gets_no_label_one_reaching_into_it_does(make_event):
    story = [make_event(i, day=date(2025, 3, 3 + i)) for i in range(3)]
    gone = make_event(7, day=date(2016, 1, 1), granularity="year")  # 2016, wholly before
    gone.summary = "served as vice president until 2016"
    running = make_event(8, day=date(2025, 1, 1), granularity="year")  # 2025, reaches in
    running.summary = "the year of the harbour talks"
    fig = timeline_figure(story + [gone, running], view=(date(2025, 3, 1), date(2025, 3, 10)))
    texts = {a["text"]: a["x"] for a in fig["layout"]["annotations"] if a.get("xref") == "x"}
    assert not any("vice president" in t for t in texts)
    assert texts.get(figures.clip(running.summary, figures.LABEL_CHARS)) == "2025-03-01"  # at the view's left edge


def test_labels_are_escaped(make_event):
    ev = make_event(0)
    ev.summary = "<img src=x onerror=alert(1)> talks"
    notes = timeline_figure([ev])["layout"]["annotations"]
    assert notes and all("<img" not in a["text"] for a in notes)
    assert any("&lt;img" in a["text"] for a in notes)


def test_a_far_background_date_is_cut_out_of_the_axis(make_event):
    story = [make_event(i, day=date(2025, 3, 1 + i)) for i in range(12)]
    background = [make_event(99, day=date(1720, 1, 1), granularity="year")]
    fig = timeline_figure(story + background, view="all")
    breaks = fig["layout"]["xaxis"]["rangebreaks"]
    assert len(breaks) == 1
    lo, hi = breaks[0]["bounds"]
    assert "1721-01-01" < lo < "1800-01-01" and "2024-01-01" < hi < "2025-03-01"
    assert any("left out" in a["text"] for a in fig["layout"]["annotations"])
    assert "rangebreaks" not in timeline_figure(story)["layout"]["xaxis"]


def test_on_a_phone_the_legend_leaves_room_for_the_range_buttons(events):
    wide = timeline_figure(events, width_px=1000)["layout"]["legend"]
    narrow = timeline_figure(events, width_px=200)["layout"]["legend"]
    assert (wide["x"], wide["xanchor"]) == (0.5, "center")
    assert (narrow["y"], narrow["yanchor"]) == (-0.08, "top")  # under the axis: the buttons
    assert wide["y"] > 1 and wide["yanchor"] == "bottom"        # sit above it, at the left
