import pytest

from tests.nlp.helpers import annotate, ents_of


def test_title_and_surname_gives_the_name_only(rules_nlp):
    doc = annotate(rules_nlp, "Yesterday Mr Putin met Sir Keir Starmer and Mrs. Thatcher.")
    assert ents_of(doc) == [("Putin", "PERSON"), ("Keir Starmer", "PERSON"), ("Thatcher", "PERSON")]


def test_a_titled_name_may_open_with_particles(rules_nlp):
    doc = annotate(rules_nlp, "Ms von der Leyen met Mr de Gaulle.", ents=[("Ms von der Leyen", "GPE")])
    assert ents_of(doc) == [("von der Leyen", "PERSON"), ("de Gaulle", "PERSON")]
    # particles with no name after them make no name
    assert ents_of(annotate(rules_nlp, "Ask Mr van der if you can.")) == []


def test_multi_word_titles(rules_nlp):
    doc = annotate(rules_nlp, "Prime Minister Keir Starmer called President Trump and Foreign Secretary David Lammy.")
    assert ents_of(doc) == [("Keir Starmer", "PERSON"), ("Trump", "PERSON"), ("David Lammy", "PERSON")]


def test_statistical_person_loses_its_title(rules_nlp):
    doc = annotate(rules_nlp, "Envoy Steve Witkoff and Sir Keir left.",
                   ents=[("Envoy Steve Witkoff", "PERSON"), ("Sir Keir", "PERSON")])
    assert ents_of(doc) == [("Steve Witkoff", "PERSON"), ("Keir", "PERSON")]


def test_title_overrides_a_wrong_statistical_label(rules_nlp):
    doc = annotate(rules_nlp, "Mr Zelensky spoke.", ents=[("Zelensky", "GPE")])
    assert ents_of(doc) == [("Zelensky", "PERSON")]


def test_no_person_without_a_capitalised_name(rules_nlp):
    doc = annotate(rules_nlp, "The President said the Prime Minister of Spain and the mr x were late.")
    assert [e for e in doc.ents if e.label_ == "PERSON"] == []


def test_title_alone_is_kept_when_nothing_follows(rules_nlp):
    doc = annotate(rules_nlp, "Thank you, Sir.", ents=[("Sir", "PERSON")])
    assert ents_of(doc) == [("Sir", "PERSON")]


def test_titled_name_mislabelled_as_organisation_becomes_the_person(rules_nlp):
    doc = annotate(rules_nlp, "Chancellor Olaf Scholz met the Bank of England board.",
                   ents=[("Chancellor Olaf Scholz", "ORG"), ("Bank of England", "ORG")])
    assert ents_of(doc) == [("Olaf Scholz", "PERSON"), ("Bank of England", "ORG")]


def test_a_titled_surname_makes_its_other_mentions_persons(rules_nlp):
    doc = annotate(rules_nlp, "Volodymyr Zelensky spoke in Kyiv. Later Mr Zelensky said Zelensky's aides agreed.",
                   ents=[("Volodymyr Zelensky", "GPE"), ("Kyiv", "GPE")])
    assert ents_of(doc) == [("Volodymyr Zelensky", "PERSON"), ("Kyiv", "GPE"), ("Zelensky", "PERSON"),
                            ("Zelensky", "PERSON")]


def test_an_untitled_surname_is_left_as_the_model_labelled_it(rules_nlp):
    # "Vorlan" is no listed given name, so only a title could make this a person
    doc = annotate(rules_nlp, "Vorlan Zelensky spoke. Mr Putin listened.", ents=[("Vorlan Zelensky", "GPE")])
    assert ents_of(doc) == [("Vorlan Zelensky", "GPE"), ("Putin", "PERSON")]


def test_a_titled_month_name_makes_no_month_a_person(rules_nlp):
    doc = annotate(rules_nlp, "Mrs March will stand down in March.")
    assert ents_of(doc) == [("March", "PERSON")] and doc.ents[0].start == 1


