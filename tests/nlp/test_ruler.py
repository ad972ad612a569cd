import pytest

from timeline.nlp.ruler import canonical_place, gazetteer_entries, read_table
from tests.nlp.helpers import annotate, ents_of


def test_countries_demonyms_and_organisations(rules_nlp):
    doc = annotate(rules_nlp, "Ukraine, Russia, France and the UK met Nato and EU envoys; "
                              "North Korean, European and Russian officials watched.")
    assert ents_of(doc) == [
        ("Ukraine", "GPE"), ("Russia", "GPE"), ("France", "GPE"), ("UK", "GPE"),
        ("Nato", "ORG"), ("EU", "ORG"),
        ("North Korean", "NORP"), ("European", "NORP"), ("Russian", "NORP"),
    ]


def test_canonical_names_in_entity_ids(rules_nlp):
    doc = annotate(rules_nlp, "Britain and the US talked to NATO in Kiev.")
    assert [(e.text, e.id_) for e in doc.ents] == [
        ("Britain", "United Kingdom"), ("US", "United States"), ("NATO", "Nato"), ("Kiev", "Kyiv")]


def test_downing_street_is_an_organisation(rules_nlp):
    doc = annotate(rules_nlp, "Downing Street said the Kremlin had not replied.")
    assert ents_of(doc) == [("Downing Street", "ORG"), ("Kremlin", "ORG")]


def test_a_name_inside_a_listed_non_name_is_no_name(rules_nlp):
    doc = annotate(rules_nlp, "Labour won. The Ministry of Labour closed for Labour Day.")
    assert [(e.text, e.id_) for e in doc.ents] == [("Labour", "Labour Party")]
    # a statistical entity over the same words is left alone, and has no "-" canonical name
    doc = annotate(rules_nlp, "The Labour Department said so.", ents=[("Labour Department", "ORG")])
    assert ents_of(doc) == [("Labour Department", "ORG")]
    assert canonical_place("Labour Day") is None and canonical_place("Labour") == "Labour Party"


def test_matching_is_case_sensitive(rules_nlp):
    doc = annotate(rules_nlp, "Let us turn the nato china set over.")
    assert ents_of(doc) == []


def test_strong_name_replaces_shorter_or_equal_statistical_entity(rules_nlp):
    doc = annotate(rules_nlp, "North Korean troops joined Nato drills.",
                   ents=[("Korean", "NORP"), ("Nato", "PERSON")])
    assert ents_of(doc) == [("North Korean", "NORP"), ("Nato", "ORG")]


def test_longer_statistical_entity_keeps_the_place_inside_it(rules_nlp):
    doc = annotate(rules_nlp, "The Bank of England raised rates.", ents=[("Bank of England", "ORG")])
    assert ents_of(doc) == [("Bank of England", "ORG")]


def test_weak_city_only_fills_gaps(rules_nlp):
    # Lagos is in the city list (weak): it does not override what the NER found.
    doc = annotate(rules_nlp, "Lagos spoke in Lagos.", ents=[("Lagos", "PERSON")])
    assert ents_of(doc) == [("Lagos", "PERSON"), ("Lagos", "GPE")]


def test_excluded_city_names_are_not_places(rules_nlp):
    doc = annotate(rules_nlp, "Charlotte met Austin in Reading.")
    assert ents_of(doc) == []


def test_canonical_place():
    assert canonical_place("the UK") == "United Kingdom"
    assert canonical_place("Russian Federation") == "Russia"
    assert canonical_place("Atlantis") is None


def test_gazetteer_is_large_and_labelled():
    entries = gazetteer_entries()
    assert len(entries) > 2000
    assert {label for label, _, _ in entries.values()} <= {"GPE", "LOC", "NORP", "ORG", "FAC", "-"}
    assert entries["Ukrainian"][:2] == ("NORP", "Ukrainian")
    assert entries["Paris"][2] is True  # capitals are strong


def test_bad_table_line_names_file_and_line(tmp_path):
    table = tmp_path / "bad.tsv"
    table.write_text("# comment\nUK\tGPE\tUnited Kingdom\nno tabs here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:3"):
        read_table(table)


def test_a_place_run_into_the_name_after_it_is_split_off(rules_nlp):
    text = "United States Senator from Vermont Bernie Sanders won, and the President of the United States Donald Trump spoke."
    doc = annotate(rules_nlp, text, ents=[("Vermont Bernie Sanders", "GPE"), ("United States Donald Trump", "PERSON")])
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Vermont", "GPE"), ("Bernie Sanders", "PERSON"), ("United States", "GPE"), ("Donald Trump", "PERSON")} <= found


def test_a_name_that_opens_with_a_place_name_stays_whole(rules_nlp):
    doc = annotate(rules_nlp, "Actor Chad Michael Murray arrived.", ents=[("Chad Michael Murray", "PERSON")])
    assert ("Chad Michael Murray", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    doc = annotate(rules_nlp, "He sold shares of London Stock Exchange.", ents=[("London Stock Exchange", "ORG")])
    assert ("London Stock Exchange", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_a_possessive_place_in_front_of_a_name_is_split_off(rules_nlp):
    text = "The United Kingdom's Queen Elizabeth spoke before the America's Cup race."
    doc = annotate(rules_nlp, text, ents=[("United Kingdom's Queen Elizabeth", "PERSON"), ("America's Cup", "ORG")])
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("United Kingdom", "GPE"), ("Queen Elizabeth", "PERSON"), ("America's Cup", "ORG")} <= found


def test_seas_and_gulfs_are_whole_places(rules_nlp):
    doc = annotate(rules_nlp, "A storm formed over the Gulf of Mexico and ships left the Black Sea.",
                   ents=[("Gulf", "GPE"), ("Mexico", "GPE")])
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("Gulf of Mexico", "LOC"), ("Black Sea", "LOC")} <= found and ("Mexico", "GPE") not in found
