"""The Porter stemmer exactly as ROUGE-1.5.5 runs it (its Perl "Release 1", with the script's
2004 change to step 4), so that ROUGE counts match the field's.

It differs from later Porter implementations (Snowball, NLTK) on words such as "document"
("docum" here), "technology" ("technolog") and "congressional" ("congress"). Transcribed from
the tartarus.org Perl version embedded in ROUGE-1.5.5.pl; each step keeps the script's order.
"""
from __future__ import annotations

import re

_C = "[^aeiou]"
_V = "[aeiouy]"
_CS = f"{_C}[^aeiouy]*"        # consonant sequence
_VS = f"{_V}[aeiou]*"          # vowel sequence
_MGR0 = re.compile(f"^({_CS})?{_VS}{_CS}")                 # m > 0
_MEQ1 = re.compile(f"^({_CS})?{_VS}{_CS}({_VS})?$")        # m = 1
_MGR1 = re.compile(f"^({_CS})?{_VS}{_CS}{_VS}{_CS}")       # m > 1
_HAS_V = re.compile(f"^({_CS})?{_V}")                      # a vowel in the stem
_CVC = re.compile(f"^{_CS}{_V}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_RE2 = re.compile(f"({'|'.join(_STEP2)})$")
_RE3 = re.compile(f"({'|'.join(_STEP3)})$")
_RE4 = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def stem(word: str) -> str:
    """The stem of a lower-case ``word`` (returned as is when shorter than three letters)."""
    if len(word) < 3:
        return word
    w = word
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    # step 1a
    if m := re.search("(ss|i)es$", w):
        w = w[:m.start()] + m.group(1)
    elif m := re.search("([^s])s$", w):
        w = w[:m.start()] + m.group(1)
    # step 1b
    if m := re.search("eed$", w):
        if _MGR0.search(w[:m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        base = w[:m.start()]
        if _HAS_V.search(base):
            w = base
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    # step 1c
    if m := re.search("y$", w):
        base = w[:m.start()]
        if _HAS_V.search(base):
            w = base + "i"
    # step 2
    if m := _RE2.search(w):
        base = w[:m.start()]
        if _MGR0.search(base):
            w = base + _STEP2[m.group(1)]
    # step 3
    if m := _RE3.search(w):
        base = w[:m.start()]
        if _MGR0.search(base):
            w = base + _STEP3[m.group(1)]
    # step 4 (the script tries -ment and -ent after the other endings, not instead of them)
    if m := _RE4.search(w):
        base = w[:m.start()]
        if _MGR1.search(base):
            w = base
    if m := re.search("ment$", w):
        base = w[:m.start()]
        if _MGR1.search(base):
            w = base
    if m := re.search("ent$", w):
        base = w[:m.start()]
        if _MGR1.search(base):
            w = base
    elif m := re.search("(s|t)(ion)$", w):
        base = w[:m.start()] + m.group(1)
        if _MGR1.search(base):
            w = base
    # step 5
    if m := re.search("e$", w):
        base = w[:m.start()]
        if _MGR1.search(base) or (_MEQ1.search(base) and not _CVC.search(base)):
            w = base
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w
