"""The losses lab: output gradients, the wrong-start race, overflow, the two heads, label
smoothing's calibration and the robust line fits."""

import numpy as np
import pandas as pd
import pytest

from qa_core.engine import losses
from qa_core.labs.losses import escape, gradients, heads, robust, smoothing, stability
from tests.core.engine.fd_helpers import assert_grad_close, numeric_grad

# -- gradients at the output ----------------------------------------------------------------


@pytest.mark.parametrize("y", [0, 1])
def test_output_gradients_are_the_derivatives_of_the_output_losses(y):
    table = gradients.gradient_curves(y, z_max=6.0, n=13)
    z = table["z"].to_numpy()
    h = 1e-6
    for loss in ("ce", "mse"):
        up = gradients.per_example(z + h, y)[f"{loss}_loss"]
        down = gradients.per_example(z - h, y)[f"{loss}_loss"]
        np.testing.assert_allclose(table[f"{loss}_grad"], (up - down) / (2 * h), rtol=1e-6)


def test_cross_entropy_gradient_is_p_minus_y_and_mse_carries_sigma_prime():
    table = gradients.gradient_curves(1, z_max=10.0)
    p = table["p"].to_numpy()
    np.testing.assert_allclose(table["ce_grad"], p - 1, rtol=1e-12)
    np.testing.assert_allclose(table["mse_grad"], 2 * (p - 1) * p * (1 - p), rtol=1e-9, atol=1e-300)


def test_a_confidently_wrong_unit_barely_learns_under_mse():
    point = gradients.reading(-10.0, 1)  # p = σ(−10) ≈ 4.54e-5 for a positive example
    assert point.confidently_wrong
    assert point.ce_grad == pytest.approx(-(1 - 4.5397868702434395e-05), rel=1e-12)
    assert abs(point.mse_grad) == pytest.approx(9.079e-5, rel=1e-3)
    assert point.ratio > 1e4
    right = gradients.reading(10.0, 1)
    assert not right.wrong and abs(right.ce_grad) < 1e-4


@pytest.mark.parametrize(("kwargs", "name"), [({"y": 2}, "y"), ({"y": 1, "z_max": 31}, "z_max")])
def test_gradient_curves_name_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        gradients.gradient_curves(**kwargs)


# -- the wrong-start race --------------------------------------------------------------------


def test_the_wrong_start_is_wrong_for_almost_every_point_and_as_confident_as_asked():
    x, y = escape.training_data()
    w, b = escape.wrong_start(x, y, 6.0)
    z = x @ w + b
    assert np.median(np.abs(z)) == pytest.approx(6.0, rel=1e-12)
    assert np.mean((z > 0) != (y == 1)) > 0.95


def test_cross_entropy_escapes_the_wrong_start_long_before_mse():
    result = escape.race(start_logit=6.0, lr=1.0, epochs=200)
    assert result.start_confident_wrong > 0.8
    ce, mse = result.epochs_to("ce"), result.epochs_to("mse")
    assert ce is not None and ce <= 10
    assert mse is None or mse >= 10 * ce
    first = result.history[result.history["epoch"] == 0].set_index("loss_name")
    assert first.loc["ce", "grad"] > 100 * first.loc["mse", "grad"]


def test_race_gradients_match_finite_differences_of_each_loss():
    rng = np.random.default_rng(0)
    z, y = 4 * rng.standard_normal((6, 1)), rng.integers(0, 2, 6).astype(float)
    for name in escape.LOSSES:
        _, grad = escape.loss_and_grad(name, z, y)
        assert_grad_close(grad, numeric_grad(lambda n=name: escape.loss_and_grad(n, z, y)[0], z))


def test_a_neutral_start_lets_both_losses_learn():
    result = escape.race(start_logit=0.0, epochs=60)
    assert result.epochs_to("mse") is not None and result.epochs_to("ce") is not None


