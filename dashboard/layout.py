"""The page: filters on the left, the timeline and the table in the middle, the event panel in an
off-canvas on the right, an articles tab. Static: every piece of data arrives through callbacks."""
from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids
from dashboard.callbacks.key_events import TAB_ID as KEY_EVENTS_TAB, key_events_tab
from dashboard.controls import GRANULARITY_GROUPS, GROUP_LABELS
from timeline.ingest.files import EXTENSIONS
from timeline.model import STATUSES

ACCEPTED = ",".join(EXTENSIONS)  # every file the one reader takes (the picker hid .tsv ...)
DOWNLOAD_BUTTON = "btn btn-sm btn-outline-primary"  # a link that looks like the other buttons

EVENT_COLUMNS = [
    # sorted by the ISO start date, shown as the plain date ("early March 2025")
    {"field": "start", "headerName": "Date", "width": 185, "sort": "asc",
     "valueFormatter": {"function": "params.data ? params.data.when : ''"},
     "tooltipField": "when", "wrapText": True, "autoHeight": True, "cellClass": "cell-wrap"},
    {"field": "status", "headerName": "Status", "width": 100},
    {"field": "summary", "headerName": "Summary", "flex": 3, "minWidth": 240,
     "wrapText": True, "autoHeight": True, "cellClass": "cell-wrap"},
    {"field": "actors", "headerName": "Actors", "flex": 1, "minWidth": 120,
     "wrapText": True, "autoHeight": True, "cellClass": "cell-wrap"},
    {"field": "source", "headerName": "Source", "flex": 1, "minWidth": 110,
     "wrapText": True, "autoHeight": True, "cellClass": "cell-wrap"},
    {"field": "date", "headerName": "TIMEX3", "width": 110, "wrapText": True, "autoHeight": True,
     "cellClass": "cell-wrap timex-cell"},
    {"field": "corrected", "headerName": "Edited", "width": 90},
]

# what fits beside each other on a phone (about 335 pixels inside the page and the table's
# scroll bar), wrapped
PHONE_SIZES = {"start": {"width": 100}, "summary": {"minWidth": 130},
               "actors": {"minWidth": 85}}
PHONE = 600  # a window narrower than this is a phone's
GRAPH_CONFIG = {
    "displaylogo": False, "scrollZoom": True,
    # the camera button saves the timeline as shown, labels included
    "toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": 2}}


def graph_config(screen: int | None) -> dict:
    """The figure's options for a window ``screen`` pixels wide: on a phone no mode bar (it
    covered the 1w / 1m / 1y / all buttons and the legend; fingers zoom and pan)."""
    if screen and screen < PHONE:
        return dict(GRAPH_CONFIG, displayModeBar=False)
    return dict(GRAPH_CONFIG)


def event_columns(screen: int | None) -> list[dict]:
    """The table's columns for a window ``screen`` pixels wide: on a phone the date, the
    summary and the actors (the rest is in the panel), sorted by a tap on the header."""
    if screen and screen < PHONE:
        return [dict(c, filter=False, **PHONE_SIZES[c["field"]]) for c in EVENT_COLUMNS
                if c["field"] in PHONE_SIZES]  # no filter buttons: the headers show whole
    return EVENT_COLUMNS


# one row selected at a time, by a click on it (AG Grid's object form of ``rowSelection``; the
# words "single" and "multiple" are deprecated since 32.2); the articles table also shows a
# checkbox, in a column of its own, for the row a delete takes
PICK_ROW = {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True}
PICK_ARTICLE = dict(PICK_ROW, checkboxes=True)

ARTICLE_COLUMNS = [
    {"field": "title", "flex": 3, "minWidth": 240},
    {"field": "source", "flex": 1},
    {"field": "published", "headerName": "Published", "width": 150, "sort": "desc",
     "valueFormatter": {"function": "params.data ? params.data.published_text : ''"}},
    {"field": "events", "headerName": "Events", "width": 100, "type": "numericColumn"},
]


PHONE_ARTICLE_COLUMNS = [  # a phone: the title wraps beside the day it was published
    {"field": "title", "flex": 1, "minWidth": 120, "wrapText": True, "autoHeight": True,
     "cellClass": "cell-wrap"},
    dict(ARTICLE_COLUMNS[2], width=120, wrapText=True, autoHeight=True, cellClass="cell-wrap",
         filter=False),  # no filter button: its header says "Published" whole
]


