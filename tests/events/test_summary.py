"""Summaries from hand-parsed sentences (UD relations, as the shipped model produces)."""
from datetime import date

from timeline.events.summary import clause_summary, cut_words, sentence_summary

FIN_PAST = "Tense=Past|VerbForm=Fin"


def summary_of(doc, text):
    at = doc.text.index(text)
    return clause_summary(doc, at, at + len(text))


# "Army leaders will gather on Friday to plan the first steps for the alliance,
#  which would try to prevent new attacks."
GATHER = [
    ("Army", 1, "compound", "NOUN"), ("leaders", 3, "nsubj", "NOUN"), ("will", 3, "aux", "AUX"),
    ("gather", 3, "ROOT", "VERB"), ("on", 5, "case", "ADP"), ("Friday", 3, "obl", "PROPN"),
    ("to", 7, "mark", "PART"), ("plan", 3, "advcl", "VERB"), ("the", 10, "det", "DET"),
    ("first", 10, "amod", "ADJ"), ("steps", 7, "obj", "NOUN"), ("for", 13, "case", "ADP"),
    ("the", 13, "det", "DET"), ("alliance", 10, "nmod", "NOUN"), (",", 17, "punct", "PUNCT"),
    ("which", 17, "nsubj", "PRON"), ("would", 17, "aux", "AUX"), ("try", 13, "acl:relcl", "VERB"),
    ("to", 19, "mark", "PART"), ("prevent", 17, "xcomp", "VERB"), ("new", 21, "amod", "ADJ"),
    ("attacks", 19, "obj", "NOUN"), (".", 3, "punct", "PUNCT"),
]


def test_clause_keeps_purpose_and_drops_relative_clause(make_doc):
    doc = make_doc(GATHER)
    assert summary_of(doc, "on Friday") == "Army leaders will gather on Friday to plan the first steps for the alliance"


# "News of the plan emerged after Prime Minister Jane Doe held a weekend video call with partners."
EMERGED = [
    ("News", 4, "nsubj", "NOUN"), ("of", 3, "case", "ADP"), ("the", 3, "det", "DET"),
    ("plan", 0, "nmod", "NOUN"), ("emerged", 4, "ROOT", "VERB"), ("after", 10, "mark", "SCONJ"),
    ("Prime", 7, "compound", "PROPN"), ("Minister", 9, "compound", "PROPN"),
    ("Jane", 9, "compound", "PROPN"), ("Doe", 10, "nsubj", "PROPN"), ("held", 4, "advcl", "VERB", FIN_PAST),
    ("a", 14, "det", "DET"), ("weekend", 14, "compound", "NOUN"), ("video", 14, "compound", "NOUN"),
    ("call", 10, "obj", "NOUN"), ("with", 16, "case", "ADP"), ("partners", 14, "nmod", "NOUN"),
    (".", 4, "punct", "PUNCT"),
]


def test_expression_inside_a_noun_phrase_takes_the_verb_of_its_clause(make_doc):
    doc = make_doc(EMERGED)
    assert summary_of(doc, "weekend") == "Prime Minister Jane Doe held a weekend video call with partners"


# "President Smith is expected to talk to his rival Mr Jones on Tuesday, as the envoy continues his efforts."
EXPECTED = [
    ("President", 1, "compound", "PROPN"), ("Smith", 3, "nsubj:pass", "PROPN"),
    ("is", 3, "aux:pass", "AUX"), ("expected", 3, "ROOT", "VERB"), ("to", 5, "mark", "PART"),
    ("talk", 3, "xcomp", "VERB"), ("to", 8, "case", "ADP"), ("his", 8, "nmod:poss", "PRON"),
    ("rival", 5, "obl", "NOUN"), ("Mr", 10, "compound", "PROPN"), ("Jones", 8, "appos", "PROPN"),
    ("on", 12, "case", "ADP"), ("Tuesday", 5, "obl", "PROPN"), (",", 3, "punct", "PUNCT"),
    ("as", 17, "mark", "SCONJ"), ("the", 16, "det", "DET"), ("envoy", 17, "nsubj", "NOUN"),
    ("continues", 3, "advcl", "VERB"), ("his", 19, "nmod:poss", "PRON"), ("efforts", 17, "obj", "NOUN"),
    (".", 3, "punct", "PUNCT"),
]


def test_open_complement_climbs_to_the_clause_with_a_subject(make_doc):
    doc = make_doc(EXPECTED)
    assert summary_of(doc, "on Tuesday") == "President Smith is expected to talk to his rival Mr Jones on Tuesday"


