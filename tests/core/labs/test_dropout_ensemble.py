"""qa_core.labs.dropout.ensemble: thinned networks, Monte-Carlo averaging vs weight scaling."""

import numpy as np
import pytest

from qa_core.engine.network import build_mlp
from qa_core.engine.training import Run
from qa_core.labs.dropout import ensemble as de


@pytest.fixture(scope="module")
def trained():
    """A dropout net (p = 0.2, 2×64, no BatchNorm) trained on moons, and its test inputs."""
    run = Run(de.ensemble_config("moons", p=0.2, width=64, epochs=60, seed=0, n_test=300))
    list(run)
    return run, run.data.inputs(run.data.x_test)


def test_mc_average_of_1000_thinned_nets_agrees_with_eval_mode(trained):
    run, x = trained
    eval_p = run.network.predict_proba(x)
    mc = de.thinned_probabilities(run.network, x, 1000, np.random.default_rng(5)).mean(axis=0)
    gap = np.abs(mc[:, 1] - eval_p[:, 1])
    # Measured: mean |ΔP| ≈ 0.009, max ≈ 0.09, same predicted class on ≈ 98 % of the points.
    assert gap.mean() < 0.02
    assert gap.max() < 0.2
    assert np.mean(mc.argmax(axis=1) == eval_p.argmax(axis=1)) > 0.96
    # What is left is bias (arithmetic ensemble mean ≠ weight scaling), not sampling noise:
    # a second independent 1000-sample average lands far closer to the first than to eval.
    again = de.thinned_probabilities(run.network, x, 1000, np.random.default_rng(6)).mean(axis=0)
    assert np.abs(again[:, 1] - mc[:, 1]).mean() < 0.5 * gap.mean()
    # And a single thinned net is much further off than the 1000-net average.
    one = de.thinned_probabilities(run.network, x, 1, np.random.default_rng(7))[0]
    assert np.abs(one[:, 1] - eval_p[:, 1]).mean() > 2 * gap.mean()


def test_thinned_passes_leave_the_network_alone(trained):
    run, x = trained
    theta = run.network.theta.copy()
    states = [ly.rng.bit_generator.state for ly in run.network.dropout_layers]
    before = run.network.predict_proba(x)
    de.thinned_probabilities(run.network, x, 20, np.random.default_rng(0))
    np.testing.assert_array_equal(run.network.theta, theta)
    assert [ly.rng.bit_generator.state for ly in run.network.dropout_layers] == states
    np.testing.assert_array_equal(run.network.predict_proba(x), before)


def test_each_pass_is_one_real_subnetwork_with_a_shared_mask():
    rng = np.random.default_rng(0)
    net = build_mlp(2, (6, 5), 2, dropout=0.4, rng=rng)
    x = rng.standard_normal((9, 2))
    probs = de.thinned_probabilities(net, x, 3, np.random.default_rng(42))
    # Re-draw the same masks (layer by layer, all 3 networks at once) and fix them in the net.
    again = np.random.default_rng(42)
    keeps = [(again.random((3, w), dtype=np.float32) >= 0.4).astype(float) for w in (6, 5)]
    for i in range(3):
        for layer, keep in zip(net.dropout_layers, keeps, strict=True):
            layer.fixed_mask = keep[i]
        out = net.forward(x, training=True)
        expected = np.exp(out - out.max(axis=1, keepdims=True))
        expected /= expected.sum(axis=1, keepdims=True)
        np.testing.assert_allclose(probs[i], expected, rtol=1e-12)


def test_zero_drop_probability_gives_the_eval_prediction_every_time():
    net = build_mlp(2, (8, 8), 2, dropout=0.0, always_dropout=True, rng=np.random.default_rng(1))
    x = np.random.default_rng(2).standard_normal((20, 2))
    probs = de.thinned_probabilities(net, x, 4, np.random.default_rng(0))
    for p in probs:
        np.testing.assert_allclose(p, net.predict_proba(x), rtol=1e-12)


def test_results_do_not_depend_on_the_chunk_size(trained, monkeypatch):
    run, x = trained
    a = de.thinned_probabilities(run.network, x[:50], 23, np.random.default_rng(3))
    monkeypatch.setattr(de, "PASS_CHUNK", 4)
    b = de.thinned_probabilities(run.network, x[:50], 23, np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)


def test_running_means_log_loss_and_accuracy():
    probs = np.array([[[0.9, 0.1], [0.2, 0.8]], [[0.0, 1.0], [0.9, 0.1]]])
    y = np.array([0, 1])
    means = de.running_means(probs)
    np.testing.assert_allclose(means[1], probs.mean(axis=0))
    np.testing.assert_allclose(de.accuracy(means, y), [1.0, 0.0])
    np.testing.assert_allclose(de.log_loss(probs[0], y), -(np.log(0.9) + np.log(0.8)) / 2)


def test_first_k_staying_needs_the_condition_to_hold_to_the_end():
    assert de.first_k_staying([True, True, True]) == 1
    assert de.first_k_staying([False, True, False, True, True]) == 4
    assert de.first_k_staying([True, True, False]) is None


