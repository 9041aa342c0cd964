"""What the vanishing-gradient page's experiments share: the probe's settings and their widgets,
the cached computations (keyed by a ``Probe``; the page keeps its batch of 256 inputs and its
seed 0 unless a tab says otherwise), and the notices for overflowed values."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence

import pandas as pd
import streamlit as st

from qa_core.engine import activations
from qa_core.labs.vanishing_gradients import saturation, sweeps
from qa_core.labs.vanishing_gradients.probe import INIT_CHOICES, Probe
from ui.charts.common import activation_label
from ui.i18n import t
from ui.layout import KEEP_ACROSS_TABS
from ui.run_cache import Progress, cached_with_progress
from ui.topics.vanishing_gradients.charts import scale_label
from ui.widgets import option_names

WIDTHS = (32, 64, 128, 256)
STDS = (0.001, 0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
WEIGHT_SCALES = (0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 5 / 3, 2.0, 3.0, 5.0, 10.0, 30.0,
                 100.0)  # fmt: skip


# -- widgets ----------------------------------------------------------------------------------


def activation_choice(where, key: str, default: str) -> str:
    names = activations.names()
    return where.selectbox(
        t("vanishing_gradients.activation"), names, index=names.index(default),
        format_func=activation_label, key=key, persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def activations_choice(where, key: str) -> list[str]:
    return where.multiselect(
        t("vanishing_gradients.activations"), activations.names(),
        default=list(sweeps.PAGE_ACTIVATIONS), format_func=activation_label, key=key,
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def depth_slider(where, key: str, default: int) -> int:
    return where.slider(
        t("vanishing_gradients.depth"), 2, 50, default, key=key, persist_state=KEEP_ACROSS_TABS
    )


def width_slider(where, key: str) -> int:
    return where.select_slider(
        t("vanishing_gradients.width"), WIDTHS, value=256, key=key,
        persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def std_slider(where, key: str, label: str = "bad_std", **options) -> float:
    """A std of N(0, std²) (``label``: its text key; ``options``: help, disabled)."""
    return where.select_slider(
        t(f"vanishing_gradients.{label}"), STDS, value=1.0, format_func=lambda v: f"{v:g}",
        key=key, persist_state=KEEP_ACROSS_TABS, **options,
    )  # fmt: skip


def scale_slider(where, key: str, label: str = "weight_scale") -> float:
    """A factor on the weights (``label``: its text key, with ``<label>_help`` beside it)."""
    return where.select_slider(
        t(f"vanishing_gradients.{label}"), WEIGHT_SCALES, value=1.0, format_func=scale_label,
        help=t(f"vanishing_gradients.{label}_help"), key=key, persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip


def init_controls(prefix: str, default: str = "matched") -> tuple[str, float]:
    """Init choice and the std slider of "normal" (disabled for the other inits)."""
    left, right = st.columns(2)
    init = left.selectbox(
        t("vanishing_gradients.init"), INIT_CHOICES, index=INIT_CHOICES.index(default),
        format_func=option_names("vanishing_gradients.init_", INIT_CHOICES),
        key=f"{prefix}_init", persist_state=KEEP_ACROSS_TABS,
    )  # fmt: skip
    std = std_slider(
        right, f"{prefix}_std", "std", disabled=init != "normal",
        help=t("vanishing_gradients.std_help"),
    )  # fmt: skip
    return init, std


def plain_std(init: str, std: float) -> float:
    """The std only matters for "normal": a fixed value for the others keeps caches shared."""
    return std if init == "normal" else 1.0


def overflow_notices(frames: Iterable[pd.DataFrame]) -> None:
    """Explain ✕ overflow and ▼ zero markers when a chart of ``frames`` has any."""
    found = sweeps.marked(frames)
    if sweeps.OVERFLOW in found:
        st.warning(t("vanishing_gradients.overflow_notice"), icon=":material/warning:")
    if sweeps.ZERO in found:
        st.info(t("vanishing_gradients.zero_notice"), icon=":material/info:")


# -- cached computations (keyed by the probe's settings) ----------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def saturation_data(probe: Probe, flat_ratio: float):
    layers = saturation.saturation_profile(probe, flat_ratio)
    return layers, saturation.saturation_summary(layers)


@st.cache_data(show_spinner=False, max_entries=256)
def sweep_data(probe: Probe) -> pd.DataFrame:
    return sweeps.sweep(probe)


@st.cache_data(show_spinner=False, max_entries=256)
def profile_data(probe: Probe) -> pd.DataFrame:
    return sweeps.layer_profile(probe)


@st.cache_data(show_spinner=False, max_entries=64)
def stats_data(probe: Probe) -> pd.DataFrame:
    return saturation.activation_stats(probe)


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
