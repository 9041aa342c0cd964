"""qa_core.labs.playground.session: stepping, mid-run changes that keep the weights, rebuilds,
per-unit grids, exports, and a reproduction script that replays the run exactly."""

import dataclasses
import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qa_core.engine.training import train
from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun, discretized, forward_units

ROOT = Path(__file__).resolve().parents[3]
SMALL = dataclasses.replace(pg.DEFAULT, hidden=(5, 3), batch_size=25)


def test_stepping_n_times_equals_training_n_epochs_in_one_call():
    one_by_one, at_once = LiveRun(SMALL), LiveRun(SMALL)
    for _ in range(7):
        assert one_by_one.step() == 1
    assert at_once.step(7) == 7
    pd.testing.assert_frame_equal(one_by_one.history(), at_once.history())
    np.testing.assert_array_equal(one_by_one.run.network.theta, at_once.run.network.theta)
    # ... and equals the engine's own run of the same config
    config = dataclasses.replace(pg.to_config(SMALL), epochs=7)
    engine = [r.train_loss for r in train(config)]
    assert at_once.history()["train_loss"].tolist()[1:] == engine


def test_history_starts_with_the_untrained_network_at_epoch_zero():
    run = LiveRun(SMALL)
    run.step(3)
    history = run.history()
    assert history["epoch"].tolist() == [0, 1, 2, 3]
    assert history.loc[0, "train_loss"] == pytest.approx(run.start.train_loss)
    assert np.isnan(history.loc[0, "grad_norm_0"])


def test_changing_the_learning_rate_mid_run_keeps_the_weights():
    run = LiveRun(SMALL)
    run.step(5)
    theta = run.run.network.theta.copy()
    applied = run.apply(dataclasses.replace(SMALL, lr=0.3))
    assert applied.kind == "updated" and applied.fields == ("lr",)
    assert run.epoch == 5
    np.testing.assert_array_equal(run.run.network.theta, theta)
    (change,) = run.changes
    assert change.epoch == 5 and change.fields == (("lr", "0.03", "0.3"),)
    run.step()
    assert run.last.lr == 0.3 and run.history()["lr"].tolist() == [0.03] * 6 + [0.3]


@pytest.mark.parametrize(
    "changes",
    [
        {"dropout": 0.5},
        {"optimizer": "adam"},
        {"reg": "l2", "reg_rate": 0.01},
        {"batch_size": 5},
        {"label_smoothing": 0.1},
    ],
)
def test_every_live_setting_changes_mid_run_without_a_reset(changes):
    run = LiveRun(SMALL)
    run.step(4)
    theta = run.run.network.theta.copy()
    assert run.apply(dataclasses.replace(SMALL, **changes)).kind == "updated"
    np.testing.assert_array_equal(run.run.network.theta, theta)
    assert run.epoch == 4 and len(run.changes) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"activation": "relu"},
        {"hidden": (4,)},
        {"dataset": "xor"},
        {"noise": 0.3},
        {"features": ("x1", "x2", "x1x2")},
        {"batch_norm": True},
        {"seed": 3},
    ],
)
def test_data_architecture_or_activation_changes_rebuild_the_run(changes):
    run = LiveRun(SMALL)
    run.step(4)
    applied = run.apply(dataclasses.replace(SMALL, **changes))
    assert applied.kind == "rebuilt" and set(applied.fields) == set(changes)
    assert run.epoch == 0 and run.changes == []
    fresh = LiveRun(dataclasses.replace(SMALL, **changes))
    np.testing.assert_array_equal(run.run.network.theta, fresh.run.network.theta)


def test_view_switches_and_changes_before_the_first_epoch_do_not_log_changes():
    run = LiveRun(SMALL)
    assert run.apply(SMALL).kind == "same"
    assert run.apply(dataclasses.replace(SMALL, discretize=True)).kind == "view"
    assert run.apply(dataclasses.replace(SMALL, discretize=True, lr=1.0)).kind == "restarted"
    assert run.changes == [] and run.initial_config.lr == 1.0


def test_reset_starts_again_with_the_current_settings():
    run = LiveRun(SMALL)
    run.step(3)
    run.apply(dataclasses.replace(SMALL, lr=0.1))
    run.step(2)
    run.reset()
    assert run.epoch == 0 and run.changes == [] and run.initial_config.lr == 0.1


