"""The overfitting page's experiments: a shared set-up form above two tabs, the remedies side by
side against the same baseline (ui/topics/overfitting/remedies.py) and the weights under L1 and
L2 regularisation."""

from __future__ import annotations

import streamlit as st

from qa_core.engine.training import TrainConfig
from qa_core.labs.overfitting import configs, tables
from qa_core.labs.overfitting.configs import BASELINE, RunSpec, Strengths
from ui.components.live_charts import show
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS, Tab
from ui.tables import PERCENT, Column, show_columns
from ui.topics.overfitting.charts import run_label, weights_figure
from ui.topics.overfitting.remedies import remedies_experiment
from ui.topics.overfitting.runs import DEFAULT, LAMBDAS, SETUP_GATE, Setup, SetupValues, compute
from ui.widgets import advice, option_names, run_gate, run_notice, show_bad_input

DATASETS = ("moons", "circles", "xor", "spiral", "blobs")
OPTIMIZERS = ("adam", "momentum", "sgd")
WIDTHS = (4, 8, 16, 32, 64, 128, 256)
BATCHES = (4, 8, 16, 32, 64, 128, 256)
LRS = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (1e-4, 1e-3, 1e-2, 0.05, 0.1)
WEIGHT_COLUMNS = (
    Column("run", "overfitting.col_run"),
    Column("n", "overfitting.col_n"),
    Column("near_zero", "overfitting.col_near_zero", PERCENT),
    Column("mean_abs", "overfitting.col_mean_abs"),
    Column("max_abs", "overfitting.col_max_abs"),
    Column("norm", "overfitting.col_norm"),
)


def tabs() -> list[Tab]:
    """The set-up, then its two experiments (none until the set-up is valid)."""
    setup = setup_form()
    if setup is None:
        return []
    return [
        (t("overfitting.exp_remedies"), lambda: remedies_experiment(setup)),
        (t("overfitting.exp_weights"), lambda: weights_experiment(setup.config)),
    ]


# -- the shared set-up ------------------------------------------------------------------------


def setup_form() -> Setup | None:
    """The overfitting set-up: nothing trains until its Run button is pressed (ui.widgets.run_gate
    says when the widgets differ from the set-up shown)."""
    st.subheader(t("overfitting.setup_heading"))
    st.markdown(t("overfitting.setup_intro", n_val=configs.VAL_SIZE, n_test=configs.TEST_SIZE))
    with st.container(border=True):
        a, b, c = st.columns(3)
        dataset = a.selectbox(
            t("overfitting.dataset"), DATASETS,
            format_func=option_names("overfitting.ds_", DATASETS), key="overfitting_ds",
        )  # fmt: skip
        n_train = a.slider(
            t("overfitting.n_train"), 4, 400, 60, 2,
            help=t("overfitting.n_train_help", n_val=configs.VAL_SIZE, n_test=configs.TEST_SIZE),
            key="overfitting_n_train",
        )  # fmt: skip
        noise = a.slider(t("overfitting.noise"), 0.0, 1.0, 0.3, 0.05, key="overfitting_noise")
        width = b.select_slider(t("overfitting.width"), WIDTHS, value=16, key="overfitting_width")
        depth = b.slider(t("overfitting.depth"), 1, 4, 3, key="overfitting_depth")
        epochs = b.slider(t("overfitting.epochs"), 20, 600, 200, 10, key="overfitting_epochs")
        optimizer = c.selectbox(
            t("overfitting.optimizer"), OPTIMIZERS,
            format_func=option_names("overfitting.opt_", OPTIMIZERS), key="overfitting_opt",
        )  # fmt: skip
        lr = c.select_slider(t("overfitting.lr"), LRS, value=0.01, key="overfitting_lr")
        batch = c.select_slider(
            t("overfitting.batch_size"), BATCHES, value=32, key="overfitting_batch"
        )
        seed = c.number_input(
            t("overfitting.seed"),
            0,
            10_000,
            0,
            help=t("overfitting.seed_help"),
            key="overfitting_seed",
        )
        current = SetupValues(
            dataset, int(n_train), float(noise), int(width), int(depth), int(epochs),
            float(lr), optimizer, int(batch), int(seed),
        )  # fmt: skip
        applied = SetupValues(*run_gate(SETUP_GATE, current, t("overfitting.apply")))
    try:
        base = configs.overfit_config(**applied._asdict())
    except ValueError as err:
        show_bad_input(err)
        return None
    if applied.batch_size > applied.n_train:
        st.info(
            t("overfitting.full_batch", batch=applied.batch_size, n=applied.n_train),
            icon=":material/info:",
        )
    return Setup(base, current, applied)


# -- weights under regularisation -----------------------------------------------------------------


@st.fragment
def weights_experiment(base: TrainConfig) -> None:
    st.markdown(t("overfitting.weights_intro"))
    a, b = st.columns(2)
    l1 = a.select_slider(
        t("overfitting.lambda_l1"), LAMBDAS, value=DEFAULT.l1, key="overfitting_w_l1",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    l2 = b.select_slider(
        t("overfitting.lambda_l2"), LAMBDAS, value=DEFAULT.l2, key="overfitting_w_l2",
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    sizes = [2, *base.hidden, 2]
    layer_names = {
        i: t("overfitting.layer_option", i=i + 1, n_in=sizes[i], n_out=sizes[i + 1])
        for i in range(len(sizes) - 1)
    }
    c, d, e = st.columns([2, 2, 1])
    layer = c.selectbox(
        t("overfitting.layer"), list(layer_names), format_func=layer_names.get,
        key="overfitting_w_layer", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    tol = d.select_slider(
        t("overfitting.near_zero"), THRESHOLDS, value=configs.NEAR_ZERO,
        format_func=lambda v: f"{v:g}", key="overfitting_w_tol", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    log_y = e.toggle(
        t("overfitting.log_y"), key="overfitting_w_log", persist_state=KEEP_ACROSS_TABS
    )
    try:
        strengths = Strengths(l1=float(l1), l2=float(l2))
        specs = [
            RunSpec(BASELINE, base),
            RunSpec("l1", configs.remedy_config(base, "l1", strengths)),
            RunSpec("l2", configs.remedy_config(base, "l2", strengths)),
        ]
    except ValueError as err:
        show_bad_input(err)
        return
    results = [compute(spec) for spec in specs]
    for r in results:
        run_notice(r.summary.diverged, r.summary.stopped, run_label(r.id), (advice("lr"),))
    layer = min(layer, len(results[0].weights) - 1)
    weights = {r.id: r.weights[layer] for r in results}
    show(weights_figure(weights, layer=layer, log_y=log_y), key="overfitting_w_hist")
    stats = tables.weight_stats(weights, near_zero=tol)
    share = dict(zip(stats["run"], stats["near_zero"], strict=True))
    st.caption(
        t(
            "overfitting.stats_caption",
            l1=share["l1"],
            l2=share["l2"],
            base=share[BASELINE],
            tol=tol,
        )
    )
    show_columns(stats.assign(run=[run_label(r) for r in stats["run"]]), WEIGHT_COLUMNS)
