"""`timeline bench`: the benchmark harness (benchmarks/harness.py) from the command line.

The benchmarks live beside the package in a source checkout, not in the installed wheel;
without them the command says so and stops.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[2]


@click.command("bench")
@click.option("--sizes", help="Corpus sizes, comma separated (default 1000,10000,100000).")
@click.option("--quick", is_flag=True, help="100 articles and 20 TimeBank documents: a smoke run.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False),
              help="Where to write the JSON report (default benchmarks/results/latest.json).")
def bench(sizes, quick, json_path):
    """Measure tagging, events, ingest and store queries against peers, in one run."""
    if not (ROOT / "benchmarks" / "harness.py").is_file():
        raise click.ClickException(f"no benchmarks/ folder next to the package in {ROOT}: "
                                   "`timeline bench` needs a source checkout")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.harness import main

    argv = (["--sizes", sizes] if sizes else []) + (["--quick"] if quick else []) \
        + (["--json", json_path] if json_path else [])
    sys.exit(main(argv))
