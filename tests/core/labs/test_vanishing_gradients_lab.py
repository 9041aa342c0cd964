"""qa_core.labs.vanishing_gradients: the page's sweeps and profiles against the layer engine, and their physics."""

import itertools

import numpy as np
import pandas as pd
import pytest

from qa_core.labs.vanishing_gradients import probe, saturation, sweeps, training_steps
from qa_core.labs.vanishing_gradients.probe import Probe
from tests.core.labs.vanishing_gradients_reference import reference_norms


def engine_norms(*args, **kwargs):
    """‖∂L/∂W_l‖ of the probe rebuilt from the engine's layers."""
    return reference_norms(*args, **kwargs)[0]


@pytest.mark.parametrize(
    ("activation", "init"), [("sigmoid", "xavier"), ("tanh", "normal"), ("relu", "he")]
)
def test_sweep_matches_the_engines_backward_pass(activation, init):
    settings = Probe(activation, 6, init, width=12, batch=16, std=0.5, weight_scale=1.3, seed=3)
    sweep = sweeps.sweep(settings, depths=[1, 3, 6])
    assert list(sweep["depth"]) == [1, 3, 6]
    for depth, norm in zip(sweep["depth"], sweep["grad_norm"], strict=True):
        reference = engine_norms(depth, 12, activation, init, 16, 3, std=0.5, weight_scale=1.3)
        assert norm == pytest.approx(reference[0], rel=1e-10)


def test_layer_profile_matches_the_engine_for_every_layer():
    profile = sweeps.layer_profile(Probe("leaky_relu", 7, width=10, batch=12, seed=5))
    np.testing.assert_allclose(
        profile["grad_norm"], engine_norms(7, 10, "leaky_relu", "he", 12, 5), rtol=1e-10
    )
    assert list(profile["layer"]) == list(range(1, 8))


def test_sigmoid_with_xavier_vanishes_with_depth_under_the_quarter_ceiling():
    sweep = sweeps.sweep(Probe("sigmoid", 50, "xavier", width=64, batch=64))
    g = sweep["grad_norm"].to_numpy()
    assert np.all(np.diff(g) < 0)  # strictly smaller at every deeper grid point
    assert g[-1] < 1e-20 * g[0]
    ceiling = sweeps.sigmoid_ceiling(sweep["depth"], g[0])
    assert np.all(g <= ceiling * (1 + 1e-12))  # Xavier's weights do not beat 0.25 per layer


def test_relu_with_he_stays_within_a_factor_of_ten_over_fifty_layers():
    g = sweeps.sweep(Probe("relu", 50, "he", width=128, batch=128))["grad_norm"].to_numpy()
    assert np.all(np.isfinite(g)) and g.max() / g.min() < 10


def test_a_bad_init_explodes_relu_and_the_good_one_does_not():
    bad = sweeps.sweep(Probe("relu", 30, "normal", width=64, batch=64, std=1.0))["grad_norm"]
    good = sweeps.sweep(Probe("relu", 30, "he", width=64, batch=64))["grad_norm"]
    assert bad.iloc[-1] > 1e20 * bad.iloc[0]
    assert good.iloc[-1] < 10 * good.iloc[0]


def test_same_seed_gives_identical_results_and_another_seed_does_not():
    a = sweeps.sweep(Probe("tanh", 10, width=16, batch=16, seed=7))
    b = sweeps.sweep(Probe("tanh", 10, width=16, batch=16, seed=7))
    c = sweeps.sweep(Probe("tanh", 10, width=16, batch=16, seed=8))
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["grad_norm"], c["grad_norm"])


def test_a_shorter_sweep_is_the_start_of_a_longer_one():
    """Nested networks: the page computes to 50 once and only shows depths up to D."""
    short = sweeps.sweep(Probe("sigmoid", 16, width=16, batch=16))
    long = sweeps.sweep(Probe("sigmoid", 50, width=16, batch=16))
    head = long[long["depth"] <= 16].reset_index(drop=True)
    pd.testing.assert_frame_equal(short, head)


