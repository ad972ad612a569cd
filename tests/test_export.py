import csv
import io
import json
from datetime import date

import pytest

from timeline.export import iter_csv, neutralise, to_csv, to_json, write_csv, write_json
from timeline.model import EXPORT_COLUMNS, Event


def make_event(**changes) -> Event:
    base = dict(
        event_id="e1", article_id="a1", value="2025-03-20", start_date=date(2025, 3, 20),
        end_date=date(2025, 3, 21), granularity="day", expression="on Thursday", status="scheduled",
        summary="chiefs will meet", sentence="Military chiefs will meet on Thursday.", expr_start=26,
        expr_end=37, actors=("Daniel Okafor", "Lake Commission"), article_title="Talks, \"again\"",
        article_url="https://example.org/a", source="River Post", published=date(2025, 3, 17),
    )
    base.update(changes)
    return Event(**base)


def read_back(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_and_crlf_line_ends():
    text = to_csv([make_event()])
    assert text.split("\r\n")[0] == ",".join(EXPORT_COLUMNS)
    assert text.endswith("\r\n") and text.count("\r\n") == 2


def test_quoting_of_commas_quotes_and_newlines_round_trips():
    tricky = make_event(sentence="He said: \"no, never\",\nthen left.\r\nEnd.", summary="a,b")
    text = to_csv([tricky, make_event(event_id="e2")])
    assert '"Talks, ""again"""' in text
    rows = read_back(text)
    assert len(rows) == 2
    assert rows[0]["sentence"] == "He said: \"no, never\",\nthen left.\r\nEnd."
    assert rows[0]["summary"] == "a,b"
    assert rows[0]["actors"] == "Daniel Okafor; Lake Commission"
    assert rows[1]["event_id"] == "e2" and rows[1]["start_date"] == "2025-03-20"
    assert rows[0]["published"] == "2025-03-17" and rows[0]["corrected"] == ""


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-5", "-5"),  # a plain number cannot run anything: left as a number
    ("-2.5", "-2.5"),
    ("Ordinary text", "Ordinary text"),
    ("a=b", "a=b"),
    ("", ""),
    # hidden behind what a spreadsheet skips or folds: still formulas
    (" =1+1", "' =1+1"),
    ("\u00a0=1+1", "'\u00a0=1+1"),             # no-break space
    ("\u200b=HYPERLINK(\"x\")", "'\u200b=HYPERLINK(\"x\")"),  # zero-width space
    ("\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"),     # byte-order mark
    ("\uff1d1+1", "'\uff1d1+1"),               # full-width equals sign
    ("\u3000\uff0bcmd", "'\u3000\uff0bcmd"),  # ideographic space, full-width plus
    ("\n-cmd", "'\n-cmd"),
    (" -5", " -5"),                            # still only a number
    ("\u200b" * 100 + "=1", "'" + "\u200b" * 100 + "=1"),
    ("  text = fine", "  text = fine"),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_formula_cells_are_neutralised_in_the_file():
    event = make_event(summary="=1+1", sentence="@cmd", article_title="-crash()", actors=("+Evil",))
    row = read_back(to_csv([event]))[0]
    assert (row["summary"], row["sentence"], row["article_title"], row["actors"]) == (
        "'=1+1", "'@cmd", "'-crash()", "'+Evil")


def test_unicode_and_optional_bom(tmp_path):
    event = make_event(sentence="Ms Ngozi Adébáyọ̀ met 北京 officials – “today”.")
    path = tmp_path / "out.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        assert write_csv([event], handle, bom=True) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle))[0]["sentence"] == event.sentence
    assert not to_csv([event]).startswith("\ufeff")


def test_csv_streams_one_event_at_a_time():
    produced = []

    def events():
        for number in range(3):
            produced.append(number)
            yield make_event(event_id=f"e{number}")

    pieces = iter_csv(events())
    next(pieces)  # the header is written before any event is asked for
    assert produced == []
    assert "e0" in next(pieces) and produced == [0]


def test_json_keys_and_types():
    events = [make_event(corrected=True), make_event(event_id="e2", published=None, actors=())]
    data = json.loads(to_json(events))
    assert [list(item) for item in data] == [list(EXPORT_COLUMNS)] * 2
    assert data[0]["actors"] == ["Daniel Okafor", "Lake Commission"]
    assert data[0]["corrected"] is True and data[1]["corrected"] is False
    assert data[0]["by_hand"] is False
    assert data[1]["published"] is None and data[1]["actors"] == []
    assert data[0]["date"] == "2025-03-20" and data[0]["summary"] == "chiefs will meet"


def test_an_event_added_by_hand_is_marked_in_both_formats():
    events = [make_event(), make_event(event_id="hand-1", by_hand=True, article_title="",
                                       expression="", article_url="")]
    assert [r["by_hand"] for r in read_back(to_csv(events))] == ["", "yes"]
    assert [e["by_hand"] for e in json.loads(to_json(events))] == [False, True]


def test_json_writes_empty_list_and_counts(tmp_path):
    assert json.loads(to_json([])) == []
    out = io.StringIO()
    assert write_json(iter([make_event(sentence="=not touched in JSON")]), out, indent=2) == 1
    assert json.loads(out.getvalue())[0]["sentence"] == "=not touched in JSON"
