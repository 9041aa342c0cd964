"""The playground through AppTest, in both languages: it draws, steps, changes settings mid-run
without a reset, rebuilds when it must, runs every preset, keeps its state in the URL, and
rejects bad URL values with a message and the defaults."""

import dataclasses

from streamlit.testing.v1 import AppTest

from qa_core.labs import playground as pg
from tests.app.conftest import APP, assert_clean, plotly_specs
from ui.i18n import lookup

PAGE = "pages/playground.py"
WIDGET_FIELDS = {  # widget key -> state field (features and widths are checked apart)
    "playground_problem": "problem",
    "playground_dataset": "dataset",
    "playground_noise": "noise",
    "playground_ratio": "ratio",
    "playground_batch": "batch_size",
    "playground_seed": "seed",
    "playground_act": "activation",
    "playground_lr": "lr",
    "playground_reg": "reg",
    "playground_rate": "reg_rate",
    "playground_dropout": "dropout",
    "playground_norm": "norm",  # one choice: batch_norm and norm (pg.norm_fields)
    "playground_opt": "optimizer",
    "playground_ls": "label_smoothing",
    "playground_show_test": "show_test",
    "playground_discretize": "discretize",
    "playground_res": "residual",
    "playground_init": "init",
}


def open_with_url(lang: str, params: dict[str, str]) -> AppTest:
    """A new visitor following a shared link: the URL is set before the first run."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(PAGE).run()
    return at


def _find(at: AppTest, key: str):
    for kind in ("selectbox", "slider", "select_slider", "number_input", "toggle", "radio",
                 "checkbox"):  # fmt: skip
        found = [w for w in getattr(at, kind) if w.key == key]
        if found:
            return found[0]
    raise AssertionError(f"no widget {key!r}")


def shown_state(at: AppTest) -> pg.PlaygroundState:
    """The state the widgets show."""
    values = {field: _find(at, key).value for key, field in WIDGET_FIELDS.items()}
    values |= pg.norm_fields(values["norm"])
    values["features"] = tuple(f for f in pg.FEATURES if _find(at, f"playground_f_{f}").value)
    layers = int(_find(at, "playground_layers").value)
    values["hidden"] = tuple(int(_find(at, f"playground_w{i}").value) for i in range(layers))
    return pg.PlaygroundState(**values)


def epoch(at: AppTest) -> int:
    return int(at.metric[0].value.replace(",", ""))


def chart(at: AppTest, title_part: str) -> dict:
    for spec in plotly_specs(at):
        if title_part in spec["layout"]["title"]["text"]:
            return spec
    raise AssertionError(f"no chart titled {title_part!r}")


def heatmap(at: AppTest) -> list:
    for spec in plotly_specs(at):
        for trace in spec["data"]:
            if trace.get("type") == "heatmap":
                return trace["z"]
    raise AssertionError("no heatmap")


def test_the_default_set_up_draws_and_training_changes_the_pictures(page, lang):
    at = page
    assert shown_state(at) == pg.DEFAULT
    assert epoch(at) == 0
    specs = plotly_specs(at)
    assert len(specs) == 4  # network, output, loss, diagnostics
    network = specs[0]
    units = next(tr for tr in network["data"] if tr.get("customdata"))
    assert units["customdata"] == [
        "in:0",
        "in:1",
        *(f"h:{i}:{u}" for i in (0, 1) for u in range(4)),
        "out",
    ]  # one heatmap square per unit, in one image
    assert network["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    assert {tr.get("line", {}).get("color") for tr in network["data"]} >= {"#1f77b4", "#ff7f0e"}
    before = heatmap(at)
    at.button(key="playground_step").click().run()
    assert_clean(at)
    assert epoch(at) == 1
    at.button(key="playground_fast").click().run()
    assert epoch(at) == 51
    assert heatmap(at) != before
    loss = chart(at, lookup("playground.loss_title", lang))
    assert len(loss["data"][0]["x"]) == 52  # epochs 0 … 51
    assert {k: v for k, v in at.query_params.items() if k != "lang"} == pg.encode(pg.DEFAULT)
    # a unit enlarged, the diagnostics chart switched
    at.selectbox(key="playground_enlarge").set_value("h:1:2").run()
    assert_clean(at)
    assert len(plotly_specs(at)) == 5
    at.radio(key="playground_diag").set_value("dead").run()
    assert_clean(at)
    assert len(plotly_specs(at)) == 5
    at.radio(key="playground_diag").set_value("bn_mean").run()  # no BN in this network: a caption
    assert_clean(at)
    assert len(plotly_specs(at)) == 4
    # switching the language keeps the run and every setting
    other = "en" if lang == "zh" else "zh"
    at.session_state["lang_switch"] = other
    at.session_state["lang"] = other
    at.run()
    assert_clean(at)
    assert at.title[0].value == lookup("playground.title", other)
    assert epoch(at) == 51 and shown_state(at) == pg.DEFAULT


def test_a_live_change_keeps_the_weights_and_a_structural_one_rebuilds(page, lang):
    at = page
    at.button(key="playground_fast").click().run()
    assert epoch(at) == 50
    at.select_slider(key="playground_lr").set_value(0.3).run()
    assert_clean(at)
    assert epoch(at) == 50  # not reset
    assert any("0.3" in info.value for info in at.info)
    at.button(key="playground_step").click().run()
    assert epoch(at) == 51
    loss = chart(at, lookup("playground.loss_title", lang))
    assert loss["layout"]["shapes"][0]["x0"] == 50.5  # between epochs 50 and 51
    assert at.query_params["lr"] == "0.3"
    assert not at.code  # the export is filled only once opened
    at.session_state["playground_export"] = True
    at.run()
    assert epoch(at) == 51
    script = at.code[0].value  # the export replays the change at the same epoch
    assert "(50, {'lr': 0.3})" in script and "EPOCHS = 51" in script
    at.selectbox(key="playground_act").set_value("relu").run()  # the activation: a fresh run
    assert_clean(at)
    assert epoch(at) == 0
    assert len(at.info) == 1  # "the run was rebuilt"
    assert at.query_params["act"] == "relu"


def test_a_click_that_carries_an_older_url_of_this_session_keeps_its_change(page):
    """The browser sends its address with every rerun. A click made before the previous run's
    URL write reached the browser carries the address from before that write: this session's
    own older URL, not a shared link. The click's change and the newer settings both stand."""
    at = page
    older = dict(at.query_params)  # what the browser still shows
    at.slider(key="playground_noise").set_value(0.25).run()
    assert at.query_params["noise"] == "0.25"
    at.query_params.clear()
    at.query_params.update(older)
    at.toggle(key="playground_discretize").set_value(True).run()
    assert_clean(at)
    assert not at.warning
    assert shown_state(at) == dataclasses.replace(pg.DEFAULT, noise=0.25, discretize=True)
    assert at.query_params["noise"] == "0.25" and at.query_params["discrete"] == "1"


