import subprocess
import sys
from dataclasses import dataclass

import pytest

from timeline.settings import SETTINGS, Settings, _setting


@dataclass(frozen=True)
class Sample(Settings):
    window: int = _setting(60, "characters read before an expression", low=1, high=1000)
    bias: float = _setting(1.5, "weight of a cue after the expression", low=0.0)
    lang: str = _setting("en", "language of the resources")


def test_defaults_validate_and_replace_gives_a_checked_copy():
    s = Sample()
    t = s.replace(window=30)
    assert (s.window, t.window) == (60, 30)
    assert t.replace(bias=2).bias == 2


@pytest.mark.parametrize("changes, message", [
    ({"window": 0}, "below its minimum"),
    ({"window": 5000}, "above its maximum"),
    ({"window": "60"}, "expected a number"),
    ({"window": True}, "expected a number"),
    ({"lang": 3}, "expected str"),
    ({"nope": 1}, "unknown setting(s): nope"),
])
def test_bad_values_are_refused_by_name(changes, message):
    with pytest.raises(ValueError, match="nope" if "nope" in changes else next(iter(changes))) as err:
        Sample().replace(**changes)
    assert message in str(err.value)


def test_describe_lists_every_field_with_its_doc():
    assert ("window", 60, "characters read before an expression") in Sample.describe()
    assert isinstance(SETTINGS, Settings)


def test_import_needs_only_the_standard_library():
    code = "import sys, timeline.settings; print('spacy' in sys.modules, 'dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False"], out.stderr
