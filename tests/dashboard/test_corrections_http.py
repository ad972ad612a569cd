"""Correcting an event through the page's own callback, over HTTP: typed values are checked and
normalised, refusals are messages (never a 500), and two people's edits both stay."""
from datetime import date

import pytest

from dashboard import create_app
from tests.dashboard.dash_http import correction_output, panel_message, save_correction_body
from timeline.model import Article


def no_analysis(article):
    return [], []


def correct(client, event_id, value):
    """POST what the page sends when "Save" is clicked in the side panel; the message text."""
    output = correction_output(client.get("/_dash-dependencies").get_json())
    resp = client.post("/_dash-update-component", json=save_correction_body(output, event_id, value),
                       headers={"Origin": "http://localhost"})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return panel_message(resp.get_json())


@pytest.fixture
def served(tmp_path, make_event):
    from timeline.store import EventStore

    store = EventStore(str(tmp_path / "c.db"))
    article = Article(text="Event number 0 took place on Thursday in the harbour.",
                      published=date(2025, 3, 17), title="t", source="Wire")
    events = [make_event(n, article_id=article.article_id) for n in range(3)]
    store.add_article(article, events, [])
    app = create_app(store, analyse=no_analysis)
    client = app.server.test_client()
    yield store, app, client, events
    store.close()


def test_a_correction_in_arabic_digits_is_stored_in_ascii(served):
    store, app, client, events = served
    message = correct(client, events[0].event_id, "\u0662\u0660\u0662\u0665-\u0660\u0664-\u0660\u0661")
    assert "Saved: 2025-04-01" in message
    assert store.event(events[0].event_id).value == "2025-04-01"


@pytest.mark.parametrize("value", ["9999-12-31", "9999", "soon", "2025-02-30"])
def test_impossible_corrections_are_refused_with_a_message(served, value):
    store, app, client, events = served
    assert "Not saved" in correct(client, events[0].event_id, value)
    assert store.event(events[0].event_id).value == events[0].value


def test_people_correcting_at_once_keep_each_others_edits(served):
    """Three people, each saving ten corrections of their own event at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    store, app, _, events = served

    def person(k):
        client = app.server.test_client()
        return [correct(client, events[k].event_id, f"2026-0{k + 1}-{day:02d}")
                for day in range(1, 11)]

    with ThreadPoolExecutor(3) as pool:
        answers = [f.result(timeout=60) for f in [pool.submit(person, k) for k in range(3)]]
    assert all("Saved" in a for person_answers in answers for a in person_answers)
    assert [store.event(e.event_id).value for e in events] == ["2026-01-10", "2026-02-10", "2026-03-10"]
    assert all(store.event(e.event_id).corrected for e in events)
