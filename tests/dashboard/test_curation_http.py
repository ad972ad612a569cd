"""The REST routes of a person's edits (dashboard/curation.py): edit, revert, add by hand,
delete and restore; JSON 400/404/409 with a reason; the guard's allowed origins on writes."""
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import create_app


def no_analysis(article):
    return [], []


@pytest.fixture
def served(seeded):
    store, events = seeded
    client = create_app(store, analyse=no_analysis).server.test_client()
    return store, client, {e.expression: e for e in events}


def test_edit_revert_and_read_an_event(served):
    store, client, events = served
    ev = events["on Monday"]
    url = f"/api/events/{ev.event_id}"
    resp = client.patch(url, json={"summary": "Ferries sail again", "expected": ev.summary})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["summary"] == "Ferries sail again"
    assert resp.get_json()["edits"] == {"summary": ev.summary}
    assert client.patch(url, json={"actors": ["Port Authority", "Ada"]}).status_code == 200
    assert client.patch(url, json={"status": "ongoing"}).status_code == 200
    assert client.patch(url, json={"date": "2025-03-11", "expected": ev.value}).status_code == 200
    data = client.get(url).get_json()
    assert (data["summary"], data["actors"], data["status"], data["date"] if "date" in data
            else data["value"], data["corrected"]) == (
        "Ferries sail again", ["Port Authority", "Ada"], "ongoing", "2025-03-11", True)
    assert set(data["edits"]) == {"summary", "actors", "status", "date"}
    # the exports show the edited values
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/events?format=csv&q=ferries").get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["summary"], r["actors"], r["status"], r["date"]) for r in rows] == [
        ("Ferries sail again", "Port Authority; Ada", "ongoing", "2025-03-11")]
    assert client.post(f"{url}/revert", json={"field": "summary"}).get_json()["summary"] == ev.summary
    assert set(client.get(url).get_json()["edits"]) == {"actors", "status", "date"}


def test_a_stale_edit_is_a_409_with_what_it_is_now(served):
    store, client, events = served
    ev = events["on Wednesday"]
    url = f"/api/events/{ev.event_id}"
    client.patch(url, json={"status": "happened"})
    resp = client.patch(url, json={"status": "ongoing", "expected": "scheduled"})
    assert resp.status_code == 409 and resp.get_json()["current"] == "happened"
    assert "its status was scheduled" in resp.get_json()["error"]
    resp = client.delete(f"{url}?expected=2025-03-01")
    assert resp.status_code == 409 and resp.get_json()["current"] == ev.value
    assert store.event(ev.event_id).status == "happened"


@pytest.mark.parametrize("method, path, body, status, words", [
    ("patch", "/api/events/{id}", {"status": "maybe"}, 400, "not one of"),
    ("patch", "/api/events/{id}", {"summary": ""}, 400, "summary is empty"),
    ("patch", "/api/events/{id}", {"summary": "a", "status": "ongoing"}, 400, "exactly one"),
    ("patch", "/api/events/{id}", {}, 400, "exactly one"),
    ("patch", "/api/events/{id}", {"source": "x"}, 400, "unknown field"),
    ("patch", "/api/events/{id}", {"date": "next week"}, 400, "not a date value"),
    ("patch", "/api/events/{id}", {"date": 2025}, 400, "must be a string"),
    ("patch", "/api/events/{id}", {"summary": "a", "expected": {"x": 1}}, 400, "expected must"),
    ("patch", "/api/events/{id}", [1, 2], 400, "JSON object"),
    ("patch", "/api/events/nope", {"summary": "a"}, 404, "no event"),
    ("post", "/api/events/{id}/revert", {"field": "sentence"}, 400, "field must be"),
    ("post", "/api/events/nope/revert", {"field": "summary"}, 404, "no event"),
    ("post", "/api/events/nope/restore", None, 404, "no deleted event"),
    ("delete", "/api/events/nope", None, 404, "no event"),
    ("get", "/api/events/nope", None, 404, "no event"),
    ("post", "/api/events", {"summary": "x"}, 400, "date is required"),
    ("post", "/api/events", {"date": "2025-03", "summary": "x", "url": "javascript:x"}, 400,
     "must start with http"),
    ("post", "/api/events", {"date": "2025-03", "summary": "x", "by": "me"}, 400, "unknown field"),
    ("post", "/api/events", {"date": "2025-03", "summary": "x", "actors": [{"a": 1}]}, 400,
     "must be text"),
])
def test_bad_edits_are_json_errors_and_change_nothing(served, method, path, body, status, words):
    store, client, events = served
    ev = events["on Monday"]
    before = store.events()
    resp = getattr(client, method)(path.format(id=ev.event_id), json=body)
    assert resp.status_code == status and words in resp.get_json()["error"], resp.get_json()
    assert store.events() == before


