"""The server's own checks (dashboard/guard.py): bad requests are JSON 400s with a reason,
allowed hosts against DNS rebinding, the request cap before the body is read, safe headers."""
import io
import json
from urllib.parse import urlencode

import pytest

from dashboard import create_app
from dashboard.guard import Origin, check_json, parse_origin, request_cap


def no_analysis(article):
    return [], []


@pytest.fixture
def app(seeded):
    store, _ = seeded
    return create_app(store, analyse=no_analysis, max_files=2, max_bytes=2000)


@pytest.fixture
def client(app):
    return app.server.test_client()


DASH = "/_dash-update-component"


@pytest.mark.parametrize("query, reason", [
    ("q=abc%00def", "control character U+0000"),
    ("q=" + "+".join(["war"] * 1200), "characters long"),
    ("q=" + "+".join(["war"] * 40), "40 words"),
    (f"limit={2 ** 63}", "limit must be a whole number"),
    ("limit=-1", "limit must be a whole number"),
    ("limit=%D9%A3", "limit must be a whole number"),  # an Arabic-Indic 3
    ("statuses=bogus", "unknown statuses 'bogus'"),
    ("granularities=eon", "unknown granularities"),
    ("actors=a%00b", "actors contains the control character"),
    ("start=2025-02-30", "bad query"),
    ("format=csv&q=%00", "control character"),
])
def test_bad_event_queries_are_json_400_with_a_reason(client, query, reason):
    resp = client.get(f"/api/events?{query}")
    assert resp.status_code == 400 and reason in resp.get_json()["error"]


def test_extreme_but_valid_queries_answer(client):
    for query in ("start=0001-01-01&end=9999-12-31", "start=9999-12-31", "limit=0",
                  "q=%ED%A0%80", "q=" + "+".join(["war"] * 32)):
        resp = client.get(f"/api/events?{query}")
        assert resp.status_code == 200 and isinstance(resp.get_json(), list), query


@pytest.mark.parametrize("path", ["/api/articles", DASH])
@pytest.mark.parametrize("body, reason", [
    ("[" * 20_000 + "]" * 20_000, "nested deeper"),
    ('{"a": ' * 70 + "1" + "}" * 70, "nested deeper"),
    ('{"text": "a \\ud800 b", "published": "2025-03-17"}', "lone surrogate"),
], ids=["deep-20k", "deep-70", "surrogate"])
def test_hostile_json_bodies_are_400(client, path, body, reason):
    resp = client.post(path, data=body, content_type="application/json")
    assert resp.status_code == 400 and reason in resp.get_json()["error"]


def test_article_route_says_why_a_body_is_not_json(client):
    for body, reason in (('{"text": "x"', "could not be read"), ("", "could not be read")):
        resp = client.post("/api/articles", data=body, content_type="application/json")
        assert resp.status_code == 400 and reason in resp.get_json()["error"], body
    resp = client.post("/api/articles", data='{"text": "x"}', content_type="text/plain")
    assert resp.status_code == 400 and "Content-Type: application/json" in resp.get_json()["error"]


def test_check_json_accepts_paired_surrogates_and_bounded_depth():
    check_json(json.loads('{"t": ["\\ud83d\\ude00"]}'), max_depth=3)
    with pytest.raises(ValueError, match="deeper than 2"):
        check_json({"a": [[1]]}, max_depth=2)


def test_streamed_answers_with_one_charset(client):
    resp = client.get("/api/events?format=csv")
    assert resp.is_streamed and resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert resp.get_data(as_text=True).startswith("\ufeffevent_id,when,")  # BOM for Excel (i16)
    resp = client.get("/api/events")
    assert resp.is_streamed and len(resp.get_json()) == 4


def test_safe_headers_on_pages_and_api(client):
    for path in ("/", "/api/events"):
        headers = client.get(path).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


# --- allowed hosts (DNS rebinding) ---------------------------------------------------------

def post_article(client, **headers):
    return client.post("/api/articles", json={"text": "The fair opens on Friday.",
                                              "published": "2025-03-17"}, headers=headers)


