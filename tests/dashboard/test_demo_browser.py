"""The demo corpus through the real pipeline, drawn in the browser; saves docs/screenshot.png
when TIMELINE_SCREENSHOT=1 (the README's picture)."""
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
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


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
    assert marks == total
    if os.environ.get("TIMELINE_SCREENSHOT"):
        time.sleep(1)
        dash_duo.driver.save_screenshot(str(SCREENSHOT))
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []
    store.close()
