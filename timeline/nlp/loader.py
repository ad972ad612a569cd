"""Pipeline assembly: the shipped English model (or another spaCy pipeline) + entity rules +
the temporal components, built once per process.

    load()                      shipped model (timeline/nlp/model), no download
    load("en_core_web_trf")     any installed spaCy pipeline name or path
    TIMELINE_SPACY_MODEL=...    the same, from the environment
    load(mode="all")            the model on every sentence (default "timex": only on the
    TIMELINE_SENTENCES=all      sentences that hold a dated time expression; see timeline.nlp.focus)
    load_rules()                blank English + sentencizer + temporal (no tense/entities; fast)

load() is timeline_sentences (the statistical pipeline run sentence by sentence) ->
timeline_honorifics -> timeline_gazetteer (entity rules, whole Doc) -> timeline_temporal.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from spacy.language import Language

from timeline.nlp.focus import MODES, check_mode, sentence_pipeline
from timeline.nlp.ops import use_numpy_matmul
from timeline.nlp.ruler import add_entity_rules
from timeline.temporal import add_temporal

MODEL_DIR = Path(__file__).resolve().parent / "model"
ENV_VAR = "TIMELINE_SPACY_MODEL"
MODE_VAR = "TIMELINE_SENTENCES"
DEFAULT_MODE = "timex"
REBUILD = "python training/build.py ../shared/data   (see training/README.md)"

_cache: dict = {}   # name -> statistical pipeline; (name, mode) -> full pipeline
_lock = threading.Lock()


class ModelNotFoundError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded; the message says why and what to do."""


def model_name(name: str | None = None) -> str:
    """The pipeline load(name) would use: name, else $TIMELINE_SPACY_MODEL, else the shipped one."""
    return name or os.environ.get(ENV_VAR, "").strip() or str(MODEL_DIR)


def sentence_mode(mode: str | None = None) -> str:
    """The sentence mode load(mode=...) would use: mode, else $TIMELINE_SENTENCES, else "timex"."""
    chosen = mode or os.environ.get(MODE_VAR, "").strip().lower() or DEFAULT_MODE
    try:
        return check_mode(chosen)
    except ValueError:
        source = "mode" if mode else MODE_VAR
        raise ValueError(f"{source}={chosen!r}: use one of {', '.join(MODES)}") from None


def load_base(name: str | None = None) -> Language:
    """The statistical pipeline alone (no rules, no temporal components), not cached; its
    layers multiply through numpy's BLAS (``timeline.nlp.ops``)."""
    import spacy

    target = model_name(name)
    if target == str(MODEL_DIR):
        missing = [f for f in ("meta.json", "config.cfg") if not (MODEL_DIR / f).is_file()]
        if missing:
            raise ModelNotFoundError(
                f"the shipped English model is missing at {MODEL_DIR} (no {', '.join(missing)}). "
                f"Rebuild it with: {REBUILD}; or set {ENV_VAR} to an installed spaCy pipeline.")
    try:
        return use_numpy_matmul(spacy.load(target))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelNotFoundError(
            f"cannot load the spaCy pipeline {target!r}: {exc}. Use the shipped model (unset "
            f"{ENV_VAR}) or install that pipeline; the shipped one rebuilds with: {REBUILD}") from None


def _add_temporal(nlp: Language) -> Language:
    return add_temporal(nlp)


def load(name: str | None = None, mode: str | None = None) -> Language:
    """The statistical pipeline run sentence by sentence (``mode`` "timex": the sentences with a
    dated time expression, the default; "all": every sentence) + entity rules + temporal components,
    cached per pipeline name and mode (both modes share one statistical pipeline)."""
    key = model_name(name)
    mode = sentence_mode(mode)
    with _lock:
        if (key, mode) not in _cache:
            if key not in _cache:
                _cache[key] = load_base(name)
            nlp = add_entity_rules(sentence_pipeline(_cache[key], key, mode))
            nlp.max_length = max(nlp.max_length, 5_000_000)
            _cache[key, mode] = _add_temporal(nlp)
        return _cache[key, mode]


def load_rules() -> Language:
    """Blank English + sentencizer + temporal components: the fast path (no tense model, no entities)."""
    key = "<rules>"
    with _lock:
        if key not in _cache:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            nlp.max_length = 5_000_000
            _cache[key] = _add_temporal(nlp)
        return _cache[key]
