"""The story view: the filtered events as a chronological reading page, like a published
timeline. The background (what ended more than half a year before the first article) comes
first, then what happened (and is going on), in date order; what is scheduled stands apart
after it. Each entry: the plain date, the summary, the actors, the number of sources, and
its reports (source, article, the sentence) one click away.

``story_entries`` is pure data; ``story_components`` makes Dash components of it (text only,
React escapes it); ``story_html`` a self-contained HTML page (every piece of text escaped, the
style inline, no script) to save or print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from dash import html

from dashboard.figures import source_name
from dashboard.present import plural, safe_url, sentence_pieces
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


def story_components(entries: dict[str, list[Entry]], limit: int = STORY_LIMIT) -> list:
    """The story as Dash components (plain text everywhere)."""
    out, left = [], limit
    for key, title, _ in SECTIONS:
        items = entries.get(key) or []
        if not items:
            continue
        shown = items[:left]
        left -= len(shown)
        out.append(html.Section([
            html.H3([title, html.Span(f" \u00b7 {plural(len(items), 'entry', 'entries')}",
                                      className="story-count")], className="story-section"),
            html.Ol([_entry(e) for e in shown], className="story-list"),
            html.P(f"{len(items) - len(shown):,} more in the export.", className="text-muted")
            if len(shown) < len(items) else None,
        ], className=f"story story-{key}"))
    return out or [html.P("No events match the filter.", className="text-muted")]


def _entry(entry: Entry) -> html.Li:
    sources = entry.sources
    return html.Li([
        html.Div(entry.when, className="story-date"),
        html.Div([
            html.P(entry.summary, className="story-summary"),
            html.P(", ".join(entry.actors), className="story-actors") if entry.actors else None,
            html.P(BY_HAND, className="story-by-hand") if entry.by_hand else None,
            html.Details([
                html.Summary(plural(len(sources), "source") + ": " + ", ".join(sources)),
                html.Ul([_report(e) for e in entry.reports], className="story-reports"),
            ], className="story-sources"),
        ], className="story-body"),
    ], className=f"story-entry status-{entry.status}")


def _cited(event: Event) -> tuple[str, str, str]:
    """(source, title, link) of a report: an event a person added has no article, so its
    title says so (its source is the one they gave, if any)."""
    title = event.article_title or (BY_HAND if event.by_hand else "(untitled article)")
    source = source_name(event)
    return ("" if source == title else source), title, safe_url(event.article_url)


def _report(event: Event) -> html.Li:
    source, title, link = _cited(event)
    return html.Li([
        html.Span(source, className="story-source") if source else None,
        " \u00b7 " if source else None,
        html.A(title, href=link, target="_blank", rel="noopener noreferrer nofollow")
        if link else html.Span(title),
        html.Blockquote(sentence_pieces(event), className="story-sentence"),
    ])


PAGE_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#0f172a;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem} .meta{color:#64748b;margin-top:0}
h2{font-size:1.2rem;border-bottom:2px solid #e2e8f0;padding-bottom:.2rem;margin-top:2rem}
.scheduled h2{color:#be185d;border-color:#fbcfe8}
ol{list-style:none;padding:0} li.entry{display:flex;gap:1rem;padding:.6rem 0;border-bottom:1px solid #f1f5f9;
break-inside:avoid} .date{flex:0 0 11rem;font-weight:600;color:#334155}
.summary{margin:0 0 .2rem} .actors{margin:0;color:#475569;font-size:.9rem}
.by-hand{margin:0;color:#7c3aed;font-size:.85rem;font-style:italic}
details{font-size:.9rem;color:#475569} blockquote{margin:.3rem 0 .5rem;padding-left:.6rem;
border-left:3px solid #e2e8f0} mark{background:#fef08a}
@media print{details{display:block} details>*{display:block}}
"""


def story_html(entries: dict[str, list[Entry]], title: str, subtitle: str = "",
               limit: int = STORY_LIMIT) -> str:
    """A self-contained HTML page of the story: inline style, no script, every text escaped."""
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head><body>",
             f"<h1>{escape(title)}</h1><p class=\"meta\">{escape(subtitle)}</p>"]
    left = limit
    for key, heading, _ in SECTIONS:
        items = (entries.get(key) or [])[:max(0, left)]
        left -= len(items)
        if not items:
            continue
        parts.append(f"<section class=\"{key}\"><h2>{escape(heading)}</h2><ol>")
        for e in items:
            reports = "".join(_report_html(r) for r in e.reports)
            actors = f"<p class=\"actors\">{escape(', '.join(e.actors))}</p>" if e.actors else ""
            if e.by_hand:
                actors += f"<p class=\"by-hand\">{BY_HAND}</p>"
            parts.append(
                f"<li class=\"entry\"><div class=\"date\">{escape(e.when)}</div><div>"
                f"<p class=\"summary\">{escape(e.summary)}</p>{actors}"
                f"<details><summary>{escape(plural(len(e.sources), 'source'))}: "
                f"{escape(', '.join(e.sources))}</summary><ul>{reports}</ul></details>"
                f"</div></li>")
        parts.append("</ol></section>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _report_html(event: Event) -> str:
    source, title, link = _cited(event)
    title = escape(title)
    cite = (f"<a href=\"{escape(link)}\" rel=\"noopener noreferrer nofollow\">{title}</a>"
            if link else title)
    s, a, b = event.sentence, event.expr_start, event.expr_end
    if 0 <= a < b <= len(s):
        sentence = f"{escape(s[:a])}<mark>{escape(s[a:b])}</mark>{escape(s[b:])}"
    else:
        sentence = escape(s)
    source = escape(source) + " \u00b7 " if source else ""
    return (f"<li>{source}{cite}"
            f"<blockquote>{sentence}</blockquote></li>")


__all__ = ["Entry", "story_components", "story_entries", "story_html"]
