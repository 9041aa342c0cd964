"""The losses the losses page teaches: label-smoothed cross-entropy, MAE and Huber, against
finite differences, their textbook formulas and their limits; finite and exact for logits and
residuals of ±1e4. (The cross-check against PyTorch runs where the bench's torch is installed:
bench/l_losses_torch.py.)"""

import numpy as np
import pytest

from qa_core.engine import losses
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad


def smoothed_targets(y, n_classes, eps):
    q = np.full((len(y), n_classes), eps / n_classes)
    q[np.arange(len(y)), y] += 1.0 - eps
    return q


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.3, 1.0])
def test_label_smoothing_gradient_matches_finite_differences(eps):
    rng = np.random.default_rng(5)
    z, y = 3 * rng.standard_normal((6, 4)), rng.integers(0, 4, 6)
    _, grad = losses.softmax_cross_entropy(z, y, eps)
    numeric = numeric_grad(lambda: losses.softmax_cross_entropy(z, y, eps)[0], z)
    assert_grad_close(grad, numeric)


@pytest.mark.parametrize("eps", [0.05, 0.2, 0.5])
def test_label_smoothing_is_cross_entropy_with_the_mixed_target(eps):
    """L = −(1/m) Σ_i Σ_k q_ik log p_ik with q = (1 − ε)·onehot + ε/C; ∂L/∂z = (p − q)/m."""
    rng = np.random.default_rng(6)
    z, y = 2 * rng.standard_normal((5, 3)), rng.integers(0, 3, 5)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    q = smoothed_targets(y, 3, eps)
    loss, grad = losses.softmax_cross_entropy(z, y, eps)
    assert loss == pytest.approx(-np.mean(np.sum(q * np.log(p), axis=1)), rel=1e-12)
    np.testing.assert_allclose(grad, (p - q) / 5, rtol=1e-12, atol=1e-15)


def test_no_smoothing_is_the_plain_cross_entropy_bit_for_bit():
    rng = np.random.default_rng(7)
    z, y = rng.standard_normal((8, 5)), rng.integers(0, 5, 8)
    plain, smoothed = losses.softmax_cross_entropy(z, y), losses.softmax_cross_entropy(z, y, 0.0)
    assert plain[0] == smoothed[0] and np.array_equal(plain[1], smoothed[1])
    assert losses.softmax_cross_entropy(z, y, 0.1)[0] != plain[0]


def test_label_smoothing_is_exact_for_huge_logits():
    # p = (1, e^{-2e4}) = (1, 0) to double precision; q = (0.95, 0.05)
    z = np.array([[1e4, -1e4], [-1e4, 1e4]])
    loss, grad = losses.softmax_cross_entropy(z, np.array([0, 0]), 0.1)
    # row 1: −0.05·log p_1 = 0.05·2e4 = 1000; row 2: −0.95·log p_0 = 0.95·2e4 = 19000
    assert loss == pytest.approx((1000.0 + 19000.0) / 2, rel=1e-15)
    np.testing.assert_allclose(grad, np.array([[0.05, -0.05], [-0.95, 0.95]]) / 2, atol=1e-16)


def test_the_loss_floor_with_smoothing_is_the_entropy_of_the_target():
    """Cross-entropy ≥ H(q), reached when softmax(z) = q: logits log q do it."""
    eps, n = 0.1, 4
    y = np.array([2])
    q = smoothed_targets(y, n, eps)
    loss, grad = losses.softmax_cross_entropy(np.log(q), y, eps)
    assert loss == pytest.approx(-np.sum(q * np.log(q)), rel=1e-12)
    np.testing.assert_allclose(grad, 0.0, atol=1e-15)
    sharper = np.log(q) + np.array([[0.0, 0.0, 3.0, 0.0]])  # more confident than q
    assert losses.softmax_cross_entropy(sharper, y, eps)[0] > loss


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), float("inf")])
def test_label_smoothing_out_of_range_is_named(bad):
    with pytest.raises(ValueError, match=r"label_smoothing must be in \[0, 1\]"):
        losses.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1]), bad)


