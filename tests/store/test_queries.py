from datetime import date

import pytest

from timeline.model import EventFilter


def ids(events):
    return [e.event_id for e in events]


def test_events_are_ordered_by_start_date_then_position(store, corpus):
    got = store.events()
    assert [e.start_date for e in got] == sorted(e.start_date for e in corpus.values())
    assert ids(got)[:2] == [corpus["q1"].event_id, corpus["y2024"].event_id][::-1]
    assert store.count() == 8


def test_event_round_trip_keeps_every_field(store, corpus):
    original = corpus["march20"]
    assert store.event(original.event_id) == original
    assert store.event("nope") is None


def test_date_range_selects_overlapping_intervals(store, corpus):
    got = store.events(EventFilter(start=date(2025, 3, 14), end=date(2025, 3, 15)))
    # the day events of 14 and 15 March, and the first quarter that covers them
    assert set(ids(got)) == {corpus[k].event_id for k in ("friday", "saturday", "q1")}
    # end date is exclusive in the events: April starts on 1 April, not 31 March
    assert corpus["next_month"].event_id not in ids(
        store.events(EventFilter(end=date(2025, 3, 31))))
    assert corpus["next_month"].event_id in ids(store.events(EventFilter(end=date(2025, 4, 1))))


def test_filter_by_actor_source_article_status_granularity(store, corpus):
    starmer = store.events(EventFilter(actors=("Keir Starmer",)))
    assert set(ids(starmer)) == {corpus[k].event_id for k in ("saturday", "next_month", "march20")}
    either = store.events(EventFilter(actors=("Vladimir Putin", "Donald Trump")))
    assert set(ids(either)) == {corpus[k].event_id for k in ("y2024", "march20", "feb2")}
    assert store.count(EventFilter(sources=("Other Herald",))) == 2
    assert store.count(EventFilter(article_ids=(corpus["q1"].article_id,))) == 3
    assert set(ids(store.events(EventFilter(statuses=("scheduled",))))) == {
        corpus[k].event_id for k in ("next_month", "march20", "week14")}
    assert store.count(EventFilter(granularities=("day",))) == 4
    both = EventFilter(actors=("Keir Starmer",), statuses=("scheduled",), sources=("Daily Example",))
    assert set(ids(store.events(both))) == {corpus["next_month"].event_id, corpus["march20"].event_id}


def test_text_search_ignores_case_and_needs_every_term(store, corpus):
    london = ids(corpus[k] for k in ("y2024", "saturday", "next_month"))
    travel = ids(corpus[k] for k in ("q1", "friday", "march20"))
    assert ids(store.events(EventFilter(text="SUMMIT"))) == london  # in one article's text
    assert ids(store.events(EventFilter(text="ministers march"))) == travel
    assert ids(store.events(EventFilter(text="travel QUARTER"))) == travel  # title + text
    assert store.events(EventFilter(text="ministers summit")) == []  # two articles


def test_text_search_reads_the_articles_title_and_text(store, make):
    # the example: a place name finds the events of the articles about it, also
    # those whose sentence does not name it
    hk = make.article("Protesters filled the streets of Hong Kong on Sunday. Police arrested "
                      "40 people on Monday.", title="A weekend of unrest", source="Wire")
    sunday = make.event(hk, "on Sunday", "2025-03-16")
    monday = make.event(hk, "on Monday", "2025-03-17", summary="Mass arrests in the city")
    tokyo = make.article("Markets in Tokyo fell on Tuesday.", title="Stocks slide")
    tuesday = make.event(tokyo, "on Tuesday", "2025-03-18")
    store.add_article(hk, [sunday, monday])
    store.add_article(tokyo, [tuesday])
    for text, want in [("hong kong", [sunday, monday]), ("HONG", [sunday, monday]),
                       ("unrest", [sunday, monday]),  # the title only
                       ("kong police", [sunday, monday]),  # sentence + another sentence
                       ("mass arrests", [monday]),  # an event's own summary only
                       ("tokyo", [tuesday]), ("slide tuesday", [tuesday]),
                       ("on", [sunday, monday, tuesday]), ("tokyo unrest", []),
                       ("wire", [])]:  # the source is a filter of its own, not text
        assert ids(store.events(EventFilter(text=text))) == ids(want), text
        assert store.count(EventFilter(text=text)) == len(want), text
    assert store.count(EventFilter(text="kong", start=date(2025, 3, 17))) == 1
    assert store.sources(EventFilter(text="hong")) == [("Wire", 2)]
    store.delete_article(hk.article_id)  # the article index follows deletions
    assert store.events(EventFilter(text="unrest")) == []