def article_columns(screen: int | None) -> list[dict]:
    """The articles table's columns for a window ``screen`` pixels wide: on a phone the title
    and the publication day, so the table needs no sideways scrolling (the source and the
    number of events are in the confirmation of a delete and in the timeline)."""
    if screen and screen < PHONE:
        return PHONE_ARTICLE_COLUMNS
    return ARTICLE_COLUMNS


def _label(text: str) -> html.Label:
    return html.Label(text, className="form-label small text-uppercase text-muted mb-1")


def filters() -> html.Div:
    return html.Div([
        _label("Dates"),
        html.Div(dcc.DatePickerRange(id=ids.DATES, clearable=True, display_format="YYYY-MM-DD",
                                     start_date_placeholder_text="from",
                                     end_date_placeholder_text="to"), className="mb-3"),
        _label("Search"),
        dbc.Input(id=ids.SEARCH, type="search", placeholder="words in events or their articles…",
                  debounce=True, className="mb-3"),
        _label("Story"),
        dcc.Dropdown(id=ids.STORY_PICK, placeholder="articles that share actors and days",
                     className="mb-2", optionHeight=50),
        _label("Articles"),
        dcc.Dropdown(id=ids.ARTICLES, multi=True, placeholder="any article", className="mb-3",
                     optionHeight=50),
        _label("Actors"),
        dcc.Dropdown(id=ids.ACTORS, multi=True, placeholder="any actor", className="mb-3"),
        _label("Sources"),
        dcc.Dropdown(id=ids.SOURCES, multi=True, placeholder="any source", className="mb-3"),
        _label("Status"),
        dbc.Checklist(id=ids.STATUSES, options=[{"label": s, "value": s} for s in STATUSES],
                      value=list(STATUSES), inline=True, className="mb-3"),
        _label("Precision"),
        dbc.Checklist(id=ids.GRANULARITIES,
                      options=[{"label": g, "value": g} for g in GRANULARITY_GROUPS],
                      value=list(GRANULARITY_GROUPS), inline=True, className="mb-3"),
        _label("Lanes"),
        dbc.RadioItems(id=ids.GROUP_BY, options=[{"label": v, "value": k}
                                                 for k, v in GROUP_LABELS.items()],
                       value="status", inline=True, className="mb-3"),
        dbc.Button("Reset filters", id=ids.RESET, color="secondary", outline=True, size="sm"),
    ])


def upload_card() -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.H6("Add articles", className="card-title"),
        dcc.Upload(id=ids.UPLOAD, multiple=True, accept=ACCEPTED, className="upload-zone",
                   children=html.Div(["Drop files or ", html.A("choose"),
                                      html.Div(ACCEPTED.replace(",", " "), className="small text-muted")])),
        _label("Publication date (files without one)"),
        html.Div(dcc.DatePickerSingle(id=ids.UPLOAD_PUBLISHED, display_format="YYYY-MM-DD",
                                      clearable=True, placeholder="YYYY-MM-DD"), className="mb-2"),
        html.Div([dbc.Progress(id=ids.UPLOAD_PROGRESS_BAR, value=0, striped=True, animated=True),
                  html.Div(id=ids.UPLOAD_PROGRESS_TEXT, className="small text-muted")],
                 id=ids.UPLOAD_PROGRESS, className="mb-2", style={"display": "none"}),
        html.Div(id=ids.UPLOAD_RESULT, className="small"),
    ]), className="mt-3")


def panel() -> dbc.Offcanvas:
    return dbc.Offcanvas(
        [html.Div(id=ids.PANEL),
         dbc.Button("Read the whole article", id=ids.READ_ARTICLE, size="sm", color="primary",
                    outline=True),
         html.Div([
             html.Hr(),
             html.H6("Edit this event"),
             _label("Date"),
             dbc.Input(id=ids.CORRECT_VALUE, size="sm", className="mb-1",
                       placeholder="TIMEX3 value, e.g. 2025-03-20, 2025-W12, 2025-03"),
             html.Div(dcc.DatePickerSingle(id=ids.CORRECT_DATE, display_format="YYYY-MM-DD",
                                           placeholder="or pick a day"), className="mb-2"),
             _label("Summary"),
             dbc.Textarea(id=ids.EDIT_SUMMARY, rows=3, size="sm", className="mb-2"),
             _label("Actors (separated by ;)"),
             dbc.Input(id=ids.EDIT_ACTORS, size="sm", className="mb-2",
                       placeholder="e.g. Keir Starmer; Emmanuel Macron"),
             _label("Status"),
             dbc.RadioItems(id=ids.EDIT_STATUS, inline=True, className="mb-2",
                            options=[{"label": s, "value": s} for s in STATUSES]),
             html.Div([
                 dbc.Button("Save changes", id=ids.CORRECT_SAVE, color="primary", size="sm",
                            className="me-auto"),
                 dbc.Button("Delete event", id=ids.DELETE_EVENT, color="danger", outline=True,
                            size="sm"),
             ], className="d-flex mb-2"),
             html.Div(id=ids.PANEL_MESSAGE),
             html.Div(id=ids.EDITS_NOTE),
         ], className="correct-box")],
        id=f"{ids.PANEL}-canvas", title="Event", placement="end", backdrop=False,
        scrollable=True, is_open=False, className="event-canvas",
    )


