"""The playground's normalisation choice (issue 29): old links' bn=1 still mean batch norm, the
new norm key picks a per-example norm, conflicts are said, and the engine config, the network,
a rebuild and the exported script all follow it."""

import dataclasses

import pytest

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import LiveRun
from tests.core.labs.test_playground_session import _run_script

KINDS = {"batch": "BatchNorm", "layer": "LayerNorm", "group": "GroupNorm", "rms": "RMSNorm"}


def layer_kinds(state):
    return {type(ly).__name__ for ly in LiveRun(state).run.network.layers}


def test_an_old_link_with_bn_1_still_opens_with_batch_norm():
    decoded = pg.decode({"bn": "1", "layers": "4,4"})
    assert decoded.messages == ()
    assert decoded.state.batch_norm and decoded.state.norm == "none"
    assert pg.effective_norm(decoded.state) == "batch"
    assert pg.to_config(decoded.state).resolved_norm == "batch"
    assert "BatchNorm" in layer_kinds(decoded.state)


@pytest.mark.parametrize("norm", ["layer", "group", "rms"])
def test_the_norm_key_picks_a_per_example_norm_and_round_trips(norm):
    decoded = pg.decode({"norm": norm, "batch": "1"})  # no batch statistic: batches of one stay
    assert decoded.messages == () and decoded.state.batch_size == 1
    assert decoded.state.norm == norm and not decoded.state.batch_norm
    assert pg.encode(decoded.state)["norm"] == norm and pg.encode(decoded.state)["bn"] == "0"
    assert pg.decode(pg.encode(decoded.state)).state == decoded.state
    config = pg.to_config(decoded.state)
    assert config.resolved_norm == norm and not config.batch_norm
    kinds = layer_kinds(decoded.state)
    assert KINDS[norm] in kinds and "BatchNorm" not in kinds


def test_norm_batch_in_a_link_is_the_batch_norm_switch():
    decoded = pg.decode({"norm": "batch"})
    assert decoded.messages == ()
    assert decoded.state == dataclasses.replace(pg.DEFAULT, batch_norm=True)


def test_bn_beside_another_norm_is_switched_off_and_said():
    decoded = pg.decode({"bn": "1", "norm": "rms"})
    assert not decoded.state.batch_norm and decoded.state.norm == "rms"
    (message,) = decoded.messages
    assert (message.kind, message.key, message.value, message.used) == ("adjusted", "bn", "1", "0")


def test_an_unknown_norm_is_rejected_with_the_choices():
    decoded = pg.decode({"norm": "instance"})
    assert decoded.state.norm == "none"
    (message,) = decoded.messages
    assert message.kind == "rejected" and message.options == pg.NORM_CHOICES


def test_norm_fields_map_each_choice_to_the_state():
    for choice in pg.NORM_CHOICES:
        state = dataclasses.replace(pg.DEFAULT, **pg.norm_fields(choice))
        assert pg.effective_norm(state) == choice
        assert pg.validate(state) == (state, ())


def test_a_norm_change_rebuilds_the_run_and_the_script_reproduces_it(tmp_path):
    run = LiveRun(pg.DEFAULT)
    run.step(2)
    state = dataclasses.replace(pg.DEFAULT, norm="layer")
    applied = run.apply(state)
    assert applied.kind == "rebuilt" and "norm" in applied.fields
    run.step(4)
    source = run.script()
    assert "norm='layer'" in source
    printed = _run_script(source, tmp_path)
    assert abs(printed["train_loss"] - run.last.train_loss) <= 1e-9
