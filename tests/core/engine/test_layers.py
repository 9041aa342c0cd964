"""qa_core.engine.layers: every backward against central differences, and each layer's statistics."""

import numpy as np
import pytest

from qa_core.engine import activations
from qa_core.engine.layers import INITS, Activation, BatchNorm, Dense, Dropout, init_std
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad

KINKED = {"relu", "leaky_relu", "prelu", "rrelu", "elu"}


def away_from_kinks(rng, shape, margin=1e-2):
    """Standard normal values pushed at least ``margin`` away from 0 (the kinks)."""
    z = rng.standard_normal(shape)
    return np.where(np.abs(z) < margin, np.sign(z + 1e-300) * margin * 2, z)


def check_layer(layer, x, training, reset=lambda: None):
    """Compare backward's dx and every grads[k] with central differences of Σ y ⊙ R."""
    rng = np.random.default_rng(1)
    reset()
    y = layer.forward(x, training)
    r = rng.standard_normal(y.shape)

    def loss():
        reset()
        return float(np.sum(layer.forward(x, training) * r))

    reset()
    layer.forward(x, training)
    dx = layer.backward(r)
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    assert_grad_close(dx, numeric_grad(loss, x))
    for key, param in layer.params.items():
        assert_grad_close(analytic[key], numeric_grad(loss, param))


# -- Dense ------------------------------------------------------------------------------------


@pytest.mark.parametrize("init", [i for i in INITS if i != "zeros"])
def test_dense_backward_matches_finite_differences(init):
    rng = np.random.default_rng(0)
    layer = Dense(5, 4, init=init, std=0.3, rng=rng)
    layer.params["b"][:] = rng.standard_normal(4)
    check_layer(layer, rng.standard_normal((7, 5)), training=True)


@pytest.mark.parametrize(
    ("init", "expected"),
    [
        ("he", np.sqrt(2 / 400)),
        ("xavier", np.sqrt(2 / (400 + 300))),
        ("xavier_uniform", np.sqrt(2 / (400 + 300))),
        ("lecun", np.sqrt(1 / 400)),
        ("normal", 0.05),
    ],
)
def test_dense_init_has_the_papers_standard_deviation(init, expected):
    layer = Dense(400, 300, init=init, std=0.05, rng=np.random.default_rng(0))
    w = layer.params["W"]
    assert init_std(init, 400, 300, 0.05) == pytest.approx(expected)
    assert w.std() == pytest.approx(expected, rel=0.02)
    assert abs(w.mean()) < 0.02 * expected
    assert np.all(layer.params["b"] == 0)


def test_xavier_uniform_respects_glorots_bound():
    w = Dense(400, 300, init="xavier_uniform", rng=np.random.default_rng(0)).params["W"]
    bound = np.sqrt(6 / (400 + 300))
    assert np.abs(w).max() <= bound
    assert np.abs(w).max() > 0.99 * bound


def test_dense_scale_multiplies_the_initial_weights_and_zeros_is_zero():
    a = Dense(20, 10, scale=1.0, rng=np.random.default_rng(3)).params["W"]
    b = Dense(20, 10, scale=0.25, rng=np.random.default_rng(3)).params["W"]
    np.testing.assert_allclose(b, 0.25 * a)
    assert np.all(Dense(20, 10, init="zeros").params["W"] == 0)


@pytest.mark.parametrize(
    "kwargs",
    [{"init": "glorot"}, {"n_in": 0}, {"std": -1.0}, {"scale": float("nan")}, {"n_out": 2.5}],
)
def test_dense_rejects_bad_arguments(kwargs):
    args = {"n_in": 3, "n_out": 2, **kwargs}
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        Dense(**args)


# -- Activation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", activations.names())
@pytest.mark.parametrize("training", [False, True])
def test_activation_backward_matches_finite_differences(name, training):
    rng = np.random.default_rng(0)
    x = away_from_kinks(rng, (6, 5)) if name in KINKED else 2 * rng.standard_normal((6, 5))
    layer = Activation(name)

    def reset():  # RReLU draws its training slopes from rng: replay the same draw
        layer.rng = np.random.default_rng(7)

    check_layer(layer, x, training, reset)


