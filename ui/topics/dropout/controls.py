"""Controls several Dropout experiments share: the data set, p, the Run gate, 2^N as text."""

from __future__ import annotations

from qa_core.labs.dropout import masks
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.widgets import option_names, run_gate

DATASETS = ("moons", "circles", "xor")


def dataset_choice(where, key: str) -> str:
    return where.selectbox(
        t("dropout.dataset"),
        DATASETS,
        format_func=option_names("dropout.ds_", DATASETS),
        key=key,
        persist_state=KEEP_ACROSS_TABS,
    )


def p_slider(where, key: str, high: float = 0.9, step: float = 0.05) -> float:
    """The drop probability p, in this page's convention, from 0 to ``high``."""
    return where.slider(
        t("dropout.p_drop"), 0.0, high, 0.5, step, help=t("dropout.p_drop_help"), key=key,
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def gate(key: str, current: tuple) -> tuple:
    return run_gate(key, current, t("dropout.run"))


def subnetwork_text(n: int) -> str:
    """2^n exactly when short, else as mantissa × 10^exponent."""
    if n <= 40:
        return f"{masks.n_subnetworks(n):,}"
    mantissa, exponent = masks.power_of_two_in_tens(n)
    return f"≈ {mantissa:.2f}e{exponent}"
