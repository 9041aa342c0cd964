"""qa_core.labs.overfitting: the overfitting set-up, each remedy against the same baseline, ensembles."""

import dataclasses
from functools import cache

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.data import augment
from qa_core.engine.ensemble import train_ensemble
from qa_core.labs.overfitting import configs, runs, tables


@cache
def default_result(remedy: str, seed: int = 0) -> configs.RemedyResult:
    """A run of the page's default set-up (one remedy, or the baseline), computed once."""
    base = configs.overfit_config(seed=seed)
    strengths = configs.Strengths()
    config = base if remedy == configs.BASELINE else configs.remedy_config(base, remedy, strengths)
    return runs.run_remedy(configs.RunSpec(remedy, config), grid_n=10)


def test_the_default_set_up_overfits():
    summary = default_result(configs.BASELINE).summary
    h = summary.history
    assert summary.final["train_acc"] >= 0.95
    # Train loss keeps falling while the test loss has turned up from its minimum.
    assert h["train_loss"].iloc[-1] < h["train_loss"].iloc[len(h) // 2]
    assert h["test_loss"].iloc[-1] > 1.5 * h["test_loss"].min()
    assert summary.best_epoch < len(h) // 2
    assert len(summary.x_test) == configs.TEST_SIZE and len(summary.x_train) == 60


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("remedy", ["l2", "dropout"])
def test_l2_and_dropout_shrink_the_gap_of_the_default_set_up(remedy, seed):
    baseline = default_result(configs.BASELINE, seed).summary
    treated = default_result(remedy, seed).summary
    assert baseline.gap > treated.gap + 0.01, (baseline.gap, treated.gap)


def test_l1_leaves_more_near_zero_first_layer_weights_than_l2():
    weights = {r: default_result(r).summary.first_weights for r in ("baseline", "l1", "l2")}
    stats = tables.weight_stats(weights).set_index("run")
    assert stats.loc["l1", "near_zero"] > stats.loc["l2", "near_zero"] + 0.1
    assert stats.loc["l2", "near_zero"] >= stats.loc["baseline", "near_zero"]
    # L2 shrinks all weights: a smaller norm than the baseline's.
    assert stats.loc["l2", "norm"] < stats.loc["baseline", "norm"]
    np.testing.assert_array_equal(default_result("l1").weights[0], weights["l1"])


@pytest.mark.parametrize("copies", [1, 3, 7])
def test_augmentation_enlarges_the_training_set_by_the_requested_factor(copies):
    base = configs.overfit_config(n_train=30, epochs=2, width=8)
    config = configs.remedy_config(base, "augment", configs.Strengths(augment_copies=copies))
    result = runs.run_remedy(configs.RunSpec("augment", config), grid_n=4)
    assert result.summary.n_fit == (1 + copies) * 30
    assert len(result.summary.x_train) == 30  # metrics still use the original points
    rng = np.random.default_rng(0)
    x = rng.standard_normal((30, 2))
    y = rng.integers(0, 2, 30)
    x_aug, y_aug = augment(x, y, copies, 0.5, np.random.default_rng(1))
    assert x_aug.shape == ((1 + copies) * 30, 2) and len(y_aug) == (1 + copies) * 30
    np.testing.assert_array_equal(x_aug[:30], x)
    np.testing.assert_array_equal(y_aug.reshape(1 + copies, 30), np.tile(y, (1 + copies, 1)))


def test_the_ensemble_probabilities_are_the_mean_of_its_members():
    config = configs.overfit_config(n_train=40, width=16, epochs=15, seed=4)
    k = 3
    result = runs.run_remedy(configs.RunSpec("ensemble", config, k), grid_n=12)
    assert len(result.members) == k
    assert [m.config.seed for m in result.members] == [4, 5, 6]
    reference = train_ensemble(config, k)  # the engine's ensemble: same members
    axis = result.summary.axis
    x1, x2 = np.meshgrid(axis, axis)
    grid = np.column_stack([x1.ravel(), x2.ravel()])
    members = reference.member_proba(grid)
    np.testing.assert_allclose(
        result.summary.surface.ravel(), members.mean(axis=0)[:, 1], rtol=1e-12, atol=1e-12
    )
    # The ensemble's final test accuracy is that of the mean probabilities, not a mean of
    # the members' accuracies.
    data = reference.runs[0].data
    members_test = reference.member_proba(data.x_test)
    mean_acc = float(np.mean(members_test.mean(axis=0).argmax(axis=1) == data.y_test))
    assert result.summary.final["test_acc"] == pytest.approx(mean_acc)
    member_accs = [float(np.mean(p.argmax(axis=1) == data.y_test)) for p in members_test]
    assert [m.final["test_acc"] for m in result.members] == pytest.approx(member_accs)
    table = tables.member_table(result)
    assert list(table["member"]) == ["1", "2", "3", "ensemble"]
    assert table["test_acc"].iloc[-1] == pytest.approx(mean_acc)


def test_mean_proba_and_proba_metrics():
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    y = np.array([0, 1, 1])
    loss, acc = runs.proba_metrics(proba, y)
    assert acc == pytest.approx(2 / 3)
    assert loss == pytest.approx(-np.mean(np.log([0.9, 0.8, 0.4])))
    zero = np.array([[1.0, 0.0]])
    assert np.isfinite(runs.proba_metrics(zero, np.array([1]))[0])


def test_plan_runs_each_remedy_alone_against_the_same_baseline():
    base = configs.overfit_config()
    strengths = configs.Strengths(ensemble_k=4)
    specs = configs.plan_runs(base, ["dropout", "l2", "ensemble"], strengths)
    assert [s.id for s in specs] == ["baseline", "l2", "ensemble", "dropout"]
    assert all(s.config.seed == base.seed for s in specs)
    by_id = {s.id: s for s in specs}
    assert by_id["l2"].config == dataclasses.replace(base, l2=strengths.l2)
    assert by_id["dropout"].config == dataclasses.replace(base, dropout=strengths.dropout)
    assert by_id["ensemble"].config == base and by_id["ensemble"].k == 4
    assert by_id["ensemble"].epochs_total == 4 * base.epochs
    combined = configs.plan_runs(base, ["dropout", "l2", "ensemble"], strengths, combined=True)
    assert combined[-1].id == configs.COMBINED and combined[-1].k == 4
    assert combined[-1].config.l2 == strengths.l2 and combined[-1].config.dropout == 0.5
    # One remedy: nothing to combine.
    assert [s.id for s in configs.plan_runs(base, ["l1"], strengths, combined=True)] == [
        "baseline",
        "l1",
    ]


def test_every_remedy_at_once_is_one_valid_config():
    config = configs.combined_config(
        configs.overfit_config(), configs.REMEDIES, configs.Strengths()
    )
    assert config.batch_norm and config.l1 > 0 and config.l2 > 0 and config.dropout > 0
    assert config.augment_copies > 0 and config.early_stopping_patience is not None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"dataset": "plane"}, "dataset"),
        ({"n_train": 1}, "n_train"),
        ({"depth": 0}, "depth"),
        ({"noise": -1.0}, "noise"),
        ({"width": 0}, "hidden width"),
    ],
)
def test_bad_set_ups_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        configs.overfit_config(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ensemble_k": 1}, "ensemble_k"),
        ({"dropout": 1.0}, "dropout"),
        ({"l1": -0.1}, "l1"),
        ({"augment_copies": 50}, "augment_copies"),
        ({"patience": 0}, "early_stopping_patience"),
    ],
)
def test_bad_strengths_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=field):
        configs.Strengths(**kwargs)


