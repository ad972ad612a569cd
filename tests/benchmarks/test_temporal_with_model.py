"""benchmarks/temporal_with_model.py: TempEval-3 scores without and with the English model."""
import pytest

from benchmarks import temporal_with_model
from tests.nlp.helpers import needs_model

TML = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2025-03-17">March 17</TIMEX3></DCT><TEXT>'
       'Military chiefs will meet on <TIMEX3 tid="t1" type="DATE" value="2025-03-20">Thursday</TIMEX3>. '
       'They met <TIMEX3 tid="t2" type="DATE" value="2024">last year</TIMEX3>.</TEXT></TimeML>')


@needs_model
def test_scores_both_taggers_on_a_corpus(tmp_path, capsys):
    (tmp_path / "TimeBank").mkdir()
    (tmp_path / "TimeBank" / "talks.tml").write_text(TML)
    temporal_with_model.main([str(tmp_path)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["tagger", "strict", "F1", "relaxed", "F1", "type", "F1", "value", "F1"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert rows == {"rules": ["1.0000"] * 4, "model": ["1.0000"] * 4}


def test_help_and_a_missing_corpus_are_not_scored(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        temporal_with_model.main(["--help"])
    assert stop.value.code == 0 and "corpus" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        temporal_with_model.main([str(tmp_path / "absent")])
    assert stop.value.code == 2 and "no such directory" in capsys.readouterr().err
