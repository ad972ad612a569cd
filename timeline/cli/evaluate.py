"""`timeline eval CORPUS_DIR`: TempEval-3 scores of the temporal tagger on TimeML files."""
from __future__ import annotations

import json
import time
from pathlib import Path

import click

from timeline import evaluation
from timeline.evaluation import ERROR_KINDS, Counts, Evaluation, find_tml, read_corpus, score, tag_corpus

# (attribute of Counts, header); counts are integers, the rest fractions
COLUMNS = (
    ("docs", "docs"), ("gold", "gold"), ("predicted", "pred"),
    ("strict_p", "S-P"), ("strict_r", "S-R"), ("strict_f1", "S-F1"),
    ("relaxed_p", "R-P"), ("relaxed_r", "R-R"), ("relaxed_f1", "R-F1"),
    ("type_f1", "type"), ("value_f1", "value"),
)


def _cell(value) -> str:
    return f"{value:>6}" if isinstance(value, int) else f"{value:>6.3f}"


def format_table(result: Evaluation) -> str:
    """One row per subset (when there are several) and a row for the whole corpus."""
    rows: list[tuple[str, Counts]] = []
    if len(result.by_subset) > 1:
        rows += sorted((name or "(root)", c) for name, c in result.by_subset.items())
    rows.append(("all", result.total))
    width = max(len(name) for name, _ in rows)
    lines = [" ".join([" " * width] + [f"{label:>6}" for _, label in COLUMNS])]
    for name, counts in rows:
        lines.append(" ".join([f"{name:<{width}}"] + [_cell(getattr(counts, a)) for a, _ in COLUMNS]))
    lines.append("S = strict (same span), R = relaxed (overlap); type/value = attribute F1 "
                 "(share of relaxed matches right x R-F1)")
    return "\n".join(lines)


def format_errors(result: Evaluation, n: int) -> str:
    out = []
    for kind in ERROR_KINDS:
        errors = result.errors_of(kind)
        out.append(f"\n== {kind} ({len(errors)}) ==")
        out += [f"  {e.describe()}" for e in errors[:n]]
    return "\n".join(out)


@click.command("eval")
@click.argument("corpus_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=0, show_default=True,
              help="List N errors of each kind: missed, spurious, span, type, value.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_command(corpus_dir: Path, n_errors: int, as_json: bool):
    """TempEval-3 scores of the temporal tagger on the TimeML (.tml) files under CORPUS_DIR.

    Each document's <TEXT> is tagged with its DCT as the reference date and compared with
    its gold TIMEX3 spans: strict and relaxed precision/recall/F1, type and value F1.
    """
    if not corpus_dir.is_dir():
        raise click.BadParameter(f"{corpus_dir}: no such directory", param_hint="CORPUS_DIR")
    if not find_tml(corpus_dir):
        raise click.BadParameter(f"{corpus_dir}: no .tml files in it", param_hint="CORPUS_DIR")
    docs, problems = read_corpus(corpus_dir)
    for problem in problems:
        click.echo(f"skipped {problem}", err=True)
    if not docs:
        raise click.ClickException(f"{corpus_dir}: none of the .tml files could be read")

    def tagger_failed(doc, exc):
        click.echo(f"tagger failed on {doc.path or doc.doc_id}: {type(exc).__name__}: {exc}", err=True)

    try:
        tagger = evaluation.default_tagger()
    except ImportError as exc:
        raise click.ClickException(f"the temporal tagger is not available: {exc}") from None
    started = time.perf_counter()
    predicted = tag_corpus(docs, tagger, on_error=tagger_failed)
    seconds = time.perf_counter() - started
    result = score(docs, predicted)
    if as_json:
        payload = {
            "corpus": str(corpus_dir), "skipped": problems, "seconds": round(seconds, 2),
            "all": result.total.to_json(),
            "subsets": {name: c.to_json() for name, c in sorted(result.by_subset.items())},
        }
        if n_errors:
            payload["errors"] = {
                kind: [{"doc_id": e.doc_id, "context": e.context,
                        "gold": e.gold.to_json() if e.gold else None,
                        "predicted": e.predicted.to_json() if e.predicted else None}
                       for e in result.errors_of(kind)[:n_errors]]
                for kind in ERROR_KINDS
            }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(format_table(result))
    click.echo(f"tagged {len(docs)} documents in {seconds:.1f} s")
    if n_errors:
        click.echo(format_errors(result, n_errors))
