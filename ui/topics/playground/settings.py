"""The playground's settings widgets and the PlaygroundState they show.

The widgets hold the settings while the page is open; ``playground_state`` (keys.STATE) keeps the
canonical PlaygroundState, so the widgets can be refilled after Streamlit forgot them (another
page, a hidden layer) and set all at once (a link, a preset)."""

from __future__ import annotations

import streamlit as st

from qa_core.labs import playground as pg
from ui.charts.common import activation_label
from ui.i18n import t
from ui.topics.playground.keys import NEW_WIDTH, STATE
from ui.widgets import option_names

ss = st.session_state  # Streamlit's proxy: each access reads the running session's state


# -- settings ↔ widgets ---------------------------------------------------------------------


def widget_values(state: pg.PlaygroundState) -> dict[str, object]:
    """The value of every settings widget (by key) that shows ``state``."""
    values: dict[str, object] = {
        "playground_problem": state.problem,
        "playground_dataset": state.dataset,
        "playground_noise": float(state.noise),
        "playground_ratio": int(state.ratio),
        "playground_batch": int(state.batch_size),
        "playground_seed": int(state.seed),
        "playground_layers": len(state.hidden),
        "playground_advanced": state.advanced,
        "playground_act": state.activation,
        "playground_lr": float(state.lr),
        "playground_reg": state.reg,
        "playground_rate": float(state.reg_rate),
        "playground_dropout": float(state.dropout),
        "playground_norm": pg.effective_norm(state),
        "playground_opt": state.optimizer,
        "playground_ls": float(state.label_smoothing),
        "playground_show_test": bool(state.show_test),
        "playground_discretize": bool(state.discretize),
        "playground_sched": state.schedule,
        "playground_sep": int(state.schedule_epochs),
        "playground_res": bool(state.residual),
        "playground_init": state.init,
    }
    for f in pg.FEATURES:
        values[f"playground_f_{f}"] = f in state.features
    for i in range(pg.MAX_LAYERS):
        values[f"playground_w{i}"] = int(state.hidden[i]) if i < len(state.hidden) else NEW_WIDTH
    return values


def show_state(state: pg.PlaygroundState) -> None:
    """Set every settings widget to ``state`` (before the widgets are drawn, or in a callback)."""
    for key, value in widget_values(state).items():
        ss[key] = value
    ss[STATE] = state


def fill_missing_widgets() -> None:
    """Streamlit forgets a widget's value when it is not drawn (another page, a hidden layer):
    restore it from the saved state."""
    for key, value in widget_values(ss[STATE]).items():
        if key not in ss:
            ss[key] = value


def state_from_widgets() -> pg.PlaygroundState:
    """The settings the widgets show now."""
    n_layers = int(ss["playground_layers"])
    return pg.PlaygroundState(
        problem=ss["playground_problem"],
        dataset=ss["playground_dataset"],
        noise=float(ss["playground_noise"]),
        ratio=int(ss["playground_ratio"]),
        batch_size=int(ss["playground_batch"]),
        seed=int(ss["playground_seed"]),
        features=tuple(f for f in pg.FEATURES if ss[f"playground_f_{f}"]),
        hidden=tuple(int(ss[f"playground_w{i}"]) for i in range(n_layers)),
        activation=ss["playground_act"],
        lr=float(ss["playground_lr"]),
        reg=ss["playground_reg"],
        reg_rate=float(ss["playground_rate"]),
        dropout=float(ss["playground_dropout"]),
        **pg.norm_fields(ss["playground_norm"]),
        optimizer=ss["playground_opt"],
        label_smoothing=float(ss["playground_ls"]),
        show_test=bool(ss["playground_show_test"]),
        discretize=bool(ss["playground_discretize"]),
        schedule=ss["playground_sched"],
        schedule_epochs=int(ss["playground_sep"]),
        residual=bool(ss["playground_res"]),
        init=ss["playground_init"],
    )


# -- callbacks (run before the script, so they may set widget values) -----------------------


def problem_changed() -> None:
    """A new problem type brings its own data sets. A value that is no problem id is the old
    language's label, sent by a timed redraw that crossed a language switch: no change."""
    if ss["playground_problem"] in pg.PROBLEMS:
        ss["playground_dataset"] = pg.dataset_for(
            ss["playground_problem"], ss.get("playground_dataset")
        )


def advanced_changed() -> None:
    """Leaving advanced mode clamps every width to TF Playground's 8."""
    if not ss["playground_advanced"]:
        for i in range(pg.MAX_LAYERS):
            ss[f"playground_w{i}"] = pg.basic_width(ss.get(f"playground_w{i}", NEW_WIDTH))


# -- the widgets ----------------------------------------------------------------------------


def number_text(value: float) -> str:
    return f"{value:g}"


