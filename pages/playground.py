"""Playground: TensorFlow Playground's lab plus dropout, batch norm, optimisers and diagnostics.

One ``LiveRun`` per browser session lives in st.session_state (never in a shared cache). The
settings are widgets; ``pg_state`` keeps the canonical ``PlaygroundState`` so widget values
survive page changes. The URL mirrors the state: on a visit whose URL carries playground
keys that this session did not write itself (a shared link, a preset link), they are decoded
— bad values are reported and replaced by defaults — and every run writes the state back.
Playing is a fragment that reruns every TICK_S seconds, trains a few epochs and redraws.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from qa_core.labs import playground as pg
from qa_core.labs.playground.session import GRID_N, LiveRun, Snapshot, discretized
from ui.charts import playground as charts
from ui.charts.common import activation_label
from ui.components.live_charts import show, show_live
from ui.i18n import current_lang, lookup, t
from ui.page_guard import run_through_app
from ui.tables import show_table
from ui.widgets import run_notice, show_bad_input

run_through_app()

STATE, RUN, PLAYING = "pg_state", "pg_run", "pg_playing"
URL_WRITTEN, NOTICES, LESSON, REBUILD = "pg_url", "pg_notices", "pg_lesson", "pg_rebuild"
STEP_TOKEN = "pg_step_token"
URLS_KEPT = 16  # this session's latest URLs: a rerun may carry any one the browser still shows
TICK_S = 0.2  # redraw interval while playing
BUDGET_S = 0.6  # at most this long training per redraw (keeps clicks responsive)
SPEEDS = (1, 2, 5, 10, 20, 50, 100)  # epochs per second while playing
DEFAULT_SPEED = 20
MAX_CATCH_UP_S = 4.0  # a redraw slower than this trains no more than this much wall time
LAST_TICK, CARRY = "pg_last_tick", "pg_carry"
FAST_FORWARD = 50
NEW_WIDTH = 4
DIAGNOSTICS = ("grad", "dead", "bn_mean", "bn_var", "prelu")
DIAG_PREFIX = {
    "grad": "grad_norm",
    "dead": "dead",
    "bn_mean": "bn_mean",
    "bn_var": "bn_var",
    "prelu": "prelu",
}

ss = st.session_state


# -- settings ↔ widgets ---------------------------------------------------------------------


def widget_values(state: pg.PlaygroundState) -> dict[str, object]:
    """The value of every settings widget (by key) that shows ``state``."""
    values: dict[str, object] = {
        "pg_problem": state.problem,
        "pg_dataset": state.dataset,
        "pg_noise": float(state.noise),
        "pg_ratio": int(state.ratio),
        "pg_batch": int(state.batch_size),
        "pg_seed": int(state.seed),
        "pg_layers": len(state.hidden),
        "pg_advanced": state.advanced,
        "pg_act": state.activation,
        "pg_lr": float(state.lr),
        "pg_reg": state.reg,
        "pg_rate": float(state.reg_rate),
        "pg_dropout": float(state.dropout),
        "pg_bn": bool(state.batch_norm),
        "pg_opt": state.optimizer,
        "pg_show_test": bool(state.show_test),
        "pg_discretize": bool(state.discretize),
    }
    for f in pg.FEATURES:
        values[f"pg_f_{f}"] = f in state.features
    for i in range(pg.MAX_LAYERS):
        values[f"pg_w{i}"] = int(state.hidden[i]) if i < len(state.hidden) else NEW_WIDTH
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
    n_layers = int(ss["pg_layers"])
    return pg.PlaygroundState(
        problem=ss["pg_problem"],
        dataset=ss["pg_dataset"],
        noise=float(ss["pg_noise"]),
        ratio=int(ss["pg_ratio"]),
        batch_size=int(ss["pg_batch"]),
        seed=int(ss["pg_seed"]),
        features=tuple(f for f in pg.FEATURES if ss[f"pg_f_{f}"]),
        hidden=tuple(int(ss[f"pg_w{i}"]) for i in range(n_layers)),
        activation=ss["pg_act"],
        lr=float(ss["pg_lr"]),
        reg=ss["pg_reg"],
        reg_rate=float(ss["pg_rate"]),
        dropout=float(ss["pg_dropout"]),
        batch_norm=bool(ss["pg_bn"]),
        optimizer=ss["pg_opt"],
        show_test=bool(ss["pg_show_test"]),
        discretize=bool(ss["pg_discretize"]),
    )


# -- URL -------------------------------------------------------------------------------------


def read_url() -> None:
    """Take the settings from the URL when it carries playground keys this session did not
    write (a shared link or a preset link); otherwise keep the session's own settings. Any of
    the session's recent URLs counts as its own: a click made before the last write reached
    the browser sends the address from before it, and must not undo that write's settings."""
    own = {k: st.query_params.get_all(k) for k in st.query_params if k in pg.OWN_KEYS}
    if not own:
        return
    if {k: v[-1] for k, v in own.items()} in ss.get(URL_WRITTEN, ()):
        return
    decoded = pg.decode(own)
    show_state(decoded.state)
    ss[NOTICES] = (decoded.state, decoded.messages)
    ss[LESSON] = decoded.preset
    ss[PLAYING] = False
    ss[REBUILD] = True


