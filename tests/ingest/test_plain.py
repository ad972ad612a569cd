from datetime import date

import pytest

from timeline.ingest import IngestError, read_bytes
from timeline.ingest.plain import parse_text

REF = date(2025, 3, 20)


def test_short_first_line_then_blank_is_the_title():
    parsed = parse_text("Water talks stall in Vienna\n\nNegotiators met on Saturday.\nThey will meet again.")
    assert parsed.title == "Water talks stall in Vienna"
    assert parsed.body == "Negotiators met on Saturday.\nThey will meet again."


def test_title_followed_directly_by_body():
    parsed = parse_text("Ministers agree on a timetable\nThe ministers agreed on Tuesday to meet every Monday until June.")
    assert parsed.title == "Ministers agree on a timetable"
    assert parsed.body.startswith("The ministers agreed")


@pytest.mark.parametrize("text", [
    "The ministers met on Tuesday.\n\nThey will meet again next week.",  # a sentence, not a title
    "Only one line of text here",
    "A first line that goes on\nand on",  # next line is shorter and not a sentence
    ("A very long first line " * 10) + "\n\nBody.",
])
def test_no_title(text):
    parsed = parse_text(text)
    assert parsed.title == ""
    assert parsed.body == text.strip()


def test_markdown_heading_is_the_title_and_markup_goes():
    parsed = parse_text("# Talks *resume*\n\nThe **council** met, see [the report](https://example.org/r).\n\n## Later\n\n> A quote.",
                        markdown=True)
    assert parsed.title == "Talks *resume*"
    assert parsed.body == "The council met, see the report.\n\nLater\n\nA quote."


def test_markdown_front_matter():
    parsed = parse_text("---\ntitle: \"Delta deal\"\npublished: 2025-03-10\nsource: Example Wire\n---\nBody text here.",
                        markdown=True)
    assert (parsed.title, parsed.published, parsed.fields["source"], parsed.body) == (
        "Delta deal", date(2025, 3, 10), "Example Wire", "Body text here.")


def test_header_lines_give_title_date_source_url():
    parsed = parse_text("Title: Barrage opens\nPublished: 2025-03-12\nSource: River Post\nURL: https://example.org/b\n\n"
                        "The barrage opened on Wednesday.")
    assert parsed.title == "Barrage opens"
    assert parsed.published == date(2025, 3, 12)
    assert parsed.fields["url"] == "https://example.org/b"
    assert parsed.body == "The barrage opened on Wednesday."


def test_standalone_date_line_is_metadata_and_leaves_the_text():
    parsed = parse_text("Barrage opens\n\nMonday, January 7, 2019\n\nThe barrage opened on Saturday.")
    assert parsed.published == date(2019, 1, 7)
    assert parsed.body == "The barrage opened on Saturday."


def test_wire_dateline_stays_in_the_text():
    parsed = parse_text("LONDON, March 17 (Reuters) - Ministers met on Monday.", reference=REF)
    assert parsed.published == date(2025, 3, 17)
    assert parsed.body == "LONDON, March 17 (Reuters) - Ministers met on Monday."


def test_date_precedence_for_text_files():
    header = "Published: 2025-03-01\n\nDate line next.\n\n17 March 2025\n"
    # the header (the file's metadata) beats the --published argument
    assert read_bytes("a.txt", header.encode(), REF)[0].published == date(2025, 3, 1)
    # a dateline beats the argument
    assert read_bytes("a.txt", b"17 March 2025\n\nThe body.", REF)[0].published == date(2025, 3, 17)
    # the argument is the last resort
    assert read_bytes("a.txt", b"The body only.", REF)[0].published == REF


def test_text_without_any_date_is_refused():
    with pytest.raises(IngestError) as info:
        read_bytes("story.txt", b"Talks\n\nThe talks will resume on Thursday.")
    assert "story.txt" in str(info.value) and "no publication date" in str(info.value)
    assert "--published" in str(info.value)


def test_text_offsets_refer_to_the_article_text():
    article = read_bytes("a.md", "# Title\r\n\r\nThe **vote** is on\u200b Friday.".encode("utf-16"), REF)[0]
    assert article.text == "The vote is on Friday."
    start = article.text.index("Friday")
    assert article.text[start:start + 6] == "Friday"


def test_title_then_header_and_byline():
    parsed = parse_text("Talks stall\nPublished: 2025-03-17\n\nBy Ana Ruiz\n\nThe talks stalled on Friday.")
    assert parsed.title == "Talks stall"
    assert parsed.published == date(2025, 3, 17)
    assert parsed.body == "By Ana Ruiz\n\nThe talks stalled on Friday."


def test_title_and_dateline_only_is_refused():
    with pytest.raises(IngestError, match="no article text"):
        read_bytes("a.txt", b"Talks stall\n\n17 March 2025\n")


def test_markdown_keeps_underscores_inside_words():
    parsed = parse_text("# T\n\nSee file_name_here and *this* and 2*3*4.", markdown=True)
    assert parsed.body == "See file_name_here and this and 2*3*4."