def test_depth_grid():
    grid = sweeps.depth_grid(50)
    assert grid[0] == 1 and grid[-1] == 50
    assert list(grid[:6]) == [1, 2, 3, 4, 5, 6]
    assert all(b > a for a, b in itertools.pairwise(grid))
    assert sum(grid) < 0.2 * sum(range(1, 51))  # the cost of the nested sweep
    assert sweeps.depth_grid(7) == (1, 2, 3, 4, 5, 6, 7)
    assert sweeps.depth_grid(33)[-2:] == (30, 33)
    for bad in (0, 101, True, 2.5):
        with pytest.raises(ValueError, match="max_depth"):
            sweeps.depth_grid(bad)


def test_status_marks_overflow_and_zero():
    assert list(sweeps.status([1.0, np.inf, np.nan, 0.0, 1e-300])) == [
        "ok", "overflow", "overflow", "zero", "ok",
    ]  # fmt: skip


def test_huge_weights_overflow_and_saturated_ones_underflow_without_raising():
    boom = sweeps.sweep(Probe("relu", 50, "normal", width=32, batch=32, std=100, weight_scale=100))
    assert (boom["status"] == "overflow").any()
    assert boom["status"].iloc[0] == "ok"
    flat = sweeps.sweep(
        Probe("sigmoid", 20, "normal", width=32, batch=32, std=100, weight_scale=100)
    )
    assert (flat["status"] == "zero").any()
    profile = sweeps.layer_profile(
        Probe("relu", 50, "normal", width=32, batch=32, std=100, weight_scale=100)
    )
    assert profile["status"].iloc[0] == "overflow"
    assert np.isnan(sweeps.first_last_ratio(profile))


def test_sigmoid_ceiling():
    np.testing.assert_allclose(
        sweeps.sigmoid_ceiling([1, 2, 11], 2.0), [2.0, 0.5, 2.0 * 0.25**10], rtol=1e-15
    )
    for anchor in (0.0, -1.0, np.nan, np.inf):
        with pytest.raises(ValueError, match="anchor"):
            sweeps.sigmoid_ceiling([1, 2], anchor)


def test_first_last_ratio_and_buckets():
    frame = pd.DataFrame({"layer": [1, 2, 3], "grad_norm": [1e-8, 1.0, 2.0]})
    assert sweeps.first_last_ratio(frame) == pytest.approx(5e-9)
    assert sweeps.ratio_bucket(5e-9) == "much_smaller"
    assert sweeps.ratio_bucket(1e-3) == "smaller"
    assert sweeps.ratio_bucket(0.5) == "same"
    assert sweeps.ratio_bucket(50.0) == "larger"
    assert sweeps.ratio_bucket(float("nan")) is None
    broken = pd.DataFrame({"layer": [1, 2], "grad_norm": [np.inf, 1.0]})
    assert np.isnan(sweeps.first_last_ratio(broken))


def test_twenty_layer_sigmoid_net_with_xavier_the_predict_question():
    profile = sweeps.layer_profile(Probe("sigmoid", 20, "xavier", width=64, batch=64))
    ratio = sweeps.first_last_ratio(profile)
    assert ratio < 0.25**10
    assert sweeps.ratio_bucket(ratio) == "much_smaller"


def test_profile_summary():
    profiles = {
        "a": pd.DataFrame({"layer": [1, 2], "grad_norm": [1.0, 4.0]}),
        "b": pd.DataFrame({"layer": [1, 2, 3], "grad_norm": [3.0, 2.0, 0.0]}),
    }
    summary = sweeps.profile_summary(profiles)
    assert list(summary["name"]) == ["a", "b"]
    assert list(summary["first"]) == [1.0, 3.0] and list(summary["last"]) == [4.0, 0.0]
    assert summary["ratio"].iloc[0] == pytest.approx(0.25) and np.isnan(summary["ratio"].iloc[1])


def test_matched_and_resolved_inits():
    assert probe.matched_init("sigmoid") == "xavier"
    assert probe.matched_init("tanh") == "xavier"
    assert probe.matched_init("relu") == "he"
    assert probe.matched_init("leaky_relu") == "he"
    assert probe.matched_init("selu") == "lecun"
    assert probe.resolve_init("relu", "normal") == "normal"
    with pytest.raises(ValueError, match="activation"):
        probe.matched_init("nope")
    with pytest.raises(ValueError, match="init"):
        probe.resolve_init("relu", "nope")


def test_selu_with_its_lecun_init_keeps_mean_0_and_std_1_through_50_layers():
    # Self-normalisation (Klambauer et al. 2017): the matched init is LeCun normal.
    stats = saturation.activation_stats(Probe("selu", 50, "matched"))
    assert stats["mean"].abs().max() < 0.05
    assert stats["std"].between(0.95, 1.05).all()
    he = saturation.activation_stats(Probe("selu", 50, "he"))  # twice the variance: it grows
    assert he["std"].iloc[-1] > 10


