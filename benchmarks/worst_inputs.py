"""The worst inputs of issue #19 through the ingest service, each in a child process: wall time,
peak resident memory and the outcome, beside an ordinary news text of the same size (the peer).

    python benchmarks/worst_inputs.py [--size 300000] [--only NAME ...]

Every case is one uploaded file handed to ``timeline.ingest.service.ingest_bytes`` (what the
dashboard and REST doors do) with the shipped pipeline. The 5 MB cases are the largest uploads
a door accepts; the ``--size`` cases (default: ``Settings.max_text_chars``) are the largest texts
analysed. Figures go to docs/RELIABILITY.md; they come from one run on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.settings import SETTINGS  # noqa: E402

FIVE_MB = 5 * 1024 * 1024
DATED = "The talks were held on March 3, 2025. "
NEWS = ("Officials from both countries met in the capital on Tuesday to discuss the water treaty, "
        "which negotiators hope to sign before the end of the month. The minister said the "
        "talks had been difficult but that progress was made on the main points. ")


def fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def record(text: str, number: int) -> str:
    """One JSON line; the number starts the text, so no two records are duplicates."""
    return json.dumps({"title": f"record {number}", "text": f"Report {number}. {text}",
                       "published": "2025-03-17"})


def lines(make, size: int) -> str:
    """JSON lines made by ``make(number)`` up to ``size`` characters."""
    out, total, number = [], 0, 1
    while total < size:
        line = make(number) + "\n"
        if total + len(line) > size and out:
            break
        out.append(line)
        total += len(line)
        number += 1
    return "".join(out)


def cases(size: int) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes)."""
    html_p = "<html><body>" + "<p>x</p>" * (FIVE_MB // 8 - 4) + "</body></html>"
    attrs = "<html><body><div " + " ".join(f'a{i}="1"' for i in range(200_000)) + ">x</div></body></html>"
    texts = {
        "peer: news text": ("news.txt", fill(NEWS, size, tail=DATED)),
        "very x N + a date": ("very.txt", fill("very ", size, tail=DATED)),
        "'&' run + a date": ("amp.txt", fill("&", size, head=DATED)),
        "one long sentence": ("sentence.txt", fill("the talks went on and ", size, head=DATED[:-2] + " and ")),
        "dense dates": ("dates.txt", fill("On March 3, 2025, Monday, 5 May 2024 and 2023 and 4 June, ", size)),
        "very x 5 MB": ("very5.txt", fill("very ", FIVE_MB, tail=DATED)),
        "'&' x 5 MB": ("amp5.txt", fill("&", FIVE_MB, head=DATED)),
        "5 MB of <p>": ("p5.html", html_p),
        "200k attributes": ("attrs.html", attrs),
        "deep JSON 5 MB": ("deep.json", "[" * (FIVE_MB // 2) + "]" * (FIVE_MB // 2)),
        "deep JSONL lines 5 MB": ("deep.jsonl", lines(lambda i: "[" * 5000 + "]" * 5000, FIVE_MB)),
        "dense dates 5 MB": ("dates5.txt", fill("On March 3, 2025, Monday, 5 May 2024 and 2023 and 4 June, ", FIVE_MB)),
        "JSONL 5 MB: news records": ("news.jsonl", lines(lambda i: record(fill(NEWS, size - 40, tail=DATED), i), FIVE_MB)),
        "JSONL 5 MB: dense dates": ("dates.jsonl", lines(lambda i: record(fill(
            "On March 3, 2025, Monday, 5 May 2024 and 2023 and 4 June, ", size - 40), i), FIVE_MB)),
        "JSONL 5 MB: 'very' x N": ("very.jsonl", lines(lambda i: record(fill("very ", size - 40, tail=DATED), i), FIVE_MB)),
        "JSONL 5 MB: markup": ("markup.jsonl", lines(lambda i: record(fill("<b>On 3 March 2025</b> ", size - 40), i), FIVE_MB)),
        "CSV 5 MB: 1 KB rows": ("rows.csv", "title,text,published\n" + "".join(
            f'row {i},"Report {i}. {NEWS * 4}{DATED}",2025-03-17\n' for i in range(FIVE_MB // (len(NEWS) * 4 + 80)))),
        "HTML 5 MB: 99,000 tags": ("tags.html", "<html><body>" + "".join(
            f"<p>{NEWS[:(FIVE_MB // 99_000) - 7]}</p>" for _ in range(99_000)) + "</body></html>"),
    }
    return {name: (file, text.encode("utf-8")) for name, (file, text) in texts.items()}


CHILD = r"""
import json, resource, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from timeline.nlp import load
from timeline.ingest.service import ingest_bytes
from timeline.store import EventStore
load()  # the pipeline is loaded before the clock starts (a server has it already)
name, data = sys.argv[2], sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
results = ingest_bytes(EventStore(":memory:"), name, data, date(2025, 3, 17), max_bytes=5 * 1024 * 1024)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak // 1024, "loaded_mb": before // 1024,
                  "results": [[r.status, r.events, r.message[:90]] for r in results]}))
"""


def run_case(file: str, data: bytes, timeout: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), file], input=data,
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": f"exit {done.returncode}: {done.stderr.decode()[-300:]}"}
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def summarise(results: list) -> str:
    """"added 17 (340 events); refused 3 (line 18: ...)": a count per status, the events
    found, and the first reason of each other status."""
    parts = []
    for status in ("added", "duplicate", "refused"):
        mine = [r for r in results if r[0] == status]
        if not mine:
            continue
        detail = f"{sum(e for _, e, _ in mine)} events" if status == "added" else mine[0][2]
        parts.append(f"{status} {len(mine)} ({detail})")
    return "; ".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=SETTINGS.max_text_chars,
                        help="characters of the analysed cases [default: max_text_chars]")
    parser.add_argument("--only", nargs="*", help="names of cases to run (substring match)")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    print(f"{'case':22} {'bytes':>10} {'seconds':>8} {'peak MB':>8}  outcome")
    for name, (file, data) in cases(args.size).items():
        if args.only and not any(o in name for o in args.only):
            continue
        out = run_case(file, data, args.timeout)
        if "error" in out:
            print(f"{name:22} {len(data):>10,} {'-':>8} {'-':>8}  {out['error']}")
            continue
        outcome = summarise(out["results"])
        print(f"{name:22} {len(data):>10,} {out['seconds']:>8.1f} {out['peak_mb']:>8}  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