def test_race_names_bad_arguments():
    with pytest.raises(ValueError, match="optimizer"):
        escape.race(optimizer="rmsprop")
    with pytest.raises(ValueError, match="start_logit"):
        escape.race(start_logit=-1.0)


# -- overflow -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "dtype", "limit"),
    [("softmax", "float64", 709.78), ("softmax", "float32", 88.72),
     ("sigmoid", "float64", 53 * np.log(2)), ("sigmoid", "float32", 24 * np.log(2))],
)  # fmt: skip
def test_the_naive_forms_break_where_exp_overflows_or_one_minus_p_rounds_to_zero(
    kind, dtype, limit
):
    found = stability.naive_limit(kind, dtype)
    assert found == pytest.approx(limit, abs=0.01)
    table = stability.overflow_table(kind, dtype)
    s, state = stability.first_failure(table)
    assert s == pytest.approx(found, rel=1e-6) and state == "inf"
    assert (table.loc[table["s"] <= found, "state"] == "ok").all()


@pytest.mark.parametrize("kind", stability.KINDS)
def test_the_stable_forms_stay_exact_up_to_1e4(kind):
    table = stability.overflow_table(kind, "float64")
    assert np.isfinite(table["stable"]).all()
    assert table["stable_rel_error"].max() < 1e-15 * 4
    assert table["s"].max() == pytest.approx(1e4)
    assert table["exact"].iloc[-1] == pytest.approx(1e4, rel=1e-12)  # ≈ s for huge s
    float32 = stability.overflow_table(kind, "float32")
    assert float32["stable_rel_error"].max() < 1e-6


def test_the_exact_reference_is_the_loss_formula():
    s = 2.0
    assert stability.exact_loss("softmax", s) == pytest.approx(np.log(np.exp(2) + 1 + np.exp(-2)))
    assert stability.exact_loss("sigmoid", s) == pytest.approx(np.log1p(np.exp(2.0)))


# -- the two heads ---------------------------------------------------------------------------


def test_softmax_sums_to_one_and_ignores_a_shift_while_sigmoids_move():
    a = heads.head_probabilities((2.0, 1.0, -1.0))
    b = heads.head_probabilities((2.0, 1.0, -1.0), shift=3.0)
    assert a["softmax"].sum() == pytest.approx(1.0)
    np.testing.assert_allclose(a["softmax"], b["softmax"], rtol=1e-12)
    assert (b["sigmoid"] > a["sigmoid"]).all()
    both_high = heads.head_probabilities((5.0, 5.0, -5.0))
    assert both_high["sigmoid"].iloc[:2].min() > 0.99 and both_high["softmax"].max() < 0.51


def test_head_losses_are_the_engine_losses():
    table = heads.head_probabilities((2.0, 1.0, -1.0))
    ce, bce = heads.head_losses(table, (1,))
    p = table["softmax"].to_numpy()
    assert ce == pytest.approx(-np.log(p[0]))
    s = table["sigmoid"].to_numpy()
    assert bce == pytest.approx(-np.log(s[0]) - np.log(1 - s[1]) - np.log(1 - s[2]))
    assert heads.head_losses(table, (1, 2))[0] is None
    with pytest.raises(ValueError, match="labels"):
        heads.head_losses(table, (4,))
    with pytest.raises(ValueError, match="logit 2"):
        heads.head_probabilities((0.0, 11.0))


# -- label smoothing -------------------------------------------------------------------------


def test_reliability_bins_and_ece_on_a_hand_made_case():
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.45, 0.55]])
    labels = np.array([0, 1, 1, 0])
    table, ece = smoothing.reliability(probs, labels, n_bins=5)
    # bins over [0.5, 1] of width 0.1: 0.55 → bin 0, 0.7 → bin 2, 0.8 → bin 3, 0.9 → bin 4
    assert table["count"].tolist() == [1, 0, 1, 1, 1]
    assert ece == pytest.approx((0.55 + 0.3 + 0.8 + 0.1) / 4)


