"""qa_core.labs.batch_norm.training: BN on/off at several learning rates, epochs to target, interplay."""

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.training import Run
from qa_core.labs.batch_norm import training
from qa_core.labs.batch_norm.training import compare_bn, epochs_to_target, interplay, lab_config


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
