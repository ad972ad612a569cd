"""build_events on hand-built Docs: which expressions make events, fields, offsets, ids, status, actors."""
from datetime import date

from timeline.events import build_events
from timeline.model import Article, event_id

PUB = date(2025, 3, 17)


def article_for(doc, **kw):
    return Article(text=doc.text, published=PUB, title="Talks", url="https://example.org/t",
                   source="Example News", **kw)


def test_dated_expressions_make_events_and_others_do_not(make_text_doc, make_timex):
    doc = make_text_doc("Envoys will meet on Thursday for 30 days of talks every week. "
                        "Talks now follow the past three years of war.")
    timexes = [
        make_timex(doc, "on Thursday", "2025-03-20", date(2025, 3, 20), date(2025, 3, 21)),
        make_timex(doc, "30 days", "P30D", None, None, type_="DURATION", granularity=None),
        make_timex(doc, "every week", "P1W", None, None, type_="SET", granularity=None),
        make_timex(doc, "now", "PRESENT_REF", None, None, granularity=None),
        make_timex(doc, "the past three years", "P3Y", date(2022, 3, 17), date(2025, 3, 17),
                   type_="DURATION", granularity="year"),
    ]
    events = build_events(article_for(doc), doc, timexes)
    assert [e.expression for e in events] == ["on Thursday", "the past three years"]
    thursday, years = events
    assert (thursday.value, thursday.start_date, thursday.end_date, thursday.granularity) == \
        ("2025-03-20", date(2025, 3, 20), date(2025, 3, 21), "day")
    assert thursday.status == "scheduled" and years.status == "happened"
    assert thursday.sentence == "Envoys will meet on Thursday for 30 days of talks every week."
    assert years.sentence == "Talks now follow the past three years of war."
    for ev in events:
        assert ev.sentence[ev.expr_start:ev.expr_end] == ev.expression
        assert doc.text[ev.sentence_start + ev.expr_start:ev.sentence_start + ev.expr_end] == ev.expression
        assert ev.summary == ev.sentence  # no parse: the sentence (short enough to keep whole)
        assert (ev.article_title, ev.article_url, ev.source, ev.published) == \
            ("Talks", "https://example.org/t", "Example News", PUB)
    assert years.sentence_start == doc.text.index("Talks now")


def test_event_ids_are_stable_and_distinct(make_text_doc, make_timex):
    doc = make_text_doc("They met on Monday and meet again on Friday.")
    timexes = [make_timex(doc, "on Monday", "2025-03-17", date(2025, 3, 17), date(2025, 3, 18)),
               make_timex(doc, "on Friday", "2025-03-21", date(2025, 3, 21), date(2025, 3, 22))]
    first = build_events(article_for(doc), doc, timexes)
    again = build_events(article_for(doc), doc, list(reversed(timexes)))
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert len({e.event_id for e in first}) == 2
    ev = first[1]
    assert ev.event_id == event_id(article_for(doc).article_id, ev.sentence_start, ev.expr_start, ev.expr_end)
    assert ev.article_id == article_for(doc).article_id


def test_the_direction_decides_the_status_of_an_event_on_the_publication_day(make_text_doc, make_timex):
    doc = make_text_doc("The envoys met today. The envoys will sign today. The envoys are talking today.")
    timexes = [make_timex(doc, "today", "2025-03-17", PUB, date(2025, 3, 18), occurrence=k, direction=d)
               for k, d in enumerate(("past", "future", ""))]
    events = build_events(article_for(doc), doc, timexes)
    assert [e.status for e in events] == ["happened", "scheduled", "ongoing"]


