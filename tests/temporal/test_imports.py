"""The arithmetic and the tagger import without spaCy: package __init__ files are light."""
import subprocess
import sys

import pytest

LIGHT = [
    "timeline", "timeline.model", "timeline.settings", "timeline.temporal", "timeline.temporal.values",
    "timeline.temporal.rules", "timeline.temporal.resolve", "timeline.temporal.tense",
    "timeline.temporal.tagger", "timeline.temporal.explicit", "timeline.events", "timeline.events.status",
    "timeline.nlp", "timeline.store", "timeline.ingest", "timeline.cli",
]


def imported_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, timeout=60, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", LIGHT)
def test_module_imports_without_spacy(module):
    assert "spacy" not in imported_after(f"import {module}")


def test_tag_time_runs_without_spacy():
    modules = imported_after("from datetime import date\nfrom timeline.temporal import tag_time\n"
                             "assert tag_time('They met on Monday.', date(2025, 3, 19))[0].value == '2025-03-17'")
    assert "spacy" not in modules


def test_lazy_package_names_still_resolve():
    import timeline.events
    import timeline.nlp

    assert callable(timeline.events.build_events) and callable(timeline.nlp.load)
    with pytest.raises(AttributeError, match="no_such_name"):
        timeline.events.no_such_name  # noqa: B018
