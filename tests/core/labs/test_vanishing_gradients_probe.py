"""qa_core.labs.vanishing_gradients.probe: the probe network's gradients against the layer engine, and the sweep."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from qa_core.labs.vanishing_gradients import probe, sweeps
from qa_core.labs.vanishing_gradients.probe import Probe
from tests.core.labs.vanishing_gradients_reference import reference_norms


@pytest.mark.parametrize(
    ("activation", "init"), [("sigmoid", "xavier"), ("tanh", "lecun"), ("relu", "he")]
)
def test_gradient_profile_matches_backprop_through_the_layer_engine(activation, init):
    df = probe.gradient_profile(
        Probe(activation, 6, init, width=16, batch=32, seed=4, weight_scale=1.3)
    )
    norms, preacts = reference_norms(6, 16, activation, init, 32, 4, weight_scale=1.3)
    assert list(df["layer"]) == [1, 2, 3, 4, 5, 6]
    np.testing.assert_allclose(df["grad_norm"], norms, rtol=1e-10)
    np.testing.assert_allclose(df["preact_std"], [z.std() for z in preacts], rtol=1e-10)
    np.testing.assert_allclose(df["preact_mean"], [z.mean() for z in preacts], rtol=1e-10)


def test_first_layer_norms_of_nested_depths_equal_a_profile_of_each_depth():
    settings = Probe("tanh", 7, "xavier", width=12, batch=20, seed=2)
    norms, _ = probe.layer_grad_norms(settings, [1, 3, 7], all_layers=False)
    assert sorted(norms) == [1, 3, 7]
    for depth, first in norms.items():
        assert first.shape == (1,)
        profile = probe.gradient_profile(replace(settings, depth=depth))
        assert first[0] == pytest.approx(profile["grad_norm"].iloc[0], rel=1e-10)


def test_all_layer_norms_of_nested_depths_match_separate_profiles():
    settings = Probe("sigmoid", 5, "xavier", width=10, batch=16, seed=1)
    norms, _ = probe.layer_grad_norms(settings, [2, 5])
    assert norms[2].shape == (2,)
    assert norms[5].shape == (5,)
    for depth in (2, 5):
        profile = probe.gradient_profile(replace(settings, depth=depth))
        np.testing.assert_allclose(norms[depth], profile["grad_norm"], rtol=1e-10)


def test_sigmoid_gradients_vanish_with_depth_and_relu_with_he_does_not():
    sig = sweeps.sweep(Probe("sigmoid", 30, "xavier", width=64, batch=64), [2, 10, 30])
    relu = sweeps.sweep(Probe("relu", 30, "he", width=64, batch=64), [2, 10, 30])
    s, r = sig["grad_norm"].to_numpy(), relu["grad_norm"].to_numpy()
    assert s[0] > 1e3 * s[1] > 1e6 * s[2]  # roughly 0.25 per layer
    assert r[2] > 0.01 * r[0]


def test_sigmoid_derivative_never_exceeds_a_quarter_in_the_profile():
    df = probe.gradient_profile(Probe("sigmoid", 5, "xavier", width=32, batch=32))
    assert (df["deriv_mean"] <= 0.25).all()
    assert (df["deriv_mean"] > 0.15).all()  # Xavier keeps z near 0, where σ′ ≈ 0.25


def test_small_weight_scale_shrinks_the_first_layer_gradient_and_nothing_underflows():
    big = probe.gradient_profile(Probe("sigmoid", 40, "xavier", width=32, batch=32))
    small = probe.gradient_profile(
        Probe("sigmoid", 40, "xavier", width=32, batch=32, weight_scale=0.5)
    )
    assert 0 < small["grad_norm"].iloc[0] < big["grad_norm"].iloc[0]
    assert np.all(np.isfinite(small.to_numpy()))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"depth": 0}, "depth must be"),
        ({"depth": 101}, "depth must be"),
        ({"width": 0}, "width must be"),
        ({"batch": 1}, "batch must be"),
        ({"activation": "nope"}, "activation must be one of"),
        ({"init": "nope"}, "init must be one of"),
        ({"weight_scale": -1.0}, "weight_scale must be in"),
        ({"input_scale": float("nan")}, "input_scale must be in"),
        ({"depth": 100, "width": 1024, "batch": 1024}, "depth·batch·width"),
    ],
)
def test_probe_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        probe.gradient_profile(Probe(**{"activation": "sigmoid", "depth": 10, **kwargs}))


def test_matched_init_is_xavier_for_sigmoid_and_he_for_relu():
    for activation, init in (("sigmoid", "xavier"), ("relu", "he")):
        matched = probe.gradient_profile(Probe(activation, 4, width=8, batch=8))
        named = probe.gradient_profile(Probe(activation, 4, init, width=8, batch=8))
        pd.testing.assert_frame_equal(matched, named)


def test_a_shallower_probe_draws_the_first_weights_of_a_deeper_one():
    x, labels, readout, weights = probe.draw(Probe("tanh", 6, "lecun", width=8, batch=8), 6)
    x3, labels3, readout3, weights3 = probe.draw(Probe("tanh", 3, "lecun", width=8, batch=8), 3)
    np.testing.assert_array_equal(x, x3)
    np.testing.assert_array_equal(labels, labels3)
    np.testing.assert_array_equal(readout, readout3)
    assert len(weights) == 6 and len(weights3) == 3
    for w, w3 in zip(weights, weights3, strict=False):
        np.testing.assert_array_equal(w, w3)


def test_check_returns_the_depths_deepest_first_and_rejects_an_empty_list():
    settings = Probe("relu", 5, width=8, batch=8)
    assert probe.check(settings) == [5]
    assert probe.check(settings, [2, 7, 2, 3]) == [7, 3, 2]
    with pytest.raises(ValueError, match="at least one depth"):
        probe.check(settings, [])