def test_add_an_event_by_hand_then_delete_and_restore_it(served):
    store, client, _ = served
    resp = client.post("/api/events", json={
        "date": "2025-03-15", "summary": "Harbour reopens <b>to the public</b>",
        "actors": ["Harbour Master"], "source": "Our desk", "url": "https://example.org/h",
        "sentence": "=cmd|' /C calc'!A0", "status": "happened"})
    assert resp.status_code == 201
    added = resp.get_json()
    assert added["by_hand"] and added["edits"] == {} and added["source"] == "Our desk"
    url = f"/api/events/{added['event_id']}"
    exported = client.get("/api/events?format=csv&q=harbour+reopens").get_data(as_text=True)
    assert "'=cmd" in exported and "<b>to the public</b>" in exported  # CSV: text as typed
    assert client.delete(url).get_json() == {"deleted": added["event_id"],
                                             "restore": f"{url}/restore"}
    assert client.get(url).status_code == 404 and client.delete(url).status_code == 404
    restored = client.post(f"{url}/restore")
    assert restored.status_code == 200 and restored.get_json()["summary"] == added["summary"]


def test_restore_after_the_article_was_deleted_is_202(served):
    store, client, events = served
    ev = events["on 2 March"]
    client.delete(f"/api/events/{ev.event_id}")
    store.delete_article(ev.article_id)
    resp = client.post(f"/api/events/{ev.event_id}/restore")
    assert resp.status_code == 202 and "ingested again" in resp.get_json()["message"]


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/events", {"date": "2025-03", "summary": "x"}),
    ("patch", "/api/events/{id}", {"summary": "x"}),
    ("post", "/api/events/{id}/revert", {"field": "summary"}),
    ("delete", "/api/events/{id}", None),
    ("post", "/api/events/{id}/restore", None),
])
def test_writes_from_another_origin_are_refused(served, method, path, body):
    store, client, events = served
    ev = events["on Monday"]
    before = store.events()
    resp = getattr(client, method)(path.format(id=ev.event_id), json=body,
                                   headers={"Origin": "https://evil.example"})
    assert resp.status_code == 403 and "cross-origin" in resp.get_json()["error"]
    resp = getattr(client, method)(path.format(id=ev.event_id), json=body,
                                   headers={"Sec-Fetch-Site": "cross-site"})
    assert resp.status_code == 403
    assert store.events() == before


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = st.sampled_from(["date", "summary", "actors", "status", "expected", "field", "source",
                          "url", "sentence", "x"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["post /api/events", "patch /api/events/{id}",
                        "post /api/events/{id}/revert"]),
       st.one_of(JSON, st.dictionaries(FIELDS, JSON, max_size=4)))
def test_any_json_body_is_answered_never_a_500(served, route, body):
    store, client, events = served
    method, path = route.split()
    resp = getattr(client, method)(path.format(id=events["on Monday"].event_id), json=body)
    assert resp.status_code in (200, 201, 400, 404, 409), (body, resp.get_data(as_text=True)[:300])
    if resp.status_code >= 400:
        assert resp.get_json()["error"]