def test_probe_network_is_the_engines_probe():
    net, x, labels = training_steps.probe_network(
        Probe("tanh", 4, "xavier", width=8, batch=10, seed=2)
    )
    _, dout = net.loss(net.forward(x), labels)
    net.backward(dout)
    np.testing.assert_allclose(
        net.grad_norms()[:-1], engine_norms(4, 8, "tanh", "xavier", 10, 2), rtol=1e-10
    )


def test_zero_training_steps_is_the_fresh_profile():
    settings = Probe("sigmoid", 6, "xavier", width=16, batch=20, seed=1, weight_scale=1.2)
    trained = training_steps.trained_profile(settings, steps=0)
    fresh = sweeps.layer_profile(settings)
    np.testing.assert_allclose(trained.norms["grad_norm"], fresh["grad_norm"], rtol=1e-10)
    assert len(trained.losses) == 1 and trained.diverged_at is None


def test_training_steps_lower_the_loss_and_change_the_gradients():
    settings = Probe("relu", 5, "he", width=32, batch=32)
    trained = training_steps.trained_profile(settings, steps=10, lr=0.1)
    fresh = sweeps.layer_profile(settings)
    assert len(trained.losses) == 11
    assert trained.losses[-1] < trained.losses[0]
    assert not np.allclose(trained.norms["grad_norm"], fresh["grad_norm"])


def test_training_reports_divergence_instead_of_raising():
    trained = training_steps.trained_profile(
        Probe("relu", 5, "normal", width=32, batch=32, std=1.0), steps=10, lr=3.0
    )
    assert trained.diverged_at is not None and trained.diverged_at <= 10
    assert not np.isfinite(trained.losses[-1])


def test_saturation_profile_agrees_with_the_engine_and_counts_flat_units():
    layers = saturation.saturation_profile(Probe("sigmoid", 6, "normal", width=64, batch=64))
    engine = probe.gradient_profile(Probe("sigmoid", 6, "normal", width=64, batch=64, std=1.0))
    assert [s.layer for s in layers] == list(range(1, 7))
    np.testing.assert_allclose([s.z_std for s in layers], engine["preact_std"], rtol=1e-10)
    np.testing.assert_allclose([s.mean_fprime for s in layers], engine["deriv_mean"], rtol=1e-10)
    for s in layers:
        assert s.share.sum() == pytest.approx(1.0 - s.nonfinite)
        assert len(s.edges) == len(s.share) + 1
        assert s.flat_below == pytest.approx(0.1 * 0.25, rel=1e-6)
    assert min(s.flat_share for s in layers) > 0.3  # N(0, 1) on 64 inputs: z has std ≈ 5–8
    xavier = saturation.saturation_profile(Probe("sigmoid", 6, "xavier", width=64, batch=64))
    assert max(s.flat_share for s in xavier) < 0.05


def test_relu_has_half_its_preactivations_where_the_slope_is_zero():
    layers = saturation.saturation_profile(Probe("relu", 4, "he", width=64, batch=64), 0.01)
    assert all(0.4 < s.flat_share < 0.6 for s in layers)
    summary = saturation.saturation_summary(layers)
    assert list(summary.columns) == ["layer", "flat_share", "mean_fprime", "z_std", "nonfinite"]


