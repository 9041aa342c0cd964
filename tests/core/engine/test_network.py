"""qa_core.engine.network: the whole stack's gradient, the flat parameter vector, predictions."""

import numpy as np
import pytest

from qa_core.engine.layers import Activation, BatchNorm, Dense, Dropout
from qa_core.engine.losses import softmax
from qa_core.engine.network import Network, build_mlp
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad


def full_network(rng):
    """Dense → BN → PReLU → Dropout → Dense → BN → tanh → Dropout → Dense (3 logits)."""
    layers = [
        Dense(4, 6, rng=rng),
        BatchNorm(6),
        Activation("prelu"),
        Dropout(0.3, rng=rng),
        Dense(6, 5, init="xavier", rng=rng),
        BatchNorm(5),
        Activation("tanh"),
        Dropout(0.5, rng=rng),
        Dense(5, 3, init="xavier", rng=rng),
    ]
    net = Network(layers)
    net.theta[net.n_weights :] += 0.3 * rng.standard_normal(net.theta.size - net.n_weights)
    return net


@pytest.mark.parametrize(("l1", "l2"), [(0.0, 0.0), (0.01, 0.0), (0.0, 0.1), (0.02, 0.05)])
def test_network_gradient_with_bn_dropout_prelu_and_penalties_matches_finite_differences(l1, l2):
    rng = np.random.default_rng(0)
    net = full_network(rng)
    x = rng.standard_normal((10, 4))
    y = rng.integers(0, 3, 10)
    for layer, width in zip(net.dropout_layers, (6, 5), strict=True):
        layer.fixed_mask = rng.random((10, width)) > layer.p

    def total_loss():
        loss, _ = net.loss(net.forward(x, training=True), y)
        return loss + net.penalty(l1, l2)

    prelu = net.prelu_layers[0]
    net.forward(x, training=True)
    assert np.abs(prelu.last_input).min() > 1e-3, "a pre-activation too close to the kink"
    assert np.any(prelu.last_input < 0), "PReLU's slope would get no gradient"
    _, dout = net.loss(net.forward(x, training=True), y)
    dx = net.backward(dout)
    net.add_penalty_grad(l1, l2)
    analytic = net.grad.copy()
    assert_grad_close(analytic, numeric_grad(total_loss, net.theta))
    assert_grad_close(dx, numeric_grad(total_loss, x))
    assert prelu.grads["a"][0] != 0


def test_penalties_touch_dense_weights_only():
    rng = np.random.default_rng(1)
    net = full_network(rng)
    net.grad[:] = 0.0
    net.add_penalty_grad(l1=0.1, l2=0.5)
    w = net.weights
    np.testing.assert_allclose(net.grad[: net.n_weights], 0.1 * np.sign(w) + 0.5 * w)
    assert np.all(net.grad[net.n_weights :] == 0)  # biases, γ, β, PReLU's a
    assert net.penalty(0.1, 0.5) == pytest.approx(0.1 * np.abs(w).sum() + 0.25 * (w @ w))


def test_layer_params_are_views_of_the_flat_vector():
    net = full_network(np.random.default_rng(2))
    dense = net.dense_layers[1]
    assert np.shares_memory(dense.params["W"], net.theta)
    assert np.shares_memory(dense.grads["W"], net.grad)
    net.theta[:] = 0.0
    assert np.all(dense.params["W"] == 0)
    assert np.all(net.prelu_layers[0].params["a"] == 0)
    sizes = sum(p.size for layer in net.layers for p in layer.params.values())
    assert net.theta.size == sizes
    assert net.n_weights == 4 * 6 + 6 * 5 + 5 * 3


