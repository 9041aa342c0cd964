"""qa_core.engine.activations: derivatives against finite differences, stability, RReLU, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_core.engine import activations

CONTRACT_NAMES = {
    "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "elu", "selu", "softplus", "gelu",
    "silu",
}  # fmt: skip
KINKED = {"relu", "leaky_relu", "prelu", "rrelu", "elu", "selu"}
H = 1e-5


def central_difference(act, z, h=H):
    return (act.forward(z + h) - act.forward(z - h)) / (2 * h)


def test_registry_has_every_contract_name():
    assert set(activations.names()) >= CONTRACT_NAMES


@pytest.mark.parametrize("name", sorted(CONTRACT_NAMES))
@settings(max_examples=200, deadline=None)
@given(z=st.floats(min_value=-40.0, max_value=40.0, allow_nan=False))
def test_derivative_matches_central_difference(name, z):
    if name in KINKED and abs(z) < 10 * H:
        return  # the derivative is one-sided at the kink; checked separately below
    act = activations.get(name)
    z = np.array([z])
    np.testing.assert_allclose(act.derivative(z), central_difference(act, z), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", sorted(KINKED))
def test_kinks_take_the_left_derivative(name):
    act = activations.get(name)
    left = act.derivative(np.array([-1e-9]))
    assert act.derivative(np.array([0.0])) == pytest.approx(left)


@pytest.mark.parametrize("name", sorted(CONTRACT_NAMES))
def test_extreme_inputs_raise_no_warning_and_stay_finite(name):
    z = np.array(
        [-1e4, -1e3, -710.0, -709.0, -50.0, -1e-300, 0.0, 1e-300, 50.0, 709.0, 710.0, 1e3, 1e4]
    )
    act = activations.get(name)
    # Underflow to 0 is the right answer in the tails; overflow, 0/0 or inf/inf are bugs.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        f, d = act.forward(z), act.derivative(z)
    assert np.all(np.isfinite(f)) and np.all(np.isfinite(d))


def test_sigmoid_and_tanh_derivative_values_from_the_literature():
    s, t = activations.get("sigmoid"), activations.get("tanh")
    assert s.derivative(np.array([0.0]))[0] == pytest.approx(0.25)
    assert s.derivative(np.array([5.0]))[0] == pytest.approx(6.6e-3, rel=0.01)
    assert s.derivative(np.array([10.0]))[0] == pytest.approx(4.5e-5, rel=0.01)
    assert t.derivative(np.array([0.0]))[0] == pytest.approx(1.0)
    assert t.derivative(np.array([5.0]))[0] == pytest.approx(1.8e-4, rel=0.01)


@given(z=st.floats(min_value=-300.0, max_value=300.0, allow_nan=False))
def test_tanh_is_a_scaled_and_shifted_sigmoid(z):
    s, t = activations.get("sigmoid"), activations.get("tanh")
    z = np.array([z])
    np.testing.assert_allclose(t.forward(z), 2 * s.forward(2 * z) - 1, atol=1e-15)
    np.testing.assert_allclose(t.derivative(z), 4 * s.derivative(2 * z), rtol=1e-12, atol=1e-300)


def test_derivative_formulas_in_terms_of_the_output():
    z = np.linspace(-8, 8, 101)
    s, t = activations.get("sigmoid"), activations.get("tanh")
    np.testing.assert_allclose(s.derivative(z), s.forward(z) * (1 - s.forward(z)), rtol=1e-9)
    np.testing.assert_allclose(t.derivative(z), 1 - t.forward(z) ** 2, rtol=1e-7, atol=1e-15)


def test_relu_family_formulas():
    z = np.array([-2.0, -0.5, 0.5, 2.0])
    np.testing.assert_array_equal(activations.get("relu").forward(z), [0, 0, 0.5, 2])
    np.testing.assert_array_equal(activations.get("relu").derivative(z), [0, 0, 1, 1])
    leaky = activations.get("leaky_relu", alpha=0.1)
    np.testing.assert_allclose(leaky.forward(z), [-0.2, -0.05, 0.5, 2])
    prelu = activations.get("prelu", a=0.25)
    np.testing.assert_allclose(prelu.forward(z), np.maximum(0, z) + 0.25 * np.minimum(0, z))
    np.testing.assert_allclose(prelu.derivative_a(z), np.minimum(0, z))


def test_selu_is_a_scaled_elu_with_the_papers_constants():
    selu = activations.get("selu")
    assert abs(activations.SELU_LAMBDA - 1.0507) < 1e-4
    assert abs(activations.SELU_ALPHA - 1.6733) < 1e-4
    z = np.linspace(-6, 6, 121)
    elu = activations.get("elu", alpha=activations.SELU_ALPHA)
    np.testing.assert_allclose(selu.forward(z), activations.SELU_LAMBDA * elu.forward(z))
    # The kink: slope λ on the right, λα on the left (the left one is taken at 0).
    assert selu.derivative(np.array([1e-9]))[0] == pytest.approx(activations.SELU_LAMBDA)
    assert selu.derivative(np.array([0.0]))[0] == pytest.approx(
        activations.SELU_LAMBDA * activations.SELU_ALPHA
    )
    assert "selu" in activations.names()


def test_selu_maps_a_standard_normal_input_to_mean_0_and_variance_1():
    # Klambauer et al. (2017): λ and α make (mean 0, variance 1) a fixed point.
    z = np.linspace(-12, 12, 240_001)
    density = np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi) * (z[1] - z[0])
    f = activations.get("selu").forward(z)
    mean = np.sum(f * density)
    assert mean == pytest.approx(0.0, abs=1e-8)
    assert np.sum(f**2 * density) - mean**2 == pytest.approx(1.0, abs=1e-8)
    elu = activations.get("elu").forward(z)  # plain ELU has no such fixed point
    assert abs(np.sum(elu * density)) > 0.1


def test_rrelu_eval_is_a_leaky_relu_with_the_mean_slope():
    r = activations.get("rrelu", lower=0.1, upper=0.3)
    z = np.linspace(-3, 3, 61)
    assert r.eval_slope == pytest.approx(0.2)
    np.testing.assert_array_equal(r.forward(z), r.forward(z))
    np.testing.assert_allclose(r.forward(z), activations.get("leaky_relu", alpha=0.2).forward(z))
    default = activations.get("rrelu")
    assert default.eval_slope == pytest.approx(11 / 48)


def test_rrelu_training_slopes_are_uniform_in_the_range_and_seeded():
    r = activations.get("rrelu")
    a = r.sample_slopes((20_000,), np.random.default_rng(1))
    b = r.sample_slopes((20_000,), np.random.default_rng(1))
    c = r.sample_slopes((20_000,), np.random.default_rng(2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.min() >= 1 / 8 and a.max() <= 1 / 3
    assert a.mean() == pytest.approx(11 / 48, abs=0.003)
    assert a.std() == pytest.approx((1 / 3 - 1 / 8) / np.sqrt(12), rel=0.03)


@pytest.mark.parametrize(
    ("name", "params", "fragment"),
    [
        ("swish2", {}, "activation must be one of"),
        ("relu", {"alpha": 0.1}, "unknown parameter"),
        ("leaky_relu", {"alpha": -0.1}, "alpha must be in"),
        ("leaky_relu", {"alpha": 1.0}, "alpha must be in"),
        ("leaky_relu", {"alpha": float("nan")}, "alpha must be in"),
        ("prelu", {"a": float("inf")}, "a must be in"),
        ("rrelu", {"lower": 0.4, "upper": 0.2}, "lower must be <= upper"),
        ("rrelu", {"upper": 1.0}, "upper must be in"),
        ("rrelu", {"lower": -0.1}, "lower must be in"),
        ("elu", {"alpha": -1.0}, "alpha must be in"),
    ],
)
def test_invalid_names_and_parameters_raise_value_error(name, params, fragment):
    with pytest.raises(ValueError, match=fragment):
        activations.get(name, **params)