def test_activation_stats_agree_with_the_engine_and_show_saturation():
    settings = Probe("tanh", 5, "normal", width=64, batch=64, std=1.0)
    stats = saturation.activation_stats(settings)
    engine = probe.gradient_profile(settings)
    np.testing.assert_allclose(stats["mean"], engine["act_mean"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(stats["std"], engine["act_std"], rtol=1e-10)
    assert (stats["p5"] < -0.9).all() and (stats["p95"] > 0.9).all()  # crowding at ±1
    assert (stats["p5"] <= stats["p25"]).all() and (stats["p75"] <= stats["p95"]).all()
    relu = saturation.activation_stats(Probe("relu", 20, "he", width=64, batch=64))
    assert relu["std"].max() / relu["std"].min() < 5


def test_activation_stats_stay_finite_for_huge_values_and_mark_overflow():
    kwargs = {"init": "normal", "width": 32, "batch": 32, "std": 100, "weight_scale": 100}
    huge = saturation.activation_stats(Probe("relu", 30, **kwargs))
    assert (huge["status"] == "ok").all()
    assert np.isfinite(huge["std"]).all() and huge["std"].iloc[-1] > 1e120  # Σx² would overflow
    boom = saturation.activation_stats(Probe("relu", 100, **kwargs))
    assert boom["status"].iloc[0] == "ok" and boom["status"].iloc[-1] == "overflow"
    assert boom["nonfinite"].iloc[-1] > 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sweeps.sweep(Probe("sigmoid", 50, "nope")), "init must be one of"),
        (lambda: sweeps.sweep(Probe("nope", 50)), "activation must be one of"),
        (lambda: sweeps.sweep(Probe("relu", 0)), "max_depth"),
        (lambda: sweeps.layer_profile(Probe("relu", 0)), "depth must be"),
        (lambda: sweeps.layer_profile(Probe("relu", 5, weight_scale=-1.0)), "weight_scale"),
        (lambda: saturation.saturation_profile(Probe("relu", 3), flat_ratio=0.0), "flat_ratio"),
        (lambda: saturation.saturation_profile(Probe("relu", 3), bins=2), "bins"),
        (lambda: training_steps.trained_profile(Probe("relu", 3), steps=-1), "steps"),
        (lambda: training_steps.trained_profile(Probe("relu", 3, width=8, batch=8), lr=0.0), "lr"),
        (lambda: saturation.activation_stats(Probe("relu", 3, "normal", std=0.0)), "std"),
        (lambda: training_steps.probe_network(Probe("relu", 3, input_scale=-1.0)), "input_scale"),
    ],
)
def test_bad_arguments_raise_value_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_marked_lists_the_statuses_a_chart_must_mark():
    ok = pd.DataFrame({"status": ["ok", "ok"]})
    zero = pd.DataFrame({"status": ["ok", "zero"]})
    boom = pd.DataFrame({"status": ["overflow", "ok", "zero"]})
    assert sweeps.marked([]) == frozenset()
    assert sweeps.marked([ok]) == frozenset()
    assert sweeps.marked([ok, zero]) == {"zero"}
    assert sweeps.marked([ok, boom]) == {"overflow", "zero"}


def test_the_ceiling_line_is_anchored_on_the_sigmoid_sweep_when_it_has_one():
    sigmoid = pd.DataFrame(
        {"depth": [1, 2, 5], "grad_norm": [2.0, 0.3, 0.001], "status": ["ok"] * 3}
    )
    relu = pd.DataFrame({"depth": [1, 2, 5], "grad_norm": [1.0] * 3, "status": ["ok"] * 3})
    depths, values = sweeps.sigmoid_ceiling_line({"relu": relu, "sigmoid": sigmoid})
    assert list(depths) == [1, 2, 5]
    np.testing.assert_allclose(values, [2.0, 0.5, 2.0 * 0.25**4], rtol=1e-15)
    assert sweeps.sigmoid_ceiling_line({"relu": relu}) is None
    broken = sigmoid.assign(status=["overflow", "ok", "ok"])
    assert sweeps.sigmoid_ceiling_line({"sigmoid": broken}) is None


def test_the_ratio_answer_of_a_profile():
    profile = pd.DataFrame({"layer": [1, 2, 3], "grad_norm": [1e-8, 1.0, 2.0]})
    answer = sweeps.ratio_answer(profile)
    assert (answer.first, answer.last) == (1e-8, 2.0)
    assert answer.ratio == pytest.approx(5e-9) and answer.bucket == "much_smaller"
    assert answer.ceiling == pytest.approx(0.25**2)
    broken = sweeps.ratio_answer(profile.assign(grad_norm=[0.0, 1.0, 2.0]))
    assert np.isnan(broken.ratio) and broken.bucket is None


def test_overflowed_says_whether_any_layer_overflowed():
    settings = Probe("relu", 4, "he", width=16, batch=16)
    assert not saturation.overflowed(saturation.saturation_profile(settings))
    layers = saturation.saturation_profile(
        Probe("relu", 100, "normal", width=32, batch=32, std=100, weight_scale=100)
    )
    assert saturation.overflowed(layers)
    assert layers[0].nonfinite == 0  # the first layers are finite: the deep ones overflow
