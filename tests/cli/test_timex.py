import io
import json
import re
import shutil
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.cli import timex as timex_cli
from timeline.model import TimeExpression

WEEKDAY = re.compile(r"\b(?:Monday|Tuesday)\b")


class FakeTagger:
    """Tags weekdays with the reference date as value; remembers its calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, text, reference):
        self.calls.append((text, reference))
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return [TimeExpression(m.start(), m.end(), m.group(), "DATE", reference.isoformat(), "day",
                               reference, reference)
                for m in WEEKDAY.finditer(text)]


@pytest.fixture
def tagger(monkeypatch):
    fake = FakeTagger()
    loads = []
    monkeypatch.setattr(timex_cli, "load_tagger", lambda: loads.append(1) or fake)
    fake.loads = loads
    return fake


def run(*args, stdin=None):
    return CliRunner().invoke(main, ["timex", *args], input=stdin)


TEXT = "Café owners met on Tuesday.\r\nNext: “Monday”."


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with its BOM
    lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    lambda t: t.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16-le", "utf16-be", "cp1252"])
def test_file_offsets_index_the_decoded_text(tmp_path, tagger, encode):
    path = tmp_path / "article.txt"
    path.write_bytes(encode(TEXT))
    result = run(str(path), "--dct", "2025-03-17")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [(t["start"], t["end"], t["text"]) for t in found] == [(19, 26, "Tuesday"), (36, 42, "Monday")]
    assert all(TEXT[t["start"]:t["end"]] == t["text"] for t in found)
    assert set(found[0]) == {"start", "end", "text", "type", "value", "start_date", "end_date", "granularity"}
    assert found[0]["value"] == "2025-03-17" and found[0]["end_date"] == "2025-03-17"
    assert tagger.calls == [(TEXT, date(2025, 3, 17))]


def test_empty_file_is_an_empty_list(tmp_path, tagger):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(str(tmp_path / "empty.txt"), "--dct", "2025-03-17")
    assert result.exit_code == 0 and json.loads(result.output) == []


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\xe9 \x81\x8d\x8f on Monday", "not text in UTF-8"),
    (bytes(range(1, 32)) * 20, "many control characters"),
])
def test_binary_file_is_a_clear_error(tmp_path, tagger, data, reason):
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    result = run(str(path), "--dct", "2025-03-17")
    assert result.exit_code == 1
    assert "blob.bin" in result.output and reason in result.output
    assert "Traceback" not in result.output and tagger.calls == []


@pytest.mark.parametrize("args, needle", [
    (["--dct"], "--dct"),
    ([], "--dct"),
    (["--dct", "17/03/2025"], "--dct"),
    (["--dct", "2025-02-30"], "--dct"),
    (["--dct", "yesterday"], "--dct"),
])
def test_missing_or_malformed_dct_is_a_usage_error(tmp_path, tagger, args, needle):
    (tmp_path / "a.txt").write_text("on Monday")
    result = run(str(tmp_path / "a.txt"), *args)
    assert result.exit_code == 2
    assert needle in result.output and "Traceback" not in result.output


def test_file_or_batch_required_but_not_both(tmp_path, tagger):
    (tmp_path / "a.txt").write_text("on Monday")
    assert run("--dct", "2025-03-17").exit_code == 2
    assert run(str(tmp_path / "a.txt"), "--batch").exit_code == 2
    assert run(str(tmp_path / "missing.txt"), "--dct", "2025-03-17").exit_code == 2


def test_tagger_failure_names_the_file(tmp_path, tagger):
    (tmp_path / "a.txt").write_text("EXPLODE on Monday")
    result = run(str(tmp_path / "a.txt"), "--dct", "2025-03-17")
    assert result.exit_code == 1 and "a.txt: tagging failed (RuntimeError: boom)" in result.output


def test_batch_one_line_out_per_line_in_order_bad_lines_reported(tagger):
    lines = [
        json.dumps({"id": "a", "text": "on Monday", "dct": "2025-03-17"}),
        "{not json",
        "",
        json.dumps({"id": 7, "text": "on Tuesday"}),
        json.dumps({"id": "c", "text": "on Tuesday", "dct": "17.03.2025"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": None, "dct": "2025-03-17"}),
        json.dumps({"id": "f", "text": "EXPLODE", "dct": "2025-03-17"}),
        json.dumps({"id": "g", "text": "Zürich, Tuesday", "dct": "2024-02-29T08:00:00"}, ensure_ascii=False),
    ]
    result = run("--batch", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", None, 7, "c", None, "e", "f", "g"]
    assert out[0] == {"id": "a", "timexes": [{
        "start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "2025-03-17",
        "start_date": "2025-03-17", "end_date": "2025-03-17", "granularity": "day"}]}
    assert "line 2: invalid JSON" in out[1]["error"]
    assert out[2]["error"] == 'line 4: "dct" is missing'
    assert "17.03.2025" in out[3]["error"]
    assert "JSON object" in out[4]["error"]
    assert '"text"' in out[5]["error"]
    assert "tagging failed" in out[6]["error"]
    assert out[7]["timexes"][0]["text"] == "Tuesday" and out[7]["timexes"][0]["value"] == "2024-02-29"
    assert len(tagger.loads) == 1  # the pipeline is loaded once for the whole batch


def test_batch_huge_single_line(tagger):
    text = "Nothing happened. " * 200_000 + "It ended on Monday."
    result = run("--batch", stdin=json.dumps({"id": "big", "text": text, "dct": "2025-03-17"}))
    (out,) = [json.loads(line) for line in result.output.splitlines()]
    assert out["timexes"][0]["start"] == len(text) - len("Monday.")


def test_batch_streams_each_answer_before_reading_the_next_line():
    out = io.BytesIO()
    seen_before_second = []

    def lines():
        yield b'{"id": 1, "text": "on Monday", "dct": "2025-03-17"}\n'
        seen_before_second.append(out.getvalue())
        yield b'{"id": 2, "text": "", "dct": "2025-03-17"}\n'

    assert timex_cli.run_batch(lines(), out, FakeTagger()) == 2
    assert seen_before_second[0].count(b"\n") == 1 and b'"id":1' in seen_before_second[0].replace(b" ", b"")
    assert out.getvalue().count(b"\n") == 2


def test_console_script_batch_in_a_real_process():
    exe = shutil.which("timeline")
    assert exe, "the timeline console script is not installed (pip install -e .)"
    lines = [
        json.dumps({"id": "x", "text": "hello", "dct": "not a date"}).encode(),
        b"\xff garbage",
        json.dumps({"id": "fut", "text": "The envoys will talk on Tuesday.", "dct": "2025-03-17"}).encode(),
        json.dumps({"id": "y"}).encode(),
        json.dumps({"id": "past", "text": "The envoys talked on Tuesday.", "dct": "2025-03-17"}).encode(),
    ]
    proc = subprocess.run([exe, "timex", "--batch"], input=b"\n".join(lines) + b"\n",
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["x", None, "fut", "y", "past"]
    assert ["error" in o for o in out] == [True, True, False, True, False]
    assert b"Traceback" not in proc.stderr
    (future,) = out[2]["timexes"]
    assert (future["text"], future["type"], future["value"]) == ("Tuesday", "DATE", "2025-03-18")
    assert (future["start_date"], future["end_date"], future["granularity"]) == ("2025-03-18", "2025-03-19", "day")
    assert [t["value"] for t in out[4]["timexes"]] == ["2025-03-11"]


def test_real_tagger_on_a_utf16_file(tmp_path):
    text = "Ministers – tired – will meet on Thursday.\nThey met on Saturday; a 30-day truce began."
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-16"))
    result = run(str(path), "--dct", "2025-03-17")
    assert result.exit_code == 0, result.output
    found = {t["text"]: t for t in json.loads(result.output)}
    assert all(text[t["start"]:t["end"]] == t["text"] for t in found.values())
    assert found["Thursday"]["value"] == "2025-03-20"
    assert found["Saturday"]["value"] == "2025-03-15"
    assert (found["30-day"]["type"], found["30-day"]["value"]) == ("DURATION", "P30D")


def test_real_tagger_huge_single_line_beyond_spacy_max_length():
    text = "Nothing new. " * 80_000 + "It ended on Monday."  # 1.04 million characters
    result = run("--batch", stdin=json.dumps({"id": "big", "text": text, "dct": "2025-03-17"}) + "\n")
    assert result.exit_code == 0
    (out,) = [json.loads(line) for line in result.output.splitlines()]
    assert [(t["start"], t["value"]) for t in out["timexes"]] == [(len(text) - 7, "2025-03-17")]