def test_text_search_with_actors_or_articles_finds_what_the_text_index_finds(store, make):
    # with actors or articles each of their events is tested (filters.text_term, each_event);
    # without, the text indexes find the articles first: the same events either way
    wire = make.article("Ministers met in Hong Kong on Sunday. Turnout was 100% on Monday. "
                        "The poll_tax stays, aides said on Tuesday.", title="Unrest [a\\b]",
                        source="Wire")
    other = make.article("Talks in Tokyo ended on Friday. Police left on Saturday.",
                         title="Stocks slide")
    events = [make.event(wire, "on Sunday", "2025-03-16", actors=("Ana",)),
              make.event(wire, "on Monday", "2025-03-17", actors=("Ana", "Bo"),
                         summary="Mass ARRESTS"),
              make.event(wire, "on Tuesday", "2025-03-18", actors=("Bo",)),
              make.event(other, "on Friday", "2025-03-21", actors=("Ana",)),
              make.event(other, "on Saturday", "2025-03-22", actors=("Bo",))]
    store.add_article(wire, events[:3])
    store.add_article(other, events[3:])
    actors_of = {e.event_id: set(e.actors) for e in events}
    for text in ("hong kong", "UNREST", "kong police", "mass arrests", "100%", "poll_tax",
                 "[a\\b]", "on", "ok", "slide friday", "tokyo unrest", "100_", "a%b"):
        found = ids(store.events(EventFilter(text=text)))
        for actors in (("Ana",), ("Bo",), ("Ana", "Bo")):
            want = [i for i in found if actors_of[i] & set(actors)]
            got = store.events(EventFilter(text=text, actors=actors))
            assert ids(got) == want, (text, actors)
            assert store.count(EventFilter(text=text, actors=actors)) == len(want)
        for art in (wire, other):
            want = [e.event_id for e in events if e.event_id in found
                    and e.article_id == art.article_id]
            assert ids(store.events(EventFilter(text=text, article_ids=(art.article_id,)))) \
                == want, (text, art.title)
    assert ids(store.events(EventFilter(text="tokyo", actors=("Bo",)))) == [events[4].event_id]
    assert store.counts(EventFilter(text="unrest", actors=("Bo",)), by="month") == [
        ("2025-03", 2)]


@pytest.mark.parametrize("few, walk_share, apart", [
    (-1, 2.0, -1), (-1, 0.0, -1), (1, 2.0, -1), (500, 2.0, -1),
    (-1, 2.0, 500), (-1, 2.0, 0), (-1, 0.0, 500), (1, 2.0, 500)])
