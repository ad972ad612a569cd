"""doc_text: a Doc's text, built once and still right after the Doc changes."""
import spacy
from spacy.tokens import Doc

from timeline.doctext import doc_text


def test_doc_text_is_the_docs_text_and_is_kept():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Talks resume on Monday.  Both sides agreed.")
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first  # kept, not rebuilt
    with doc.retokenize() as retokenizer:  # merging keeps the characters
        retokenizer.merge(doc[2:4])
    assert doc_text(doc) == doc.text == first


def test_a_kept_text_that_does_not_fit_the_doc_is_rebuilt():
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["Peace", "talks"], spaces=[True, False])
    doc.user_data["timeline.text"] = "something else entirely"  # e.g. user_data copied from another Doc
    assert doc_text(doc) == "Peace talks"
    assert doc_text(Doc(vocab, words=[])) == ""