def test_default_is_loopback_only(client):
    assert client.get("/api/events", headers={"Host": "127.0.0.1:8050"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "[::1]:9000"}).status_code == 200
    # a rebinding page: its own name resolves to 127.0.0.1, Host and Origin agree
    resp = client.get("/api/events", headers={"Host": "evil.example:8050"})
    assert resp.status_code == 400 and "not allowed" in resp.get_json()["error"]
    resp = post_article(client, Host="evil.example:8050", Origin="http://evil.example:8050")
    assert resp.status_code == 400
    resp = client.post(DASH, json={}, headers={"Host": "evil.example", "Origin": "http://evil.example"})
    assert resp.status_code == 400


def test_writes_need_an_allowed_origin_of_the_same_scheme(client):
    host = {"Host": "127.0.0.1:8050"}
    assert post_article(client, **host, Origin="http://127.0.0.1:8050").status_code in (200, 201)
    for origin in ("https://127.0.0.1:8050", "http://evil.example", "null", "file://"):
        resp = post_article(client, **host, Origin=origin)
        assert resp.status_code == 403 and "refused" in resp.get_json()["error"], origin
    resp = client.post(DASH, json={}, headers={**host, "Origin": "https://127.0.0.1:8050"})
    assert resp.status_code == 403
    resp = post_article(client, **host, **{"Sec-Fetch-Site": "cross-site"})
    assert resp.status_code == 403


def test_an_allowed_host_list_compares_scheme_host_and_port(seeded):
    store, _ = seeded
    client = create_app(store, analyse=no_analysis,
                        allowed_hosts=["https://news.example.org"]).server.test_client()
    ok = {"base_url": "https://news.example.org"}
    assert client.get("/api/events", **ok).status_code == 200
    assert client.get("/api/events", base_url="http://news.example.org").status_code == 400
    assert client.get("/api/events", base_url="https://news.example.org:8443").status_code == 400
    assert client.get("/api/events", base_url="https://localhost").status_code == 400
    assert post_article(client, Origin="https://news.example.org", **{}).status_code == 400  # host
    resp = client.post("/api/articles", json={"text": "The fair opens on Friday.",
                                              "published": "2025-03-17"},
                       headers={"Origin": "http://news.example.org"}, **ok)
    assert resp.status_code == 403


def test_parse_origin():
    assert parse_origin("example.org:8050") == Origin("http", "example.org", 8050)
    assert parse_origin("HTTPS://Example.org") == Origin("https", "example.org", 443)
    assert parse_origin("[::1]:80") == Origin("http", "::1", 80)
    for bad in ("ftp://x", "http://x/path", "http://u@x", "http://x:99999", ""):
        with pytest.raises(ValueError):
            parse_origin(bad)


# --- the request cap ------------------------------------------------------------------------

def test_request_cap_matches_the_upload_limit():
    cap = request_cap(max_files=20, max_bytes=5 * 1024 * 1024)
    assert 20 * 5 * 1024 * 1024 * 4 / 3 < cap < 150 * 1024 * 1024  # was 200 MB


def test_declared_length_over_the_cap_is_refused_before_the_body_is_read(client):
    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")
    resp = client.post("/api/articles", input_stream=Unread(b"{}"),
                       content_type="application/json",
                       environ_overrides={"CONTENT_LENGTH": str(10 ** 9)})
    assert resp.status_code == 413 and "too large" in resp.get_json()["error"]


def test_a_streamed_body_is_cut_at_the_cap(client, app):
    cap = app.server.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"text": "x" * (cap + 10), "published": "2025-03-17"}).encode()
    resp = client.post("/api/articles", input_stream=io.BytesIO(body),
                       content_type="application/json",
                       environ_overrides={"wsgi.input_terminated": True})
    assert resp.status_code == 413 and resp.is_json


@pytest.mark.parametrize("payload", ["' OR 1=1 --", "x\") OR 1=1 --", "%' OR '1'='1", "%", "_",
                                     "*", "\\", "'; DROP TABLE events; --", "NEAR(a b)"])
@pytest.mark.parametrize("key", ["q", "actors", "sources", "article_ids"])
def test_sql_injection_through_the_api_returns_nothing_extra(client, key, payload):
    resp = client.get("/api/events?" + urlencode({key: payload}))
    assert resp.status_code == 200 and resp.get_json() == []
    assert len(client.get("/api/events").get_json()) == 4  # and nothing was dropped
