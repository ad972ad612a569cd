"""Timeline figures: pure functions of a list of Events (or of counts), no Dash, no store.

A day-precise (or finer) event is a point; a coarser one (week, month, quarter, year...) is
a horizontal bar over its interval [start_date, end_date). Lanes group events by actor,
source or status; colour always tells the status, so what is scheduled stands apart.
Points sharing a lane and a day are stacked inside the lane so each stays clickable.
Figures are plain Plotly dicts (Dash sends them as they are).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from html import escape

from dashboard.marks import Candidate, axis_breaks, news_range, place_labels
from timeline.model import UNKNOWN_SOURCE, Event, source_label
from timeline.plain_dates import day_text, event_when

GROUPS = ("status", "actor", "source")
STATUS_COLOURS = {"happened": "#2563eb", "ongoing": "#d97706", "scheduled": "#db2777"}
STATUS_SYMBOLS = {"happened": "circle", "ongoing": "square", "scheduled": "diamond"}
STATUS_ORDER = ("scheduled", "ongoing", "happened")
POINT_GRANULARITIES = {"time", "day"}
GL_THRESHOLD = 1_000         # above this many points, draw them with WebGL
AGGREGATE_THRESHOLD = 3_000  # above this many events, draw counts per period instead
MAX_LANES = 12
NARROW_PLOT = 500            # a plot narrower than this (pixels) is on a phone
SPREAD = 0.7                 # share of a lane's height used to stack same-day points
HOVER_LIMIT = 140            # characters of summary shown on hover
CLUSTER_MIN = 3              # more point events than this on one day in one lane: one mark ...
EXPAND_DAYS = 21             # ... while the view is wider than this many days
LABEL_CHARS = 34             # a label is the summary cut to this many characters
LABELLED_SPREAD = 0.55       # marks stack in the middle of a lane; labels go above and below
LANE_PX = 96                 # height of a lane, room for two rows of labels
PLOT_WIDTH = 900             # the plot's width in pixels assumed when placing labels

RANGE_BUTTONS = [
    dict(count=7, label="1w", step="day", stepmode="backward"),
    dict(count=1, label="1m", step="month", stepmode="backward"),
    dict(count=1, label="1y", step="year", stepmode="backward"),
    dict(label="all", step="all"),
]


def clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def hover_text(event: Event) -> str:
    """Hover label: every piece of article text escaped and clipped (Plotly reads a few tags)."""
    return (
        f"<b>{escape(event_when(event))}</b> ({escape(event.status)})"
        f"<br>{escape(clip(event.summary or event.sentence, HOVER_LIMIT))}"
        f"<br><i>{escape(clip(source_name(event), 60))}</i> \u00b7 \u201c{escape(clip(event.expression, 60))}\u201d"
    )


def source_name(event: Event) -> str:
    """Who published the event's article (timeline.model.source_label); "added by hand" for
    an event a person added without one."""
    return source_label(event.source, event.article_url,
                        "added by hand" if event.by_hand else UNKNOWN_SOURCE)


def lane_labels(events: list[Event], group_by: str, max_lanes: int = MAX_LANES) -> list[str]:
    """The lane of each event. Actors: an event goes to its most frequent actor."""
    if group_by not in GROUPS:
        raise ValueError(f"unknown grouping {group_by!r}; choose one of {', '.join(GROUPS)}")
    if group_by == "status":
        return [e.status for e in events]
    if group_by == "source":
        raw = [source_name(e) for e in events]
        other = "Other sources"
    else:
        freq = Counter(a for e in events for a in set(e.actors))
        raw = [max(e.actors, key=lambda a: (freq[a], a)) if e.actors else "(no actor)"
               for e in events]
        other = "Other actors"
    keep = {name for name, _ in Counter(raw).most_common(max_lanes)}
    return [name if name in keep else other for name in raw]


def lane_order(labels: list[str], group_by: str) -> list[str]:
    """Lanes from top to bottom: statuses in a fixed order, otherwise busiest first."""
    counts = Counter(labels)
    if group_by == "status":
        return [s for s in STATUS_ORDER if s in counts] + sorted(set(counts) - set(STATUS_ORDER))
    return sorted(counts, key=lambda name: (name.startswith("Other "), -counts[name], name))


def stack_offsets(keys: list[tuple]) -> tuple[list[float], list[int]]:
    """Vertical offset inside the lane for items sharing a key, and the size of each group."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[key].append(i)
    offsets, sizes = [0.0] * len(keys), [1] * len(keys)
    for members in groups.values():
        n = len(members)
        for rank, i in enumerate(members):
            offsets[i] = 0.0 if n == 1 else -SPREAD / 2 + SPREAD * (rank + 0.5) / n
            sizes[i] = n
    return offsets, sizes


