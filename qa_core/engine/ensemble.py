"""An ensemble: K runs of one config that differ only in their seed, predictions averaged."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from qa_core.engine import checks
from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run


@dataclass(frozen=True, eq=False)
class Ensemble:
    """K runs that differ only in their seed (same data); predictions are averaged."""

    runs: tuple[Run, ...]

    def member_proba(self, points: np.ndarray) -> np.ndarray:
        """Each member's predictions for box points: (K, n, C) or (K, n) for regression."""
        return np.stack([r.predict_proba(points) for r in self.runs])

    def predict_proba(self, points: np.ndarray) -> np.ndarray:
        """The members' mean prediction."""
        return self.member_proba(points).mean(axis=0)

    def test_scores(self) -> tuple[tuple[float, ...], float]:
        """Each member's test score and the ensemble's: accuracy (classification) or MSE."""
        data = self.runs[0].data
        members = self.member_proba(data.x_test)
        mean = members.mean(axis=0)
        if data.task == "regression":

            def score(p):
                return float(np.mean((p - data.y_test) ** 2))
        else:

            def score(p):
                return float(np.mean(p.argmax(axis=1) == data.y_test))

        return tuple(score(p) for p in members), score(mean)


def train_ensemble(config: TrainConfig, k: int = 5) -> Ensemble:
    """Train ``k`` members with seeds seed, seed+1, …, seed+k−1 on the same data (data_seed
    fixed to the config's) and return them as an Ensemble."""
    checks.integer("k", k, 1, 20)
    data_seed = config.seed if config.data_seed is None else config.data_seed
    runs = []
    for i in range(k):
        run = Run(dataclasses.replace(config, seed=config.seed + i, data_seed=data_seed))
        for _ in run:
            pass
        runs.append(run)
    return Ensemble(tuple(runs))
