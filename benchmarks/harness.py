"""All benchmarks in one run: temporal tagging against its peers, the event pipeline, ingest and
store queries; throughput, peak memory, ratios, value F1; a table and a JSON report.

    python -m benchmarks [--sizes 1000,10000,100000] [--quick] [--json benchmarks/results/latest.json]
    timeline bench       (the same options)

Every measurement runs in its own child process (benchmarks/stages.py), one after the other in
this process tree, so the tools share the machine's state and their memory peaks stay apart.
Which stage runs at which corpus size is the table PLAN: the cost per article differs by a
factor of a thousand between the store and the full spaCy pipeline.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.stages import OURS, PEERS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (100,)
REFERENCE = "dateparser.search_dates"

# stage -> largest corpus size it runs at (why: see docs/PERFORMANCE.md, "Which size for which stage")
PLAN = {
    "tagging:" + OURS: 100_000,        # ~300 articles/s: 100k in minutes
    "tagging:datefinder.find_dates": 100_000,
    "tagging:dateparser.search_dates": 10_000,   # ~100 articles/s: 100k would take 17 min
    "tagging:parsedatetime.nlp": 1_000,       # ~120 articles/s, and the least accurate
    "events": 1_000,                   # full spaCy model, ~50-65 articles/s per core
    "ingest": 10_000,                  # events + store, 1 process and a 2-worker Dask cluster: ~3 and ~1.5 min at 10k
    "store": 100_000,                  # events (not articles): synthetic, cheap to make
}
TARGETS = {
    "tagging_vs_dateparser": 3.0, "events_vs_dateparser": 1.0, "events_vs_dateparser_timebank": 1.0,
    "ingest_10k_seconds": 300.0,
    "ingest_peak_mb": 1536.0, "ingest_scaling_1_to_2": 1.8, "filter_ms": 300.0,
    "counts_per_month_ms": 100.0,
}


def run_child(spec: dict, timeout: float | None = None) -> dict:
    """One stage in a fresh `python -m benchmarks.stages` process; its JSON, or an error."""
    cmd = [sys.executable, "-m", "benchmarks.stages", json.dumps(spec)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {**spec, "error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {**spec, "error": f"exit {done.returncode}: {tail}"}
    return {**spec, **json.loads(lines[-1])}


def add_rates(result: dict) -> dict:
    """KB/s and articles/s from items, kb and seconds (when the stage has them)."""
    seconds = result.get("seconds")
    if seconds and "error" not in result and "skipped" not in result:
        result["items_per_s"] = result["items"] / seconds
        if "kb" in result:
            result["kb_per_s"] = result["kb"] / seconds
    return result


def ratio(ours: dict, peer: dict) -> float | None:
    """Throughput of ours / the peer's, on the same input (None if either has no rate)."""
    a, b = ours.get("kb_per_s"), peer.get("kb_per_s")
    return round(a / b, 3) if a and b else None


def plan(sizes: list[int], quick: bool, peers: list[str]) -> list[dict]:
    """The child specs to run, in order."""
    limit = {"limit": 20} if quick else {}
    specs = [{"stage": "timebank", "tool": t, **limit} for t in (OURS, *peers)]
    specs.append({"stage": "timebank_events", **limit})
    for size in sizes:
        for tool in (OURS, *peers):
            if size <= PLAN.get(f"tagging:{tool}", 0):
                specs.append({"stage": "tagging", "tool": tool, "size": size})
    for size in sizes:
        if size <= PLAN["events"]:
            specs.append({"stage": "events", "size": size})
        if size <= PLAN["ingest"]:
            specs += [{"stage": "ingest", "size": size, "workers": w} for w in (1, 2)]
    for size in sizes:
        if size <= PLAN["store"]:
            specs.append({"stage": "store", "size": size, **({"repeat": 2} if quick else {})})
    return specs


def installed_peers() -> list[str]:
    from benchmarks.timex_vs_dateparser import PEERS as TABLE, _version

    return [name for name in PEERS if _version(TABLE[name][0]) is not None]


def compare(results: list[dict]) -> None:
    """Adds, to each of our tagging/events/timebank rows, its ratio against every peer on the
    same input (same stage and size; the event pipeline against the peers' tagging)."""
    by_key = {(r["stage"], r.get("tool"), r.get("size")): r for r in results}
    for r in results:
        if r.get("tool", OURS) != OURS or r["stage"] not in ("tagging", "timebank", "events", "timebank_events"):
            continue
        stage = {"events": "tagging", "timebank_events": "timebank"}.get(r["stage"], r["stage"])
        r["ratios"] = {p: ratio(r, by_key[(stage, p, r.get("size"))]) for p in PEERS
                       if (stage, p, r.get("size")) in by_key}