def test_grad_norms_are_the_frobenius_norms_of_each_dense_weight_gradient():
    rng = np.random.default_rng(3)
    net = full_network(rng)
    x, y = rng.standard_normal((8, 4)), rng.integers(0, 3, 8)
    _, dout = net.loss(net.forward(x, training=True), y)
    net.backward(dout, input_grad=False)
    expected = [np.linalg.norm(d.grads["W"]) for d in net.dense_layers]
    np.testing.assert_allclose(net.grad_norms(), expected)
    np.testing.assert_allclose(
        net.weight_norms(), [np.linalg.norm(d.params["W"]) for d in net.dense_layers]
    )


def test_build_mlp_puts_batchnorm_before_and_dropout_after_the_activation():
    net = build_mlp(2, (8, 4), 2, batch_norm=True, dropout=0.2, rng=np.random.default_rng(0))
    kinds = [type(layer).__name__ for layer in net.layers]
    assert kinds == ["Dense", "BatchNorm", "Activation", "Dropout"] * 2 + ["Dense"]
    assert [(d.n_in, d.n_out) for d in net.dense_layers] == [(2, 8), (8, 4), (4, 2)]
    plain = build_mlp(2, (8,), 2, rng=np.random.default_rng(0))
    assert [type(layer).__name__ for layer in plain.layers] == ["Dense", "Activation", "Dense"]


def test_predict_proba_is_eval_mode_and_rows_sum_to_one():
    rng = np.random.default_rng(4)
    net = build_mlp(2, (16, 16), 3, batch_norm=True, dropout=0.5, rng=rng)
    net.forward(rng.standard_normal((32, 2)), training=True)  # move the running stats
    running = net.batchnorm_layers[0].running_mean.copy()
    x = rng.standard_normal((50, 2))
    p = net.predict_proba(x)
    assert p.shape == (50, 3)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(p, net.predict_proba(x))  # no dropout, no batch stats
    np.testing.assert_array_equal(net.batchnorm_layers[0].running_mean, running)
    np.testing.assert_array_equal(net.predict(x), p.argmax(axis=1))


def test_single_logit_and_regression_heads():
    rng = np.random.default_rng(5)
    binary = build_mlp(2, (4,), 1, rng=rng)
    x, y = rng.standard_normal((6, 2)), rng.integers(0, 2, 6)
    p = binary.predict_proba(x)
    assert p.shape == (6, 2)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    loss, grad = binary.loss(binary.forward(x), y)
    assert grad.shape == (6, 1)
    reg = build_mlp(2, (4,), 1, task="regression", rng=rng)
    assert reg.predict_proba(x).shape == (6,)
    loss, grad = reg.loss(reg.forward(x), rng.standard_normal(6))
    assert loss > 0


def test_predict_proba_fast_path_equals_one_full_forward_pass():
    """Chunks, BatchNorm folded into Dense, PReLU's learned slope (timed in python -m bench)."""
    net = build_mlp(2, (64, 64), 2, activation="prelu", batch_norm=True, dropout=0.2,
                    rng=np.random.default_rng(0))  # fmt: skip
    axis = np.linspace(-3, 3, 200)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(axis, axis)])
    p = net.predict_proba(grid)
    assert p.shape == (40_000, 2)
    net.theta[net.n_weights :] += np.random.default_rng(1).normal(
        0, 0.3, net.theta.size - net.n_weights
    )
    for bn in net.batchnorm_layers:  # non-trivial running statistics to fold
        bn.running_mean[:] = np.linspace(-1, 1, bn.n_features)
        bn.running_var[:] = np.linspace(0.5, 2, bn.n_features)
    probe = np.ones((3, 2))
    net.forward(probe, training=False)
    kept = [layer.last_input for layer in net.activation_layers]
    p = net.predict_proba(grid)
    assert all(a is ly.last_input for a, ly in zip(kept, net.activation_layers, strict=True))
    np.testing.assert_allclose(p, softmax(net.forward(grid, training=False)), rtol=1e-10)


def test_network_rejects_an_unknown_task():
    with pytest.raises(ValueError, match="task"):
        Network([Dense(2, 2)], task="ranking")
