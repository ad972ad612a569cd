"""Generate the name word lists of timeline/nlp/resources/ used by the person-name rule.

    python training/names.py        # needs faker and spacy-lookups-data (pip install -e ".[training]")

- ``common_words.txt``: English words that are more often written in lower case than
  capitalised, among the 50,000 most frequent entries of spaCy's word-probability table
  (spacy-lookups-data, ``en_lexeme_prob``; MIT): "army", "road", "green". A capitalised word
  that is one of them is no surname ("Mahdi Army", "Sullivan Road").
- ``given_names.txt``: the first names of every Faker locale written in Latin letters (one
  capitalised word of three letters or more; Faker is MIT), minus words that are something
  else when capitalised: common words ("Will", "Hope", "Price"), places and organisations
  listed as strong names ("Jordan", "Georgia"; not a city such as "Vladimir"), months and
  weekdays ("May"), titles ("King") and the words of not_first_names.txt.

The rule itself is ``_named_people`` in timeline/nlp/ruler.py.
"""
from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
import re
import sys
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "timeline" / "nlp" / "resources"
NAME = re.compile(r"[A-Z][a-z]{2,}")
FIRST_NAME_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
                    "first_romanized_names_male", "first_romanized_names_female")  # Japanese in Latin letters
# Cyrillic first names as English news spells them: Ukrainian by the national system
# ("Volodymyr", "Oleksandr"), Russian with the usual press forms ("Dmitry", "Yevgeny", "Sergei").
UKRAINIAN = dict(zip("абвгґдежзиіїйклмнопрстуфхцчшщьюяє'’",
                     "a b v h g d e zh z y i yi y k l m n o p r s t u f kh ts ch sh shch - yu ya ye - -".split(),
                     strict=True))
RUSSIAN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(), strict=True))
CYRILLIC = {"uk_UA": UKRAINIAN, "ru_RU": RUSSIAN}
TOP_WORDS = 50_000


def common_words() -> set[str]:
    probs = json.loads(gzip.decompress((files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz").read_bytes()))
    top = sorted(probs.items(), key=lambda item: -item[1])[:TOP_WORDS]
    return {word for word, logprob in top
            if word.isalpha() and word.islower() and logprob > probs.get(word.title(), float("-inf"))}


def romanise(name: str, table: dict[str, str], russian: bool) -> list[str]:
    """Latin spellings of a Cyrillic name (several for Russian "-ей": "Sergey", "Sergei")."""
    word = name.lower()
    if russian and word.endswith("ий"):
        word = word[:-2] + "ы"  # "Дмитрий" -> "Dmitry"
    out = ""
    for k, ch in enumerate(word):
        latin = table.get(ch)
        if latin is None:
            return []
        if ch in "еє" and (k == 0 or word[k - 1] in "аеёиоуыэюяіїєьъ"):
            latin = "ye"  # "Евгений" -> "Yevgeny"
        out += "" if latin == "-" else latin
    forms = [out.title()]
    if russian and out.endswith("ey"):
        forms.append(out[:-1].title() + "i")  # "Sergei", "Alexei"'s spelling
    return forms


def faker_first_names() -> set[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in FIRST_NAME_LISTS:
            found = vars(provider).get(attr)  # the locale's own list, not one it inherits
            if not isinstance(found, (list, tuple, set, dict)):
                continue
            found = [name for name in found if isinstance(name, str)]
            if module.name in CYRILLIC:
                table, russian = CYRILLIC[module.name], module.name == "ru_RU"
                found = [form for name in found for form in romanise(name, table, russian)]
            names |= {name for name in found if NAME.fullmatch(name)}
    return names


def not_names() -> set[str]:
    sys.path.insert(0, str(ROOT))
    from timeline.nlp.ruler import CALENDAR_WORDS, _title_words, strong_entries

    others = (RESOURCES / "not_first_names.txt").read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in others if line.strip() and not line.startswith("#")}
    return set(strong_entries()) | CALENDAR_WORDS | set(_title_words()) | words  # not "Vladimir" the city


def write(name: str, header: list[str], words: list[str]) -> None:
    (RESOURCES / name).write_text("\n".join([f"# {line}" for line in header] + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {RESOURCES / name}")


def main() -> None:
    common = common_words()
    given = {name for name in faker_first_names() - not_names() if name.lower() not in common}
    write("common_words.txt", ["Generated by training/names.py from spacy-lookups-data (MIT); do not edit.",
                               "English words more often in lower case than capitalised."], sorted(common))
    write("given_names.txt", ["Generated by training/names.py from Faker's person data (MIT,",
                              "https://github.com/joke2k/faker); do not edit. One given name per line."], sorted(given))


if __name__ == "__main__":
    main()
