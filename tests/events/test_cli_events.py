"""`timeline events FILE --published DATE [--json]` (rule-only pipeline; no trained model needed)."""
import json

import pytest
from click.testing import CliRunner

from timeline.cli import events as cli_events
from timeline.cli import main
from timeline.nlp import load_rules

TEXT = "Dock strike ends\n\nHarbour workers went back to work on Monday. Talks will resume on Friday.\n"


@pytest.fixture
def rules_pipeline(monkeypatch):
    monkeypatch.setattr(cli_events, "_pipeline", load_rules)


def run(*args):
    return CliRunner().invoke(main, ["events", *map(str, args)])


def test_table_lists_date_status_expression_and_summary(tmp_path, rules_pipeline):
    path = tmp_path / "strike.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(path, "--published", "2025-03-19")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Dock strike ends · published 2025-03-19 · 2 events"
    assert lines[1].split() == ["DATE", "STATUS", "EXPRESSION", "SUMMARY"]
    assert lines[2].split()[:2] == ["2025-03-17", "happened"] and "went back to work" in lines[2]
    assert lines[3].split()[:2] == ["2025-03-21", "scheduled"] and "Talks will resume" in lines[3]


def test_json_lists_events(tmp_path, rules_pipeline):
    path = tmp_path / "strike.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(path, "--published", "2025-03-19", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(e["value"], e["status"]) for e in data] == [("2025-03-17", "happened"), ("2025-03-21", "scheduled")]
    assert all(e["sentence"][e["expr_start"]:e["expr_end"]] == e["expression"] for e in data)
    assert data[0]["article_title"] == "Dock strike ends" and data[0]["published"] == "2025-03-19"


def test_the_files_own_date_wins_over_the_option(tmp_path, rules_pipeline):
    path = tmp_path / "dated.json"
    path.write_text(json.dumps({"title": "Dock strike", "published": "2025-03-12",
                                "text": "Talks will resume on Friday."}), encoding="utf-8")
    data = json.loads(run(path, "--published", "2025-03-19", "--json").output)
    assert [(e["value"], e["published"]) for e in data] == [("2025-03-14", "2025-03-12")]


def test_terminal_control_characters_in_article_text_are_neutralised():
    """The one ``printable`` of the CLI (timeline/cli/store.py): escapes shown, never run."""
    assert cli_events.printable("ok\x1b[31mred\x07\u202e") == "ok\\x1b[31mred\\x07\\u202e"


@pytest.mark.parametrize("content, args, message", [
    (None, ["--published", "2025-03-19"], "no such file"),
    (b"\x00\x01\x02\x03binary\x00", ["--published", "2025-03-19"], "binary"),
    (TEXT.encode(), [], "no publication date"),
    (TEXT.encode(), ["--published", "19/03/2025"], "YYYY-MM-DD"),
])
def test_clear_errors_without_traceback(tmp_path, content, args, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(path, *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    if content is not None and "YYYY" not in message:
        assert str(path) in result.output