def test_target_entropy_is_the_floor_of_the_smoothed_loss():
    eps = 0.1
    q = np.array([0.95, 0.05])
    assert smoothing.target_entropy(eps) == pytest.approx(-np.sum(q * np.log(q)))
    assert smoothing.target_entropy(0.0) == 0.0
    z = np.log(q)[None, :]
    assert losses.softmax_cross_entropy(z, np.array([0]), eps)[0] == pytest.approx(
        smoothing.target_entropy(eps)
    )


def test_smoothing_lowers_confidence_and_fixes_the_overconfident_run():
    sweep = smoothing.smoothing_sweep((0.0, 0.1, 0.3))
    scores = sweep.scores.set_index("epsilon")
    assert not sweep.diverged
    plain, mild, heavy = scores.loc[0.0], scores.loc[0.1], scores.loc[0.3]
    assert plain["confidence"] > plain["acc"]  # overconfident without smoothing
    assert plain["confidence"] > mild["confidence"] > heavy["confidence"]
    assert mild["ece"] < plain["ece"]
    assert heavy["confidence"] < heavy["acc"]  # too much: underconfident
    assert (scores["train_loss"] >= scores["floor"]).all()
    assert isinstance(sweep.bins, pd.DataFrame) and set(sweep.bins["epsilon"]) == {0.0, 0.1, 0.3}


# -- robust regression -----------------------------------------------------------------------


def subgradient_contains_zero(fit, loss):
    """0 ∈ ∂L at the fitted line: for MAE, points exactly on the line may give any value in
    [−1, 1]; the others give sign(r)."""
    r = fit.residuals(loss)
    design = np.column_stack([fit.x, np.ones_like(fit.x)])
    if loss != "mae":
        grad = robust.loss_gradient(loss, fit.residuals(loss), np.zeros_like(r), fit.delta)
        return np.allclose(design.T @ grad, 0.0, atol=1e-9)
    on = np.abs(r) < 1e-9
    fixed = design[~on].T @ np.sign(r[~on])
    # is there u ∈ [−1, 1]^k with design[on].T @ u = −fixed? k = 2 points, 2 equations
    u = np.linalg.solve(design[on].T, -fixed) if on.sum() == 2 else None
    return u is not None and np.all(np.abs(u) <= 1 + 1e-9)


@pytest.mark.parametrize(
    ("n", "offset", "delta"), [(0, 10.0, 1.0), (3, 10.0, 1.0), (6, -20.0, 0.3)]
)
def test_each_line_is_a_minimum_of_its_loss(n, offset, delta):
    fit = robust.fit_lines(n, offset, delta)
    for loss in robust.LOSSES:
        assert subgradient_contains_zero(fit, loss), loss


def test_robust_losses_resist_outliers_that_drag_the_mse_line():
    table = robust.fit_lines(3, 10.0, 1.0).table().set_index("loss")
    assert table.loc["mse", "line_error"] > 4 * table.loc["huber", "line_error"]
    assert table.loc["mse", "line_error"] > 4 * table.loc["mae", "line_error"]
    clean = robust.fit_lines(0, 10.0, 1.0).table()
    assert clean["line_error"].max() < 0.2


def test_huber_tends_to_mse_for_a_large_delta_and_its_gradient_is_clipped():
    fit = robust.fit_lines(3, 10.0, 10.0)
    assert fit.lines["huber"] == pytest.approx(fit.lines["mse"], rel=1e-9)
    curves = robust.gradient_curves(1.0, 5.0)
    assert curves["huber"].abs().max() == pytest.approx(1.0)
    np.testing.assert_allclose(curves["mse"], 2 * curves["r"])
    np.testing.assert_allclose(curves["mae"], np.sign(curves["r"]))


def test_robust_names_bad_arguments():
    with pytest.raises(ValueError, match="n_outliers"):
        robust.fit_lines(9)
    with pytest.raises(ValueError, match="delta"):
        robust.fit_lines(delta=0.0)
