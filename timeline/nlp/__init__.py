"""Pipeline assembly: the shipped English model, entity rules and actor names.

    from timeline.nlp import load, load_rules, actor_names
    nlp = load()                      # shipped model + entity rules + temporal; cached per process
    doc = nlp.make_doc(text); doc._.dct = published; doc = nlp(doc)
    actor_names(doc)                  # {entity span: canonical actor name}

The names are imported on first use: importing the package does not import spaCy.
"""
from __future__ import annotations

import importlib

_LAZY = {
    "actor_names": "timeline.nlp.actors", "load": "timeline.nlp.loader", "load_base": "timeline.nlp.loader",
    "load_rules": "timeline.nlp.loader", "ModelNotFoundError": "timeline.nlp.loader",
    "MODEL_DIR": "timeline.nlp.loader", "ENV_VAR": "timeline.nlp.loader",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