def training_settings() -> None:
    """The row of training knobs above the network: each changes a run without restarting it."""
    cols = st.columns([1.6, 1.3, 1.5, 1.2, 1.7, 1.5, 1.5])
    cols[0].select_slider(t("playground.lr"), pg.LEARNING_RATES, key="playground_lr",
                          format_func=number_text)  # fmt: skip
    cols[1].selectbox(t("playground.activation"), pg.ACTIVATIONS, key="playground_act",
                      format_func=activation_label)  # fmt: skip
    cols[2].selectbox(t("playground.opt"), pg.OPTIMIZERS, key="playground_opt",
                      format_func=option_names("playground.opt_", pg.OPTIMIZERS))  # fmt: skip
    cols[3].selectbox(t("playground.reg"), pg.REGULARISERS, key="playground_reg",
                      format_func=option_names("playground.reg_", pg.REGULARISERS))  # fmt: skip
    cols[4].select_slider(t("playground.rate"), pg.REG_RATES, key="playground_rate",
                          format_func=number_text)  # fmt: skip
    cols[5].slider(t("playground.dropout"), 0.0, pg.DROPOUT_MAX, step=pg.DROPOUT_STEP,
                   key="playground_dropout", help=t("playground.dropout_help"))  # fmt: skip
    cols[6].slider(t("playground.ls"), 0.0, pg.SMOOTHING_MAX, step=pg.SMOOTHING_STEP,
                   key="playground_ls", help=t("playground.ls_help"))  # fmt: skip
    st.caption(t("playground.live_note"))


def data_settings() -> None:
    """The data column: problem, data set, split, noise, batch, the learning-rate schedule and
    its epochs, seed, the weights' initialisation (the random start, beside the seed that draws
    it), features, view switches."""
    st.markdown(f"**{t('playground.data')}**")
    st.radio(t("playground.problem"), pg.PROBLEMS, key="playground_problem", on_change=problem_changed,
             format_func=option_names("playground.problem_", pg.PROBLEMS))  # fmt: skip
    st.selectbox(t("playground.dataset"), pg.DATASETS_BY_PROBLEM[ss["playground_problem"]],
                 key="playground_dataset",
                 format_func=option_names("playground.ds_", pg.DATASET_NAMES))  # fmt: skip
    st.slider(t("playground.ratio"), pg.RATIO_MIN, pg.RATIO_MAX, step=pg.RATIO_STEP,
              key="playground_ratio", help=t("playground.ratio_help"))  # fmt: skip
    st.slider(t("playground.noise"), 0.0, pg.NOISE_MAX, step=pg.NOISE_STEP, key="playground_noise",
              help=t("playground.noise_help"))  # fmt: skip
    st.slider(t("playground.batch"), pg.BATCH_MIN, pg.BATCH_MAX, key="playground_batch")
    st.selectbox(t("playground.sched"), pg.SCHEDULES, key="playground_sched",
                 format_func=option_names("playground.sched_", pg.SCHEDULES),
                 help=t("playground.sched_help"))  # fmt: skip
    st.select_slider(t("playground.sep"), pg.SCHEDULE_EPOCHS, key="playground_sep",
                     help=t("playground.sep_help"))  # fmt: skip
    st.number_input(t("playground.seed"), 0, pg.MAX_SEED, step=1, key="playground_seed",
                    help=t("playground.seed_help"))  # fmt: skip
    st.selectbox(t("playground.init"), pg.INIT_CHOICES, key="playground_init",
                 format_func=option_names("playground.init_", pg.INIT_CHOICES),
                 help=t("playground.init_help"))  # fmt: skip
    st.markdown(f"**{t('playground.features')}**", help=t("playground.features_help"))
    for start in range(0, len(pg.FEATURES), 2):  # row by row: a phone keeps this order
        pair = pg.FEATURES[start : start + 2]
        for column, f in zip(st.columns(2), pair, strict=False):
            column.checkbox(t(f"playground.feat_{f}"), key=f"playground_f_{f}")
    st.toggle(t("playground.show_test"), key="playground_show_test")
    st.toggle(t("playground.discretize"), key="playground_discretize")


def network_settings() -> None:
    """The layers, their widths, the normalisation, residual connections and the advanced switch
    (widths above 8)."""
    max_width = pg.MAX_WIDTH if ss["playground_advanced"] else pg.MAX_WIDTH_BASIC
    cols = st.columns([1.2] + [0.9] * pg.MAX_LAYERS + [2.8], vertical_alignment="bottom")
    cols[0].number_input(t("playground.layers"), 0, pg.MAX_LAYERS, step=1, key="playground_layers")
    for i in range(int(ss["playground_layers"])):
        cols[1 + i].number_input(t("playground.width", i=i + 1), 1, max_width, step=1,
                                 key=f"playground_w{i}")  # fmt: skip
    with cols[-1]:
        st.selectbox(t("playground.norm"), pg.NORM_CHOICES, key="playground_norm",
                     format_func=option_names("playground.norm_", pg.NORM_CHOICES),
                     help=t("playground.norm_help"))  # fmt: skip
        st.toggle(t("playground.res"), key="playground_res", help=t("playground.res_help"))
        st.toggle(t("playground.advanced"), key="playground_advanced", on_change=advanced_changed,
                  help=t("playground.advanced_help"))  # fmt: skip
