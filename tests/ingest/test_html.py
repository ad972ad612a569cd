from datetime import date

import pytest

from timeline.ingest import IngestError, read_bytes
from timeline.ingest.html import fragment_text

PARA = ("Negotiators from the three river states met on Saturday in the border town and agreed "
        "to resume the talks next week, officials said after a long night of discussion. ")


def page(head: str = "", body_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Delta talks resume | River Post</title>
<meta property="og:site_name" content="River Post">
<link rel="canonical" href="https://example.org/news/delta-talks">
{head}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Delta talks resume</h1>
{body_extra}
<p>{PARA}</p>
<p>{PARA * 2}</p>
<p>The ministers will meet again on Thursday. <script>document.write("injected")</script></p>
</article>
<footer>Copyright 2023 River Post</footer></body></html>"""


def test_meta_tag_date_title_site_and_text():
    html = page('<meta property="article:published_time" content="2025-03-17T09:30:00+01:00">')
    article = read_bytes("story.html", html.encode("utf-8"))[0]
    assert article.published == date(2025, 3, 17)
    assert article.title == "Delta talks resume"
    assert article.source == "River Post"
    assert article.url == "https://example.org/news/delta-talks"
    assert article.text.startswith("Negotiators from the three river states")
    assert "will meet again on Thursday" in article.text
    for leftover in ("<", "injected", "Home", "Copyright"):
        assert leftover not in article.text


def test_json_ld_date_in_its_own_time_zone():
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
          '"headline":"Delta talks resume","datePublished":"2025-03-16T23:30:00-05:00"}</script>')
    assert read_bytes("a.htm", page(ld).encode())[0].published == date(2025, 3, 16)


def test_time_element():
    html = page(body_extra='<p class="byline"><time datetime="2025-03-14T08:00:00+00:00">14 March</time></p>')
    assert read_bytes("a.html", html.encode())[0].published == date(2025, 3, 14)


def test_future_dates_in_metadata_are_not_cut_off_by_the_clock():
    html = page('<meta property="article:published_time" content="2031-06-02">')
    assert read_bytes("a.html", html.encode())[0].published == date(2031, 6, 2)


def test_without_metadata_the_argument_dates_the_page_never_the_clock():
    assert read_bytes("a.html", page().encode(), date(2025, 2, 1))[0].published == date(2025, 2, 1)
    with pytest.raises(IngestError) as info:
        read_bytes("a.html", page().encode())
    assert "a.html" in str(info.value) and "no publication date" in str(info.value)


def test_windows_1252_page():
    html = page('<meta name="date" content="2025-03-10">').replace("officials said", "officials said “yes”")
    html = html.replace('charset="utf-8"', 'charset="windows-1252"')
    article = read_bytes("a.html", html.encode("cp1252"))[0]
    assert "officials said “yes”" in article.text


def test_page_without_article_text_is_refused():
    with pytest.raises(IngestError) as info:
        read_bytes("empty.html", b"<html><head><title>x</title></head><body><script>x()</script></body></html>",
                   date(2025, 1, 1))
    assert "no article text" in str(info.value)


def test_very_short_page_keeps_words_apart():
    html = ("<html><head><meta name='date' content='2025-03-10'></head><body><article><h1>Vote</h1>"
            "<p>The vote is on Friday.</p><p>Results<br>follow on Monday.</p></article></body></html>")
    text = read_bytes("short.html", html.encode())[0].text
    assert "VoteThe" not in text and "Resultsfollow" not in text
    assert "The vote is on Friday." in text and "follow on Monday." in text


def test_a_fragment_lxml_asserts_on_is_a_value_error():
    """Found by tests/ingest/test_fuzz.py: lxml raised AssertionError ("too many bodies")."""
    with pytest.raises(ValueError, match="too many bodies"):
        fragment_text("<p></body><body>")
