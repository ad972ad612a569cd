"""HTML pages: main text with trafilatura, publication date with htmldate.

trafilatura drops navigation, footers, scripts and markup and gives the article's text, title
and site name; htmldate reads the publication date from meta tags, JSON-LD, <time> elements
and the URL. Both only parse (lxml): nothing in the page is executed and no markup is kept.
htmldate runs with ``extensive_search=False`` (no guessing from stray dates in the page) and
with explicit bounds, so its default upper bound (today, from the clock) plays no part.
The date is the one written in the page's own time zone.
"""
from __future__ import annotations

import logging
import re
from datetime import date

from timeline.ingest.dates import parse_date_value

DATE_OPTIONS = {
    "extensive_search": False, "original_date": True,
    "min_date": "1900-01-01", "max_date": "2999-12-31",
}
# a newline after block ends: the page renders the same, and on very short pages (where
# trafilatura falls back to plain text) "<h1>Head</h1><p>Body" no longer becomes "HeadBody"
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|div|li|blockquote|section|article|header|footer|figcaption|tr|pre)\s*>"
                        r"|<br\s*/?>)", re.IGNORECASE)
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


MAX_ATTRIBUTES = 256  # on one element (lxml and trafilatura are quadratic in them: 50,000 took 52 s)
_TAG = re.compile(r"<[^<>]*>")


def markup_problem(html: str, max_tags: int) -> str | None:
    """Why ``html`` is too much markup to parse in bounded time, or None: more than ``max_tags``
    tags or attributes in all, or more than MAX_ATTRIBUTES attributes on one element."""
    tags = html.count("<")
    if tags > max_tags:
        return f"too much markup ({tags:,} tags; the limit is {max_tags:,})"
    attributes = 0
    for tag in _TAG.finditer(html):
        count = tag.group().count("=")
        if count > MAX_ATTRIBUTES:
            return f"an element with {count:,} attributes (the limit is {MAX_ATTRIBUTES})"
        attributes += count
    if attributes > max_tags:
        return f"too much markup ({attributes:,} attributes; the limit is {max_tags:,})"
    return None


def parse_html(html: str) -> tuple[str, dict]:
    """(main text, metadata) of a page. Metadata keys: title, source, url, published (a date
    or None). The text is empty when the page has no readable article. Check the page with
    ``markup_problem`` first."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(
        _BLOCK_END.sub(r"\1\n", html), output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, with_metadata=False,
        date_extraction_params=DATE_OPTIONS,
    ) or ""
    meta = trafilatura.extract_metadata(html, date_config=DATE_OPTIONS, extensive=False)
    title = (meta.title if meta else "") or ""
    found = find_date(html, **DATE_OPTIONS)
    published: date | None = parse_date_value(found) if found else None
    if title and text.startswith(title + "\n"):  # the <h1> repeated at the top of the text
        text = text[len(title) + 1:]
    return text, {
        "title": title,
        "source": (meta.sitename if meta else "") or "",
        "url": (meta.url if meta else "") or "",
        "published": published,
    }


# a record's text that carries markup (feeds often put HTML in their "text" field)
LOOKS_LIKE_HTML = re.compile(r"</?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|script|style|img)\b[^<>]*>",
                             re.IGNORECASE)
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "svg", "head")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def fragment_text(html: str) -> str:
    """The words of an HTML fragment: scripts and styles dropped, paragraphs on their own
    lines, entities decoded, no markup kept. Give it cleaned text (``clean_text``): lxml
    refuses control characters."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except AssertionError as exc:  # lxml's own check: "too many bodies" ('<p></body><body>')
        raise ValueError(str(exc)[:80]) from None
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    return root.text_content()
