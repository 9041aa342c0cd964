"""qa_core.labs.batch_norm.training: BN on/off at several learning rates, epochs to target, interplay."""

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.training import Run
from qa_core.labs.batch_norm import training
from qa_core.labs.batch_norm.training import (
    BNComparison,
    TrainedRun,
    compare_bn,
    epochs_to_target,
    interplay,
    interplay_table,
    lab_config,
    probe_config,
)


@pytest.fixture(scope="module")
def default_comparison():
    return compare_bn()


def test_bn_reaches_the_target_in_fewer_epochs_at_the_default_setting(default_comparison):
    result = default_comparison
    assert result.lrs == training.DEFAULT_LRS
    # the numbers, for the report: (lr, epochs with BN, epochs without BN)
    numbers = [
        (lr, result.run(lr, True).epochs_to_target, result.run(lr, False).epochs_to_target)
        for lr in result.lrs
    ]
    print("epochs to target (lr, BN, no BN):", numbers)
    assert result.bn_faster() == [True] * len(result.lrs), numbers
    for _, on, off in numbers:
        assert on is not None and (off is None or on < off)


def test_bn_trains_at_a_larger_learning_rate_than_the_plain_network(default_comparison):
    on = default_comparison.largest_lr_that_trains(True)
    off = default_comparison.largest_lr_that_trains(False)
    assert on is not None
    assert off is None or on > off
    top = max(default_comparison.lrs)
    assert default_comparison.run(top, False).diverged  # the plain ReLU net blows up at lr 3
    assert default_comparison.run(top, True).diverged is None


def test_every_pair_starts_from_the_same_weights():
    plain = Run(lab_config(batch_norm=False))
    normed = Run(lab_config(batch_norm=True))
    for a, b in zip(plain.network.dense_layers, normed.network.dense_layers, strict=True):
        np.testing.assert_array_equal(a.params["W"], b.params["W"])
    assert len(normed.network.batchnorm_layers) == 4 and not plain.network.batchnorm_layers


def test_comparison_is_reproducible_and_reports_monotone_progress():
    seen = []
    a = compare_bn((0.3,), epochs=3, progress=seen.append)
    b = compare_bn((0.3,), epochs=3)
    pd.testing.assert_frame_equal(a.runs[1].history, b.runs[1].history)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == 2 * 3 + 1
    table = a.table()
    assert list(table["batch_norm"]) == [False, True]
    assert set(table.columns) >= {"lr", "epochs_to_target", "final_test_acc", "diverged"}


def test_epochs_to_target_is_the_first_epoch_at_or_above_it():
    history = pd.DataFrame({"epoch": [1, 2, 3, 4], "test_acc": [0.5, 0.89, 0.9, 0.95]})
    assert epochs_to_target(history, 0.9) == 3
    assert epochs_to_target(history, 0.5) == 1
    assert epochs_to_target(history, 0.99) is None


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lrs": ()}, "lrs"),
        ({"lrs": (0.1, 0.1)}, "distinct"),
        ({"lrs": (0.1,), "target": 1.5}, "target"),
        ({"lrs": (0.1,), "depth": 0}, "depth"),
        ({"lrs": (-1.0,)}, "lr"),
        ({"lrs": (0.1,), "dropout": 1.0}, "dropout"),
    ],
)
def test_bad_settings_raise_value_errors_naming_the_setting(kwargs, match):
    with pytest.raises(ValueError, match=match):
        compare_bn(**kwargs)


def test_interplay_trains_the_four_combinations_in_order():
    runs = interplay(0.3, 0.3, epochs=2)
    assert [(r.batch_norm, r.dropout) for r in runs] == [
        (False, 0.0),
        (True, 0.0),
        (False, 0.3),
        (True, 0.3),
    ]
    assert all(len(r.history) == 2 for r in runs)
    with pytest.raises(ValueError, match="dropout"):
        interplay(0.3, 0.0)


def _run(lr: float, batch_norm: bool, epochs: int | None, diverged: str | None = None):
    history = pd.DataFrame({"epoch": [1, 2], "train_acc": [0.6, 0.95], "test_acc": [0.5, 0.9]})
    return TrainedRun(lr, batch_norm, 0.0, history, diverged, epochs)


@pytest.mark.parametrize(
    ("on", "off", "outcome"),
    [
        ((2, None), (3, None), "both"),
        ((2, None), (None, None), "bn_only"),
        ((2, "diverged at epoch 2"), (3, None), "plain_only"),
        ((None, None), (None, "diverged at epoch 1"), "neither"),
    ],
)
def test_the_outcome_is_read_at_the_largest_learning_rate(on, off, outcome):
    low = (_run(0.1, False, 2), _run(0.1, True, 1))
    top = (_run(1.0, False, *off), _run(1.0, True, *on))
    result = BNComparison(lrs=(0.1, 1.0), target=0.9, runs=(*low, *top))
    assert result.outcome() == outcome
    assert outcome in training.OUTCOMES


def test_bn_wins_counts_the_learning_rates_where_bn_is_faster():
    runs = (
        _run(0.1, False, 3), _run(0.1, True, 1),  # BN faster
        _run(0.3, False, 1), _run(0.3, True, 2),  # BN slower
        _run(1.0, False, None), _run(1.0, True, None),  # neither reaches the target
        _run(3.0, False, None), _run(3.0, True, 2),  # only BN reaches it
    )  # fmt: skip
    result = BNComparison(lrs=(0.1, 0.3, 1.0, 3.0), target=0.9, runs=runs)
    assert result.bn_faster() == [True, False, None, True]
    assert result.bn_wins() == 2


def test_interplay_table_keeps_never_as_none_and_computes_the_gap():
    table = interplay_table([_run(0.3, False, None), _run(0.3, True, 2)])
    assert list(table["epochs_to_target"]) == [None, 2]
    np.testing.assert_allclose(table["final_train_acc"], [0.95, 0.95])
    np.testing.assert_allclose(table["gap"], [0.05, 0.05])


def test_probe_config_is_the_smaller_network_unless_told_otherwise():
    assert probe_config().hidden == (16, 16, 16)
    assert probe_config(depth=2, width=8, lr=0.5).hidden == (8, 8)
    small, page = probe_config(seed=3), lab_config(seed=3)
    assert (small.lr, small.optimizer, small.seed) == (page.lr, page.optimizer, 3)