def is_point(event: Event) -> bool:
    return event.granularity in POINT_GRANULARITIES or (event.end_date - event.start_date).days <= 1


def timeline_figure(events: list[Event], group_by: str = "status", view=None,
                    width_px: int = PLOT_WIDTH) -> dict:
    """The interactive timeline of a list of events, as a Plotly figure dict (plain dicts and
    lists: building graph objects for thousands of points is several times slower).

    ``view`` is what the reader asked to see: None (the first view: the newest articles'
    dense period), "all", or a (first day, last day) range after a zoom. Days where one lane has
    more than CLUSTER_MIN point events become one mark with the count while the view is wider
    than EXPAND_DAYS (click it to zoom in and see them apart). Short labels (the summary) go on
    the most important marks that fit without colliding; a narrower view fits more. Long empty
    stretches are cut out of the axis (rangebreaks), so a background "in 1720" sits at the
    edge instead of squashing the story. customdata[0] of each mark is its event_id, or
    "day:<date>" for a cluster."""
    if not events:
        return empty_figure("No events match the filter.")
    labels = lane_labels(events, group_by)
    order = lane_order(labels, group_by)
    lane_y = {name: len(order) - 1 - i for i, name in enumerate(order)}  # first lane on top
    point = [is_point(e) for e in events]
    first = min(e.start_date for e in events)
    last = max(e.end_date for e in events)
    shown = _view_range(events, view, (first, last))
    lo, hi = shown or (first, last)
    cluster = (hi - lo).days > EXPAND_DAYS
    day_groups: dict[tuple, list[int]] = defaultdict(list)
    for i, (lab, e, p) in enumerate(zip(labels, events, point)):
        if p:
            day_groups[(lab, e.start_date)].append(i)
    clustered = {i for members in day_groups.values() if cluster and len(members) > CLUSTER_MIN
                 for i in members}
    keys = [(lab, e.start_date, p, None if p else e.end_date)
            for lab, e, p in zip(labels, events, point)]
    offsets, sizes = stack_offsets(keys)
    scatter = "scattergl" if sum(point) - len(clustered) > GL_THRESHOLD else "scatter"

    traces = []
    for status in STATUS_ORDER + tuple(sorted({e.status for e in events} - set(STATUS_ORDER))):
        idx = [i for i, e in enumerate(events) if e.status == status]
        colour = STATUS_COLOURS.get(status, "#64748b")
        spans = [i for i in idx if not point[i]]
        points = [i for i in idx if point[i] and i not in clustered]
        if spans:
            traces.append({
                "type": "bar", "orientation": "h", "name": f"{status} (period)",
                "legendgroup": status, "showlegend": False,
                "base": [events[i].start_date.isoformat() for i in spans],
                "x": [_ms(events[i].start_date, events[i].end_date) for i in spans],
                "y": [lane_y[labels[i]] + offsets[i] * LABELLED_SPREAD for i in spans],
                "width": [min(0.2, SPREAD * LABELLED_SPREAD / sizes[i]) for i in spans],
                "marker": {"color": colour, "opacity": 0.45, "line": {"color": colour, "width": 1}},
                "customdata": [[events[i].event_id, hover_text(events[i])] for i in spans],
                "hovertemplate": "%{customdata[1]}<extra></extra>",
            })
        traces.append({  # always present, so the legend shows every status of the filter
            "type": scatter, "mode": "markers", "name": status, "legendgroup": status,
            "x": [events[i].start_date.isoformat() for i in points],
            "y": [lane_y[labels[i]] + offsets[i] * LABELLED_SPREAD for i in points],
            "marker": {"color": colour, "size": 11 if len(points) < 300 else 7,
                       "symbol": STATUS_SYMBOLS.get(status, "circle"),
                       "line": {"color": "white", "width": 1}},
            "customdata": [[events[i].event_id, hover_text(events[i])
                            + (f"<br>{sizes[i]} events here on this day" if sizes[i] > 1 else "")]
                           for i in points],
            "hovertemplate": "%{customdata[1]}<extra></extra>",
        })
    groups = [(key, members) for key, members in day_groups.items()
              if members[0] in clustered]
    if groups:
        traces.append(_cluster_trace(groups, events, lane_y))
    counts = Counter(labels)
    layout = _layout(height=max(380, 150 + LANE_PX * len(order)))
    # no range slider over marks: it draws a copy of every trace with the marks at full size
    # (a crowded day's mark overflowed its 25 px), and of 300 events or more it was a second of
    # drawing (benchmarks/browser_speed.py); the 1w / 1m / 1y / all buttons, zoom and pan stay
    layout["xaxis"]["rangeslider"] = {"visible": False}
    layout["barmode"] = "overlay"
    if width_px < NARROW_PLOT:  # a phone: the legend under the axis, the range buttons alone on top
        layout["legend"] = dict(layout["legend"], x=0, xanchor="left", y=-0.08, yanchor="top")
    layout["yaxis"] = {
        "tickvals": [lane_y[name] for name in order],
        "ticktext": [f"{escape(clip(name, 28))} ({counts[name]})" for name in order],  # Plotly reads tags
        "range": [-0.6, len(order) - 0.4], "fixedrange": True, "showgrid": False, "zeroline": False,
        "automargin": True,
    }
    breaks = axis_breaks([(e.start_date, e.end_date) for e in events])
    if breaks and scatter == "scatter":
        layout["xaxis"]["rangebreaks"] = [{"bounds": [a.isoformat(), b.isoformat()]}
                                          for a, b in breaks]
        layout["annotations"] = [_break_note(a, b) for a, b in breaks]
    if shown:
        layout["xaxis"]["range"] = [shown[0].isoformat(), shown[1].isoformat()]
    layout.setdefault("annotations", []).extend(
        _labels(events, labels, lane_y, point, clustered, groups, lo, hi, width_px))
    layout["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                         "y0": lane_y[name] + 0.5, "y1": lane_y[name] + 0.5,
                         "line": {"color": "#e2e8f0", "width": 1}} for name in order[1:]]
    return {"data": traces, "layout": layout}