def write_url(state: pg.PlaygroundState) -> None:
    """Mirror ``state`` in the URL (the app keeps ``lang`` there too)."""
    encoded = pg.encode(state)
    if pg.PRESET_KEY in st.query_params:
        del st.query_params[pg.PRESET_KEY]
    changed = {k: v for k, v in encoded.items() if st.query_params.get(k) != v}
    if changed:
        st.query_params.update(changed)
    recent = [e for e in ss.get(URL_WRITTEN, ()) if e != encoded][-(URLS_KEPT - 1) :]
    ss[URL_WRITTEN] = (*recent, encoded)


def label_fn(prefix: str):
    """A format_func for option ids: ``playground.<prefix><id>`` in the language of this run.
    The language is bound now, so the function gives the same labels wherever it is called."""
    lang = current_lang()
    return lambda value: lookup(f"playground.{prefix}{value}", lang)


def field_name(key: str) -> str:
    return t(f"playground.field_{key}")


def url_notices() -> tuple[pg.UrlMessage, ...]:
    """What the link's values needed, for as long as the settings are still the link's. (Not
    shown once and dropped: on a fresh server ui/page_guard.py reruns the first run.)"""
    state, messages = ss.get(NOTICES, (None, ()))
    if messages and state_from_widgets() != state:
        del ss[NOTICES]
        return ()
    return messages


def code_text(text: str) -> str:
    """A value from the URL as shown inside a `code span` of a markdown warning: short, and
    without the backtick or line break that would end the span and let the rest render as
    markdown (a link, a remote image) on the page of whoever follows the link."""
    text = "".join("'" if c == "`" else c if c.isprintable() else " " for c in text)
    return text if len(text) <= 40 else text[:37] + "…"


def show_messages(messages: tuple[pg.UrlMessage, ...], from_url: bool) -> None:
    """Localised warnings for rejected / adjusted settings."""
    for m in messages:
        value = code_text(m.value)
        if m.kind == "unknown_preset":
            st.warning(t("playground.url_unknown_preset", value=value, allowed=m.allowed))
        elif not from_url:
            st.warning(t("playground.fix_adjusted", field=field_name(m.key), used=m.used,
                         allowed=m.allowed))  # fmt: skip
        else:
            st.warning(
                t(f"playground.url_{m.kind}", param=m.key, value=value, used=m.used,
                  allowed=m.allowed, field=field_name(m.key))
            )  # fmt: skip


# -- callbacks (run before the script, so they may set widget values) -----------------------


def load_preset(preset_id: str) -> None:
    show_state(pg.PRESETS[preset_id].state)
    ss[LESSON] = preset_id
    ss[PLAYING] = False
    ss[REBUILD] = True


def set_playing(playing: bool) -> None:
    """Play or Pause as the button said when clicked: a click that reaches the server twice
    (a rerun request and a fragment's timed rerun can both carry it) must not undo itself."""
    ss[PLAYING] = playing
    ss[LAST_TICK] = None


