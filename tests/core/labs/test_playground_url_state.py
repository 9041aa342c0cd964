"""qa_core.labs.playground: the URL codec (round trip, clamping, rejection), validation, config
mapping, presets (each really shows its lesson with the engine) and the script text."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_core.engine.config import TrainConfig
from qa_core.engine.training import Run
from qa_core.labs import playground as pg
from qa_core.labs.playground.state import REBUILD_FIELDS

# -- states ------------------------------------------------------------------------------------


@st.composite
def states(draw) -> pg.PlaygroundState:
    """Any valid playground state, every field on its allowed grid."""
    problem = draw(st.sampled_from(pg.PROBLEMS))
    batch_norm = draw(st.booleans())
    return pg.PlaygroundState(
        problem=problem,
        dataset=draw(st.sampled_from(pg.DATASETS_BY_PROBLEM[problem])),
        noise=draw(st.sampled_from(pg.NOISES)),
        ratio=draw(st.sampled_from(pg.RATIOS)),
        batch_size=draw(st.integers(2 if batch_norm else 1, pg.BATCH_MAX)),
        seed=draw(st.integers(0, pg.MAX_SEED)),
        features=tuple(
            sorted(draw(st.sets(st.sampled_from(pg.FEATURES), min_size=1)), key=pg.FEATURES.index)
        ),
        hidden=tuple(draw(st.lists(st.integers(1, pg.MAX_WIDTH), max_size=pg.MAX_LAYERS))),
        activation=draw(st.sampled_from(pg.ACTIVATIONS)),
        lr=draw(st.sampled_from(pg.LEARNING_RATES)),
        reg=draw(st.sampled_from(pg.REGULARISERS)),
        reg_rate=draw(st.sampled_from(pg.REG_RATES)),
        dropout=draw(st.sampled_from(pg.DROPOUTS)),
        batch_norm=batch_norm,
        norm="none" if batch_norm else draw(st.sampled_from(("none", "layer", "group", "rms"))),
        optimizer=draw(st.sampled_from(pg.OPTIMIZERS)),
        show_test=draw(st.booleans()),
        discretize=draw(st.booleans()),
        residual=draw(st.booleans()),
        init=draw(st.sampled_from(pg.INIT_CHOICES)),
    )


@settings(max_examples=200, deadline=None)
@given(states())
def test_encode_then_decode_gives_the_same_state_and_no_messages(state):
    decoded = pg.decode(pg.encode(state))
    assert decoded.state == state
    assert decoded.messages == ()
    assert decoded.preset is None


@settings(max_examples=60, deadline=None)
@given(states())
def test_every_valid_state_makes_a_valid_train_config(state):
    config = pg.to_config(state)
    assert isinstance(config, TrainConfig)
    assert config.n_samples == pg.N_SAMPLES
    assert round((1 - config.test_fraction) * 100) == state.ratio
    assert config.hidden == state.hidden
    assert config.dataset == pg.DATASET_NAMES[state.dataset]
    assert config.resolved_task == state.problem


def test_every_field_has_a_url_key_and_the_encoding_is_plain_text():
    encoded = pg.encode(pg.DEFAULT)
    assert set(encoded) == set(pg.URL_KEYS.values())
    assert all(isinstance(v, str) and v for v in encoded.values())
    assert encoded["layers"] == "4,4" and encoded["lr"] == "0.03" and encoded["bn"] == "0"
    assert pg.encode(dataclasses.replace(pg.DEFAULT, hidden=()))["layers"] == "none"


def test_unknown_keys_are_ignored_and_missing_keys_take_defaults():
    decoded = pg.decode({"lang": "en", "utm_source": "x", "dataset": "xor"})
    assert decoded.messages == ()
    assert decoded.state == dataclasses.replace(pg.DEFAULT, dataset="xor")


def test_a_repeated_key_uses_its_last_value():
    assert pg.decode({"act": ["relu", "elu"]}).state.activation == "elu"


# -- clamping -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "field", "used"),
    [
        ("noise", "0.123", "noise", 0.1),
        ("lr", "0.02", "lr", 0.03),
        ("lr", "0.0004", "lr", 0.001),  # nearest in log scale
        ("rate", "0.05", "reg_rate", 0.03),
        ("dropout", "0.52", "dropout", 0.5),
        ("ratio", "47", "ratio", 50),
        ("batch", "3.5", "batch_size", 4),
    ],
)
def test_a_value_between_steps_is_clamped_to_the_nearest_step_and_reported(key, text, field, used):
    decoded = pg.decode({key: text})
    assert getattr(decoded.state, field) == pytest.approx(used)
    assert [(m.kind, m.key, m.value) for m in decoded.messages] == [("adjusted", key, text)]


def test_an_exact_step_written_differently_is_not_reported():
    decoded = pg.decode({"lr": "3e-2", "noise": "0.10", "bn": "true", "layers": " 4, 4"})
    assert decoded.messages == ()
    assert decoded.state.lr == 0.03 and decoded.state.batch_norm is True


# -- rejection ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "field"),
    [
        ("dataset", "mars", "dataset"),
        ("lr", "-1", "lr"),
        ("lr", "nan", "lr"),
        ("lr", "500", "lr"),
        ("rate", "-0.5", "reg_rate"),
        ("noise", "abc", "noise"),
        ("noise", "5", "noise"),
        ("dropout", "1", "dropout"),
        ("layers", ",".join(["4"] * 1000), "hidden"),
        ("layers", "1000", "hidden"),
        ("layers", "4,0", "hidden"),
        ("layers", "4,x", "hidden"),
        ("features", "x3", "features"),
        ("features", "", "features"),
        ("act", "swish2", "activation"),
        ("opt", "lbfgs", "optimizer"),
        ("reg", "l3", "reg"),
        ("bn", "maybe", "batch_norm"),
        ("seed", "-3", "seed"),
        ("ratio", "95", "ratio"),
        ("batch", "0", "batch_size"),
        ("problem", "ranking", "problem"),
    ],
)
def test_a_bad_value_is_rejected_with_a_message_and_the_default(key, text, field):
    decoded = pg.decode({key: text})
    assert getattr(decoded.state, field) == getattr(pg.DEFAULT, field)
    (message,) = decoded.messages
    assert (message.kind, message.key, message.value) == ("rejected", key, text)
    assert message.used == pg.encode(pg.DEFAULT)[key]
    assert message.allowed


def test_many_bad_values_give_one_message_each_and_a_runnable_state():
    decoded = pg.decode({"dataset": "mars", "lr": "-1", "layers": "1000", "noise": "0.123"})
    assert sorted(m.key for m in decoded.messages) == ["dataset", "layers", "lr", "noise"]
    Run(pg.to_config(decoded.state))  # never a state the engine refuses


def test_a_data_set_of_the_other_problem_type_is_replaced():
    decoded = pg.decode({"problem": "regression", "dataset": "circle"})
    assert decoded.state.problem == "regression" and decoded.state.dataset == "plane"
    assert [m.kind for m in decoded.messages] == ["adjusted"]


def test_a_regression_data_set_alone_implies_the_regression_problem():
    decoded = pg.decode({"dataset": "reg_gauss"})
    assert decoded.state.problem == "regression" and decoded.messages == ()


def test_batch_norm_with_batches_of_one_is_adjusted_to_two():
    decoded = pg.decode({"bn": "1", "batch": "1"})
    assert decoded.state.batch_size == 2
    assert [(m.kind, m.key) for m in decoded.messages] == [("adjusted", "batch")]


def test_validate_fixes_a_state_without_features_and_says_so():
    state, fixes = pg.validate(dataclasses.replace(pg.DEFAULT, features=()))
    assert state.features == pg.DEFAULT.features
    assert [m.key for m in fixes] == ["features"]
    assert pg.validate(pg.DEFAULT) == (pg.DEFAULT, ())


# -- presets --------------------------------------------------------------------------------------


def test_a_preset_link_loads_the_preset_and_an_unknown_one_is_reported():
    for preset_id, preset in pg.PRESETS.items():
        decoded = pg.decode({"preset": preset_id, "lang": "zh"})
        assert decoded.state == preset.state and decoded.preset == preset_id
    decoded = pg.decode({"preset": "nope", "act": "relu"})
    assert decoded.preset is None and decoded.state.activation == "relu"
    assert [m.kind for m in decoded.messages] == ["unknown_preset"]


def test_presets_are_valid_states_that_round_trip_through_the_url():
    assert len(pg.PRESETS) >= 4
    for preset in pg.PRESETS.values():
        assert pg.validate(preset.state) == (preset.state, ())
        assert pg.decode(pg.encode(preset.state)).state == preset.state
        assert preset.contrast_state != preset.state


def _train(state: pg.PlaygroundState, epochs: int):
    run = Run(pg.to_config(state))
    for _ in range(epochs):
        run.step()
        if run.diverged:
            break
    return run.records[-1]


def test_sigmoid_six_layers_stalls_and_its_first_layer_gets_a_vanishing_gradient():
    preset = pg.PRESETS["sigmoid-deep"]
    assert len(preset.state.hidden) == 6 and preset.state.activation == "sigmoid"
    stuck = _train(preset.state, preset.epochs)
    assert stuck.train_loss > 0.65  # still ≈ ln 2
    assert stuck.grad_norms[0] < 1e-2 * stuck.grad_norms[-1]
    learned = _train(preset.contrast_state, preset.epochs)  # the same net with ReLU
    assert learned.train_loss < 0.2


def test_relu_at_learning_rate_3_dies_and_at_003_it_does_not():
    preset = pg.PRESETS["relu-dies"]
    assert preset.state.lr == 3.0 and preset.state.activation == "relu"
    dead = _train(preset.state, preset.epochs)
    assert dead.diverged is None  # not a blow-up: the units died
    assert max(dead.dead_fraction) == 1.0 and sum(dead.dead_fraction) / 3 > 0.5
    assert dead.train_loss > 0.6
    alive = _train(preset.contrast_state, preset.epochs)
    assert max(alive.dead_fraction) < 0.5 and alive.train_loss < 0.2


def test_dropout_on_a_tiny_set_keeps_the_test_loss_down_and_the_gap_small():
    preset = pg.PRESETS["dropout-tiny"]
    config = pg.to_config(preset.state)
    assert round((1 - config.test_fraction) * config.n_samples) <= 60  # a tiny training set
    with_dropout = _train(preset.state, preset.epochs)
    without = _train(preset.contrast_state, preset.epochs)
    assert with_dropout.test_loss < 1.0 < 1.5 < without.test_loss
    assert without.train_loss < 0.05  # memorised
    gap = with_dropout.test_loss - with_dropout.train_loss
    assert gap < 0.5 * (without.test_loss - without.train_loss)


def test_batch_norm_trains_at_a_learning_rate_where_the_plain_net_fails():
    preset = pg.PRESETS["bn-high-lr"]
    assert preset.state.batch_norm and preset.state.lr >= 1.0
    with_bn = _train(preset.state, preset.epochs)
    without = _train(preset.contrast_state, preset.epochs)
    assert with_bn.diverged is None and with_bn.train_acc > 0.9
    assert without.train_acc < 0.7


# -- small helpers ----------------------------------------------------------------------------------


def test_penalties_follow_the_regulariser_choice():
    base = dataclasses.replace(pg.DEFAULT, reg_rate=0.1)
    assert pg.penalties(dataclasses.replace(base, reg="none")) == (0.0, 0.0)
    assert pg.penalties(dataclasses.replace(base, reg="l1")) == (0.1, 0.0)
    assert pg.penalties(dataclasses.replace(base, reg="l2")) == (0.0, 0.1)


def test_initialisation_follows_the_activation():
    assert pg.to_config(dataclasses.replace(pg.DEFAULT, activation="tanh")).init == "xavier"
    assert pg.to_config(dataclasses.replace(pg.DEFAULT, activation="relu")).init == "he"


def test_the_suggested_learning_rate_after_divergence_is_about_ten_times_lower():
    assert pg.lower_lr(3.0) == 0.3
    assert pg.lower_lr(1.0) == 0.1
    assert pg.lower_lr(1e-5) == 1e-5


def test_the_reproduction_script_is_python_that_names_config_updates_and_epochs():
    config = pg.to_config(pg.DEFAULT)
    source = pg.reproduction_script(config, [(3, {"lr": 0.3}), (9, {"dropout": 0.5})], 5)
    compile(source, "playground_run.py", "exec")
    assert "(3, {'lr': 0.3})" in source
    assert "(9, " not in source  # after the last epoch: never applied
    assert "EPOCHS = 5" in source and "import torch" not in source
    namespace: dict = {}
    exec(source.split("run = Run(CONFIG)")[0], namespace)  # the set-up part only
    assert namespace["CONFIG"] == config


def test_new_data_is_the_next_seed_and_wraps_after_the_last():
    assert pg.next_seed(0) == 1
    assert pg.next_seed(pg.MAX_SEED) == 0


def test_a_new_problem_keeps_its_data_set_or_takes_its_first():
    assert pg.dataset_for("classification", "xor") == "xor"
    assert pg.dataset_for("regression", "xor") == pg.DATASETS_BY_PROBLEM["regression"][0]
    assert pg.dataset_for("classification", None) == "circle"


def test_basic_mode_clamps_a_width_to_eight():
    assert pg.basic_width(12) == pg.MAX_WIDTH_BASIC == 8
    assert pg.basic_width(3) == 3


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("relu", "relu"),
        ("x`y", "x'y"),  # a backtick would end the code span
        ("a\nb\tc", "a b c"),  # so would a blank line
        ("x" * 40, "x" * 40),
        ("x" * 41, "x" * 37 + "…"),
    ],
)
def test_a_url_value_is_echoed_short_and_inside_its_code_span(text, shown):
    assert pg.echo_text(text) == shown


def test_each_activation_gets_the_initialisation_it_assumes():
    from qa_core.labs.playground.state import init_for

    assert [init_for(a) for a in ("sigmoid", "relu", "selu")] == ["xavier", "he", "lecun"]
    assert pg.to_config(dataclasses.replace(pg.DEFAULT, activation="selu")).init == "lecun"


def test_label_smoothing_travels_in_the_url_on_its_grid():
    state = dataclasses.replace(pg.DEFAULT, label_smoothing=0.15)
    assert pg.encode(state)["ls"] == "0.15"
    assert pg.decode(pg.encode(state)).state == state
    clamped = pg.decode({"ls": "0.12"})
    assert clamped.state.label_smoothing == 0.1
    assert [(m.kind, m.key) for m in clamped.messages] == [("adjusted", "ls")]
    rejected = pg.decode({"ls": "0.5"})
    assert rejected.state.label_smoothing == 0.0
    assert [(m.kind, m.key, m.allowed) for m in rejected.messages] == [
        ("rejected", "ls", "0 … 0.3")
    ]


@pytest.mark.parametrize(
    ("params", "key", "rule", "options"),
    [
        ({"act": "swish2"}, "act", "options", pg.ACTIVATIONS),
        ({"preset": "nope"}, "preset", "options", tuple(pg.PRESETS)),
        ({"problem": "regression", "dataset": "circle"}, "dataset", "options",
         pg.DATASETS_BY_PROBLEM["regression"]),
        ({"features": "x9"}, "features", "features", ()),
        ({"layers": "4,x"}, "layers", "layers", ()),
        ({"noise": "0.123"}, "noise", "step", ()),
        ({"bn": "1", "batch": "1"}, "batch", "bn_batch", ()),
        ({"lr": "-1"}, "lr", "numbers", ()),
    ],
)  # fmt: skip
def test_each_message_says_its_rule_for_a_page_to_word(params, key, rule, options):
    """A page words the rule in its own language (and names the options): the English
    ``allowed`` text is not all it gets."""
    (message,) = pg.decode(params).messages
    assert (message.key, message.rule, message.options) == (key, rule, tuple(options))
    if rule == "options":
        assert message.allowed == " | ".join(options)


def test_schedules_and_the_new_optimizers_travel_in_the_url_and_old_urls_still_open():
    state = dataclasses.replace(pg.DEFAULT, optimizer="adamw", schedule="cosine",
                                schedule_epochs=200)  # fmt: skip
    params = pg.encode(state)
    assert (params["opt"], params["sched"], params["sep"]) == ("adamw", "cosine", "200")
    assert pg.decode(params).state == state
    old = {k: v for k, v in pg.encode(pg.DEFAULT).items() if k not in ("sched", "sep")}
    decoded = pg.decode(old)
    assert decoded.state == pg.DEFAULT and not decoded.messages
    clamped = pg.decode({"sep": "150"})
    assert clamped.state.schedule_epochs in (100, 200)
    assert [(m.kind, m.key) for m in clamped.messages] == [("adjusted", "sep")]
    rejected = pg.decode({"sched": "linear"})
    assert rejected.state.schedule == "constant"
    assert [(m.kind, m.key) for m in rejected.messages] == [("rejected", "sched")]


def test_residual_and_init_travel_in_the_url_and_old_links_keep_their_meaning():
    state = dataclasses.replace(pg.DEFAULT, hidden=(4, 4, 4), residual=True, init="orthogonal")
    assert (pg.encode(state)["res"], pg.encode(state)["init"]) == ("1", "orthogonal")
    assert pg.decode(pg.encode(state)).state == state
    old = pg.decode({"act": "relu", "layers": "4,4,4", "lr": "0.03"})  # a link from before
    assert old.messages == () and not old.state.residual and old.state.init == "auto"
    assert pg.to_config(old.state).init == "he" and not pg.to_config(old.state).residual
    bad = pg.decode({"res": "maybe", "init": "glorot"})
    assert [(m.kind, m.key) for m in bad.messages] == [("rejected", "res"), ("rejected", "init")]
    assert bad.state.init == "auto" and not bad.state.residual


def test_residual_and_init_reach_the_engine_config():
    config = pg.to_config(
        dataclasses.replace(pg.DEFAULT, hidden=(4, 4, 4), residual=True, init="constant")
    )
    assert config.residual and config.init == "constant"
    assert config.init_std == pg.CONSTANT_WEIGHT == 0.5
    assert len(Run(config).network.residual_blocks) == 1
    assert pg.to_config(dataclasses.replace(pg.DEFAULT, init="orthogonal")).init == "orthogonal"
    assert {"residual", "init"} <= set(REBUILD_FIELDS)