def test_every_text_search_plan_finds_the_events_that_contain_the_terms(store, make,
                                                                        monkeypatch, few,
                                                                        walk_share, apart):
    # filters.where's plans for a term: looked up by the ids of its few articles (a term in
    # at most FEW_ARTICLES articles, read first), tested on each event (actors, articles or
    # another term's few articles in the filter), or the text index's articles in a set.
    # FEW_ARTICLES -1: never looked up; 1: a term of one article is, a term of two is not
    # (and is then tested on each event); 500: every term is. WALK_SHARE 0: a page of terms
    # not looked up walks the events in date order (SQLite). FEW_APART -1: never joined to
    # the matching articles; 0: a term is when no event's own text has it outside its
    # articles ("kyoto", "arrests" are only in a summary); 500: every term is, with those
    # events. Each must find the events whose own text or article contains every term, as
    # Python's ``in`` finds them.
    from timeline.store import queries
    from timeline.store.filters import search_key

    monkeypatch.setattr(queries, "FEW_ARTICLES", few)
    monkeypatch.setattr(queries, "WALK_SHARE", walk_share)
    monkeypatch.setattr(queries, "FEW_APART", apart)
    wire = make.article("Ministers met in Hong Kong on Sunday. Turnout was 100% on Monday. "
                        "The poll_tax stays, aides said on Tuesday.", title="Unrest [a\\b]")
    other = make.article("Talks in Tokyo ended on Friday. Police left on Saturday.",
                         title="Stocks slide", published=date(2025, 3, 24))
    third = make.article("Tokyo police met on Monday.", title="Kong", published=date(2025, 4, 2))
    events = [make.event(wire, "on Sunday", "2025-03-16", actors=("Ana",)),
              make.event(wire, "on Monday", "2025-03-17", summary="Mass ARRESTS in Kyoto"),
              make.event(wire, "on Tuesday", "2025-03-18"),
              make.event(other, "on Friday", "2025-03-21", actors=("Ana",)),
              make.event(other, "on Saturday", "2025-03-22"),
              make.event(third, "on Monday", "2025-03-31")]
    for art in (wire, other, third):
        store.add_article(art, [e for e in events if e.article_id == art.article_id])
    article_text = {a.article_id: search_key(a.title, a.text) for a in (wire, other, third)}
    order = ids(store.events())
    ranges = [{}, {"start": date(2025, 3, 17), "end": date(2025, 3, 21)}]
    for text in ("hong kong", "UNREST", "kong police", "mass arrests", "kyoto", "100%",
                 "poll_tax", "[a\\b]", "on", "ok", "slide friday", "tokyo unrest", "tokyo on",
                 "police monday", "kong", "100_", "a%b", "nowhere", "arrests kong",
                 "kyoto tokyo", "in kyoto"):
        terms = text.casefold().split()
        for dates in ranges:
            flt = EventFilter(text=text, **dates)
            inside = {e.event_id for e in store.events(EventFilter(**dates))}
            want = [i for i in order if i in inside and all(
                t in search_key(ev.sentence, ev.summary, ev.expression)
                or t in article_text[ev.article_id]
                for ev in [next(e for e in events if e.event_id == i)] for t in terms)]
            assert ids(store.events(flt)) == want, (text, dates)
            assert ids(store.events(flt, limit=2)) == want[:2], (text, dates)
            assert store.count(flt) == len(want), (text, dates)
            assert store.tally(flt).total == len(want), (text, dates)


def test_text_search_treats_like_wildcards_literally(store, corpus, make):
    travel = ids(corpus[k] for k in ("q1", "friday", "march20"))
    assert ids(store.events(EventFilter(text="50%"))) == travel
    assert ids(store.events(EventFilter(text="rise_in"))) == travel
    assert ids(store.events(EventFilter(text="%"))) == travel
    assert store.events(EventFilter(text="e_e")) == []  # "_" is not "any character"
    assert store.events(EventFilter(text="\\")) == []
    assert store.count(EventFilter(text="'; DROP TABLE events; --")) == 0
    # in a title and an article's text, where the event's sentence has none of them
    art = make.article("Turnout was 100% in the north; the poll_tax [a\\b] stays. It ended on "
                       "Sunday.", title="100% [turnout]_")
    sunday = make.event(art, "on Sunday", "2025-03-16")
    store.add_article(art, [sunday])
    for text in ("100%", "poll_tax", "[a\\b]", "]_", "[turnout]"):
        assert ids(store.events(EventFilter(text=text))) == [sunday.event_id], text
    for text in ("100_", "poll%tax", "[ab]", "a%b", "pollxtax"):
        assert store.events(EventFilter(text=text)) == [], text
    assert store.count() == 9


def test_text_search_finds_substrings_the_same_way_in_both_databases(store, make):
    first = make.article("The ceasefire in Straße 9 held on Saturday.")
    second = make.article("Ärzte met on Sunday.")
    sat = make.event(first, "on Saturday", "2025-03-15")
    sun = make.event(second, "on Sunday", "2025-03-16")
    store.add_article(first, [sat])
    store.add_article(second, [sun])
    for text, want in [("easef", [sat]), ("CEASEFIRE", [sat]), ("fi", [sat]),
                       ("strasse", [sat]), ("STRASSE 9", [sat]), ("ärzte", [sun]),
                       ("ÄRZTE sunday", [sun]), ("on", [sat, sun]), ("y.", [sat, sun]),
                       ("rzte met", [sun]), ("ceasefire sunday", []), ("xyz", [])]:
        assert ids(store.events(EventFilter(text=text))) == ids(want), text


def test_limit_and_offset_page_through_the_same_order(store, corpus):
    everything = ids(store.events())
    assert ids(store.events(limit=3)) == everything[:3]
    assert ids(store.events(limit=3, offset=3)) == everything[3:6]
    assert ids(store.events(offset=6)) == everything[6:]