def targets(results: list[dict]) -> list[dict]:
    """Each target with the measured value it is judged on (largest size measured)."""
    out = []

    def add(name, value, goal, higher_is_better, note):
        if value is not None:
            met = value >= goal if higher_is_better else value < goal
            out.append({"target": name, "value": round(value, 3), "goal": goal, "met": met,
                        "note": note})

    def last(stage, **where):
        rows = [r for r in results if r["stage"] == stage and "error" not in r
                and all(r.get(k) == v for k, v in where.items())]
        return max(rows, key=lambda r: r.get("size", 0)) if rows else None

    tag = last("tagging", tool=OURS)
    if tag and tag.get("ratios", {}).get(REFERENCE) is None:  # our largest size has no peer run
        tag = max((r for r in results if r["stage"] == "tagging" and r.get("ratios", {}).get(REFERENCE)),
                  key=lambda r: r["size"], default=None)
    if tag:
        add("tagging_vs_dateparser", tag["ratios"].get(REFERENCE), TARGETS["tagging_vs_dateparser"],
            True, f"KB/s ratio, {tag['size']} generated articles")
    ev = last("events")
    if ev and ev.get("ratios"):
        add("events_vs_dateparser", ev["ratios"].get(REFERENCE), TARGETS["events_vs_dateparser"],
            True, f"KB/s ratio, {ev['size']} generated articles")
    tb = last("timebank_events")
    if tb and tb.get("ratios"):
        add("events_vs_dateparser_timebank", tb["ratios"].get(REFERENCE), TARGETS["events_vs_dateparser_timebank"],
            True, f"KB/s ratio, {tb['items']} TempEval-3 TimeBank documents (news)")
    one, two = last("ingest", workers=1), last("ingest", workers=2)
    if two:
        measured = two["size"] == 10_000
        add("ingest_10k_seconds", two["seconds"] if measured else 10_000 / two["items_per_s"],
            TARGETS["ingest_10k_seconds"], False,
            "measured, 2 workers" if measured else f"projected from {two['size']} articles with 2 workers")
        add("ingest_peak_mb", two["peak_rss_mb"] + 2 * two["children_peak_rss_mb"],
            TARGETS["ingest_peak_mb"], False, "main process + 2 x the largest worker")
    if one and two and one["size"] == two["size"]:
        add("ingest_scaling_1_to_2", two["items_per_s"] / one["items_per_s"],
            TARGETS["ingest_scaling_1_to_2"], True, f"{one['size']} articles")
    st = last("store")
    if st:
        note = f"{st['items']} events, median of the runs"
        add("filter_ms", st["filter_ms"], TARGETS["filter_ms"], False, note)
        add("counts_per_month_ms", st["counts_per_month_ms"], TARGETS["counts_per_month_ms"], False, note)
    return out


def _fmt(value, spec=",.1f") -> str:
    return "-" if value is None else format(value, spec)


def table(results: list[dict]) -> str:
    """The Markdown table printed at the end (and pasted into docs/PERFORMANCE.md)."""
    lines = ["| stage | tool | size | KB | seconds | KB/s | articles/s | peak MB | value F1 | ratio vs peers |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        tool = r.get("tool") or (f"{r['workers']} worker(s)" if "workers" in r
                                 else f"extract_many, model {r.get('model', '?')}")
        if r["stage"] == "store" and "error" not in r:
            tool = f"filter {r['filter_ms']:.1f} ms, counts/month {r['counts_per_month_ms']:.1f} ms"
        size = r.get("size") or r.get("items")
        if "error" in r or "skipped" in r:
            lines.append(f"| {r['stage']} | {tool} | {_fmt(size, ',')} | {r.get('error') or r['skipped']} |"
                         " | | | | | |")
            continue
        peak = r["peak_rss_mb"] + (r["children_peak_rss_mb"] if r.get("workers", 1) > 1 else 0)
        ratios = ", ".join(f"{p.split('.')[0]} {v:.2f}x" for p, v in r.get("ratios", {}).items() if v)
        lines.append(f"| {r['stage']} | {tool} | {_fmt(size, ',')} | {_fmt(r.get('kb'), ',.0f')} | "
                     f"{r['seconds']:.2f} | {_fmt(r.get('kb_per_s'))} | {_fmt(r.get('items_per_s'))} | "
                     f"{peak:,.0f} | {_fmt(r.get('value_f1'), '.3f')} | {ratios} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", help="corpus sizes, comma separated (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="100 articles, 20 TimeBank documents")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="where to write the report")
    args = parser.parse_args(argv)
    try:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else list(QUICK_SIZES if args.quick else DEFAULT_SIZES))
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas, got {args.sizes!r}")
    if any(s <= 0 for s in sizes):
        parser.error("--sizes must be positive")
    peers = installed_peers()
    missing = [p for p in PEERS if p not in peers]
    load = round(os.getloadavg()[0], 2)
    print(f"sizes {sizes}; peers {peers}" + (f" (not installed: {missing})" if missing else "")
          + f"; {os.cpu_count()} CPUs, load average {load}", flush=True)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    results, started, specs = [], time.perf_counter(), plan(sizes, args.quick, peers)
    for spec in specs:
        t0 = time.perf_counter()
        result = add_rates(run_child(spec))
        results.append(result)
        what = result.get("error") or result.get("skipped") or f"{time.perf_counter() - t0:.1f} s"
        print(f"  {json.dumps(spec)}: {what}", flush=True)
        # written after every stage: a run cut short still leaves what it measured
        report = write_report(out, command, sizes, args.quick, load, started, results,
                              complete=len(results) == len(specs))
    print("\n" + table(results) + "\n")
    for g in report["targets"]:
        print(f"{'met ' if g['met'] else 'MISS'} {g['target']}: {g['value']} (goal {g['goal']}; {g['note']})")
    print(f"wrote {out}")
    return 0


def revision() -> str:
    """The checkout's commit, "+dirty" when files differ from it ("" outside git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=ROOT, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, cwd=ROOT, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + ("+dirty" if head and dirty else "")


def write_report(out: Path, command: str, sizes: list[int], quick: bool, load: float,
                 started: float, results: list[dict], complete: bool) -> dict:
    compare(results)
    report = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command, "revision": revision(), "sizes": sizes, "quick": quick, "complete": complete, "plan": PLAN,
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_1m_at_start": load},
        "total_seconds": round(time.perf_counter() - started, 1),
        "results": results, "targets": targets(results),
    }
    out.write_text(json.dumps(report, indent=2) + "\n")
    out.with_suffix(".md").write_text(table(results) + "\n")
    return report
