"""benchmarks/event_parts.py: timers around the parts of the event pipeline."""
from benchmarks import event_parts
from tests.nlp.helpers import needs_model


class Thing:
    def items(self, n):
        return (i for i in range(n))

    def __call__(self, x):
        return x * 2


def test_timers_add_up_and_keep_results():
    timers = event_parts.Timers()
    thing = Thing()
    timers.wrap(thing, "items", "items", eager=True)
    result = thing.items(3)
    assert list(result) == [0, 1, 2]
    thing.items(2)
    assert set(timers) == {"items"} and timers["items"] >= 0.0

    class Component(Thing):
        pass

    timers.wrap_call(Component(), "component")
    assert Component()(4) == 8
    assert timers["component"] >= 0.0
    timers.restore()  # the originals are back
    assert "items" not in vars(thing) and "__call__" not in vars(Component)
    assert list(thing.items(2)) == [0, 1] and Component()(1) == 2


@needs_model
def test_the_report_names_every_part(capsys):
    assert event_parts.main(["--articles", "4"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 generated articles, ")
    for part in ("statistical model", "build_events", "timeline_temporal", "the model saw"):
        assert part in out
    from timeline.nlp import load

    focus = load().get_pipe("timeline_sentences")  # the shared pipeline is left as it was
    assert "plan" not in vars(focus) and "pipe" not in vars(focus.inner)
