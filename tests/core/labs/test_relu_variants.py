"""qa_core.labs.relu.variants and the variants' defining properties: Leaky's fixed α, PReLU's learned
a (no weight decay), RReLU random in training and a fixed leaky ReLU with slope (l+u)/2 in eval."""

import numpy as np
import pytest

from qa_core.engine import activations
from qa_core.engine.layers import Activation
from qa_core.engine.training import Run
from qa_core.labs.relu import variants


@pytest.fixture(scope="module")
def comparison():
    return variants.compare_variants(seeds=2, epochs=6, n_samples=100)


def test_comparison_covers_every_activation_and_seed(comparison):
    runs = comparison.runs
    assert len(runs) == 8
    assert set(runs["activation"]) == set(variants.VARIANTS)
    assert set(runs["seed"]) == {0, 1}
    for column in ("train_acc", "test_acc", "best_test_acc"):
        assert runs[column].between(0, 1).all()
    assert (runs["best_test_acc"] >= runs["test_acc"]).all()
    summary = comparison.summary().set_index("activation")
    assert np.allclose(summary["gap_mean"], summary["train_mean"] - summary["test_mean"])
    for name, history in comparison.histories.items():
        assert list(history["epoch"]) == list(range(1, 7)), name


def test_paired_difference_is_seed_by_seed(comparison):
    assert comparison.paired_difference("relu", "relu") == (0.0, 0.0)
    pivot = comparison.runs.pivot(index="seed", columns="activation", values="test_acc")
    diff, se = comparison.paired_difference("rrelu", "relu")
    assert diff == pytest.approx((pivot["rrelu"] - pivot["relu"]).mean())
    assert se >= 0


@pytest.mark.parametrize(
    ("diff", "se", "seeds", "conclusion"),
    [
        (0.05, 0.01, 3, "clear_better"),
        (-0.05, 0.01, 3, "clear_worse"),
        (0.02, 0.01, 3, "unclear"),  # exactly two standard errors is not beyond them
        (-0.015, 0.01, 3, "unclear"),
        (0.05, 0.0, 3, "unclear"),  # no spread: nothing to compare the difference with
        (0.05, 0.0, 1, "one_seed"),
    ],
)
def test_conclusion_needs_more_than_two_standard_errors(diff, se, seeds, conclusion):
    assert variants.conclusion(diff, se, seeds) == conclusion
    assert conclusion in variants.CONCLUSIONS


def test_rrelu_verdict_pairs_rrelu_with_relu_and_leaky_relu(comparison):
    verdict = comparison.rrelu_verdict()
    assert (verdict.diff, verdict.se) == comparison.paired_difference("rrelu", "relu")
    assert (verdict.diff_leaky, verdict.se_leaky) == comparison.paired_difference(
        "rrelu", "leaky_relu"
    )
    assert verdict.conclusion == variants.conclusion(verdict.diff, verdict.se, 2)


@pytest.mark.parametrize(
    ("learned", "drawn"),
    [(0.31, 0.31), (-0.2, -0.2), (12.0, 10.0), (-50.0, -10.0), (float("nan"), 0.25),
     (float("inf"), 0.25)],
)  # fmt: skip
def test_prelus_curve_is_drawn_with_a_bounded_slope(learned, drawn):
    assert variants.drawn_prelu_slope(learned) == drawn


def test_prelu_slope_starts_at_a_quarter_and_moves(comparison):
    slopes = comparison.slopes
    start = slopes[slopes["epoch"] == 0]
    assert len(start) == 2 and np.all(start[["prelu_0", "prelu_1"]].to_numpy() == 0.25)
    assert np.all(np.abs(np.array(comparison.learned_slopes()) - 0.25) > 1e-4)


def test_every_activation_sees_the_same_data_for_a_seed():
    a = Run(variants.variant_config("relu", seed=4, epochs=1))
    b = Run(variants.variant_config("rrelu", seed=4, epochs=1))
    c = Run(variants.variant_config("rrelu", seed=5, epochs=1))
    assert np.array_equal(a.data.x_train, b.data.x_train)
    assert np.array_equal(a.network.weights, b.network.weights)
    assert not np.array_equal(a.data.x_train, c.data.x_train)


