"""The story view's entries and its saved page (pure)."""
from datetime import date

from dashboard.story import story_entries, story_html, story_markup
from tests.dashboard.helpers import HOSTILE


def test_entries_are_chronological_with_scheduled_apart(make_event):
    evs = [make_event(0, day=date(2025, 3, 20)),
           make_event(1, day=date(2025, 3, 24), status="scheduled"),
           make_event(2, day=date(2025, 3, 2)),
           make_event(3, day=date(2025, 3, 1), granularity="month", status="ongoing",
                      value="2025-03")]
    evs[3].end_date = date(2025, 4, 1)
    entries = story_entries(evs)
    assert [e.when for e in entries["happened"]] == [
        "March 2025", "Sunday 2 March 2025", "Thursday 20 March 2025"]
    assert [e.when for e in entries["scheduled"]] == ["Monday 24 March 2025"]


def test_reports_of_one_happening_are_told_once(make_event):
    a = make_event(0, source="Daily Post")
    b = make_event(1, source="Evening Star", article_id="b" * 16, actors=("Grace Hopper",))
    b.summary = a.summary.upper()
    entries = story_entries([a, b])["happened"]
    assert len(entries) == 1 and len(entries[0].reports) == 2
    assert entries[0].sources == ["Daily Post", "Evening Star"]
    assert entries[0].actors == ("Ada Lovelace", "Grace Hopper")


def test_the_saved_page_is_self_contained_and_escaped(make_event):
    ev = make_event(0, sentence=HOSTILE, expression="on Friday")
    ev.summary = "<img src=x onerror=alert(1)> summit"
    ev.article_url = "javascript:alert(3)"
    ev.article_title = "<b>Hostile</b>"
    page = story_html(story_entries([ev]), "Story <script>x</script>", "1 event")
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert "<script" not in page and "<img" not in page and "<b>Hostile" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; summit" in page
    assert "javascript:" not in page
    assert "<mark>on Friday</mark>" in page
    assert "http" not in page.split("<body>")[0]  # nothing fetched from elsewhere


def test_markup_says_when_nothing_matches():
    assert "No events match" in story_markup(story_entries([]))


def test_markup_is_one_line_and_beyond_the_limit_says_how_many_more(make_event):
    """The tab shows the markup as one HTML block of Markdown: a blank line in an article's
    text would end the block and leave the rest to Markdown."""
    evs = [make_event(i, day=date(2025, 3, 1 + i)) for i in range(3)]
    evs[0] = make_event(0, day=date(2025, 3, 1), expression="on Friday",
                        sentence="The council met\n\non Friday, they said.")
    evs[1].article_title = "Line one\r\n\r\nline two"
    markup = story_markup(story_entries(evs), limit=2)
    assert "\n" not in markup and "\r" not in markup
    assert "<mark>on Friday</mark>" in markup
    assert markup.count('class="story-entry') == 2 and "1 more in the export." in markup
    scheduled = [make_event(9, day=date(2025, 4, 1), status="scheduled")]
    capped = story_markup(story_entries(evs + scheduled), limit=3)
    assert "What is scheduled" in capped and "1 more in the export." in capped


def test_what_ended_long_before_the_articles_is_background(make_event):
    old = make_event(0, day=date(2019, 1, 1), granularity="year", value="2019")
    old.end_date = date(2020, 1, 1)
    recent = make_event(1, day=date(2025, 3, 10))
    entries = story_entries([recent, old])
    assert [e.when for e in entries["background"]] == ["2019"]
    assert [e.when for e in entries["happened"]] == ["Monday 10 March 2025"]


def test_an_event_added_by_hand_is_marked_in_the_story_and_its_page():
    """As the store adds it (EventStore.add_event): no article, no source."""
    from timeline.store import EventStore

    with EventStore(":memory:") as store:
        store.add_event("2025-03-20", "Ceasefire signed at the harbour", actors=["Ada Lovelace"])
        told = store.add_event("2025-03-21", "Ferries ran again", source="Harbour Radio")
        events = store.events()
    entries = [e for section in story_entries(events).values() for e in section]
    assert [e.by_hand for e in entries] == [True, True]
    page = story_html({"happened": entries}, "Story")
    assert page.count('<p class="story-by-hand">added by hand</p>') == 2
    assert "(untitled article)" not in page
    assert '<li><span class="story-source">Harbour Radio</span> \u00b7 added by hand' in page
    from dataclasses import replace

    ordinary = story_entries([replace(told, by_hand=False, article_title="Ferry news")])
    assert [e.by_hand for section in ordinary.values() for e in section] == [False]
    assert "class=\"story-by-hand\"" not in story_html(ordinary, "S")
