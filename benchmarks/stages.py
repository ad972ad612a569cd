"""One measured stage of `python -m benchmarks`, run alone in a child process.

    python -m benchmarks.stages '{"stage": "tagging", "tool": "timeline.tag_time", "size": 1000}'

prints one JSON line: what was measured (items, kilobytes, seconds; load time apart) and the
process's own peak resident memory (and its children's, for worker pools). A fresh process per
stage keeps the peaks apart: one tool's memory never shows up in another's figure.
The stages reuse the other benchmark scripts: the corpus is ingest_speed.varied_articles, the
peers are timex_vs_dateparser.PEERS, ingest is ingest_speed.run, the store is
store_queries.synthetic and store_queries.timed.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# One BLAS thread (the English model's matrix products go through numpy), as each worker of a
# pool has: set before anything loads numpy, so that no stage pays for threadpoolctl's imports
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
for _name, _value in ONE_THREAD.items():
    os.environ.setdefault(_name, _value)

from benchmarks import ingest_speed, store_queries, timex_vs_dateparser  # noqa: E402
from benchmarks.ingest_speed import peak_rss_mb, varied_articles  # noqa: E402

OURS = "timeline.tag_time"
PEERS = tuple(timex_vs_dateparser.PEERS)  # dateparser.search_dates, datefinder..., parsedatetime...
WARMUP = timex_vs_dateparser.WARMUP


def tagger(tool: str):
    """tag(text, dct) -> list[TimeExpression] for our tagger or a peer; ImportError if missing."""
    if tool == OURS:
        from timeline.temporal import tag_time
        return tag_time
    if tool not in timex_vs_dateparser.PEERS:
        raise ValueError(f"unknown tagger {tool!r}; known: {', '.join((OURS, *PEERS))}")
    return timex_vs_dateparser.PEERS[tool][1]()


def _loaded(tool: str):
    t0 = time.perf_counter()
    tag = tagger(tool)
    tag(WARMUP["text"], date.fromisoformat(WARMUP["dct"]))
    return tag, time.perf_counter() - t0


def tagging(tool: str, size: int) -> dict:
    """Tag ``size`` generated articles (streamed, nothing kept) with their publication date."""
    tag, load = _loaded(tool)
    nbytes = found = 0
    t0 = time.perf_counter()
    for article in varied_articles(size):
        nbytes += len(article.text.encode("utf-8"))
        found += len(tag(article.text, article.published))
    return {"items": size, "kb": nbytes / 1024, "seconds": time.perf_counter() - t0,
            "load_seconds": load, "found": found}


def timebank(tool: str, limit: int | None = None) -> dict:
    """Tag the TempEval-3 TimeBank documents (DCT as reference), time it, and score it."""
    from timeline.evaluation import read_corpus, score

    corpus = timex_vs_dateparser.find_corpus(None)
    if corpus is None:
        return {"skipped": "TempEval-3 TimeBank not found (../shared/data/tempeval3/train/TimeBank)"}
    docs = read_corpus(corpus)[0][:limit]
    tag, load = _loaded(tool)
    t0 = time.perf_counter()
    predicted = {d.doc_id: tag(d.text, d.dct) for d in docs}
    seconds = time.perf_counter() - t0
    counts = score(docs, predicted).total
    return {"items": len(docs), "kb": sum(len(d.text.encode("utf-8")) for d in docs) / 1024,
            "seconds": seconds, "load_seconds": load, "found": counts.predicted,
            "strict_f1": counts.strict_f1, "relaxed_f1": counts.relaxed_f1,
            "type_f1": counts.type_f1, "value_f1": counts.value_f1}


def events(size: int, workers: int = 1) -> dict:
    """The full event pipeline (shipped English model) over ``size`` generated articles."""
    from timeline.events import extract_many
    from timeline.nlp import load

    t0 = time.perf_counter()
    nlp = load()
    list(extract_many(varied_articles(1), nlp=nlp))
    load_s = time.perf_counter() - t0
    nbytes = found = 0
    t0 = time.perf_counter()
    for article, evs, _ in extract_many(varied_articles(size), nlp=nlp, n_process=workers):
        nbytes += len(article.text.encode("utf-8"))
        found += len(evs)
    return {"items": size, "kb": nbytes / 1024, "seconds": time.perf_counter() - t0,
            "load_seconds": load_s, "found": found, "model": model_name(nlp)}


def model_name(nlp) -> str:
    """The statistical model's name (load() wraps it in a blank pipeline named "pipeline")."""
    inner = nlp.get_pipe("timeline_sentences").inner if "timeline_sentences" in nlp.pipe_names else nlp
    return inner.meta.get("name", "")


