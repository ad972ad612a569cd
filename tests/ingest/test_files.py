import json
from datetime import date

import pytest

from timeline.ingest import IngestError, find_files, iter_bytes, read_bytes, read_many, read_path

PUB = date(2025, 3, 17)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Talks resume\n\nThe talks resumed on Monday.", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_bytes("# Vote\n\nThe vote is on Friday.".encode("utf-16"))
    (tmp_path / "b" / "d.jsonl").write_text(
        json.dumps({"text": "Fees rose in 2019.", "published": "2025-03-01"}) + "\n", encoding="utf-8")
    (tmp_path / "b" / "e.csv").write_text("title,text\nT,Ferries stop every Monday.\n", encoding="cp1252")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / ".secret.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    return tmp_path


def test_folder_is_read_recursively_sorted_and_hidden_files_skipped(folder):
    names = [p.relative_to(folder).as_posix() for p in find_files([folder])]
    assert names == ["a.txt", "b/c.md", "b/d.jsonl", "b/e.csv", "bad.txt", "empty.md"]


def test_a_folder_with_bad_files_still_yields_the_others(folder):
    results = list(read_many([folder], PUB))
    articles = [r for r in results if not isinstance(r, IngestError)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [a.text for a in articles] == [
        "The talks resumed on Monday.", "The vote is on Friday.", "Fees rose in 2019.", "Ferries stop every Monday."]
    assert [a.published for a in articles] == [PUB, PUB, date(2025, 3, 1), PUB]
    assert articles[0].path.endswith("a.txt") and articles[0].title == "Talks resume"
    assert [(e.path.rsplit("/", 1)[-1], e.reason) for e in errors] == [
        ("bad.txt", "binary file (a PNG image), not text"), ("empty.md", "empty file")]


def test_read_path_raises_the_first_refusal(folder):
    with pytest.raises(IngestError) as info:
        list(read_path(folder, PUB))
    assert info.value.path.endswith("bad.txt")
    assert [a.title for a in read_path(folder / "a.txt", PUB)] == ["Talks resume"]


def test_missing_path_and_unsupported_type(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    results = list(read_many([tmp_path / "nope.txt", tmp_path / "photo.png"], PUB))
    assert [r.reason.split(" (")[0] for r in results] == ["no such file or folder", "unsupported file type '.png'"]


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    [error] = list(read_many([big], PUB, max_bytes=1000))
    assert "too large" in error.reason and "1,000" in error.reason
    with pytest.raises(IngestError, match="too large"):
        read_bytes("up.txt", b"x" * 2000, PUB, max_bytes=1000)
    assert len(list(read_many([big], PUB, max_bytes=10000))) == 1


def test_uploads_pick_the_reader_from_the_name():
    data = json.dumps({"text": "Ferries stop every Monday.", "published": "2025-03-02"}).encode()
    assert read_bytes("UPLOAD.JSON", data)[0].published == date(2025, 3, 2)
    [error] = list(iter_bytes("upload", data))
    assert "unsupported file type '(none)'" in error.reason


def test_errors_pickle_for_worker_processes():
    import pickle
    error = pickle.loads(pickle.dumps(IngestError("a.txt", "empty file", "line 2")))
    assert str(error) == "a.txt (line 2): empty file"


def test_published_argument_forms():
    from datetime import datetime
    assert read_bytes("a.txt", b"Body.", "2025-03-17")[0].published == PUB
    assert type(read_bytes("a.txt", b"Body.", datetime(2025, 3, 17, 22, 0))[0].published) is date
    with pytest.raises(ValueError):
        read_bytes("a.txt", b"Body.", "17/03/2025")


def test_read_many_streams_file_by_file(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    stream = read_many([tmp_path], PUB)
    assert next(stream).text == "First."
    (tmp_path / "b.txt").write_text("Changed before it was read.", encoding="utf-8")
    assert next(stream).text == "Changed before it was read."