def epochs_due() -> int:
    """Epochs to train in this redraw so the run keeps ``pg_speed`` epochs per second of
    wall time, however often the browser manages to redraw (no more than MAX_CATCH_UP_S
    worth at a time; the fraction left over carries to the next redraw)."""
    now = time.monotonic()
    last = ss.get(LAST_TICK)
    elapsed = TICK_S if last is None else min(now - last, MAX_CATCH_UP_S)
    ss[LAST_TICK] = now
    due = float(ss.get("pg_speed", DEFAULT_SPEED)) * elapsed + ss.get(CARRY, 0.0)
    n = int(due)
    ss[CARRY] = due - n
    return n


def step_run(n: int, token: int) -> None:
    """Train ``n`` epochs once per click: ``token`` is the count the button was drawn with, so a
    second delivery of the same click finds it spent."""
    if token != ss.get(STEP_TOKEN, 0):
        return
    ss[STEP_TOKEN] = token + 1
    run = ss.get(RUN)
    if run is not None:
        run.step(n)
    ss[PLAYING] = False


def reset_run() -> None:
    run = ss.get(RUN)
    if run is not None:
        run.reset()
    ss[PLAYING] = False


def new_data(shown_seed: int) -> None:
    """The seed after the one the button was drawn with (a repeated click lands on the same)."""
    ss["pg_seed"] = (shown_seed + 1) % (pg.MAX_SEED + 1)


def problem_changed() -> None:
    """A new problem type brings its own data sets."""
    choices = pg.DATASETS_BY_PROBLEM[ss["pg_problem"]]
    if ss.get("pg_dataset") not in choices:
        ss["pg_dataset"] = choices[0]


def advanced_changed() -> None:
    """Leaving advanced mode clamps every width to TF Playground's 8."""
    if not ss["pg_advanced"]:
        for i in range(pg.MAX_LAYERS):
            ss[f"pg_w{i}"] = min(int(ss.get(f"pg_w{i}", NEW_WIDTH)), pg.MAX_WIDTH_BASIC)


def close_lesson() -> None:
    ss[LESSON] = None


# -- sections ----------------------------------------------------------------------------------


def preset_bar() -> None:
    st.markdown(f"**{t('playground.presets')}**")
    columns = st.columns(len(pg.PRESETS))
    for column, preset_id in zip(columns, pg.PRESETS, strict=True):
        column.button(
            t(f"playground.preset_{preset_id}"),
            key=f"pg_preset_{preset_id}",
            on_click=load_preset,
            args=(preset_id,),
            width="stretch",
        )
    lesson = ss.get(LESSON)
    if lesson in pg.PRESETS:
        with st.container(border=True):
            st.markdown(f"**{t(f'playground.preset_{lesson}')}**")
            st.markdown(t(f"playground.lesson_{lesson}", epochs=pg.PRESETS[lesson].epochs))
            st.button(t("playground.lesson_close"), key="pg_lesson_close", on_click=close_lesson,
                      type="tertiary")  # fmt: skip


def control_bar(run: LiveRun | None) -> None:
    playing = bool(ss.get(PLAYING))
    cols = st.columns([1.1, 1, 1.1, 1, 1.1, 2.2], vertical_alignment="bottom")
    stuck = run is None or bool(run.diverged) or run.at_limit
    token = ss.get(STEP_TOKEN, 0)
    cols[0].button(
        t("playground.pause") if playing else t("playground.play"),
        key="pg_play",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        type="primary",
        on_click=set_playing,
        args=(not playing,),
        disabled=stuck and not playing,
        width="stretch",
    )
    cols[1].button(t("playground.step"), key="pg_step", icon=":material/skip_next:",
                   help=t("playground.step_help"), on_click=step_run, args=(1, token),
                   disabled=stuck, width="stretch")  # fmt: skip
    cols[2].button(t("playground.fast_forward", n=FAST_FORWARD), key="pg_fast",
                   icon=":material/fast_forward:",
                   help=t("playground.fast_forward_help", n=FAST_FORWARD),
                   on_click=step_run, args=(FAST_FORWARD, token), disabled=stuck,
                   width="stretch")  # fmt: skip
    cols[3].button(t("playground.reset"), key="pg_reset", icon=":material/restart_alt:",
                   help=t("playground.reset_help"), on_click=reset_run,
                   width="stretch")  # fmt: skip
    cols[4].button(t("playground.regenerate"), key="pg_regenerate", icon=":material/casino:",
                   help=t("playground.regenerate_help"), on_click=new_data,
                   args=(int(ss.get("pg_seed", 0)),),
                   width="stretch")  # fmt: skip
    cols[5].select_slider(t("playground.speed"), SPEEDS, key="pg_speed",
                          help=t("playground.speed_help"))  # fmt: skip