def timebank_events(limit: int | None = None) -> dict:
    """The full event pipeline over the TempEval-3 TimeBank documents (real news, the DCT as
    publication date): the same texts as the ``timebank`` stage of the taggers."""
    from timeline.evaluation import read_corpus
    from timeline.events import extract_many
    from timeline.model import Article
    from timeline.nlp import load

    corpus = timex_vs_dateparser.find_corpus(None)
    if corpus is None:
        return {"skipped": "TempEval-3 TimeBank not found (../shared/data/tempeval3/train/TimeBank)"}
    articles = [Article(text=d.text, published=d.dct) for d in read_corpus(corpus)[0][:limit]]
    t0 = time.perf_counter()
    nlp = load()
    list(extract_many(varied_articles(1), nlp=nlp))
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(evs) for _, evs, _ in extract_many(articles, nlp=nlp))
    return {"items": len(articles), "kb": sum(len(a.text.encode("utf-8")) for a in articles) / 1024,
            "seconds": time.perf_counter() - t0, "load_seconds": load_s, "found": found,
            "model": model_name(nlp)}


def ingest(size: int, workers: int) -> dict:
    """ingest_speed.run: extract_many + EventStore.add_article into a temporary file; one worker
    is one process, more are a local Dask cluster (its start timed apart, not in ``seconds``)."""
    with tempfile.TemporaryDirectory() as tmp:
        r = ingest_speed.run(size, workers, [], str(Path(tmp) / "ingest.db"),
                             mechanism="dask" if workers > 1 else "process")
    kb = sum(len(a.text.encode("utf-8")) for a in varied_articles(size)) / 1024
    return {"items": r["articles"], "kb": kb, "seconds": r["seconds"], "found": r["events"]}


def store(size: int, repeat: int = 7) -> dict:
    """``size`` synthetic events in a temporary store; the dashboard's two main queries (ms)."""
    from timeline.model import EventFilter
    from timeline.store import EventStore

    with tempfile.TemporaryDirectory() as tmp:
        with EventStore(str(Path(tmp) / "bench.db")) as st:
            t0 = time.perf_counter()
            for article, evs in store_queries.synthetic(size):
                st.add_article(article, evs)
            seconds = time.perf_counter() - t0
            actor = st.actors()[0][0]
            flt = EventFilter(start=date(2019, 1, 1), end=date(2022, 12, 31), actors=(actor,),
                              text="ceasefire")
            filter_ms, rows = store_queries.timed(lambda: st.events(flt, limit=5000), repeat)
            month_ms, months = store_queries.timed(lambda: st.counts(by="month"), repeat)
            count = st.count()
    return {"items": count, "seconds": seconds, "filter_ms": filter_ms, "filter_rows": len(rows),
            "counts_per_month_ms": month_ms, "months": len(months)}


STAGES = {"tagging": tagging, "timebank": timebank, "timebank_events": timebank_events,
          "events": events, "ingest": ingest,
          "store": store}


def run(spec: dict) -> dict:
    """Measure one stage in this process; adds the peak resident memory (MB). numpy's BLAS
    (the English model's matrix products) gets one thread, as each worker of a pool does: one
    process is one core, like the peers (``ONE_THREAD``, set before numpy loads)."""
    args = {k: v for k, v in spec.items() if k != "stage"}
    result = STAGES[spec["stage"]](**args)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["children_peak_rss_mb"] = round(peak_rss_mb(ingest_speed.resource.RUSAGE_CHILDREN), 1)
    return result


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
