import csv
import io
import json
from datetime import date

import pytest

from timeline.ingest import IngestError, iter_bytes, read_bytes

ONE = {"title": "Barrage opens", "text": "The barrage opened on Wednesday.", "published": "2025-03-12",
       "url": "https://example.org/b", "source": "River Post"}


def test_json_object():
    article = read_bytes("a.json", json.dumps(ONE).encode())[0]
    assert (article.title, article.text, article.published, article.url, article.source) == (
        "Barrage opens", "The barrage opened on Wednesday.", date(2025, 3, 12), "https://example.org/b", "River Post")


def test_json_list_with_aliases_and_time_zones():
    data = [
        {"headline": "A", "body": "First.", "date": "2025-03-17T23:30:00-05:00"},
        {"Title": "B", "Text": "Second.", "publication_date": "Mon, 17 Mar 2025 09:30:00 GMT"},
    ]
    articles = read_bytes("a.json", json.dumps(data).encode())
    assert [(a.title, a.text, a.published) for a in articles] == [
        ("A", "First.", date(2025, 3, 17)), ("B", "Second.", date(2025, 3, 17))]


def test_json_precedence_field_then_dateline_then_argument():
    data = [{"text": "No date at all."}, {"text": "PARIS, 2 March 2025 - Dated in the text."}, ONE]
    articles = read_bytes("a.json", json.dumps(data).encode(), date(2025, 1, 1))
    assert [a.published for a in articles] == [date(2025, 1, 1), date(2025, 3, 2), date(2025, 3, 12)]


def test_jsonl_bad_lines_are_reported_and_others_kept():
    lines = [json.dumps(ONE), "{not json", json.dumps({"title": "no text"}), "[1, 2]",
             json.dumps({"text": "Bad date.", "published": "next Tuesday"}), "", json.dumps(ONE | {"text": "Again."})]
    results = list(iter_bytes("feed.jsonl", "\n".join(lines).encode()))
    articles = [r for r in results if not isinstance(r, IngestError)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [a.text for a in articles] == ["The barrage opened on Wednesday.", "Again."]
    assert [e.where for e in errors] == ["line 2", "line 3", "line 4", "line 5"]
    assert "not valid JSON" in errors[0].reason
    assert "'text'" in errors[1].reason
    assert "next Tuesday" in errors[3].reason
    assert str(errors[0]).startswith("feed.jsonl (line 2): ")
    with pytest.raises(IngestError):
        read_bytes("feed.jsonl", "\n".join(lines).encode())


@pytest.mark.parametrize("data, reason", [(b"{", "not valid JSON"), (b"42", "object or a list")])
def test_bad_json_file(data, reason):
    with pytest.raises(IngestError) as info:
        read_bytes("x.json", data)
    assert reason in info.value.reason


def _csv(rows, delimiter=",", encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def test_csv_with_quotes_commas_newlines_and_big_fields():
    long_text = "Para one, with a comma and \"quotes\".\r\n\r\nPara two. " + "word " * 60000
    data = _csv([ONE, ONE | {"text": long_text, "title": "Long, quoted"}])
    articles = read_bytes("a.csv", data)
    assert articles[1].title == "Long, quoted"
    assert articles[1].text.startswith("Para one, with a comma and \"quotes\".\n\nPara two. word")
    assert len(articles[1].text) > 300000


@pytest.mark.parametrize("delimiter, name", [(";", "a.csv"), ("\t", "a.tsv"), ("\t", "a.csv")])
def test_csv_delimiters(delimiter, name):
    articles = read_bytes(name, _csv([ONE, ONE | {"text": "Second; with, marks"}], delimiter, "utf-8-sig"))
    assert [a.text for a in articles] == ["The barrage opened on Wednesday.", "Second; with, marks"]
    assert articles[0].published == date(2025, 3, 12)


def test_csv_without_text_column_is_refused():
    with pytest.raises(IngestError) as info:
        read_bytes("a.csv", b"headline,date\nA,2025-01-01\n")
    assert "'text' column" in info.value.reason and "headline" in info.value.reason


def test_csv_row_errors_name_the_line():
    data = b"text,published\nGood one.,2025-03-01\nToo,2025-03-01,many\n,2025-03-02\nAlso good.,2025-03-03\n"
    results = list(iter_bytes("a.csv", data))
    assert [r.text if not isinstance(r, IngestError) else r.where for r in results] == [
        "Good one.", "line 3", "line 4", "Also good."]


def test_html_in_a_text_field_becomes_plain_text():
    record = {"text": "<p>The vote is on <b>Friday</b> &amp; results<br>follow.</p><script>alert('x')</script>"
                      "<p>Second <a href='https://example.org'>para</a>.</p><style>p {}</style>",
              "published": "2025-03-03"}
    assert read_bytes("a.json", json.dumps(record).encode())[0].text == (
        "The vote is on Friday & results\nfollow.\n\nSecond para.")
    with pytest.raises(IngestError, match="markup but no words"):
        read_bytes("a.json", json.dumps({"text": "<script>x()</script>", "published": "2025-03-03"}).encode())


def test_text_with_angle_brackets_but_no_markup_is_left_alone():
    record = {"text": "Flows < 30 m3/s and > 10 m3/s.", "published": "2025-03-03"}
    assert read_bytes("a.json", json.dumps(record).encode())[0].text == "Flows < 30 m3/s and > 10 m3/s."
