from datetime import date
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
    assert resolution_text(ev) == "relative to Monday 17 March 2025, the nearest one before it"
    ev.corrected = True
    assert resolution_text(ev) == "corrected by hand"
    row = event_row(ev)
    assert row["date"] == "2025-03-20" and row["actors"] == "Ada Lovelace" and row["corrected"] == "yes"
    assert row["when"] == "Thursday 20 March 2025"


def test_a_date_written_whole_is_not_said_to_be_the_nearest_one(make_event):
    # "2022" in a past clause: the tagger records the clause's direction, but nothing was
    # placed by it (no anchor); the panel said "..., the nearest one before it"
    ev = make_event(0, expression="2022")
    ev.anchor = ""
    assert (ev.direction, ev.status) == ("past", "happened")
    assert resolution_text(ev) == "article published Monday 17 March 2025"


def test_a_scheduled_event_is_never_read_as_past(make_event):
    ev = make_event(0, status="scheduled")  # resolved towards the past, yet scheduled
    assert "past" not in resolution_text(ev) and "before" not in resolution_text(ev)
    assert resolution_text(ev) == "relative to Monday 17 March 2025"


def test_source_is_the_site_or_the_domain_never_the_title(make_event):
    from dashboard.present import source_of
    from timeline.model import Article

    ev = make_event(0, source="")
    ev.article_url = "https://www.example.org/news/1"
    assert source_of(ev) == "example.org" and row_source(ev) == "example.org"
    ev.article_url = ""
    assert source_of(ev) == "(unknown source)"
    assert ev.article_title not in source_of(ev)
    article = Article("Text.", date(2025, 3, 17), title="Big news", url="https://www.bbc.co.uk/x")
    assert article.source == "bbc.co.uk"
    assert Article("Text.", date(2025, 3, 17), title="Big news", source="BBC").source == "BBC"


def row_source(ev):
    return event_row(ev)["source"]


def test_the_articles_table_names_a_source_as_the_events_table_does(make_event):
    """One rule (timeline.model.source_label) for the events table, the Articles table, the
    Articles filter's labels and TimelineJS: the site, else the URL's domain, else
    "(unknown source)", never a blank."""
    from dashboard.callbacks.stories import article_options
    from dashboard.present import article_row
    from timeline.store.queries import ArticleInfo
    from timeline.timelinejs import _origin

    for source, url, said in (("", "", "(unknown source)"), ("", "https://www.example.org/a", "example.org"),
                              ("Daily Post", "https://www.example.org/a", "Daily Post")):
        ev = make_event(0, source=source)
        ev.article_url = url
        info = ArticleInfo("id1", "Pier news", url, source, date(2025, 3, 17), "", "", 1)
        assert row_source(ev) == article_row(info)["source"] == said
        assert f"\u2014 {said}, " in article_options([info], None, [])[0]["label"]
        assert f"<i>{said}</i>" in _origin(ev)


def test_plural():
    from dashboard.present import plural

    assert plural(1, "event") == "1 event" and plural(2, "row") == "2 rows"
    assert plural(1204, "source") == "1,204 sources"
