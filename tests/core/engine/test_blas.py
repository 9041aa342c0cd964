"""qa_core.engine.blas: the app can limit NumPy's OpenBLAS threads."""

import pytest

from qa_core.engine import blas


def test_set_threads_takes_effect_and_restores():
    before = blas.get_threads()
    if blas.openblas() is None:
        assert blas.set_threads(1) is False and before is None
        return
    try:
        assert blas.set_threads(1) is True
        assert blas.get_threads() == 1
    finally:
        blas.set_threads(before)
    assert blas.get_threads() == before


@pytest.mark.parametrize("n", [0, -1, 1000])
def test_thread_counts_out_of_range_are_rejected(n):
    with pytest.raises(ValueError, match="n must be in"):
        blas.set_threads(n)
