"""The upload job queue is one per database and user on a machine: every process of
`timeline serve` (gunicorn workers) finds the jobs the others started, and they sign and check
the page's job handles with the same secret, so any of them may answer a progress poll."""
import os
import stat

from dashboard import create_app
from dashboard.callbacks.upload import jobs_directory, progress_of, result_list
from timeline.ingest.service import ItemResult
from timeline.store import EventStore


def upload_manager(app):
    return next(c["manager"] for key, c in app.callback_map.items() if "upload-result" in key)


def test_two_server_processes_share_the_job_queue_and_its_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = str(tmp_path / "team.db")
    with EventStore(db) as first_store, EventStore(db) as second_store:
        first, second = create_app(first_store), create_app(second_store)  # as two gunicorn workers
        one, two = upload_manager(first), upload_manager(second)
        assert one.handle.directory == two.handle.directory == jobs_directory(db)
        one.handle.set("job-result", "3 added")
        assert two.handle.get("job-result") == "3 added"
        assert first._get_signing_secret() == second._get_signing_secret()
    with EventStore(str(tmp_path / "other.db")) as other:
        assert upload_manager(create_app(other)).handle.directory != jobs_directory(db)


def test_the_job_folder_is_the_users_own(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = jobs_directory("postgresql://me@db.example.org/news")
    assert folder.startswith(str(tmp_path / "cache" / "timeline" / "jobs"))
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert "db.example.org" not in folder  # the database's name is not spelled out on disk


def test_progress_counts_a_file_done_only_when_the_next_one_starts():
    # a JSONL of three articles, then a text file: the JSONL's first article does not finish it
    jsonl = [ItemResult("news.jsonl", "duplicate"), ItemResult("news.jsonl", "added", 2),
             ItemResult("news.jsonl", "refused")]
    assert progress_of([], 2) == (5, "analysing: 0 of 2 files done, 0 articles read, 0 added")
    assert progress_of(jsonl[:1], 2) == (5, "analysing: 0 of 2 files done, 1 article read, 0 added")
    assert progress_of(jsonl, 2) == (5, "analysing: 0 of 2 files done, 3 articles read, 1 added")
    assert progress_of(jsonl + [ItemResult("b.txt", "added", 1)], 2) == (
        50, "analysing: 1 of 2 files done, 4 articles read, 2 added")


def texts(component) -> list[str]:
    """The strings of a Dash component tree, in order."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    return [t for child in (children if isinstance(children, list) else [children])
            for t in texts(child)]


def test_a_long_upload_result_starts_with_counts_and_refusals():
    few = [ItemResult("a.txt", "added", 3), ItemResult("b.txt", "refused", message="empty file"),
           ItemResult("c.txt", "added", 1)]
    assert type(result_list(few)).__name__ == "Ul" and len(result_list(few).children) == 3
    assert texts(result_list(few).children[0])[-1] == " \u2014 3 events"
    assert texts(result_list(few).children[2])[-1] == " \u2014 1 event"  # was "1 events"
    many = [ItemResult("news.jsonl", "added", 2, title=f"Story {n}") for n in range(20)]
    many[7] = ItemResult("news.jsonl", "refused", message="line 8: not valid JSON")
    many[9] = ItemResult("news.jsonl", "duplicate", message="already in the store", title="Old")
    shown = result_list(many)
    counts, refusals, folded = shown.children
    assert texts(counts) == ["20 articles: 18 added (36 events), 1 already in the store, 1 refused"]
    assert "line 8: not valid JSON" in " ".join(texts(refusals)) and "Story 0" not in texts(refusals)
    assert type(folded).__name__ == "Details" and len(folded.children[1].children) == 20
