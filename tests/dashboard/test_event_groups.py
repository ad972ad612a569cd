"""/api/events/grouped/<event_id>: one event with its reports; split, merge, date, delete."""
from datetime import date

import pytest

from dashboard import create_app
from tests.dashboard.helpers import article_with_events

FERRY = ("The ferry service resumed on Monday after repairs.", "on Monday", date(2025, 3, 10),
         "happened")
VOTE = ("The council will vote on Wednesday about the pier.", "on Wednesday", date(2025, 3, 19),
        "scheduled")


@pytest.fixture
def grouped(tmp_path):
    """A store with the ferry reported by two sources and the vote by one: two events."""
    from timeline.store import EventStore

    store = EventStore(str(tmp_path / "g.db"))
    one = article_with_events("Harbour news", "Daily Post", [FERRY, VOTE])
    two = article_with_events("Ferry back", "Coast Herald", [FERRY])
    for article, events, timexes in (one, two):
        store.add_article(article, events, timexes)
    client = create_app(store, analyse=lambda article: ([], [])).server.test_client()
    yield client, store, one[1] + two[1]
    store.close()


def test_an_event_with_its_reports_and_a_split_and_merge(grouped):
    client, store, (ferry1, vote, ferry2) = grouped
    body = client.get(f"/api/events/grouped/{ferry1.event_id}").get_json()
    assert sorted(r["source"] for r in body["reports"]) == ["Coast Herald", "Daily Post"]
    split = client.post(f"/api/events/grouped/{ferry1.event_id}/split",
                        json={"report": ferry2.event_id})
    assert split.status_code == 200 and split.get_json()["event_id"] == ferry2.event_id
    assert [r["source"] for r in split.get_json()["reports"]] == ["Coast Herald"]
    merged = client.post(f"/api/events/grouped/{ferry1.event_id}/merge",
                         json={"event": ferry2.event_id}).get_json()
    assert merged["event_id"] == ferry1.event_id and len(merged["reports"]) == 2


def test_dating_and_deleting_an_event_apply_to_every_report(grouped):
    client, store, (ferry1, vote, ferry2) = grouped
    dated = client.post(f"/api/events/grouped/{ferry1.event_id}/date", json={"value": "2025-03-11"})
    assert dated.status_code == 200 and dated.get_json()["date"] == "2025-03-11"
    assert {store.event(e.event_id).value for e in (ferry1, ferry2)} == {"2025-03-11"}
    gone = client.delete(f"/api/events/grouped/{ferry1.event_id}")
    assert gone.get_json() == {"deleted": 2}
    assert store.event(ferry2.event_id) is None and store.event(vote.event_id) is not None
    assert client.get(f"/api/events/grouped/{ferry1.event_id}").status_code == 404


@pytest.mark.parametrize("method, path, body, status, message", [
    ("get", "/api/events/grouped/nope", None, 404, "no event 'nope'"),
    ("delete", "/api/events/grouped/nope", None, 404, "no event 'nope'"),
    ("post", "/api/events/grouped/{ferry}/split", {"report": "{vote}"}, 404, "in event"),
    ("post", "/api/events/grouped/{ferry}/split", {}, 400, '{"report": "..."}'),
    ("post", "/api/events/grouped/{ferry}/merge", {"event": "nope"}, 404, "no event 'nope'"),
    ("post", "/api/events/grouped/{ferry}/merge", {"event": "{ferry}"}, 400, "with itself"),
    ("post", "/api/events/grouped/{ferry}/date", {"value": "someday"}, 400, "someday"),
])
def test_errors_say_why(grouped, method, path, body, status, message):
    client, _, (ferry1, vote, _) = grouped
    ids = {"ferry": ferry1.event_id, "vote": vote.event_id}
    path = path.format(**ids)
    body = body and {k: v.format(**ids) for k, v in body.items()}
    resp = getattr(client, method)(path, **({"json": body} if body is not None else {}))
    assert resp.status_code == status and message in resp.get_json()["error"]