# "The summit, which opens on Monday, will be held in Oslo."
SUMMIT = [
    ("The", 1, "det", "DET"), ("summit", 10, "nsubj:pass", "NOUN"), (",", 4, "punct", "PUNCT"),
    ("which", 4, "nsubj", "PRON"), ("opens", 1, "acl:relcl", "VERB"), ("on", 6, "case", "ADP"),
    ("Monday", 4, "obl", "PROPN"), (",", 4, "punct", "PUNCT"), ("will", 10, "aux", "AUX"),
    ("be", 10, "aux:pass", "AUX"), ("held", 10, "ROOT", "VERB"), ("in", 12, "case", "ADP"),
    ("Oslo", 10, "obl", "PROPN"), (".", 10, "punct", "PUNCT"),
]


def test_relative_clause_gets_its_noun_instead_of_the_pronoun(make_doc):
    doc = make_doc(SUMMIT)
    assert summary_of(doc, "on Monday") == "The summit opens on Monday"
    assert summary_of(doc, "Oslo") == "The summit will be held in Oslo"


# "The ministers met on Monday and will meet again on Friday."
MET = [
    ("The", 1, "det", "DET"), ("ministers", 2, "nsubj", "NOUN"), ("met", 2, "ROOT", "VERB", FIN_PAST),
    ("on", 4, "case", "ADP"), ("Monday", 2, "obl", "PROPN"), ("and", 7, "cc", "CCONJ"),
    ("will", 7, "aux", "AUX"), ("meet", 2, "conj", "VERB"), ("again", 7, "advmod", "ADV"),
    ("on", 10, "case", "ADP"), ("Friday", 7, "obl", "PROPN"), (".", 2, "punct", "PUNCT"),
]


def test_coordinated_clauses_are_split_and_share_the_subject(make_doc):
    doc = make_doc(MET)
    assert summary_of(doc, "on Monday") == "The ministers met on Monday"
    assert summary_of(doc, "on Friday") == "The ministers will meet again on Friday"


