"""Matrix products of the statistical model through numpy's BLAS instead of blis.

thinc's ``NumpyOps.gemm`` multiplies with the blis package. On the machine this project is
built on (AMD EPYC, AVX-512) blis runs a (7500 x 384) by (384 x 384) product at about
30 GFLOP/s on one core, numpy's OpenBLAS at about 97; the tok2vec's maxout layers are such
products and take two thirds of the model's time. ``MatmulOps`` is ``NumpyOps`` with
``gemm`` done by ``numpy.matmul``: the same arithmetic in another order of summation, so the
floats may differ in the last bits (on the TimeBank sentences not one tag, arc or entity
changed; tests/nlp/test_ops.py checks a news text). The parser's own C loop still uses blis
for its small per-state layer.

    use_numpy_matmul(nlp)      # every layer of nlp's components that runs on NumpyOps

``one_blas_thread()`` keeps numpy's BLAS to one thread in this process: worker processes use
it so that two workers on two cores do not start four BLAS threads.
"""
from __future__ import annotations

import numpy
from spacy.language import Language
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    name = "numpy-matmul"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_numpy_matmul(nlp: Language) -> Language:
    """Give every thinc layer of ``nlp`` that runs on plain ``NumpyOps`` the ``MatmulOps``
    (layers on other ops, e.g. a GPU or a transformer pipeline's, are left alone)."""
    ops = MatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


def one_blas_thread() -> None:
    """Limit numpy's BLAS to one thread in this process (for workers of a process pool)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
