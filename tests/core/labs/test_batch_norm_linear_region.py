"""qa_core.labs.batch_norm.linear_region: the sigmoid's near-linear region, γ and β, the identity."""

import math

import numpy as np
import pytest

from qa_core.labs.batch_norm.linear_region import (
    linear_half_width,
    linear_region,
    normal_mass_within,
    share_answer,
    sigmoid,
    tangent,
    tangent_gap,
)


def test_the_papers_facts_about_the_linear_region():
    assert normal_mass_within(1.0) == pytest.approx(0.6827, abs=1e-4)
    z = np.linspace(-1.0, 1.0, 2001)
    assert tangent_gap(z).max() < 0.019
    assert tangent(np.array(0.0)) == pytest.approx(sigmoid(np.array(0.0)))


@pytest.mark.parametrize("tol", [0.005, 0.02, 0.1])
def test_half_width_is_where_the_gap_reaches_the_tolerance(tol):
    z_star = linear_half_width(tol)
    assert tangent_gap(np.array(z_star)) == pytest.approx(tol, rel=1e-9)
    assert np.all(tangent_gap(np.linspace(-z_star, z_star, 501)) <= tol + 1e-12)


def test_normalised_inputs_fill_the_linear_region_like_a_standard_normal():
    result = linear_region(mean=3.0, std=4.0)
    assert result.y.mean() == pytest.approx(0.0, abs=1e-12)
    assert result.y.std() == pytest.approx(1.0, rel=1e-5)
    se = math.sqrt(0.25 / len(result.y))
    expected = normal_mass_within(result.half_width)
    assert abs(result.fraction_linear - expected) < 4 * se
    assert result.linear_r2 > 0.98


def test_gamma_and_beta_set_the_spread_and_centre_and_bring_back_the_curvature():
    base = linear_region(gamma=1.0, beta=0.0)
    wide = linear_region(gamma=4.0, beta=0.0)
    shifted = linear_region(gamma=1.0, beta=3.0)
    assert wide.y.std() == pytest.approx(4.0 * base.y.std())
    assert shifted.y.mean() == pytest.approx(3.0)
    for other in (wide, shifted):
        assert other.fraction_linear < base.fraction_linear - 0.3
        assert other.linear_r2 < base.linear_r2 - 0.05


def test_gamma_batch_std_beta_batch_mean_restores_the_input_exactly():
    result = linear_region(mean=-1.5, std=2.5, gamma=0.3, beta=4.0, identity=True)
    assert result.gamma == pytest.approx(result.batch_std)
    assert result.beta == pytest.approx(result.batch_mean)
    assert result.max_restore_error < 1e-12
    np.testing.assert_array_equal(result.counts_x, result.counts_y)
    plain = linear_region(mean=-1.5, std=2.5)
    assert plain.max_restore_error > 1.0


def test_the_identity_holds_for_one_batch_in_training_mode_and_for_every_input_in_eval_mode():
    """γ, β fixed to one batch's statistics cannot follow the next batch's: in training mode a
    second batch of the same distribution misses its input; in eval mode, with γ = √(σ̂² + ε),
    β = μ̂, the identity is exact (Ioffe & Szegedy write it with population moments)."""
    result = linear_region(mean=1.0, std=2.0, identity=True)
    assert result.max_restore_error < 1e-12
    assert result.other_batch_error > 1e-3  # far above rounding …
    assert result.other_batch_error < 0.5  # … but close: a batch of 2000 has stable statistics
    assert result.eval_identity_error < 1e-12
    small = linear_region(mean=1.0, std=2.0, identity=True, n=50)
    assert small.other_batch_error > result.other_batch_error  # small batches follow worse


def test_histograms_count_every_input():
    result = linear_region(n=500)
    assert result.counts_x.sum() == 500 and result.counts_y.sum() == 500


@pytest.mark.parametrize(
    "kwargs",
    [{"std": 0.0}, {"gamma": float("nan")}, {"beta": 1e6}, {"tol": 0.0}, {"n": 1}],
)
def test_bad_arguments_raise_value_errors(kwargs):
    with pytest.raises(ValueError):
        linear_region(**kwargs)


@pytest.mark.parametrize(
    ("fraction", "answer"),
    [(0.0, "p30"), (0.39, "p30"), (0.41, "p50"), (0.683, "p70"), (0.83, "p95"), (1.0, "p95")],
)
def test_share_answer_is_the_nearest_offered_share(fraction, answer):
    assert share_answer(fraction) == answer


def test_a_normalised_batch_answers_about_seventy_percent():
    assert share_answer(linear_region(mean=-2.0, std=3.0).fraction_linear) == "p70"
