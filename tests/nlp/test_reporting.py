"""The one list of reporting verbs, a flag per use (timeline/nlp/resources/reporting_verbs.txt)."""
import pytest

from timeline.events.summary import rules
from timeline.nlp.reporting import USES, reporting_verbs
from timeline.temporal.tense import REPORTING_PAST


def test_each_use_reads_its_forms_from_the_one_list():
    assert rules().reporting_verbs == reporting_verbs("attribution")
    assert REPORTING_PAST == reporting_verbs("tense")
    # speech verbs in every form for the summaries; past reports, thinking included, for tense
    assert {"say", "says", "said", "tweeted"} <= reporting_verbs("attribution")
    assert {"said", "thought", "hoped"} <= reporting_verbs("tense")
    assert not {"thought", "hoped"} & reporting_verbs("attribution")
    assert not {"says", "tell"} & reporting_verbs("tense")


@pytest.mark.parametrize("line, reason", [
    ("said", "no use"),
    ("said speech", "unknown use 'speech'"),
    ("Said tense", "not one word in lower case"),
    ("said tense\nsaid attribution", "the form again"),
])
def test_a_bad_line_is_named_with_the_reason(tmp_path, line, reason):
    path = tmp_path / "verbs.txt"
    path.write_text("# a comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=reason) as info:
        reporting_verbs("tense", path)
    assert str(path) in str(info.value) and "line" in str(info.value)


def test_an_unknown_use_or_file_is_named(tmp_path):
    with pytest.raises(ValueError, match="no use 'speech'"):
        reporting_verbs("speech")
    with pytest.raises(ValueError, match="cannot read"):
        reporting_verbs(USES[0], tmp_path / "nope.txt")
