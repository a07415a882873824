"""spaCy's matrix products through numpy's BLAS on one thread, instead of blis.

thinc multiplies with blis by default. Measured on this project's machines (AMD EPYC, 2 cores):
blis reached 13-32 GFLOP/s on the tok2vec's and the parser's shapes, the OpenBLAS that ships
inside numpy's wheel 70-100 GFLOP/s on one thread; the extractor ran about 30% faster with the
same claims (all 12 folds of the corpus). One thread: each worker is one process meant for one
core, and a second BLAS thread only fights the machine's other processes (measured slower).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from thinc.api import use_ops
from threadpoolctl import threadpool_limits


@contextmanager
def numpy_blas() -> Iterator[None]:
    """Models built inside (spacy.load) multiply with numpy's BLAS, limited to one thread."""
    threadpool_limits(limits=1, user_api="blas")  # process-wide, and kept after the block
    with use_ops("numpy", use_blis=False):
        yield
