"""The playground on a phone: Streamlit stacks every column there, which would put Play a screen
above the network and the output map two screens below the settings. On narrow screens this
style re-orders the page's keyed containers (flex ``order``, nothing is drawn twice): the
buttons and the running picture first, the output map and the loss before the diagram, then the
settings in the order of the desktop page (network, data, training), the presets and the export
last; the buttons and the metrics sit several to a row instead of one per line."""

from __future__ import annotations

import streamlit as st

from ui.layout import STACKED_BELOW_PX

WRAPPER = '[data-testid="stLayoutWrapper"]:has(> .st-key-{key})'
COLUMN = '[data-testid="stColumn"]:has(.st-key-{key})'

PHONE_ORDER = {  # container key → its place among its siblings on a phone (default 0)
    "playground_body": 1,
    "playground_training": 3,
    "playground_presets": 4,
    "playground_share": 5,
    "playground_live": -1,  # inside the main column: before the network settings
}
COLUMN_ORDER = {  # the column holding this container → its place on a phone
    "playground_data": 2,  # the data column after the main one
    "playground_output": -1,  # the output map and loss before the network diagram
}
ROWS = ("playground_controls", "playground_presets", "playground_metrics")  # several per row


def phone_layout() -> None:
    """The narrow-screen style (no effect on wider screens)."""
    rules = [f"{WRAPPER.format(key=key)} {{ order: {n}; }}" for key, n in PHONE_ORDER.items()]
    rules += [f"{COLUMN.format(key=key)} {{ order: {n}; }}" for key, n in COLUMN_ORDER.items()]
    rules += [
        f'.st-key-{key} [data-testid="stColumn"] '
        "{ min-width: calc(33% - 1rem) !important; flex: 1 1 calc(33% - 1rem) !important; }"
        for key in ROWS
    ]
    rules.append(  # the speed slider and the lesson text keep a whole row
        '.st-key-playground_controls [data-testid="stColumn"]:last-child '
        "{ min-width: 100% !important; }"
    )
    st.html(f"<style>@media (max-width: {STACKED_BELOW_PX}px) {{ {' '.join(rules)} }}</style>")
