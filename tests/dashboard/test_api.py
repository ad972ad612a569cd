import csv
import io
import json
from datetime import date

import pytest

from dashboard import create_app
from dashboard.ingesting import ingest_uploads


def fake_analyse(article):
    """Stands in for the NLP pipeline: no events, so these tests stay fast."""
    return [], []


@pytest.fixture
def client(seeded):
    store, _ = seeded
    return create_app(store, analyse=fake_analyse, max_files=2, max_bytes=2000).server.test_client()


def test_get_events_json_and_csv_follow_the_filter(client):
    data = client.get("/api/events?statuses=scheduled").get_json()
    assert sorted(e["expression"] for e in data) == ["on Friday", "on Wednesday"]
    # the search reads the whole article: "ferry" is in one sentence of "Harbour news"
    resp = client.get("/api/events?q=ferry&format=csv")
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert resp.mimetype == "text/csv"
    assert [r["expression"] for r in rows] == ["on 2 March", "on Monday", "on Wednesday"]
    for query, expressions in [("HARBOUR", ["on 2 March", "on Monday", "on Wednesday"]),  # title
                               ("lisbon", ["on Friday"]), ("pier storm", [
                                   "on 2 March", "on Monday", "on Wednesday"]),
                               ("ferry lisbon", []), ("100%25", []), ("_", [])]:
        data = client.get(f"/api/events?q={query}").get_json()
        assert [e["expression"] for e in data] == expressions, query
    assert len(client.get("/api/events?limit=2").get_json()) == 2


@pytest.mark.parametrize("query, words", [
    ("start=yesterday", "bad query"), ("format=xml", "format"), ("limit=many", "bad query")])
def test_bad_queries_are_json_400(client, query, words):
    resp = client.get(f"/api/events?{query}")
    assert resp.status_code == 400 and words in resp.get_json()["error"]


@pytest.mark.parametrize("path", ["/api/nothing", "/api/event", "/api/events/grouped/x/y/z"])
def test_an_unknown_api_route_is_a_json_404_not_the_page(client, path):
    resp = client.get(path)
    assert resp.status_code == 404 and resp.is_json and path in resp.get_json()["error"]


def test_bad_dates_in_a_query_name_their_parameter(client):
    resp = client.get("/api/events?start=2025-03-01&end=2025-13-01")
    assert resp.status_code == 400
    assert resp.get_json()["error"] == "bad query: end '2025-13-01' is not a date (use YYYY-MM-DD)"


def test_post_article_json(client):
    body = {"title": "Dam", "text": "The dam opened on Monday.", "published": "2025-03-19",
            "source": "Wire"}
    resp = client.post("/api/articles", json=body)
    assert resp.status_code == 201 and resp.get_json()["results"][0]["status"] == "added"
    again = client.post("/api/articles", json=body)
    assert again.status_code == 200 and again.get_json()["results"][0]["status"] == "duplicate"
    assert "Dam" in [a["title"] for a in client.get("/api/articles").get_json()]


@pytest.mark.parametrize("body, words", [
    ({"text": "x"}, "no publication date"),
    ({"text": "", "published": "2025-01-01"}, "no 'text' field"),
    ({"text": "x", "published": "2025-03-17<script>"}, "is not a date"),
    ({"text": "x", "published": "soon"}, "not a date"),
    ({"text": "x", "published": "2025-01-01", "evil": 1}, "unknown field"),
    ({"text": 3, "published": "2025-01-01"}, "must be a string"),
    ([1, 2], "JSON object"),
])
def test_post_article_errors(client, body, words):
    resp = client.post("/api/articles", json=body)
    assert resp.status_code == 400 and words in resp.get_json()["error"]


def test_post_files_and_cross_origin(client):
    files = {"file": (io.BytesIO(b"The fair opens on Friday."), "fair.txt")}
    resp = client.post("/api/articles", data={**files, "published": "2025-03-19"},
                       content_type="multipart/form-data")
    assert resp.status_code == 201, resp.get_json()
    resp = client.post("/api/articles", data={"file": (io.BytesIO(b"No date here."), "x.txt")},
                       content_type="multipart/form-data")
    assert resp.status_code == 400 and "x.txt" in json.dumps(resp.get_json())
    resp = client.post("/api/articles", json={"text": "x", "published": "2025-01-01"},
                       headers={"Origin": "https://evil.example"})
    assert resp.status_code == 403


def test_upload_limits_and_results(seeded):
    store, _ = seeded
    b64 = "data:text/plain;base64,"
    import base64
    enc = lambda s: b64 + base64.b64encode(s.encode()).decode()  # noqa: E731
    too_many = ingest_uploads(store, [enc("a")] * 3, ["a.txt"] * 3, None, fake_analyse, max_files=2)
    assert [r.status for r in too_many] == ["refused"] and "limit is 2" in too_many[0].message
    # a file with no date of its own and none given: the message says where the page takes one
    [undated] = ingest_uploads(store, [enc("Rain fell on Monday.")], ["rain.txt"], None,
                               fake_analyse)
    assert undated.status == "refused" and "the publication date under the upload" in \
        undated.message
    results = ingest_uploads(store, [enc("x" * 50), enc("Rain fell on Monday."), "garbage",
                                     enc("hi")], ["big.txt", "ok.txt", "bad.txt", "prog.exe"],
                             date(2025, 3, 19), fake_analyse, max_files=5, max_bytes=30)
    assert [r.status for r in results] == ["refused", "added", "refused", "refused"]
    assert "too large" in results[0].message and "decoded" in results[2].message
    assert "unsupported" in results[3].message