def test_prelu_slope_is_one_shared_learnable_parameter_starting_at_a_quarter():
    layer = Activation("prelu")
    assert layer.params["a"].shape == (1,)
    assert layer.params["a"][0] == 0.25
    z = np.array([[-2.0, 3.0], [-1.0, -4.0]])
    np.testing.assert_allclose(layer.forward(z, True), [[-0.5, 3.0], [-0.25, -1.0]])
    layer.backward(np.ones_like(z))
    assert layer.grads["a"][0] == pytest.approx(-2.0 - 1.0 - 4.0)


def test_prelu_channelwise_slope_gradient_matches_finite_differences():
    rng = np.random.default_rng(2)
    layer = Activation("prelu", num_parameters=5, a=0.1)
    layer.params["a"][:] = rng.uniform(0.0, 0.5, 5)
    assert layer.params["a"].shape == (5,)
    check_layer(layer, away_from_kinks(rng, (8, 5)), training=True)


def test_rrelu_eval_is_deterministic_leaky_relu_with_the_mean_slope():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((50, 20))
    layer = Activation("rrelu", rng=np.random.default_rng(1), lower=0.1, upper=0.3)
    first = layer.forward(z, training=False)
    again = layer.forward(z, training=False)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(first, np.where(z > 0, z, 0.2 * z))


def test_rrelu_training_draws_one_slope_per_negative_element_within_bounds():
    z = -np.ones((200, 50))
    layer = Activation("rrelu", rng=np.random.default_rng(1))
    slopes = -layer.forward(z, training=True)
    assert slopes.min() >= 1 / 8
    assert slopes.max() <= 1 / 3
    assert len(np.unique(slopes)) > 9000
    assert slopes.mean() == pytest.approx(11 / 48, rel=0.01)
    pos = layer.forward(np.ones((3, 3)), training=True)
    np.testing.assert_array_equal(pos, np.ones((3, 3)))


def test_activation_keeps_the_last_pre_activation_and_output():
    layer = Activation("tanh")
    z = np.array([[0.5, -1.0]])
    y = layer.forward(z, False)
    assert layer.last_input is z
    np.testing.assert_array_equal(layer.last_output, y)


def test_unknown_activation_raises_naming_it():
    with pytest.raises(ValueError, match="swishy"):
        Activation("swishy")


# -- Dropout ----------------------------------------------------------------------------------


def test_dropout_backward_with_a_fixed_mask_matches_finite_differences():
    rng = np.random.default_rng(0)
    layer = Dropout(0.4)
    layer.fixed_mask = rng.random((6, 5)) > 0.4
    check_layer(layer, rng.standard_normal((6, 5)), training=True)


def test_dropped_units_output_zero_and_pass_no_gradient():
    layer = Dropout(0.5)
    keep = np.array([[True, False, True], [False, True, True]])
    layer.fixed_mask = keep
    y = layer.forward(np.full((2, 3), 3.0), training=True)
    np.testing.assert_array_equal(y, np.where(keep, 6.0, 0.0))
    np.testing.assert_array_equal(layer.backward(np.ones((2, 3))), np.where(keep, 2.0, 0.0))


def test_dropout_keeps_the_expected_output_equal_to_the_input():
    x = np.random.default_rng(0).uniform(1.0, 2.0, (1, 20))
    layer = Dropout(0.3, rng=np.random.default_rng(5))
    outputs = layer.forward(np.repeat(x, 10_000, axis=0), training=True)
    assert set(np.unique(outputs / x).round(12)) == {0.0, round(1 / 0.7, 12)}
    # the mean over 10^4 masks: within 1% overall (σ ≈ 0.15%), per element within 5σ ≈ 3.3%
    assert outputs.mean() == pytest.approx(x.mean(), rel=0.01)
    np.testing.assert_allclose(outputs.mean(axis=0), x[0], rtol=0.033)
    assert np.mean(outputs == 0) == pytest.approx(0.3, abs=0.01)


def test_dropout_is_the_identity_in_eval_and_for_p_zero():
    x = np.random.default_rng(0).standard_normal((4, 3))
    np.testing.assert_array_equal(Dropout(0.9).forward(x, training=False), x)
    np.testing.assert_array_equal(Dropout(0.0).forward(x, training=True), x)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.2, float("nan")])
