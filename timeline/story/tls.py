"""Timeline summarisation evaluation on Timeline17-style folders (the news-tls protocol).

A topic folder holds ``articles.csv`` (columns ``date,text``: publication date and the
article, Penn-Treebank tokenised, one sentence a line) and ``timelines/*.txt`` (tilse's
format: a ``YYYY-MM-DD`` line, that date's sentences one a line, a line of dashes).

For each gold timeline a system is given the number of its dates and the average number of
sentences per date (rounded), and only the articles published within the timeline's first and
last date; predicted dates outside that range are dropped. Scores (tilse / news-tls):

- date precision/recall: the overlap of the predicted and the gold day sets;
- alignment ROUGE-1/-2 ("align+ m:1", Martschat and Markert 2017): each predicted date is
  matched to the gold date of least cost (for recall, each gold date to a predicted one), the
  cost being ``(1 - 1/(days apart + 1)) * (1 - approximate ROUGE-1 F1)``; a matched pair's
  ROUGE hits are weighted by ``1/(days apart + 1)``; counts are summed over the timeline;
- over several timelines precision and recall are averaged first, then combined into F1.

Pure: no spaCy, no store. ``timeline.cli.story`` runs the system and prints the scores.
"""
from __future__ import annotations

import csv
import re
import string
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping

from timeline.story.rouge import Counts, counts_of, ngrams, tokens

Timeline = Mapping[date, list[str]]   # date -> that day's sentences


class TlsError(ValueError):
    """A folder or file that is not in the Timeline17 format; the message names it and why."""


@dataclass(frozen=True)
class Topic:
    name: str
    path: Path
    articles: list[tuple[date, str]]          # (published, PTB-tokenised text)
    timelines: dict[str, dict[date, list[str]]]


# -- reading ------------------------------------------------------------------------------

def read_timeline(path: Path) -> dict[date, list[str]]:
    """A tilse timeline file: date line, sentences, a line of dashes; repeated dates merge."""
    out: dict[date, list[str]] = {}
    current: date | None = None
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if set(line) == {"-"}:
            current = None
            continue
        if current is None:
            try:
                current = date.fromisoformat(line[:10])
            except ValueError:
                raise TlsError(f"{path}:{number}: expected a YYYY-MM-DD date line, got {line[:40]!r}") from None
            out.setdefault(current, [])
            continue
        out[current].append(line)
    if not out:
        raise TlsError(f"{path}: no dated entries")
    return out


def read_articles(path: Path) -> list[tuple[date, str]]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"date", "text"} <= set(reader.fieldnames):
            raise TlsError(f"{path}: needs the columns date,text (has {reader.fieldnames})")
        for number, row in enumerate(reader, 2):
            try:
                published = date.fromisoformat((row["date"] or "").strip()[:10])
            except ValueError:
                raise TlsError(f"{path}:{number}: date {row['date']!r} is not YYYY-MM-DD") from None
            rows.append((published, row["text"] or ""))
    return rows


def read_topic(path: Path) -> Topic:
    path = Path(path)
    articles_csv, folder = path / "articles.csv", path / "timelines"
    if not articles_csv.is_file():
        raise TlsError(f"{path}: no articles.csv")
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        raise TlsError(f"{path}: no timelines/*.txt")
    return Topic(path.name, path, read_articles(articles_csv),
                 {f.stem: read_timeline(f) for f in files})


def find_topics(path: Path) -> list[Path]:
    """``path`` itself when it is a topic folder, else its sub-folders that are."""
    path = Path(path)
    if (path / "articles.csv").is_file():
        return [path]
    topics = sorted(p for p in path.iterdir() if (p / "articles.csv").is_file()) if path.is_dir() else []
    if not topics:
        raise TlsError(f"{path}: neither a topic folder (articles.csv, timelines/) nor a folder of them")
    return topics


_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"),
        ("-RCB-", "}"), ("``", '"'), ("''", '"'), ("\\/", "/"), ("\\*", "*"))
_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_QUOTES = re.compile(r'" ([^"\n]*?) "')


def detokenise(text: str) -> str:
    """Penn-Treebank tokens back to plain text, line by line ("Egypt 's" -> "Egypt's")."""
    for token, plain in _PTB:
        text = text.replace(token, plain)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return _QUOTES.sub(r'"\1"', text)


_TOKEN = re.compile(r"'(?:s|re|ve|ll|d|m)\b|\w+(?:[.\-]\w+)*|\S", re.IGNORECASE)


def ptb_tokenise(sentence: str) -> str:
    """A plain sentence split into tokens the way the gold timelines are ("Egypt's" -> "Egypt 's")."""
    words = []
    for word in sentence.split():
        if word.lower().endswith("n't") and len(word) > 3:
            words += [word[:-3], word[-3:]]
            continue
        words += _TOKEN.findall(word)
    return " ".join(words)


# -- the task each timeline sets ------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    start: date
    end: date
    dates: int       # how many dates to predict
    sentences: int   # sentences per date (the gold average, rounded)


def task_of(timeline: Mapping[date, list[str]]) -> Task:
    days = sorted(timeline)
    per_day = sum(len(timeline[d]) for d in days) / len(days)
    return Task(days[0], days[-1], len(days), max(1, round(per_day)))