def test_unknown_remedy_is_rejected():
    with pytest.raises(ValueError, match="remedy"):
        configs.remedy_config(configs.overfit_config(), "magic", configs.Strengths())
    with pytest.raises(ValueError, match="remedies"):
        configs.plan_runs(configs.overfit_config(), ["magic"], configs.Strengths())


def test_a_batch_larger_than_the_training_set_still_trains():
    config = configs.overfit_config(n_train=10, batch_size=64, epochs=5, width=8)
    result = runs.run_remedy(configs.RunSpec("baseline", config), grid_n=4)
    assert len(result.summary.history) == 5 and result.summary.n_fit == 10


def test_a_diverging_lambda_is_reported_in_the_table():
    # Plain SGD with lr·λ = 3: each step multiplies the weights by (1 − 3) = −2.
    base = configs.overfit_config(optimizer="sgd", lr=0.3, epochs=30, width=16)
    plain = runs.run_remedy(configs.RunSpec("baseline", base), grid_n=4)
    assert not plain.summary.diverged
    config = configs.remedy_config(base, "l2", configs.Strengths(l2=10.0))
    result = runs.run_remedy(configs.RunSpec("l2", config), grid_n=4)
    assert result.summary.diverged
    table = tables.results_table([result])
    assert table.loc[0, "state"] == "diverged"
    assert np.all(np.isfinite(result.summary.surface))


def test_an_overwhelming_penalty_is_flagged_as_underfitting():
    base = configs.overfit_config(epochs=40, width=16)
    config = configs.remedy_config(base, "l1", configs.Strengths(l1=10.0))
    result = runs.run_remedy(configs.RunSpec("l1", config), grid_n=4)
    assert tables.is_underfit(result.summary)
    assert not tables.is_underfit(default_result(configs.BASELINE).summary)
    assert tables.results_table([result]).loc[0, "state"] == "underfit"