def test_counts_per_day_month_year(store, corpus):
    assert store.counts(by="year") == [("2024", 1), ("2025", 7)]
    assert store.counts(by="month") == [("2024-01", 1), ("2025-01", 1), ("2025-02", 1),
                                        ("2025-03", 4), ("2025-04", 1)]
    assert ("2025-03-15", 1) in store.counts()
    # week 14 of 2025 starts on Monday 31 March
    assert store.counts(EventFilter(statuses=("scheduled",)), by="month") == [
        ("2025-03", 2), ("2025-04", 1)]
    with pytest.raises(ValueError, match="week"):
        store.counts(by="week")


def test_facets_count_events(store, corpus):
    assert store.actors() == [("Keir Starmer", 3), ("Donald Trump", 2),
                              ("Emmanuel Macron", 1), ("Vladimir Putin", 1)]
    assert store.actors(EventFilter(start=date(2025, 3, 1))) == [
        ("Keir Starmer", 3), ("Donald Trump", 1), ("Emmanuel Macron", 1)]
    assert store.sources() == [("Daily Example", 6), ("Other Herald", 2)]
    assert store.statuses() == [("happened", 5), ("scheduled", 3)]
    assert dict(store.granularities()) == {"day": 4, "month": 1, "year": 1, "quarter": 1,
                                           "week": 1}


def test_status_counts_also_count_a_value_they_do_not_know(store, corpus):
    from sqlalchemy import update

    from timeline.store.tables import events

    assert store.statuses(EventFilter(statuses=("scheduled",))) == [("scheduled", 3)]
    assert store.granularities(EventFilter(text="nothing like this")) == []
    with store._db.transaction() as conn:  # a value from elsewhere (another version, by hand)
        conn.execute(update(events).where(events.c.event_id == corpus["q1"].event_id)
                     .values(status="rumoured"))
    assert store.statuses() == [("happened", 4), ("scheduled", 3), ("rumoured", 1)]


def test_date_bounds(store, corpus):
    assert store.date_bounds() == (date(2024, 1, 1), date(2025, 5, 1))
    assert store.date_bounds(EventFilter(sources=("Other Herald",))) == (
        date(2025, 2, 2), date(2025, 4, 7))
    assert store.date_bounds(EventFilter(text="nothing like this")) == (None, None)


@pytest.mark.parametrize("flt", [
    EventFilter(), EventFilter(statuses=("scheduled",)), EventFilter(sources=("Other Herald",)),
    EventFilter(start=date(2025, 3, 1), end=date(2025, 3, 31)), EventFilter(text="summit"),
    EventFilter(actors=("Keir Starmer",)), EventFilter(text="nothing like this")])
def test_tally_answers_what_count_counts_statuses_and_date_bounds_answer(store, corpus, flt):
    tally = store.tally(flt)
    assert tally.total == store.count(flt)
    assert tally.counts() == store.counts(flt)
    for by in ("month", "year"):
        assert tally.counts(by) == store.counts(flt, by=by)
    assert list(tally.statuses) == store.statuses(flt)
    assert (tally.first, tally.last) == store.date_bounds(flt)


def test_tally_counts_a_status_it_does_not_know(store, corpus):
    from sqlalchemy import update

    from timeline.store.tables import events

    with store._db.transaction() as conn:
        conn.execute(update(events).where(events.c.event_id == corpus["q1"].event_id)
                     .values(status="rumoured"))
    tally = store.tally()
    assert list(tally.statuses) == [("happened", 4), ("scheduled", 3), ("rumoured", 1)]
    assert tally.total == 8
    with pytest.raises(ValueError, match="week"):
        tally.counts("week")