def undo_toast() -> dbc.Toast:
    """Shown after a delete, outside the panel (which closes): Undo restores the event."""
    return dbc.Toast([
        html.Span(id=ids.UNDO_TEXT, className="me-2"),
        dbc.Button("Undo", id=ids.UNDO_DELETE, size="sm", color="primary"),
    ], id=ids.UNDO_TOAST, header="Event deleted", is_open=False, dismissable=True,
        className="undo-toast", duration=None)


def add_modal() -> dbc.Modal:
    """A form for an event a person adds by hand (timeline.store EventStore.add_event)."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle("Add an event by hand")),
        dbc.ModalBody([
            _label("Date (required)"),
            dbc.InputGroup([
                dbc.Input(id=ids.ADD_DATE, placeholder="2025-03-20, 2025-W12, 2025-03 or 2025"),
            ], size="sm", className="mb-1"),
            html.Div(dcc.DatePickerSingle(id=ids.ADD_DAY, display_format="YYYY-MM-DD",
                                          placeholder="or pick a day"), className="mb-2"),
            _label("Status"),
            dbc.RadioItems(id=ids.ADD_STATUS, inline=True, className="mb-2", value="",
                           options=[{"label": "from the date", "value": ""}]
                           + [{"label": s, "value": s} for s in STATUSES]),
            _label("What happened (required)"),
            dbc.Textarea(id=ids.ADD_SUMMARY, rows=2, size="sm", className="mb-2",
                         placeholder="a headline-like summary"),
            _label("Actors (separated by ;)"),
            dbc.Input(id=ids.ADD_ACTORS, size="sm", className="mb-2"),
            _label("Source"),
            dbc.Input(id=ids.ADD_SOURCE, size="sm", className="mb-2",
                      placeholder="who reported it, e.g. Reuters"),
            _label("Link"),
            dbc.Input(id=ids.ADD_URL, size="sm", className="mb-2", type="url",
                      placeholder="https://…"),
            _label("Sentence"),
            dbc.Textarea(id=ids.ADD_SENTENCE, rows=2, size="sm", className="mb-2",
                         placeholder="the sentence it comes from (optional)"),
            html.Div(id=ids.ADD_MESSAGE),
        ]),
        dbc.ModalFooter([
            dbc.Button("Cancel", id=ids.ADD_CANCEL, color="secondary", outline=True, size="sm"),
            dbc.Button("Add event", id=ids.ADD_SAVE, color="primary", size="sm"),
        ]),
    ], id=ids.ADD_MODAL, is_open=False, scrollable=True)


def article_modal() -> dbc.Modal:
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(id=ids.ARTICLE_MODAL_TITLE)),
        dbc.ModalBody(id=ids.ARTICLE_MODAL_BODY, className="article-text"),
    ], id=ids.ARTICLE_MODAL, size="xl", scrollable=True, is_open=False)


def timeline_tab() -> dbc.Row:
    return dbc.Row([
        dbc.Col([dbc.Card(dbc.CardBody(filters())), upload_card()], lg=3, className="sidebar"),
        dbc.Col([
            html.Div(id=ids.SUMMARY, className="summary mb-1"),
            dcc.Loading(dcc.Graph(id=ids.FIGURE, config=graph_config(None)),
                        type="circle", delay_show=300),
            html.Div([
                html.Span(id=ids.TABLE_NOTE, className="small text-muted me-auto"),
                dbc.Button("Add event", id=ids.ADD_OPEN, size="sm", color="success",
                           outline=True, className="me-2"),
                # CSV and JSON: one row per dated mention instead of one per event with its reports
                dbc.Checkbox(id=ids.DOWNLOAD_MENTIONS, label="one row per mention", value=False,
                             className="small me-2"),
                # links to the API's streamed exports, set by dashboard/callbacks/download.py
                html.A("CSV", id=ids.DOWNLOAD_CSV, download="timeline-events.csv",
                       href="/api/events/grouped?format=csv", className=DOWNLOAD_BUTTON + " me-1"),
                html.A("JSON", id=ids.DOWNLOAD_JSON, download="timeline-events.json",
                       href="/api/events/grouped?format=json", className=DOWNLOAD_BUTTON + " me-1"),
                html.A("TimelineJS", id=ids.DOWNLOAD_TIMELINEJS, download="timeline-timelinejs.json",
                       href="/api/events?format=timelinejs", className=DOWNLOAD_BUTTON,
                       title="A story for TimelineJS (timeline.knightlab.com)"),
            ], className="d-flex flex-wrap align-items-center my-2",
                style={"rowGap": "0.25rem"}),  # Bootstrap 5.2 has no row-gap-* (5.3 does)
            dag.AgGrid(id=ids.TABLE, columnDefs=EVENT_COLUMNS, rowData=[],
                       getRowId="params.data.event_id",
                       defaultColDef={"sortable": True, "resizable": True, "filter": True},
                       dashGridOptions={"rowSelection": PICK_ROW, "animateRows": False,
                                        "tooltipShowDelay": 300},
                       style={"height": "60vh", "minHeight": "360px"}),
        ], lg=9),
    ], className="g-3")


def articles_tab() -> html.Div:
    return html.Div([
        html.Div([
            html.Span("Select an article to delete it with its events.",
                      className="small text-muted me-auto"),
            dbc.Button("Delete selected article", id=ids.ARTICLES_DELETE, color="danger",
                       outline=True, size="sm"),
        ], className="d-flex align-items-center my-2"),
        html.Div(id=ids.ARTICLES_MESSAGE),
        dcc.ConfirmDialog(id=ids.ARTICLES_CONFIRM),
        dag.AgGrid(id=ids.ARTICLES_TABLE, columnDefs=ARTICLE_COLUMNS, rowData=[],
                   getRowId="params.data.article_id",
                   defaultColDef={"sortable": True, "resizable": True, "filter": True},
                   dashGridOptions={"rowSelection": PICK_ARTICLE}, style={"height": "70vh"}),
    ])


def story_tab() -> html.Div:
    """The reading view: follows the filter of the timeline tab."""
    return html.Div([
        html.Div([
            html.H2(id=ids.STORY_TITLE, className="story-title me-auto"),
            dbc.Button("Print", id=ids.STORY_PRINT, size="sm", color="primary", outline=True,
                       className="me-1"),
            dbc.Button("Save as HTML", id=ids.STORY_SAVE, size="sm", color="primary",
                       outline=True),
            dcc.Download(id=ids.STORY_DOWNLOAD),
            html.Span(id=ids.STORY_PRINTED, hidden=True),
        ], className="d-flex align-items-center my-2 no-print"),
        html.P("The events of the timeline's filter in date order: the background first, what "
               "is scheduled apart at the end. Open \u201csources\u201d to read the reports.",
               className="small text-muted no-print"),
        dcc.Loading(html.Div(id=ids.STORY, className="story-page"), type="dot"),
    ], className="story-wrap")


def build_layout() -> html.Div:
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.FILTER),
        dcc.Store(id=ids.DATA_VERSION, data=0),
        dcc.Store(id=ids.SELECTED),
        dcc.Store(id=ids.SHOWN),
        dcc.Store(id=ids.DELETED),
        dcc.Store(id=ids.SCREEN),
        dcc.Store(id=ids.STORY_MAP),
        dbc.Navbar(dbc.Container([
            dbc.NavbarBrand([html.Span("\u25cf", className="brand-dot"), " timeline"]),
            html.Span("news articles \u2192 dated events", className="navbar-text small"),
        ], fluid=True), color="dark", dark=True, className="mb-3 no-print"),
        dbc.Container([
            dbc.Tabs([
                dbc.Tab(timeline_tab(), label="Timeline", tab_id="timeline", className="pt-3"),
                dbc.Tab(story_tab(), label="Story", tab_id="story", className="pt-3"),
                dbc.Tab(articles_tab(), label="Articles", tab_id="articles", className="pt-3"),
                dbc.Tab(key_events_tab(), label="Key events", tab_id=KEY_EVENTS_TAB, className="pt-3"),
            ], id=ids.TABS, active_tab="timeline"),
        ], fluid=True),
        panel(),
        article_modal(),
        add_modal(),
        undo_toast(),
    ])
