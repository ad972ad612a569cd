from datetime import datetime

from benchmarks.timex_vs_dateparser import _day_expressions, locate_in_order


def test_substrings_are_located_in_order_not_at_their_first_occurrence():
    text = "now and then, now again; Friday"
    found = [("now", 1), ("now", 2), ("Friday", 3), ("absent", 4)]
    assert locate_in_order(text, found) == [(0, 3, "now", 1), (14, 17, "now", 2), (25, 31, "Friday", 3)]


def test_a_substring_seen_earlier_is_found_again_from_the_start():
    assert locate_in_order("May 5 and May", [("and May", 1), ("May 5", 2)]) == [(6, 13, "and May", 1), (0, 5, "May 5", 2)]


def test_dateparser_results_become_day_values():
    (t,) = _day_expressions(locate_in_order("on 5 May 1998", [("5 May 1998", datetime(1998, 5, 5, 14, 0))]))
    assert (t.start, t.end, t.type, t.value) == (3, 13, "DATE", "1998-05-05")
