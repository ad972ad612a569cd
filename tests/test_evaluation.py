from datetime import date

import pytest

from timeline.evaluation import (
    Counts, GoldDoc, TimeMLError, match, parse_timeml, read_corpus, read_timeml, score,
)
from timeline.model import TimeExpression

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2025-03-17T09:30" functionInDocument="CREATION_TIME">March 17</TIMEX3></DCT>
<TEXT>
Shares of A&amp;B <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="2025-03-17">Monday</TIMEX3>.
The truce <EVENT eid="e2">lasted</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &lt;then&gt; <TIMEX3 tid="t3" type="DATE" value="2025-W10" mod="END">the <SIGNAL sid="s2">end</SIGNAL> of last week</TIMEX3>.
</TEXT>
</TimeML>
"""


def tml(text_body: str, dct: str = "2025-03-17") -> str:
    return (f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="{dct}">x</TIMEX3></DCT>'
            f"<TEXT>{text_body}</TEXT></TimeML>")


def tx(text: str, needle: str, type_: str, value: str, nth: int = 0) -> TimeExpression:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return TimeExpression(start, start + len(needle), needle, type_, value)


def test_reader_gives_plain_text_and_exact_offsets():
    doc = parse_timeml(TML, doc_id="demo")
    assert doc.dct == date(2025, 3, 17)
    assert doc.text.startswith("\nShares of A&B fell on Monday.\n")
    assert "<then>" in doc.text and "<EVENT" not in doc.text
    monday, days, week = doc.timexes
    assert (monday.start, monday.end) == (23, 29)  # "\nShares of A&B fell on " is 23 chars
    assert doc.text[monday.start:monday.end] == monday.text == "Monday"
    assert (days.text, days.type, days.value) == ("three days", "DURATION", "P3D")
    assert doc.text[week.start:week.end] == "the end of last week"
    assert (week.value, week.mod) == ("2025-W10", "END")


def test_reader_errors_name_the_file(tmp_path):
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>unclosed</TimeML>")
    with pytest.raises(TimeMLError, match="broken.tml: not well-formed XML"):
        read_timeml(broken)
    with pytest.raises(TimeMLError, match="no document creation time"):
        parse_timeml("<TimeML><TEXT>hi</TEXT></TimeML>", doc_id="nodct")
    with pytest.raises(TimeMLError, match="not a YYYY-MM-DD date"):
        parse_timeml(tml("hi", dct="sometime"), doc_id="baddct")


def test_read_corpus_recurses_names_subsets_and_skips_broken(tmp_path):
    (tmp_path / "TimeBank").mkdir()
    (tmp_path / "TimeBank" / "a.tml").write_text(tml("<TIMEX3 type='DATE' value='2025'>2025</TIMEX3>"))
    (tmp_path / "top.tml").write_text(tml("nothing"))
    (tmp_path / "TimeBank" / "bad.tml").write_text("<TimeML>")
    (tmp_path / "notes.txt").write_text("ignored")
    docs, problems = read_corpus(tmp_path)
    assert [(d.doc_id, d.subset) for d in docs] == [("TimeBank/a", "TimeBank"), ("top", "")]
    assert len(problems) == 1 and "bad.tml" in problems[0]


def _hand_doc():
    text = "He left on Monday, stayed for three days, and came back last week. Tuesday was busy in March and May."
    gold = [
        tx(text, "Monday", "DATE", "2025-03-17"),
        tx(text, "three days", "DURATION", "P3D"),
        tx(text, "last week", "DATE", "2025-W10"),
        tx(text, "Tuesday", "DATE", "2025-03-11"),
    ]
    predicted = [
        tx(text, "Monday", "DATE", "2025-03-17"),          # exact, all right
        tx(text, "for three days", "DURATION", "P3D"),     # overlap only, right value
        tx(text, "last week", "DATE", "2025-W11"),         # exact, wrong value
        tx(text, "March", "DATE", "2025-03"),              # spurious
        tx(text, "May", "DATE", "2025-05"),                # spurious
    ]                                                      # "Tuesday" missed
    return GoldDoc("hand", text, date(2025, 3, 17), gold, subset="S"), predicted


def test_scores_computed_by_hand():
    doc, predicted = _hand_doc()
    result = score([doc], {"hand": predicted})
    c = result.total
    assert (c.gold, c.predicted, c.strict, c.relaxed, c.type_ok, c.value_ok) == (4, 5, 2, 3, 3, 2)
    assert c.strict_p == pytest.approx(2 / 5) and c.strict_r == pytest.approx(2 / 4)
    assert c.strict_f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)          # 0.444
    assert c.relaxed_p == pytest.approx(3 / 5) and c.relaxed_r == pytest.approx(3 / 4)
    assert c.relaxed_f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)       # 0.667
    assert c.type_f1 == pytest.approx(c.relaxed_f1)                   # 3/3 types right
    assert c.value_f1 == pytest.approx(2 / 3 * c.relaxed_f1)          # 0.444
    kinds = sorted((e.kind, (e.gold or e.predicted).text) for e in result.errors)
    assert kinds == [("missed", "Tuesday"), ("span", "three days"), ("spurious", "March"),
                     ("spurious", "May"), ("value", "last week")]
    value_error = result.errors_of("value")[0]
    assert value_error.predicted.value == "2025-W11" and value_error.doc_id == "hand"
    assert "back [last week]. Tuesday" in value_error.context
    assert result.by_subset["S"].relaxed == 3


def test_one_long_prediction_matches_one_gold_only():
    text = "from 2001 to 2009"
    gold = [tx(text, "2001", "DATE", "2001"), tx(text, "2009", "DATE", "2009")]
    predicted = [TimeExpression(0, len(text), text, "DATE", "2001")]
    assert match(gold, predicted) == [(0, 0)]
    c = score([GoldDoc("r", text, date(2010, 1, 1), gold)], {"r": predicted}).total
    assert (c.relaxed, c.strict, c.value_ok) == (1, 0, 1)
    assert c.relaxed_p == 1.0 and c.relaxed_r == 0.5


def test_micro_average_over_documents_and_tagger_gets_the_dct():
    small = GoldDoc("a", "today", date(2020, 1, 2), [TimeExpression(0, 5, "today", "DATE", "2020-01-02")], "X")
    big_text = "today and today and today"
    big = GoldDoc("b", big_text, date(2021, 6, 1),
                  [tx(big_text, "today", "DATE", "2021-06-01", n) for n in range(3)], "Y")
    seen = []

    def tagger(text, reference):
        seen.append(reference)
        return [TimeExpression(0, 5, "today", "DATE", reference.isoformat())]

    result = score([small, big], tagger)
    assert seen == [date(2020, 1, 2), date(2021, 6, 1)]
    c = result.total
    assert (c.docs, c.gold, c.predicted, c.relaxed, c.value_ok) == (2, 4, 2, 2, 2)
    assert c.relaxed_r == pytest.approx(2 / 4)  # micro; the macro mean would be (1 + 1/3) / 2
    assert result.by_subset["X"].relaxed_r == 1.0
    assert result.by_subset["Y"].relaxed_r == pytest.approx(1 / 3)


def test_nothing_predicted_scores_zero_without_dividing_by_zero():
    c = Counts(docs=1, gold=3)
    assert (c.strict_f1, c.relaxed_f1, c.type_f1, c.value_f1) == (0.0, 0.0, 0.0, 0.0)
    assert c.to_json()["relaxed_p"] == 0.0


def test_reads_the_shared_tempeval3_training_data_with_the_documented_counts():
    from pathlib import Path

    root = next((p for p in (Path(__file__).resolve().parents[2] / "shared/data/tempeval3/train",
                             Path("/work/shared/data/tempeval3/train")) if p.is_dir()), None)
    if root is None:
        pytest.skip("../shared/data/tempeval3/train is not on this machine")
    docs, problems = read_corpus(root)
    assert problems == []
    per_subset = {}
    for doc in docs:
        per_subset[doc.subset] = per_subset.get(doc.subset, 0) + len(doc.timexes)
        assert all(doc.text[t.start:t.end] == t.text and t.text.strip() for t in doc.timexes)
    assert len(docs) == 256 and per_subset == {"TimeBank": 1243, "AQUAINT": 579}  # PROVENANCE.md
