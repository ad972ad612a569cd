from timeline.nlp import actor_names
from tests.nlp.helpers import annotate


def names(doc):
    return [(span.text, name) for span, name in sorted(actor_names(doc).items(), key=lambda kv: kv[0].start)]


def test_surname_and_title_forms_join_the_full_name(rules_nlp):
    text = "Mr Putin spoke first. Vladimir Putin then left, and Putin's aide stayed."
    doc = annotate(rules_nlp, text, ents=[("Vladimir Putin", "PERSON"), ("Putin's", "PERSON")])
    assert names(doc) == [("Putin", "Vladimir Putin"), ("Vladimir Putin", "Vladimir Putin"),
                          ("Putin's", "Vladimir Putin")]


def test_first_name_after_sir_joins_the_full_name(rules_nlp):
    doc = annotate(rules_nlp, "Keir Starmer arrived. Later Sir Keir spoke.", ents=[("Keir Starmer", "PERSON")])
    assert names(doc) == [("Keir Starmer", "Keir Starmer"), ("Keir", "Keir Starmer")]


def test_a_hyphenated_name_keeps_its_hyphen(rules_nlp):
    doc = annotate(rules_nlp, "Al-Assad spoke first. Then President Bashar al-Assad left.",
                   ents=[("Al-Assad", "PERSON"), ("Bashar al-Assad", "PERSON")])
    assert [n for _, n in names(doc)] == ["Bashar al-Assad", "Bashar al-Assad"]


def test_longest_full_name_wins(rules_nlp):
    text = "Donald J. Trump signed. Donald Trump spoke; Trump agreed."
    doc = annotate(rules_nlp, text, ents=[("Donald J. Trump", "PERSON"), ("Donald Trump", "PERSON"),
                                          ("Trump agreed", "PERSON")])
    doc.ents = list(doc.ents[:2]) + [doc[-3:-2].char_span(0, 5, label="PERSON")]
    assert [n for _, n in names(doc)] == ["Donald J. Trump"] * 3


def test_ambiguous_surname_goes_to_the_most_frequent_full_name(rules_nlp):
    text = "Melania Trump smiled. Donald Trump spoke. Later Donald Trump left and Trump waved."
    doc = rules_nlp.make_doc(text)
    spans = [doc.char_span(m.start(), m.end(), label="PERSON")
             for m in __import__("re").finditer(r"Melania Trump|Donald Trump|(?<= and )Trump", text)]
    doc.ents = spans
    assert [n for _, n in names(doc)] == ["Melania Trump", "Donald Trump", "Donald Trump", "Donald Trump"]


def test_unrelated_people_stay_apart(rules_nlp):
    doc = annotate(rules_nlp, "Steve Witkoff met Volodymyr Zelensky.",
                   ents=[("Steve Witkoff", "PERSON"), ("Volodymyr Zelensky", "PERSON")])
    assert names(doc) == [("Steve Witkoff", "Steve Witkoff"), ("Volodymyr Zelensky", "Volodymyr Zelensky")]


def test_countries_take_canonical_names(rules_nlp):
    doc = annotate(rules_nlp, "The UK and Britain and the United Kingdom agree.", ents=[("the United Kingdom", "GPE")])
    assert [n for _, n in names(doc)] == ["United Kingdom"] * 3


def test_other_entities_keep_tidy_text(rules_nlp):
    doc = annotate(rules_nlp, "The Acme Widgets board met.", ents=[("The Acme Widgets", "ORG")])
    assert names(doc) == [("The Acme Widgets", "Acme Widgets")]


def test_a_full_name_outside_the_entities_is_found_in_the_text(rules_nlp):
    """The model did not tag "Anna Berg" (a sentence it did not analyse); "Berg" still joins it."""
    text = "Anna Berg runs the agency. On Monday Berg resigned, and General Holt and Hurricane Ida left."
    doc = annotate(rules_nlp, text, ents=[("Berg resigned", "PERSON")])
    doc.ents = [doc.char_span(text.index("Berg resigned"), text.index("Berg resigned") + 4, label="PERSON"),
                doc.char_span(text.index("Holt"), text.index("Holt") + 4, label="PERSON"),
                doc.char_span(text.index("Ida"), text.index("Ida") + 3, label="PERSON")]
    assert names(doc) == [("Berg", "Anna Berg"), ("Holt", "Holt"), ("Ida", "Ida")]


def test_a_title_weekday_or_place_before_a_surname_is_no_first_name(rules_nlp):
    text = "Ambassador Lee spoke. Monday Lee left. France Lee won. The Lee family met."
    doc = rules_nlp.make_doc(text)
    doc.ents = [doc.char_span(m.start(), m.end(), label="PERSON")
                for m in __import__("re").finditer(r"(?<=Ambassador )Lee", text)]
    assert names(doc) == [("Lee", "Lee")]


def test_a_full_name_with_a_middle_initial_is_found_in_the_text(rules_nlp):
    text = "John C. Marous, the chairman, spoke. Mr. Marous said sales rose."
    doc = rules_nlp.make_doc(text)
    at = text.index("Marous said")
    doc.ents = [doc.char_span(at, at + 6, label="PERSON")]
    assert names(doc) == [("Marous", "John C. Marous")]


def test_a_dateline_place_in_capitals_takes_its_canonical_name(rules_nlp):
    doc = annotate(rules_nlp, "WASHINGTON (AP) -- NATO met.", ents=[("WASHINGTON", "GPE"), ("NATO", "ORG")])
    assert names(doc) == [("WASHINGTON", "Washington"), ("NATO", "Nato")]  # NATO: the gazetteer's own entry
