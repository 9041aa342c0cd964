"""qa_core.engine.losses and qa_core.engine.optim: gradients, stability, update rules, lr changes."""

import numpy as np
import pytest

from qa_core.engine import losses, optim
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad

# -- losses -----------------------------------------------------------------------------------


def test_softmax_cross_entropy_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    z, y = 3 * rng.standard_normal((7, 4)), rng.integers(0, 4, 7)
    _, grad = losses.softmax_cross_entropy(z, y)
    assert_grad_close(grad, numeric_grad(lambda: losses.softmax_cross_entropy(z, y)[0], z))


def test_softmax_cross_entropy_is_minus_log_probability_of_the_label():
    z = np.array([[1.0, 2.0, 0.5], [0.0, 0.0, 0.0]])
    y = np.array([1, 2])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss, _ = losses.softmax_cross_entropy(z, y)
    assert loss == pytest.approx(-np.mean(np.log(p[[0, 1], y])))


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    z = np.array([[1e4, 0.0], [-1e4, 1e4], [5e3, 5e3]])
    loss, grad = losses.softmax_cross_entropy(z, np.array([1, 1, 0]))
    assert loss == pytest.approx((1e4 + 0.0 + np.log(2)) / 3)
    np.testing.assert_allclose(grad, np.array([[1, -1], [0, 0], [-0.5, 0.5]]) / 3, atol=1e-15)


def test_binary_cross_entropy_gradient_and_agreement_with_two_logit_softmax():
    rng = np.random.default_rng(1)
    z, y = 4 * rng.standard_normal((9, 1)), rng.integers(0, 2, 9)
    loss, grad = losses.binary_cross_entropy(z, y)
    assert_grad_close(grad, numeric_grad(lambda: losses.binary_cross_entropy(z, y)[0], z))
    two = np.column_stack([np.zeros(9), z[:, 0]])
    assert loss == pytest.approx(losses.softmax_cross_entropy(two, y)[0])


def test_binary_cross_entropy_is_stable_for_huge_logits():
    loss, grad = losses.binary_cross_entropy(np.array([1e4, -1e4, 1e4]), np.array([0, 0, 1]))
    assert loss == pytest.approx(1e4 / 3)
    np.testing.assert_allclose(grad, [1 / 3, 0.0, 0.0], atol=1e-15)


def test_mse_value_and_gradient():
    rng = np.random.default_rng(2)
    pred, y = rng.standard_normal((6, 1)), rng.standard_normal(6)
    loss, grad = losses.mse(pred, y)
    assert loss == pytest.approx(np.mean((pred[:, 0] - y) ** 2))
    assert_grad_close(grad, numeric_grad(lambda: losses.mse(pred, y)[0], pred))


def test_penalty_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    w = rng.standard_normal(12)
    w[np.abs(w) < 1e-2] = 0.5  # |w| has a kink at 0
    grad = np.zeros(12)
    losses.add_penalty_grad(grad, w, l1=0.03, l2=0.2)
    assert_grad_close(grad, numeric_grad(lambda: losses.penalty(w, 0.03, 0.2), w))


# -- optimisers -------------------------------------------------------------------------------


def test_sgd_step_is_w_minus_lr_g():
    w, g = np.array([1.0, -2.0]), np.array([0.5, 0.25])
    optim.SGD(0.1).step([w], [g])
    np.testing.assert_allclose(w, [0.95, -2.025])


def test_momentum_follows_v_equals_mu_v_plus_g():
    rng = np.random.default_rng(4)
    w = rng.standard_normal(3)
    expected, v = w.copy(), np.zeros(3)
    opt = optim.Momentum(0.05, momentum=0.9)
    for _ in range(5):
        g = rng.standard_normal(3)
        v = 0.9 * v + g
        expected -= 0.05 * v
        opt.step([w], [g.copy()])
    np.testing.assert_allclose(w, expected)


def adam_reference(w, grads, lr, b1=0.9, b2=0.999, eps=1e-8):
    """Kingma & Ba (2015), Algorithm 1, written out plainly (ε added to √v̂, as PyTorch)."""
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w


def test_adam_matches_algorithm_one_with_bias_correction():
    rng = np.random.default_rng(5)
    w0 = rng.standard_normal(4)
    grads = [rng.standard_normal(4) for _ in range(10)]
    w = w0.copy()
    opt = optim.Adam(0.01)
    for g in grads:
        opt.step([w], [g.copy()])
    np.testing.assert_allclose(w, adam_reference(w0, grads, 0.01), rtol=1e-12)


def test_adam_first_step_moves_each_weight_by_about_lr():
    w = np.zeros(3)
    optim.Adam(0.01).step([w], [np.array([1e-3, -5.0, 300.0])])
    np.testing.assert_allclose(w, [-0.01, 0.01, -0.01], rtol=1e-4)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_every_optimizer_minimises_a_quadratic(name):
    target = np.array([1.0, -2.0, 3.0])
    w = np.zeros(3)
    opt = optim.make(name, 0.05)
    for _ in range(2000):
        opt.step([w], [2 * (w - target)])
    np.testing.assert_allclose(w, target, atol=1e-3)


def test_changing_lr_mid_run_keeps_the_state_and_reset_forgets_it():
    rng = np.random.default_rng(6)
    grads = [rng.standard_normal(2) for _ in range(6)]
    w1, w2 = np.zeros(2), np.zeros(2)
    a, b = optim.Adam(0.1), optim.Adam(0.1)
    for i, g in enumerate(grads):
        if i == 3:
            a.lr = 0.01
        a.step([w1], [g.copy()])
    ref = adam_reference(np.zeros(2), grads[:3], 0.1)
    assert not np.allclose(w1, adam_reference(ref, grads[3:], 0.01))  # would mean a reset
    for g in grads[:3]:
        b.step([w2], [g.copy()])
    b.reset()
    b.lr = 0.01
    for g in grads[3:]:
        b.step([w2], [g.copy()])
    np.testing.assert_allclose(w2, adam_reference(ref, grads[3:], 0.01), rtol=1e-12)
    assert a.t == 6
    assert b.t == 3


@pytest.mark.parametrize("lr", [0.0, -1.0, float("inf"), float("nan")])
def test_optimizers_reject_bad_learning_rates(lr):
    with pytest.raises(ValueError, match="lr must be"):
        optim.make("adam", lr)
    opt = optim.SGD(0.1)
    with pytest.raises(ValueError, match="lr must be"):
        opt.lr = lr


def test_unknown_optimizer_is_a_value_error():
    with pytest.raises(ValueError, match="optimizer must be one of sgd, momentum, nesterov"):
        optim.make("lion", 0.1)


def test_clip_by_global_norm_scales_all_gradients_together():
    g1, g2 = np.array([3.0, 0.0]), np.array([0.0, 4.0])
    before = optim.clip_by_global_norm([g1, g2], 1.0)
    assert before == pytest.approx(5.0)
    np.testing.assert_allclose(np.concatenate([g1, g2]), [0.6, 0.0, 0.0, 0.8])
    small = np.array([0.1, 0.2])
    optim.clip_by_global_norm([small], 1.0)
    np.testing.assert_array_equal(small, [0.1, 0.2])