def test_each_preset_opens_from_its_link_runs_and_has_its_button(lang):
    at = open_with_url(lang, {"preset": "relu-dies"})
    for preset_id, preset in pg.PRESETS.items():
        # a preset link followed inside the session: the language stays the session's
        at.query_params.clear()
        at.query_params.update({"lang": lang, "preset": preset_id})
        at.run()
        assert_clean(at)
        assert shown_state(at) == preset.state
        assert "preset" not in at.query_params  # replaced by the full state
        assert at.query_params["lang"] == lang
        assert pg.decode(at.query_params).state == preset.state
        assert any(b.key == "playground_lesson_close" for b in at.button)
        at.button(key="playground_step").click().run()  # the lessons themselves: tests/core
        assert_clean(at)
        assert epoch(at) == 1
        other = "tanh" if preset.state.activation != "tanh" else "relu"
        at.selectbox(key="playground_act").set_value(other).run()
        at.button(key=f"playground_preset_{preset_id}").click().run()  # its button: one click
        assert_clean(at)
        assert epoch(at) == 0
        assert shown_state(at) == preset.state


def test_a_shared_url_sets_every_widget(lang):
    state = pg.PlaygroundState(
        problem="regression",
        dataset="reg_gauss",
        noise=0.3,
        ratio=70,
        batch_size=17,
        seed=42,
        features=("x1", "x2", "x1x2", "sinx2"),
        hidden=(12, 3, 2),  # wider than 8: advanced mode
        activation="gelu",
        lr=0.1,
        reg="l1",
        reg_rate=0.003,
        dropout=0.15,
        batch_norm=True,
        optimizer="momentum",
        show_test=True,
        discretize=True,
    )
    at = open_with_url(lang, pg.encode(state))
    assert_clean(at)
    assert not at.warning
    assert shown_state(at) == state
    assert {k: v for k, v in at.query_params.items() if k != "lang"} == pg.encode(state)
    assert len(at.metric) == 3  # regression: epoch and two losses, no accuracy
    assert _find(at, "playground_advanced").value is True


