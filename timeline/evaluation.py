"""TimeML reader and TempEval-3 scorer for time expressions.

``read_corpus`` reads ``.tml`` files into :class:`GoldDoc` (the plain text of ``<TEXT>``,
its gold TIMEX3 spans as Python str offsets into that text, and the DCT). ``score``
compares predictions with the gold spans using the TempEval-3 definitions
(UzZaman et al., SemEval-2013 Task 1):

* strict match: the same span; relaxed match: the spans overlap;
* P = matches / predicted, R = matches / gold, F1 = 2PR / (P + R), micro-averaged;
* attribute F1 (type, value) = (share of relaxed matches whose attribute is right)
  x relaxed F1.

Gold and predicted spans are paired one to one (identical spans first, then the largest
overlaps), so one long prediction never counts as two matches.

Pure functions; the tagger (``tag_time``) imports no spaCy.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.model import TimeExpression
from timeline.temporal import tag_time

Tagger = Callable[[str, date], list[TimeExpression]]
ERROR_KINDS = ("missed", "spurious", "span", "type", "value")


class TimeMLError(ValueError):
    """A .tml file that cannot be read; the message names the file and the reason."""


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    dct: date
    timexes: list[TimeExpression]
    subset: str = ""  # first folder under the corpus root ("TimeBank", "AQUAINT"), "" at the root
    path: str = ""


# ---------------------------------------------------------------------------- reading


def parse_timeml(data: str | bytes, doc_id: str = "", subset: str = "", path: str = "") -> GoldDoc:
    """One TimeML document -> GoldDoc. Raises TimeMLError on malformed input."""
    name = path or doc_id or "<timeml>"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name}: not well-formed XML ({exc})") from None
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise TimeMLError(f"{name}: no <TEXT> element")
    dct = _read_dct(root, name)
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _walk(text_el, parts, spans, offset=0)
    text = "".join(parts)
    timexes = [
        TimeExpression(start=s, end=e, text=text[s:e], type=el.get("type", ""),
                       value=el.get("value", ""), mod=el.get("mod", ""))
        for s, e, el in sorted(spans, key=lambda x: (x[0], x[1]))
    ]
    return GoldDoc(doc_id=doc_id or name, text=text, dct=dct, timexes=timexes, subset=subset, path=path)


def _read_dct(root: ET.Element, name: str) -> date:
    timex = root.find("./DCT/TIMEX3")
    if timex is None:  # some corpora mark the creation time inside the text instead
        timex = next((t for t in root.iter("TIMEX3")
                      if t.get("functionInDocument") == "CREATION_TIME"), None)
    if timex is None:
        raise TimeMLError(f"{name}: no document creation time (<DCT><TIMEX3 value=...>)")
    value = timex.get("value", "")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise TimeMLError(f"{name}: DCT value {value!r} is not a YYYY-MM-DD date") from None


def _walk(element: ET.Element, parts: list[str], spans: list, offset: int) -> int:
    """Append the text under ``element`` to ``parts`` and the (start, end, element) of every
    TIMEX3 below it (at any depth) to ``spans``; return the offset after it."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _walk(child, parts, spans, offset)
        if child.tag == "TIMEX3":
            spans.append((start, offset, child))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: str | Path, root: str | Path | None = None) -> GoldDoc:
    """Read one .tml file; ``root`` (the corpus folder) gives the doc id and subset."""
    path = Path(path)
    rel = path.relative_to(root) if root is not None else Path(path.name)
    doc_id = rel.with_suffix("").as_posix()
    subset = rel.parts[0] if len(rel.parts) > 1 else ""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TimeMLError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_timeml(data, doc_id=doc_id, subset=subset, path=str(path))


def find_tml(directory: str | Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*.tml") if p.is_file())


def read_corpus(directory: str | Path) -> tuple[list[GoldDoc], list[str]]:
    """All .tml files under ``directory`` (recursively) -> (documents, problems).

    A file that cannot be read is skipped; its problem (naming the file) is returned.
    """
    docs, problems = [], []
    for path in find_tml(directory):
        try:
            docs.append(read_timeml(path, root=directory))
        except TimeMLError as exc:
            problems.append(str(exc))
    return docs, problems


# ---------------------------------------------------------------------------- tagging


def default_tagger() -> Tagger:
    return tag_time


def tag_corpus(
    docs: Iterable[GoldDoc], tagger: Tagger | None = None,
    on_error: Callable[[GoldDoc, Exception], None] | None = None,
) -> dict[str, list[TimeExpression]]:
    """Tag each document's text with its DCT as the reference date.

    If the tagger fails on a document and ``on_error`` is given, it is told and the
    document counts as having no predictions; otherwise the exception propagates.
    """
    tagger = tagger or default_tagger()
    out: dict[str, list[TimeExpression]] = {}
    for doc in docs:
        try:
            out[doc.doc_id] = list(tagger(doc.text, doc.dct))
        except Exception as exc:  # noqa: BLE001 - reported to the caller, never hidden
            if on_error is None:
                raise
            on_error(doc, exc)
            out[doc.doc_id] = []
    return out


# ---------------------------------------------------------------------------- scoring


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Counts:
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0   # pairs with the same span
    relaxed: int = 0  # pairs that overlap (includes the strict ones)
    type_ok: int = 0  # relaxed pairs with the same type
    value_ok: int = 0  # relaxed pairs with the same value

    def add(self, other: "Counts") -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def _pr(self, matched: int) -> tuple[float, float]:
        return (matched / self.predicted if self.predicted else 0.0,
                matched / self.gold if self.gold else 0.0)

    @property
    def strict_p(self) -> float:
        return self._pr(self.strict)[0]

    @property
    def strict_r(self) -> float:
        return self._pr(self.strict)[1]

    @property
    def strict_f1(self) -> float:
        return _f1(*self._pr(self.strict))

    @property
    def relaxed_p(self) -> float:
        return self._pr(self.relaxed)[0]

    @property
    def relaxed_r(self) -> float:
        return self._pr(self.relaxed)[1]

    @property
    def relaxed_f1(self) -> float:
        return _f1(*self._pr(self.relaxed))

    @property
    def type_f1(self) -> float:
        return self.type_ok / self.relaxed * self.relaxed_f1 if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.value_ok / self.relaxed * self.relaxed_f1 if self.relaxed else 0.0

    def to_json(self) -> dict:
        out = {name: getattr(self, name) for name in self.__slots__}
        for name in ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r",
                     "relaxed_f1", "type_f1", "value_f1"):
            out[name] = round(getattr(self, name), 4)
        return out


