import pytest

from timeline.ingest import IngestError
from timeline.ingest.decode import clean_text, decode

TEXT = "Café talks resume – “soon”, officials said."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    TEXT.encode("utf-8-sig"),
    TEXT.encode("utf-16"),  # with its BOM (little-endian here)
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-32"),
    TEXT.encode("cp1252"),
])
def test_encodings(data):
    assert decode(data, "a.txt") == TEXT


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\r\n\t ", "empty file"),
    ("\ufeff".encode("utf-8-sig") + b"\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"text\x00with\x00nul", "NUL bytes"),
    (b"abc \x81\x8d\x8f\x90\x9d", "not text"),
    (bytes(range(1, 32)) * 10, "control characters"),
])
def test_refusals_name_the_file_and_reason(data, reason):
    with pytest.raises(IngestError) as info:
        decode(data, "dir/bad.txt")
    assert info.value.path == "dir/bad.txt"
    assert reason in info.value.reason
    assert str(info.value).startswith("dir/bad.txt: ")


def test_clean_text_keeps_paragraphs_and_drops_invisible_characters():
    raw = "Line\u200b one\r\nline two  \r\rPara\u00a0two\u2028next\n\n\n\n\nPara three\x07\ufeff"
    assert clean_text(raw) == "Line one\nline two\n\nPara two\nnext\n\nPara three"


def test_clean_text_drops_terminal_escape_sequences_whole():
    raw = "Held\x1b[1;31m on 3 March\x1b[0m 2025.\x1b]0;owned\x07 Talks\x1b[2J end\x1b(B."
    assert clean_text(raw) == "Held on 3 March 2025. Talks end."


def test_clean_text_composes_unicode():
    assert clean_text("Cafe\u0301") == "Café"


def test_mostly_utf8_with_a_stray_byte_stays_utf8():
    data = "Minister’s “plan” – ".encode("utf-8") + b"caf\xe9"
    assert decode(data, "a.txt") == "Minister’s “plan” – caf\ufffd"


def test_utf16_without_bom_is_refused_with_a_hint():
    with pytest.raises(IngestError, match="byte-order mark"):
        decode("Plain text".encode("utf-16-le"), "a.txt")
