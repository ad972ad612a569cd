"""Curation in the page (dash_duo, headless Chromium): edit an event's summary, actors and
status and revert one, add an event by hand, delete one and undo. TIMELINE_SCREENSHOT=DIR
saves the screens at 1400x900 and 390x844 into DIR."""
import os
import shutil
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard import create_app
from tests.dashboard.test_browser import ROWS, click, severe_logs, start, wait_count, wait_text

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")


def open_row(dash_duo, text):
    row = next(r for r in dash_duo.find_elements(ROWS) if text in r.text)
    click(dash_duo, row.find_element("css selector", "[col-id=start]"))
    wait_text(dash_duo, "#panel-summary")


def retype(dash_duo, selector, text):
    """Replace what a box holds as a person does (clear() alone leaves React's value)."""
    box = dash_duo.find_element(selector)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)


def choose(dash_duo, radio_id, label):
    item = next(e for e in dash_duo.find_elements(f"#{radio_id} label") if e.text == label)
    click(dash_duo, item)


def wait_until(check, timeout=10, what="the condition"):
    end = time.time() + timeout
    while time.time() < end:
        if check():
            return
        time.sleep(0.1)
    assert check(), what


def table_text(dash_duo):
    return " ".join(r.text for r in dash_duo.find_elements(ROWS))


def screenshot(dash_duo, name):
    """Both screens, when TIMELINE_SCREENSHOT names a directory (for people to look at)."""
    folder = os.environ.get("TIMELINE_SCREENSHOT")
    if not folder or not Path(folder).is_dir():
        return
    for width, height in ((1400, 900), (390, 844)):
        dash_duo.driver.set_window_size(width, height)
        time.sleep(0.8)
        dash_duo.driver.save_screenshot(str(Path(folder) / f"{name}-{width}.png"))
    dash_duo.driver.set_window_size(1400, 900)


def test_edit_summary_actors_and_status_then_revert_one(dash_duo, seeded):
    store, events = seeded
    ferry = next(e for e in events if e.expression == "on Monday")
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    open_row(dash_duo, "Monday 10 March 2025")
    retype(dash_duo, "#edit-summary", "Ferries <b>sail</b> again")
    retype(dash_duo, "#edit-actors", "Port Authority; Ada Lovelace")
    choose(dash_duo, "edit-status", "ongoing")
    click(dash_duo, dash_duo.find_element("#correct-save"))
    dash_duo.wait_for_contains_text("#panel-message", "Saved: the summary, the actors, the status")
    dash_duo.wait_for_text_to_equal("#panel-summary", "Ferries <b>sail</b> again")  # as text
    wait_until(lambda: "Ferries <b>sail</b> again" in table_text(dash_duo), what="the table")
    edited = store.event(ferry.event_id)
    assert (edited.summary, edited.actors, edited.status, edited.corrected) == (
        "Ferries <b>sail</b> again", ("Port Authority", "Ada Lovelace"), "ongoing", True)
    notes = dash_duo.find_elements("#edits-note .edit-note")
    assert [n.text.split(";")[0] for n in notes] == ["Summary edited", "Actors edited", "Status edited"]
    screenshot(dash_duo, "curation-edited")
    revert = next(n for n in notes if n.text.startswith("Summary")).find_element(
        "css selector", "button")
    click(dash_duo, revert)
    dash_duo.wait_for_contains_text("#panel-message", "Summary reverted")
    dash_duo.wait_for_text_to_equal("#panel-summary", ferry.summary)
    assert store.event(ferry.event_id).summary == ferry.summary
    assert store.event(ferry.event_id).status == "ongoing"
    assert severe_logs(dash_duo) == []


def test_a_stale_edit_is_refused_with_what_it_is_now(dash_duo, seeded):
    store, events = seeded
    council = next(e for e in events if e.expression == "on Wednesday")
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    open_row(dash_duo, "Wednesday 19 March 2025")
    store.edit_event(council.event_id, "summary", "Someone else's words")  # another person
    retype(dash_duo, "#edit-summary", "My words")
    click(dash_duo, dash_duo.find_element("#correct-save"))
    dash_duo.wait_for_contains_text("#panel-message", "someone else set it to Someone else's words")
    dash_duo.wait_for_text_to_equal("#panel-summary", "Someone else's words")
    assert store.event(council.event_id).summary == "Someone else's words"


def test_add_an_event_by_hand(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    dash_duo.find_element("#add-open").click()
    dash_duo.wait_for_element("#add-date", timeout=5)
    dash_duo.find_element("#add-save").click()  # nothing typed: refused with the reason
    dash_duo.wait_for_contains_text("#add-message", "not a date value")
    retype(dash_duo, "#add-date", "2025-03-15")
    retype(dash_duo, "#add-summary", "Harbour reopens to visitors")
    retype(dash_duo, "#add-actors", "Harbour Master")
    retype(dash_duo, "#add-source", "Our desk")
    choose(dash_duo, "add-status", "happened")
    screenshot(dash_duo, "curation-add")
    dash_duo.find_element("#add-save").click()
    wait_count(dash_duo, ROWS, len(events) + 1)
    dash_duo.wait_for_text_to_equal("#panel-summary", "Harbour reopens to visitors")
    dash_duo.wait_for_contains_text("#event-panel", "added by hand")  # once it has slid in
    screenshot(dash_duo, "curation-added")
    added = next(e for e in store.events() if e.by_hand)
    assert (added.value, added.status, added.actors, added.source) == (
        "2025-03-15", "happened", ("Harbour Master",), "Our desk")
    row = next(r for r in dash_duo.find_elements(ROWS) if "Harbour reopens" in r.text)
    assert "Saturday 15 March 2025" in row.text and "added" in row.text
    # the story view marks it as well
    dash_duo.driver.get(dash_duo.server_url + "/?tab=story")
    dash_duo.wait_for_contains_text("#story", "Harbour reopens to visitors")
    entry = next(e for e in dash_duo.find_elements("#story .story-entry")
                 if "Harbour reopens" in e.text)
    assert entry.find_element("css selector", ".story-by-hand").text == "added by hand"
    assert all(not e.find_elements("css selector", ".story-by-hand")
               for e in dash_duo.find_elements("#story .story-entry") if e != entry)
    screenshot(dash_duo, "story-added")
    assert severe_logs(dash_duo) == []


def test_delete_an_event_then_undo(dash_duo, seeded):
    store, events = seeded
    storm = next(e for e in events if e.expression == "on 2 March")
    store.edit_event(storm.event_id, "summary", "Storm shuts the port")
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    open_row(dash_duo, "Sunday 2 March 2025")
    click(dash_duo, dash_duo.find_element("#delete-event"))
    wait_count(dash_duo, ROWS, len(events) - 1)
    dash_duo.wait_for_contains_text("#undo-toast", "Deleted \u201cStorm shuts the port\u201d")
    assert store.event(storm.event_id) is None
    screenshot(dash_duo, "curation-undo")
    click(dash_duo, dash_duo.find_element("#undo-delete"))
    wait_count(dash_duo, ROWS, len(events))
    dash_duo.wait_for_contains_text("#undo-toast", "Restored")
    dash_duo.wait_for_text_to_equal("#panel-summary", "Storm shuts the port")
    assert store.event(storm.event_id).summary == "Storm shuts the port"
    assert severe_logs(dash_duo) == []
