"""The remedies' results as tables: scores, histories, members, the best remedy, weight statistics."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from qa_core.engine.summary import RunSummary
from qa_core.labs.overfitting.configs import BASELINE, NEAR_ZERO, REMEDIES, RemedyResult

# -- tables -------------------------------------------------------------------------------------


def underfit_threshold(y_train: np.ndarray, margin: float = 0.1) -> float:
    """Training accuracy below which a run counts as underfitting:
    min(majority-class share + margin, 1 − margin). The cap keeps a (tiny, one-sided) training
    set whose majority share is near 1 from flagging every run."""
    y = np.asarray(y_train)
    majority = float(np.bincount(y).max() / len(y))
    return min(majority + margin, 1.0 - margin)


def is_underfit(summary: RunSummary, margin: float = 0.1) -> bool:
    """True when the final training accuracy is within ``margin`` of always guessing the
    majority class: the remedy (or its strength) has stopped the network from fitting at all."""
    acc = summary.final["train_acc"]
    if acc is None or not np.isfinite(acc):
        return False
    return float(acc) < underfit_threshold(summary.y_train, margin)


def results_table(results: Sequence[RemedyResult]) -> pd.DataFrame:
    """One row per run: final train/test accuracy, the gap train − test accuracy, its change
    against the baseline, final and best test loss, the epoch of the best test loss, epochs
    run, rows trained per epoch and the state (ok / stopped / diverged / underfit)."""
    rows = []
    base_gap = next((r.summary.gap for r in results if r.id == BASELINE), np.nan)
    for r in results:
        s = r.summary
        h = s.history
        state = "ok"
        if s.diverged:
            state = "diverged"
        elif is_underfit(s):
            state = "underfit"
        elif s.stopped:
            state = "stopped"
        rows.append(
            {
                "run": r.id,
                "train_acc": float(s.final["train_acc"]),
                "test_acc": float(s.final["test_acc"]),
                "gap": s.gap,
                "gap_change": s.gap - base_gap,
                "test_loss": float(s.final["test_loss"]),
                "best_test_loss": float(h["test_loss"].min()),
                "best_epoch": s.best_epoch,
                "epochs_run": int(h["epoch"].iloc[-1]),
                "rows_per_epoch": s.n_fit,
                "members": len(r.members) or 1,
                "state": state,
            }
        )
    return pd.DataFrame(rows)


def history_table(results: Sequence[RemedyResult]) -> pd.DataFrame:
    """Every run's per-epoch history in long form (a ``run`` column first), for download.
    Ensemble members appear as ``ensemble/member_1`` … after the ensemble's own rows."""
    frames = []
    for r in results:
        frames.append(r.summary.history.assign(run=r.id))
        for i, m in enumerate(r.members, start=1):
            frames.append(m.history.assign(run=f"{r.id}/member_{i}"))
    table = pd.concat(frames, ignore_index=True)
    return table[["run", *[c for c in table.columns if c != "run"]]]


def member_table(result: RemedyResult) -> pd.DataFrame:
    """An ensemble's members and the ensemble itself: final train/test accuracy and test loss.
    The ensemble row uses the mean probabilities, not the mean of the members' numbers."""
    rows = []
    for i, m in enumerate(result.members, start=1):
        rows.append(
            {
                "member": str(i),
                "seed": m.config.seed,
                "train_acc": float(m.final["train_acc"]),
                "test_acc": float(m.final["test_acc"]),
                "test_loss": float(m.final["test_loss"]),
            }
        )
    s = result.summary
    rows.append(
        {
            "member": "ensemble",
            "seed": s.config.seed,
            "train_acc": float(s.final["train_acc"]),
            "test_acc": float(s.final["test_acc"]),
            "test_loss": float(s.final["test_loss"]),
        }
    )
    return pd.DataFrame(rows)


def best_remedy(table: pd.DataFrame) -> str | None:
    """The remedy (not the baseline or the combined run) with the smallest gap, or None.
    Diverged runs are skipped; ties go to the earlier remedy."""
    candidates = table[(table["run"].isin(REMEDIES)) & (table["state"] != "diverged")]
    if candidates.empty:
        return None
    return str(candidates.loc[candidates["gap"].idxmin(), "run"])


#: Remedies whose gap is within this of the best remedy's count as a tie.
TIE = 0.01


def close_to_best(table: pd.DataFrame, best: str, tie: float = TIE) -> list[str]:
    """The other remedies (not the baseline or the combined run) whose gap is less than
    ``tie`` above the gap of ``best``, in the table's order."""
    gaps = table.set_index("run")["gap"]
    return [
        run
        for run in table["run"]
        if run in REMEDIES and run != best and gaps[run] - gaps[best] < tie
    ]


def weight_stats(weights: dict[str, np.ndarray], near_zero: float = NEAR_ZERO) -> pd.DataFrame:
    """Per run: the number of weights, the share with |w| < near_zero, mean |w|, max |w| and
    the Frobenius norm ‖W‖₂."""
    if not near_zero > 0:
        raise ValueError(f"near_zero must be > 0, got {near_zero!r}")
    rows = []
    for name, w in weights.items():
        a = np.abs(np.asarray(w, dtype=np.float64).ravel())
        rows.append(
            {
                "run": name,
                "n": a.size,
                "near_zero": float(np.mean(a < near_zero)),
                "mean_abs": float(a.mean()),
                "max_abs": float(a.max()),
                "norm": float(np.sqrt(np.sum(a * a))),
            }
        )
    return pd.DataFrame(rows)
