"""The page's download buttons are links to the API's streamed exports with the page's filter
(dashboard/callbacks/download.py): per event GET /api/events/grouped, per mention and for
TimelineJS GET /api/events. The server never builds an export whole, and the file is the one
`timeline export` writes."""
import csv
import io
import tracemalloc

import pytest
from click.testing import CliRunner

from dashboard import create_app, ids
from dashboard.callbacks.download import FORMATS, download_link


def no_analysis(article):
    return [], []


def walk(node, found: dict) -> dict:
    if getattr(node, "id", None) in FORMATS:
        found[node.id] = node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and hasattr(child, "to_plotly_json"):
            walk(child, found)
    return found


def cli_export(db: str, path, *args: str) -> bytes:
    from timeline.cli import main

    result = CliRunner().invoke(main, ["export", "--db", db, "-o", str(path), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def test_the_buttons_are_links_named_for_what_they_save(seeded):
    store, _ = seeded
    app = create_app(store, analyse=no_analysis)
    found = walk(app.layout() if callable(app.layout) else app.layout, {})
    assert {i: (n.download, n.href) for i, n in found.items()} == {
        ids.DOWNLOAD_CSV: ("timeline-events.csv", "/api/events/grouped?format=csv"),
        ids.DOWNLOAD_JSON: ("timeline-events.json", "/api/events/grouped?format=json"),
        ids.DOWNLOAD_TIMELINEJS: ("timeline-timelinejs.json", "/api/events?format=timelinejs")}
    assert download_link("q=ferry&statuses=happened", "csv") == (
        "/api/events/grouped?q=ferry&statuses=happened&format=csv", "timeline-events.csv")
    assert download_link("q=ferry", "json", mentions=True) == (
        "/api/events?q=ferry&format=json", "timeline-mentions.json")
    assert download_link("", "timelinejs", mentions=True) == (
        "/api/events?format=timelinejs", "timeline-timelinejs.json")
    # a filter the page could not read shows everything, and so does its download
    assert download_link("start=not-a-date", "csv")[0] == "/api/events/grouped?format=csv"
    assert download_link("", "csv", relative=lambda p: "/app" + p)[0] == \
        "/app/api/events/grouped?format=csv"


@pytest.mark.parametrize("fmt, mentions", [("csv", False), ("json", False), ("csv", True),
                                           ("json", True), ("timelinejs", False)])
def test_each_download_streams_what_timeline_export_writes(seeded, tmp_path, fmt, mentions):
    store, events = seeded
    client = create_app(store, analyse=no_analysis).server.test_client()
    query = "statuses=happened&statuses=scheduled"
    href, _ = download_link(query, fmt, mentions)
    resp = client.get(href)
    assert resp.status_code == 200 and resp.is_streamed
    args = ["--format", fmt, "--status", "happened", "--status", "scheduled"]
    expected = cli_export(store.path, tmp_path / "out", *args, *(["--mentions"] if mentions else []))
    assert resp.get_data() == expected and len(expected) > 100


def streamed_memory(client, href: str, first: int) -> tuple[int, int, int]:
    """(bytes, peak memory after the ``first`` bytes, peak memory at the end) of one
    download, read chunk by chunk as a server sends it."""
    resp = client.get(href)
    assert resp.status_code == 200 and resp.is_streamed
    size = quarter = 0
    tracemalloc.start()
    try:
        for chunk in resp.response:
            size += len(chunk)
            if not quarter and size > first:
                quarter = tracemalloc.get_traced_memory()[1]
        return size, quarter, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_download_is_never_held_whole(tmp_path):
    """20,000 mentions (9 MB of CSV per mention, 4 MB per event) go out while the server holds
    one batch of them: after a first download (which fills the bounded caches of plain dates,
    actors and signatures), the memory taken is the same after the first quarter of the
    file and at its end, and less than the file (building it whole holds the file and every
    event). The file is byte for byte the one `timeline export` writes."""
    from benchmarks.store_queries import fill
    from timeline.store import EventStore
    from timeline.store.groups import group_all

    db = str(tmp_path / "big.db")
    store = EventStore(db)
    fill(store, 20_000)
    with store._db.transaction() as conn:
        assert group_all(conn) == 20_000
    client = create_app(store, analyse=no_analysis).server.test_client()
    for mentions, name in ((False, "events.csv"), (True, "mentions.csv")):
        href = download_link("", "csv", mentions)[0]
        body = client.get(href).get_data()  # the first: the caches fill
        expected = cli_export(db, tmp_path / name, "--format", "csv",
                              *(["--mentions"] if mentions else []))
        assert body == expected and body.count(b"\r\n") > 16_000
        size, quarter, peak = streamed_memory(client, href, len(body) // 4)
        assert size == len(body) > 4_000_000
        assert peak < size and peak < quarter * 1.3, (name, size, quarter, peak)
    store.close()
