"""The TimelineJS export loads in TimelineJS itself: its JS and CSS from the npm package
(@knight-lab/timelinejs, installed by this test into a cache folder, never shipped), in headless
Chromium, and every event becomes a slide and a marker on the time navigation."""
import json
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from timeline.timelinejs import to_timelinejs

TLJS = "@knight-lab/timelinejs@3.9.11"
CACHE = Path.home() / ".cache" / "timeline-tests" / "timelinejs"

pytestmark = [
    pytest.mark.skipif(not shutil.which("chromedriver"),
                       reason="chromedriver not installed (.ci/run installs it)"),
    pytest.mark.skipif(not shutil.which("npm"), reason="npm not installed (.ci/run installs it)"),
]


def timelinejs_dist() -> Path:
    """dist/ of the npm package, installed once into the test cache (2 minutes at most)."""
    dist = CACHE / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
    if not (dist / "js" / "timeline.js").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                        "--prefix", str(CACHE), TLJS], check=True, timeout=120,
                       capture_output=True)
    return dist


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="story" style="width: 1200px; height: 640px"></div>
<script>window.timeline = new TL.Timeline("story", %s);</script></body></html>"""


def test_the_export_loads_in_timelinejs_and_shows_every_event(dash_duo, make_event, tmp_path):
    from tests.dashboard.helpers import HOSTILE

    events = [
        make_event(0),
        make_event(1, day=date(2025, 3, 24), status="scheduled", expression="next Monday"),
        make_event(2, day=date(2025, 3, 1), granularity="month", status="ongoing"),
        make_event(3, day=date(2025, 1, 1), granularity="year"),
        make_event(4, day=date(2025, 3, 10), granularity="week"),
        make_event(5, day=date(2025, 3, 21), sentence=HOSTILE, expression="on Friday"),
    ]
    data = to_timelinejs(events, title="Harbour <b>story</b>")
    shutil.copytree(timelinejs_dist(), tmp_path / "timelinejs")
    page = tmp_path / "story.html"
    page.write_text(PAGE % json.dumps(data).replace("</", "<\\/"), encoding="utf-8")

    driver = dash_duo.driver
    driver.set_window_size(1400, 900)
    driver.get(page.as_uri())
    end = time.time() + 20
    markers = []
    while time.time() < end and len(markers) < len(events):
        markers = driver.find_elements("css selector", ".tl-timemarker")
        time.sleep(0.2)
    assert len(markers) == len(events)
    for event in events:  # a slide per event, under its unique_id
        slide = driver.find_elements("css selector", f"#ev-{event.event_id}")
        assert slide, event.event_id
    text = driver.find_element("css selector", ".tl-storyslider").get_attribute("textContent")
    assert "Harbour <b>story</b>" in text  # the title as text, not markup
    assert "Thursday 20 March 2025" in text and "March 2025" in text  # display dates
    assert not driver.find_elements("css selector", ".tl-storyslider img, #story script")
    assert driver.execute_script("return document.title") == ""  # no script ran from the text
    # nothing failed, apart from TimelineJS's web-font stylesheet on its CDN (no network here)
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"
            and "cdn.knightlab.com" not in e.get("message", "")] == []
