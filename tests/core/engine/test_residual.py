"""Skip connections (layers.Residual, build_mlp(residual=True)) and the orthogonal and
constant initialisations: backward passes against central differences, the block's Jacobian
I + ∂F/∂x, the network built from the same weights as the plain one, and the inits' defining
properties. (The cross-check against PyTorch runs where the bench's torch is installed:
bench/l_residual_torch.py.)"""

import dataclasses

import numpy as np
import pytest

from qa_core.engine import inference
from qa_core.engine.config import TrainConfig
from qa_core.engine.inits import init_std, init_weights, orthogonal
from qa_core.engine.layers import Activation, BatchNorm, Dense, Residual, leaves
from qa_core.engine.network import build_mlp
from qa_core.engine.training import Run
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad
from tests.core.engine.test_layers import check_layer


def block(rng, width=5, inner=7, bn=False):
    layers = [Dense(width, inner, init="xavier", rng=rng)]
    layers += [BatchNorm(inner)] if bn else []
    layers += [Activation("tanh"), Dense(inner, width, init="xavier", rng=rng)]
    for ly in layers:
        for p in ly.params.values():
            p += 0.2 * rng.standard_normal(p.shape)
    return Residual(layers)


def test_residual_forward_is_the_input_plus_the_block():
    rng = np.random.default_rng(0)
    res = block(rng)
    x = rng.standard_normal((4, 5))
    inner = x
    for layer in res.layers:
        inner = layer.forward(inner)
    np.testing.assert_array_equal(res.forward(x), x + inner)


@pytest.mark.parametrize("bn", [False, True])
def test_residual_backward_matches_finite_differences(bn):
    rng = np.random.default_rng(1)
    res = block(rng, bn=bn)
    x = rng.standard_normal((6, 5))
    y = res.forward(x, training=True)
    r = rng.standard_normal(y.shape)

    def loss():
        return float(np.sum(res.forward(x, training=True) * r))

    res.forward(x, training=True)
    dx = res.backward(r)
    assert_grad_close(dx, numeric_grad(loss, x))
    for layer in res.layers:
        analytic = {k: g.copy() for k, g in layer.grads.items()}
        for key, param in layer.params.items():
            assert_grad_close(analytic[key], numeric_grad(loss, param))


def test_residual_passes_check_layer_with_no_params_of_its_own():
    rng = np.random.default_rng(2)
    res = block(rng)
    assert res.params == {} and res.grads == {}
    check_layer(res, rng.standard_normal((3, 5)), training=False)


def test_the_blocks_jacobian_is_identity_plus_the_branchs():
    """One sample: J_block = I + J_F, both measured by central differences."""
    rng = np.random.default_rng(3)
    res = block(rng, width=4)
    x = rng.standard_normal((1, 4))

    def jac(f):
        cols = []
        for i in range(4):
            e = np.zeros((1, 4))
            e[0, i] = 1e-6
            cols.append(((f(x + e) - f(x - e)) / 2e-6)[0])
        return np.array(cols).T

    def branch(v):
        for layer in res.layers:
            v = layer.forward(v)
        return v

    j_block, j_branch = jac(res.forward), jac(branch)
    np.testing.assert_allclose(j_block, np.eye(4) + j_branch, atol=1e-8)
    # backward's vector-Jacobian products are the rows of that Jacobian
    res.forward(x)
    for i in range(4):
        e = np.zeros((1, 4))
        e[0, i] = 1.0
        np.testing.assert_allclose(res.backward(e)[0], j_block[i], atol=1e-8)


def test_a_zero_last_layer_makes_the_block_the_identity_and_passes_dy_through():
    rng = np.random.default_rng(4)
    res = block(rng)
    res.layers[-1].params["W"][...] = 0.0
    res.layers[-1].params["b"][...] = 0.0
    x, dy = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    np.testing.assert_array_equal(res.forward(x), x)
    np.testing.assert_array_equal(res.backward(dy), dy)
    assert np.any(res.layers[-1].grads["W"] != 0)  # the last layer still learns
    assert np.all(res.layers[0].grads["W"] == 0)  # the first waits one step


