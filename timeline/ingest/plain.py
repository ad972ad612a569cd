"""Plain text and Markdown: header lines, title, dateline, body."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from timeline.ingest.dates import find_dateline, parse_date_value

# "Key: value" lines accepted at the very top of a text file (and in Markdown front matter)
HEADER_KEYS = {
    "title": "title", "headline": "title", "published": "published", "date": "published",
    "publication date": "published", "publication_date": "published", "source": "source",
    "url": "url", "link": "url",
}
_HEADER = re.compile(r"^(?P<key>[A-Za-z _]{3,20})\s*:\s*(?P<value>.+)$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[(?P<label>[^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(?P<inner>[^*_\n]+?)(?<=\S)\1(?!\w)")
_MD_QUOTE = re.compile(r"^>\s?", re.MULTILINE)
_END_OF_SENTENCE = (".", ",", ";", ":", ".”", ".\"", ".’")
TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 25


@dataclass
class Parsed:
    body: str
    title: str = ""
    published: date | None = None
    fields: dict = field(default_factory=dict)  # header values: source, url, published (raw)


def parse_text(text: str, markdown: bool = False, reference: date | None = None) -> Parsed:
    """Split a cleaned text into header fields, title and body; find the dateline.

    ``reference`` helps a year-less dateline ("LONDON, March 17 (Reuters) -") find its year.
    """
    lines = text.split("\n")
    fields, lines = _front_matter(lines) if markdown else ({}, lines)
    more, lines = _header_lines(lines)
    fields.update(more)
    title = fields.pop("title", "")
    if not title:
        title, lines = _title(lines, markdown)
    body = "\n".join(lines).strip("\n")
    if markdown:
        body = _strip_markdown(body)
    published = parse_date_value(fields.get("published"))
    if published is None:
        found, drop = find_dateline(body, reference)
        if found:
            published = found
            kept = [line for i, line in enumerate(body.split("\n")) if i not in drop]
            body = "\n".join(kept).strip("\n")
    return Parsed(body=body.strip(), title=title.strip(), published=published, fields=fields)


def _front_matter(lines: list[str]) -> tuple[dict, list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 40)):
        if lines[end].strip() in ("---", "..."):
            fields, _ = _header_lines(lines[1:end], strict=False)
            return fields, lines[end + 1:]
    return {}, lines


def _header_lines(lines: list[str], strict: bool = True) -> tuple[dict, list[str]]:
    """Known "Key: value" lines at the top; stops at the first other line (strict)."""
    fields: dict = {}
    index = 0
    for index, line in enumerate(lines):
        match = _HEADER.match(line.strip())
        key = HEADER_KEYS.get(match.group("key").strip().lower()) if match else None
        if key is None:
            if strict and line.strip():
                break
            continue
        fields[key] = match.group("value").strip().strip("\"'")
    else:
        index = len(lines)
    return fields, lines[index:] if strict else []


def _title(lines: list[str], markdown: bool) -> tuple[str, list[str]]:
    """The first line when it reads as a title; the remaining lines."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 2:
        return "", lines
    first_index = nonblank[0]
    first = lines[first_index].strip()
    heading = _MD_HEADING.match(first)
    if heading and (markdown or first.startswith("# ")):
        return heading.group("text"), lines[first_index + 1:]
    if not _looks_like_title(first):
        return "", lines
    following = lines[first_index + 1] if first_index + 1 < len(lines) else ""
    if not following.strip():  # a short line on its own, then a blank line
        return first, lines[first_index + 1:]
    nxt = following.strip()
    found, _ = find_dateline(nxt)
    if found or len(nxt) > len(first) or nxt.endswith((".", "!", "?", ".”", "”", "\"")):
        return first, lines[first_index + 1:]  # the next line is clearly body
    return "", lines


def _looks_like_title(line: str) -> bool:
    if len(line) > TITLE_MAX_CHARS or len(line.split()) > TITLE_MAX_WORDS:
        return False
    if line.endswith(_END_OF_SENTENCE):
        return False
    found, _ = find_dateline(line)
    return found is None and _HEADER.match(line) is None


def _strip_markdown(body: str) -> str:
    """Headings, links, emphasis and quote marks out; the words stay."""
    lines = []
    for line in body.split("\n"):
        heading = _MD_HEADING.match(line.strip())
        lines.append(heading.group("text") if heading else line)
    body = "\n".join(lines)
    body = _MD_LINK.sub(lambda m: m.group("label"), body)
    body = _MD_EMPHASIS.sub(lambda m: m.group("inner"), body)
    return _MD_QUOTE.sub("", body)
