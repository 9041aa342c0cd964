"""Property-based checks (hypothesis) of the engine's small invariants."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from qa_core.engine import losses
from qa_core.engine.layers import BatchNorm
from qa_core.engine.training import batch_bounds


@given(n=st.integers(2, 5000), batch_size=st.integers(1, 600))
def test_batches_cover_every_row_once_and_never_leave_a_lone_trailing_row(n, batch_size):
    bounds = batch_bounds(n, batch_size)
    assert bounds[0][0] == 0
    assert bounds[-1][1] == n
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    sizes = [stop - start for start, stop in bounds]
    assert all(1 <= s <= batch_size + 1 for s in sizes)
    assert sizes[-1] >= 2  # BatchNorm never sees a lone trailing row


@settings(max_examples=200)
@given(
    logits=arrays(np.float64, (5, 3), elements=st.floats(-1e4, 1e4)),
    labels=arrays(np.int64, 5, elements=st.integers(0, 2)),
)
def test_cross_entropy_is_finite_non_negative_and_its_gradient_rows_sum_to_zero(logits, labels):
    loss, grad = losses.softmax_cross_entropy(logits, labels)
    assert np.isfinite(loss)
    assert loss >= 0
    assert np.all(np.isfinite(grad))
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(losses.softmax(logits).sum(axis=1), 1.0)


@settings(max_examples=100, deadline=None)
@given(
    x=arrays(np.float64, (16, 3), elements=st.floats(-1e3, 1e3)),
    training=st.booleans(),
)
def test_batchnorm_never_produces_nan(x, training):
    layer = BatchNorm(3)
    y = layer.forward(x, training)
    dx = layer.backward(np.ones_like(y))
    assert np.all(np.isfinite(y))
    assert np.all(np.isfinite(dx))
    assert np.all(layer.running_var > 0)