def test_prelu_slope_gets_no_weight_decay():
    run = Run(variants.variant_config("prelu", epochs=1))
    net = run.network
    net.grad[:] = 0.0
    net.add_penalty_grad(0.5, 0.5)
    assert np.any(net.dense_layers[0].grads["W"] != 0)
    assert all(np.all(layer.grads["a"] == 0.0) for layer in net.prelu_layers)


def test_rrelu_eval_is_deterministic_and_a_leaky_relu_with_the_mean_slope():
    lower, upper = 0.1, 0.4
    layer = Activation("rrelu", rng=np.random.default_rng(0), lower=lower, upper=upper)
    z = np.random.default_rng(1).normal(size=(64, 16)) * 3
    first, second = layer.forward(z, training=False), layer.forward(z, training=False)
    assert np.array_equal(first, second)
    mean = (lower + upper) / 2
    assert np.array_equal(first, activations.leaky(z, mean))
    assert np.array_equal(first, activations.get("leaky_relu", alpha=mean).forward(z))
    train_a, train_b = layer.forward(z, training=True), layer.forward(z, training=True)
    assert not np.array_equal(train_a, train_b)  # random in training
    neg = z < 0
    assert np.all(train_a[neg] <= lower * z[neg]) and np.all(train_a[neg] >= upper * z[neg])


def test_a_trained_rrelu_network_in_eval_equals_the_same_network_with_leaky_relu():
    run = Run(variants.variant_config("rrelu", epochs=3))
    for _ in run:
        pass
    net = run.network
    x = run.data.inputs(run.data.x_test)
    out = net.forward(x, training=False)
    assert np.array_equal(out, net.forward(x, training=False))
    mean = activations.get("rrelu").eval_slope
    h = x
    for layer in net.layers:
        if layer in net.dense_layers:
            h = h @ layer.params["W"] + layer.params["b"]
        elif layer in net.activation_layers:
            h = activations.get("leaky_relu", alpha=mean).forward(h)
    assert np.allclose(out, h, rtol=1e-12, atol=1e-12)


def test_variant_curves_show_each_slope():
    shapes = variants.variant_curves(alpha=0.1, prelu_a=0.3, lower=0.1, upper=0.3)
    by_name = {c.name: c for c in shapes.curves}
    neg = by_name["relu"].z < 0
    z = by_name["relu"].z[neg]
    assert np.all(by_name["relu"].f[neg] == 0)
    assert np.allclose(by_name["leaky_relu"].f[neg], 0.1 * z)
    assert np.allclose(by_name["prelu"].f[neg], 0.3 * z)
    assert np.allclose(by_name["rrelu"].f[neg], 0.2 * z)
    assert shapes.rrelu_eval_slope == pytest.approx(0.2)
    band_z, low, high = shapes.band
    band_neg = band_z < 0
    assert np.allclose(low[band_neg], 0.1 * band_z[band_neg])
    assert np.allclose(high[band_neg], 0.3 * band_z[band_neg])
    rrelu_eval = by_name["rrelu"].f
    assert np.all((rrelu_eval[neg] <= low[neg]) & (rrelu_eval[neg] >= high[neg]))
    draw_z, draw = shapes.draw
    lo, hi = np.minimum(0.1 * draw_z, 0.3 * draw_z), np.maximum(0.1 * draw_z, 0.3 * draw_z)
    neg_draw = draw_z < 0
    assert np.all(
        (draw[neg_draw] >= lo[neg_draw] - 1e-12) & (draw[neg_draw] <= hi[neg_draw] + 1e-12)
    )


def test_bad_settings_are_value_errors():
    with pytest.raises(ValueError, match="seeds"):
        variants.compare_variants(seeds=0)
    with pytest.raises(ValueError, match="lower"):
        variants.compare_variants(lower=0.5, upper=0.2)
    with pytest.raises(ValueError, match="alpha"):
        variants.variant_curves(alpha=2.0)