def test_a_diverging_run_stops_and_any_change_rebuilds_it():
    state = dataclasses.replace(pg.DEFAULT, activation="elu", lr=10.0, hidden=(8, 8))
    run = LiveRun(state)
    trained = run.step(50)
    assert run.diverged and trained < 50
    assert run.step(5) == 0  # a diverged run does not train on
    snap = run.snapshot(20)
    assert np.all(np.isfinite(snap.output)) and all(np.all(np.isfinite(h)) for h in snap.hidden)
    assert run.apply(dataclasses.replace(state, lr=0.3)).kind == "rebuilt"
    assert not run.diverged


def test_a_time_budget_stops_stepping_early_but_trains_at_least_one_epoch():
    run = LiveRun(SMALL)
    assert run.step(1000, budget_s=0.0) == 1


def test_snapshot_output_matches_the_engine_grid_and_has_every_unit():
    state = dataclasses.replace(pg.DEFAULT, hidden=(6, 3), batch_norm=True, activation="prelu",
                                features=("x1", "x2", "sinx1"))  # fmt: skip
    run = LiveRun(state)
    run.step(3)
    snap = run.snapshot(40)
    axis, grid = run.run.grid(40)
    np.testing.assert_allclose(snap.output, grid, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(snap.axis, axis)
    assert snap.features.shape == (3, 40, 40)
    assert [h.shape for h in snap.hidden] == [(6, 40, 40), (3, 40, 40)]
    assert [w.shape for w in snap.weights] == [(3, 6), (6, 3), (3, 2)]


def test_hidden_unit_maps_are_that_units_output_on_the_grid():
    run = LiveRun(dataclasses.replace(pg.DEFAULT, activation="relu", hidden=(4,)))
    run.step(2)
    snap = run.snapshot(30)
    x1, x2 = np.meshgrid(snap.axis, snap.axis)
    inputs = run.run.data.inputs(np.column_stack([x1.ravel(), x2.ravel()]))
    dense = run.run.network.dense_layers[0]
    expected = np.maximum(inputs @ dense.params["W"] + dense.params["b"], 0.0)
    np.testing.assert_allclose(snap.hidden[0][2], expected[:, 2].reshape(30, 30), atol=1e-12)


def test_looking_inside_does_not_disturb_training():
    state = dataclasses.replace(pg.DEFAULT, batch_norm=True, dropout=0.3, activation="rrelu")
    watched, alone = LiveRun(state), LiveRun(state)
    for _ in range(4):
        watched.step()
        watched.snapshot(25)
        forward_units(watched.run, np.zeros((3, 2)))
    alone.step(4)
    pd.testing.assert_frame_equal(watched.history(), alone.history())


def test_discretised_output_is_the_class_or_the_sign():
    z = np.array([[0.2, 0.5], [0.7, 0.49]])
    assert discretized(z, "classification").tolist() == [[0.0, 1.0], [1.0, 0.0]]
    assert discretized(np.array([-0.3, 0.0, 2.0]), "regression").tolist() == [-1.0, 0.0, 1.0]


def test_layer_table_has_one_row_per_hidden_layer_and_the_output():
    run = LiveRun(dataclasses.replace(SMALL, batch_norm=True))
    run.step(2)
    table = run.layer_table()
    assert table["layer"].tolist() == [1, 2, "out"]
    assert table["grad_norm"].notna().all()
    assert table["bn_var"].iloc[:2].notna().all() and np.isnan(table["bn_var"].iloc[2])
    assert table["prelu"].isna().all()


def test_history_and_config_csv_name_the_changes():
    run = LiveRun(SMALL)
    run.step(2)
    run.apply(dataclasses.replace(SMALL, lr=0.1))
    run.step(2)
    history = pd.read_csv(io.StringIO(run.history_csv()))
    assert history["epoch"].tolist() == [0, 1, 2, 3, 4]
    assert history["change"].fillna("").tolist() == ["", "", "", "lr: 0.03→0.1", ""]
    config = pd.read_csv(io.StringIO(run.config_csv()))
    rows = {(s, k): v for s, k, v in config.itertuples(index=False)}
    assert rows[("playground", "lr")] == 0.03 or rows[("playground", "lr")] == "0.03"
    assert rows[("train_config", "dataset")] == "'circles'"
    assert rows[("change after epoch 2", "lr")] == "0.03 → 0.1"
    assert str(rows[("run", "epochs_trained")]) == "4"


def _run_script(source: str, tmp_path: Path) -> dict[str, float]:
    path = tmp_path / "playground_run.py"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return {k: float(v) for k, v in re.findall(r"^(\w+) (\S+)$", done.stdout, re.MULTILINE)}


def test_the_exported_script_reproduces_the_run_with_its_mid_run_changes(tmp_path):
    state = dataclasses.replace(pg.DEFAULT, activation="relu", hidden=(6, 4), dropout=0.2)
    run = LiveRun(state)
    run.step(4)
    state = dataclasses.replace(state, lr=0.3)
    run.apply(state)
    run.step(3)
    state = dataclasses.replace(state, optimizer="adam", lr=0.01, reg="l2", reg_rate=0.003)
    run.apply(state)
    state = dataclasses.replace(state, dropout=0.5, batch_size=16)
    run.apply(state)  # two changes after the same epoch
    run.step(5)
    assert len(run.changes) == 3
    printed = _run_script(run.script(), tmp_path)
    assert printed["epoch"] == run.epoch == 12
    assert abs(printed["train_loss"] - run.last.train_loss) <= 1e-9
    assert abs(printed["test_loss"] - run.last.test_loss) <= 1e-9


def test_label_smoothing_reaches_the_engine_live_and_in_the_exported_script(tmp_path):
    state = dataclasses.replace(pg.DEFAULT, label_smoothing=0.2)
    assert pg.to_config(state).label_smoothing == 0.2
    run = LiveRun(state)
    run.step(3)
    assert run.run.network.label_smoothing == 0.2
    state = dataclasses.replace(state, label_smoothing=0.05)
    assert run.apply(state).kind == "updated"
    assert run.run.network.label_smoothing == 0.05
    assert run.changes[-1].update == (("label_smoothing", 0.05),)
    run.step(2)
    source = run.script()
    assert "label_smoothing=0.2" in source and "'label_smoothing': 0.05" in source
    printed = _run_script(source, tmp_path)
    assert abs(printed["train_loss"] - run.last.train_loss) <= 1e-9


def test_a_regression_run_ignores_label_smoothing():
    state = dataclasses.replace(pg.DEFAULT, problem="regression", dataset="plane",
                                label_smoothing=0.3)  # fmt: skip
    assert pg.to_config(state).label_smoothing == 0.0
    run = LiveRun(state)
    run.step(1)
    assert run.run.network.label_smoothing == 0.0


def test_the_script_of_an_untrained_run_prints_the_starting_loss(tmp_path):
    run = LiveRun(SMALL)
    printed = _run_script(run.script(), tmp_path)
    assert printed["epoch"] == 0
    assert abs(printed["train_loss"] - run.start.train_loss) <= 1e-9


def test_every_optimizer_and_schedule_trains_live_and_replays_from_the_script(tmp_path):
    state = dataclasses.replace(SMALL, optimizer="adamw", schedule="warmup_cosine",
                                schedule_epochs=20)  # fmt: skip
    config = pg.to_config(state)
    assert (config.schedule, config.epochs, config.warmup_epochs) == ("warmup_cosine", 20, 1)
    run = LiveRun(state)
    run.step(3)
    lrs = [r for r in run.run.records]
    plan = config.lr_schedule()
    assert [r.lr for r in lrs] == pytest.approx([plan(e) for e in range(3)])
    state = dataclasses.replace(state, optimizer="nesterov", schedule="step")
    assert run.apply(state).kind == "updated"
    assert dict(run.changes[-1].update)["schedule"] == "step"
    run.step(2)
    assert run.run.records[-1].optimizer == "nesterov"
    source = run.script()
    assert "schedule='warmup_cosine'" in source and "'schedule': 'step'" in source
    printed = _run_script(source, tmp_path)
    assert abs(printed["train_loss"] - run.last.train_loss) <= 1e-9
    for name in pg.OPTIMIZERS:
        live = LiveRun(dataclasses.replace(SMALL, optimizer=name))
        live.step(1)
        assert live.run.records[-1].optimizer == name


def test_a_constant_schedule_keeps_the_open_ended_run():
    config = pg.to_config(SMALL)
    assert config.schedule == "constant" and config.epochs == pg.to_config(pg.DEFAULT).epochs
    assert config.epochs >= 10_000


def test_a_residual_constant_start_is_rebuilt_and_reproduced_by_the_exported_script(tmp_path):
    state = dataclasses.replace(pg.DEFAULT, activation="relu", hidden=(4, 4, 4))
    run = LiveRun(state)
    run.step(2)
    state = dataclasses.replace(state, residual=True, init="constant")
    assert run.apply(state).kind != "updated"  # a new network, not a live change
    assert len(run.run.network.residual_blocks) == 1
    first = run.run.network.dense_layers[0].params["W"]
    assert np.all(first == first[0, 0])
    run.step(4)
    source = run.script()
    assert "residual=True" in source and "init='constant'" in source
    printed = _run_script(source, tmp_path)
    assert printed["epoch"] == run.epoch
    assert abs(printed["train_loss"] - run.last.train_loss) <= 1e-9
