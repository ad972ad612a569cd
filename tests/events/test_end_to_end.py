"""The real pipeline (shipped model + entity rules + temporal) on a short article of our own."""
from datetime import date

import pytest

from timeline.model import Article

TEXT = (
    "Allies prepare next phase of mission\n"
    "Defence ministers will gather in Brussels on Thursday to agree the next phase of the mission, "
    "officials said. Chancellor Olaf Scholz held a weekend video call with European leaders. "
    "Emmanuel Macron is expected to talk to Joe Biden on Tuesday, as the talks continue. "
    "The two presidents last met in 2024. The truce has lasted for 30 days."
)


@pytest.fixture(scope="module")
def events():
    from timeline.events import extract
    from timeline.nlp import load

    return extract(Article(text=TEXT, published=date(2025, 3, 17), title="Allies"), load())


@pytest.mark.slow
def test_real_pipeline_events(events):
    by_value = {e.value: e for e in events}
    assert set(by_value) == {"2025-03-20", "2025-W11-WE", "2025-03-18", "2024"}
    assert [by_value[v].status for v in ("2025-03-20", "2025-W11-WE", "2025-03-18", "2024")] == \
        ["scheduled", "happened", "scheduled", "happened"]
    assert set(by_value["2025-03-18"].actors) >= {"Emmanuel Macron", "Joe Biden"}
    assert "Olaf Scholz" in by_value["2025-W11-WE"].actors
    for ev in events:
        assert ev.sentence[ev.expr_start:ev.expr_end] == ev.expression
        assert ev.expression in ev.summary and len(ev.summary.split()) <= 25
    assert by_value["2025-03-18"].summary.startswith("Emmanuel Macron is expected to talk")
    assert "as the talks continue" not in by_value["2025-03-18"].summary