def test_compare_reports_curves_for_every_k_and_rejects_bad_settings():
    config = de.ensemble_config("xor", p=0.5, width=16, epochs=5, seed=1, n_test=200, n_train=100)
    fractions = []
    result = de.compare(config, k_max=30, mc_seed=2, progress=fractions.append)
    assert list(result.curves["k"]) == list(range(1, 31))
    assert result.n_test == 200 and result.n_units == 32 and result.n_subnetworks == 2**32
    assert fractions[-1] == pytest.approx(1.0) and fractions == sorted(fractions)
    k = result.k_match_acc
    assert k is None or 1 <= k <= 30
    assert (result.curves["mc_gap"] >= 0).all()
    with pytest.raises(ValueError, match="dropout must be > 0"):
        de.compare(de.ensemble_config(p=0.0, epochs=1), k_max=2)
    with pytest.raises(ValueError, match="k must be"):
        de.compare(config, k_max=0)
    with pytest.raises(ValueError, match="classification"):
        de.compare(de.ensemble_config(dataset="plane", epochs=1), k_max=2)


def _softmax(out):
    e = np.exp(out - out.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _every_mask(net, x, p):
    """Predictions of all 2^n thinned networks of a one-hidden-layer net, and each mask's
    probability (1 − p)^kept · p^dropped."""
    (layer,) = net.dropout_layers
    n = net.dense_layers[0].n_out
    probs, weights = [], []
    for code in range(2**n):
        keep = np.array([(code >> j) & 1 for j in range(n)], dtype=float)
        layer.fixed_mask = keep
        probs.append(_softmax(net.forward(x, training=True)))
        weights.append((1 - p) ** keep.sum() * p ** (n - keep.sum()))
    layer.fixed_mask = None
    return np.array(probs), np.array(weights)


def test_the_monte_carlo_limit_weights_each_thinned_network_by_its_masks_probability():
    """As k → ∞ the MC average tends to the mask-probability-weighted mean of the 2^n
    thinned networks, which is the uniform mean only at p = 0.5."""
    p = 0.7
    net = build_mlp(2, (4,), 2, dropout=p, rng=np.random.default_rng(3))
    x = np.random.default_rng(4).standard_normal((6, 2)) * 2
    probs, weights = _every_mask(net, x, p)
    assert weights.sum() == pytest.approx(1.0)
    weighted = np.tensordot(weights, probs, axes=1)
    uniform = probs.mean(axis=0)
    mc = de.thinned_probabilities(net, x, 1000, np.random.default_rng(0))
    mc = np.concatenate(
        [mc]
        + [de.thinned_probabilities(net, x, 1000, np.random.default_rng(s)) for s in range(1, 20)]
    ).mean(axis=0)  # 20,000 thinned networks
    assert np.abs(mc - weighted).max() < 0.01
    assert np.abs(weighted - uniform).max() > 0.05  # the two means really differ at p = 0.7
    _, half = _every_mask(net, x, 0.5)
    np.testing.assert_allclose(half, 2.0**-4)  # at p = 0.5 every mask is equally likely


def test_weight_scaling_is_the_weighted_geometric_mean_for_one_softmax_layer():
    """With dropout only on the inputs of the softmax layer, the eval pass (inverted dropout's
    weight scaling) equals the normalised geometric mean of all thinned networks' predictions,
    each weighted by the probability of its mask."""
    p = 0.3
    net = build_mlp(2, (5,), 3, dropout=p, rng=np.random.default_rng(8))
    x = np.random.default_rng(9).standard_normal((7, 2))
    probs, weights = _every_mask(net, x, p)
    geometric = np.exp(np.tensordot(weights, np.log(probs), axes=1))
    geometric /= geometric.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.predict_proba(x), geometric, rtol=1e-10)
    uniform = np.exp(np.log(probs).mean(axis=0))
    uniform /= uniform.sum(axis=1, keepdims=True)
    assert np.abs(net.predict_proba(x) - uniform).max() > 1e-3


def test_the_page_default_run_shows_what_the_ensemble_texts_claim():
    """Defaults of the Ensemble tab: the MC accuracy catches up within a few samples, its
    log-loss levels off just above weight scaling, single thinned networks do worse on
    average, and the probability gap to weight scaling levels off above 0."""
    result = de.compare(de.ensemble_config("moons", 0.5, 64, 60, 0), k_max=100, mc_seed=1)
    curves = result.curves
    assert result.k_match_acc is not None and result.k_match_acc <= 10
    final_loss = curves["mc_loss"].iloc[-1]
    assert result.eval_loss < final_loss < 1.1 * result.eval_loss
    assert curves["mc_loss"].iloc[0] > final_loss
    assert curves["single_acc"].mean() < result.eval_acc
    assert curves["single_loss"].mean() > result.eval_loss
    gap = curves["mc_gap"]
    assert gap.iloc[-1] > 0.005 and abs(gap.iloc[-1] - gap.iloc[49]) < 0.3 * gap.iloc[-1]
