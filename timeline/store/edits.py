"""What a person types into an event (summary, actors, status, source, URL, sentence),
checked and cleaned before the store keeps it. Pure: no SQL, no spaCy.

Every function returns the value as stored or raises ValueError naming the field and the
reason. Text is untrusted like article text: it is kept as typed (whitespace folded) and
escaped where it is shown (dashboard/present.py, the exports).
"""
from __future__ import annotations

from timeline.model import STATUSES, _check_value
from timeline.settings import SETTINGS, Settings

EDITABLE = ("summary", "actors", "status")  # EventStore.edit_event; the date: correct_event
REVERTIBLE = ("date", *EDITABLE)  # EventStore.revert_event


def _text(name: str, value, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {type(value).__name__}")
    _check_value(name, value, limit)
    value = " ".join(value.split())
    if required and not value:
        raise ValueError(f"{name} is empty; write what happened")
    return value


def clean_summary(value, settings: Settings = SETTINGS) -> str:
    return _text("summary", value, settings.max_edit_chars, required=True)


def clean_sentence(value, settings: Settings = SETTINGS) -> str:
    return _text("sentence", value, settings.max_edit_chars)


def clean_source(value, settings: Settings = SETTINGS) -> str:
    return _text("source", value, settings.max_query_chars)


def clean_actors(value, settings: Settings = SETTINGS) -> tuple[str, ...]:
    """A list of names (or one string of names separated by ``;`` or ``,``): names trimmed,
    empty ones and repeats (ignoring case) dropped, the order kept."""
    if isinstance(value, str):
        value = value.replace(";", ",").split(",")
    if value is None:
        value = ()
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"actors must be a list of names, not {type(value).__name__}")
    names, seen = [], set()
    for item in value:
        name = _text("an actor", item, settings.max_query_chars)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    if len(names) > settings.max_edit_actors:
        raise ValueError(f"{len(names)} actors; at most {settings.max_edit_actors} per event")
    return tuple(names)


def clean_status(value) -> str:
    if value not in STATUSES:
        shown = repr(value)[:40]
        raise ValueError(f"status {shown} is not one of {', '.join(STATUSES)}")
    return value


def clean_url(value, settings: Settings = SETTINGS) -> str:
    """Empty, or an absolute http(s) URL (a link a reader may follow)."""
    url = _text("url", value, settings.max_query_chars)
    if url and not url.lower().startswith(("http://", "https://")) or " " in url:
        raise ValueError(f"url {url[:60]!r} must start with http:// or https://")
    return url


CLEAN = {"summary": clean_summary, "actors": clean_actors, "status": clean_status}
