"""What the overfitting page's two experiments share: the set-up's values, one run of the
comparison, cached, and the penalties' scale."""

from __future__ import annotations

from typing import NamedTuple

from qa_core.engine.summary import GRID_N
from qa_core.engine.training import TrainConfig
from qa_core.labs.overfitting import runs
from qa_core.labs.overfitting.configs import RemedyResult, RunSpec, Strengths
from ui.i18n import t
from ui.run_cache import cached_with_progress
from ui.topics.overfitting.charts import run_label

LAMBDAS = (1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DEFAULT = Strengths()
SETUP_GATE = "overfitting_setup"  # the Run gate of the set-up (ui.widgets.run_gate)


class SetupValues(NamedTuple):
    """The set-up's widgets, as plain values (configs.overfit_config's arguments)."""

    dataset: str
    n_train: int
    noise: float
    width: int
    depth: int
    epochs: int
    lr: float
    optimizer: str
    batch_size: int
    seed: int


class Setup(NamedTuple):
    """The set-up the results are for (``applied``, as ``config``), and the widgets' values now
    (a prediction about the remedies runs them both)."""

    config: TrainConfig
    current: SetupValues
    applied: SetupValues


def compute(spec: RunSpec, i: int = 1, n: int = 1) -> RemedyResult:
    """One run of the comparison (the ``i``-th of ``n``), cached by its spec, with its own
    progress bar."""
    return cached_with_progress(
        ("overfitting", spec, GRID_N),
        lambda progress: runs.run_remedy(spec, progress),
        t("overfitting.running", run=run_label(spec.id), i=i, n=n),
    )
