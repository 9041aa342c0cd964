"""Overfitting: cause it on purpose, then switch remedies on one at a time against the same
baseline (same seed) and compare gaps, decision boundaries, loss curves and weights."""

from __future__ import annotations

import streamlit as st

from qa_core.engine.summary import GRID_N
from qa_core.engine.training import TrainConfig
from qa_core.labs.overfitting import configs, runs, tables
from qa_core.labs.overfitting.configs import BASELINE, REMEDIES, RemedyResult, RunSpec, Strengths
from ui.charts.overfitting import gap_figure, run_curves_figure, weights_figure
from ui.charts.training import decision_figure
from ui.components.live_charts import show
from ui.content import render_topic
from ui.i18n import pick, t
from ui.layout import KEEP_ACROSS_TABS, experiment_tabs, topic_layout
from ui.page_guard import run_through_app
from ui.run_cache import cached_with_progress
from ui.tables import PERCENT, show_table
from ui.widgets import predict_then_run, reveal_prediction, run_notice, show_bad_input

run_through_app()

DATASETS = ("moons", "circles", "xor", "spiral", "blobs")
OPTIMIZERS = ("adam", "momentum", "sgd")
WIDTHS = (4, 8, 16, 32, 64, 128, 256)
BATCHES = (4, 8, 16, 32, 64, 128, 256)
LRS = (1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
LAMBDAS = (1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (1e-4, 1e-3, 1e-2, 0.05, 0.1)
DEFAULT = Strengths()
STATES = ("ok", "stopped", "diverged", "underfit")
CLOSE = 0.01  # gaps this close to the best count as a tie in the reveal


def labels(prefix: str, ids: tuple[str, ...]) -> dict[str, str]:
    """Localised labels resolved now (a format_func must not call t() later: AppTest
    re-evaluates it outside the session, where the language is unknown)."""
    return {i: t(f"overfitting.{prefix}{i}") for i in ids}


def run_label(run_id: str) -> str:
    return t(f"overfitting.run_{run_id}")


def compute(spec: RunSpec) -> RemedyResult:
    """One run of the comparison, cached by its spec, with its own progress bar."""
    return cached_with_progress(
        ("overfitting", spec, GRID_N),
        lambda progress: runs.run_remedy(spec, progress),
        t("overfitting.running", run=run_label(spec.id)),
    )


# -- the shared set-up ------------------------------------------------------------------------


def setup_form() -> TrainConfig | None:
    """The overfitting set-up (a form: nothing trains until it is submitted)."""
    st.subheader(t("overfitting.setup_heading"))
    st.markdown(t("overfitting.setup_intro", n_test=configs.TEST_SIZE))
    ds = labels("ds_", DATASETS)
    opts = labels("opt_", OPTIMIZERS)
    with st.form("of_setup", border=True):
        a, b, c = st.columns(3)
        dataset = a.selectbox(t("overfitting.dataset"), DATASETS, format_func=ds.get, key="of_ds")
        n_train = a.slider(
            t("overfitting.n_train"),
            4,
            400,
            60,
            2,
            help=t("overfitting.n_train_help", n_test=configs.TEST_SIZE),
            key="of_n_train",
        )
        noise = a.slider(t("overfitting.noise"), 0.0, 1.0, 0.3, 0.05, key="of_noise")
        width = b.select_slider(t("overfitting.width"), WIDTHS, value=16, key="of_width")
        depth = b.slider(t("overfitting.depth"), 1, 4, 3, key="of_depth")
        epochs = b.slider(t("overfitting.epochs"), 20, 600, 200, 10, key="of_epochs")
        optimizer = c.selectbox(
            t("overfitting.optimizer"), OPTIMIZERS, format_func=opts.get, key="of_opt"
        )
        lr = c.select_slider(t("overfitting.lr"), LRS, value=0.01, key="of_lr")
        batch = c.select_slider(t("overfitting.batch_size"), BATCHES, value=32, key="of_batch")
        seed = c.number_input(
            t("overfitting.seed"), 0, 10_000, 0, help=t("overfitting.seed_help"), key="of_seed"
        )
        st.form_submit_button(t("overfitting.apply"), type="primary", key="of_apply")
    try:
        base = configs.overfit_config(
            dataset=dataset,
            n_train=int(n_train),
            noise=float(noise),
            width=int(width),
            depth=int(depth),
            epochs=int(epochs),
            lr=float(lr),
            optimizer=optimizer,
            batch_size=int(batch),
            seed=int(seed),
        )
    except ValueError as err:
        show_bad_input(err)
        return None
    if batch > n_train:
        st.info(t("overfitting.full_batch", batch=batch, n=n_train), icon=":material/info:")
    return base


# -- remedies side by side ------------------------------------------------------------------


def remedy_controls() -> tuple[list[str], Strengths | None, bool]:
    """The remedy toggles and strengths (a form), then the combined-run switch."""
    names = labels("rem_", REMEDIES)
    chosen: list[str] = []
    values: dict[str, object] = {}
    with st.form("of_remedies", border=True):
        left, right = st.columns(2)

        def toggle(column, remedy: str) -> None:
            on = column.toggle(
                names[remedy],
                value=remedy in configs.DEFAULT_REMEDIES,
                key=f"of_on_{remedy}",
                persist_state=KEEP_ACROSS_TABS,
            )
            if on:
                chosen.append(remedy)

        toggle(left, "augment")
        values["augment_copies"] = left.slider(
            t("overfitting.aug_copies"),
            1,
            10,
            DEFAULT.augment_copies,
            help=t("overfitting.aug_copies_help"),
            key="of_aug_copies",
            persist_state=KEEP_ACROSS_TABS,
        )
        values["augment_sigma"] = left.slider(
            t("overfitting.aug_sigma"),
            0.1,
            3.0,
            DEFAULT.augment_sigma,
            0.1,
            help=t("overfitting.aug_sigma_help"),
            key="of_aug_sigma",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(left, "l1")
        values["l1"] = left.select_slider(
            t("overfitting.lambda_l1"),
            LAMBDAS,
            value=DEFAULT.l1,
            help=t("overfitting.lambda_help"),
            key="of_l1",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(left, "l2")
        values["l2"] = left.select_slider(
            t("overfitting.lambda_l2"),
            LAMBDAS,
            value=DEFAULT.l2,
            help=t("overfitting.lambda_help"),
            key="of_l2",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(right, "ensemble")
        values["ensemble_k"] = right.slider(
            t("overfitting.ensemble_k"),
            2,
            10,
            DEFAULT.ensemble_k,
            help=t("overfitting.ensemble_help"),
            key="of_k",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(right, "dropout")
        values["dropout"] = right.slider(
            t("overfitting.dropout_p"),
            0.05,
            0.9,
            DEFAULT.dropout,
            0.05,
            help=t("overfitting.dropout_help"),
            key="of_p",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(right, "early_stop")
        values["patience"] = right.slider(
            t("overfitting.patience"),
            2,
            100,
            DEFAULT.patience,
            help=t("overfitting.patience_help"),
            key="of_patience",
            persist_state=KEEP_ACROSS_TABS,
        )
        toggle(right, "batch_norm")
        right.caption(t("overfitting.bn_note"))
        combined = st.toggle(
            t("overfitting.combined"),
            help=t("overfitting.combined_help"),
            key="of_combined",
            persist_state=KEEP_ACROSS_TABS,
        )
        st.form_submit_button(t("overfitting.apply"), type="primary", key="of_run")
    try:
        strengths = Strengths(
            augment_copies=int(values["augment_copies"]),
            augment_sigma=float(values["augment_sigma"]),
            l1=float(values["l1"]),
            l2=float(values["l2"]),
            ensemble_k=int(values["ensemble_k"]),
            dropout=float(values["dropout"]),
            patience=int(values["patience"]),
        )
    except ValueError as err:
        show_bad_input(err)
        return chosen, None, combined
    return chosen, strengths, combined


def run_notices(results: list[RemedyResult]) -> None:
    """Divergence, early stopping and underfitting, per run, in words."""
    for r in results:
        label = run_label(r.id)
        run_notice(r.summary.diverged, r.summary.stopped, label)
        if not r.summary.diverged and tables.is_underfit(r.summary):
            acc = float(r.summary.final["train_acc"])
            st.warning(t("overfitting.underfit", run=label, acc=acc), icon=":material/warning:")


def maps_grid(results: list[RemedyResult]) -> None:
    """A decision map and the loss curves of every run, two runs per row."""
    st.markdown(f"**{t('overfitting.maps_heading')}**")
    st.caption(t("overfitting.maps_caption"))
    show_test = st.toggle(
        t("overfitting.show_test"), value=True, key="of_show_test", persist_state=KEEP_ACROSS_TABS
    )
    for start in range(0, len(results), 2):
        row = list(enumerate(results[start : start + 2], start))
        for column, (i, r) in zip(st.columns(2), row, strict=False):
            label = run_label(r.id)
            with column:
                show(
                    decision_figure(
                        r.summary,
                        title=t("overfitting.map_title", run=label, gap=r.summary.gap),
                        show_test=show_test,
                        height=320,
                    ),
                    key=f"of_map_{r.id}",
                )
                show(
                    run_curves_figure(
                        r.summary,
                        label=label,
                        title=t("overfitting.curves_title", run=label),
                        color_index=i,
                    ),
                    key=f"of_curves_{r.id}",
                )


def localised_table(table):
    """The results table with localised run names, states and column headings."""
    states = labels("state_", STATES)
    shown = table.assign(
        run=[run_label(r) for r in table["run"]],
        state=[states[s] for s in table["state"]],
    )
    return shown.rename(columns={c: t(f"overfitting.col_{c}") for c in shown.columns})


def results_section(results: list[RemedyResult]):
    """The accuracy/gap chart, the table and the two downloads; returns the raw table."""
    table = tables.results_table(results)
    show(
        gap_figure(
            [run_label(r) for r in table["run"]],
            list(table["train_acc"]),
            list(table["test_acc"]),
            title=t("overfitting.gap_title"),
        ),
        key="of_gap_fig",
    )
    st.markdown(f"**{t('overfitting.table_heading')}**")
    show_table(
        localised_table(table),
        {
            t("overfitting.col_train_acc"): PERCENT,
            t("overfitting.col_test_acc"): PERCENT,
            t("overfitting.col_gap"): PERCENT,
            t("overfitting.col_gap_change"): PERCENT,
            t("overfitting.col_test_loss"): "%.3f",
            t("overfitting.col_best_test_loss"): "%.3f",
        },
    )
    left, right = st.columns(2)
    left.download_button(
        t("overfitting.download_table"),
        table.to_csv(index=False).encode("utf-8"),
        file_name=pick("过拟合-结果.csv", "overfitting-results.csv"),
        mime="text/csv",
        key="of_dl_table",
    )
    right.download_button(
        t("overfitting.download_history"),
        tables.history_table(results).to_csv(index=False).encode("utf-8"),
        file_name=pick("过拟合-逐轮记录.csv", "overfitting-history.csv"),
        mime="text/csv",
        key="of_dl_history",
    )
    return table


def ensemble_section(results: list[RemedyResult]) -> None:
    """What the ensemble is made of: members vs the mean-probability ensemble."""
    ensembles = [r for r in results if r.is_ensemble]
    if not ensembles:
        return
    with st.expander(t("overfitting.ensemble_heading"), expanded=False):
        st.markdown(t("overfitting.ensemble_caption"))
        for r in ensembles:
            members = tables.member_table(r)
            members["member"] = [
                t("overfitting.member_ensemble") if m == "ensemble" else m
                for m in members["member"]
            ]
            st.markdown(f"**{run_label(r.id)}**")
            show_table(
                members.rename(
                    columns={
                        "member": t("overfitting.col_member"),
                        "seed": t("overfitting.col_seed"),
                        "train_acc": t("overfitting.col_train_acc"),
                        "test_acc": t("overfitting.col_test_acc"),
                        "test_loss": t("overfitting.col_test_loss"),
                    }
                ),
                {
                    t("overfitting.col_train_acc"): PERCENT,
                    t("overfitting.col_test_acc"): PERCENT,
                    t("overfitting.col_test_loss"): "%.3f",
                },
            )
            show(
                run_curves_figure(
                    r.summary,
                    label=run_label(r.id),
                    title=t("overfitting.ensemble_curves_title"),
                    members=r.members,
                    height=300,
                ),
                key=f"of_members_fig_{r.id}",
            )


def reveal(choice_label: str | None, names: dict[str, str], chosen: list[str], table) -> None:
    """Compare the prediction with the measured table."""
    best = tables.best_remedy(table)
    if best is None:
        st.caption(t("overfitting.reveal_none" if not chosen else "overfitting.reveal_diverged"))
        return
    gaps = table.set_index("run")["gap"]
    listing = ", ".join(f"{run_label(r)} {gaps[r]:.1%}" for r in table["run"] if r in REMEDIES)
    explanation = t(
        "overfitting.reveal_best",
        best=names[best],
        gap=float(gaps[best]),
        base=float(gaps[BASELINE]),
        all=listing,
    )
    close = [
        names[r]
        for r in table["run"]
        if r in REMEDIES and r != best and gaps[r] - gaps[best] < CLOSE
    ]
    if close:
        explanation += " " + t("overfitting.reveal_close", runs=", ".join(close))
    reveal_prediction(choice_label, names[best], explanation)
    by_label = {v: k for k, v in names.items()}
    if choice_label is not None and by_label.get(choice_label) not in chosen:
        st.caption(t("overfitting.reveal_not_run", choice=choice_label))


@st.fragment
def remedies_experiment(base: TrainConfig) -> None:
    st.markdown(t("overfitting.remedies_intro"))
    chosen, strengths, combined = remedy_controls()
    names = labels("rem_", REMEDIES)
    choice = predict_then_run(
        "of_predict", t("overfitting.predict_question"), [names[r] for r in REMEDIES]
    )
    if strengths is None:
        return
    try:
        specs = configs.plan_runs(base, chosen, strengths, combined=combined)
    except ValueError as err:
        show_bad_input(err)
        return
    if not chosen:
        st.info(t("overfitting.none_chosen"))
    results = [compute(spec) for spec in specs]
    run_notices(results)
    if "early_stop" in chosen:
        st.caption(t("overfitting.early_stop_note"))
    maps_grid(results)
    table = results_section(results)
    ensemble_section(results)
    reveal(choice, names, chosen, table)


# -- weights under regularisation -----------------------------------------------------------------


@st.fragment
def weights_experiment(base: TrainConfig) -> None:
    st.markdown(t("overfitting.weights_intro"))
    a, b = st.columns(2)
    l1 = a.select_slider(
        t("overfitting.lambda_l1"),
        LAMBDAS,
        value=DEFAULT.l1,
        key="of_w_l1",
        persist_state=KEEP_ACROSS_TABS,
    )
    l2 = b.select_slider(
        t("overfitting.lambda_l2"),
        LAMBDAS,
        value=DEFAULT.l2,
        key="of_w_l2",
        persist_state=KEEP_ACROSS_TABS,
    )
    sizes = [2, *base.hidden, 2]
    layer_names = {
        i: t("overfitting.layer_option", i=i + 1, n_in=sizes[i], n_out=sizes[i + 1])
        for i in range(len(sizes) - 1)
    }
    c, d, e = st.columns([2, 2, 1])
    layer = c.selectbox(
        t("overfitting.layer"),
        list(layer_names),
        format_func=layer_names.get,
        key="of_w_layer",
        persist_state=KEEP_ACROSS_TABS,
    )
    tol = d.select_slider(
        t("overfitting.near_zero"),
        THRESHOLDS,
        value=configs.NEAR_ZERO,
        format_func=lambda v: f"{v:g}",
        key="of_w_tol",
        persist_state=KEEP_ACROSS_TABS,
    )
    log_y = e.toggle(t("overfitting.log_y"), key="of_w_log", persist_state=KEEP_ACROSS_TABS)
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
        run_notice(r.summary.diverged, r.summary.stopped, run_label(r.id))
    layer = min(layer, len(results[0].weights) - 1)
    weights = {run_label(r.id): r.weights[layer] for r in results}
    show(
        weights_figure(weights, title=t("overfitting.hist_title", i=layer + 1), log_y=log_y),
        key="of_w_hist",
    )
    stats = tables.weight_stats(weights, near_zero=tol)
    share = dict(zip(stats["run"], stats["near_zero"], strict=True))
    st.caption(
        t(
            "overfitting.stats_caption",
            l1=share[run_label("l1")],
            l2=share[run_label("l2")],
            base=share[run_label(BASELINE)],
            tol=tol,
        )
    )
    show_table(
        stats.rename(columns={col: t(f"overfitting.col_{col}") for col in stats.columns}),
        {t("overfitting.col_near_zero"): PERCENT},
    )


st.title(t("overfitting.title"))
text_column, lab_column = topic_layout()
with text_column:
    render_topic("overfitting")
with lab_column:
    setup = setup_form()
    if setup is not None:
        experiment_tabs(
            "overfitting",
            [
                (t("overfitting.exp_remedies"), lambda: remedies_experiment(setup)),
                (t("overfitting.exp_weights"), lambda: weights_experiment(setup)),
            ],
        )
