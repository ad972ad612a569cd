"""Calling the page's Dash callbacks over HTTP, as the browser does (for tests without one)."""
from __future__ import annotations

from dashboard import ids


def save_correction_body(output: str, event_id: str, value: str) -> dict:
    """The JSON the page POSTs to /_dash-update-component when "Save changes" is clicked in
    the side panel with a new date typed (the other fields as shown, nothing expected: the
    last edit wins); ``output`` is that callback's output key from /_dash-dependencies."""
    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
               for part in output.strip(".").split("...")]
    return {"output": output, "outputs": outputs,
            "changedPropIds": [f"{ids.CORRECT_SAVE}.n_clicks"],
            "inputs": [{"id": ids.CORRECT_SAVE, "property": "n_clicks", "value": 1}],
            "state": [{"id": ids.CORRECT_VALUE, "property": "value", "value": value},
                      {"id": ids.EDIT_SUMMARY, "property": "value", "value": None},
                      {"id": ids.EDIT_ACTORS, "property": "value", "value": None},
                      {"id": ids.EDIT_STATUS, "property": "value", "value": None},
                      {"id": ids.SHOWN, "property": "data", "value": {"event_id": event_id}},
                      {"id": ids.DATA_VERSION, "property": "data", "value": 0}]}


def correction_output(dependencies: list[dict]) -> str:
    """The output key of the panel's save callback, from /_dash-dependencies."""
    return next(d["output"] for d in dependencies
                if any(i["id"] == ids.CORRECT_SAVE for i in d["inputs"]))


def panel_message(answer: dict) -> str:
    return str(answer["response"][ids.PANEL_MESSAGE]["children"])
