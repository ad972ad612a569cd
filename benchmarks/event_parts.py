"""Where the event pipeline's time goes: each part timed inside a real ``extract_many`` run.

    python benchmarks/event_parts.py [--articles 300] [--timebank]

Runs ``extract_many`` (one process, one BLAS thread, batches of 32) over generated articles
(``ingest_speed.varied_articles``) or the TempEval-3 TimeBank texts, with timers around the
parts: choosing the sentences (``plan``, and inside it the rule pass ``rules.find``), copying
them, the statistical model, writing back, each later component, ``build_events``. Then
dateparser.search_dates on the same texts, for scale. Seconds of one warm pass. The rule pass
runs once per Doc (the focus keeps its candidates on the Doc for the temporal component).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_speed import varied_articles  # noqa: E402
from benchmarks.timex_vs_dateparser import find_corpus  # noqa: E402


class Timers(dict):
    """Seconds by part; ``restore()`` puts back what ``wrap`` and ``wrap_call`` replaced (the
    pipeline ``load()`` returns is shared by the whole process)."""

    def __init__(self):
        super().__init__()
        self._patched: list[tuple[object, str, object, bool]] = []

    def _patch(self, owner, attr: str, new) -> None:
        own = attr in vars(owner)  # an attribute of the object itself, not of its class
        self._patched.append((owner, attr, vars(owner).get(attr), own))
        setattr(owner, attr, new)

    def restore(self) -> None:
        while self._patched:
            owner, attr, old, own = self._patched.pop()
            if own:
                setattr(owner, attr, old)
            else:
                delattr(owner, attr)

    def wrap(self, owner, attr: str, key: str, eager: bool = False) -> None:
        """Time ``owner.attr`` under ``key``; ``eager``: an iterator result is run through here."""
        inner = getattr(owner, attr)

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            result = inner(*args, **kwargs)
            if eager:
                result = iter(list(result))
            self[key] = self.get(key, 0.0) + time.perf_counter() - t0
            return result

        self._patch(owner, attr, timed)

    def wrap_call(self, component, key: str) -> None:
        """Time a component's ``__call__`` (looked up on its class by spaCy)."""
        cls = type(component)
        inner = cls.__call__

        def timed(this, *args, **kwargs):
            t0 = time.perf_counter()
            result = inner(this, *args, **kwargs)
            self[key] = self.get(key, 0.0) + time.perf_counter() - t0
            return result

        self._patch(cls, "__call__", timed)


def articles(n: int, timebank: bool):
    if not timebank:
        return list(varied_articles(n))
    from timeline.evaluation import read_corpus
    from timeline.model import Article

    corpus = find_corpus(None)
    if corpus is None:
        raise SystemExit("TempEval-3 TimeBank not found (../shared/data/tempeval3/train/TimeBank)")
    return [Article(text=d.text, published=d.dct) for d in read_corpus(corpus)[0]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles (default 300)")
    parser.add_argument("--timebank", action="store_true", help="the TimeBank texts instead")
    args = parser.parse_args(argv)

    from dateparser.search import search_dates

    import timeline.events.extract  # noqa: F401
    from timeline.events import extract_many
    from timeline.nlp import load
    from timeline.temporal import rules

    extract_module = sys.modules["timeline.events.extract"]  # the package re-exports a function of that name
    texts = articles(args.articles, args.timebank)
    nlp = load()
    list(extract_many(texts, nlp=nlp))  # warm: lexemes, caches

    timers = Timers()
    focus = nlp.get_pipe("timeline_sentences")
    timers.wrap(focus, "plan", "choose sentences (plan)")
    timers["choose sentences (plan)"] = 0.0  # printed before the part inside it
    timers.wrap(rules, "find", "  of which the rule pass")
    timers.wrap(focus, "copies", "copy sentences")
    timers.wrap(focus.inner, "pipe", "statistical model", eager=True)
    timers.wrap(focus, "write", "write back")  # the model's time is taken out below
    for name, component in nlp.pipeline[1:]:
        timers.wrap_call(component, name)
    timers.wrap(extract_module, "build_events", "build_events")
    try:
        t0 = time.perf_counter()
        found = sum(len(events) for _, events, _ in extract_many(texts, nlp=nlp))
        total = time.perf_counter() - t0
    finally:
        timers.restore()

    t0 = time.perf_counter()
    for article in texts:
        base = datetime(article.published.year, article.published.month, article.published.day)
        search_dates(article.text, languages=["en"], settings={"RELATIVE_BASE": base})
    peer = time.perf_counter() - t0

    source = "TimeBank" if args.timebank else "generated"
    print(f"{len(texts)} {source} articles, {found} events, {total:.2f} s "
          f"(dateparser.search_dates {peer:.2f} s: {peer / total:.2f}x)")
    for key, seconds in timers.items():
        print(f"  {key:28s} {seconds:6.2f} s  {seconds / total:5.1%}")
    parts = sum(v for k, v in timers.items() if not k.startswith(" "))
    print(f"  {'rest (batching, tokenizer)':28s} {total - parts:6.2f} s  {(total - parts) / total:5.1%}")
    stats = focus.stats
    print(f"  the model saw {stats['analysed_words'] / max(1, stats['words']):.0%} of the words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
