from timeline.events.sentences import SentenceIndex, sentence_ranges, split_text


def pieces(text):
    return [text[s:e] for s, e in split_text(text)]


def test_splitter_cuts_at_terminal_punctuation_and_line_breaks():
    text = "A headline without a stop\nMr. Lee spoke on Monday. “It went well,” he said! Then U.S. envoys left.\n\nNext one?"
    assert pieces(text) == [
        "A headline without a stop",
        "Mr. Lee spoke on Monday.",
        "“It went well,” he said!",
        "Then U.S. envoys left.",
        "Next one?",
    ]


def test_splitter_keeps_initials_and_decimals():
    assert pieces("J. K. Rowling wrote 3.5 books. Done.") == ["J. K. Rowling wrote 3.5 books.", "Done."]


def test_doc_sentences_are_used_and_split_at_line_breaks(make_doc):
    doc = make_doc([("Title", None, "", ""), ("\n", None, "", ""), ("One", None, "", ""),
                    ("two", None, "", ""), (".", None, "", "")])
    doc[0].is_sent_start = True
    for tok in doc[1:]:
        tok.is_sent_start = False
    ranges = sentence_ranges(doc)
    assert [doc.text[s:e] for s, e in ranges] == ["Title", "One two."]


def test_index_finds_and_joins_sentences():
    index = SentenceIndex([(0, 10), (11, 20), (21, 30)])
    assert index.find(12, 15) == (11, 20)
    assert index.find(8, 13) == (0, 20)  # an expression across a boundary joins both
    assert index.find(10, 11) == (10, 11)  # between sentences: the expression itself


def test_hard_wrapped_lines_stay_one_sentence():
    text = ("Dock strike ends\nWorkers went back on Monday, and the\nships were unloaded at the port with\n"
            "Acme Corp staff in charge.\n\nNew paragraph here.")
    assert pieces(text) == [
        "Dock strike ends",
        "Workers went back on Monday, and the\nships were unloaded at the port with\nAcme Corp staff in charge.",
        "New paragraph here.",
    ]


def test_a_model_cut_after_a_comma_is_joined_back(make_doc):
    doc = make_doc([(w, None, "", "") for w in ["On", "May", "6", ",", "Lee", "left", ".", "Then", "rain", "."]])
    for k, tok in enumerate(doc):
        tok.is_sent_start = k in (0, 4, 7)
    assert [doc.text[s:e] for s, e in sentence_ranges(doc)] == ["On May 6, Lee left.", "Then rain."]
