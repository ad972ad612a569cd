"""Bytes to clean text: encoding detection, binary refusal, newline and invisible-character cleanup."""
from __future__ import annotations

import codecs
import re
import unicodedata

from timeline.ingest.errors import IngestError

# (magic bytes, what it is): common binary files people drop into a folder by mistake
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"), (b"RIFF", "a RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"), (b"\x7fELF", "a program"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# a well-formed multi-byte UTF-8 character (2, 3 or 4 bytes); in Windows-1252 text such pairs
# ("Ã©", "â€™") are almost never meant
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# zero-width characters, soft hyphen, BOMs inside the text, bidi marks
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# a terminal escape sequence whole (CSI "ESC [ 31 m", OSC "ESC ] 0;title BEL", two-character ones),
# not only its ESC: "[31m" left in the text is junk
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)?|[()*+][0-9A-Za-z]|[@-Z\\-_])")
_SURROGATES = re.compile("[\ud800-\udfff]")  # lone halves (from JSON "\\ud800"): no character
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u3000]")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANKS = re.compile(r"\n{3,}")


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Decode a file's bytes: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise UTF-8,
    then Windows-1252. Empty, binary or undecodable data raises IngestError."""
    if not data.strip():
        raise IngestError(path, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(path, f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"starts with a {encoding.upper()} byte-order mark "
                                        f"but is not valid {encoding.upper()} ({exc.reason})") from None
            return _checked(text, path)
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes; UTF-16 text needs a byte-order mark), not text")
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):  # UTF-8 with a few stray bytes: keep the UTF-8, mark the strays
        return _checked(data.decode("utf-8", errors="replace"), path)
    try:
        return _checked(data.decode("cp1252"), path)
    except UnicodeDecodeError:
        raise IngestError(path, "not text in UTF-8, UTF-16 or Windows-1252") from None


def _checked(text: str, path: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError(path, "empty file")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise IngestError(path, "binary file (many control characters), not text")
    return text


def display_name(path) -> str:
    """A file name as text that prints and stores: bytes that are not UTF-8 (a name from
    another system, held by Python as surrogate escapes) become U+FFFD; no name at all is
    "(no name)", so a refusal still says what it is about."""
    import os

    name = os.fsencode(path).decode("utf-8", "replace") if not isinstance(path, str) or \
        _SURROGATES.search(path) else path
    return name.strip() and name or "(no name)"


def clean_text(text: str) -> str:
    """The article text that offsets refer to: NFC, newlines as \\n, no zero-width or control
    characters nor terminal escape sequences, no lone surrogates, no trailing spaces, paragraph
    breaks kept (at most one blank line)."""
    text = _SURROGATES.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ESCAPE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()
