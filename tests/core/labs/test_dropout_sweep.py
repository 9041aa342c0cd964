"""qa_core.labs.dropout.sweep: paired runs with and without dropout, sweeps over p and width."""

import dataclasses

import pandas as pd
import pytest

from qa_core.labs.dropout import sweep as ds


def test_dropout_narrows_the_generalisation_gap_on_small_noisy_data():
    config = dataclasses.replace(ds.OVERFIT, dataset="moons", epochs=150)
    plain, dropped = ds.overfitting_pair(config, 0.5)
    assert plain.config.dropout == 0.0 and dropped.config.dropout == 0.5
    assert (plain.x_train == dropped.x_train).all()  # the same data
    assert dropped.gap < plain.gap
    assert dropped.final["test_loss"] < plain.final["test_loss"]


def test_with_p_zero_both_runs_are_identical():
    config = dataclasses.replace(ds.OVERFIT, dataset="xor", epochs=5)
    plain, same = ds.overfitting_pair(config, 0.0)
    assert plain.history.equals(same.history)


def test_a_narrow_net_with_a_large_p_underfits():
    config = ds.SWEEP
    fractions = []
    table = ds.p_sweep(config, (4, 32), (0.0, 0.8), fractions.append)
    assert list(table.columns[:4]) == ["width", "p", "train_acc", "test_acc"]
    assert len(table) == 4 and fractions[-1] == pytest.approx(1.0)
    narrow = table[table["width"] == 4].set_index("p")
    wide = table[table["width"] == 32].set_index("p")
    # Training accuracy falls with test accuracy: the network can no longer fit the data.
    assert narrow.loc[0.8, "train_acc"] < narrow.loc[0.0, "train_acc"] - 0.1
    assert narrow.loc[0.8, "test_acc"] < narrow.loc[0.0, "test_acc"] - 0.1
    # The wide network loses less at the same p.
    assert (wide.loc[0.0, "train_acc"] - wide.loc[0.8, "train_acc"]) < (
        narrow.loc[0.0, "train_acc"] - narrow.loc[0.8, "train_acc"]
    )


def test_underfit_onset_finds_the_first_p_that_costs_training_accuracy():
    table = pd.DataFrame(
        {
            "width": [4, 4, 4, 64, 64, 64],
            "p": [0.4, 0.0, 0.8, 0.0, 0.4, 0.8],
            "train_acc": [0.80, 0.95, 0.60, 0.98, 0.97, 0.95],
        }
    )
    onset = ds.underfit_onset(table, tolerance=0.05)
    assert onset.to_dict("records") == [
        {"width": 4, "p": 0.4, "train_acc": 0.80, "baseline_acc": 0.95}
    ]
    assert ds.underfit_onset(table, tolerance=0.5).empty


def test_sweeps_validate_before_training():
    config = ds.SWEEP
    with pytest.raises(ValueError, match="dropout must be in"):
        ds.p_sweep(config, (4,), (0.0, 1.0))
    with pytest.raises(ValueError, match="hidden width"):
        ds.p_sweep(config, (0,), (0.0,))
    with pytest.raises(ValueError, match="runs"):
        ds.p_sweep(config, tuple(range(1, 12)), ds.p_grid(0.2))
    with pytest.raises(ValueError, match="dropout must be in"):
        ds.overfitting_pair(dataclasses.replace(config, epochs=1), 0.95 + 0.1)


def test_p_grid():
    assert ds.p_grid(0.2) == (0.0, 0.2, 0.4, 0.6, 0.8)
    assert ds.p_grid(0.1)[-1] == 0.8 and len(ds.p_grid(0.1)) == 9
    with pytest.raises(ValueError, match="step"):
        ds.p_grid(0.0)


def test_the_page_default_sweep_shows_what_the_when_it_hurts_texts_claim():
    """Defaults of the When it hurts tab (width 4 and 64, step 0.2): the narrow net's training
    accuracy holds until p = 0.8 and then collapses towards chance, its training loss climbs
    much faster with p than the wide net's, and the wide net loses far less."""
    table = ds.p_sweep(ds.SWEEP, (4, 64), ds.p_grid(0.2))
    narrow = table[table["width"] == 4].set_index("p")
    wide = table[table["width"] == 64].set_index("p")
    onset = ds.underfit_onset(table).set_index("width")
    assert onset.loc[4, "p"] == 0.8  # large p, not moderate p
    assert narrow.loc[0.8, "train_acc"] < 0.65 and narrow.loc[0.8, "test_acc"] < 0.65
    narrow_rise = narrow.loc[0.8, "train_loss"] - narrow.loc[0.0, "train_loss"]
    wide_rise = wide.loc[0.8, "train_loss"] - wide.loc[0.0, "train_loss"]
    assert narrow_rise > 1.5 * wide_rise
    narrow_drop = narrow.loc[0.0, "train_acc"] - narrow.loc[0.8, "train_acc"]
    wide_drop = wide.loc[0.0, "train_acc"] - wide.loc[0.8, "train_acc"]
    assert narrow_drop > 3 * wide_drop


def test_the_page_default_overfitting_run_shows_what_its_texts_claim():
    """Defaults of the Overfitting tab (moons): at p = 0.5 the test loss starts to climb much
    later and ends much lower, the gap narrows, and the final test loss falls as p grows."""
    config = dataclasses.replace(ds.OVERFIT, dataset="moons")
    finals = []
    for p in (0.2, 0.5, 0.8):
        plain, dropped = ds.overfitting_pair(config, p)
        finals.append(dropped.final["test_loss"])
        assert dropped.gap < plain.gap
        if p == 0.5:
            assert plain.final["train_acc"] == 1.0  # it memorises the noise
            turn_plain = plain.history["test_loss"].idxmin()
            turn_dropped = dropped.history["test_loss"].idxmin()
            assert turn_dropped > 3 * turn_plain
            assert dropped.final["test_loss"] < 0.5 * plain.final["test_loss"]
    assert finals == sorted(finals, reverse=True)