def _view_range(events: list[Event], view, full: tuple[date, date]) -> tuple[date, date] | None:
    """The range to show: the reader's zoom, nothing for "all", else the newest news."""
    if view == "all":
        return None
    if view:
        return view
    # an event added by hand is "published" the day it was added: it does not move the first view
    return news_range([e.start_date for e in events],
                      [None if e.by_hand else e.published for e in events], full)


def _cluster_trace(groups, events: list[Event], lane_y: dict) -> dict:
    """One mark per crowded day and lane, sized by its count, coloured by its main status."""
    xs, ys, sizes, colours, data = [], [], [], [], []
    for (lane, day), members in groups:
        statuses = Counter(events[i].status for i in members)
        main = statuses.most_common(1)[0][0]
        tops = [escape(clip(events[i].summary or events[i].sentence, 70)) for i in members[:4]]
        parts = ", ".join(f"{n} {s}" for s, n in statuses.most_common())
        xs.append(day.isoformat())
        ys.append(lane_y[lane])
        sizes.append(min(34, 14 + 3 * len(members) ** 0.5 * 2))
        colours.append(STATUS_COLOURS.get(main, "#64748b"))
        data.append([f"day:{day.isoformat()}",
                     f"<b>{len(members)} events on {escape(day_text(day))}</b> ({parts})<br>"
                     + "<br>".join(tops) + ("<br>\u2026" if len(members) > 4 else "")
                     + "<br><i>click to see them apart</i>"])
    return {"type": "scatter", "mode": "markers+text", "name": "several on one day",
            "showlegend": False, "x": xs, "y": ys, "text": [str(len(m)) for _, m in groups],
            "textfont": {"color": "white", "size": 11}, "textposition": "middle center",
            "marker": {"size": sizes, "color": colours, "opacity": 0.9,
                       "line": {"color": "white", "width": 2}},
            "customdata": data, "hovertemplate": "%{customdata[1]}<extra></extra>"}


