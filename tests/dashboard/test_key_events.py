"""GET /api/key-dates: the CLI's ranking over HTTP, with clear 400s for bad queries."""
import pytest

from dashboard import create_app
from dashboard.key_events import key_dates_query


@pytest.fixture
def client(seeded):
    store, _ = seeded
    return create_app(store, analyse=lambda article: ([], [])).server.test_client()


def test_key_dates_route_gives_days_in_order_with_sentences(client, seeded):
    _, events = seeded
    body = client.get("/api/key-dates?dates=2&sentences=1").get_json()
    assert 1 <= len(body) <= 2
    assert [k["date"] for k in body] == sorted(k["date"] for k in body)
    sentences = {e.sentence for e in events}
    assert all(set(k) == {"date", "sentences"} and set(k["sentences"]) <= sentences for k in body)
    first = body[0]["date"]
    ranged = client.get(f"/api/key-dates?dates=5&sentences=0&start={first}&end={first}").get_json()
    assert ranged == [{"date": first, "sentences": []}]


@pytest.mark.parametrize("query, message", [
    ("dates=-1", "dates must be a whole number"),
    ("dates=0", "dates must be a whole number from 1 to 1000"),
    ("sentences=-1", "sentences must be a whole number from 0 to 20"),
    ("dates=99999", "dates must be a whole number"),
    ("sentences=x", "sentences must be a whole number"),
    ("start=March", "start is not a date"),
    ("start=2025-03-02&end=2025-03-01", "is after end"),
])
def test_bad_queries_are_400_with_the_reason(client, query, message):
    resp = client.get(f"/api/key-dates?{query}")
    assert resp.status_code == 400 and message in resp.get_json()["error"]


def test_defaults():
    assert key_dates_query({}) == (10, 2, None, None)


def test_grouped_events_route_gives_events_with_reports(client, seeded):
    _, events = seeded
    body = client.get("/api/events/grouped").get_json()
    assert sum(len(e["reports"]) for e in body) == len(events)
    assert all({"event_id", "when", "start_date", "end_date", "status", "summary", "actors",
                "reports"} <= set(e) for e in body)
    scheduled = client.get("/api/events/grouped?statuses=scheduled").get_json()
    assert all(r["event_id"] in {e.event_id for e in events if e.status == "scheduled"}
               for e in scheduled for r in e["reports"])
    csv_text = client.get("/api/events/grouped?format=csv").get_data(as_text=True)
    assert csv_text.lstrip("\ufeff").startswith("event_id,when,date")
    bad = client.get("/api/events/grouped?format=xml")
    assert bad.status_code == 400 and "format must be json" in bad.get_json()["error"]
