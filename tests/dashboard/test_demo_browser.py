"""The demo corpus through the real pipeline, drawn in the browser; saves the README's pictures
(docs/screenshot.png: the timeline, docs/story.png: the story view, docs/key-events.png: the key events, at 1400x900, and
docs/story-phone.png, docs/timeline-phone.png at 390x844) when TIMELINE_SCREENSHOT=1."""
import os
import shutil
import time
from pathlib import Path

import pytest

from dashboard import create_app
from timeline.cli.serve import load_demo
from timeline.store import EventStore

POINTS = "#timeline-figure .cartesianlayer .scatterlayer .point"
BARS = "#timeline-figure .cartesianlayer .barlayer .point"
pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")
DOCS = Path(__file__).resolve().parents[2] / "docs"
SCREENSHOT = DOCS / "screenshot.png"
CLUSTERS = "#timeline-figure .cartesianlayer .scatterlayer .textpoint"


def test_tl005_demo_corpus_draws_a_timeline(dash_duo, tmp_path):
    store = EventStore(str(tmp_path / "demo.db"))
    messages = []
    load_demo(store, echo=messages.append)
    total = store.count()
    assert total >= 20, messages
    load_demo(store, echo=messages.append)  # a second run adds nothing
    assert store.count() == total and "0 articles added" in messages[-1]

    dash_duo.driver.set_window_size(1400, 900)
    dash_duo.start_server(create_app(store))
    dash_duo.wait_for_contains_text("#timeline-summary", f"{total} events", timeout=15)
    end = time.time() + 10
    while time.time() < end and not dash_duo.find_elements(POINTS):
        time.sleep(0.1)
    marks = len(dash_duo.find_elements(POINTS)) + len(dash_duo.find_elements(BARS))
    crowded = [int(el.text) for el in dash_duo.find_elements(CLUSTERS)]  # one mark, n events
    assert marks - len(crowded) + sum(crowded) == total
    assert dash_duo.find_elements("#timeline-figure .annotation-text")  # labelled
    assert not dash_duo.find_elements("#timeline-figure .rangeslider-container")  # marks: none
    assert dash_duo.find_elements("#timeline-figure .modebar-btn")
    if os.environ.get("TIMELINE_SCREENSHOT"):
        time.sleep(1)
        dash_duo.driver.save_screenshot(str(SCREENSHOT))
    dash_duo.driver.get(dash_duo.server_url + "/?tab=story")
    dash_duo.wait_for_contains_text("#story", "What is scheduled", timeout=15)
    if os.environ.get("TIMELINE_SCREENSHOT"):
        time.sleep(1)
        dash_duo.driver.save_screenshot(str(DOCS / "story.png"))
    dash_duo.driver.get(dash_duo.server_url + "/?tab=key-events")
    dash_duo.wait_for_element("#key-list .key-event", timeout=30)
    assert dash_duo.find_elements("#key-list .key-event")  # the demo's key days are listed
    if os.environ.get("TIMELINE_SCREENSHOT"):
        time.sleep(1)
        dash_duo.driver.save_screenshot(str(DOCS / "key-events.png"))
        dash_duo.driver.get(dash_duo.server_url + "/?tab=story")
        dash_duo.wait_for_contains_text("#story", "What is scheduled", timeout=15)
        dash_duo.driver.set_window_size(390, 844)
        time.sleep(1)
        dash_duo.driver.save_screenshot(str(DOCS / "story-phone.png"))
    # a phone: no mode bar over the range buttons and the legend; the table's tools wrap
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_contains_text("#timeline-summary", f"{total} events", timeout=15)
    dash_duo.wait_for_element("#timeline-figure .rangeselector", timeout=15)
    end = time.time() + 10
    while time.time() < end and dash_duo.find_elements("#timeline-figure .modebar-btn"):
        time.sleep(0.1)
    assert not dash_duo.find_elements("#timeline-figure .modebar-btn")
    right = dash_duo.driver.execute_script("return document.documentElement.clientWidth")
    assert dash_duo.find_element("#download-timelinejs").rect["x"] + \
        dash_duo.find_element("#download-timelinejs").rect["width"] <= right
    if os.environ.get("TIMELINE_SCREENSHOT"):
        time.sleep(2)
        dash_duo.driver.save_screenshot(str(DOCS / "timeline-phone.png"))
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []
    store.close()