def test_articles_with_counts_and_text(store, corpus):
    listed = store.articles()
    assert [a.title for a in listed] == ["Travel", "London talks", "Polls"]  # newest first
    assert [a.events for a in listed] == [3, 3, 2]
    assert listed[1].url == "https://example.org/a1" and listed[1].published == date(2025, 3, 17)
    article = store.article(listed[2].article_id)
    assert article.text.startswith("Voters went") and article.source == "Other Herald"
    assert store.article("missing") is None


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)  # FTS5; pg_trgm: below
def test_text_index_and_like_alone_agree(store, corpus, make):
    assert store._db.fts  # this SQLite has FTS5 with trigrams
    for text in ("summit", "SUMMIT", "ministers march", "50%", "rise_in", "e_e", "on", "'\"",
                 "quarter troops", "Saturday", "london talks", "polls", "voters week",
                 "ravel", "olls vote"):
        flt = EventFilter(text=text)
        with_index = ids(store.events(flt))
        store._db.fts = False
        try:
            assert ids(store.events(flt)) == with_index, text
        finally:
            store._db.fts = True
    # the indexes follow deletions (cascades from articles) and new articles
    store.delete_article(corpus["next_month"].article_id)
    assert store.events(EventFilter(text="summit")) == []
    art = make.article("A new summit was called on Sunday.")
    store.add_article(art, [make.event(art, "on Sunday", "2025-03-16")])
    assert len(store.events(EventFilter(text="summit"))) == 1
    store.delete_event(corpus["q1"].event_id)
    with store._db.reading() as conn:  # raises if an index and its table disagree
        for fts in ("events_fts", "articles_fts"):
            conn.exec_driver_sql(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_postgresql_answers_text_search_from_its_trigram_indexes(store, corpus):
    from sqlalchemy import select

    from timeline.store.filters import where
    from timeline.store.tables import events

    query = select(events.c.event_id).where(*where(EventFilter(text="summit")))
    with store._db.reading() as conn:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # 3 rows: force the index
        plan = "\n".join(r[0] for r in conn.exec_driver_sql(
            "EXPLAIN " + str(query.compile(conn, compile_kwargs={"literal_binds": True}))))
    assert "articles_search_trgm" in plan, plan  # the articles' ids in a hash


def test_an_events_own_search_keeps_what_its_article_lacks_after_every_write(store, make):
    # schema v8: events.search holds the chunks of the event's sentence, summary and
    # expression that its article's search lacks; after every kind of write it equals that
    # computed from scratch, and the search finds what Python's ``in`` finds
    from sqlalchemy import select

    from timeline.store.filters import event_search, search_key
    from timeline.store.tables import articles, events as event_table

    def check():
        e, a = event_table.c, articles.c
        with store._db.reading() as conn:
            rows = conn.execute(select(e.event_id, e.sentence, e.summary, e.expression,
                                       e.search, a.search)
                                .join_from(event_table, articles,
                                           a.article_id == e.article_id)).all()
        for row in rows:
            assert row[4] == event_search(row[5], row[1], row[2], row[3]), row[0]
        own = {r[0]: search_key(r[1], r[2], r[3]) for r in rows}
        text = {r[0]: r[5] for r in rows}
        for term in ("kyoto", "arrests", "met", "tokyo", "…", "police…", "riots", "ok"):
            want = sorted(i for i in own if term in own[i] or term in text[i])
            assert sorted(ids(store.events(EventFilter(text=term)))) == want, term
            assert store.count(EventFilter(text=term)) == len(want), term
        return {r[0]: r[4] for r in rows}

    wire = make.article("Ministers met in Hong Kong on Sunday. Police met on Monday.",
                        title="Unrest")
    other = make.article("Talks in Tokyo ended on Friday.", title="Stocks")
    sunday = make.event(wire, "on Sunday", "2025-03-16", summary="Mass ARRESTS in Kyoto")
    monday = make.event(wire, "on Monday", "2025-03-17", summary="Police met…")
    friday = make.event(other, "on Friday", "2025-03-21")
    store.add_article(wire, [sunday, monday])
    store.add_article(other, [friday])
    search = check()
    assert search[sunday.event_id].split("\n") == ["mass", "arrests", "kyoto"]
    assert search[monday.event_id] == "met…" and search[friday.event_id] == ""
    store.edit_event(friday.event_id, "summary", "Riots in Tokyo")
    assert check()[friday.event_id] == "riots"
    store.revert_event(friday.event_id, "summary")
    assert check()[friday.event_id] == ""
    store.edit_event(monday.event_id, "summary", "Police met in Kyoto")
    store.correct_event(monday.event_id, "2025-04")
    store.delete_article(wire.article_id)  # the edits stay and come back with a re-ingest
    store.add_article(wire, [sunday, monday])
    assert check()[monday.event_id] == "kyoto"
    store.delete_event(sunday.event_id)
    check()
    store.restore_event(sunday.event_id)
    assert check()[sunday.event_id].split("\n") == ["mass", "arrests", "kyoto"]
    hand = store.add_event("2025-05-01", "Riots ended", sentence="Police left")
    assert check()[hand.event_id].split("\n") == ["police", "left", "riots", "ended"]
    store.merge_events(store.event_of(friday.event_id), store.event_of(sunday.event_id))
    store.split_report(sunday.event_id)
    check()
