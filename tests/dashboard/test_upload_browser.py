"""Uploads run as background jobs (a diskcache queue, a worker process): the page shows the
progress while the files are analysed, then the results, and stays usable meanwhile."""
import shutil
import time

import pytest

from dashboard import create_app

pytestmark = pytest.mark.skipif(not shutil.which("chromedriver"),
                                reason="chromedriver not installed (.ci/run installs it)")


def slow_analyse(article):
    """Stands in for the pipeline, slowly enough to watch the progress bar move."""
    time.sleep(1.5)
    return [], []


def test_upload_shows_progress_then_the_results(dash_duo, seeded, tmp_path):
    store, _ = seeded
    dash_duo.driver.set_window_size(1400, 900)
    dash_duo.start_server(create_app(store, analyse=slow_analyse))
    paths = []
    for n in range(3):
        path = tmp_path / f"story{n}.txt"
        path.write_text(f"Story {n}\nPublished: 2025-03-17\n\nThe council met on {n + 3} March 2025 in town {n}.\n")
        paths.append(str(path))
    bad = tmp_path / "bad.json"
    bad.write_text("[" * 5000 + "]" * 5000)
    paths.insert(1, str(bad))
    dash_duo.wait_for_element("#upload input[type=file]", timeout=30).send_keys("\n".join(paths))
    dash_duo.wait_for_contains_text("#upload-progress", "of 4 files", timeout=30)
    bar = dash_duo.find_element("#upload-progress")
    assert bar.is_displayed()
    dash_duo.driver.execute_script("arguments[0].scrollIntoView()", bar)
    dash_duo.driver.save_screenshot(str(tmp_path / "progress.png"))
    dash_duo.wait_for_contains_text("#upload-result", "story2.txt", timeout=60)
    result = dash_duo.find_element("#upload-result").text
    assert result.count("added") == 3 and "bad.json" in result and "nested too deeply" in result
    end = time.time() + 10
    while dash_duo.find_element("#upload-progress").is_displayed() and time.time() < end:
        time.sleep(0.1)
    assert not dash_duo.find_element("#upload-progress").is_displayed()
    assert len(store.articles()) == 2 + 3  # the two seeded articles and the three stories