def test_actors_are_named_entities_of_the_sentence_in_order_without_duplicates(make_text_doc, make_timex):
    doc = make_text_doc(
        "Jane Doe met Acme Corp in Ruritania on Monday , and Jane Doe thanked the Ruritanian staff at City Hall . "
        "Bob Roe spoke later .",
        ents=[("Jane Doe", "PERSON"), ("Acme Corp", "ORG"), ("Ruritania", "GPE"), ("Jane Doe", "PERSON"),
              ("Ruritanian", "NORP"), ("City Hall", "FAC"), ("Bob Roe", "PER")])
    timexes = [make_timex(doc, "on Monday", "2025-03-17", PUB, date(2025, 3, 18))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert ev.actors == ("Jane Doe", "Acme Corp", "Ruritania", "City Hall")


def test_parsed_doc_gets_a_clause_summary(make_doc, make_timex):
    # "Officials said the leaders will sign the deal on Friday, after weeks of talks."
    doc = make_doc([
        ("Officials", 1, "nsubj", "NOUN"), ("said", 1, "ROOT", "VERB", "Tense=Past|VerbForm=Fin"),
        ("the", 3, "det", "DET"), ("leaders", 5, "nsubj", "NOUN"), ("will", 5, "aux", "AUX"),
        ("sign", 1, "ccomp", "VERB", "VerbForm=Inf"), ("the", 7, "det", "DET"), ("deal", 5, "obj", "NOUN"),
        ("on", 9, "case", "ADP"), ("Friday", 5, "obl", "PROPN"), (",", 11, "punct", "PUNCT"),
        ("after", 12, "case", "ADP"), ("weeks", 5, "obl", "NOUN"), ("of", 14, "case", "ADP"),
        ("talks", 12, "nmod", "NOUN"), (".", 1, "punct", "PUNCT"),
    ])
    timexes = [make_timex(doc, "on Friday", "2025-03-21", date(2025, 3, 21), date(2025, 3, 22))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert ev.summary == "The leaders will sign the deal on Friday, after weeks of talks"
    assert ev.sentence == doc.text and ev.status == "scheduled"


def test_an_untagged_doc_makes_no_events(make_text_doc):
    doc = make_text_doc("Nothing dated here.")
    assert build_events(article_for(doc), doc, []) == []


def test_titles_runaway_spans_and_misread_dates_are_not_actors(make_text_doc, make_timex):
    doc = make_text_doc(
        "The Prime Minister and Jane Doe met Acme Corp ( the firm ) staff on Thursday .",
        ents=[("The Prime Minister", "ORG"), ("Jane Doe", "PERSON"), ("Acme Corp ( the firm ) staff", "ORG"),
              ("Thursday", "GPE")])
    timexes = [make_timex(doc, "Thursday", "2025-03-20", date(2025, 3, 20), date(2025, 3, 21))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert ev.actors == ("Jane Doe",)


def test_a_dateline_alone_makes_no_event(make_text_doc, make_timex):
    doc = make_text_doc("Monday , March 17 , 2025\nTalks began on Monday .")
    timexes = [make_timex(doc, "Monday, March 17, 2025", "2025-03-17", PUB, date(2025, 3, 18)),
               make_timex(doc, "on Monday", "2025-03-17", PUB, date(2025, 3, 18))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert ev.expression == "on Monday" and ev.sentence == "Talks began on Monday."


def test_plausible_actor_names():
    from timeline.events.actors import plausible

    assert all(plausible(n) for n in ["U.S.", "Acme Inc.", "Washington, D.C.", "Jane Doe"])
    assert not any(plausible(n) for n in ["Italy, Chile, and Peru.", "Canada.", "a b c d e f g",
                                          'the "Dome"', ""])


def test_actor_names_are_normalised_across_the_article(make_text_doc, make_timex):
    doc = make_text_doc(
        "Vladimir Putin spoke to UK officials . Mr Putin will travel on Friday with Putin aides .",
        ents=[("Vladimir Putin", "PERSON"), ("UK", "GPE"), ("Putin", "PERSON"), ("Putin", "PERSON")])
    timexes = [make_timex(doc, "on Friday", "2025-03-21", date(2025, 3, 21), date(2025, 3, 22))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert ev.actors == ("Vladimir Putin",)


def test_a_title_after_a_place_is_no_actor_but_the_place_alone_is():
    from timeline.events.actors import is_title

    for title in ("US President", "United States Senator", "U.S. Secretary of State", "the Prime Minister"):
        assert is_title(title), title
    for name in ("United States", "US President Donald Trump", "Russia", "Jane Doe"):
        assert not is_title(name), name


def test_a_name_made_of_stop_words_is_no_actor():
    from timeline.events.actors import plausible

    assert not plausible("Per") and not plausible("Nobody")
    assert plausible("Per Nilsson") and plausible("The Hague")


def test_titles_of_legislators_after_a_place_are_no_actors():
    from timeline.events.actors import is_title

    assert is_title("United States Representative") and is_title("Taoiseach")
    assert is_title("U.S. District Judge")
    for name in ("District of Columbia", "Justice Department", "State Department", "Home Office"):
        assert not is_title(name), name


def test_a_title_after_the_body_it_belongs_to_is_no_actor():
    from timeline.events.actors import is_title

    for title in ("Senate Majority Leader", "House Speaker", "White House Press Secretary"):
        assert is_title(title), title
    for name in ("Senate", "House", "Security Council", "Supreme Court", "Labour Party"):
        assert not is_title(name), name


def test_a_datelines_agency_is_no_actor(make_text_doc, make_timex):
    doc = make_text_doc("COTONOU , March 6 ( West Africa Wire ) - Talks opened on Thursday with Niger .",
                        ents=[("COTONOU", "GPE"), ("West Africa Wire", "ORG"), ("Niger", "GPE")])
    timexes = [make_timex(doc, "Thursday", "2025-03-06", date(2025, 3, 6), date(2025, 3, 7))]
    (ev,) = build_events(article_for(doc), doc, timexes)
    assert "West Africa Wire" not in ev.actors and "Niger" in ev.actors
