"""qa_core.engine.summary: a run reduced to what pages draw."""

import numpy as np
import pytest

from qa_core.engine.config import TrainConfig
from qa_core.engine.summary import run_to_end


def test_summary_matches_the_run_and_is_read_only():
    config = TrainConfig(n_samples=200, hidden=(8,), epochs=5, seed=3)
    seen = []
    summary = run_to_end(config, on_epoch=seen.append, grid_n=20)
    assert [r.epoch for r in seen] == [1, 2, 3, 4, 5]
    assert list(summary.history["epoch"]) == [1, 2, 3, 4, 5]
    assert summary.history["test_loss"].iloc[-1] == pytest.approx(seen[-1].test_loss)
    assert summary.surface.shape == (20, 20) and summary.axis.shape == (20,)
    assert np.all((summary.surface >= 0) & (summary.surface <= 1))
    assert summary.first_weights.shape == (2, 8)
    assert len(summary.x_train) + len(summary.x_test) == 200
    assert summary.gap == pytest.approx(
        summary.history["train_acc"].iloc[-1] - summary.history["test_acc"].iloc[-1]
    )
    assert 1 <= summary.best_epoch <= 5
    with pytest.raises(ValueError):
        summary.first_weights[0, 0] = 1.0


def test_a_diverging_run_is_summarised_with_its_reason():
    config = TrainConfig(n_samples=200, hidden=(16,), optimizer="sgd", lr=50.0, epochs=50)
    summary = run_to_end(config, grid_n=10)
    assert summary.diverged and "diverged at epoch" in summary.diverged
    assert len(summary.history) < 50
    assert np.all(np.isfinite(summary.surface))