# -- scores ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PRF:
    precision: float = 0.0
    recall: float = 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Score:
    dates: PRF
    rouge1: PRF
    rouge2: PRF

    def to_json(self) -> dict:
        return {"date": self.dates.to_json(), "rouge1": self.rouge1.to_json(),
                "rouge2": self.rouge2.to_json()}


def date_prf(predicted: Iterable[date], gold: Iterable[date]) -> PRF:
    pred, ref = set(predicted), set(gold)
    if not pred or not ref:
        return PRF()
    shared = len(pred & ref)
    return PRF(shared / len(pred), shared / len(ref))


def _approx_rouge1(summary: list[str], reference: list[str]) -> float:
    """tilse's content cost: unigram F1 on whitespace tokens, punctuation tokens left out."""
    def bag(sentences):
        return Counter(k for s in sentences for k in s.split() if k not in string.punctuation)

    pred, ref = bag(summary), bag(reference)
    match = sum(min(c, ref[t]) for t, c in pred.items())
    p = match / sum(pred.values()) if pred else 0.0
    r = match / sum(ref.values()) if ref else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _nearest(sources: list[date], targets: list[date], cost) -> list[int]:
    """For each source, the index of the target of least cost (the first on a tie, as numpy's argmin)."""
    out = []
    for s in sources:
        best, best_cost = 0, None
        for j, t in enumerate(targets):
            c = cost(s, t)
            if best_cost is None or c < best_cost:
                best, best_cost = j, c
        out.append(best)
    return out


def alignment_rouge(predicted: Timeline, gold: Timeline) -> tuple[PRF, PRF]:
    """Alignment ROUGE-1 and ROUGE-2 (align+ m:1) of one predicted timeline against one gold one."""
    pred_days, gold_days = sorted(d for d in predicted if predicted[d]), sorted(gold)
    if not pred_days or not gold_days:
        return PRF(), PRF()
    approx: dict[tuple[date, date], float] = {}

    def content(p: date, g: date) -> float:
        key = (p, g)
        if key not in approx:
            approx[key] = _approx_rouge1(predicted[p], gold[g])
        return approx[key]

    def cost(p: date, g: date) -> float:
        return (1 - 1 / (abs((p - g).days) + 1)) * (1 - content(p, g))

    grams = {n: ({d: ngrams(tokens(predicted[d]), n) for d in pred_days},
                 {d: ngrams(tokens(gold[d]), n) for d in gold_days}) for n in (1, 2)}
    results = []
    for n in (1, 2):
        pred_grams, gold_grams = grams[n]
        p_num = p_den = r_num = r_den = 0.0
        for p, j in zip(pred_days, _nearest(pred_days, gold_days, cost)):
            g = gold_days[j]
            c: Counts = counts_of(pred_grams[p], gold_grams[g])
            p_num += c.hits / (abs((p - g).days) + 1)
            p_den += c.predicted
        for g, i in zip(gold_days, _nearest(gold_days, pred_days, lambda g, p: cost(p, g))):
            p = pred_days[i]
            c = counts_of(pred_grams[p], gold_grams[g])
            r_num += c.hits / (abs((p - g).days) + 1)
            r_den += c.reference
        results.append(PRF(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0))
    return results[0], results[1]


def score_timeline(predicted: Timeline, gold: Timeline) -> Score:
    """Date and alignment ROUGE scores of ``predicted`` (dates outside the gold range dropped)."""
    task = task_of(gold)
    kept = {d: list(s) for d, s in predicted.items() if task.start <= d <= task.end and s}
    r1, r2 = alignment_rouge(kept, gold)
    return Score(date_prf(kept, gold), r1, r2)


def average(scores: list[Score]) -> Score:
    """Precision and recall averaged over timelines, then combined (news-tls)."""
    if not scores:
        return Score(PRF(), PRF(), PRF())

    def mean(attr):
        prfs = [getattr(s, attr) for s in scores]
        return PRF(sum(p.precision for p in prfs) / len(prfs), sum(p.recall for p in prfs) / len(prfs))

    return Score(mean("dates"), mean("rouge1"), mean("rouge2"))


@dataclass
class Report:
    """Scores per (topic, timeline) and their average."""

    rows: list[tuple[str, str, Score]] = field(default_factory=list)

    def add(self, topic: str, name: str, score: Score) -> None:
        self.rows.append((topic, name, score))

    @property
    def mean(self) -> Score:
        return average([s for _, _, s in self.rows])

    def table(self) -> str:
        lines = [f"{'topic':<10} {'timeline':<42} {'date-F1':>8} {'AR1-F1':>8} {'AR2-F1':>8}"]
        for topic, name, s in self.rows + [("all", f"mean of {len(self.rows)}", self.mean)]:
            lines.append(f"{topic:<10} {name[:42]:<42} {s.dates.f1:>8.3f} {s.rouge1.f1:>8.3f} "
                         f"{s.rouge2.f1:>8.3f}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"timelines": [{"topic": t, "timeline": n, **s.to_json()} for t, n, s in self.rows],
                "mean": self.mean.to_json()}
