"""LayerNorm, GroupNorm and RMSNorm (qa_core.engine.norms, re-exported by layers): the papers'
equations written out row by row, backward against central differences, a batch of one, the
same output in training and eval, and the networks and configs that use them."""

import dataclasses
import statistics

import numpy as np
import pytest

from qa_core.engine.config import TrainConfig
from qa_core.engine.layers import BatchNorm, GroupNorm, LayerNorm, RMSNorm
from qa_core.engine.network import build_mlp
from qa_core.engine.training import Run
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad


def with_random_affine(layer, rng):
    """γ and β away from 1 and 0, so their gradients and their use in backward both count."""
    for value in layer.params.values():
        value[...] = rng.standard_normal(value.shape) + (
            1.0 if value is layer.params["gamma"] else 0
        )
    return layer


LAYERS = [
    ("layer", lambda: LayerNorm(6)),
    ("group1", lambda: GroupNorm(6, 1)),
    ("group2", lambda: GroupNorm(6, 2)),
    ("group3", lambda: GroupNorm(6, 3)),
    ("rms", lambda: RMSNorm(6)),
]


def reference(kind: str, x: np.ndarray, gamma, beta, eps: float) -> np.ndarray:
    """The equations one number at a time with Python's statistics module (pvariance = biased)."""
    groups = {"layer": 1, "group1": 1, "group2": 2, "group3": 3, "rms": 1}[kind]
    out = np.empty_like(x)
    for i, row in enumerate(x.tolist()):
        k = len(row) // groups
        for g in range(groups):
            part = row[g * k : (g + 1) * k]
            for j, v in enumerate(part, start=g * k):
                if kind == "rms":
                    rms = (statistics.fmean(u * u for u in part) + eps) ** 0.5
                    out[i, j] = v / rms * gamma[j]
                else:
                    mu, var = statistics.fmean(part), statistics.pvariance(part)
                    out[i, j] = (v - mu) / (var + eps) ** 0.5 * gamma[j] + beta[j]
    return out