def importance(event: Event) -> float:
    """Which marks are labelled first: more actors named, then what is scheduled (the news
    ahead), then periods last. (Grouped events will bring their number of reports.)"""
    return (len(event.actors) * 0.5 + (0.6 if event.status == "scheduled" else 0)
            - (0.8 if not is_point(event) else 0))


def _labels(events, labels, lane_y, point, clustered, groups, lo, hi, width_px) -> list[dict]:
    cands, where = [], []
    for (lane, day), members in groups:
        cands.append(Candidate(day, lane_y[lane], f"{len(members)} events", 2 + len(members)))
        where.append((day, lane_y[lane]))
    for i, e in enumerate(events):
        if i in clustered:
            continue
        text = clip(e.summary or e.sentence, LABEL_CHARS)
        # a bar begun before the view is labelled at the view's left edge, if it reaches it
        inside = not point[i] and e.start_date < lo < e.end_date
        cands.append(Candidate(lo if inside else e.start_date, lane_y[labels[i]], text,
                               importance(e)))
        where.append((cands[-1].day, lane_y[labels[i]]))
    notes = []
    for index, row, side in place_labels(cands, lo, hi, width_px):
        day, y = where[index]
        notes.append({"x": day.isoformat(), "y": y + (0.3 if row == 0 else -0.3), "xref": "x",
                      "yref": "y", "text": escape(cands[index].text), "showarrow": False,
                      "xanchor": "left" if side == "right" else "right", "yanchor": "middle",
                      "xshift": 4 if side == "right" else -4,
                      "font": {"size": 11, "color": "#334155"}, "bgcolor": "rgba(255,255,255,0.75)",
                      "captureevents": False})
    return notes


def _break_note(start: date, end: date) -> dict:
    years = round((end - start).days / 365.25)
    gap = f"{years} years" if years > 1 else f"{(end - start).days // 30} months"
    return {"x": start.isoformat(), "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
            "text": f"\u2026 {gap} left out \u2026", "showarrow": False,
            "font": {"size": 10, "color": "#94a3b8"}}


def counts_figure(counts: list[tuple[str, int]], by: str = "month") -> dict:
    """Aggregated view for very many events: number of events per day / month / year."""
    if not counts:
        return empty_figure("No events match the filter.")
    layout = _layout(height=420)
    layout["showlegend"] = False
    layout["yaxis"] = {"title": {"text": f"events per {by}"}, "fixedrange": True, "automargin": True}
    return {"data": [{
        "type": "bar", "x": [p for p, _ in counts], "y": [n for _, n in counts],
        "name": f"events per {by}", "marker": {"color": STATUS_COLOURS["happened"]},
        "hovertemplate": f"%{{x}}: %{{y}} events<extra>per {by}</extra>",
    }], "layout": layout}


def empty_figure(message: str) -> dict:
    return {"data": [], "layout": {
        "annotations": [{"text": escape(message), "showarrow": False, "xref": "paper",
                         "yref": "paper", "x": 0.5, "y": 0.5,
                         "font": {"size": 16, "color": "#64748b"}}],
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "height": 300,
        "plot_bgcolor": "white", "paper_bgcolor": "white",
        "margin": {"l": 20, "r": 20, "t": 20, "b": 20}}}


def aggregate_period(first: date | None, last: date | None) -> str:
    """Bucket size for the aggregated view: day for up to ~4 months, month up to 20 years."""
    if not first or not last:
        return "month"
    days = (last - first).days
    return "day" if days <= 120 else "month" if days <= 7300 else "year"


def _ms(start: date, end: date) -> int:
    return max(1, (end - start).days) * 86_400_000


def _layout(height: int) -> dict:
    return {
        "xaxis": {"type": "date", "showgrid": True, "gridcolor": "#f1f5f9", "automargin": True,
                  "rangeslider": {"visible": True, "thickness": 0.07},
                  "rangeselector": {"buttons": RANGE_BUTTONS, "x": 0, "y": 1.02,
                                    "yanchor": "bottom"}},
        "height": height, "plot_bgcolor": "white", "paper_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "hovermode": "closest",
        "clickmode": "event", "uirevision": "timeline",
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.02, "yanchor": "bottom"},
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
    }
