"""Fuzzing the API's filters: whatever the query string, EventFilter.from_query gives a filter or
a ValueError, and GET /api/events answers 200 or a JSON 400, never a 500."""
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import create_app
from timeline.model import EventFilter

KEYS = ["start", "end", "q", "actors", "sources", "article_ids", "statuses", "granularities",
        "limit", "format", "other"]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["2025-03-17", "0001-01-01", "9999-12-31", "2025-02-30", "happened",
                     "scheduled", "day", "csv", "json", "-1", str(2 ** 63), "1e3", "\x00",
                     "\ud800", "\u0663", " ".join(["war"] * 40), "%", "_", "\\", "'", '"']),
    st.integers(min_value=-(2 ** 70), max_value=2 ** 70).map(str),
)
PAIRS = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=6)
RAW = st.binary(max_size=200).map(lambda b: quote(b, safe="=&+%"))


def no_analysis(article):
    return [], []


@pytest.fixture
def client(seeded):
    store, _ = seeded
    return create_app(store, analyse=no_analysis).server.test_client()


def encode(pairs) -> str:
    return urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in pairs])


@settings(max_examples=300, deadline=None)
@given(PAIRS)
def test_from_query_gives_a_filter_or_a_value_error(pairs):
    try:
        flt = EventFilter.from_query(encode(pairs))
    except ValueError:
        return
    assert EventFilter.from_query(flt.to_query()) == flt


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(PAIRS.map(encode), RAW))
def test_get_events_never_500(client, query):
    resp = client.get("/api/events?" + query)
    assert resp.status_code in (200, 400), (query, resp.status_code)
    body = resp.get_data()  # a streamed answer fails while it is sent, not before
    if resp.status_code == 400:
        assert resp.get_json()["error"]
    else:
        assert body.startswith((b"[", b"{", b"event_id", "\ufeffevent_id".encode()))  # CSV has a BOM