def test_aux_is_borrowed_only_when_the_conjunct_has_none(make_doc):
    # "Delegates will arrive on Monday and leave on Friday."
    doc = make_doc([
        ("Delegates", 2, "nsubj", "NOUN"), ("will", 2, "aux", "AUX"), ("arrive", 2, "ROOT", "VERB"),
        ("on", 4, "case", "ADP"), ("Monday", 2, "obl", "PROPN"), ("and", 6, "cc", "CCONJ"),
        ("leave", 2, "conj", "VERB"), ("on", 8, "case", "ADP"), ("Friday", 6, "obl", "PROPN"),
        (".", 2, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "on Friday") == "Delegates will leave on Friday"


# "“The talks went well on Saturday,” she said."  (quote closed, reported clause)
QUOTE = [
    ("“", 4, "punct", "PUNCT"), ("The", 2, "det", "DET"), ("talks", 3, "nsubj", "NOUN"),
    ("went", 10, "ccomp", "VERB", FIN_PAST), ("well", 3, "advmod", "ADV"), ("on", 6, "case", "ADP"),
    ("Saturday", 3, "obl", "PROPN"), (",", 3, "punct", "PUNCT"), ("”", 3, "punct", "PUNCT"),
    ("she", 10, "nsubj", "PRON"), ("said", 10, "ROOT", "VERB", FIN_PAST), (".", 10, "punct", "PUNCT"),
]


def test_unbalanced_quotes_and_dangling_commas_are_removed(make_doc):
    rows = [list(r) for r in QUOTE]
    rows[0][1] = 3
    doc = make_doc([tuple(r) for r in rows])
    assert summary_of(doc, "on Saturday") == "The talks went well on Saturday"


def test_nominal_predicate_is_its_own_clause(make_doc):
    # "The vote is on Thursday, officials said."
    doc = make_doc([
        ("The", 1, "det", "DET"), ("vote", 4, "nsubj", "NOUN"), ("is", 4, "cop", "AUX"),
        ("on", 4, "case", "ADP"), ("Thursday", 4, "ROOT", "PROPN"), (",", 4, "punct", "PUNCT"),
        ("officials", 7, "nsubj", "NOUN"), ("said", 4, "parataxis", "VERB"), (".", 4, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "on Thursday") == "The vote is on Thursday"


def test_long_clause_is_trimmed_to_the_word_limit(make_doc):
    # "Officials met on Monday with envoys from Chad, envoys from Peru, ..." (a long list of modifiers)
    rows = [("Officials", 1, "nsubj", "NOUN"), ("met", 1, "ROOT", "VERB", FIN_PAST),
            ("on", 3, "case", "ADP"), ("Monday", 1, "obl", "PROPN")]
    for place in ["Chad", "Peru", "Fiji", "Laos", "Mali", "Oman", "Togo", "Iran", "Cuba", "Iraq"]:
        n = len(rows)
        rows += [("with", n + 1, "case", "ADP"), ("envoys", 1, "obl", "NOUN"),
                 ("from", n + 3, "case", "ADP"), (place, n + 1, "nmod", "PROPN")]
    rows.append((".", 1, "punct", "PUNCT"))
    doc = make_doc(rows)
    text = summary_of(doc, "on Monday")
    assert text == "Officials met on Monday"
    assert len(text.split()) <= 25


def test_cut_words_keeps_the_expression_in_view():
    words = [f"w{i}" for i in range(60)]
    text = " ".join(words[:40] + ["next", "Friday"] + words[40:])
    cut = cut_words(text, "next Friday", limit=10)
    assert "next Friday" in cut and cut.startswith("…") and cut.endswith("…")
    assert len(cut.strip("…").split()) == 10
    assert cut_words("short text here", "here", limit=10) == "short text here"


def test_sentence_summary_without_a_parse_cuts_at_a_word_boundary():
    sentence = ("Leaders from many countries said on Sunday that they were ready to send help " * 3).strip()
    at = sentence.index("on Sunday")
    text = sentence_summary(sentence, at, at + 9, limit=12)
    assert text.startswith("Leaders from many countries said on Sunday") and text.endswith("…")
    assert len(text.rstrip("…").split()) == 12
    assert sentence_summary("They met on Sunday.", 8, 17) == "They met on Sunday."


def test_subjectless_finite_clause_falls_back_to_the_sentence_phrase(make_doc):
    # A parse gone astray: "said" has no subject, the speaker hangs elsewhere.
    # "The envoy said on Sunday, there would be more talks."
    doc = make_doc([
        ("The", 1, "det", "DET"), ("envoy", 2, "obl", "NOUN"),
        ("said", 2, "ROOT", "VERB", FIN_PAST), ("on", 4, "case", "ADP"), ("Sunday", 2, "obl", "PROPN"),
        (",", 7, "punct", "PUNCT"), ("there", 7, "expl", "PRON"), ("would", 7, "aux", "AUX"),
        ("be", 2, "advcl", "AUX", "VerbForm=Inf"), ("more", 9, "amod", "ADJ"), ("talks", 8, "nsubj", "NOUN"),
        (".", 2, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "on Sunday") == "The envoy said on Sunday"


def test_as_of_keeps_its_preposition(make_doc):
    # "As of Monday, no charges were filed."
    doc = make_doc([
        ("As", 2, "case", "ADP"), ("of", 2, "case", "ADP"), ("Monday", 7, "obl", "PROPN"),
        (",", 2, "punct", "PUNCT"), ("no", 5, "det", "DET"), ("charges", 7, "nsubj:pass", "NOUN"),
        ("were", 7, "aux:pass", "AUX", FIN_PAST), ("filed", 7, "ROOT", "VERB", "Tense=Past|VerbForm=Part"),
        (".", 7, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "Monday") == "As of Monday, no charges were filed"


def test_reported_speech_after_a_colon_is_cut_off(make_doc):
    # "An aide told reporters on Monday: the plan stands."
    doc = make_doc([
        ("An", 1, "det", "DET"), ("aide", 2, "nsubj", "NOUN"), ("told", 2, "ROOT", "VERB", FIN_PAST),
        ("reporters", 2, "obj", "NOUN"), ("on", 5, "case", "ADP"), ("Monday", 2, "obl", "PROPN"),
        (":", 9, "punct", "PUNCT"), ("the", 8, "det", "DET"), ("plan", 9, "nsubj", "NOUN"),
        ("stands", 2, "ccomp", "VERB", "Tense=Pres|VerbForm=Fin"), (".", 2, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "on Monday") == "An aide told reporters on Monday"


def test_a_subordinate_clause_with_a_wrong_label_is_still_dropped(make_doc):
    rows = [list(r) for r in EXPECTED]
    rows[17][2:4] = ["obl", "NOUN"]  # "continues" misread as an oblique noun
    rows[17][1] = 5
    doc = make_doc([tuple(r) for r in rows])
    assert summary_of(doc, "on Tuesday") == "President Smith is expected to talk to his rival Mr Jones on Tuesday"


def test_a_clause_joined_by_and_but_read_as_adverbial_borrows_the_subject(make_doc):
    # "The car was seen on Monday, and was found on Friday."  ("found" misread as advcl)
    doc = make_doc([
        ("The", 1, "det", "DET"), ("car", 3, "nsubj:pass", "NOUN"), ("was", 3, "aux:pass", "AUX", FIN_PAST),
        ("seen", 3, "ROOT", "VERB", "Tense=Past|VerbForm=Part"), ("on", 5, "case", "ADP"),
        ("Monday", 3, "obl", "PROPN"), (",", 9, "punct", "PUNCT"), ("and", 9, "cc", "CCONJ"),
        ("was", 9, "aux:pass", "AUX", FIN_PAST), ("found", 3, "advcl", "VERB", "Tense=Past|VerbForm=Part"),
        ("on", 11, "case", "ADP"), ("Friday", 9, "obl", "PROPN"), (".", 3, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "on Friday") == "The car was found on Friday"
    assert summary_of(doc, "on Monday") == "The car was seen on Monday"


def test_a_relative_clause_cut_from_its_noun_is_not_a_summary(make_doc):
    # "He praised Ann Lee, who won the vote in 2018."  ("won" misread as parataxis)
    doc = make_doc([
        ("He", 1, "nsubj", "PRON"), ("praised", 1, "ROOT", "VERB", FIN_PAST), ("Ann", 2, "obj", "PROPN"),
        ("Lee", 2, "flat", "PROPN"), (",", 6, "punct", "PUNCT"), ("who", 6, "nsubj", "PRON"),
        ("won", 1, "parataxis", "VERB", FIN_PAST), ("the", 8, "det", "DET"), ("vote", 6, "obj", "NOUN"),
        ("in", 10, "case", "ADP"), ("2018", 6, "obl", "NUM"), (".", 1, "punct", "PUNCT"),
    ])
    assert summary_of(doc, "2018") == "He praised Ann Lee, who won the vote in 2018"


# "Trump is expected to speak to his counterpart Vladimir Putin on Tuesday, as the president
#  continues his attempts." as the shipped model misparsed it: "Vladimir Putin" the subject of
#  "continues", "on Tuesday" a modifier of the name.
MISPARSED = [
    ("Trump", 2, "nsubj:pass", "PROPN"), ("is", 2, "aux:pass", "AUX", "Tense=Pres|VerbForm=Fin"),
    ("expected", 2, "ROOT", "VERB"), ("to", 4, "mark", "PART"), ("speak", 2, "xcomp", "VERB"),
    ("to", 7, "case", "ADP"), ("his", 7, "nmod:poss", "PRON"), ("counterpart", 4, "obl", "NOUN"),
    ("Vladimir", 17, "nsubj", "PROPN"), ("Putin", 8, "flat", "PROPN"), ("on", 11, "case", "ADP"),
    ("Tuesday", 8, "nmod", "PROPN"), (",", 17, "punct", "PUNCT"), ("as", 17, "mark", "SCONJ"),
    ("the", 15, "det", "DET"), ("president", 17, "nsubj", "NOUN"), ("really", 17, "advmod", "ADV"),
    ("continues", 2, "conj", "VERB", "Tense=Pres|VerbForm=Fin"), ("his", 19, "nmod:poss", "PRON"),
    ("attempts", 17, "obj", "NOUN"), (".", 2, "punct", "PUNCT"),
]


# "On Saturday, Caloundra defeated Maroochydore in round 3." as the shipped model misparsed it:
# "defeated" an adjective of "Maroochydore", with "Caloundra" its subject
AMOD = [
    ("On", 1, "case", "ADP"), ("Saturday", 4, "obl", "PROPN"), (",", 1, "punct", "PUNCT"),
    ("Caloundra", 4, "nsubj", "PROPN"), ("defeated", 5, "amod", "VERB", FIN_PAST),
    ("Maroochydore", 5, "ROOT", "PROPN"), ("in", 7, "case", "ADP"), ("round", 5, "nmod", "NOUN"),
    ("3", 7, "nummod", "NUM"), (".", 5, "punct", "PUNCT"),
]


def test_a_subject_on_a_modifier_is_a_misparse_and_the_sentence_is_kept(make_doc):
    assert summary_of(make_doc(AMOD), "On Saturday") == "On Saturday, Caloundra defeated Maroochydore in round 3"


def test_a_verb_with_two_subjects_is_a_misparse_and_the_opening_phrase_is_kept(make_doc):
    doc = make_doc(MISPARSED)
    assert summary_of(doc, "on Tuesday") == \
        "Trump is expected to speak to his counterpart Vladimir Putin on Tuesday"


# "There were talks on Monday." : an expletive and a subject are one subject
THERE = [
    ("There", 1, "expl", "PRON"), ("were", 1, "ROOT", "VERB", FIN_PAST), ("talks", 1, "nsubj", "NOUN"),
    ("on", 4, "case", "ADP"), ("Monday", 1, "obl", "PROPN"), (".", 1, "punct", "PUNCT"),
]


def test_an_expletive_is_not_a_second_subject(make_doc):
    assert summary_of(make_doc(THERE), "on Monday") == "There were talks on Monday"


# "The governor of Louisiana, a state on the Gulf, declared an emergency on Thursday."
APPOS = [
    ("The", 1, "det", "DET"), ("governor", 12, "nsubj", "NOUN"), ("of", 3, "case", "ADP"),
    ("Louisiana", 1, "nmod", "PROPN"), (",", 6, "punct", "PUNCT"), ("a", 6, "det", "DET"),
    ("state", 3, "appos", "NOUN"), ("on", 9, "case", "ADP"), ("the", 9, "det", "DET"),
    ("Gulf", 6, "nmod", "PROPN"), (",", 12, "punct", "PUNCT"), ("also", 12, "advmod", "ADV"),
    ("declared", 12, "ROOT", "VERB", FIN_PAST), ("an", 14, "det", "DET"), ("emergency", 12, "obj", "NOUN"),
    ("for", 18, "case", "ADP"), ("the", 18, "det", "DET"), ("whole", 18, "amod", "ADJ"),
    ("state", 12, "obl", "NOUN"), ("and", 23, "cc", "CCONJ"), ("its", 21, "nmod:poss", "PRON"),
    ("coast", 23, "nsubj", "NOUN"), ("was", 23, "aux", "AUX", FIN_PAST), ("braced", 12, "conj", "VERB"),
    ("on", 25, "case", "ADP"), ("Thursday", 12, "obl", "PROPN"), (".", 12, "punct", "PUNCT"),
]


def test_a_dropped_aside_takes_both_its_commas(make_doc):
    from timeline.events.summary import _tidy, render

    doc = make_doc(APPOS)
    aside = set(range(4, 10))  # ", a state on the Gulf": what the length tiers drop first
    keep = set(range(len(doc))) - aside
    text = render(doc, _tidy(doc, keep, range(24, 26)))
    assert text.startswith("The governor of Louisiana also declared an emergency"), text
    assert render(doc, [doc[3], doc[10], doc[11]]) == "Louisiana, also"  # no space before a mark after a cut


# "Since 1983, Westinghouse has shed 70 businesses."
SINCE = [
    ("Since", 1, "case", "ADP"), ("1983", 5, "obl", "NUM"), (",", 1, "punct", "PUNCT"),
    ("Westinghouse", 5, "nsubj", "PROPN"), ("has", 5, "aux", "AUX", "Tense=Pres|VerbForm=Fin"),
    ("shed", 5, "ROOT", "VERB"), ("70", 7, "nummod", "NUM"), ("businesses", 5, "obj", "NOUN"),
    (".", 5, "punct", "PUNCT"),
]


def test_the_expressions_own_preposition_is_kept_at_the_start(make_doc):
    assert summary_of(make_doc(SINCE), "1983") == "Since 1983, Westinghouse has shed 70 businesses"


# "She serves as senator; in 2009, she was appointed to the seat." with "in 2009" attached to
# "serves" across the semicolon
SEMI = [
    ("She", 1, "nsubj", "PRON"), ("serves", 1, "ROOT", "VERB", "Tense=Pres|VerbForm=Fin"),
    ("as", 3, "case", "ADP"), ("senator", 1, "obl", "NOUN"), (";", 1, "punct", "PUNCT"),
    ("in", 6, "case", "ADP"), ("2009", 1, "obl", "NUM"), (",", 6, "punct", "PUNCT"),
    ("she", 10, "nsubj:pass", "PRON"), ("was", 10, "aux:pass", "AUX", FIN_PAST),
    ("appointed", 1, "parataxis", "VERB"), ("to", 13, "case", "ADP"), ("the", 13, "det", "DET"),
    ("seat", 10, "obl", "NOUN"), (".", 1, "punct", "PUNCT"),
]


def test_an_expression_across_a_semicolon_from_its_verb_takes_its_own_clause(make_doc):
    assert summary_of(make_doc(SEMI), "2009") == "In 2009, she was appointed to the seat"