def test_tables_gap_best_remedy_and_history():
    results = [default_result(r) for r in ("baseline", "l2", "dropout", "early_stop")]
    table = tables.results_table(results)
    assert list(table["run"]) == ["baseline", "l2", "dropout", "early_stop"]
    np.testing.assert_allclose(table["gap"], table["train_acc"] - table["test_acc"])
    np.testing.assert_allclose(table["gap_change"], table["gap"] - table["gap"].iloc[0])
    assert table["gap_change"].iloc[0] == 0
    best = tables.best_remedy(table)
    remedies_only = table[table["run"] != "baseline"]
    assert best == remedies_only.loc[remedies_only["gap"].idxmin(), "run"]
    es = table.set_index("run").loc["early_stop"]
    assert es["state"] == "stopped" and es["epochs_run"] < 200
    history = tables.history_table(results)
    assert list(history.columns[:2]) == ["run", "epoch"]
    assert set(history["run"]) == {"baseline", "l2", "dropout", "early_stop"}
    assert len(history) == sum(len(r.summary.history) for r in results)


def test_history_table_lists_ensemble_members():
    config = configs.overfit_config(n_train=20, width=8, epochs=3)
    result = runs.run_remedy(configs.RunSpec("ensemble", config, 2), grid_n=4)
    history = tables.history_table([result])
    assert set(history["run"]) == {"ensemble", "ensemble/member_1", "ensemble/member_2"}
    assert tables.best_remedy(tables.results_table([result])) == "ensemble"


def test_best_remedy_skips_the_baseline_and_diverged_runs():
    table = pd.DataFrame(
        {
            "run": ["baseline", "l2", "dropout", "combined"],
            "gap": [0.0, 0.05, -0.1, -0.2],
            "state": ["ok", "ok", "diverged", "ok"],
        }
    )
    assert tables.best_remedy(table) == "l2"
    assert tables.best_remedy(table.iloc[[0, 3]]) is None


def test_close_to_best_lists_the_other_remedies_within_the_tie():
    table = pd.DataFrame(
        {
            "run": ["baseline", "augment", "l2", "dropout", "early_stop", "combined"],
            "gap": [0.3, 0.105, 0.1, 0.1099, 0.2, 0.1],
        }
    )
    # augment and dropout are less than 0.01 above l2; early_stop is not; the baseline and the
    # combined run never count, and the best is not its own tie
    assert tables.close_to_best(table, "l2") == ["augment", "dropout"]
    assert tables.close_to_best(table, "l2", tie=0.001) == []
    assert tables.close_to_best(table, "early_stop") == ["augment", "l2", "dropout"]


def test_weight_stats_counts():
    stats = tables.weight_stats({"a": np.array([[0.0, 0.005], [-0.5, 2.0]])}, near_zero=0.01)
    row = stats.iloc[0]
    assert row["n"] == 4 and row["near_zero"] == 0.5
    assert row["max_abs"] == 2.0 and row["mean_abs"] == pytest.approx(2.505 / 4)
    with pytest.raises(ValueError, match="near_zero"):
        tables.weight_stats({"a": np.zeros(2)}, near_zero=0.0)


def test_progress_reaches_one_and_never_goes_back():
    seen = []
    config = configs.overfit_config(n_train=20, width=8, epochs=6)
    runs.run_remedy(configs.RunSpec("ensemble", config, 3), progress=seen.append, grid_n=4)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    seen.clear()
    runs.run_remedy(configs.RunSpec("baseline", config), progress=seen.append, grid_n=4)
    assert seen[-1] == pytest.approx(1.0) and len(seen) == 6


def test_ensemble_history_is_thinned_but_keeps_the_first_and_last_epoch():
    config = configs.overfit_config(n_train=20, width=4, epochs=250, n_test=20)
    result = runs.run_remedy(configs.RunSpec("ensemble", config, 2), grid_n=4)
    epochs = list(result.summary.history["epoch"])
    assert epochs[0] == 1 and epochs[-1] == 250
    assert len(epochs) <= configs.ENSEMBLE_EVAL_POINTS + 2
    assert epochs == sorted(set(epochs))
    assert all(len(m.history) == 250 for m in result.members)


def test_underfit_threshold_is_capped_for_one_sided_training_sets():
    assert tables.underfit_threshold(np.array([0, 1, 0, 1])) == pytest.approx(0.6)
    assert tables.underfit_threshold(np.array([1, 1, 1, 1])) == pytest.approx(0.9)
    assert tables.underfit_threshold(np.array([0, 0, 0, 1]), margin=0.2) == pytest.approx(0.8)


# -- the validation split, and notices that agree with the table ---------------------------------


