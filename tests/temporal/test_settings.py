"""The tagger's windows, biases and pivots are Settings fields: a Tagger built with other
settings reads them, and the defaults give what tag_time gives."""
from datetime import date

import pytest

from timeline.settings import SETTINGS
from timeline.temporal import tag_time
from timeline.temporal.tagger import Tagger

DCT = date(2025, 3, 19)  # a Wednesday


def values(text, settings=SETTINGS):
    return [t.value for t in Tagger("en", settings=settings).tag_text(text, DCT)]


def test_default_settings_give_what_tag_time_gives():
    text = "In the '80s prices rose; the vote was postponed until Friday. 17.03.49 was a Thursday."
    assert values(text) == [t.value for t in tag_time(text, DCT)]


def test_the_two_digit_year_pivots_are_read():
    assert values("Prices rose in the '20s.") == ["202"]
    assert values("Prices rose in the '20s.", SETTINGS.replace(temporal_apostrophe_year_pivot=10)) == ["192"]


def test_the_past_bias_is_read():
    # Thursday is 1 day ahead, 6 behind: ahead unless a day ahead weighs more than 6 behind
    assert values("The meeting is Thursday.") == ["2025-03-20"]
    assert values("Officials met Thursday.") == ["2025-03-13"]
    assert values("Thursday was chosen; no tense here: Thursday", SETTINGS.replace(temporal_past_bias=7.0))[-1] \
        == "2025-03-13"


def test_bad_settings_are_refused_with_their_name():
    with pytest.raises(ValueError, match="temporal_apostrophe_year_pivot"):
        SETTINGS.replace(temporal_apostrophe_year_pivot=100)
    with pytest.raises(ValueError, match="tense_right_weight"):
        SETTINGS.replace(tense_right_weight="wide")


def test_the_night_hour_pivot_is_read():
    text = "The blast came at 8 in the night."
    assert values(text) == ["2025-03-19T20:00"]
    assert values(text, SETTINGS.replace(temporal_night_pm_hour=9)) == ["2025-03-19T08:00"]


def test_the_longer_stretch_of_an_earnings_story_is_read():
    # after "the third quarter", "the 10 months" is a longer stretch: "a year earlier" is a year
    text = "Profit rose 5% in the third quarter. For the 10 months, profit was flat, against a loss a year earlier."
    found = [t.value for t in Tagger("en").tag_text(text, date(2025, 11, 3))]
    assert found[-1] == "2024"
    strict = Tagger("en", settings=SETTINGS.replace(temporal_longer_stretch_months=11))
    assert [t.value for t in strict.tag_text(text, date(2025, 11, 3))][-1] == "2024-Q3"


def test_the_tense_windows_are_read_from_the_taggers_settings():
    # "talked" is 7 words before Thursday: a past clause in the default window, no cue in a
    # window of 3 words (the nearest Thursday, a day ahead)
    text = "Officials talked for hours about the new budget plan on Thursday."
    narrow = SETTINGS.replace(tense_window_left=3)
    assert [(t.value, t.direction) for t in Tagger("en").tag_text(text, DCT)][-1] == ("2025-03-13", "past")
    assert [(t.value, t.direction) for t in Tagger("en", settings=narrow).tag_text(text, DCT)][-1] == ("2025-03-20", "")
    assert values(text) == [t.value for t in tag_time(text, DCT)]  # the shared default is untouched


def test_the_component_passes_its_settings_to_the_tense_reading():
    import spacy

    from timeline.temporal.component import TemporalTagger

    nlp = spacy.blank("en")
    text = "Officials talked for hours about the new budget plan on Thursday."
    found = {}
    for name, settings in (("default", SETTINGS), ("narrow", SETTINGS.replace(tense_window_left=3))):
        doc = nlp(text)
        doc._.dct = DCT
        found[name] = [t.value for t in TemporalTagger(nlp, "temporal", "en", "MDY", settings).tag(doc)][-1]
    assert found == {"default": "2025-03-13", "narrow": "2025-03-20"}


def test_the_rule_pass_and_the_numeric_pivot_read_the_taggers_settings():
    text = "Talks ended at the end of March."
    assert [t.mod for t in Tagger("en").tag_text(text, DCT)] == ["END"]
    assert [t.mod for t in Tagger("en", settings=SETTINGS.replace(temporal_modifier_lookback=5)).tag_text(text, DCT)] == [""]
    assert values("Signed 17/03/55 in Paris.") == ["1955-03-17"]
    assert values("Signed 17/03/55 in Paris.", SETTINGS.replace(temporal_numeric_year_pivot=60)) == ["2055-03-17"]
