"""The TimelineJS export (pure); tests/dashboard/test_timelinejs_browser.py loads it in
TimelineJS itself."""
import json
from datetime import date

from tests.dashboard.helpers import HOSTILE, build_event
from timeline.timelinejs import timelinejs_text, to_timelinejs


def test_dates_as_parts_by_precision_and_inclusive_ends():
    day = build_event(0)
    month = build_event(1, day=date(2025, 3, 1), granularity="month", value="2025-03")
    month.end_date = date(2025, 4, 1)
    year = build_event(2, day=date(2025, 1, 1), granularity="year")
    week = build_event(3, day=date(2025, 3, 10), granularity="week")
    story = to_timelinejs([day, month, year, week], title="Harbour")
    slides = story["events"]
    assert slides[0]["start_date"] == {"year": 2025, "month": 3, "day": 20}
    assert "end_date" not in slides[0]  # one day
    assert slides[1]["start_date"] == {"year": 2025, "month": 3}
    assert slides[2]["start_date"] == {"year": 2025}
    assert slides[3]["end_date"] == {"year": 2025, "month": 3, "day": 16}  # the week's last day
    assert slides[0]["display_date"] == "Thursday 20 March 2025"
    assert slides[1]["display_date"] == "March 2025"
    assert slides[0]["group"] == "happened" and slides[0]["unique_id"] == f"ev-{day.event_id}"
    assert slides[0]["text"]["headline"] == "event 0 took place"
    assert story["title"]["text"]["headline"] == "Harbour"


def test_article_text_is_escaped_and_only_http_links_kept():
    ev = build_event(0, sentence=HOSTILE, expression="on Friday")
    ev.summary = "<img src=x onerror=alert(1)>"
    ev.article_url = "javascript:alert(1)"
    slide = json.loads(timelinejs_text([ev]))["events"][0]
    assert "<img" not in slide["text"]["headline"] and "&lt;img" in slide["text"]["headline"]
    assert "<script>" not in slide["text"]["text"] and "javascript:" not in slide["text"]["text"]
    ev.article_url = "https://example.org/a?x=1&y=2"
    text = to_timelinejs([ev])["events"][0]["text"]["text"]
    assert 'href="https://example.org/a?x=1&amp;y=2"' in text


def test_an_event_added_by_hand_says_so_in_its_slide():
    from dataclasses import replace

    ev = build_event(0)
    added = replace(build_event(1), by_hand=True, article_title="", article_url="", source="",
                    sentence="", expression="")
    told = replace(added, source="Harbour <Radio>", article_url="https://example.org/r")
    slides = to_timelinejs([ev, added, told])["events"]
    texts = [s["text"]["text"] for s in slides]
    assert "Added by hand" not in texts[0] and "Article aaaa" in texts[0]
    assert texts[1] == ("<p><b>Actors:</b> Ada Lovelace</p><p><b>Added by hand</b></p>")
    assert texts[2].endswith("<p><b>Added by hand</b> \u00b7 <i>Harbour &lt;Radio&gt;</i> \u00b7 "
                             '<a href="https://example.org/r" target="_blank" '
                             'rel="noopener noreferrer">https://example.org/r</a></p>')
    assert [s["group"] for s in slides] == ["happened"] * 3  # the status, as for every slide
