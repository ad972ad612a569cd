"""The page on a phone (390x844, dash_duo in headless Chromium): no tab scrolls sideways, and
the tables show their columns without sideways scrolling; on a laptop the table's dates and
TIMEX3 values are shown whole, not cut with "…"."""
import shutil
import time
from datetime import date

import pytest

from dashboard import create_app
from tests.dashboard.helpers import article_with_events

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")

WIDTHS = """return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""
GRID_WIDTHS = """var grid = document.querySelector(arguments[0]);
var view = grid.querySelector('.ag-center-cols-viewport');
var cols = grid.querySelector('.ag-center-cols-container');
return [cols.scrollWidth, view.clientWidth]"""
CUT_CELLS = """return [...document.querySelectorAll(arguments[0])]
    .filter(c => c.scrollWidth > c.clientWidth + 1 || (c.firstElementChild &&
                 c.firstElementChild.scrollWidth > c.firstElementChild.clientWidth + 1))
    .map(c => c.textContent)"""


def wait_until(check, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return check()


def test_no_tab_scrolls_sideways_on_a_phone(dash_duo, seeded):
    store, _ = seeded
    for n in range(12):  # more rows than the tables show: their scroll bars take room too
        article, events, timexes = article_with_events(
            f"Harbour news, part {n} of a long series about the pier", "Daily Post",
            [(f"The council met on Monday about repair {n}.", "on Monday", date(2025, 3, 10),
              "happened")])
        store.add_article(article, events, timexes)
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.start_server(create_app(store))
    dash_duo.wait_for_contains_text("#timeline-summary", "events", timeout=15)
    for tab, ready in (("timeline", "#events-table .ag-row"), ("story", "#story .story-entry"),
                       ("articles", "#articles-table .ag-row"),
                       ("key-events", "#key-list .key-event")):
        dash_duo.driver.get(f"{dash_duo.server_url}/?tab={tab}")
        dash_duo.wait_for_element(ready, timeout=20)
        time.sleep(0.5)  # the grid sizes its columns after the rows arrive
        scroll, client = dash_duo.driver.execute_script(WIDTHS)
        assert scroll <= client, (tab, scroll, client)
        if tab in ("timeline", "articles"):
            grid = f"#{'events' if tab == 'timeline' else 'articles'}-table"
            fits = wait_until(lambda: (lambda w: w[0] <= w[1] and w)(
                dash_duo.driver.execute_script(GRID_WIDTHS, grid)))
            assert fits, (tab, dash_duo.driver.execute_script(GRID_WIDTHS, grid))
            headers = [h.text for h in dash_duo.find_elements(f"{grid} .ag-header-cell-text")]
            assert ("Title" if tab == "articles" else "Summary") in headers
            cut = dash_duo.driver.execute_script(CUT_CELLS, f"{grid} .ag-header-cell-text")
            assert cut == [], (tab, cut)  # "Date", not "D…"


def test_table_dates_and_values_are_shown_whole(dash_duo, seeded, make_event):
    store, _ = seeded
    from timeline.model import Article

    # a long plain date ("Wednesday 24 September 2025") and a long TIMEX3 value
    article = Article(text="x", published=make_event(0).published, title="Long dates",
                      source="Daily Post")
    long_day = make_event(7, day=date(2025, 9, 24), article_id=article.article_id,
                          value="2025-09-24T14:30")
    store.add_article(article, [long_day], [])
    dash_duo.driver.set_window_size(1400, 900)
    dash_duo.start_server(create_app(store))
    dash_duo.driver.get(f"{dash_duo.server_url}/?start=2025-09-01")
    dash_duo.wait_for_contains_text("#events-table", "September 2025", timeout=15)
    time.sleep(0.5)
    for column in ("start", "date"):
        cells = f"#events-table .ag-center-cols-container [col-id={column}]"
        assert dash_duo.find_elements(cells)
        assert dash_duo.driver.execute_script(CUT_CELLS, cells) == [], column