def test_residual_rejects_an_empty_block_and_a_block_that_changes_the_width():
    with pytest.raises(ValueError, match="layers must be a non-empty list"):
        Residual([])
    res = Residual([Dense(3, 2)])
    with pytest.raises(ValueError, match="must keep the shape"):
        res.forward(np.ones((2, 3)))


def test_leaves_open_nested_blocks_in_forward_order():
    a, b, c, d = Dense(2, 2), Activation("relu"), Dense(2, 2), Dense(2, 1)
    assert leaves([a, Residual([b, Residual([c])]), d]) == [a, b, c, d]


# -- build_mlp(residual=True) --------------------------------------------------------------


def plain_and_residual(hidden, **kwargs):
    nets = [
        build_mlp(3, hidden, 2, residual=r, rng=np.random.default_rng(5), **kwargs)
        for r in (False, True)
    ]
    return nets


def test_residual_mlp_has_the_plain_mlps_layers_and_weights_with_skips_around_pairs():
    plain, res = plain_and_residual((6, 6, 6, 6, 6), batch_norm=True)
    assert [type(ly) for ly in leaves(res.layers)] == [type(ly) for ly in plain.layers]
    np.testing.assert_array_equal(plain.theta, res.theta)
    assert len(res.residual_blocks) == 2
    # pre-activation: each block is BN → act → Dense → BN → act → Dense
    kinds = [type(ly).__name__ for ly in res.residual_blocks[0].layers]
    assert kinds == ["BatchNorm", "Activation", "Dense", "BatchNorm", "Activation", "Dense"]


@pytest.mark.parametrize(
    ("hidden", "blocks"), [((6,), 0), ((6, 6), 0), ((6, 6, 6), 1), ((6, 4, 6), 1), ((6, 6, 4), 0)]
)
def test_blocks_form_only_where_two_layers_return_to_their_input_width(hidden, blocks):
    _, res = plain_and_residual(hidden)
    assert len(res.residual_blocks) == blocks


def test_residual_mlp_gradient_matches_finite_differences():
    rng = np.random.default_rng(6)
    net = build_mlp(
        3, (5, 5, 5, 5, 5), 3, activation="tanh", batch_norm=True, residual=True, rng=rng
    )
    net.theta[net.n_weights :] += 0.3 * rng.standard_normal(net.theta.size - net.n_weights)
    x, y = rng.standard_normal((8, 3)), rng.integers(0, 3, 8)

    def total():
        return net.loss(net.forward(x, training=True), y)[0]

    _, dout = net.loss(net.forward(x, training=True), y)
    dx = net.backward(dout)
    analytic = net.grad.copy()
    assert_grad_close(analytic, numeric_grad(total, net.theta))
    assert_grad_close(dx, numeric_grad(total, x))


def test_zero_init_residual_makes_the_residual_net_equal_to_stem_and_head_alone():
    rng = np.random.default_rng(7)
    net = build_mlp(3, (6, 6, 6, 6, 6), 2, residual=True, zero_init_residual=True, rng=rng)
    x = rng.standard_normal((5, 3))
    stem, head = net.layers[0], [ly for ly in net.layers if not isinstance(ly, Residual)][1:]
    h = stem.forward(x)
    for layer in head:
        h = layer.forward(h)
    np.testing.assert_array_equal(net.forward(x), h)
    assert all(np.all(b.layers[-1].params["W"] == 0) for b in net.residual_blocks)
    firsts = [next(ly for ly in b.layers if isinstance(ly, Dense)) for b in net.residual_blocks]
    assert all(np.any(d.params["W"] != 0) for d in firsts)