def test_dropout_rejects_p_outside_zero_one(p):
    with pytest.raises(ValueError, match=r"dropout must be in \[0, 1\)"):
        Dropout(p)


# -- BatchNorm --------------------------------------------------------------------------------


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_backward_matches_finite_differences(training):
    rng = np.random.default_rng(0)
    layer = BatchNorm(4)
    layer.params["gamma"][:] = rng.uniform(0.5, 2.0, 4)
    layer.params["beta"][:] = rng.standard_normal(4)
    layer.running_mean[:] = rng.standard_normal(4)
    layer.running_var[:] = rng.uniform(0.5, 2.0, 4)
    check_layer(layer, 3 * rng.standard_normal((9, 4)) + 1, training)


def test_batchnorm_training_output_has_zero_mean_unit_std_per_feature():
    x = np.random.default_rng(0).normal(5.0, 3.0, (256, 8)) * np.arange(1, 9)
    y = BatchNorm(8).forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=0), 1.0, rtol=1e-4)  # ε = 1e-5 shrinks it a hair


def test_batchnorm_gamma_std_beta_mean_restores_the_input():
    x = np.random.default_rng(1).normal(-2.0, 4.0, (128, 3))
    layer = BatchNorm(3, eps=1e-12)
    layer.params["gamma"][:] = x.std(axis=0)
    layer.params["beta"][:] = x.mean(axis=0)
    np.testing.assert_allclose(layer.forward(x, training=True), x, rtol=1e-9, atol=1e-9)


def test_batchnorm_running_stats_use_momentum_and_the_unbiased_variance():
    x = np.random.default_rng(2).normal(3.0, 2.0, (10, 4))
    layer = BatchNorm(4, momentum=0.1)
    layer.forward(x, training=True)
    np.testing.assert_allclose(layer.running_mean, 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(layer.running_var, 0.9 + 0.1 * x.var(axis=0, ddof=1))


def test_batchnorm_running_stats_converge_to_the_population():
    rng = np.random.default_rng(3)
    mean, std = np.array([2.0, -1.0, 0.0]), np.array([3.0, 0.5, 1.0])
    layer = BatchNorm(3)
    for _ in range(400):
        layer.forward(rng.normal(mean, std, (64, 3)), training=True)
    np.testing.assert_allclose(layer.running_mean, mean, atol=0.1)
    np.testing.assert_allclose(layer.running_var, std**2, rtol=0.1)


def test_batchnorm_eval_uses_the_running_statistics():
    rng = np.random.default_rng(4)
    layer = BatchNorm(3)
    layer.running_mean[:] = [1.0, 2.0, 3.0]
    layer.running_var[:] = [4.0, 1.0, 0.25]
    layer.params["gamma"][:] = [2.0, 1.0, 0.5]
    layer.params["beta"][:] = [0.0, 1.0, -1.0]
    x = rng.standard_normal((5, 3))
    before = layer.running_mean.copy()
    expected = (x - [1.0, 2.0, 3.0]) / np.sqrt(np.array([4.0, 1.0, 0.25]) + 1e-5)
    expected = expected * [2.0, 1.0, 0.5] + [0.0, 1.0, -1.0]
    np.testing.assert_allclose(layer.forward(x, training=False), expected)
    np.testing.assert_array_equal(layer.running_mean, before)


def test_batchnorm_training_batch_of_one_is_finite_and_leaves_running_stats():
    layer = BatchNorm(3)
    layer.running_mean[:] = [1.0, 0.0, -1.0]
    y = layer.forward(np.array([[2.0, 3.0, 4.0]]), training=True)
    dx = layer.backward(np.ones((1, 3)))
    assert np.all(np.isfinite(y))
    assert np.all(np.isfinite(dx))
    np.testing.assert_array_equal(layer.running_mean, [1.0, 0.0, -1.0])
    np.testing.assert_allclose(
        y, (np.array([[2.0, 3.0, 4.0]]) - [1.0, 0.0, -1.0]) / np.sqrt(1 + 1e-5)
    )
