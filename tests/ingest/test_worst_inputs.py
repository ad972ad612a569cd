"""Inputs that crashed or stalled the real pipeline (#19), run in a child process with a
timeout so a crash fails this test instead of killing the suite. They assert outcomes (exit
code, the dated event), not timings; benchmarks/worst_inputs.py measures time and memory."""
import json
import subprocess
import sys
import textwrap

import pytest

TIMEOUT = 600

DOORS = textwrap.dedent('''
    import io, json, sys
    from datetime import date
    from dashboard import create_app
    from dashboard.ingesting import ingest_uploads
    from timeline.store import EventStore
    text = sys.stdin.read()
    out = {}
    store = EventStore(":memory:")
    client = create_app(store).server.test_client()
    resp = client.post("/api/articles", json={"text": text, "published": "2025-03-17"})
    out["rest"] = [resp.status_code, [e.value for e in store.events()]]
    store = EventStore(":memory:")
    import base64
    data = "data:text/plain;base64," + base64.b64encode(text.encode()).decode()
    results = ingest_uploads(store, [data], ["very.txt"], date(2025, 3, 17))
    out["upload"] = [[r.status for r in results], [e.value for e in store.events()]]
    print(json.dumps(out))
''')


def run(code: str, text: str):
    return subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                          timeout=TIMEOUT)


@pytest.mark.slow
def test_very_many_words_then_a_date_through_the_cli(tmp_path):
    """`"very " * 40000` + one dated sentence killed the process (SIGSEGV in verb.subtree)."""
    path = tmp_path / "very.txt"
    path.write_text("very " * 40000 + "The talks were held on March 3, 2025.", "utf-8")
    db = tmp_path / "t.db"
    done = subprocess.run([sys.executable, "-m", "timeline", "ingest", str(path), "--db", str(db),
                           "--published", "2025-03-17"], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("1 article added, 1 event found")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "very " * 40000 + "The talks were held on March 3, 2025.",
    "On March 3, 2025 the talks began. " + "&" * 40000,
    "The talks were held on March 3, 2025 and " + "the talks went on and " * 4000 + "ended.",
], ids=["very-40000", "ampersands-40000", "one-long-sentence"])
def test_rest_and_upload_doors_survive(text):
    done = run(DOORS, text)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["rest"][0] == 201 and "2025-03-03" in out["rest"][1]
    assert out["upload"][0] == ["added"] and "2025-03-03" in out["upload"][1]
