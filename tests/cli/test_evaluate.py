import json
import re

import pytest
from click.testing import CliRunner

from timeline import evaluation
from timeline.cli import main
from timeline.model import TimeExpression


def tml(body: str, dct: str = "2025-03-17") -> str:
    return (f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}">x</TIMEX3></DCT>'
            f"<TEXT>{body}</TEXT></TimeML>")


def years_tagger(text, reference):
    """Tags bare years; 'today' as the reference date (so the DCT must reach the tagger)."""
    out = [TimeExpression(m.start(), m.end(), m.group(), "DATE", m.group())
           for m in re.finditer(r"\b\d{4}\b", text)]
    out += [TimeExpression(m.start(), m.end(), m.group(), "DATE", reference.isoformat())
            for m in re.finditer(r"\btoday\b", text)]
    return sorted(out, key=lambda t: t.start)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "default_tagger", lambda: years_tagger)
    (tmp_path / "A").mkdir()
    (tmp_path / "B").mkdir()
    # A: 2 gold, both found, one wrong value -> relaxed 2/2, value 1/2
    (tmp_path / "A" / "one.tml").write_text(tml(
        'In <TIMEX3 type="DATE" value="1999">1999</TIMEX3> and '
        '<TIMEX3 type="DATE" value="2001-XX">2001</TIMEX3>.'))
    # B: 1 gold found (DCT used), 1 missed, 1 spurious year
    (tmp_path / "B" / "two.tml").write_text(tml(
        'Prices <EVENT eid="e1">rose</EVENT> <TIMEX3 type="DATE" value="2020-05-04">today</TIMEX3>, '
        'since <TIMEX3 type="DATE" value="2020-04">last month</TIMEX3>, to 1500 points.', dct="2020-05-04"))
    return tmp_path


def test_eval_prints_table_with_subsets(corpus):
    result = CliRunner().invoke(main, ["eval", str(corpus)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:4]}
    assert set(rows) == {"A", "B", "all"}
    docs, gold, pred, s_p, s_r, s_f1, r_p, r_r, r_f1, type_f1, value_f1 = rows["all"]
    assert (docs, gold, pred) == ("2", "4", "4")
    # 3 of 4 matched on both sides; values right for 2 of the 3 matches
    assert (s_p, s_r, s_f1, r_f1, type_f1) == ("0.750", "0.750", "0.750", "0.750", "0.750")
    assert value_f1 == "0.500"
    assert rows["A"][-1] == "0.500" and rows["B"][-1] == "0.500"


def test_eval_json_and_errors(corpus):
    result = CliRunner().invoke(main, ["eval", str(corpus), "--json", "--errors", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["all"]["value_f1"] == 0.5 and data["subsets"]["B"]["gold"] == 2
    assert [e["gold"]["text"] for e in data["errors"]["missed"]] == ["last month"]
    assert [e["predicted"]["text"] for e in data["errors"]["spurious"]] == ["1500"]
    assert data["errors"]["value"][0]["gold"]["value"] == "2001-XX"

    text = CliRunner().invoke(main, ["eval", str(corpus), "--errors", "1"]).output
    assert "== missed (1) ==" in text and "[last month]" in text and "B/two" in text


def test_eval_names_and_skips_a_broken_file(corpus):
    (corpus / "B" / "broken.tml").write_text("<TimeML><TEXT>oops</TimeML>")
    result = CliRunner().invoke(main, ["eval", str(corpus)])
    assert result.exit_code == 0
    assert "skipped" in result.output and "broken.tml" in result.output
    assert result.output.count("\nall ") == 1


@pytest.mark.parametrize("make, reason", [
    (lambda p: p / "nowhere", "no such directory"),
    (lambda p: p, "no .tml files"),
])
def test_eval_bad_corpus_dir_is_a_usage_error(tmp_path, make, reason):
    (tmp_path / "readme.txt").write_text("not TimeML")
    result = CliRunner().invoke(main, ["eval", str(make(tmp_path))])
    assert result.exit_code == 2
    assert reason in result.output and "Traceback" not in result.output


def test_eval_names_a_document_the_tagger_fails_on_and_goes_on(corpus, monkeypatch):
    def fragile(text, reference):
        if "last month" in text:
            raise RuntimeError("rule table broken")
        return years_tagger(text, reference)

    monkeypatch.setattr(evaluation, "default_tagger", lambda: fragile)
    result = CliRunner().invoke(main, ["eval", str(corpus), "--json"])
    assert result.exit_code == 0
    assert "tagger failed on" in result.output and "two.tml: RuntimeError: rule table broken" in result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert data["subsets"]["B"]["predicted"] == 0 and data["subsets"]["A"]["relaxed"] == 2
