from timeline.story import porter
from timeline.story.rouge import Counts, exceptions, rouge_counts, stopwords, tokens


def test_tokens_follow_rouge_155():
    # lower-cased; "-LRB-" keeps its letters; stopwords ("the", "said", "to") dropped; stems
    toks = tokens(["The protesters said they marched to Tahrir Square -LRB- Cairo -RRB- ."])
    assert toks == ["protest", "march", "tahrir", "squar", "lrb", "cairo", "rrb"]


def test_irregular_forms_use_the_wordnet_exceptions():
    assert exceptions()["children"] == "child"
    assert tokens(["children"]) == ["child"]
    assert "said" in stopwords()


def test_hyphen_splits_and_is_dropped():
    assert tokens(["mark-to-market"]) == ["mark", "market"]


def test_words_of_three_letters_are_not_stemmed():
    assert tokens(["ran cars"]) == ["ran", "car"]


def test_porter_matches_the_perl_variant():
    # where Snowball/NLTK differ, ROUGE-1.5.5's stemmer gives these
    assert porter.stem("document") == "docum"
    assert porter.stem("technology") == "technolog"
    assert porter.stem("congressional") == "congress"
    assert porter.stem("running") == "run"
    assert porter.stem("generalizations") == "gener"
    assert porter.stem("yelling") == "yell"


def test_counts_clip_and_run_across_sentences():
    assert rouge_counts(["Mubarak resigns", "Mubarak resigns"], ["Mubarak resigns today"], 1) == \
        Counts(hits=2, predicted=4, reference=3)
    # the bigram "takes control" spans the two predicted sentences, as in the Perl script
    assert rouge_counts(["army takes", "control"], ["army takes control"], 2) == \
        Counts(hits=2, predicted=2, reference=2)
    assert rouge_counts([], ["army"], 1) == Counts(0, 0, 1)