@pytest.mark.parametrize(("kind", "make"), LAYERS)
@pytest.mark.parametrize("batch", [1, 5])
def test_forward_is_the_papers_equation(kind, make, batch):
    rng = np.random.default_rng(0)
    layer = with_random_affine(make(), rng)
    x = 3.0 * rng.standard_normal((batch, 6)) + 2.0
    beta = layer.params.get("beta", np.zeros(6))
    expected = reference(kind, x, layer.params["gamma"], beta, layer.eps)
    np.testing.assert_allclose(layer.forward(x, training=True), expected, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize(("kind", "make"), LAYERS)
@pytest.mark.parametrize(("batch", "training"), [(1, True), (4, True), (4, False)])
def test_backward_matches_finite_differences(kind, make, batch, training):
    rng = np.random.default_rng(1)
    layer = with_random_affine(make(), rng)
    x = rng.standard_normal((batch, 6))
    r = rng.standard_normal((batch, 6))

    def loss():
        return float(np.sum(layer.forward(x, training) * r))

    layer.forward(x, training)
    dx = layer.backward(r)
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    assert_grad_close(dx, numeric_grad(loss, x))
    for key, param in layer.params.items():
        assert_grad_close(analytic[key], numeric_grad(loss, param))


@pytest.mark.parametrize(("kind", "make"), LAYERS)
def test_each_row_is_normalised_alone_and_alike_in_training_and_eval(kind, make):
    rng = np.random.default_rng(2)
    layer = with_random_affine(make(), rng)
    x = rng.standard_normal((8, 6))
    together = layer.forward(x, training=True)
    np.testing.assert_array_equal(layer.forward(x, training=False), together)
    np.testing.assert_array_equal(layer.apply(x), together)
    for i in range(8):  # a batch of one gives that row's output: no statistic spans the batch
        np.testing.assert_allclose(layer.forward(x[i : i + 1], True)[0], together[i], rtol=1e-15)


def test_batch_norm_by_contrast_depends_on_the_batch():
    """The contrast the page draws: BN's output for row 0 changes with the other rows."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((8, 6))
    bn, ln = BatchNorm(6), LayerNorm(6)
    other = x.copy()
    other[1:] += 5.0
    assert not np.allclose(bn.forward(x, True)[0], bn.forward(other, True)[0])
    np.testing.assert_array_equal(ln.forward(x, True)[0], ln.forward(other, True)[0])


def test_apply_leaves_the_cached_forward_alone():
    rng = np.random.default_rng(4)
    layer = with_random_affine(GroupNorm(6, 2), rng)
    x, r = rng.standard_normal((4, 6)), rng.standard_normal((4, 6))
    layer.forward(x, True)
    first = layer.backward(r).copy()
    layer.apply(rng.standard_normal((9, 6)))
    np.testing.assert_array_equal(layer.backward(r), first)


def test_parameters_start_as_identity_and_rms_has_no_shift():
    for layer in (LayerNorm(5), GroupNorm(6, 3)):
        assert sorted(layer.params) == ["beta", "gamma"]
        np.testing.assert_array_equal(layer.params["gamma"], 1.0)
        np.testing.assert_array_equal(layer.params["beta"], 0.0)
    rms = RMSNorm(5)
    assert list(rms.params) == ["gamma"] and list(rms.grads) == ["gamma"]
    assert (LayerNorm(5).eps, GroupNorm(6, 3).eps, rms.eps) == (1e-5, 1e-5, 1e-6)


def test_group_norm_limits():
    x = np.random.default_rng(5).standard_normal((3, 6))
    np.testing.assert_array_equal(GroupNorm(6, 1).forward(x), LayerNorm(6).forward(x))
    np.testing.assert_array_equal(GroupNorm(6, 6).forward(x), 0.0)  # one value per group
    rms = RMSNorm(6).forward(x)  # mean square 1 per row (up to ε)
    np.testing.assert_allclose(np.mean(rms**2, axis=1), 1.0, rtol=1e-4)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: GroupNorm(6, 4), "groups must divide n_features = 6"),
        (lambda: GroupNorm(6, 0), r"groups must be an integer in \[1, 6\]"),
        (lambda: LayerNorm(0), r"n_features must be an integer in \[1, 1000000\]"),
        (lambda: RMSNorm(4, eps=0.0), "eps must be a finite number > 0"),
    ],
)
def test_bad_arguments_name_the_parameter_and_range(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_a_three_d_input_is_refused_with_its_shape():
    with pytest.raises(ValueError, match=r"x must be a 2-D array \(batch, features\)"):
        LayerNorm(4).forward(np.zeros((2, 4, 1)))


# -- networks and configs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("norm", "kind"), [("layer", "LayerNorm"), ("group", "GroupNorm"), ("rms", "RMSNorm")]
)
def test_network_with_a_norm_matches_finite_differences_and_predicts_in_eval(norm, kind):
    rng = np.random.default_rng(6)
    net = build_mlp(3, (6, 4), 3, norm=norm, norm_groups=2, activation="tanh", rng=rng)
    assert [type(ly).__name__ for ly in net.layers][:3] == ["Dense", kind, "Activation"]
    net.theta[net.n_weights :] += 0.3 * rng.standard_normal(net.theta.size - net.n_weights)
    x, y = rng.standard_normal((5, 3)), rng.integers(0, 3, 5)

    def total_loss():
        return net.loss(net.forward(x, training=True), y)[0]

    _, dout = net.loss(net.forward(x, training=True), y)
    net.backward(dout)
    assert_grad_close(net.grad.copy(), numeric_grad(total_loss, net.theta))
    from qa_core.engine.losses import softmax

    np.testing.assert_allclose(net.predict_proba(x), softmax(net.forward(x)), rtol=1e-12)


def test_group_count_follows_each_width():
    net = build_mlp(2, (8, 6, 3), 2, norm="group", norm_groups=4, rng=np.random.default_rng(0))
    assert [ly.groups for ly in net.layers if isinstance(ly, GroupNorm)] == [4, 2, 1]


def test_config_norm_keeps_old_configs_meaning():
    assert TrainConfig().resolved_norm == "none"
    assert TrainConfig(batch_norm=True).resolved_norm == "batch"
    assert TrainConfig(norm="rms").resolved_norm == "rms"
    assert TrainConfig(norm="batch", batch_norm=True).resolved_norm == "batch"
    assert TrainConfig(norm="layer", batch_size=1).batch_size == 1  # no batch statistic


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"norm": "instance"}, "norm must be one of none, batch, layer, group, rms"),
        ({"norm": "layer", "batch_norm": True}, "norm must be 'batch' or None with batch_norm"),
        ({"norm": "batch", "batch_size": 1}, "batch_size must be >= 2 with batch_norm"),
        ({"norm_groups": 0}, r"norm_groups must be an integer in \[1, 1024\]"),
    ],
)
def test_config_rejects_bad_norm_settings(fields, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**fields)


@pytest.mark.parametrize("norm", ["none", "batch", "layer", "group", "rms"])
def test_every_norm_trains(norm):
    config = TrainConfig(n_samples=200, hidden=(8, 8), epochs=15, norm=norm, norm_groups=4)
    run = Run(config)
    while not run.done:
        run.step()
    kinds = {type(ly).__name__ for ly in run.network.layers}
    expected = {"batch": "BatchNorm", "layer": "LayerNorm", "group": "GroupNorm", "rms": "RMSNorm"}
    assert (expected.get(norm) in kinds) if norm != "none" else not kinds & set(expected.values())
    assert run.records[-1].train_loss < 0.7 * run.initial_train_loss
    same = Run(dataclasses.replace(config, norm=None, batch_norm=norm == "batch"))
    if norm in ("none", "batch"):
        assert [type(ly) for ly in same.network.layers] == [type(ly) for ly in run.network.layers]
