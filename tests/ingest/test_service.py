"""The one ingest path: each item ends added, duplicate or refused with its name and reason;
one bad item never stops the others and nothing already read is lost; every door (CLI,
REST JSON and multipart, dashboard upload) gives the same outcome."""
import base64
import io
import json
import os
from datetime import date

import pytest
from click.testing import CliRunner

import timeline.events
from dashboard import create_app
from dashboard.ingesting import ingest_uploads
from timeline.cli import main
from timeline.ingest.files import read_many
from timeline.ingest.service import ingest
from timeline.model import Article
from timeline.settings import SETTINGS
from timeline.store import EventStore


def quick(article, nlp=None):
    """Stands in for the pipeline: no events (these tests are about the path, not the NLP)."""
    return [], []


def quick_many(articles, nlp=None, n_process=1, batch_size=32, cluster=None, settings=None):
    for article in articles:
        yield article, [], []


GOOD = [f"Story {n}\n\nThe council met on {n + 1} March 2025 in town {n}.\n" for n in range(40)]
# each of these refused by name, and the articles around it still stored (failure 5 of #19)
BAD = {
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "deep.jsonl": b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    "huge.txt": b"Talks on 3 March 2025. " + b"word " * (SETTINGS.max_text_chars // 5 + 10),
    "markup.json": json.dumps({"text": "<p>Held</p> on\u001b 3 March 2025<br>x\u000b y",
                               "published": "2025-03-17"}).encode(),
    "surrogate.json": b'{"text": "Held \\ud800 on 3 March 2025.", "published": "2025-03-17<script>"}',
    "attributes.html": b"<html><body><div " + b" ".join(b'a%d="1"' % i for i in range(5000)) + b">x</div></body></html>",
}
REASONS = {"deep.json": "nested too deeply", "deep.jsonl": "nested too deeply", "huge.txt": "text too long",
           "surrogate.json": "is not a date", "attributes.html": "attributes"}


def corpus(folder):
    folder.mkdir()
    for n, text in enumerate(GOOD):
        (folder / f"good{n:02}.txt").write_text(text, "utf-8")
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    os.makedirs(folder / "odd", exist_ok=True)
    with open(os.path.join(os.fsencode(folder / "odd"), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Cafe\n\nThe cafe opened on 4 March 2025.\n")
    return folder


def test_service_outcomes_one_per_item(tmp_path):
    store = EventStore(":memory:")
    folder = corpus(tmp_path / "in")
    results = list(ingest(store, read_many([folder], date(2025, 3, 17)), analyse=quick))
    by_name = {os.path.basename(r.name): r for r in results}
    assert sum(r.status == "added" for r in results) == len(GOOD) + 2  # + markup.json, the cafe
    for name, words in REASONS.items():
        assert by_name[name].status == "refused" and words in by_name[name].message, by_name[name]
    cafe = by_name["caf\ufffd.txt"]
    assert cafe.status == "added" and store.article(cafe.article_id).path.endswith("caf\ufffd.txt")
    marked = store.article(by_name["markup.json"].article_id).text
    assert marked.split() == ["Held", "on", "3", "March", "2025", "x", "y"] and "\x1b" not in marked
    again = list(ingest(store, read_many([folder], date(2025, 3, 17)), analyse=quick))
    assert {r.status for r in again} == {"duplicate", "refused"}


def test_cli_batch_keeps_every_good_article(monkeypatch, tmp_path):
    monkeypatch.setattr(timeline.events, "extract_many", quick_many)
    folder = corpus(tmp_path / "in")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--published", "2025-03-17"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(f"{len(GOOD) + 2} articles added")
    for name, words in REASONS.items():
        assert any(name in line and words in line for line in result.stderr.splitlines()), name
    with EventStore(db) as store:
        assert len(store.articles()) == len(GOOD) + 2


def drop() -> list[tuple[str, bytes]]:
    """Each bad file of BAD followed by a good one: (name, bytes)."""
    return [pair for n, (name, data) in enumerate(BAD.items())
            for pair in ((name, data), (f"good{n}.txt", GOOD[n].encode()))]


def expected_statuses() -> list[tuple[str, str]]:
    return [(name, "added" if name.startswith("good") or name == "markup.json" else "refused")
            for name, _ in drop()]


def test_dashboard_upload_reads_every_file_after_a_bad_one(tmp_path):
    store = EventStore(":memory:")
    names, datas = zip(*drop())
    contents = ["data:text/plain;base64," + base64.b64encode(d).decode() for d in datas]
    seen = []
    results = ingest_uploads(store, list(contents), list(names), date(2025, 3, 17), quick,
                             max_files=20, max_bytes=5 * 2**20,
                             progress=lambda done, so_far: seen.append(done))
    assert [(r.name, r.status) for r in results] == expected_statuses()
    for name, words in REASONS.items():
        assert words in next(r.message for r in results if r.name == name), name
    assert seen == list(range(1, len(names) + 1))


def test_rest_multipart_and_json_doors(tmp_path):
    store = EventStore(":memory:")
    client = create_app(store, analyse=quick, max_files=20, max_bytes=5 * 2**20).server.test_client()
    files = [(io.BytesIO(data), name) for name, data in drop()]
    resp = client.post("/api/articles", data={"file": files, "published": "2025-03-17"},
                       content_type="multipart/form-data")
    results = resp.get_json()["results"]
    assert resp.status_code == 201 and [(r["name"], r["status"]) for r in results] == expected_statuses()
    for name, words in REASONS.items():
        assert words in next(r["message"] for r in results if r["name"] == name), name
    long = client.post("/api/articles", json={"text": "Held on 3 March 2025. " * 20_000,
                                              "published": "2025-03-17"})
    assert long.status_code == 400 and "text too long" in long.get_json()["error"]
    lone = client.post("/api/articles", data=b'{"text": "Held \\ud800 on 3 March 2025.", '
                       b'"published": "2025-03-17"}', content_type="application/json")
    assert lone.status_code == 400 and "lone surrogate" in lone.get_json()["error"]


def test_a_failing_analysis_refuses_that_article_only():
    store = EventStore(":memory:")
    articles = [Article(text=f"Text {n} on 3 March 2025.", published=date(2025, 3, 17), path=f"{n}.txt")
                for n in range(5)]

    def flaky(article):
        if article.path == "2.txt":
            raise MemoryError
        return [], []

    results = list(ingest(store, articles, analyse=flaky))
    assert [r.status for r in results] == ["added", "added", "refused", "added", "added"]
    assert "out of memory" in results[2].message and results[2].name == "2.txt"


@pytest.mark.parametrize("budget_error", [True])
def test_time_budget_refuses_by_name(budget_error):
    from timeline.nlp.bounded import BudgetExceeded

    def slow(article):
        raise BudgetExceeded("analysis ran past its time budget")

    [result] = ingest(EventStore(":memory:"), [Article(text="x on 3 March 2025", published=date(2025, 3, 17),
                                                       path="slow.txt")], analyse=slow)
    assert result.status == "refused" and "time budget" in result.message and result.name == "slow.txt"


class FakeClock:
    """time.monotonic for the service: each analysis takes ``step`` seconds."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def monotonic(self) -> float:
        return self.now


def test_a_file_budget_refuses_the_rest_of_that_file_only(monkeypatch):
    import timeline.ingest.service as service

    clock = FakeClock(10.0)
    monkeypatch.setattr(service, "time", clock)

    def ten_seconds(article):
        clock.now += clock.step
        return [], []

    articles = [Article(text=f"Report {n} on 3 March 2025.", published=date(2025, 3, 17),
                        path="big.jsonl" if n < 6 else "next.txt", title=f"record {n}")
                for n in range(7)]
    results = list(ingest(EventStore(":memory:"), articles, analyse=ten_seconds, file_seconds=35))
    assert [r.status for r in results] == ["added"] * 4 + ["refused"] * 2 + ["added"]
    refusal = results[4]
    assert (refusal.name, refusal.title) == ("big.jsonl", "record 4")
    assert refusal.message == "not analysed: the file's time budget (35 s) is spent"
    assert results[-1].name == "next.txt"  # the next file has its own budget
    clock.now = 0.0  # without a file budget (the CLI) every article is analysed
    results = list(ingest(EventStore(":memory:"), articles, analyse=ten_seconds))
    assert [r.status for r in results] == ["added"] * 7


def test_upload_doors_have_the_file_budget_and_the_cli_none(monkeypatch):
    import timeline.ingest.service as service

    seen = []
    real = service.ingest

    def spy(store, items, **options):
        seen.append(options.get("file_seconds"))
        return real(store, items, **options)

    monkeypatch.setattr(service, "ingest", spy)
    service.ingest_bytes(EventStore(":memory:"), "a.txt", b"Held on 3 March 2025.",
                         date(2025, 3, 17), analyse=quick)
    assert seen == [SETTINGS.max_file_seconds]
    list(service.ingest_files(EventStore(":memory:"), [], analyse=quick))
    assert seen[-1] is None


def test_batches_hold_one_long_text_alone_and_a_lone_overrun_is_not_redone(monkeypatch):
    from timeline.nlp.bounded import BudgetExceeded

    settings = SETTINGS.replace(max_text_chars=1_000)
    batches = []

    def many(articles, nlp=None, n_process=1, batch_size=32, cluster=None, settings=SETTINGS):
        articles = list(articles)
        batches.append([a.path for a in articles])
        if articles[0].path == "slow":
            raise BudgetExceeded("analysis ran past its time budget")
        for article in articles:
            yield article, [], []

    def analyse_again(article, nlp=None, settings=SETTINGS):
        raise AssertionError("an article that ran out of time alone is not analysed twice")

    monkeypatch.setattr(timeline.events, "extract_many", many)
    monkeypatch.setattr(timeline.events, "analyse", analyse_again)
    articles = [Article(text=f"{path} on 3 March 2025. " + "x" * size, published=date(2025, 3, 17),
                        path=path) for path, size in (("a", 400), ("b", 400), ("c", 400), ("slow", 900))]
    results = list(ingest(EventStore(":memory:"), articles, settings=settings))
    assert batches == [["a", "b"], ["c"], ["slow"]]  # at most 1,000 characters a batch
    assert [r.status for r in results] == ["added", "added", "added", "refused"]
    assert "time budget (40 s)" in results[-1].message