def test_hidden_formulas_are_neutralised_alike_in_all_three_exports(tmp_path, make_event):
    """REST CSV, the dashboard's download (a link to it) and `timeline export` write the same
    cells."""
    from click.testing import CliRunner

    from dashboard.callbacks.download import download_link
    from timeline.cli import main
    from timeline.model import Article
    from timeline.store import EventStore

    db = str(tmp_path / "f.db")
    store = EventStore(db)
    hidden = ["\u00a0=HYPERLINK(\"http://x\")", "\u200b+cmd", "\uff1d1+1", " @SUM(A1)"]
    article = Article(text="Event number 0 took place on Thursday in the harbour.",
                      published=date(2025, 3, 17), title=hidden[0], source=hidden[1])
    event = make_event(0, article_id=article.article_id, actors=(hidden[2], hidden[3]))
    store.add_article(article, [event], [])
    client = create_app(store, analyse=fake_analyse).server.test_client()
    out = tmp_path / "cli.csv"
    # --mentions: the CLI's row per mention, the rows the other two downloads give
    CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--mentions",
                              "-o", str(out)], catch_exceptions=False)
    texts = [client.get("/api/events?format=csv").get_data(as_text=True),
             client.get(download_link("", "csv", mentions=True)[0]).get_data(as_text=True),
             out.read_text(encoding="utf-8")]
    rows = [next(csv.DictReader(io.StringIO(t.lstrip("\ufeff")))) for t in texts]
    assert rows[0]["article_title"] == "'" + hidden[0] and rows[0]["source"] == "'" + hidden[1]
    assert rows[0]["actors"] == "'" + "; ".join(hidden[2:])
    assert rows[0] == rows[1] == rows[2]
    # one row per event: the download, the grouped route and `timeline export` alike
    CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(out)],
                       catch_exceptions=False)
    texts = [client.get("/api/events/grouped?format=csv").get_data(as_text=True),
             client.get(download_link("", "csv")[0]).get_data(as_text=True),
             out.read_text(encoding="utf-8")]
    rows = [next(csv.DictReader(io.StringIO(t.lstrip("\ufeff")))) for t in texts]
    assert rows[0]["sources"] == "'" + hidden[1] and rows[0]["reports"] == "1"
    assert rows[0] == rows[1] == rows[2]
    store.close()


def test_a_json_body_is_read_as_the_same_record_in_a_json_file(seeded, tmp_path):
    """The REST door and the upload door share one reader: markup, zero-width characters,
    NUL and escape sequences are cleaned the same, so the id is the same and the second is a
    duplicate."""
    from timeline.ingest import read_path

    store, _ = seeded
    client = create_app(store, analyse=fake_analyse).server.test_client()
    record = {"title": "Dam\u200b", "text": "<p>The dam\u0000 opened\u001b[31m on <b>Monday</b>."
              "\u200b</p><p>Crowds came.</p>", "published": "2025-03-19"}
    first = client.post("/api/articles", json=record).get_json()["results"][0]
    path = tmp_path / "same.json"
    path.write_text(json.dumps(record), "utf-8")
    [article] = read_path(path)
    assert first["status"] == "added" and first["article_id"] == article.article_id
    assert store.article(article.article_id).text == article.text == "The dam opened on Monday.\n\nCrowds came."
    second = client.post("/api/articles", data={"file": (io.BytesIO(path.read_bytes()), "same.json")},
                         content_type="multipart/form-data").get_json()["results"][0]
    assert second["status"] == "duplicate"
    bad = client.post("/api/articles", json=dict(record, published="2025-03-17<script>"))
    assert bad.status_code == 400 and "is not a date" in bad.get_json()["error"]


def test_five_posts_at_the_ends_of_the_calendar_leave_the_page_working(tmp_path):
    """#19 failure 4: four articles published 0001-01-01 and one 9999-12-31, POSTed or
    uploaded and analysed by the real pipeline, made the main callback raise OverflowError."""
    import base64

    from dashboard.views import render_view
    from timeline.model import EventFilter
    from timeline.store import EventStore

    days = ["0001-01-01"] * 4 + ["9999-12-31"]
    for door in ("rest", "upload"):
        store = EventStore(str(tmp_path / f"{door}.db"))
        app = create_app(store)
        for n, day in enumerate(days):
            record = {"title": f"t{n}", "text": f"Report {n}: the council met today in the harbour.",
                      "published": day}
            if door == "rest":
                resp = app.server.test_client().post("/api/articles", json=record)
                assert resp.status_code == 201, resp.get_json()
            else:
                data = "data:application/json;base64," + base64.b64encode(json.dumps(record).encode()).decode()
                [result] = ingest_uploads(store, [data], [f"{n}.json"], None)
                assert result.status == "added", result
        view = render_view(store, EventFilter())
        assert view.summary.startswith("5 events"), (door, view.summary)
        store.close()
