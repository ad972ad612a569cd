"""The suite must not depend on which `tests` package Python finds first.

Another installed package may ship a top-level `tests` package. Our test modules import shared
helpers as `tests.<package>.<module>`, and the store's tests start child processes; both must
still find our code, and nothing may wait forever.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = [
    "tests/nlp/test_ruler.py",                  # imports tests.nlp.helpers
    "tests/dashboard/test_corrections_http.py",  # imports tests.dashboard.dash_http
    "tests/test_timelinejs.py",                 # imports tests.dashboard.helpers
    "tests/store/test_connection.py",           # child processes
]


def test_the_suite_runs_beside_a_foreign_top_level_tests_package(tmp_path):
    foreign = tmp_path / "site" / "tests"
    foreign.mkdir(parents=True)
    (foreign / "__init__.py").write_text("raise ImportError('the foreign tests package was imported')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), str(ROOT)]))
    # the foreign package is in force: a plain `import tests` there finds it, not ours
    probe = subprocess.run([sys.executable, "-c", "import tests.store"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=60)
    assert "the foreign tests package was imported" in probe.stderr, probe.stderr[-500:]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PARTS],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
