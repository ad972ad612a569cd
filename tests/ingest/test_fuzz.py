"""Fuzzing every reader (hypothesis): whatever the bytes, the JSON or the HTML, and whatever the
file's name, ``iter_bytes`` gives articles or refusals (IngestError) naming the file, and the
record for a record of a .json/.jsonl/.csv/.tsv file; it never raises. What it gives is clean:
text that is valid UTF-8 without control characters, a date. The ingest service behind every
door gives one result per refusal or article for the same inputs, and never raises either."""
from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import EXTENSIONS, IngestError, iter_bytes
from timeline.ingest.service import ingest_bytes
from timeline.model import Article
from timeline.store import EventStore

PUBLISHED = date(2025, 3, 17)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RECORDS = ("json", "jsonl", "csv", "tsv")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

NAMES = st.tuples(st.text(max_size=12), st.sampled_from(sorted(EXTENSIONS) + [".pdf", ""])).map(
    lambda parts: parts[0].replace("/", "_") + parts[1])
FIELDS = st.sampled_from(["text", "title", "published", "date", "url", "source", "body", "Text",
                          "other", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from([
                        "2025-03-17", "2025-03-17<script>", "9999-12-31", "0001-01-01", "17 March",
                        "On March 3, 2025, talks began.", "<p>On 3 March 2025 <b>x</b></p>",
                        "a\x00b\x1bc\ud800", "<p>\x0c</p>", "&amp;" * 5]))
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                     st.dictionaries(FIELDS, inner, max_size=5)), max_leaves=12)
TAGS = st.sampled_from(["p", "div", "script", "style", "title", "meta", "time", "article", "b",
                        "br", "html", "body", "head", "!--", "![CDATA[", "?xml"])
HTML_PARTS = st.one_of(
    TAGS.map(lambda t: f"<{t}>"), TAGS.map(lambda t: f"</{t}>"),
    st.sampled_from(['<meta property="article:published_time" content="2025-03-17">',
                     '<meta name="date" content="not a date">', "<time datetime='2025-03-03'>",
                     '<a href="javascript:x">', "&#0;", "&#xD800;", "&nbsp;", "&", "<", ">",
                     "On March 3, 2025, the talks began.", "\x00", "\x0c", "\ud800", "\u200b"]),
    st.text(max_size=20))
HTML = st.lists(HTML_PARTS, max_size=25).map("".join)


def checked(name: str, items: list) -> None:
    """What every reader promises about what it gives."""
    for item in items:
        if isinstance(item, IngestError):
            assert item.path and item.reason, item
            assert str(item).startswith(item.path), item
            item.path.encode("utf-8")  # a name that prints and stores
        else:
            assert isinstance(item, Article), item
            assert item.text.strip() and not CONTROL.search(item.text), item
            assert isinstance(item.published, date), item
            for field in (item.title, item.url, item.source):
                assert isinstance(field, str) and not CONTROL.search(field), item


def read(name: str, data: bytes) -> list:
    items = list(iter_bytes(name, data, PUBLISHED, max_bytes=1_000_000))
    checked(name, items)
    return items


@FUZZ
@given(NAMES, st.binary(max_size=300))
def test_any_bytes_under_any_name(name, data):
    read(name, data)


@FUZZ
@given(st.sampled_from(sorted(EXTENSIONS)), st.binary(max_size=300))
def test_any_bytes_for_each_reader(extension, data):
    items = read("upload" + extension, data)
    assert all(isinstance(i, Article) or i.path == "upload" + extension for i in items)


@FUZZ
@given(JSON_VALUES)
def test_any_json_as_a_json_file_a_jsonl_line_and_a_request_body(value):
    text = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    for name in ("a.json", "a.jsonl"):
        items = read(name, text)
        refusals = [i for i in items if isinstance(i, IngestError)]
        for refusal in refusals:
            assert refusal.path == name
            # a file of several records names the record that was refused
            if isinstance(value, list) and len(value) > 1 and name == "a.json":
                assert refusal.where.startswith("record "), refusal


@FUZZ
@given(st.lists(st.dictionaries(FIELDS, SCALARS, max_size=5), min_size=2, max_size=5))
def test_records_refused_one_by_one_with_their_place(records):
    lines = "\n".join(json.dumps(r) for r in records).encode("utf-8", "surrogatepass")
    items = read("many.jsonl", lines)
    assert len(items) == len(records)  # one article or one refusal per record, none dropped
    assert all(i.where == f"line {n}" for n, i in enumerate(items, 1) if isinstance(i, IngestError))


@FUZZ
@given(st.lists(st.lists(st.text(max_size=15), min_size=1, max_size=4), max_size=5),
       st.sampled_from([",", ";", "\t"]))
def test_any_csv(rows, delimiter):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["title", "text", "published"])
    writer.writerows(rows)
    read("a.csv", out.getvalue().encode("utf-8", "surrogatepass"))


@FUZZ
@given(HTML)
def test_any_html_as_a_page_and_as_a_records_text(html):
    read("page.html", html.encode("utf-8", "surrogatepass"))
    record = {"text": html, "published": "2025-03-17"}
    read("record.json", json.dumps(record).encode("utf-8"))


def no_analysis(article):
    return [], []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, st.one_of(st.binary(max_size=200), JSON_VALUES.map(
    lambda v: json.dumps(v).encode()), HTML.map(lambda h: h.encode("utf-8", "surrogatepass"))))
def test_the_ingest_service_gives_one_result_per_item_and_never_raises(name, data):
    store = EventStore(":memory:")
    items = list(iter_bytes(name, data, PUBLISHED))
    results = ingest_bytes(store, name, data, PUBLISHED, analyse=no_analysis)
    assert len(results) == max(1, len(items))
    assert {r.status for r in results} <= {"added", "duplicate", "refused"}
    assert all(r.message for r in results if r.status == "refused")
    assert len(store.articles()) == sum(r.status == "added" for r in results)
