"""Component ids, as constants: layout and callbacks import them from here only."""

# URL and shared state
URL = "url"
FILTER = "filter-query"          # dcc.Store: the current EventFilter as a query string
DATA_VERSION = "data-version"    # dcc.Store: bumped whenever the store changes
SELECTED = "selected-event"      # dcc.Store: event_id shown in the side panel
SCREEN = "screen-width"          # dcc.Store: the browser window's width in CSS pixels

# filters
DATES = "filter-dates"
SEARCH = "filter-search"
ACTORS = "filter-actors"
SOURCES = "filter-sources"
STATUSES = "filter-statuses"
GRANULARITIES = "filter-granularities"
GROUP_BY = "group-by"
ARTICLES = "filter-articles"     # the articles shown (EventFilter.article_ids)
STORY_PICK = "filter-story"      # a story: picks its articles
STORY_MAP = "story-map"          # dcc.Store: story key -> its article ids
RESET = "filter-reset"

# timeline page
FIGURE = "timeline-figure"
SUMMARY = "timeline-summary"
TABLE = "events-table"
TABLE_NOTE = "events-table-note"

# side panel
PANEL = "event-panel"
CORRECT_VALUE = "correct-value"
CORRECT_DATE = "correct-date"
CORRECT_SAVE = "correct-save"
DELETE_EVENT = "delete-event"
PANEL_MESSAGE = "panel-message"
EDIT_SUMMARY = "edit-summary"
EDIT_ACTORS = "edit-actors"
EDIT_STATUS = "edit-status"
EDITS_NOTE = "edits-note"        # what a person edited, each with a Revert button
REVERT = "revert-field"          # pattern-matching id type: {"type": REVERT, "field": ...}
SHOWN = "panel-shown"            # dcc.Store: the values the edit form showed (expected=)
DELETED = "deleted-event"        # dcc.Store: the event id an Undo restores
UNDO_TOAST = "undo-toast"
UNDO_TEXT = "undo-text"
UNDO_DELETE = "undo-delete"

# adding an event by hand
ADD_OPEN = "add-open"
ADD_MODAL = "add-modal"
ADD_DATE = "add-date"
ADD_DAY = "add-day"
ADD_STATUS = "add-status"
ADD_SUMMARY = "add-summary"
ADD_ACTORS = "add-actors"
ADD_SOURCE = "add-source"
ADD_URL = "add-url"
ADD_SENTENCE = "add-sentence"
ADD_SAVE = "add-save"
ADD_CANCEL = "add-cancel"
ADD_MESSAGE = "add-message"
READ_ARTICLE = "read-article"
ARTICLE_MODAL = "article-modal"
ARTICLE_MODAL_TITLE = "article-modal-title"
ARTICLE_MODAL_BODY = "article-modal-body"

# upload
UPLOAD = "upload"
UPLOAD_PUBLISHED = "upload-published"
UPLOAD_RESULT = "upload-result"
UPLOAD_PROGRESS = "upload-progress"  # shown while a background upload runs
UPLOAD_PROGRESS_BAR = "upload-progress-bar"
UPLOAD_PROGRESS_TEXT = "upload-progress-text"

# download
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_JSON = "download-json"
DOWNLOAD_TIMELINEJS = "download-timelinejs"
DOWNLOAD_MENTIONS = "download-mentions"

# articles page
TABS = "tabs"
ARTICLES_TABLE = "articles-table"
ARTICLES_DELETE = "articles-delete"
ARTICLES_MESSAGE = "articles-message"
ARTICLES_CONFIRM = "articles-confirm"  # dcc.ConfirmDialog: "delete this article?"

# story page
STORY = "story"
STORY_TITLE = "story-title"
STORY_PRINT = "story-print"
STORY_PRINTED = "story-printed"
STORY_SAVE = "story-save"
STORY_DOWNLOAD = "story-download"

# key events page (dashboard/callbacks/key_events.py)
KEY_DAYS = "key-days"
KEY_SENTENCES = "key-sentences"
KEY_LIST = "key-list"
