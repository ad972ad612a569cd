from dash import html

from dashboard.present import (article_paragraphs, event_row, highlight, resolution_text,
                               safe_url, sentence_pieces)
from timeline.model import TimeExpression



def test_sentence_highlights_the_expression(make_event):
    ev = make_event(0, sentence="The ministers met on Thursday in Paris.", expression="on Thursday")
    pieces = sentence_pieces(ev)
    assert pieces[0] == "The ministers met "
    assert isinstance(pieces[1], html.Mark) and pieces[1].children == "on Thursday"
    assert pieces[2] == " in Paris."


def test_hostile_text_stays_a_string():
    text = "<script>alert(1)</script> and <img src=x onerror=alert(2)> tomorrow"
    pieces = highlight(text, [(text.index("tomorrow"), len(text), "2025-03-18")])
    assert pieces[0] == "<script>alert(1)</script> and <img src=x onerror=alert(2)> "
    assert pieces[1].children == "tomorrow"


def test_bad_or_overlapping_spans_are_skipped():
    pieces = highlight("abcdef", [(1, 3, "x"), (2, 4, "y"), (5, 99, "z"), (4, 4, "w")])
    assert [p if isinstance(p, str) else ("M", p.children) for p in pieces] == \
        ["a", ("M", "bc"), "def"]


def test_article_paragraphs_keep_offsets_across_lines():
    text = "First line on Monday.\n\nSecond line next week."
    timexes = [TimeExpression(14, 20, "Monday", "DATE", "2025-03-17"),
               TimeExpression(35, 44, "next week", "DATE", "2025-W13")]
    paras = article_paragraphs(text, timexes)
    assert len(paras) == 2
    assert paras[0].children[1].children == "Monday"
    assert paras[1].children[1].children == "next week"


def test_safe_url():
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("//evil.example") is None
    assert safe_url("") is None


def test_resolution_and_row(make_event):
    ev = make_event(0)
    assert resolution_text(ev) == "relative to 2025-03-17, read as past"
    ev.corrected = True
    assert resolution_text(ev) == "corrected by hand"
    row = event_row(ev)
    assert row["date"] == "2025-03-20" and row["actors"] == "Ada Lovelace" and row["corrected"] == "yes"
