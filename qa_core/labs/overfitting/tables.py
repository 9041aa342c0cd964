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


def member_events(result: RemedyResult) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """An ensemble's members that diverged and those that stopped early, as (member number
    from 1, epoch) pairs; both empty for a single run."""
    diverged, stopped = [], []
    for i, m in enumerate(result.members, start=1):
        last = int(m.history["epoch"].iloc[-1])
        if m.diverged:
            diverged.append((i, last))
        elif m.stopped:
            stopped.append((i, last))
    return diverged, stopped


def run_state(result: RemedyResult) -> str:
    """diverged (a single run, or every member of an ensemble) / partly_diverged (some members
    of an ensemble) / underfit / stopped (a single run, or every member) / ok."""
    s = result.summary
    if s.diverged:
        return "diverged"
    if member_events(result)[0]:
        return "partly_diverged"
    if is_underfit(s):
        return "underfit"
    return "stopped" if s.stopped else "ok"


def results_table(results: Sequence[RemedyResult]) -> pd.DataFrame:
    """One row per run: final train/test accuracy, the gap train − test accuracy, its change
    against the baseline, the final test loss, the lowest validation loss and its epoch (the
    best epoch: the validation set chooses, the test set is only reported), epochs run, rows
    trained per epoch and the state (see ``run_state``)."""
    rows = []
    base_gap = next((r.summary.gap for r in results if r.id == BASELINE), np.nan)
    for r in results:
        s = r.summary
        h = s.history
        state = run_state(r)
        rows.append(
            {
                "run": r.id,
                "train_acc": float(s.final["train_acc"]),
                "test_acc": float(s.final["test_acc"]),
                "gap": s.gap,
                "gap_change": s.gap - base_gap,
                "test_loss": float(s.final["test_loss"]),
                "best_val_loss": float(h["val_loss"].min()) if s.has_validation else np.nan,
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
    """An ensemble's members and the ensemble itself: final train/test accuracy, test loss,
    epochs run and state (ok / stopped / diverged). The ensemble row uses the mean
    probabilities of the members that did not diverge, not the mean of the members' numbers."""
    rows = []
    for i, m in enumerate(result.members, start=1):
        rows.append(
            {
                "member": str(i),
                "seed": m.config.seed,
                "train_acc": float(m.final["train_acc"]),
                "test_acc": float(m.final["test_acc"]),
                "test_loss": float(m.final["test_loss"]),
                "epochs_run": int(m.history["epoch"].iloc[-1]),
                "state": "diverged" if m.diverged else "stopped" if m.stopped else "ok",
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
            "epochs_run": int(s.history["epoch"].iloc[-1]),
            "state": run_state(result),
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
