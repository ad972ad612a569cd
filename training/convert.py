"""Merge UD English-EWT (CoNLL-U) and UniversalNER English-EWT (IOB2) into spaCy DocBins.

One corpus of UD documents whose entities come from UNER, so one pipeline with a shared
tok2vec learns tags, morphology, the parse, sentence boundaries and entities together.

- Tokens are the UD *syntactic words*: a multi-word token line such as ``19-20 don't`` is
  skipped and its words ``do`` + ``n't`` are used (spaCy's English tokenizer splits the
  same way); the space after the surface token goes on its last word. Empty nodes
  (``8.1``) are skipped.
- UNER tokens align 1:1 with UD words by ``sent_id``. A sentence whose UNER tokens do not
  match its UD words (a handful; the UNER snapshot predates the current EWT release) keeps
  its entities *missing* rather than wrong.
- Labels: PER -> PERSON, ORG -> ORG, LOC -> GPE (news places are nearly all countries and
  cities; the entity ruler emits GPE too, so one label means "place"). OTH and stray B-O
  of the draft train file -> O (see the data's PROVENANCE.txt).
- Sentences are grouped per UD document, at most ``group`` sentences per Doc, so the
  parser learns sentence boundaries.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


@dataclass
class Sentence:
    sent_id: str
    newdoc: bool
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within sentence
    deps: list[str] = field(default_factory=list)


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    sent_id, newdoc, current = "", False, None
    mwt_end, mwt_space = -1, True
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# newdoc"):
                newdoc = True
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if current is not None:
                    sentences.append(current)
                current, newdoc, mwt_end = None, False, -1
            else:
                cols = line.split("\t")
                if len(cols) != 10:
                    raise ValueError(f"{path}:{lineno}: expected 10 columns, got {len(cols)}")
                if current is None:
                    current = Sentence(sent_id, newdoc)
                ident = cols[0]
                if "." in ident:
                    continue
                if "-" in ident:
                    mwt_end = int(ident.split("-")[1])
                    mwt_space = _space_after(cols[9])
                    continue
                index = int(ident)
                if index < mwt_end:
                    space = False
                elif index == mwt_end:
                    space = mwt_space
                else:
                    space = _space_after(cols[9])
                head = int(cols[6])
                current.words.append(cols[1])
                current.spaces.append(space)
                current.lemmas.append(cols[2])
                current.pos.append(cols[3])
                current.tags.append(cols[4])
                current.morphs.append("" if cols[5] == "_" else cols[5])
                current.heads.append(index - 1 if head == 0 else head - 1)
                current.deps.append("ROOT" if cols[7] == "root" else cols[7])
    if current is not None:
        sentences.append(current)
    return sentences


def read_iob2(path: Path) -> dict[str, list[tuple[str, str]]]:
    """sent_id -> [(token, spaCy IOB tag)] with the label map applied."""
    out: dict[str, list[tuple[str, str]]] = {}
    sent_id, rows = "", []
    with open(path, encoding="utf-8") as handle:
        for line in list(handle) + [""]:
            line = line.rstrip("\n")
            if line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if rows:
                    out[sent_id] = rows
                sent_id, rows = "", []
            else:
                cols = line.split("\t")
                rows.append((cols[1], _map_tag(cols[2], rows)))
    return out


def _map_tag(tag: str, previous: list[tuple[str, str]]) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    if label not in LABELS:
        return "O"  # OTH, stray B-O
    prefix = prefix if prefix == "B" or (previous and previous[-1][1].endswith(LABELS[label])) else "B"
    return f"{prefix}-{LABELS[label]}"


def make_docs(sentences, entities, vocab, group: int = 10):
    from spacy.tokens import Doc

    chunks: list[list[Sentence]] = []
    for sent in sentences:
        if not chunks or sent.newdoc or len(chunks[-1]) >= group:
            chunks.append([])
        chunks[-1].append(sent)
    stats = {"sentences": 0, "ner_missing": 0}
    docs = []
    for chunk in chunks:
        words, spaces, lemmas, pos, tags, morphs, heads, deps, starts, ents = ([] for _ in range(10))
        for sent in chunk:
            offset = len(words)
            words += sent.words
            spaces += sent.spaces
            lemmas += sent.lemmas
            pos += sent.pos
            tags += sent.tags
            morphs += sent.morphs
            heads += [h + offset for h in sent.heads]
            deps += sent.deps
            starts += [True] + [False] * (len(sent.words) - 1)
            rows = entities.get(sent.sent_id)
            stats["sentences"] += 1
            if rows is not None and [w for w, _ in rows] == sent.words:
                ents += [tag for _, tag in rows]
            else:
                stats["ner_missing"] += 1
                ents += [None] * len(sent.words)
        spaces[-1] = True
        docs.append(Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags,
                        morphs=morphs, heads=heads, deps=deps, sent_starts=starts, ents=ents))
    return docs, stats


def convert(data_dir: Path, out_dir: Path) -> dict[str, dict[str, int]]:
    import spacy
    from spacy.tokens import DocBin

    ud, uner = data_dir / "ud-english-ewt", data_dir / "uner-english-ewt"
    uner_files = {
        "train": uner / "en_ewt-ud-train.DRAFT-2022-12-0c7ce0d.iob2",
        "dev": uner / "en_ewt-ud-dev.iob2",
        "test": uner / "en_ewt-ud-test.iob2",
    }
    nlp = spacy.blank("en")
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {}
    for split, uner_file in uner_files.items():
        conllu = ud / f"en_ewt-ud-{split}.conllu"
        for path in (conllu, uner_file):
            if not path.is_file():
                raise FileNotFoundError(f"{path}: missing (expected the shared UD/UNER data here)")
        sentences, entities = read_conllu(conllu), read_iob2(uner_file)
        docs, stats = make_docs(sentences, entities, nlp.vocab)
        DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"{split}.spacy")
        if split == "test":  # the usual parsing benchmark setting: gold sentence boundaries
            one_each, _ = make_docs(sentences, entities, nlp.vocab, group=1)
            DocBin(docs=one_each, store_user_data=False).to_disk(out_dir / "test-sentences.spacy")
        stats["docs"] = len(docs)
        stats["words"] = sum(len(d) for d in docs)
        report[split] = stats
    return report


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent / "corpus"
    print(convert(data, out))