def test_bad_url_values_are_rejected_with_a_message_and_defaults(lang):
    bad = {"dataset": "mars", "rate": "-1", "layers": ",".join(["4"] * 1000), "act": "nope"}
    at = open_with_url(lang, bad)
    assert not at.exception
    assert shown_state(at) == pg.DEFAULT
    (text,) = [w.value for w in at.warning]  # one message listing them all
    for key, value in (("dataset", "mars"), ("rate", "-1"), ("act", "nope"), ("layers", "4,4")):
        assert f"{key}={value}" in text
    assert text.count("\n- ") == 4
    assert {k: v for k, v in at.query_params.items() if k != "lang"} == pg.encode(pg.DEFAULT)
    at.button(key="playground_step").click().run()  # and the page keeps working
    assert_clean(at)
    assert epoch(at) == 1


def test_a_diverging_run_stops_greys_out_and_advises_only_what_the_page_offers(lang):
    at = open_with_url(lang, {"act": "elu", "lr": "10", "layers": "8,8"})
    at.button(key="playground_fast").click().run()
    assert not at.exception
    assert epoch(at) < 50
    [notice] = [w.value for w in at.warning]  # one notice: why it stopped and what to try
    assert lookup("common.advice_lr_to", lang).format(lr="1") in notice  # 10 → about 1
    assert lookup("common.advice_bn", lang) in notice  # batch norm is off here
    assert ("clipping" if lang == "en" else "裁剪") not in notice  # no such control here
    assert lookup("playground.diverged_advice", lang) in [c.value for c in at.caption]
    assert at.button(key="playground_play").disabled and at.button(key="playground_step").disabled
    greyed = [s for s in plotly_specs(at) if any(
        sh.get("fillcolor", "").startswith("rgba(128,128,128") for sh in s["layout"].get("shapes", [])
    )]  # fmt: skip
    assert len(greyed) >= 3  # network, output, loss
    at.select_slider(key="playground_lr").set_value(1.0).run()  # a new rate starts a fresh run
    assert_clean(at)
    assert epoch(at) == 0 and not at.button(key="playground_play").disabled


def test_divergence_advice_leaves_out_batch_norm_when_it_is_on(lang):
    at = open_with_url(lang, {"act": "elu", "lr": "10", "layers": "8,8", "bn": "1"})
    at.button(key="playground_fast").click().run()
    assert not at.exception
    [notice] = [w.value for w in at.warning]
    assert lookup("common.advice_lr_to", lang).split("{")[0] in notice
    assert lookup("common.advice_bn", lang) not in notice


def test_an_old_bn_link_opens_with_batch_norm_and_the_norm_choice_reaches_the_url(lang):
    at = open_with_url(lang, {"bn": "1", "layers": "4,4"})
    assert_clean(at)
    assert not at.warning
    assert _find(at, "playground_norm").value == "batch"
    at.selectbox(key="playground_norm").set_value("layer").run()
    assert_clean(at)
    assert (at.query_params["norm"], at.query_params["bn"]) == ("layer", "0")
    at.button(key="playground_step").click().run()
    assert_clean(at)
    assert epoch(at) == 1
