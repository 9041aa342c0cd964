"""What the overfitting page's two experiments share: one run of the comparison, cached, and
the penalties' scale."""

from __future__ import annotations

from qa_core.engine.summary import GRID_N
from qa_core.labs.overfitting import runs
from qa_core.labs.overfitting.configs import RemedyResult, RunSpec, Strengths
from ui.i18n import t
from ui.run_cache import cached_with_progress
from ui.topics.overfitting.charts import run_label

LAMBDAS = (1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
DEFAULT = Strengths()


def compute(spec: RunSpec) -> RemedyResult:
    """One run of the comparison, cached by its spec, with its own progress bar."""
    return cached_with_progress(
        ("overfitting", spec, GRID_N),
        lambda progress: runs.run_remedy(spec, progress),
        t("overfitting.running", run=run_label(spec.id)),
    )
