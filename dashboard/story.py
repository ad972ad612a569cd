"""The story view: the filtered events as a chronological reading page, like a published
timeline. The background (what ended more than half a year before the first article) comes
first, then what happened (and is going on), in date order; what is scheduled stands apart
after it. Each entry: the plain date, the summary, the actors, the number of sources, and
its reports (source, article, the sentence) one click away.

``story_entries`` is pure data; ``story_markup`` makes HTML of it, every piece of text escaped
(one markup for both: the tab shows it as one block, ``story_html`` wraps it in a
self-contained page, the style inline, no script, to save). The tab does not build a Dash
component per entry: Dash's renderer took 97 s for the 500 entries (~9,000 components) of the
90 Wikinews articles in headless Chromium, 2 s for 100.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from dashboard.figures import source_name
from dashboard.present import plural, safe_url
from timeline.model import Event
from timeline.plain_dates import event_when

STORY_LIMIT = 500  # entries shown and saved; the export has every event
BACKGROUND_DAYS = 180  # what ended this long before the first article is background
SECTIONS = (("background", "Background", ("happened", "ongoing")),
            ("happened", "What happened", ("happened", "ongoing")),
            ("scheduled", "What is scheduled", ("scheduled",)))


@dataclass
class Entry:
    """One happening in the story: its reports are the events that tell it (today one event per
    time expression; reports of one value and one summary are told once)."""
    when: str
    start: date
    end: date
    status: str
    summary: str
    actors: tuple[str, ...]
    reports: list[Event] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({source_name(e) for e in self.reports})

    @property
    def by_hand(self) -> bool:
        """A person added one of its reports in the dashboard (no article behind it)."""
        return any(e.by_hand for e in self.reports)


BY_HAND = "added by hand"


def story_entries(events: list[Event]) -> dict[str, list[Entry]]:
    """Section key -> entries in date order (then by the number of reports, most first)."""
    merged: dict[tuple, Entry] = {}
    for event in events:
        summary = " ".join((event.summary or event.sentence).split())
        key = (event.value, event.start_date, event.end_date, event.status, summary.casefold())
        entry = merged.get(key)
        if entry is None:
            entry = merged[key] = Entry(event_when(event), event.start_date, event.end_date,
                                        event.status, summary, ())
        entry.reports.append(event)
        entry.actors = tuple(dict.fromkeys(entry.actors + tuple(event.actors)))
    published = [e.published for e in events if e.published]
    cut = min(published) - timedelta(days=BACKGROUND_DAYS) if published else date.min
    sections = {}
    for key, _, statuses in SECTIONS:
        chosen = [e for e in merged.values() if e.status in statuses
                  and (key == "scheduled" or (e.end <= cut) == (key == "background"))]
        sections[key] = sorted(chosen, key=lambda e: (e.start, -len(e.reports), e.summary))
    return sections


def story_markup(entries: dict[str, list[Entry]], limit: int = STORY_LIMIT) -> str:
    """The story's sections as HTML: what the story tab shows and the saved page holds. Every
    piece of text is escaped here, links are checked (``safe_url``), no script, no style."""
    parts, left = [], limit
    for key, title, _ in SECTIONS:
        items = entries.get(key) or []
        if not items:
            continue
        shown = items[:max(0, left)]
        left -= len(shown)
        count = plural(len(items), "entry", "entries")
        parts.append(f'<section class="story story-{key}"><h2 class="story-section">'
                     f'{escape(title)}<span class="story-count"> \u00b7 {count}</span></h2>')
        if shown:
            parts.append(f'<ol class="story-list">{"".join(map(_entry_html, shown))}</ol>')
        if len(shown) < len(items):
            parts.append(f'<p class="story-more">{len(items) - len(shown):,} more in the '
                         f'export.</p>')
        parts.append("</section>")
    markup = "".join(parts) or '<p class="story-none">No events match the filter.</p>'
    # one line: the tab shows it as one HTML block of Markdown, which a blank line would end
    return markup.translate(_ONE_LINE)


_ONE_LINE = {ord("\n"): " ", ord("\r"): " "}


def _entry_html(entry: Entry) -> str:
    actors = (f'<p class="story-actors">{escape(", ".join(entry.actors))}</p>'
              if entry.actors else "")
    by_hand = f'<p class="story-by-hand">{BY_HAND}</p>' if entry.by_hand else ""
    sources = entry.sources
    return (f'<li class="story-entry status-{escape(entry.status)}">'
            f'<div class="story-date">{escape(entry.when)}</div><div class="story-body">'
            f'<p class="story-summary">{escape(entry.summary)}</p>{actors}{by_hand}'
            f'<details class="story-sources"><summary>'
            f'{escape(plural(len(sources), "source") + ": " + ", ".join(sources))}</summary>'
            f'<ul class="story-reports">{"".join(_report_html(r) for r in entry.reports)}'
            f'</ul></details></div></li>')


def _cited(event: Event) -> tuple[str, str, str]:
    """(source, title, link) of a report: an event a person added has no article, so its
    title says so (its source is the one they gave, if any)."""
    title = event.article_title or (BY_HAND if event.by_hand else "(untitled article)")
    source = source_name(event)
    return ("" if source == title else source), title, safe_url(event.article_url)


def _report_html(event: Event) -> str:
    source, title, link = _cited(event)
    title = escape(title)
    cite = (f'<a href="{escape(link)}" target="_blank" rel="noopener noreferrer nofollow">'
            f'{title}</a>' if link else title)
    s, a, b = event.sentence, event.expr_start, event.expr_end
    if 0 <= a < b <= len(s):
        sentence = f"{escape(s[:a])}<mark>{escape(s[a:b])}</mark>{escape(s[b:])}"
    else:
        sentence = escape(s)
    source = f'<span class="story-source">{escape(source)}</span> \u00b7 ' if source else ""
    return f'<li>{source}{cite}<blockquote class="story-sentence">{sentence}</blockquote></li>'


PAGE_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#0f172a;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem} .meta{color:#64748b;margin-top:0}
.story-section{font-size:1.2rem;border-bottom:2px solid #e2e8f0;padding-bottom:.2rem;margin-top:2rem}
.story-count{font-weight:400;color:#64748b;font-size:.95rem}
.story-scheduled .story-section{color:#be185d;border-color:#fbcfe8}
.story-background .story-section{color:#64748b}
.story-list{list-style:none;padding:0}
.story-entry{display:flex;gap:1rem;padding:.6rem 0;border-bottom:1px solid #f1f5f9;break-inside:avoid}
.story-date{flex:0 0 11rem;font-weight:600;color:#334155} .story-body{flex:1;min-width:0}
.story-summary{margin:0 0 .2rem} .story-actors{margin:0;color:#475569;font-size:.9rem}
.story-by-hand{margin:0;color:#7c3aed;font-size:.85rem;font-style:italic}
.story-sources{font-size:.9rem;color:#475569} .story-more,.story-none{color:#64748b} .story-sentence{margin:.3rem 0 .5rem;padding-left:.6rem;
border-left:3px solid #e2e8f0} mark{background:#fef08a}
@media (max-width:600px){.story-entry{flex-direction:column;gap:.2rem}.story-date{flex:none}}
@media print{details{display:block} details>*{display:block}}
"""


def story_html(entries: dict[str, list[Entry]], title: str, subtitle: str = "",
               limit: int = STORY_LIMIT) -> str:
    """A self-contained HTML page of the story: inline style, no script, every text escaped."""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head><body>"
            f"<h1>{escape(title)}</h1><p class=\"meta\">{escape(subtitle)}</p>"
            f"{story_markup(entries, limit)}</body></html>\n")


__all__ = ["Entry", "story_entries", "story_html", "story_markup"]
