"""The first view, the axis breaks and the label placement (pure)."""
from datetime import date, timedelta

from dashboard.marks import Candidate, axis_breaks, news_range, place_labels


def test_the_first_view_is_where_the_newest_articles_events_are():
    old = [date(2017, 9, 1) + timedelta(days=30 * i) for i in range(30)]   # older articles
    new = [date(2020, 11, 20) + timedelta(days=i) for i in range(20)]      # the newest
    starts = old + new
    published = [d + timedelta(days=1) for d in old] + [date(2020, 12, 10)] * len(new)
    lo, hi = news_range(starts, published, (min(starts), max(starts) + timedelta(days=1)))
    assert date(2020, 11, 1) < lo <= date(2020, 11, 22)
    assert date(2020, 12, 8) <= hi < date(2021, 1, 15)


def test_no_first_view_when_everything_fits():
    starts = [date(2025, 3, 1) + timedelta(days=i) for i in range(20)]
    assert news_range(starts, [date(2025, 3, 25)] * 20, (starts[0], starts[-1])) is None


def test_breaks_only_for_long_empty_stretches():
    story = [(date(2025, 3, d), date(2025, 3, d + 1)) for d in range(1, 20)]
    assert axis_breaks(story) == []
    (lo, hi), = axis_breaks(story + [(date(1720, 1, 1), date(1721, 1, 1))])
    assert date(1721, 1, 1) < lo < hi < date(2025, 3, 1)
    # a decade-long period covering the gap leaves nothing to cut
    assert axis_breaks(story + [(date(1720, 1, 1), date(1721, 1, 1)),
                                (date(1720, 1, 1), date(2030, 1, 1))]) == []


def test_labels_go_most_important_first_and_never_overlap():
    lo, hi = date(2025, 3, 1), date(2025, 3, 31)
    cands = [Candidate(date(2025, 3, 10), 0, "a long summary of the event", 1.0),
             Candidate(date(2025, 3, 10), 0, "the most important event", 5.0),
             Candidate(date(2025, 3, 11), 0, "a third one right next to them", 2.0),
             Candidate(date(2025, 4, 20), 0, "outside the view", 9.0)]
    chosen = place_labels(cands, lo, hi, width_px=600, rows=2)
    assert chosen[0] == (1, 0, "right")     # the most important, in the first row
    assert (2, 1, "right") in chosen        # the next one, below: the first row is taken
    assert all(i != 0 for i, _, _ in chosen)  # no room left for the least important
    assert all(i != 3 for i, _, _ in chosen)  # not in view
    near_the_end = [Candidate(date(2025, 3, 30), 0, "close to the right edge", 1.0)]
    assert place_labels(near_the_end, lo, hi, width_px=600) == [(0, 0, "left")]
    wider = place_labels(cands, date(2025, 3, 9), date(2025, 3, 12), width_px=1200, rows=2)
    assert len(wider) >= len(chosen)