def training_settings() -> None:
    cols = st.columns([1.6, 1.3, 1.5, 1.2, 1.7, 1.5])
    cols[0].select_slider(t("playground.lr"), pg.LEARNING_RATES, key="pg_lr",
                          format_func=lambda v: f"{v:g}")  # fmt: skip
    cols[1].selectbox(t("playground.activation"), pg.ACTIVATIONS, key="pg_act",
                      format_func=activation_label)  # fmt: skip
    cols[2].selectbox(t("playground.opt"), pg.OPTIMIZERS, key="pg_opt",
                      format_func=label_fn("opt_"))  # fmt: skip
    cols[3].selectbox(t("playground.reg"), pg.REGULARISERS, key="pg_reg",
                      format_func=label_fn("reg_"))  # fmt: skip
    cols[4].select_slider(t("playground.rate"), pg.REG_RATES, key="pg_rate",
                          format_func=lambda v: f"{v:g}")  # fmt: skip
    cols[5].slider(t("playground.dropout"), 0.0, pg.DROPOUT_MAX, step=pg.DROPOUT_STEP,
                   key="pg_dropout", help=t("playground.dropout_help"))  # fmt: skip
    st.caption(t("playground.live_note"))


def data_settings() -> None:
    st.markdown(f"**{t('playground.data')}**")
    st.radio(t("playground.problem"), pg.PROBLEMS, key="pg_problem", on_change=problem_changed,
             format_func=label_fn("problem_"))  # fmt: skip
    st.selectbox(t("playground.dataset"), pg.DATASETS_BY_PROBLEM[ss["pg_problem"]],
                 key="pg_dataset", format_func=label_fn("ds_"))  # fmt: skip
    st.slider(t("playground.ratio"), pg.RATIO_MIN, pg.RATIO_MAX, step=pg.RATIO_STEP,
              key="pg_ratio", help=t("playground.ratio_help"))  # fmt: skip
    st.slider(t("playground.noise"), 0.0, pg.NOISE_MAX, step=pg.NOISE_STEP, key="pg_noise",
              help=t("playground.noise_help"))  # fmt: skip
    st.slider(t("playground.batch"), pg.BATCH_MIN, pg.BATCH_MAX, key="pg_batch")
    st.number_input(t("playground.seed"), 0, pg.MAX_SEED, step=1, key="pg_seed",
                    help=t("playground.seed_help"))  # fmt: skip
    st.markdown(f"**{t('playground.features')}**", help=t("playground.features_help"))
    left, right = st.columns(2)
    for i, f in enumerate(pg.FEATURES):
        (left if i % 2 == 0 else right).checkbox(t(f"playground.feat_{f}"), key=f"pg_f_{f}")
    st.toggle(t("playground.show_test"), key="pg_show_test")
    st.toggle(t("playground.discretize"), key="pg_discretize")


