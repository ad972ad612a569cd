import pytest
import spacy
from spacy.tokens import Doc

from timeline.settings import SETTINGS
from timeline.temporal import tense
from timeline.temporal.tense import tense_in_text, tense_of, words_between

NLP = spacy.blank("en")


def span_of(text: str, target: str):
    doc = NLP.make_doc(text)
    start = text.index(target)
    return doc.char_span(start, start + len(target))


@pytest.mark.parametrize("text, target, expected", [
    ("The ministers will meet on Thursday.", "Thursday", "future"),
    ("The ministers met on Thursday.", "Thursday", "past"),
    ("She is expected to speak on Tuesday.", "Tuesday", "future"),
    ("They're going to vote on Friday.", "Friday", "future"),
    ("He'll arrive on Sunday.", "Sunday", "future"),
    ("The board said on Monday it was done.", "Monday", "past"),
    ("The firm announced on Monday a new plan.", "Monday", "past"),
    ("The dividend is payable Dec. 15 to holders.", "Dec. 15", "future"),
    ("The court will rule by Friday.", "Friday", "future"),
    ("They had left by Friday.", "Friday", None),
    ("Talks were supposed to end by May.", "May", None),
    ("Friday's ruling angered them.", "Friday", "past"),
    # the timetable present points ahead; "says" does not, nor an adjective or a non-finite form
    ("The talks resume on Friday.", "Friday", "future"),
    ("The treaty takes effect on Tuesday.", "Tuesday", "future"),
    ("The ceasefire begins on Saturday, officials said.", "Saturday", "future"),
    ("The new law comes into force on Monday.", "Monday", "future"),
    ("The minister says on Monday that talks failed.", "Monday", "present"),
    ("They settled the last open questions on Sunday.", "Sunday", "past"),
    ("The ceasefire was expected to begin on Monday.", "Monday", "later"),
    ("The talks did not begin on Monday.", "Monday", "past"),
    ("He died on Saturday at home, reportedly due to illness.", "Saturday", "past"),
    ("The vote is set to be held in May.", "May", "future"),
    ("The vote will be held in May.", "May", "future"),
    ("The appeal is heard in June, lawyers say.", "June", "present"),
    ("The appeal was heard in June.", "June", "past"),
    # a decimal point is no sentence end: the past verb before "$5.2 million" still counts
    ("It said it earned $5.2 million in the first quarter.", "the first quarter", "past"),
    ("Profit jumped to a record in the first quarter.", "the first quarter", "past"),
    ("Holders of record Dec. 15 get the dividend.", "Dec. 15", "future"),
])
def test_word_cues(text, target, expected):
    assert tense_of(span_of(text, target)) == expected


def test_token_list_is_accepted():
    span = span_of("They met on Thursday.", "Thursday")
    assert tense_of(list(span)) == "past"
    assert tense_of([]) is None


