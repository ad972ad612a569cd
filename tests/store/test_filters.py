from datetime import date

from sqlalchemy import and_
from sqlalchemy.dialects import postgresql, sqlite

from timeline.model import EventFilter
from timeline.store.filters import escape_like, search_key, where


def test_empty_filter_has_no_conditions():
    assert where(None) == [] and where(EventFilter()) == []
    assert where(EventFilter(text="   ")) == []


def test_user_values_travel_only_as_parameters():
    hostile = "x' OR 1=1 --"
    flt = EventFilter(start=date(2025, 1, 1), end=date(2025, 2, 1), text=f"{hostile} 50%",
                      actors=(hostile, "B"), sources=(hostile,), article_ids=("a",),
                      statuses=("happened",), granularities=("day", "week"))
    text_only = EventFilter(text=f"{hostile} 50%")
    for dialect, fts in ((sqlite.dialect(), True), (sqlite.dialect(), False),
                         (postgresql.dialect(), False)):
        compiled = and_(*where(flt, fts)).compile(dialect=dialect)
        sql, params = str(compiled), list(compiled.params.values())
        assert hostile not in sql and "50" not in sql and "2025" not in sql, sql
        assert params[:2] == ["2025-01-01", "2025-02-01"]
        assert "%50\\%%" in params and [hostile, "B"] in params and "%x'%" in params
        # 5 search terms, each a LIKE on the events and one on the articles; with actors
        # each event is tested (no text index), without them the FTS5 indexes look the two
        # terms of 3+ characters (1=1, 50%) up, and the articles' index decides alone
        assert sql.count(" LIKE ") == 10 and "MATCH" not in sql
        compiled = and_(*where(text_only, fts)).compile(dialect=dialect)
        sql = str(compiled)
        assert hostile not in sql and "50" not in sql
        assert sql.count(" LIKE ") == (8 if fts else 10)
        assert sql.count("MATCH") == (4 if fts else 0)


def test_escape_like_makes_wildcards_and_escape_literal():
    assert escape_like("100%_a\\b") == "100\\%\\_a\\\\b"
    assert escape_like("plain") == "plain"


def test_search_key_is_casefolded_and_skips_empty_parts():
    assert search_key("Straße", "", "MARCH") == "strasse\nmarch"
