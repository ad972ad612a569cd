"""Pipeline assembly: the shipped English model, entity rules and actor names.

    from timeline.nlp import load, load_rules, actor_names
    nlp = load()                      # shipped model + entity rules + temporal; cached per process
    doc = nlp.make_doc(text); doc._.dct = published; doc = nlp(doc)
    actor_names(doc)                  # {entity span: canonical actor name}
"""
from timeline.nlp.actors import actor_names
from timeline.nlp.loader import ENV_VAR, MODEL_DIR, ModelNotFoundError, load, load_base, load_rules

__all__ = ["actor_names", "load", "load_base", "load_rules", "ModelNotFoundError", "MODEL_DIR", "ENV_VAR"]
