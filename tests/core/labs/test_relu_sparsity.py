"""qa_core.labs.relu.sparsity: ReLU outputs exact zeros (about half at initialisation), smooth and leaky
activations do not; the firing maps agree with the per-layer statistics."""

import numpy as np
import pytest

from qa_core.labs.relu import sparsity


def profile(activation, **kwargs):
    config = sparsity.sparsity_config(activation, epochs=kwargs.pop("epochs", 8))
    return sparsity.sparsity_profile(config, **kwargs)


@pytest.fixture(scope="module")
def relu():
    return profile("relu", n_shown=320)  # every training point (400 · 0.8)


def test_relu_zeroes_about_half_of_the_outputs_at_initialisation(relu):
    init = relu.table[relu.table["stage"] == "init"]
    assert list(init["layer"]) == [1, 2, 3]
    assert 0.35 <= init["zero_fraction"].iloc[0] <= 0.65
    assert np.all(init["zero_fraction"] > 0.3)
    assert np.allclose(init["active_per_sample"], 1 - init["zero_fraction"])


def test_headline_summarises_the_table(relu):
    headline = sparsity.headline(relu)
    table = relu.table.set_index(["stage", "layer"])
    assert headline.zero_at_init == table.loc[("init", 1), "zero_fraction"]
    trained = table.loc["trained"]
    assert headline.active_per_sample == pytest.approx(trained["active_per_sample"].mean())
    assert headline.dead_units == pytest.approx(trained["dead_fraction"].mean())
    assert headline.active_per_sample != pytest.approx(
        table.loc["init", "active_per_sample"].mean()
    )


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu"])
def test_smooth_and_leaky_activations_are_not_sparse(activation):
    result = profile(activation, epochs=3)
    assert np.all(result.table["zero_fraction"] == 0.0)
    assert np.all(result.table["dead_fraction"] == 0.0)
    assert all(m.all() for maps in result.firing.values() for m in maps)


def test_firing_maps_match_the_table(relu):
    for stage in sparsity.STAGES:
        rows = relu.table[relu.table["stage"] == stage]
        for layer, firing in enumerate(relu.firing[stage]):
            assert firing.shape == (320, 32) and firing.dtype == bool
            row = rows.iloc[layer]
            assert 1 - firing.mean() == pytest.approx(row["zero_fraction"])
            assert np.mean(~firing.any(axis=0)) == pytest.approx(row["dead_fraction"])
            rates = firing.mean(axis=0)
            assert np.all(np.diff(rates) <= 0)  # units sorted by how often they fire
    assert np.all(np.diff(relu.labels) >= 0)  # samples grouped by class
    assert set(relu.labels) == {0, 1}
    assert np.all(relu.table["dead_fraction"] <= relu.table["zero_fraction"])


def test_training_changes_the_pattern_and_the_network_learns(relu):
    assert relu.test_acc > 0.8
    assert any(
        not np.array_equal(a, b)
        for a, b in zip(relu.firing["init"], relu.firing["trained"], strict=True)
    )


def test_progress_and_a_smaller_view():
    seen = []
    result = profile("relu", epochs=4, n_shown=10, progress=seen.append)
    assert seen == [0.25, 0.5, 0.75, 1.0]
    assert result.firing["trained"][0].shape == (10, 32)


@pytest.mark.parametrize("n_shown", [0, 401, 2.5])
def test_bad_view_size_is_a_value_error(n_shown):
    with pytest.raises(ValueError, match="n_shown"):
        profile("relu", epochs=1, n_shown=n_shown)