@dataclass(slots=True)
class ScoreError:
    kind: str  # one of ERROR_KINDS
    doc_id: str
    gold: TimeExpression | None
    predicted: TimeExpression | None
    context: str

    def describe(self) -> str:
        def show(t: TimeExpression | None) -> str:
            return f"{t.text!r} {t.type} {t.value}" if t else "-"
        return f"{self.doc_id}: gold {show(self.gold)} | predicted {show(self.predicted)} | {self.context}"


@dataclass(slots=True)
class Evaluation:
    total: Counts
    by_subset: dict[str, Counts] = field(default_factory=dict)
    errors: list[ScoreError] = field(default_factory=list)

    def errors_of(self, kind: str) -> list[ScoreError]:
        return [e for e in self.errors if e.kind == kind]


def _overlap(a: TimeExpression, b: TimeExpression) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match(gold: Sequence[TimeExpression], predicted: Sequence[TimeExpression]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): same spans first, then largest overlap."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    by_span: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(predicted):
        by_span.setdefault((p.start, p.end), []).append(j)
    for i, g in enumerate(gold):
        same = by_span.get((g.start, g.end))
        if same:
            j = same.pop(0)
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    candidates = sorted(
        ((-_overlap(g, p), g.start, p.start, i, j)
         for i, g in enumerate(gold) if i not in used_g
         for j, p in enumerate(predicted) if j not in used_p and _overlap(g, p) > 0),
    )
    for _, _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def context_of(text: str, start: int, end: int, width: int = 40) -> str:
    """The span in brackets with ``width`` characters on each side, on one line."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def score_doc(doc: GoldDoc, predicted: Sequence[TimeExpression]) -> tuple[Counts, list[ScoreError]]:
    gold = doc.timexes
    pairs = match(gold, predicted)
    counts = Counts(docs=1, gold=len(gold), predicted=len(predicted), relaxed=len(pairs))
    errors: list[ScoreError] = []

    def err(kind: str, g: TimeExpression | None, p: TimeExpression | None) -> None:
        span = g or p
        errors.append(ScoreError(kind, doc.doc_id, g, p, context_of(doc.text, span.start, span.end)))

    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if (g.start, g.end) == (p.start, p.end):
            counts.strict += 1
        else:
            err("span", g, p)
        if g.type.strip() == p.type.strip():
            counts.type_ok += 1
        else:
            err("type", g, p)
        if g.value.strip() == p.value.strip():
            counts.value_ok += 1
        else:
            err("value", g, p)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i, g in enumerate(gold):
        if i not in matched_g:
            err("missed", g, None)
    for j, p in enumerate(predicted):
        if j not in matched_p:
            err("spurious", None, p)
    return counts, errors


def score(
    gold_docs: Sequence[GoldDoc],
    predicted: Mapping[str, Sequence[TimeExpression]] | Tagger | None = None,
) -> Evaluation:
    """Micro-averaged TempEval-3 scores of ``predicted`` (doc_id -> expressions, or a tagger
    called with each document's text and DCT; None = timeline.temporal.tag_time)."""
    if predicted is None or callable(predicted):
        predicted = tag_corpus(gold_docs, predicted)
    result = Evaluation(total=Counts())
    for doc in gold_docs:
        counts, errors = score_doc(doc, sorted(predicted.get(doc.doc_id, ()), key=lambda t: (t.start, t.end)))
        result.total.add(counts)
        result.by_subset.setdefault(doc.subset, Counts()).add(counts)
        result.errors.extend(errors)
    return result


__all__ = [
    "Counts", "ERROR_KINDS", "Evaluation", "GoldDoc", "ScoreError", "TimeMLError",
    "context_of", "find_tml", "match", "parse_timeml", "read_corpus", "read_timeml",
    "score", "score_doc", "tag_corpus",
]
