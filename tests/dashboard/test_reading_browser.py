"""Browser tests of the reading features (dash_duo, headless Chromium): labels and crowded
days on the timeline, the story tab, lanes and tab in the address, the TimelineJS download."""
import json
import os
import shutil
import time
from datetime import date, timedelta

import pytest

from dashboard import create_app
from tests.dashboard.helpers import article_with_events
from tests.dashboard.test_browser import POINTS, click, severe_logs, start, wait_count

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")

LABELS = "#timeline-figure .annotation-text"
CLUSTER_TEXT = "#timeline-figure .cartesianlayer .scatterlayer .textpoint text"


def wait_file(path, timeout=10):
    end = time.time() + timeout
    while not os.path.exists(path) and time.time() < end:
        time.sleep(0.1)
    time.sleep(0.2)
    return path


def test_rd001_labels_and_a_crowded_day_that_opens_on_click(dash_duo, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    from timeline.store import EventStore

    store = EventStore(str(tmp_path / "t.db"))
    crowd = [(f"Delegate {i} spoke at the summit on Tuesday.", "on Tuesday",
              date(2025, 3, 18), "happened") for i in range(6)]
    spread = [(f"The harbour board met on day {i} to discuss the pier.", f"day {i}",
               date(2025, 2, 1) + timedelta(days=4 * i), "happened") for i in range(10)]
    article, events, timexes = article_with_events("Summit", "Daily Post", crowd + spread)
    store.add_article(article, events, timexes)
    start(dash_duo, create_app(store))
    wait_count(dash_duo, POINTS, 10 + 1, timeout=20)  # ten days apart + the crowded day's mark
    counts = dash_duo.find_elements(CLUSTER_TEXT)
    assert [el.text for el in counts] == ["6"]  # one mark, counted
    texts = [el.text for el in dash_duo.find_elements(LABELS)]
    assert "6 events" in texts
    assert any("harbour board met" in t for t in texts)  # short labels from the summaries
    ActionChains(dash_duo.driver).move_to_element(counts[0]).click().perform()
    end = time.time() + 20  # zoomed in around that day: the six are apart
    while time.time() < end and (dash_duo.find_elements(CLUSTER_TEXT)
                                 or len(dash_duo.find_elements(POINTS)) < 6):
        time.sleep(0.2)
    assert not dash_duo.find_elements(CLUSTER_TEXT)
    assert len(dash_duo.find_elements(POINTS)) >= 6
    lo, hi = dash_duo.driver.execute_script(
        "return document.getElementById('timeline-figure')"
        ".querySelector('.js-plotly-plot').layout.xaxis.range")
    assert lo[:10] <= "2025-03-18" <= hi[:10] and hi[:10] < "2025-03-30"
    assert severe_logs(dash_duo) == []
    store.close()


def test_rd002_story_tab_follows_the_filter_and_saves_an_escaped_page(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    dash_duo.driver.get(dash_duo.server_url + "/?statuses=scheduled&tab=story")
    dash_duo.wait_for_contains_text("#story", "What is scheduled")
    text = dash_duo.find_element("#story").text
    assert "What happened" not in text  # the filter is the timeline's
    assert "Wednesday 19 March 2025" in text and "Friday 21 March 2025" in text
    assert "<script>alert('pwned')</script>" in text  # hostile text shown as text
    assert not dash_duo.find_elements("#story img, #story script")
    # the reports are one click away
    details = dash_duo.find_elements("#story details")
    assert len(details) == 2
    click(dash_duo, details[0].find_element("css selector", "summary"))
    dash_duo.wait_for_contains_text("#story details[open]", "Evil Wire" if "Evil" in
                                    details[0].text else "Daily Post")
    click(dash_duo, dash_duo.find_element("#story-save"))
    page = open(wait_file(os.path.join(dash_duo.download_path, "timeline-story.html")),
                encoding="utf-8").read()
    assert "Wednesday 19 March 2025" in page and "<script" not in page and "<img" not in page
    # the tab is in the address; going back to the timeline takes it out
    assert "tab=story" in dash_duo.driver.current_url
    click(dash_duo, next(t for t in dash_duo.find_elements(".nav-link") if t.text == "Timeline"))
    end = time.time() + 5
    while time.time() < end and "tab=" in dash_duo.driver.current_url:
        time.sleep(0.1)
    assert "tab=" not in dash_duo.driver.current_url
    assert "statuses=scheduled" in dash_duo.driver.current_url
    assert severe_logs(dash_duo) == []


def test_rd003_lanes_in_the_address_and_timelinejs_download(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    dash_duo.driver.get(dash_duo.server_url + "/?lanes=source")
    dash_duo.wait_for_contains_text("#timeline-figure .ytick", "Daily Post")
    radios = dash_duo.find_elements("#group-by input")  # status, actor, source
    assert [r.is_selected() for r in radios] == [False, False, True]
    click(dash_duo, radios[1])
    end = time.time() + 5
    while time.time() < end and "lanes=actor" not in dash_duo.driver.current_url:
        time.sleep(0.1)
    assert "lanes=actor" in dash_duo.driver.current_url
    click(dash_duo, dash_duo.find_element("#download-timelinejs"))
    path = wait_file(os.path.join(dash_duo.download_path, "timeline-timelinejs.json"))
    story = json.load(open(path, encoding="utf-8"))
    assert len(story["events"]) == len(events)
    assert {s["unique_id"] for s in story["events"]} == {f"ev-{e.event_id}" for e in events}
    # the timeline as shown, as a PNG, from the figure's own toolbar
    camera = next(b for b in dash_duo.find_elements("#timeline-figure .modebar-btn")
                  if "download" in (b.get_attribute("data-title") or "").lower())
    click(dash_duo, camera)
    png = wait_file(os.path.join(dash_duo.download_path, "timeline.png"), timeout=15)
    with open(png, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
    assert severe_logs(dash_duo) == []


def test_rd_articles_filter_finds_an_article_it_did_not_offer_by_typing(dash_duo, seeded,
                                                                        monkeypatch):
    """The Articles filter offers ARTICLE_OPTIONS articles at a time (a dropdown of 10,000
    froze the page); typing asks the server for the matching ones."""
    from selenium.webdriver.common.action_chains import ActionChains

    from dashboard.callbacks import stories

    monkeypatch.setattr(stories, "ARTICLE_OPTIONS", 1)
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, POINTS, len(events))
    offered = ".dash-dropdown-content [role=listbox]"
    dropdown = dash_duo.find_element("#filter-articles")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", dropdown)
    for _ in range(20):  # the page may still be settling after its first callbacks
        ActionChains(dash_duo.driver).move_to_element(dropdown).click().perform()
        if dash_duo.find_elements(offered):
            break
        time.sleep(0.5)
    dash_duo.wait_for_contains_text(offered, "Evil Wire")  # one article offered (the first)
    assert "Harbour news" not in dash_duo.find_element(offered).text
    dash_duo.find_element(".dash-dropdown-search").send_keys("HARBOUR")
    dash_duo.wait_for_contains_text(offered, "Harbour news")  # asked from the server
    click(dash_duo, next(o for o in dash_duo.find_elements(f"{offered} [role=option]")
                         if "Harbour news" in o.text))
    wait_count(dash_duo, POINTS, 3)  # the harbour article's three events
    assert "article_ids=" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text("#filter-articles", "Harbour news")  # the chosen one's label
    assert severe_logs(dash_duo) == []