def test_eval_plan_and_units_of_a_residual_net_match_its_forward_pass():
    rng = np.random.default_rng(8)
    net = build_mlp(3, (6, 6, 6, 6), 2, batch_norm=True, residual=True, rng=rng)
    x = rng.standard_normal((40, 3))
    net.forward(x, training=True)  # running statistics away from their start
    out = net.forward(x, training=False)
    np.testing.assert_allclose(net.predict_proba(x), inference.probabilities(out), atol=1e-12)
    units, raw = inference.forward_units(net.layers, x)
    np.testing.assert_allclose(raw, out, atol=1e-12)
    assert len(units) == 4
    for got, layer in zip(units, net.activation_layers, strict=True):
        np.testing.assert_allclose(got, layer.last_output, atol=1e-12)


# -- initialisations ------------------------------------------------------------------------


@pytest.mark.parametrize(("n_in", "n_out"), [(8, 8), (12, 5), (5, 12)])
def test_orthogonal_has_orthonormal_columns_or_rows(n_in, n_out):
    w = orthogonal(n_in, n_out, np.random.default_rng(0))
    small = min(n_in, n_out)
    gram = w.T @ w if n_in >= n_out else w @ w.T
    np.testing.assert_allclose(gram, np.eye(small), atol=1e-12)
    np.testing.assert_allclose(np.linalg.svd(w, compute_uv=False), np.ones(small), atol=1e-12)
    assert np.sqrt(np.mean(w**2)) == pytest.approx(init_std("orthogonal", n_in, n_out))


def test_orthogonal_is_haar_the_sign_of_each_column_is_fixed_by_qr():
    """Without the sign fix the first entry of Q's first column is biased; with it, the mean of
    a column's entries over many draws is 0 (Mezzadri 2007)."""
    rng = np.random.default_rng(1)
    firsts = np.array([orthogonal(4, 4, rng)[0, 0] for _ in range(4000)])
    assert abs(firsts.mean()) < 0.03
    assert firsts.std() == pytest.approx(0.5, abs=0.03)  # E[q²] = 1/4 for n = 4


def test_orthogonal_gain_and_constant_value():
    rng = np.random.default_rng(2)
    w = init_weights(6, 6, "orthogonal", rng, scale=np.sqrt(2))
    np.testing.assert_allclose(w.T @ w, 2 * np.eye(6), atol=1e-12)
    c = init_weights(3, 4, "constant", rng, std=0.3, scale=2.0)
    assert np.all(c == 0.6)
    assert init_std("constant", 3, 4, 0.3) == 0.0
    assert Dense(3, 4, init="orthogonal").init == "orthogonal"


def test_constant_init_keeps_every_hidden_unit_identical_through_training():
    cfg = TrainConfig(
        hidden=(5, 5), init="constant", init_std=0.2, epochs=5, n_samples=200, activation="tanh"
    )
    run = Run(cfg)
    for _ in run:
        pass
    for dense in run.network.dense_layers[:-1]:
        w = dense.params["W"]
        assert np.ptp(w, axis=1).max() == 0.0  # every unit's incoming weights equal
        assert np.ptp(dense.params["b"]) == 0.0
    assert np.ptp(run.network.dense_layers[0].params["W"]) > 0  # yet they did move
    random = Run(dataclasses.replace(cfg, init="xavier"))
    for _ in random:
        pass
    assert np.ptp(random.network.dense_layers[1].params["W"], axis=1).min() > 0


def test_train_config_residual_fields():
    run = Run(TrainConfig(hidden=(8, 8, 8), residual=True, epochs=2, n_samples=100))
    assert len(run.network.residual_blocks) == 1
    record = run.step()
    assert len(record.grad_norms) == 4 and len(record.dead_fraction) == 3
    assert np.isfinite(record.train_loss)
    with pytest.raises(ValueError, match="residual must be True or False"):
        TrainConfig(residual=1)
    with pytest.raises(ValueError, match="zero_init_residual must be False without residual"):
        TrainConfig(zero_init_residual=True)
    with pytest.raises(ValueError, match="init must be one of"):
        TrainConfig(init="orthonormal")
    zero = Run(TrainConfig(hidden=(8, 8, 8), residual=True, zero_init_residual=True))
    assert np.all(zero.network.residual_blocks[0].layers[-1].params["W"] == 0)
