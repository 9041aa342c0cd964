"""qa_core.labs.activations: the explorer's grids, saturated zones, summary, RReLU band, tanh
identity and FD table."""

import numpy as np
import pytest

from qa_core.engine import activations, curves
from qa_core.labs.activations import derivative_check, explorer, tanh_identity


def test_grid_rejects_bad_ranges_naming_the_parameter():
    with pytest.raises(ValueError, match="z_min must be < z_max"):
        curves.grid(1.0, 1.0)
    with pytest.raises(ValueError, match="z_max must be in"):
        curves.grid(0.0, 1e6)
    with pytest.raises(ValueError, match="n must be in"):
        curves.grid(0.0, 1.0, n=1)


def test_curve_finds_the_derivative_maximum():
    z = curves.grid(-6, 6, 1201)
    sig = curves.curve(activations.get("sigmoid"), z)
    tanh = curves.curve(activations.get("tanh"), z)
    assert sig.argmax_df == pytest.approx(0.0, abs=1e-9) and sig.max_df == pytest.approx(0.25)
    assert tanh.argmax_df == pytest.approx(0.0, abs=1e-9) and tanh.max_df == pytest.approx(1.0)


def test_saturated_intervals_match_the_analytic_boundary():
    # σ'(z) = 0.01 where σ(1 − σ) = 0.01, i.e. σ = (1 + √0.96) / 2, so |z| = logit of that.
    s = (1 + np.sqrt(0.96)) / 2
    boundary = np.log(s / (1 - s))
    z = curves.grid(-10, 10, 20001)
    df = activations.get("sigmoid").derivative(z)
    (left, right) = curves.saturated_intervals(z, df, 0.01)
    assert left[0] == -10 and left[1] == pytest.approx(-boundary, abs=2e-3)
    assert right[0] == pytest.approx(boundary, abs=2e-3) and right[1] == 10
    assert curves.saturated_fraction(df, 0.01) == pytest.approx(1 - boundary / 10, abs=1e-3)


def test_relu_is_saturated_only_on_the_negative_side():
    z = curves.grid(-5, 5, 1001)
    df = activations.get("relu").derivative(z)
    assert curves.saturated_intervals(z, df, 0.5) == [(-5.0, 0.0)]
    with pytest.raises(ValueError, match="threshold must be > 0"):
        curves.saturated_intervals(z, df, 0.0)


def test_tanh_identity_holds_to_rounding_and_a_shift_does_not():
    identity = tanh_identity.tanh_from_sigmoid(curves.grid(-20, 20, 4001))
    assert identity.max_gap < 1e-15
    assert np.max(np.abs(identity.tanh - identity.shifted_sigmoid)) > 0.4


def test_derivative_check_table_reports_tiny_errors():
    points = derivative_check.check_points(-4, 4, 8)
    for name in activations.names():
        table = derivative_check.derivative_check(activations.get(name), points, h=1e-5)
        assert list(table.columns) == [
            "activation", "z", "analytic", "finite_difference", "abs_error", "rel_error",
        ]  # fmt: skip
        assert table["abs_error"].max() < 1e-8, name


def test_the_check_points_clear_every_kink_by_more_than_the_largest_step():
    points = derivative_check.check_points()  # the page's points
    np.testing.assert_allclose(points, [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5])
    # The page's rule: no interval [z − h, z + h] may reach a kink, for any h the lab accepts.
    assert derivative_check.kink_clearance(points) > derivative_check.MAX_STEP
    assert 0.0 in derivative_check.KINKS
    with pytest.raises(ValueError, match="h must be in"):
        derivative_check.derivative_check(
            activations.get("relu"), points, h=2 * derivative_check.MAX_STEP
        )


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "prelu", "rrelu", "selu"])
def test_at_the_largest_step_the_kinked_activations_still_agree(name):
    # The old points (0 nudged to 1e-3) gave ReLU 1 against a central difference of 0.55 here.
    act = activations.get(name)
    points = derivative_check.check_points()
    table = derivative_check.derivative_check(act, points, h=derivative_check.MAX_STEP)
    positive = table["z"] > 0
    assert table.loc[positive, "abs_error"].max() < 1e-12, name  # linear for z > 0
    assert table["abs_error"].max() < 5e-3, name  # SELU's e^z side: error h²/6·f‴
    if name != "selu":
        assert table["abs_error"].max() < 1e-12, name  # piecewise linear


def test_check_points_refuse_a_point_on_the_kink_and_bad_ranges():
    with pytest.raises(ValueError, match=r"n must leave every point more than 0\.1 from a kink"):
        derivative_check.check_points(-4, 4, 9)  # the middle cell's midpoint is 0
    with pytest.raises(ValueError, match="z_min must be < z_max"):
        derivative_check.check_points(1, 1)
    with pytest.raises(ValueError, match="n must be an integer"):
        derivative_check.check_points(-4, 4, 0)


def test_rrelu_band_contains_every_training_draw():
    rrelu = activations.get("rrelu")
    z = curves.grid(-5, 5, 501)
    low, high = curves.rrelu_band(rrelu, z)
    draw = curves.rrelu_training_draw(rrelu, z, seed=3)
    assert np.all(np.minimum(low, high) <= draw + 1e-15)
    assert np.all(draw <= np.maximum(low, high) + 1e-15)
    np.testing.assert_array_equal(draw, curves.rrelu_training_draw(rrelu, z, seed=3))


def test_explorer_summary_and_zones_follow_the_threshold():
    z = curves.grid(-10, 10, 2001)
    results = [curves.curve(activations.get(name), z) for name in ("sigmoid", "relu")]
    table = explorer.summary(results, 0.01)
    assert list(table.columns) == ["name", "max_df", "argmax_df", "saturated"]
    assert list(table["name"]) == ["sigmoid", "relu"]
    assert table["max_df"].tolist() == pytest.approx([0.25, 1.0])
    assert table["argmax_df"].iloc[0] == pytest.approx(0.0, abs=1e-9)
    assert table["saturated"].iloc[1] == pytest.approx(0.5, abs=1e-3)  # f′ = 0 for z ≤ 0
    stricter = explorer.summary(results, 1e-4)
    assert stricter["saturated"].iloc[0] < table["saturated"].iloc[0]
    zones = explorer.saturated_zones(results, 0.01)
    assert zones["relu"] == [(-10.0, 0.0)]
    assert zones["sigmoid"] == curves.saturated_intervals(z, results[0].df, 0.01)
    assert len(zones["sigmoid"]) == 2


def test_rrelu_overlay_is_the_band_and_one_fixed_training_pass():
    rrelu = activations.get("rrelu", lower=0.1, upper=0.4)
    z = curves.grid(-4, 4, 81)
    (band_z, low, high), (draw_z, draw) = explorer.rrelu_overlay(rrelu, z)
    np.testing.assert_array_equal(band_z, z)
    np.testing.assert_allclose(low[:10], 0.1 * z[:10])
    np.testing.assert_allclose(high[:10], 0.4 * z[:10])
    np.testing.assert_array_equal(draw_z, z[::8])
    assert len(draw) == 11
    np.testing.assert_array_equal(draw, explorer.rrelu_overlay(rrelu, z)[1][1])
    negative = draw_z < 0
    assert np.all(
        (0.4 * draw_z[negative] <= draw[negative]) & (draw[negative] <= 0.1 * draw_z[negative])
    )
    np.testing.assert_array_equal(draw[~negative], draw_z[~negative])