def residuals(seed, m=9, scale=3.0, away_from=()):
    """Predictions and targets whose differences stay clear of the kinks in ``away_from``."""
    rng = np.random.default_rng(seed)
    y = rng.standard_normal(m)
    d = scale * rng.standard_normal(m)
    for kink in away_from:
        close = np.abs(np.abs(d) - kink) < 0.05
        d[close] += 0.2
    return (y + d).reshape(-1, 1), y


def test_mae_value_and_gradient():
    pred, y = residuals(8, away_from=(0.0,))
    loss, grad = losses.mae(pred, y)
    assert loss == pytest.approx(np.mean(np.abs(pred[:, 0] - y)), rel=1e-14)
    assert_grad_close(grad, numeric_grad(lambda: losses.mae(pred, y)[0], pred))
    assert grad.shape == pred.shape


def test_mae_gradient_is_zero_where_the_prediction_is_exact():
    _, grad = losses.mae(np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 5.0]))
    np.testing.assert_array_equal(grad, np.array([0.0, 1.0, -1.0]) / 3)


@pytest.mark.parametrize("delta", [0.3, 1.0, 4.0])
def test_huber_value_and_gradient(delta):
    pred, y = residuals(9, m=12, away_from=(delta,))
    d = pred[:, 0] - y
    assert np.any(np.abs(d) < delta) and np.any(np.abs(d) > delta)  # both pieces are tested
    expected = np.where(np.abs(d) < delta, 0.5 * d**2, delta * (np.abs(d) - 0.5 * delta))
    loss, grad = losses.huber(pred, y, delta)
    assert loss == pytest.approx(expected.mean(), rel=1e-14)
    assert_grad_close(grad, numeric_grad(lambda: losses.huber(pred, y, delta)[0], pred))


def test_huber_is_continuous_with_its_slope_at_delta():
    delta = 1.5
    below, above = delta * (1 - 1e-12), delta * (1 + 1e-12)
    lo, glo = losses.huber(np.array([below]), np.array([0.0]), delta)
    hi, ghi = losses.huber(np.array([above]), np.array([0.0]), delta)
    assert lo == pytest.approx(hi, rel=1e-10) and glo[0] == pytest.approx(ghi[0], rel=1e-10)


def test_huber_is_half_mse_for_a_large_delta_and_delta_mae_in_the_tails():
    pred, y = residuals(10)
    assert losses.huber(pred, y, 1e3)[0] == pytest.approx(losses.mse(pred, y)[0] / 2, rel=1e-14)
    far = pred + 100.0  # every residual beyond δ = 0.5
    d = np.abs(far[:, 0] - y)
    tails = losses.huber(far, y, 0.5)[0]
    assert tails == pytest.approx(0.5 * (d.mean() - 0.25), rel=1e-14)
    assert tails == pytest.approx(0.5 * losses.mae(far, y)[0] - 0.125, rel=1e-14)


def test_regression_losses_are_finite_and_exact_for_huge_residuals():
    pred, y = np.array([1e4, -1e4, 0.0]), np.array([-1e4, 1e4, 0.0])
    assert losses.mae(pred, y)[0] == pytest.approx(4e4 / 3, rel=1e-15)
    loss, grad = losses.huber(pred, y, 1.0)
    assert loss == pytest.approx(2 * (2e4 - 0.5) / 3, rel=1e-15)
    np.testing.assert_array_equal(grad, np.array([1.0, -1.0, 0.0]) / 3)
    assert losses.mse(pred, y)[0] == pytest.approx(2 * 4e8 / 3, rel=1e-15)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_huber_delta_must_be_positive(bad):
    with pytest.raises(ValueError, match="delta must be in"):
        losses.huber(np.zeros(2), np.zeros(2), bad)