def network_settings() -> None:
    max_width = pg.MAX_WIDTH if ss["pg_advanced"] else pg.MAX_WIDTH_BASIC
    cols = st.columns([1.2] + [0.9] * pg.MAX_LAYERS + [2.8], vertical_alignment="bottom")
    cols[0].number_input(t("playground.layers"), 0, pg.MAX_LAYERS, step=1, key="pg_layers")
    for i in range(int(ss["pg_layers"])):
        cols[1 + i].number_input(t("playground.width", i=i + 1), 1, max_width, step=1,
                                 key=f"pg_w{i}")  # fmt: skip
    with cols[-1]:
        st.toggle(t("playground.bn"), key="pg_bn", help=t("playground.bn_help"))
        st.toggle(t("playground.advanced"), key="pg_advanced", on_change=advanced_changed,
                  help=t("playground.advanced_help"))  # fmt: skip


# -- the run -------------------------------------------------------------------------------------


def follow_settings(state: pg.PlaygroundState) -> LiveRun | None:
    """Bring the session's run in line with ``state`` and say what happened."""
    run: LiveRun | None = ss.get(RUN)
    rebuild = ss.pop(REBUILD, False)
    try:
        if run is None or rebuild:
            if run is None:
                run = LiveRun(state)
            else:
                run.rebuild(state)
            ss[RUN] = run
            return run
        applied = run.apply(state)
    except ValueError as err:
        show_bad_input(err)
        st.caption(t("playground.bad_state"))
        return run
    if applied.kind == "rebuilt":
        names = ", ".join(field_name(pg.URL_KEYS[f]) for f in applied.fields)
        st.info(t("playground.rebuilt", fields=names), icon=":material/restart_alt:")
    elif applied.kind == "updated" and run.changes and run.changes[-1].epoch == run.epoch:
        st.info(t("playground.updated", epoch=run.epoch, changes=change_text(run.changes[-1])),
                icon=":material/tune:")  # fmt: skip
    return run


def change_text(change) -> str:
    return ", ".join(f"{field_name(k)} {old} → {new}" for k, old, new in change.fields)


def unit_options(snap: Snapshot) -> list[str]:
    options = ["none", "out"]
    options += [f"in:{k}" for k in range(len(snap.features))]
    options += [f"h:{i}:{u}" for i, h in enumerate(snap.hidden) for u in range(len(h))]
    return options


def unit_namer(feature_labels: list[str]):
    """format_func for the unit picker, bound to this run's language (see label_fn)."""
    lang = current_lang()

    def name(uid: str) -> str:
        if uid == "none":
            return lookup("playground.enlarge_none", lang)
        if uid == "out":
            return lookup("playground.enlarge_output", lang)
        parts = uid.split(":")
        if parts[0] == "in":
            text = lookup("playground.enlarge_input", lang)
            return text.format(name=feature_labels[int(parts[1])])
        text = lookup("playground.unit", lang)
        return text.format(l=int(parts[1]) + 1, u=int(parts[2]) + 1)

    return name


def unit_map(uid: str, snap: Snapshot):
    parts = uid.split(":")
    if uid == "out":
        return snap.output
    if parts[0] == "in":
        return snap.features[int(parts[1])]
    return snap.hidden[int(parts[1])][int(parts[2])]


FEATURE_TEXT = {
    "x1": "x₁",
    "x2": "x₂",
    "x1sq": "x₁²",
    "x2sq": "x₂²",
    "x1x2": "x₁x₂",
    "sinx1": "sin x₁",
    "sinx2": "sin x₂",
}


def metrics(run: LiveRun) -> None:
    rec = run.last
    classification = run.task == "classification"
    cols = st.columns(5 if classification else 3)
    cols[0].metric(t("playground.epoch"), f"{run.epoch:,}")
    cols[1].metric(t("playground.train_loss"), f"{rec.train_loss:.4f}")
    cols[2].metric(t("playground.test_loss"), f"{rec.test_loss:.4f}")
    if classification:
        cols[3].metric(t("playground.train_acc"), f"{rec.train_acc:.1%}")
        cols[4].metric(t("playground.test_acc"), f"{rec.test_acc:.1%}")


