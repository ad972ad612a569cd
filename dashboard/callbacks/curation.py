"""A person's edits in the page: the panel's edit form (date, summary, actors, status) with
what was edited and a revert, saving, deleting with an undo, and an event added by hand.
Every write is one store method (timeline/store/curation.py) with the value the person saw
as ``expected``: an edit of something someone changed meanwhile is refused with a message."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard import ids
from timeline.plain_dates import event_when
from timeline.store.event_store import EditConflict
from timeline.store.intervals import clean_value

FIELD_LABELS = {"date": "Date", "summary": "Summary", "actors": "Actors", "status": "Status"}


def shown_of(event) -> dict:
    """What the form shows of an event: the values a save compares against (``expected``)."""
    return {"event_id": event.event_id, "value": event.value, "summary": event.summary,
            "actors": list(event.actors), "status": event.status}


def actor_text(actors) -> str:
    return "; ".join(actors)


def edits_note(edits: dict) -> list:
    """One line per edited field: the extractor's value (as text) and a Revert button."""
    lines = []
    for field in FIELD_LABELS:
        if field not in edits:
            continue
        was = edits[field]
        was = actor_text(was) or "no actor" if field == "actors" else was
        lines.append(html.Div([
            html.Span(f"{FIELD_LABELS[field]} edited; the extractor said ", className="me-1"),
            html.Q(was, className="edit-was"),
            dbc.Button("Revert", id={"type": ids.REVERT, "field": field}, size="sm",
                       color="link", className="p-0 ms-2 align-baseline"),
        ], className="small text-muted edit-note"))
    return lines


def _same(field: str, typed, shown) -> bool:
    """Whether the form still holds what it showed (whitespace and actor separators aside)."""
    if field == "actors":
        names = [n.strip() for n in (typed or "").replace(",", ";").split(";") if n.strip()]
        return names == list(shown)
    if field == "value":
        return clean_value(typed or "") == shown
    return " ".join((typed or "").split()) == " ".join((shown or "").split())


def save_edits(store, shown: dict, value, summary, actors, status) -> tuple[list[str], str | None]:
    """Write every field the person changed, one store call each with what they saw as
    ``expected``. Returns (what was saved, the error that stopped the rest or None)."""
    event_id, saved = shown["event_id"], []
    try:
        if not _same("value", value, shown.get("value")):
            event = store.correct_event(event_id, (value or "").strip(), expected=shown.get("value"))
            saved.append(f"{event.value} ({event_when(event)})")
        for field, typed in (("summary", summary), ("actors", actors), ("status", status)):
            if not _same(field, typed, shown.get(field) or ([] if field == "actors" else "")):
                store.edit_event(event_id, field, typed, expected=shown.get(field))
                saved.append(f"the {field}")
    except EditConflict as exc:
        return saved, str(exc)
    except (ValueError, KeyError) as exc:
        return saved, str(exc).strip("'\"")
    return saved, None


def picker_fills(app, picker: str, box: str) -> None:
    """A day picked in ``picker`` is typed into the value box ``box`` (YYYY-MM-DD)."""
    @app.callback(Output(box, "value", allow_duplicate=True), Input(picker, "date"),
                  prevent_initial_call=True)
    def picked(day):
        return day[:10] if day else no_update