def test_morphology_is_used_when_present():
    words = ["They", "gather", "in", "town", "on", "Friday", "."]
    doc = Doc(NLP.vocab, words=words, pos=["PRON", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
              morphs=["", "Tense=Past|VerbForm=Fin", "", "", "", "", ""])
    # the word "gather" alone is no past cue; the annotation says it is past
    assert tense_of(doc[5:6]) == "past"
    plain = NLP.make_doc("They gather in town on Friday.")
    assert tense_of(plain[5:6]) is None


def test_parse_is_used_when_present():
    words = ["Chiefs", "will", "meet", "on", "Thursday", "and", "they", "said", "so"]
    doc = Doc(NLP.vocab, words=words,
              pos=["NOUN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "PRON", "VERB", "ADV"],
              morphs=["", "VerbForm=Fin", "VerbForm=Inf", "", "", "", "", "Tense=Past|VerbForm=Fin", ""],
              heads=[2, 2, 2, 2, 3, 7, 7, 2, 7],
              deps=["nsubj", "aux", "ROOT", "prep", "pobj", "cc", "nsubj", "conj", "advmod"])
    assert tense_of(doc[4:5]) == "future"
    past = Doc(NLP.vocab, words=["They", "met", "on", "Thursday"], pos=["PRON", "VERB", "ADP", "PROPN"],
               morphs=["", "Tense=Past|VerbForm=Fin", "", ""], heads=[1, 1, 1, 2],
               deps=["nsubj", "ROOT", "prep", "pobj"])
    assert tense_of(past[3:4]) == "past"


def test_a_parse_without_tense_gives_the_convention_not_a_nearby_verb():
    """The expression hangs on a verb with no tense ("to buy"): the present of "holds", a
    verb of another clause, must not decide its direction; without a parse it still may."""
    words = ["Crane", "holds", "an", "agreement", "to", "buy", "on", "Thursday"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PART", "VERB", "ADP", "PROPN"]
    morphs = ["", "Tense=Pres|VerbForm=Fin", "", "", "", "VerbForm=Inf", "", ""]
    parsed = Doc(NLP.vocab, words=words, pos=pos, morphs=morphs, heads=[1, 1, 3, 1, 5, 3, 7, 5],
                 deps=["nsubj", "ROOT", "det", "obj", "mark", "acl", "case", "obl"])
    assert tense_of(parsed[7:8]) is None
    tagged = Doc(NLP.vocab, words=words, pos=pos, morphs=morphs)
    assert tense_of(tagged[7:8]) == "present"


def test_a_parse_with_no_verb_above_the_expression_reads_the_sentences_verbs():
    """A parse gone astray makes a noun the root ("In January, a week after the anniversary
    of ..., a bombing killed a guard" rooted on "anniversary"), the verb too far for the word
    cues: the sentence's finite verb decides, as it does without a parse."""
    filler = ["of", "the", "long", "and", "bitter", "Supreme", "Court", "fight", "over", "abortion"] * 3
    words = ["In", "January", ",", "after", "the", "anniversary", *filler, ",", "a", "bombing", "killed", "a", "guard", "."]
    n = len(words)
    root, verb = 5, n - 4
    pos = ["ADP", "PROPN", "PUNCT", "ADP", "DET", "NOUN", *["X"] * len(filler), "PUNCT", "DET", "NOUN", "VERB", "DET",
           "NOUN", "PUNCT"]
    morphs = [""] * n
    morphs[verb] = "Tense=Past|VerbForm=Fin"
    heads = [1, root, root, root, root, root, *[root] * len(filler), verb, verb - 1, verb, root, verb + 2, verb, root]
    deps = ["case", "obl", "punct", "case", "det", "ROOT", *["dep"] * len(filler), "punct", "det", "nsubj", "conj",
            "det", "obj", "punct"]
    doc = Doc(NLP.vocab, words=words, pos=pos, morphs=morphs, heads=heads, deps=deps)
    assert len(doc.text) - doc.text.index("killed") > 0 and doc.text.index("killed") - doc.text.index("January") > 130
    assert tense_of(doc[1:2]) == "past"
    plain = Doc(NLP.vocab, words=words)  # the words alone are too far to tell
    assert tense_of(plain[1:2]) is None


@pytest.mark.parametrize("aux_label", ["auxpass", "aux:pass"])
def test_passive_auxiliary_is_read_with_either_label_scheme(aux_label):
    # "Talks were held on Friday and resume now": the tense sits on the passive auxiliary
    words = ["Talks", "were", "held", "on", "Friday", "and", "resume", "now"]
    doc = Doc(NLP.vocab, words=words,
              pos=["NOUN", "AUX", "VERB", "ADP", "PROPN", "CCONJ", "VERB", "ADV"],
              morphs=["", "Tense=Past|VerbForm=Fin", "Tense=Past|VerbForm=Part", "", "", "",
                      "Tense=Pres|VerbForm=Fin", ""],
              heads=[2, 2, 2, 2, 3, 6, 2, 6],
              deps=["nsubj:pass" if ":" in aux_label else "nsubjpass", aux_label, "ROOT", "prep",
                    "pobj", "cc", "conj", "advmod"])
    assert tense_of(doc[4:5]) == "past"


# clitics, decimals, underscores and curly quotes next to every possible cut
TRICKY = [
    "He don't know, they'll say it's $5.2 million_x 1,000.5.\n\nIsn't it? We'd've gone; she won’t.",
    "ab'sx n't n'ta 3.4.5x don’t 'd 12,3a “quoted” İstanbul",
]


@pytest.mark.parametrize("text", TRICKY)
def test_words_between_reads_like_the_cut_text(text):
    tense.word_index.cache_clear()
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            expected = [m.group() for m in tense._WORDS.finditer(text, lo, hi)]
            assert [w.text for w in words_between(text, lo, hi)] == expected, (lo, hi)


def test_words_between_rereads_a_clitic_cut_at_the_edge():
    # read whole, "do" is followed by "n't"; cut after "n'", the index's "do"/"n't" cannot be used
    assert [w.text for w in words_between("I don't.", 0, 6)] == ["I", "don", "'"]
    assert [w.text for w in words_between("I don't.", 0, 8)] == ["I", "do", "n't", "."]


@pytest.mark.parametrize("text, target, expected", [
    ("The ministers will meet on Thursday.", "Thursday", "future"),
    ("The ministers met on Thursday.", "Thursday", "past"),
    ("It said it earned $5.2 million in the first quarter.", "the first quarter", "past"),
    ("The talks resume on Friday.", "Friday", "future"),
    ("Leaders meet in Paris on Friday.", "Friday", "future"),
    ("Voters go to the polls in November.", "November", "future"),
    ("The delegation arrive in Kyiv on Friday.", "Friday", "future"),
    ("They agreed to meet on Friday.", "Friday", "later"),
    # "due": ahead when it schedules ("due in", "is due to arrive"), no cue as a cause ("due to")
    ("Elections are due in May.", "May", "future"),
    ("The envoy is due to arrive on Friday.", "Friday", "future"),
    ("The envoy was due to arrive on Friday.", "Friday", "later"),
    ("Rates fell due to inflation in May.", "May", "past"),
    ("The minister says on Monday that talks failed.", "Monday", "present"),
])
def test_tense_in_text_matches_the_doc_path(text, target, expected):
    start = text.index(target)
    assert tense_in_text(text, start, start + len(target)) == expected
    assert tense_of(span_of(text, target)) == expected


def test_a_long_text_is_read_around_each_match():
    text = "They met on Thursday. " * 5
    short = SETTINGS.replace(tense_index_limit_chars=1_000)
    tense.word_index.cache_clear()
    assert [w.text for w in words_between(text, 3, 30, 20)] == [m.group() for m in tense._WORDS.finditer(text, 3, 30)]
    assert tense.word_index.cache_info().currsize == 0  # no index was built
    assert tense_in_text(text * 10, 12, 20, short) == "past"
    assert tense.word_index.cache_info().currsize == 0  # the settings' limit was read


# the future seen from a past moment: no direction, the resolver takes the nearest date
@pytest.mark.parametrize("text, target, expected", [
    ("Officials were expected to sign the accord on Friday.", "Friday", "later"),
    ("The storm was expected to reach the coast late Wednesday night.", "Wednesday", "later"),
    ("The vote had been scheduled to take place on Monday.", "Monday", "later"),
    ("She said the council would vote on Monday.", "Monday", "later"),
    ("Forecasters predicted that the front would pass on Sunday.", "Sunday", "later"),
    ("The council would vote on Monday.", "Monday", "future"),
    ("The union agreed to end the strike in June.", "June", "later"),
    ("On Friday, the city agreed to pay the fine.", "Friday", "past"),
    # "and were planning" opens another clause: Sunday is when they gathered
    ("Fans gathered in the old town square on Sunday and were planning to sing.", "Sunday", "past"),
    ("Fans hold a large party in the old town on Sunday.", "Sunday", None),
    ("Fans planned a large party in the old town on Sunday.", "Sunday", "future"),
    ("The plant is slated to open in March.", "March", "future"),
    ("Work on the bridge is poised to restart in May.", "May", "future"),
    ("Output is projected to peak in July.", "July", "future"),
    ("Output was projected to peak in July.", "July", "later"),
])
def test_future_in_past(text, target, expected):
    start = text.index(target)
    assert tense_in_text(text, start, start + len(target)) == expected
    assert tense_of(span_of(text, target)) == expected


@pytest.mark.parametrize("text, target, expected", [
    # the governing verb mostly comes first: a word after the date weighs more distance
    ("The airline will nearly triple its routes between two cities by August in a push "
     "for markets untouched by the slump.", "August", "future"),
    ("''The envoy will land in the capital on Thursday,'' the minister said.", "Thursday", "future"),
    # "must" is an obligation, no future: the past verb decides
    ("The court ruled that the ship must leave and set Friday as the deadline.", "Friday", "past"),
])
def test_cues_before_the_expression_weigh_more(text, target, expected):
    start = text.index(target)
    assert tense_in_text(text, start, start + len(target)) == expected
    assert tense_of(span_of(text, target)) == expected


def test_cue_words_come_before_the_annotation():
    # "was expected to" is future seen from the past ("later"), even where the morphology
    # marks "was" as a past tense and "expected to" as a future
    words = ["The", "storm", "was", "expected", "to", "land", "on", "Friday", "."]
    doc = Doc(NLP.vocab, words=words, pos=["DET", "NOUN", "AUX", "VERB", "PART", "VERB", "ADP", "PROPN", "PUNCT"],
              morphs=["", "", "Tense=Past|VerbForm=Fin", "Tense=Past|VerbForm=Part", "", "VerbForm=Inf",
                      "", "", ""])
    assert tense_of(doc[7:8]) == "later"
    # with no cue word the parse decides
    words = ["Crowds", "gather", "in", "the", "square", "on", "Friday"]
    doc = Doc(NLP.vocab, words=words, pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"],
              morphs=["", "Tense=Past|VerbForm=Fin", "", "", "", "", ""],
              heads=[1, 1, 1, 4, 2, 1, 5], deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj"])
    assert tense_of(doc[6:7]) == "past"
    assert tense_in_text(doc.text, doc[6].idx, doc[6].idx + 6) is None


@pytest.mark.parametrize("dep, aside", [("acl:relcl", True), ("relcl", True), ("acl", True), ("conj", False)])
def test_a_date_in_a_clause_that_modifies_a_noun_is_aside_on_the_parse(dep, aside):
    # "the treaty both sides signed on 5 November 1917 failed": no cue word tells, the parse does
    words = ["The", "treaty", "both", "sides", "signed", "on", "5", "November", "1917", "failed", "."]
    doc = Doc(NLP.vocab, words=words,
              pos=["DET", "NOUN", "DET", "NOUN", "VERB", "ADP", "NUM", "PROPN", "NUM", "VERB", "PUNCT"],
              morphs=["", "", "", "", "Tense=Past|VerbForm=Fin", "", "", "", "", "Tense=Past|VerbForm=Fin", ""],
              heads=[1, 9, 3, 4, 1, 6, 4, 6, 6, 9, 9],
              deps=["det", "nsubj", "det", "nsubj", dep, "case", "obl", "flat", "flat", "ROOT", "punct"])
    assert tense.aside_of(doc[6:9]) is aside
    assert tense.aside_of(Doc(NLP.vocab, words=words)[6:9]) is False  # the words alone do not tell


def test_had_among_the_auxiliaries_is_aside_on_the_parse():
    # "Troops they had sent on 5 November 1917 arrived": "had" is too far from the date for the words
    words = ["The", "troops", "had", "in", "the", "end", "all", "been", "sent", "on", "5", "November", "1917", "."]
    doc = Doc(NLP.vocab, words=words,
              pos=["DET", "NOUN", "AUX", "ADP", "DET", "NOUN", "ADV", "AUX", "VERB", "ADP", "NUM", "PROPN", "NUM",
                   "PUNCT"],
              morphs=["", "", "Tense=Past|VerbForm=Fin", "", "", "", "", "Tense=Past|VerbForm=Part",
                      "Tense=Past|VerbForm=Part", "", "", "", "", ""],
              heads=[1, 8, 8, 5, 5, 8, 8, 8, 8, 10, 8, 10, 10, 8],
              deps=["det", "nsubj:pass", "aux", "case", "det", "obl", "advmod", "aux:pass", "ROOT", "case", "obl",
                    "flat", "flat", "punct"])
    assert tense.aside_of(doc[10:13]) is True
    assert tense.aside_in_text(doc.text, doc[10].idx, doc[12].idx + 4) is False
