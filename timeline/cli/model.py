"""`timeline model info`: what the English pipeline is, where it lives, how well it scores.

Reads the pipeline's meta.json and the files on disk only (no spaCy model is loaded), so it
is quick and works even when the weights would not load.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

# (label, key in meta["performance"]) in the order they are printed; values are 0..1.
SCORES = (
    ("POS (UPOS) accuracy", "pos_acc"),
    ("Tag (XPOS) accuracy", "tag_acc"),
    ("Morphology accuracy", "morph_acc"),
    ("Tense F1", "morph_per_feat.Tense.f"),
    ("UAS", "dep_uas"),
    ("LAS", "dep_las"),
    ("Sentences F1", "sents_f"),
    ("Entities F1", "ents_f"),
    ("  PERSON F1", "ents_per_type.PERSON.f"),
    ("  ORG F1", "ents_per_type.ORG.f"),
    ("  GPE F1", "ents_per_type.GPE.f"),
)


def _lookup(scores: dict, dotted: str):
    value = scores
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, (int, float)) else None


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def model_path(name: str | None) -> Path:
    from timeline.nlp.loader import MODEL_DIR, REBUILD

    if name is None:
        path = MODEL_DIR
    elif Path(name).is_dir():
        path = Path(name)
    else:
        import spacy.util

        try:
            path = spacy.util.get_package_path(name)
        except Exception:
            raise click.ClickException(f"{name}: not a folder and not an installed spaCy pipeline") from None
    if not (path / "meta.json").is_file():
        raise click.ClickException(f"no model at {path} (meta.json missing). Rebuild it with: {REBUILD}")
    return path


def describe(path: Path) -> dict:
    """Everything `info` prints, as plain data."""
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{path / 'meta.json'}: unreadable ({exc})") from None
    parts = {p.name: _size(p) for p in sorted(path.iterdir())}
    dev = meta.get("performance") or {}
    test = meta.get("test_performance") or {}
    gold = meta.get("test_performance_gold_sentences") or {}
    return {
        "path": str(path),
        "name": f"{meta.get('lang', '?')}_{meta.get('name', '?')}",
        "version": meta.get("version", "?"),
        "spacy_version": meta.get("spacy_version", "?"),
        "components": meta.get("pipeline") or [],
        "size_bytes": sum(parts.values()),
        "sizes": {name: size for name, size in parts.items() if size},
        "scores": {label: {"dev": _lookup(dev, key), "test": _lookup(test, key),
                           "test_gold_sentences": _lookup(gold, key)} for label, key in SCORES},
        "license": meta.get("license") or "unknown",
        "sources": [s.get("name", str(s)) if isinstance(s, dict) else str(s) for s in meta.get("sources") or []],
    }


def _percent(value) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


@click.group()
def model():
    """The English spaCy pipeline (shipped model or TIMELINE_SPACY_MODEL)."""


@model.command()
@click.option("--model", "name", default=None,
              help="Another pipeline (installed name or folder); default: $TIMELINE_SPACY_MODEL or the shipped model.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(name: str | None, as_json: bool) -> None:
    """Path, components, size on disk, scores and licence of the model."""
    data = describe(model_path(name or os.environ.get("TIMELINE_SPACY_MODEL") or None))
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"Model:      {data['name']} {data['version']} (spaCy {data['spacy_version']})")
    click.echo(f"Path:       {data['path']}")
    click.echo(f"Components: {', '.join(data['components'])}")
    click.echo(f"Size:       {data['size_bytes'] / 1e6:.1f} MB")
    for part, size in data["sizes"].items():
        click.echo(f"  {part:14s} {size / 1e6:7.2f} MB")
    click.echo(f"Licence:    {data['license']}")
    if data["sources"]:
        click.echo(f"Trained on: {'; '.join(data['sources'])}")
    with_dev = any(values["dev"] is not None for values in data["scores"].values())

    def dev_column(text: str) -> str:
        return f" {text:>6s}" if with_dev else ""

    click.echo(f"{'Scores (%)':24s}{dev_column('dev')} {'test':>6s} {'test, gold sentences':>21s}")
    for label, values in data["scores"].items():
        if any(v is not None for v in values.values()):
            click.echo(f"  {label:22s}{dev_column(_percent(values['dev']))} {_percent(values['test']):>6s} "
                       f"{_percent(values['test_gold_sentences']):>21s}")
    if not with_dev:
        click.echo("(no dev scores: the model was trained on train + dev)")