def test_a_statistical_entity_that_cuts_a_titled_name_gives_way(rules_nlp):
    text = "His wife First Lady Melania Trump tested positive."
    doc = annotate(rules_nlp, text, ents=[("First Lady Melania", "ORG")])
    assert ("Melania Trump", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    assert "First Lady Melania" not in {e.text for e in doc.ents}


def test_a_given_name_left_out_of_a_person_joins_it(rules_nlp):
    doc = annotate(rules_nlp, "Ukrainian president Volodymyr Zelensky spoke.", ents=[("Zelensky", "PERSON")],
                   propn={"Volodymyr", "Zelensky"})
    assert ents_of(doc) == [("Ukrainian", "NORP"), ("Volodymyr Zelensky", "PERSON")]


def test_no_given_name_from_a_weekday_a_place_or_a_title(rules_nlp):
    for text in ("On Monday Zelensky spoke.", "In Kyiv Zelensky spoke.", "Envoy Witkoff spoke."):
        surname = text.split()[-2]
        doc = annotate(rules_nlp, text, ents=[(surname, "PERSON")], propn=set(text.split()))
        assert [e.text for e in doc.ents if e.label_ == "PERSON"] == [surname], text
    # without a tagger's PROPN nothing is joined (and "Vorlan" is no listed given name)
    doc = annotate(rules_nlp, "Vorlan Zelensky spoke.", ents=[("Zelensky", "PERSON")])
    assert ents_of(doc) == [("Zelensky", "PERSON")]


NAMED = [  # text, the model's entities, what the rules make of them
    ("Friedrich Merz met Giorgia Meloni.", [], [("Friedrich Merz", "PERSON"), ("Giorgia Meloni", "PERSON")]),
    ("Keir Starmer will host talks.", [("Keir Starmer", "ORG")], [("Keir Starmer", "PERSON")]),
    ("On Monday Justin Trudeau spoke.", [("Justin", "PERSON")], [("Justin Trudeau", "PERSON")]),
    ("Volodymyr Zelensky spoke.", [("Volodymyr Zelensky", "GPE")], [("Volodymyr Zelensky", "PERSON")]),
    # a common word of one or two letters may be a surname ("un", "ma"), a stop word may not
    ("Kim Jong Un met Putin.", [("Kim Jong", "PERSON")], [("Kim Jong Un", "PERSON")]),
    ("Jack Ma spoke.", [], [("Jack Ma", "PERSON")]),
    ("Justin In Paris spoke.", [], [("Paris", "GPE")]),
    # a family name written first opens a name as a given name does; hyphened given names
    ("Xi Jinping spoke.", [("Xi Jinping", "ORG")], [("Xi Jinping", "PERSON")]),
    ("Moon Jae-in spoke.", [], [("Moon Jae-in", "PERSON")]),
    ("Jean-Pierre Raffarin spoke.", [("Jean", "PERSON")], [("Jean-Pierre Raffarin", "PERSON")]),
    # a listed head word last: an organisation or place, not a person
    ("A former Wang Laboratories plant closed.", [], [("Wang Laboratories", "ORG")]),
    # three words: the last may be a given name too (Erdogan is one in Turkish)
    ("Recep Tayyip Erdogan spoke.", [("Recep Tayyip", "PERSON")], [("Recep Tayyip Erdogan", "PERSON")]),
    # a common word after the given name: no person
    ("The Mahdi Army fought on.", [], [("Mahdi Army", "ORG")]),  # an organisation by its head word
    ("He lives on Sullivan Road.", [], []),
    # the last word a given name too, "the" before it, a listed country in it
    ("Morgan Stanley said so.", [("Morgan Stanley", "ORG")], [("Morgan Stanley", "ORG")]),
    ("She visited the Morgan Library.", [], []),
    ("Justin Canada spoke.", [], [("Canada", "GPE")]),
    # an entity longer than the name is left alone
    ("Giorgia Meloni Foundation staff left.", [("Giorgia Meloni Foundation", "ORG")],
     [("Giorgia Meloni Foundation", "ORG")]),
]


@pytest.mark.parametrize("text,ents,expected", NAMED, ids=[row[0] for row in NAMED])
def test_a_listed_given_name_and_a_surname_make_a_person(rules_nlp, text, ents, expected):
    assert ents_of(annotate(rules_nlp, text, ents=ents)) == expected


PARTICLES = [  # text, the model's entities, what the rules make of them
    ("Ursula von der Leyen spoke.", [("Ursula", "PERSON"), ("Leyen", "PERSON")],
     [("Ursula von der Leyen", "PERSON")]),
    ("President Lula da Silva spoke.", [], [("Lula da Silva", "PERSON")]),
    ("Vincent van Gogh painted.", [("Vincent", "PERSON")], [("Vincent van Gogh", "PERSON")]),
    # a listed place or a common word after the particle is no part of the name
    ("Putin da Paris spoke.", [("Putin", "PERSON")], [("Putin", "PERSON"), ("Paris", "GPE")]),
    ("Merz de Facto spoke.", [("Merz", "PERSON")], [("Merz", "PERSON")]),
    # a particle before an organisation joins nothing
    ("Putin van Nato spoke.", [("Putin", "PERSON"), ("Nato", "ORG")], [("Putin", "PERSON"), ("Nato", "ORG")]),
]


@pytest.mark.parametrize("text,ents,expected", PARTICLES, ids=[row[0] for row in PARTICLES])
def test_lower_case_particles_inside_a_person_name(rules_nlp, text, ents, expected):
    assert ents_of(annotate(rules_nlp, text, ents=ents)) == expected


def test_a_common_plural_opening_a_sentence_is_no_entity(rules_nlp):
    doc = annotate(rules_nlp, "Residents fled Aleppo.", ents=[("Residents", "PERSON"), ("Aleppo", "GPE")],
                   tags={"Residents": "NNS"})
    assert ents_of(doc) == [("Aleppo", "GPE")]
    # a name, a nationality or group, a word inside the sentence: kept
    for text, ent in (("Reuters reported it.", ("Reuters", "ORG")), ("Democrats voted.", ("Democrats", "NORP")),
                      ("Then Residents fled.", ("Residents", "ORG"))):
        doc = annotate(rules_nlp, text, ents=[ent], tags={ent[0]: "NNPS"})
        assert ents_of(doc) == [ent], text


def test_a_statistical_entity_ends_in_no_lower_case_word(rules_nlp):
    doc = annotate(rules_nlp, "North Korean shells were found near Kupiansk village.",
                   ents=[("North Korean shells", "ORG"), ("Kupiansk village", "GPE")])
    assert ents_of(doc) == [("North Korean", "NORP"), ("Kupiansk", "GPE")]


HEADED = [  # text, the model's entities, what the rules make of them
    ("The Orun Basin Authority said so.", [], [("Orun Basin Authority", "ORG")]),
    ("Levels on the Orun River fell.", [("Orun", "GPE")], [("Orun River", "LOC")]),
    ("The Orun River Basin Authority met.", [], [("Orun River Basin Authority", "ORG")]),
    # a plural possessive inside the name; a place's, a person's or a singular's stays out
    ("The National Farmers' Union said so.", [("National Farmers", "ORG")], [("National Farmers' Union", "ORG")]),
    ("The Women's Institute met.", [], [("Women's Institute", "ORG")]),
    ("Russia's Defence Ministry said so.", [("Defence Ministry", "ORG")], [("Russia", "GPE"), ("Defence Ministry", "ORG")]),
    ("Putin's Union spoke.", [("Putin", "PERSON")], [("Putin", "PERSON")]),
    ("Today's Court met.", [], []),
    # one capitalised word, a stop word before the head, a longer entity: nothing new
    ("The Authority said so.", [], []),
    ("Shares of The Bank fell.", [], []),
    ("The Orun River Basin Project began.", [("Orun River Basin Project", "ORG")],
     [("Orun River Basin Project", "ORG")]),
    # a headline in title case names nothing
    ("Great Food And Fast Friendly Service", [], []),
]


@pytest.mark.parametrize("text,ents,expected", HEADED, ids=[row[0] for row in HEADED])
def test_capitalised_words_ending_in_a_listed_head_make_a_name(rules_nlp, text, ents, expected):
    assert ents_of(annotate(rules_nlp, text, ents=ents)) == expected
