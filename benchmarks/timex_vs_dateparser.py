"""Throughput and value F1 of `timeline timex --batch` against dateparser.search_dates, in one run.

    python -m benchmarks.timex_vs_dateparser [--corpus DIR] [--repeat 5] [--out FILE]

Texts: the TimeBank documents of the TempEval-3 training data (../shared/data/tempeval3/train),
each with its DCT as the reference date. Ours runs as the real `timeline timex --batch`
subprocess: the pipeline load (process start to the answer of a first short line) is reported
separately, then every pass streams all documents through the same process. dateparser gets a
warm-up call too. The tools take turns, one pass each per round, so that they share the
machine's load; each tool's time is the best of --repeat rounds. Value F1 uses
timeline.evaluation on the same documents; dateparser's (substring, datetime) pairs become
spans by locating each substring in order, value = the date at day precision.
datefinder and parsedatetime (the `peers` extra) are measured as well when importable.
With --profile timebank|generated it profiles instead (cProfile of timeline.tag_time over the
TimeBank documents or 1,000 generated articles, top functions by cumulative time).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path

from timeline.evaluation import GoldDoc, read_corpus, score
from timeline.model import TimeExpression

ROOT = Path(__file__).resolve().parent.parent
CORPUS_CANDIDATES = (
    ROOT.parent / "shared" / "data" / "tempeval3" / "train" / "TimeBank",
    Path("/work/shared/data/tempeval3/train/TimeBank"),
)
WARMUP = {"id": "warm-up", "text": "The ministers met on Monday and will meet again next week.",
          "dct": "2025-03-17"}


def find_corpus(given: str | None) -> Path | None:
    for path in ([Path(given)] if given else CORPUS_CANDIDATES):
        if path.is_dir():
            return path
    return None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


# ----------------------------------------------------------------------------- ours


def timeline_command() -> list[str]:
    exe = shutil.which("timeline")
    return [exe, "timex", "--batch"] if exe else [sys.executable, "-m", "timeline", "timex", "--batch"]


class BatchProcess:
    """The real `timeline timex --batch` subprocess, kept alive across passes."""

    def __init__(self, docs: list[GoldDoc]):
        self.docs = docs
        self.lines = [json.dumps({"id": d.doc_id, "text": d.text, "dct": d.dct.isoformat()}).encode()
                      + b"\n" for d in docs]
        started = time.perf_counter()
        self.proc = subprocess.Popen(timeline_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.proc.stdin.write(json.dumps(WARMUP).encode() + b"\n")
        self.proc.stdin.flush()
        first = json.loads(self.proc.stdout.readline() or b"null")
        if not first or "timexes" not in first:
            self.close()
            raise RuntimeError(f"`timeline timex --batch` did not answer the warm-up line: {first}")
        self.load_seconds = time.perf_counter() - started
        self.answers: list[dict] = []

    def one_pass(self) -> float:
        """Stream every document through the process (a writer thread feeds stdin); seconds."""
        writer = threading.Thread(target=lambda: (self.proc.stdin.writelines(self.lines),
                                                  self.proc.stdin.flush()))
        t0 = time.perf_counter()
        writer.start()
        raw = [self.proc.stdout.readline() for _ in self.lines]
        seconds = time.perf_counter() - t0
        writer.join()
        self.answers = [json.loads(line) for line in raw]
        return seconds

    def predictions(self) -> tuple[dict, list[str]]:
        predicted, errors = {}, []
        for doc, answer in zip(self.docs, self.answers):
            if answer.get("id") != doc.doc_id:
                raise RuntimeError(f"answer out of order: expected {doc.doc_id}, got {answer.get('id')}")
            if "error" in answer:
                errors.append(f"{doc.doc_id}: {answer['error']}")
            predicted[doc.doc_id] = [TimeExpression(t["start"], t["end"], t["text"], t["type"], t["value"])
                                     for t in answer.get("timexes", [])]
        return predicted, errors

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


# ----------------------------------------------------------------------------- peers


def locate_in_order(text: str, found: list[tuple[str, object]]) -> list[tuple[int, int, str, object]]:
    """(substring, payload) pairs -> spans, each substring searched after the previous one."""
    spans, cursor = [], 0
    for sub, payload in found:
        start = text.find(sub, cursor)
        if start < 0:
            start = text.find(sub)
        if start < 0 or not sub:
            continue
        spans.append((start, start + len(sub), sub, payload))
        cursor = start + len(sub)
    return spans


def _day_expressions(spans) -> list[TimeExpression]:
    return [TimeExpression(s, e, sub, "DATE", dt.date().isoformat()) for s, e, sub, dt in spans]


def tag_dateparser():
    from dateparser.search import search_dates

    def tag(text: str, dct: date) -> list[TimeExpression]:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": _midnight(dct)}) or []
        return _day_expressions(locate_in_order(text, found))
    return tag


def tag_datefinder():
    import datefinder

    def tag(text: str, dct: date) -> list[TimeExpression]:
        return [TimeExpression(s, e, sub, "DATE", dt.date().isoformat())
                for dt, sub, (s, e) in datefinder.find_dates(text, source=True, index=True,
                                                            base_date=_midnight(dct))]
    return tag


def tag_parsedatetime():
    import parsedatetime

    calendar = parsedatetime.Calendar()

    def tag(text: str, dct: date) -> list[TimeExpression]:
        found = calendar.nlp(text, sourceTime=_midnight(dct)) or ()
        return [TimeExpression(s, e, sub, "DATE", dt.date().isoformat()) for dt, _, s, e, sub in found]
    return tag


PEERS = {  # name -> (distribution, factory of tag(text, dct))
    "dateparser.search_dates": ("dateparser", tag_dateparser),
    "datefinder.find_dates": ("datefinder", tag_datefinder),
    "parsedatetime.nlp": ("parsedatetime", tag_parsedatetime),
}


def load_peer(factory) -> tuple[object, float]:
    t0 = time.perf_counter()
    tag = factory()
    tag(WARMUP["text"], date.fromisoformat(WARMUP["dct"]))
    return tag, time.perf_counter() - t0


def peer_pass(tag, docs: list[GoldDoc]) -> tuple[float, dict]:
    t0 = time.perf_counter()
    predicted = {d.doc_id: tag(d.text, d.dct) for d in docs}
    return time.perf_counter() - t0, predicted


def measure(docs: list[GoldDoc], peers: dict, repeat: int) -> dict[str, dict]:
    """Rounds of one pass per tool, interleaved so that every tool sees the same machine load."""
    ours = BatchProcess(docs)
    runs = {"timeline timex --batch": {"load_seconds": ours.load_seconds, "times": []}}
    tags = {}
    for name, factory in peers.items():
        tags[name], load = load_peer(factory)
        runs[name] = {"load_seconds": load, "times": [], "errors": []}
    try:
        for _ in range(repeat):
            runs["timeline timex --batch"]["times"].append(ours.one_pass())
            for name, tag in tags.items():
                seconds, runs[name]["predicted"] = peer_pass(tag, docs)
                runs[name]["times"].append(seconds)
        runs["timeline timex --batch"]["predicted"], runs["timeline timex --batch"]["errors"] = ours.predictions()
    finally:
        ours.close()
    return runs


def profile(texts: list[tuple[str, date]], top: int = 20) -> str:
    """cProfile of timeline.tag_time over (text, reference) pairs: the top functions."""
    import cProfile
    import io
    import pstats

    from timeline.temporal import tag_time

    tag_time(WARMUP["text"], date.fromisoformat(WARMUP["dct"]))
    prof = cProfile.Profile()
    prof.enable()
    for text, dct in texts:
        tag_time(text, dct)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ----------------------------------------------------------------------------- report


def summarise(docs: list[GoldDoc], run: dict) -> dict:
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    best = min(run["times"])
    counts = score(docs, run["predicted"]).total
    return {
        "load_seconds": round(run["load_seconds"], 3),
        "best_seconds": round(best, 3), "all_seconds": [round(t, 3) for t in run["times"]],
        "kb_per_s": round(kb / best, 1), "docs_per_s": round(len(docs) / best, 1),
        "predicted": counts.predicted, "strict_f1": round(counts.strict_f1, 4),
        "relaxed_f1": round(counts.relaxed_f1, 4), "type_f1": round(counts.type_f1, 4),
        "value_f1": round(counts.value_f1, 4), "errors": run["errors"][:10],
    }


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder of .tml files (default: ../shared TimeBank)")
    parser.add_argument("--repeat", type=int, default=5, help="passes per tool; the best one counts")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "timex.json"))
    parser.add_argument("--profile", choices=("timebank", "generated"),
                        help="profile timeline.tag_time instead of comparing the tools")
    args = parser.parse_args(argv)
    if args.profile == "generated":
        from benchmarks.ingest_speed import varied_articles

        print(profile([(a.text, a.published) for a in varied_articles(1000)]))
        return 0
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("skipped: TimeBank corpus not found (expected ../shared/data/tempeval3/train/TimeBank)")
        return 0
    docs, problems = read_corpus(corpus)
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)
    if args.profile:
        print(profile([(d.text, d.dct) for d in docs]))
        return 0
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    load_at_start = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    print(f"{len(docs)} documents, {kb:.0f} KB, {sum(len(d.timexes) for d in docs)} gold TIMEX3 "
          f"({corpus}); best of {args.repeat} rounds; load average {load_at_start}")

    peers = {}
    for name, (dist, factory) in PEERS.items():
        if _version(dist) is None:
            print(f"({name}: not installed, skipped)")
        else:
            peers[name] = factory
    results = {name: summarise(docs, run) for name, run in measure(docs, peers, args.repeat).items()}

    print(f"{'tool':<26} {'load s':>7} {'best s':>7} {'KB/s':>8} {'docs/s':>7} "
          f"{'strict':>7} {'relaxed':>7} {'value':>7}")
    for name, r in results.items():
        print(f"{name:<26} {r['load_seconds']:>7.2f} {r['best_seconds']:>7.2f} {r['kb_per_s']:>8.1f} "
              f"{r['docs_per_s']:>7.1f} {r['strict_f1']:>7.3f} {r['relaxed_f1']:>7.3f} {r['value_f1']:>7.3f}")
    ours, peer = results["timeline timex --batch"], results.get("dateparser.search_dates")
    ratio = round(ours["kb_per_s"] / peer["kb_per_s"], 2) if peer else None
    if ratio is not None:
        print(f"throughput ratio timeline / dateparser.search_dates: {ratio}x")
    for err in ours["errors"]:
        print(f"  timeline error: {err}", file=sys.stderr)

    report = {
        "corpus": str(corpus), "documents": len(docs), "kilobytes": round(kb, 1),
        "gold_timexes": sum(len(d.timexes) for d in docs), "repeat": args.repeat,
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
                    "load_average_1m_at_start": load_at_start},
        "versions": {d: _version(d) for d in ("timeline-builder", "spacy", "dateparser",
                                              "datefinder", "parsedatetime")},
        "ratio_kb_per_s_vs_dateparser": ratio,
        "tools": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
