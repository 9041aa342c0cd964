"""Vanishing gradients: saturation up close, depth sweeps, per-layer gradient norms and
per-layer activation statistics of freshly initialised deep probe networks (qa_core.vanishing)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import pandas as pd
import streamlit as st

from qa_core.engine import activations
from qa_core.labs.vanishing_gradients import saturation, sweeps, training_steps
from ui.charts.common import activation_label
from ui.charts.vanishing_gradients import (
    Series,
    activation_color,
    activation_symbol,
    flat_share_figure,
    norms_figure,
    saturation_figure,
    spread_figure,
    stats_figure,
)
from ui.components.live_charts import show
from ui.content import render_topic
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.run_cache import Progress, cached_with_progress, result_cache
from ui.tables import show_table
from ui.widgets import predict_then_run, reveal_prediction, show_bad_input

run_through_app()

SEED = 0
BATCH = 256
SWEEP_MAX_DEPTH = 50  # sweeps always run to 50 (nested nets): "D" only chooses what is shown
PREDICT_DEPTH = 20
WIDTHS = (32, 64, 128, 256)
BATCHES = (32, 64, 128, 256)
STDS = (0.001, 0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
WEIGHT_SCALES = (0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 5 / 3, 2.0, 3.0, 5.0, 10.0, 30.0,
                 100.0)  # fmt: skip
INPUT_SCALES = (0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0)
FLAT_RATIOS = (0.01, 0.05, 0.1, 0.25, 0.5)
STEPS = (0, 1, 5, 10, 25, 50)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SHORT_INITS = {  # names for chart titles (proper names and a formula: no translation needed)
    "matched": "Xavier / He",
    "xavier": "Xavier",
    "xavier_uniform": "Xavier (U)",
    "he": "He",
    "lecun": "LeCun",
    "normal": "N(0, {std}²)",
}
SHOWN_DEPTHS = tuple(d for d in sweeps.depth_grid(SWEEP_MAX_DEPTH) if d >= 5)


def init_label(init: str) -> str:
    """Localised name of an init choice (stable ids from sweeps.INIT_CHOICES)."""
    return {
        "matched": t("vanishing_gradients.init_matched"),
        "xavier": t("vanishing_gradients.init_xavier"),
        "xavier_uniform": t("vanishing_gradients.init_xavier_uniform"),
        "he": t("vanishing_gradients.init_he"),
        "lecun": t("vanishing_gradients.init_lecun"),
        "normal": t("vanishing_gradients.init_normal"),
    }.get(init, init)


def scale_label(value: float) -> str:
    return "5/3" if abs(value - 5 / 3) < 1e-9 else f"{value:g}"


def init_controls(prefix: str, default: str = "matched") -> tuple[str, float]:
    """Init choice and the std slider of "normal" (disabled for the other inits)."""
    left, right = st.columns(2)
    init = left.selectbox(
        t("vanishing_gradients.init"),
        sweeps.INIT_CHOICES,
        index=sweeps.INIT_CHOICES.index(default),
        # labels fixed now, in this run's language (AppTest calls format_func outside a run)
        format_func={init: init_label(init) for init in sweeps.INIT_CHOICES}.__getitem__,
        key=f"{prefix}_init",
        persist_state=KEEP_ACROSS_TABS,
    )
    std = right.select_slider(
        t("vanishing_gradients.std"),
        STDS,
        value=1.0,
        format_func=lambda v: f"{v:g}",
        disabled=init != "normal",
        help=t("vanishing_gradients.std_help"),
        key=f"{prefix}_std",
        persist_state=KEEP_ACROSS_TABS,
    )
    return init, std


def plain_std(init: str, std: float) -> float:
    """The std only matters for "normal": a fixed value for the others keeps caches shared."""
    return std if init == "normal" else 1.0


def overflow_notices(statuses: Sequence[pd.Series]) -> None:
    """Explain ✕ overflow and ▼ zero markers when a chart has any."""
    values = pd.concat(list(statuses)) if statuses else pd.Series(dtype=object)
    if (values == sweeps.OVERFLOW).any():
        st.warning(t("vanishing_gradients.overflow_notice"), icon=":material/warning:")
    if (values == sweeps.ZERO).any():
        st.info(t("vanishing_gradients.zero_notice"), icon=":material/info:")


def bundle(
    key: Hashable, items: Sequence[Hashable], one: Callable[[Hashable], object], label: str
) -> dict:
    """``{item: one(item)}`` behind one progress bar, cached as a whole; ``one`` is itself
    cached per item, so a changed selection only computes the new items."""

    def compute(progress: Progress) -> dict:
        out = {}
        for i, item in enumerate(items):
            out[item] = one(item)
            progress((i + 1) / len(items))
        return out

    return cached_with_progress((key, tuple(items)), compute, label)


# -- cached computations (plain-value keys) -------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def saturation_data(activation, depth, init, width, std, weight_scale, input_scale, flat_ratio):
    layers = saturation.saturation_profile(
        activation, depth, init, width=width, batch=BATCH, std=std, weight_scale=weight_scale,
        input_scale=input_scale, seed=SEED, flat_ratio=flat_ratio,
    )  # fmt: skip
    return layers, saturation.saturation_summary(layers)


@st.cache_data(show_spinner=False, max_entries=256)
def sweep_data(activation, init, std, width, batch, weight_scale) -> pd.DataFrame:
    return sweeps.sweep(
        activation, init, SWEEP_MAX_DEPTH, width=width, batch=batch, std=std,
        weight_scale=weight_scale, seed=SEED,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=256)
def profile_data(activation, depth, init, std, width, weight_scale, batch) -> pd.DataFrame:
    return sweeps.layer_profile(
        activation, depth, init, width=width, batch=batch, std=std,
        weight_scale=weight_scale, seed=SEED,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def stats_data(activation, depth, init, std, width, weight_scale) -> pd.DataFrame:
    return saturation.activation_stats(
        activation, depth, init, width=width, batch=BATCH, std=std,
        weight_scale=weight_scale, seed=SEED,
    )  # fmt: skip


# -- 1. saturation up close -----------------------------------------------------------------


@st.fragment
def saturation_experiment() -> None:
    st.markdown(t("vanishing_gradients.saturation_intro"))
    names = activations.names()
    left, mid, right = st.columns(3)
    activation = left.selectbox(
        t("vanishing_gradients.activation"),
        names,
        index=names.index("sigmoid"),
        format_func=activation_label,
        key="vg_sat_act",
        persist_state=KEEP_ACROSS_TABS,
    )
    depth = mid.slider(
        t("vanishing_gradients.depth"),
        2,
        50,
        10,
        key="vg_sat_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    picked = st.session_state.get("vg_sat_layer")  # kept across depths (and tabs)
    if picked is not None and picked > depth:  # keep the layer inside the network
        st.session_state["vg_sat_layer"] = depth
    layer = right.slider(
        t("vanishing_gradients.layer_pick"),
        1,
        depth,
        depth if picked is None else None,  # the last layer at first (not both: Streamlit warns)
        key="vg_sat_layer",
        persist_state=KEEP_ACROSS_TABS,
    )
    init, std = init_controls("vg_sat", default="normal")
    left, mid, right, last = st.columns(4)
    width = left.select_slider(
        t("vanishing_gradients.width"),
        WIDTHS,
        value=256,
        key="vg_sat_width",
        persist_state=KEEP_ACROSS_TABS,
    )
    weight_scale = mid.select_slider(
        t("vanishing_gradients.weight_scale"),
        WEIGHT_SCALES,
        value=1.0,
        format_func=scale_label,
        help=t("vanishing_gradients.weight_scale_help"),
        key="vg_sat_scale",
        persist_state=KEEP_ACROSS_TABS,
    )
    input_scale = right.select_slider(
        t("vanishing_gradients.input_scale"),
        INPUT_SCALES,
        value=1.0,
        format_func=lambda v: f"{v:g}",
        key="vg_sat_input",
        persist_state=KEEP_ACROSS_TABS,
    )
    flat_ratio = last.select_slider(
        t("vanishing_gradients.flat_ratio"),
        FLAT_RATIOS,
        value=0.1,
        format_func=lambda v: f"{v:.0%}",
        help=t("vanishing_gradients.flat_ratio_help"),
        key="vg_sat_flat",
        persist_state=KEEP_ACROSS_TABS,
    )
    try:
        layers, summary = saturation_data(
            activation, depth, init, width, plain_std(init, std), weight_scale, input_scale,
            flat_ratio,
        )  # fmt: skip
    except ValueError as err:
        show_bad_input(err)
        return
    chosen = layers[layer - 1]
    title = t("vanishing_gradients.saturation_title", layer=layer, depth=depth)
    show(saturation_figure(chosen, activation=activation, title=title), key="vg_fig_sat")
    a, b, c = st.columns(3)
    a.metric(
        t("vanishing_gradients.flat_metric"),
        f"{chosen.flat_share:.0%}",
        help=t("vanishing_gradients.flat_metric_help", ratio=f"{flat_ratio:.0%}"),
    )
    b.metric(t("vanishing_gradients.mean_fprime_metric"), f"{chosen.mean_fprime:.3g}")
    c.metric(t("vanishing_gradients.z_std_metric"), f"{chosen.z_std:.3g}")
    if (summary["nonfinite"] > 0).any():
        st.warning(t("vanishing_gradients.sat_overflow_notice"), icon=":material/warning:")
    show(
        flat_share_figure(summary, selected=layer, title=t("vanishing_gradients.flat_title")),
        key="vg_fig_flat",
    )


# -- 2. depth sweep (with predict, then run) ------------------------------------------------


def predict_options() -> dict[str, str]:
    return {bucket: t(f"vanishing_gradients.predict_{bucket}") for bucket in sweeps.RATIO_BUCKETS}


def reveal(choice_text: str | None, width: int, batch: int) -> None:
    """The measured first/last ratio of a 20-layer sigmoid net with Xavier init."""
    try:
        # "matched" is Xavier for sigmoid: the same cache entry as the per-layer chart's default
        profile = profile_data("sigmoid", PREDICT_DEPTH, "matched", 1.0, width, 1.0, batch)
    except ValueError as err:
        show_bad_input(err)
        return
    ratio = sweeps.first_last_ratio(profile)
    bucket = sweeps.ratio_bucket(ratio)
    if bucket is None:
        st.warning(t("vanishing_gradients.predict_undefined"))
        return
    ceiling = sweeps.sigmoid_ceiling([PREDICT_DEPTH], 1.0)[0]
    explanation = t(
        "vanishing_gradients.predict_explain",
        first=f"{profile['grad_norm'].iloc[0]:.2e}",
        last=f"{profile['grad_norm'].iloc[-1]:.2e}",
        ratio=f"{ratio:.1e}",
        ceiling=f"{ceiling:.1e}",
        width=width,
        batch=batch,
    )
    reveal_prediction(choice_text, predict_options()[bucket], explanation)


def sweep_figure(shown: dict[str, pd.DataFrame], title: str):
    """One panel of the sweep: a line per activation, and the sigmoid ceiling if it applies."""
    series = [
        Series(activation_label(name), activation_color(name), df, symbol=activation_symbol(name))
        for name, df in shown.items()
    ]
    ceiling = None
    if "sigmoid" in shown and shown["sigmoid"]["status"].iloc[0] == sweeps.OK:
        depths = shown["sigmoid"]["depth"]
        anchor = float(shown["sigmoid"]["grad_norm"].iloc[0])
        ceiling = (depths, sweeps.sigmoid_ceiling(depths, anchor))
    return norms_figure(
        series, x="depth", title=title, x_title=t("vanishing_gradients.depth_axis"),
        ceiling=ceiling,
    )  # fmt: skip


@st.fragment
def sweep_experiment() -> None:
    options = predict_options()
    choice = predict_then_run(
        "vg_predict", t("vanishing_gradients.predict_question"), list(options.values())
    )
    st.markdown(t("vanishing_gradients.sweep_intro"))
    left, right = st.columns([3, 2])
    names = left.multiselect(
        t("vanishing_gradients.activations"),
        activations.names(),
        default=list(sweeps.PAGE_ACTIVATIONS),
        format_func=activation_label,
        key="vg_sweep_acts",
        persist_state=KEEP_ACROSS_TABS,
    )
    max_depth = right.select_slider(
        t("vanishing_gradients.max_depth"),
        SHOWN_DEPTHS,
        value=50,
        key="vg_sweep_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    a, b, c, d = st.columns(4)
    width = a.select_slider(
        t("vanishing_gradients.width"),
        WIDTHS,
        value=256,
        key="vg_sweep_width",
        persist_state=KEEP_ACROSS_TABS,
    )
    batch = b.select_slider(
        t("vanishing_gradients.batch"),
        BATCHES,
        value=256,
        key="vg_sweep_batch",
        persist_state=KEEP_ACROSS_TABS,
    )
    bad_std = c.select_slider(
        t("vanishing_gradients.bad_std"),
        STDS,
        value=1.0,
        format_func=lambda v: f"{v:g}",
        key="vg_sweep_std",
        persist_state=KEEP_ACROSS_TABS,
    )
    weight_scale = d.select_slider(
        t("vanishing_gradients.weight_scale"),
        WEIGHT_SCALES,
        value=1.0,
        format_func=scale_label,
        help=t("vanishing_gradients.weight_scale_help"),
        key="vg_sweep_scale",
        persist_state=KEEP_ACROSS_TABS,
    )
    if not names:
        st.info(t("vanishing_gradients.need_one"))
    else:
        panels = {
            t("vanishing_gradients.good_panel"): ("matched", 1.0),
            t("vanishing_gradients.bad_panel", std=f"{bad_std:g}"): ("normal", bad_std),
        }
        statuses = []
        for i, (title, (init, std)) in enumerate(panels.items()):
            # One panel at a time: the good-init sweep is drawn before the bad one is computed.
            items = [(name, init, std) for name in names]
            try:
                frames = bundle(
                    ("vg_sweeps", width, batch, weight_scale),
                    items,
                    lambda item: sweep_data(*item, width, batch, weight_scale),
                    t("vanishing_gradients.sweep_running", n=len(items)),
                )
            except ValueError as err:
                show_bad_input(err)
                return
            shown = {name: df[df["depth"] <= max_depth] for (name, _, _), df in frames.items()}
            show(sweep_figure(shown, title), key=f"vg_fig_sweep_{i}")
            statuses += [df["status"] for df in shown.values()]
        st.caption(t("vanishing_gradients.sweep_caption"))
        overflow_notices(statuses)
    reveal(choice, width, batch)


# -- 3. gradient norm per layer -------------------------------------------------------------


def trained_bundle(names, depth, init, std, width, weight_scale, steps, lr) -> dict | None:
    """Per-layer norms after ``steps`` SGD steps for each activation, or None until the learner
    asks for the run (it takes seconds); each activation is cached on its own."""
    settings = (depth, init, std, width, weight_scale, steps, lr)
    keys = {name: ("vg_trained", name, *settings) for name in names}
    cache = result_cache()
    if any(cache.get(k) is None for k in keys.values()) and not st.button(
        t("vanishing_gradients.train_button", steps=steps), key="vg_layer_train"
    ):
        st.caption(t("vanishing_gradients.train_hint"))
        return None

    def compute(progress: Progress) -> dict:
        out = {}
        for i, name in enumerate(names):
            hit = cache.get(keys[name])
            if hit is None:
                hit = training_steps.trained_profile(
                    name, depth, init, width=width, batch=BATCH, std=std,
                    weight_scale=weight_scale, seed=SEED, steps=steps, lr=lr,
                    progress=lambda f, i=i: progress((i + f) / len(names)),
                )  # fmt: skip
                cache.put(keys[name], hit)
            out[name] = hit
        return out

    return cached_with_progress(
        ("vg_trained_bundle", tuple(names), *settings),
        compute,
        t("vanishing_gradients.train_running", steps=steps),
    )


@st.fragment
def layer_experiment() -> None:
    st.markdown(t("vanishing_gradients.layers_intro"))
    left, right = st.columns([3, 2])
    names = left.multiselect(
        t("vanishing_gradients.activations"),
        activations.names(),
        default=list(sweeps.PAGE_ACTIVATIONS),
        format_func=activation_label,
        key="vg_layer_acts",
        persist_state=KEEP_ACROSS_TABS,
    )
    depth = right.slider(
        t("vanishing_gradients.depth"),
        2,
        50,
        20,
        key="vg_layer_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    init, std = init_controls("vg_layer")
    a, b, c, d = st.columns(4)
    width = a.select_slider(
        t("vanishing_gradients.width"),
        WIDTHS,
        value=256,
        key="vg_layer_width",
        persist_state=KEEP_ACROSS_TABS,
    )
    weight_scale = b.select_slider(
        t("vanishing_gradients.weight_scale"),
        WEIGHT_SCALES,
        value=1.0,
        format_func=scale_label,
        help=t("vanishing_gradients.weight_scale_help"),
        key="vg_layer_scale",
        persist_state=KEEP_ACROSS_TABS,
    )
    steps = c.select_slider(
        t("vanishing_gradients.steps"),
        STEPS,
        value=0,
        help=t("vanishing_gradients.steps_help"),
        key="vg_layer_steps",
        persist_state=KEEP_ACROSS_TABS,
    )
    lr = d.select_slider(
        t("vanishing_gradients.lr"),
        LRS,
        value=0.1,
        format_func=lambda v: f"{v:g}",
        disabled=steps == 0,
        key="vg_layer_lr",
        persist_state=KEEP_ACROSS_TABS,
    )
    if not names:
        st.info(t("vanishing_gradients.need_one"))
        return
    std = plain_std(init, std)
    try:
        profiles = {
            name: profile_data(name, depth, init, std, width, weight_scale, BATCH) for name in names
        }
        trained = (
            trained_bundle(names, depth, init, std, width, weight_scale, steps, lr)
            if steps > 0
            else None
        )
    except ValueError as err:
        show_bad_input(err)
        return
    series = [
        Series(
            t("vanishing_gradients.at_init", act=activation_label(name)),
            activation_color(name),
            df,
            symbol=activation_symbol(name),
        )
        for name, df in profiles.items()
    ]
    if trained is not None:
        series += [
            Series(
                t("vanishing_gradients.after_steps", act=activation_label(name), steps=steps),
                activation_color(name),
                result.norms,
                dash="dash",
                symbol=activation_symbol(name),
            )
            for name, result in trained.items()
        ]
    init_text = SHORT_INITS[init].format(std=f"{std:g}")
    fig = norms_figure(
        series,
        x="layer",
        title=t("vanishing_gradients.layers_title", depth=depth, init=init_text),
        x_title=t("vanishing_gradients.layer_axis"),
    )
    show(fig, key="vg_fig_layers")
    summary = sweeps.profile_summary(profiles)
    table = pd.DataFrame(
        {
            t("vanishing_gradients.col_activation"): [activation_label(n) for n in summary["name"]],
            t("vanishing_gradients.col_first"): summary["first"],
            t("vanishing_gradients.col_last"): summary["last"],
            t("vanishing_gradients.col_ratio"): summary["ratio"],
        }
    )
    show_table(table, dict.fromkeys(table.columns[1:], "%.3g"))
    overflow_notices([s.frame["status"] for s in series])
    if trained is not None:
        for name, result in trained.items():
            if result.diverged_at is not None:
                st.warning(
                    t(
                        "vanishing_gradients.train_diverged",
                        act=activation_label(name),
                        step=result.diverged_at,
                    ),
                    icon=":material/warning:",
                )
            else:
                st.caption(
                    t(
                        "vanishing_gradients.train_loss",
                        act=activation_label(name),
                        before=f"{result.losses[0]:.4g}",
                        after=f"{result.losses[-1]:.4g}",
                        steps=steps,
                    )
                )


# -- 4. activation statistics per layer -----------------------------------------------------


@st.fragment
def stats_experiment() -> None:
    st.markdown(t("vanishing_gradients.stats_intro"))
    names = activations.names()
    a, b, c, d = st.columns(4)
    activation = a.selectbox(
        t("vanishing_gradients.activation"),
        names,
        index=names.index("tanh"),
        format_func=activation_label,
        key="vg_stats_act",
        persist_state=KEEP_ACROSS_TABS,
    )
    depth = b.slider(
        t("vanishing_gradients.depth"),
        2,
        50,
        20,
        key="vg_stats_depth",
        persist_state=KEEP_ACROSS_TABS,
    )
    bad_std = c.select_slider(
        t("vanishing_gradients.bad_std"),
        STDS,
        value=1.0,
        format_func=lambda v: f"{v:g}",
        key="vg_stats_std",
        persist_state=KEEP_ACROSS_TABS,
    )
    gain = d.select_slider(
        t("vanishing_gradients.good_gain"),
        WEIGHT_SCALES,
        value=1.0,
        format_func=scale_label,
        help=t("vanishing_gradients.good_gain_help"),
        key="vg_stats_gain",
        persist_state=KEEP_ACROSS_TABS,
    )
    try:
        matched = sweeps.matched_init(activation)
        good = stats_data(activation, depth, "matched", 1.0, 256, gain)
        bad = stats_data(activation, depth, "normal", bad_std, 256, 1.0)
    except ValueError as err:
        show_bad_input(err)
        return
    gain_text = "" if gain == 1.0 else f" × {scale_label(gain)}"
    panels = {
        t("vanishing_gradients.stats_good", init=init_label(matched) + gain_text): good,
        t("vanishing_gradients.stats_bad", std=f"{bad_std:g}"): bad,
    }
    title = t("vanishing_gradients.stats_title", act=activation_label(activation))
    show(stats_figure(panels, title=title), key="vg_fig_stats")
    st.caption(t("vanishing_gradients.stats_caption"))
    show(spread_figure(panels, title=t("vanishing_gradients.spread_title")), key="vg_fig_spread")
    if any((df["status"] == sweeps.OVERFLOW).any() for df in panels.values()):
        st.warning(t("vanishing_gradients.stats_overflow"), icon=":material/warning:")


st.title(t("vanishing_gradients.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("vanishing_gradients")
with lab_column:
    experiment_tabs(
        "vanishing_gradients",
        [
            (t("vanishing_gradients.exp_saturation"), saturation_experiment),
            (t("vanishing_gradients.exp_sweep"), sweep_experiment),
            (t("vanishing_gradients.exp_layers"), layer_experiment),
            (t("vanishing_gradients.exp_stats"), stats_experiment),
        ],
    )
