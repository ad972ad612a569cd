"""The "Key events" tab in headless Chromium: the ranked days of the stored articles."""
import shutil

import pytest

from dashboard import create_app

from .test_browser import severe_logs, start, wait_count

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")

CARDS = "#key-list .key-event"


def test_key_events_tab_lists_days_and_follows_its_controls(dash_duo, seeded, tmp_path):
    store, events = seeded
    start(dash_duo, create_app(store, analyse=lambda article: ([], [])))
    next(t for t in dash_duo.find_elements(".nav-link") if t.text == "Key events").click()
    days = sorted({e.start_date for e in events if e.granularity == "day"})
    wait_count(dash_duo, CARDS, min(10, len(days)))
    first = dash_duo.find_elements(CARDS)[0].text
    assert days[0].strftime("%-d %B %Y") in first
    # the hostile article's sentence is shown as text, nothing runs
    assert "<script>alert('pwned')</script>" in dash_duo.find_element("#key-list").text
    box = dash_duo.find_element("#key-days")
    box.clear()
    box.send_keys("1")
    wait_count(dash_duo, CARDS, 1)
    dash_duo.driver.save_screenshot(str(tmp_path / "key-events.png"))
    assert severe_logs(dash_duo) == []
