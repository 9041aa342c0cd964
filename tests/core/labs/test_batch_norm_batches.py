"""qa_core.labs.batch_norm.batches: per-batch pre-activations with and without BN in a network being trained."""

import numpy as np
import pytest

from qa_core.labs.batch_norm.batches import SERIES, batch_snapshots


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
@pytest.mark.parametrize("warmup", [0, 2])
def test_normalised_values_have_zero_mean_unit_std_in_every_batch(activation, warmup):
    snap = batch_snapshots(activation=activation, warmup_epochs=warmup, batch_size=32)
    xhat = snap.values["bn_hat"]
    np.testing.assert_allclose(xhat.mean(axis=1), 0.0, atol=1e-12)
    # σ̂ = σ_B/√(σ_B² + ε): one up to ε; ε matters only when the batch is very narrow
    raw = snap.values["bn_in"].var(axis=1)
    np.testing.assert_allclose(xhat.std(axis=1), np.sqrt(raw / (raw + 1e-5)), rtol=1e-9)


def test_at_initialisation_the_bn_output_is_the_normalised_value():
    snap = batch_snapshots(warmup_epochs=0)
    # the first recorded batch is seen before any update: γ = 1, β = 0
    np.testing.assert_allclose(snap.values["bn_out"][0], snap.values["bn_hat"][0], atol=1e-12)
    stats = snap.stats()
    assert stats["bn_out_mean"].iloc[0] == pytest.approx(0.0, abs=1e-12)


def test_the_last_batch_output_is_gamma_xhat_plus_beta():
    snap = batch_snapshots(warmup_epochs=3)
    expected = snap.gamma * snap.values["bn_hat"][-1] + snap.beta
    np.testing.assert_allclose(snap.values["bn_out"][-1], expected, atol=1e-9)


def test_without_bn_batch_means_wander_while_normalised_ones_do_not():
    spread = batch_snapshots(warmup_epochs=1, n_batches=5).spread_of_means()
    assert spread["bn_hat"] < 1e-12
    assert spread["plain"] > 1e-3


def test_both_networks_see_the_same_first_batch_through_the_same_first_layer():
    snap = batch_snapshots(layer=1, warmup_epochs=0)
    np.testing.assert_allclose(snap.values["plain"][0], snap.values["bn_in"][0])


def test_histograms_share_bins_and_count_every_value():
    snap = batch_snapshots(batch_size=16, n_batches=3)
    for name in SERIES:
        assert snap.values[name].shape == (3, 16)
        assert snap.counts[name].shape == (3, len(snap.edges[name]) - 1)
        np.testing.assert_array_equal(snap.counts[name].sum(axis=1), 16)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"layer": 4}, "layer"),
        ({"unit": 17}, "unit"),
        ({"n_batches": 0}, "n_batches"),
        ({"n_batches": 6, "batch_size": 64}, "n_batches × batch_size"),
        ({"batch_size": 1}, "batch_size"),
        ({"lr": 10.0, "warmup_epochs": 1}, "diverged"),
    ],
)
def test_bad_settings_raise_clear_value_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        batch_snapshots(**kwargs)