def diagram(run: LiveRun, snap: Snapshot, feature_labels: list[str]) -> None:
    state = run.state
    labels = charts.DiagramLabels(
        input=t("playground.input"),
        output=t("playground.output"),
        hidden=[t("playground.hidden_layer", i=i + 1, w=w) for i, w in enumerate(state.hidden)],
        more=t("playground.more_units", n="{n}"),
        unit=t("playground.unit", l="{l}", u="{u}"),
        weight=t("playground.weight_hover"),
        bias=t("playground.bias_hover"),
        diverged=t("playground.diverged_label"),
    )
    fig = charts.network_figure(
        features=snap.features,
        feature_labels=feature_labels,
        hidden=snap.hidden,
        output=snap.output,
        weights=snap.weights,
        biases=snap.biases,
        task=snap.task,
        labels=labels,
        title=t("playground.network_title"),
        diverged=bool(run.diverged),
        selected=ss.get("pg_enlarge"),
    )
    # Click a unit to enlarge it: the chart component sends the unit's id (its customdata)
    # back once, on the run the click causes.
    clicked = show_live([fig], key="pg_diagram", on_click=lambda: None)
    if clicked:
        ss["pg_enlarge"] = clicked
    st.caption(t("playground.network_caption"))


def enlarged_unit(snap: Snapshot, feature_labels: list[str]) -> None:
    options = unit_options(snap)
    if ss.get("pg_enlarge") not in options:
        ss["pg_enlarge"] = "none"
    uid = st.selectbox(t("playground.enlarge"), options, key="pg_enlarge",
                       format_func=unit_namer(feature_labels))  # fmt: skip
    if uid == "none":
        return
    name = unit_namer(feature_labels)(uid)
    symmetric = not (uid == "out" and snap.task == "classification")
    fig = charts.unit_figure(axis=snap.axis, z=unit_map(uid, snap),
                             title=t("playground.enlarge_title", name=name),
                             value_label=t("playground.value"), symmetric=symmetric)  # fmt: skip
    show(fig, key="pg_unit_fig")


def output_and_loss(run: LiveRun, snap: Snapshot, changes: list[tuple[float, str]]) -> None:
    state = run.state
    diverged = t("playground.diverged_label") if run.diverged else None
    z = discretized(snap.output, snap.task) if state.discretize else snap.output
    title = (
        t("playground.output_title")
        if snap.task == "classification"
        else t("playground.output_title_regression")
    )
    fig = charts.output_figure(axis=snap.axis, z=z, points=run.points(), task=snap.task,
                               show_test=state.show_test, title=title,
                               split_labels={"train": t("common.train"), "test": t("common.test")},
                               value_label=t("playground.value"),
                               diverged_label=diverged)  # fmt: skip
    show(fig, key="pg_output_fig")
    fig = charts.loss_figure(run.history(), title=t("playground.loss_title"), changes=changes,
                             diverged_label=diverged)  # fmt: skip
    show(fig, key="pg_loss_fig")


def layer_table_text(run: LiveRun) -> pd.DataFrame:
    """The per-layer table as text: localised headers, 3 significant digits, dead units in
    percent, "—" where a layer has no such quantity (columns nobody has are left out)."""
    table = run.layer_table().dropna(axis=1, how="all")
    shown = {}
    for column in table.columns:
        values = table[column].tolist()
        if column == "layer":
            text = [t("playground.layer_output") if v == "out" else str(v) for v in values]
        elif column == "dead":
            text = ["—" if pd.isna(v) else f"{v:.0%}" for v in values]
        else:
            text = ["—" if pd.isna(v) else f"{v:.3g}" for v in values]
        shown[t(f"playground.col_{column.removesuffix('_norm')}")] = text
    return pd.DataFrame(shown)


def diagnostics(run: LiveRun, changes: list[tuple[float, str]]) -> None:
    st.markdown(f"**{t('playground.diagnostics')}**")
    st.caption(t("playground.diag_caption"))
    table_col, chart_col = st.columns([2, 3])
    with table_col:
        show_table(layer_table_text(run))
    with chart_col:
        choice = st.radio(t("playground.diag_show"), DIAGNOSTICS, key="pg_diag", horizontal=True,
                          format_func=label_fn("diag_"))  # fmt: skip
        history = run.history()
        prefix = DIAG_PREFIX[choice]
        if not any(c.startswith(f"{prefix}_") for c in history.columns):
            st.caption(t("playground.diag_unavailable"))
            return
        names = [t("common.layer", i=i + 1) for i in range(len(run.state.hidden))]
        names.append(t("playground.layer_output"))
        fig = charts.diagnostic_figure(history, prefix, title=t(f"playground.diag_{choice}_title"),
                                       y_title=t(f"playground.diag_{choice}"), layer_names=names,
                                       changes=changes, log_y=choice == "grad")  # fmt: skip
        show(fig, key="pg_diag_fig")


