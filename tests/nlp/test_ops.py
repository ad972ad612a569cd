"""MatmulOps: thinc's NumpyOps with numpy.matmul products; the model's output must not change."""
import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, MORPH, POS, TAG
from thinc.api import NumpyOps

from timeline.nlp.ops import MatmulOps, one_blas_thread, use_numpy_matmul
from tests.nlp.helpers import needs_model

ATTRS = [TAG, POS, MORPH, DEP, HEAD, ENT_IOB, ENT_TYPE]
TEXT = ("Military chiefs will meet in Paris on Thursday, Downing Street said. "
        "Mr Putin met Steve Witkoff in Moscow last week and agreed to a 30-day ceasefire. "
        "Ukraine said Russia had launched 170 drones overnight.")


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_numpy_ops(trans1, trans2):  # blis takes float32 only
    dtype = "float32"
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype(dtype)
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype(dtype)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (7, 3) and got.dtype == expected.dtype
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    out = numpy.zeros((7, 3), dtype=dtype)
    assert MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_one_blas_thread_limits_this_process():
    from threadpoolctl import threadpool_info

    one_blas_thread()
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)


@needs_model
@pytest.mark.slow
def test_shipped_model_gives_the_same_annotations():
    import spacy

    from timeline.nlp import MODEL_DIR

    plain = spacy.load(MODEL_DIR)  # thinc's NumpyOps (blis)
    before = plain(TEXT)
    assert any(type(node.ops) is NumpyOps for node in plain.get_pipe("tok2vec").model.walk())
    use_numpy_matmul(plain)
    ops = {type(node.ops) for _, pipe in plain.pipeline for node in pipe.model.walk()}
    assert ops == {MatmulOps}
    after = plain(TEXT)
    assert (before.to_array(ATTRS) == after.to_array(ATTRS)).all()
    assert [(e.text, e.label_) for e in after.ents] == [(e.text, e.label_) for e in before.ents]
    assert len(after.ents) >= 4
