"""training/names.py and the word lists it wrote into timeline/nlp/resources/."""
import importlib.util
from pathlib import Path

import pytest

from timeline.nlp.ruler import CALENDAR_WORDS, common_words, given_names, strong_entries

SPEC = importlib.util.spec_from_file_location(
    "training_names", Path(__file__).resolve().parents[2] / "training" / "names.py")
names = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(names)


@pytest.mark.parametrize("cyrillic,table,russian,latin", [
    ("Володимир", names.UKRAINIAN, False, ["Volodymyr"]),
    ("Олександр", names.UKRAINIAN, False, ["Oleksandr"]),
    ("Андрій", names.UKRAINIAN, False, ["Andriy"]),
    ("Дмитрий", names.RUSSIAN, True, ["Dmitry"]),
    ("Евгений", names.RUSSIAN, True, ["Yevgeny"]),
    ("Сергей", names.RUSSIAN, True, ["Sergey", "Sergei"]),
    ("Ivan", names.RUSSIAN, True, []),  # not Cyrillic: nothing
])
def test_cyrillic_names_as_english_news_spells_them(cyrillic, table, russian, latin):
    assert names.romanise(cyrillic, table, russian) == latin


def test_the_shipped_lists_keep_their_exclusions():
    given, common = given_names(), common_words()
    assert {"Friedrich", "Giorgia", "Volodymyr", "Keir", "Vladimir"} <= given
    assert {"army", "road", "green"} <= common and "merz" not in common
    assert not given & CALENDAR_WORDS
    assert not given & strong_entries()  # "Jordan", "Georgia" are places first
    generated = (names.RESOURCES / "given_names.txt").read_text(encoding="utf-8").splitlines()
    assert not {name for name in generated if name.lower() in common}  # no "Will", "Hope", "Price"