def test_the_set_up_has_a_validation_split_that_chooses_and_a_test_set_that_only_reports():
    summary = default_result(configs.BASELINE).summary
    assert (len(summary.x_train), len(summary.x_val), len(summary.x_test)) == (
        60,
        configs.VAL_SIZE,
        configs.TEST_SIZE,
    )
    h = summary.history
    assert summary.has_validation
    assert summary.best_epoch == int(h.loc[h["val_loss"].idxmin(), "epoch"])
    table = tables.results_table([default_result(configs.BASELINE)])
    assert table.loc[0, "best_val_loss"] == pytest.approx(h["val_loss"].min())
    assert "best_test_loss" not in table.columns
    # Validation accuracy stalls while the validation loss climbs back up: over-confidence.
    late = h[h["epoch"] > summary.best_epoch]
    assert late["val_loss"].iloc[-1] > 1.3 * h["val_loss"].min()
    assert late["val_acc"].iloc[-1] >= h.loc[h["epoch"] == summary.best_epoch, "val_acc"].item()


def test_early_stopping_stops_on_the_validation_loss_and_the_table_says_where():
    result = default_result("early_stop")
    s = result.summary
    h = s.history
    patience = configs.Strengths().patience
    best = int(h.loc[h["val_loss"].idxmin(), "epoch"])
    last = int(h["epoch"].iloc[-1])
    assert last == best + patience
    assert s.stopped == (
        f"early stopping at epoch {last}: no better validation loss for {patience} epochs "
        f"(best at epoch {best})"
    )
    row = tables.results_table([result]).iloc[0]
    assert (row["epochs_run"], row["best_epoch"], row["state"]) == (last, best, "stopped")
    # The test loss took no part: its own minimum is at another epoch.
    assert int(h.loc[h["test_loss"].idxmin(), "epoch"]) != best


def test_an_ensemble_with_diverged_members_names_them_and_averages_the_others():
    base = configs.overfit_config(lr=0.3, epochs=12)
    result = runs.run_remedy(configs.RunSpec("ensemble", base, 5), grid_n=6)
    diverged, stopped = tables.member_events(result)
    assert diverged and len(diverged) < 5 and not stopped
    assert [i for i, _ in diverged] == [
        i for i, m in enumerate(result.members, start=1) if m.diverged
    ]
    assert result.summary.diverged is None  # the ensemble itself did not diverge
    table = tables.results_table([result])
    assert table.loc[0, "state"] == "partly_diverged" and table.loc[0, "epochs_run"] == 12
    members = tables.member_table(result)
    assert list(members["state"].iloc[:-1]) == [
        "diverged" if m.diverged else "ok" for m in result.members
    ]
    assert members["state"].iloc[-1] == "partly_diverged"
    # The surface is the mean of the members that did not diverge.
    configs_and_members = zip(runs.member_configs(base, 5), result.members, strict=True)
    alive = [c for c, m in configs_and_members if not m.diverged]
    reference = [train_ensemble(c, 1).runs[0] for c in alive]
    axis = result.summary.axis
    x1, x2 = np.meshgrid(axis, axis)
    grid = np.column_stack([x1.ravel(), x2.ravel()])
    expected = np.mean([r.predict_proba(grid)[:, 1] for r in reference], axis=0)
    np.testing.assert_allclose(result.summary.surface.ravel(), expected, rtol=1e-12, atol=1e-12)


def test_an_ensemble_whose_members_all_diverge_is_diverged():
    base = configs.overfit_config(lr=1.0, epochs=5)
    result = runs.run_remedy(configs.RunSpec("ensemble", base, 3), grid_n=4)
    assert [e for _, e in tables.member_events(result)[0]] == [1, 1, 1]
    assert result.summary.diverged.startswith("every member diverged (member 1 at epoch 1")
    assert tables.results_table([result]).loc[0, "state"] == "diverged"
    assert np.all(result.summary.surface == 0.5)


def test_an_early_stopped_ensemble_runs_until_its_last_member_stops():
    strengths = configs.Strengths()
    config = configs.remedy_config(configs.overfit_config(), "early_stop", strengths)
    result = runs.run_remedy(configs.RunSpec(configs.COMBINED, config, 3), grid_n=4)
    diverged, stopped = tables.member_events(result)
    assert not diverged and len(stopped) == 3
    epochs = [e for _, e in stopped]
    assert len(set(epochs)) > 1  # each member stops on its own validation loss
    for (_, epoch), member in zip(stopped, result.members, strict=True):
        assert member.stopped.startswith(f"early stopping at epoch {epoch}:")
    row = tables.results_table([result]).iloc[0]
    assert row["epochs_run"] == max(epochs) and row["state"] == "stopped"
    h = result.summary.history
    assert row["best_epoch"] == int(h.loc[h["val_loss"].idxmin(), "epoch"])
    assert list(tables.member_table(result)["epochs_run"].iloc[:-1]) == epochs
