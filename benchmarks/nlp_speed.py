"""Words per second of the English pipeline: whole Doc vs sentence by sentence, on UD and news.

    python benchmarks/nlp_speed.py [TEXT_FILE ...] [--repeat N] [--corpus ud news]

Corpora: "ud" is the UD English-EWT dev/test text, "news" the Wikinews articles
(../shared/data/wikinews/articles.jsonl, dated by their publication date); files given on the
command line replace both. Single process, one thread. One line per configuration and corpus;
for the sentence-wise pipelines, the share of sentences and words the statistical model saw.

Configurations:
  statistical model only         load_base() on the whole Doc
  model + entity rules           the same + timeline_honorifics + timeline_gazetteer
  whole-Doc full pipeline        the same + temporal: what load() was before timeline_sentences
  sentence-wise, all sentences   load(mode="all")
  sentence-wise, timex (default) load(): the model only on sentences with a time expression
  rules only                     load_rules(): blank + sentencizer + temporal
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core: the model's products go through numpy's BLAS
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
UD = ROOT.parent / "shared" / "data" / "ud-english-ewt"
NEWS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"
UD_DATE = date(2015, 1, 1)  # the UD texts carry no date; any fixed reference will do


def ud_texts(folder: Path = UD) -> list[tuple[str, date]]:
    texts, current = [], []
    for name in ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc") and current:
                texts.append(" ".join(current))
                current = []
            elif line.startswith("# text = "):
                current.append(line[9:])
    if current:
        texts.append(" ".join(current))
    return [(t, UD_DATE) for t in texts]


def news_texts(path: Path = NEWS) -> list[tuple[str, date]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append((item["text"], date.fromisoformat(item["published"][:10])))
    return out


def _docs(nlp, texts):
    from timeline.temporal import component  # noqa: F401  (Doc._.dct)

    for text, published in texts:
        doc = nlp.make_doc(text)
        doc._.dct = published
        yield doc


def measure(nlp, texts: list[tuple[str, date]], repeat: int) -> tuple[int, float]:
    list(nlp.pipe(_docs(nlp, texts[:20])))  # warm up
    analyser = nlp.get_pipe("timeline_sentences") if "timeline_sentences" in nlp.pipe_names else None
    if analyser is not None:
        analyser.stats = dict.fromkeys(analyser.stats, 0)
    words, start = 0, time.perf_counter()
    for _ in range(repeat):
        for doc in nlp.pipe(_docs(nlp, texts), batch_size=64):
            words += sum(1 for t in doc if not t.is_space)
    return words, time.perf_counter() - start


def share(nlp) -> str:
    if "timeline_sentences" not in nlp.pipe_names:
        return ""
    s = nlp.get_pipe("timeline_sentences").stats
    return (f"  model on {s['analysed']}/{s['sentences']} sentences "
            f"({s['analysed'] / max(1, s['sentences']):.0%}), "
            f"{s['analysed_words'] / max(1, s['words']):.0%} of tokens")


def configurations():
    from timeline.nlp import load, load_base, load_rules
    from timeline.nlp.loader import _add_temporal
    from timeline.nlp.ruler import add_entity_rules

    return [
        ("statistical model only", load_base()),
        ("model + entity rules", add_entity_rules(load_base())),
        ("whole-Doc full pipeline (before)", _add_temporal(add_entity_rules(load_base()))),
        ("sentence-wise, all sentences", load(mode="all")),
        ("sentence-wise, timex (load() default)", load(mode="timex")),
        ("rules only (blank + sentencizer + temporal)", load_rules()),
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corpus", nargs="+", choices=("ud", "news"), default=["ud", "news"])
    args = parser.parse_args(argv)
    if args.files:
        corpora = {"files": [(p.read_text(encoding="utf-8"), UD_DATE) for p in args.files]}
    else:
        loaders = {"ud": (UD, ud_texts), "news": (NEWS, news_texts)}
        corpora = {}
        for name in args.corpus:
            path, read = loaders[name]
            if path.exists():
                corpora[name] = read(path)
            else:
                print(f"{name}: {path} not found, skipped")
    configs = configurations()
    for corpus, texts in corpora.items():
        print(f"\n{corpus}: {len(texts)} texts")
        for label, nlp in configs:
            words, seconds = measure(nlp, texts, args.repeat)
            print(f"  {label:45s} {words:8d} words {seconds:7.2f} s {words / seconds:9,.0f} words/s"
                  f"{share(nlp)}", flush=True)


if __name__ == "__main__":
    main()
