"""Browser tests (dash_duo, headless Chromium): few and fast, one story each."""
import csv
import json
import os
import shutil
import time

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import create_app
from timeline.store import EventStore

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")

POINTS = "#timeline-figure .cartesianlayer .scatterlayer .point"  # not the range slider copy
ROWS = "#events-table .ag-center-cols-container .ag-row"


def start(dash_duo, app):
    dash_duo.driver.set_window_size(1400, 900)  # a laptop screen
    dash_duo.start_server(app)


def wait_count(dash_duo, selector, n, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if len(dash_duo.find_elements(selector)) == n:
            return
        time.sleep(0.1)
    assert len(dash_duo.find_elements(selector)) == n, selector


def wait_text(dash_duo, selector, timeout=10):
    """The visible text of an element once it has some (the panel slides in)."""
    end = time.time() + timeout
    while time.time() < end:
        found = dash_duo.find_elements(selector)
        if found and found[0].text:
            return found[0].text
        time.sleep(0.1)
    raise AssertionError(f"no text in {selector}")


def click(dash_duo, element):
    """Click an element that may sit below the table's fold (rows grow with wrapped text)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});"
                                   "arguments[0].click()", element)


def no_alert(dash_duo):
    try:
        dash_duo.driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def severe_logs(dash_duo):
    return [entry for entry in dash_duo.get_logs() or [] if entry.get("level") == "SEVERE"]


def test_tl001_click_shows_highlighted_sentence_and_hostile_text_stays_text(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, POINTS, len(events))
    wait_count(dash_duo, ROWS, len(events))

    # a click on a point opens the panel with the sentence and its expression highlighted
    ActionChains(dash_duo.driver).move_to_element(dash_duo.find_elements(POINTS)[0]).click().perform()
    mark = wait_text(dash_duo, "#evidence mark.timex")
    assert mark in {e.expression for e in events}
    assert mark in dash_duo.find_element("#evidence").text
    # ... and the table selects that event's row
    dash_duo.wait_for_element(f"{ROWS}.ag-row-selected")
    assert mark in dash_duo.find_element(f"{ROWS}.ag-row-selected").text

    # the hostile article, picked from the table: shown literally, nothing runs
    row = next(r for r in dash_duo.find_elements(ROWS) if "Friday 21 March 2025" in r.text)
    click(dash_duo, row.find_element("css selector", "[col-id=start]"))
    dash_duo.wait_for_text_to_equal("#evidence mark.timex", "on Friday")
    assert "<script>alert('pwned')</script>" in dash_duo.find_element("#evidence").text
    assert not dash_duo.find_elements("#event-panel img, #event-panel script")
    assert not dash_duo.find_elements("#event-panel a[href^=javascript]")  # unsafe link dropped
    dash_duo.find_element("#read-article").click()
    wait_text(dash_duo, "#article-modal-body mark.timex")
    body = wait_text(dash_duo, "#article-modal-body")
    assert "<img src=x onerror=alert(1)>" in body
    assert not dash_duo.find_elements("#article-modal-body img")
    assert no_alert(dash_duo)
    assert severe_logs(dash_duo) == []


def test_tl002_filter_drives_figure_table_url_and_csv(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, POINTS, len(events))
    search = dash_duo.find_element("#filter-search")
    search.send_keys("ferry\n")  # in one sentence; the search reads the whole article
    wait_count(dash_duo, POINTS, 3)
    wait_count(dash_duo, ROWS, 3)
    dash_duo.wait_for_contains_text("#timeline-summary", "3 events \u00b7")
    assert "q=ferry" in dash_duo.driver.current_url

    dash_duo.find_element("#download-csv").click()
    target = os.path.join(dash_duo.download_path, "timeline-events.csv")
    end = time.time() + 10
    while not os.path.exists(target) and time.time() < end:
        time.sleep(0.1)
    with open(target, "rb") as fh:
        assert fh.read(3) == b"\xef\xbb\xbf"  # a BOM: Excel reads the file as UTF-8
    with open(target, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    # one row per event, with its reports counted; ticked, one row per mention
    assert [(r["when"], r["date"], r["reports"], r["sources"]) for r in rows] == [
        ("Sunday 2 March 2025", "2025-03-02", "1", "Daily Post"),
        ("Monday 10 March 2025", "2025-03-10", "1", "Daily Post"),
        ("Wednesday 19 March 2025", "2025-03-19", "1", "Daily Post")]
    os.remove(target)
    dash_duo.find_element("#download-mentions").click()
    dash_duo.find_element("#download-csv").click()
    target = os.path.join(dash_duo.download_path, "timeline-mentions.csv")
    end = time.time() + 10
    while not os.path.exists(target) and time.time() < end:
        time.sleep(0.1)
    with open(target, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["expression"], r["when"], r["date"]) for r in rows] == [
        ("on 2 March", "Sunday 2 March 2025", "2025-03-02"),
        ("on Monday", "Monday 10 March 2025", "2025-03-10"),
        ("on Wednesday", "Wednesday 19 March 2025", "2025-03-19")]
    # the table shows the plain date, the TIMEX3 value in its own column
    assert any("Monday 10 March 2025" in row.text for row in dash_duo.find_elements(ROWS))

    # the filter lives in the URL: a shared link restores it
    dash_duo.driver.get(dash_duo.server_url + "/?statuses=scheduled")
    wait_count(dash_duo, POINTS, 2)
    wait_count(dash_duo, ROWS, 2)
    checked = [el.get_attribute("value") for el in
               dash_duo.find_elements("#filter-statuses input:checked")]
    assert checked == ["scheduled"]
    dash_duo.driver.get(dash_duo.server_url + "/?start=yesterday")
    dash_duo.wait_for_contains_text("#timeline-summary", "could not be read")
    wait_count(dash_duo, POINTS, len(events))
    assert severe_logs(dash_duo) == []


def test_tl003_upload_adds_points_and_reports_each_file(dash_duo, seeded, tmp_path):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, POINTS, len(events))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({
        "title": "Bridge works", "published": "2025-03-19",
        "text": "The engineers closed the bridge on Monday. They will reopen it on Friday."}))
    undated = tmp_path / "undated.txt"
    undated.write_text("Someone did something on Monday.")
    dash_duo.find_element("#upload input[type=file]").send_keys(f"{good}\n{undated}")
    dash_duo.wait_for_contains_text("#upload-result", "good.json", timeout=30)
    result = dash_duo.find_element("#upload-result").text
    assert "added" in result and "2 events" in result
    assert "undated.txt" in result and "refused" in result
    wait_count(dash_duo, POINTS, len(events) + 2, timeout=10)
    assert severe_logs(dash_duo) == []


def test_tl004_correction_persists_across_a_restart(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    row = next(r for r in dash_duo.find_elements(ROWS) if "Wednesday 19 March 2025" in r.text)
    click(dash_duo, row.find_element("css selector", "[col-id=start]"))
    dash_duo.wait_for_text_to_equal("#evidence mark.timex", "on Wednesday")
    value = dash_duo.find_element("#correct-value")
    value.clear()
    value.send_keys("2025-03-26")
    dash_duo.find_element("#correct-save").click()
    dash_duo.wait_for_contains_text("#panel-message", "Saved: 2025-03-26")
    dash_duo.wait_for_contains_text("#events-table .ag-center-cols-container", "2025-03-26")

    # a new app on the same database file sees the manual correction
    fresh = EventStore(store.path)
    client = create_app(fresh).server.test_client()
    data = client.get("/api/events?sources=Daily+Post&statuses=scheduled").get_json()
    assert [(e["date"], e["corrected"]) for e in data] == [("2025-03-26", True)]
    fresh.close()
    assert severe_logs(dash_duo) == []


def test_tl006_delete_an_event_then_an_article(dash_duo, seeded):
    store, events = seeded
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    row = next(r for r in dash_duo.find_elements(ROWS) if "on 2 March" in r.text)
    click(dash_duo, row.find_element("css selector", "[col-id=start]"))
    wait_text(dash_duo, "#evidence mark.timex")
    dash_duo.find_element("#delete-event").click()
    wait_count(dash_duo, ROWS, len(events) - 1)
    wait_count(dash_duo, POINTS, len(events) - 1)

    click(dash_duo, next(t for t in dash_duo.find_elements(".nav-link") if t.text == "Articles"))
    title = "Harbour news"
    end = time.time() + 10
    while time.time() < end and not any(title in r.text for r in dash_duo.find_elements(
            "#articles-table .ag-center-cols-container .ag-row")):
        time.sleep(0.1)
    rows = dash_duo.find_elements("#articles-table .ag-center-cols-container .ag-row")
    harbour = next(r for r in rows if title in r.text)
    assert "2" in harbour.find_element("css selector", "[col-id=events]").text  # 3 - 1 deleted
    harbour.find_element("css selector", "[col-id=ag-Grid-SelectionColumn] input").click()
    dash_duo.find_element("#articles-delete").click()
    end = time.time() + 10  # the browser asks first, naming the article
    while time.time() < end and no_alert(dash_duo):
        time.sleep(0.1)
    alert = dash_duo.driver.switch_to.alert
    assert "Harbour news" in alert.text and "2 events" in alert.text
    alert.accept()
    dash_duo.wait_for_contains_text("#articles-message", "Deleted")
    assert store.count() == 1 and store.article(events[0].article_id) is None
    assert severe_logs(dash_duo) == []


def test_the_tables_use_the_grids_current_api(dash_duo, seeded):
    """AG Grid says in the console when an option is deprecated (a warning, which the browser
    log keeps out): none of ours is, and a click on a row still selects it in both tables."""
    store, events = seeded
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__warnings = [];
        const warn = console.warn;
        console.warn = (...args) => { window.__warnings.push(args.join(' ')); warn(...args); };
    """})
    start(dash_duo, create_app(store))
    wait_count(dash_duo, ROWS, len(events))
    row = next(r for r in dash_duo.find_elements(ROWS) if "on 2 March" in r.text)
    click(dash_duo, row.find_element("css selector", "[col-id=start]"))
    dash_duo.wait_for_element(f"{ROWS}.ag-row-selected")
    assert "on 2 March" in dash_duo.find_element(f"{ROWS}.ag-row-selected").text
    click(dash_duo, next(t for t in dash_duo.find_elements(".nav-link") if t.text == "Articles"))
    articles = "#articles-table .ag-center-cols-container .ag-row"
    wait_count(dash_duo, articles, 2)
    click(dash_duo, next(r for r in dash_duo.find_elements(articles) if "Harbour news" in r.text)
          .find_element("css selector", "[col-id=source]"))
    dash_duo.wait_for_element(f"{articles}.ag-row-selected")
    assert "Harbour news" in dash_duo.find_element(f"{articles}.ag-row-selected").text
    warnings = dash_duo.driver.execute_script("return window.__warnings")
    assert [w for w in warnings if "AG Grid" in w] == []