def live_view() -> None:
    """The running picture: trains while playing, then draws everything from one snapshot."""
    run: LiveRun | None = ss.get(RUN)
    if run is None:
        return
    if ss.get(PLAYING) and (due := epochs_due()):
        run.step(due, budget_s=BUDGET_S)
        if run.diverged or run.at_limit:
            ss[PLAYING] = False
            st.rerun(scope="app")
    metrics(run)
    if run.diverged:
        run_notice(run.diverged, None)
        st.warning(t("playground.diverged_advice", lr=f"{pg.lower_lr(run.state.lr):g}"),
                   icon=":material/trending_down:")  # fmt: skip
    elif run.at_limit:
        st.info(t("playground.at_limit", n=f"{run.epoch:,}"))
    snap = run.snapshot(GRID_N)
    feature_labels = [FEATURE_TEXT[f] for f in run.state.features]
    changes = [(c.epoch + 0.5, change_text(c)) for c in run.changes]
    left, right = st.columns([5, 4])
    with left:
        diagram(run, snap, feature_labels)
        enlarged_unit(snap, feature_labels)
    with right:
        output_and_loss(run, snap, changes)
    diagnostics(run, changes)


def export(run: LiveRun) -> None:
    # Filled only once opened: its highlighted script and buttons cost a first visit otherwise.
    box = st.expander(
        t("playground.export"), icon=":material/ios_share:", key="pg_export", on_change="rerun"
    )
    if not box.open:
        return
    with box:
        st.caption(t("playground.share_caption"))
        cols = st.columns(3)
        cols[0].download_button(t("playground.download_history"), data=run.history_csv,
                                file_name="playground_history.csv", mime="text/csv",
                                on_click="ignore", key="pg_dl_history",
                                icon=":material/download:")  # fmt: skip
        cols[1].download_button(t("playground.download_config"), data=run.config_csv,
                                file_name="playground_config.csv", mime="text/csv",
                                on_click="ignore", key="pg_dl_config",
                                icon=":material/download:")  # fmt: skip
        cols[2].download_button(t("playground.download_script"), data=run.script,
                                file_name="playground_run.py", mime="text/x-python",
                                on_click="ignore", key="pg_dl_script",
                                icon=":material/code:")  # fmt: skip
        if ss.get(PLAYING):
            st.caption(t("playground.script_playing"))
        else:
            st.caption(t("playground.script_caption", epoch=run.epoch))
            st.code(run.script(), language="python")


# -- the page --------------------------------------------------------------------------------------

if STATE not in ss:
    ss[STATE] = pg.DEFAULT
ss.setdefault(PLAYING, False)
ss.setdefault("pg_speed", DEFAULT_SPEED)
read_url()
fill_missing_widgets()
url_messages = url_notices()

st.title(t("playground.title"))
st.markdown(t("playground.intro"))
preset_bar()
show_messages(url_messages, from_url=True)

control_slot = st.container()
training_settings()
data_col, main_col = st.columns([1.15, 4.85], gap="medium")
with data_col:
    data_settings()
with main_col:
    network_settings()
    wanted, fixes = pg.validate(state_from_widgets())
    show_messages(fixes, from_url=False)
    live_run = follow_settings(wanted)
    ss[STATE] = wanted
    write_url(wanted)
    with control_slot:
        control_bar(live_run)
    if live_run is not None:
        interval = TICK_S if ss.get(PLAYING) else None
        st.fragment(live_view, run_every=interval)()
if live_run is not None:
    export(live_run)