def register(app, store, **_):
    @app.callback(
        Output(ids.CORRECT_VALUE, "value"),
        Output(ids.EDIT_SUMMARY, "value"),
        Output(ids.EDIT_ACTORS, "value"),
        Output(ids.EDIT_STATUS, "value"),
        Output(ids.SHOWN, "data"),
        Output(ids.EDITS_NOTE, "children"),
        Input(ids.SELECTED, "data"),
        Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def fill_form(event_id, _version):
        event = store.event(event_id) if event_id else None
        if event is None:
            return "", "", "", None, None, []
        return (event.value, event.summary, actor_text(event.actors), event.status,
                shown_of(event), edits_note(store.edits(event_id)))

    picker_fills(app, ids.CORRECT_DATE, ids.CORRECT_VALUE)
    picker_fills(app, ids.ADD_DAY, ids.ADD_DATE)

    @app.callback(
        Output(ids.PANEL_MESSAGE, "children"),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Input(ids.CORRECT_SAVE, "n_clicks"),
        State(ids.CORRECT_VALUE, "value"),
        State(ids.EDIT_SUMMARY, "value"),
        State(ids.EDIT_ACTORS, "value"),
        State(ids.EDIT_STATUS, "value"),
        State(ids.SHOWN, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def save(_clicks, value, summary, actors, status, shown, version):
        if not shown or not shown.get("event_id"):
            return no_update, no_update
        saved, problem = save_edits(store, shown, value, summary, actors, status)
        bumped = (version or 0) + 1 if saved or problem else no_update
        done = f"Saved: {', '.join(saved)}; marked as edited by hand." if saved else ""
        if problem:
            return dbc.Alert([html.Div(done) if done else None,
                              html.Div(f"Not saved: {problem}")], color="danger"), bumped
        if not saved:
            return dbc.Alert("Nothing to save: no field was changed.", color="secondary"), no_update
        return dbc.Alert(done, color="success"), bumped

    @app.callback(
        Output(ids.PANEL_MESSAGE, "children", allow_duplicate=True),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Input({"type": ids.REVERT, "field": ALL}, "n_clicks"),
        State(ids.SHOWN, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def revert(clicks, shown, version):
        if not shown or not any(clicks) or not isinstance(ctx.triggered_id, dict):
            return no_update, no_update
        field = ctx.triggered_id["field"]
        seen = shown.get("value" if field == "date" else field)
        try:
            store.revert_event(shown["event_id"], field, expected=seen)
        except (EditConflict, ValueError, KeyError) as exc:
            return dbc.Alert(f"Not reverted: {exc}", color="danger"), (version or 0) + 1
        return (dbc.Alert(f"{FIELD_LABELS.get(field, field)} reverted to the extractor's.",
                          color="success"), (version or 0) + 1)

    @app.callback(
        Output(ids.UNDO_TOAST, "is_open"),
        Output(ids.UNDO_TEXT, "children"),
        Output(ids.UNDO_DELETE, "style"),
        Output(ids.DELETED, "data"),
        Output(ids.PANEL_MESSAGE, "children", allow_duplicate=True),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input(ids.DELETE_EVENT, "n_clicks"),
        State(ids.SHOWN, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def delete(_clicks, shown, version):
        if not shown or not shown.get("event_id"):
            return (no_update,) * 7
        event_id = shown["event_id"]
        try:
            deleted = store.delete_event(event_id, expected=shown.get("value"))
        except EditConflict as exc:
            return (no_update, no_update, no_update, no_update,
                    dbc.Alert(f"Not deleted: {exc}", color="danger"), (version or 0) + 1, no_update)
        if not deleted:
            return (no_update, no_update, no_update, no_update,
                    dbc.Alert("This event no longer exists.", color="warning"),
                    (version or 0) + 1, None)
        return (True, f"Deleted \u201c{shown.get('summary') or event_id}\u201d.", {}, event_id,
                "", (version or 0) + 1, None)

    @app.callback(
        Output(ids.UNDO_TEXT, "children", allow_duplicate=True),
        Output(ids.UNDO_DELETE, "style", allow_duplicate=True),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input(ids.UNDO_DELETE, "n_clicks"),
        State(ids.DELETED, "data"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def undo(clicks, event_id, version):
        if not clicks or not event_id:
            return (no_update,) * 4
        hidden = {"display": "none"}
        try:
            event = store.restore_event(event_id)
        except KeyError:
            return "Nothing to restore: it was not deleted.", hidden, no_update, no_update
        if event is None:
            return ("Restored: it comes back when its article is ingested again (the article "
                    "was deleted).", hidden, (version or 0) + 1, no_update)
        return "Restored.", hidden, (version or 0) + 1, event_id

    @app.callback(
        Output(ids.ADD_MODAL, "is_open"),
        Input(ids.ADD_OPEN, "n_clicks"),
        Input(ids.ADD_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def open_add(_open, _cancel):
        return ctx.triggered_id == ids.ADD_OPEN

    @app.callback(
        Output(ids.ADD_MESSAGE, "children"),
        Output(ids.ADD_MODAL, "is_open", allow_duplicate=True),
        Output(ids.DATA_VERSION, "data", allow_duplicate=True),
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input(ids.ADD_SAVE, "n_clicks"),
        State(ids.ADD_DATE, "value"),
        State(ids.ADD_STATUS, "value"),
        State(ids.ADD_SUMMARY, "value"),
        State(ids.ADD_ACTORS, "value"),
        State(ids.ADD_SOURCE, "value"),
        State(ids.ADD_URL, "value"),
        State(ids.ADD_SENTENCE, "value"),
        State(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def add(_clicks, value, status, summary, actors, source, url, sentence, version):
        try:
            event = store.add_event(value or "", summary or "", status=status or None,
                                    actors=actors or "", source=source or "", url=url or "",
                                    sentence=sentence or "")
        except ValueError as exc:
            return dbc.Alert(f"Not added: {exc}", color="danger"), no_update, no_update, no_update
        return "", False, (version or 0) + 1, event.event_id
