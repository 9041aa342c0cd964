"""qa_core.labs.dropout.masks: Bernoulli masks, 2^N, the network diagram and the two conventions."""

import itertools

import numpy as np
import pytest

from qa_core.engine.layers import Dropout
from qa_core.labs.dropout import masks as dm

N_MASKS = 10_000


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.8])
def test_inverted_dropout_mean_over_ten_thousand_masks_is_within_one_percent(p):
    x = np.random.default_rng(3).uniform(0.5, 2.0, 64)
    mean = dm.inverted_mean(x, p, N_MASKS, seed=11)
    # What the next layer sees (the sum over units) is within 1 % of the unmasked input …
    assert abs(mean.sum() - x.sum()) / x.sum() < 0.01
    # … and every unit's mean is within 5 standard errors, se = x·√(p/(1−p)/M).
    se = x * np.sqrt(p / (1 - p) / N_MASKS)
    assert np.all(np.abs(mean - x) < 5 * se)


def test_a_single_unit_with_small_p_is_within_one_percent_too():
    mean = dm.inverted_mean(np.array([1.7]), 0.1, N_MASKS, seed=0)
    assert abs(mean[0] - 1.7) / 1.7 < 0.01


def test_without_the_inverted_scale_the_mean_would_be_off_by_the_retain_probability():
    x = np.full(64, 1.0)
    layer = Dropout(0.5, rng=np.random.default_rng(0))
    kept = layer.forward(np.broadcast_to(x, (N_MASKS, 64)), training=True) > 0
    assert kept.mean() == pytest.approx(0.5, abs=0.01)  # unscaled mean = (1 − p)·x, not x


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_eval_mode_is_the_identity(p):
    x = np.random.default_rng(1).standard_normal((7, 5))
    layer = Dropout(p, rng=np.random.default_rng(0))
    y = layer.forward(x, training=False)
    np.testing.assert_array_equal(y, x)
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), np.ones_like(x))


def test_subnetwork_count_is_two_to_the_number_of_droppable_units():
    draws = dm.sample_masks((5, 5), 0.5, 1, seed=0)  # the page's default diagram
    assert draws.n_units == 10 and draws.n_subnetworks == 1024 == 2**10
    assert dm.n_subnetworks(128) == 2**128
    mantissa, exponent = dm.power_of_two_in_tens(128)
    assert exponent == len(str(2**128)) - 1
    assert mantissa == pytest.approx(2**128 / 10**exponent)
    assert dm.power_of_two_in_tens(10) == pytest.approx((1.024, 3))


def test_enough_draws_on_a_tiny_net_find_exactly_two_to_the_n_distinct_masks():
    draws = dm.sample_masks((2, 1), 0.5, 5_000, seed=4)
    patterns = {tuple(row) for row in draws.keep.tolist()}
    assert len(patterns) == draws.n_subnetworks == 8


def test_masks_are_a_fixed_sequence_and_drop_about_a_fraction_p():
    long = dm.sample_masks((6, 6), 0.3, 2_000, seed=2)
    short = dm.sample_masks((6, 6), 0.3, 17, seed=2)
    np.testing.assert_array_equal(long.keep[:17], short.keep)
    np.testing.assert_array_equal(np.concatenate(short.shown), short.keep[-1])
    assert short.n_active == int(short.keep[-1].sum())
    assert long.dropped_fraction.mean() == pytest.approx(0.3, abs=0.02)
    assert np.all(np.abs(long.unit_drop_rate - 0.3) < 0.06)
    assert dm.sample_masks((6, 6), 0.0, 50, seed=2).keep.all()


def test_bad_settings_raise_value_errors_naming_the_parameter():
    with pytest.raises(ValueError, match="p must be"):
        dm.sample_masks((3,), 1.0, 5, seed=0)
    with pytest.raises(ValueError, match="width must be"):
        dm.sample_masks((3, 40), 0.5, 5, seed=0)
    with pytest.raises(ValueError, match="n_masks must be"):
        dm.sample_masks((3,), 0.5, 0, seed=0)
    with pytest.raises(ValueError, match="widths must list"):
        dm.sample_masks((), 0.5, 5, seed=0)
    with pytest.raises(ValueError, match="kept must hold"):
        dm.network_diagram(2, (3, 3), 2, [np.ones(3, bool)])


def test_diagram_greys_exactly_the_edges_that_touch_a_dropped_unit():
    draws = dm.sample_masks((4, 3), 0.5, 9, seed=1)
    diagram = dm.network_diagram(2, (4, 3), 2, draws.shown)
    sizes = (2, 4, 3, 2)
    assert len(diagram.node_x) == sum(sizes)
    total = sum(a * b for a, b in itertools.pairwise(sizes))
    assert diagram.n_active_edges + diagram.n_dropped_edges == total
    k1, k2 = (int(k.sum()) for k in draws.shown)
    assert diagram.n_active_edges == 2 * k1 + k1 * k2 + k2 * 2
    hidden = (diagram.node_layer > 0) & (diagram.node_layer < 3)
    np.testing.assert_array_equal(diagram.node_kept[hidden], np.concatenate(draws.shown))
    assert diagram.node_kept[~hidden].all()


def test_both_conventions_match_their_test_time_output_and_differ_by_a_constant():
    table = dm.convention_check([0.0, 0.2, 0.5, 0.8], N_MASKS, seed=0)
    setup = dm.convention_setup()
    y = setup.full_output
    np.testing.assert_allclose(table["inverted_test"], y)
    np.testing.assert_allclose(table["paper_test"], (1 - table["p"]) * y)
    assert (table["inverted_rel_error"] < 0.01).all()
    assert (table["paper_rel_error"] < 0.01).all()
    np.testing.assert_allclose(table["paper_rel_error"], table["inverted_rel_error"], rtol=1e-9)
    np.testing.assert_allclose(
        table["inverted_train_mean"] * (1 - table["p"]), table["paper_train_mean"], rtol=1e-12
    )
    # Forgetting the scale is visibly wrong: at p = 0.5 the unscaled output is twice the mean.
    half = table[table["p"] == 0.5].iloc[0]
    assert half["paper_unscaled"] / half["paper_train_mean"] == pytest.approx(2.0, rel=0.02)


def test_a_mask_can_empty_a_whole_layer():
    draws = dm.sample_masks((2, 2, 2), 0.9, 30, seed=0)
    empties = [dm.sample_masks((2, 2, 2), 0.9, n, seed=0).empty_layers for n in range(1, 31)]
    assert any(empties)  # p = 0.9 on 2-unit layers: most masks empty some layer
    last = draws.empty_layers
    assert last == tuple(i + 1 for i, k in enumerate(draws.shown) if k.sum() == 0)
    assert dm.sample_masks((2, 2, 2), 0.0, 30, seed=0).empty_layers == ()
