"""The playground on a phone: Streamlit stacks every column there, which would put Play a screen
above the network and the output map two screens below the settings. On narrow screens this
style re-orders the page's keyed containers (flex ``order``, nothing is drawn twice): the
buttons and the running picture first, the output map and the loss before the diagram, then the
settings in the order of the desktop page (network, data, training), the presets and the export
last; the buttons and the metrics sit several to a row instead of one per line.

The style is one literal (the raw HTML rule of tests/app/test_config_review.py); 640 px is
where Streamlit stacks columns, as in ui/layout.py."""

from __future__ import annotations

import streamlit as st


def phone_layout() -> None:
    """The narrow-screen style (no effect on wider screens)."""
    st.html(
        "<style>@media (max-width: 640px) {"
        # the body (main column, then data) after the buttons; training, presets, sharing last
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-playground_body) { order: 1; }'
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-playground_training) { order: 3; }'
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-playground_presets) { order: 4; }'
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-playground_share) { order: 5; }'
        # in the main column the running picture before the network settings
        ' [data-testid="stLayoutWrapper"]:has(> .st-key-playground_live) { order: -1; }'
        # the data column after the main one; the output map and loss before the diagram
        ' [data-testid="stColumn"]:has(.st-key-playground_data) { order: 2; }'
        ' [data-testid="stColumn"]:has(.st-key-playground_output) { order: -1; }'
        # buttons, presets and metrics several to a row; the speed slider a row of its own
        ' .st-key-playground_controls [data-testid="stColumn"],'
        ' .st-key-playground_presets [data-testid="stColumn"],'
        ' .st-key-playground_metrics [data-testid="stColumn"]'
        " { min-width: calc(33% - 1rem) !important; flex: 1 1 calc(33% - 1rem) !important; }"
        ' .st-key-playground_controls [data-testid="stColumn"]:last-child'
        " { min-width: 100% !important; }"
        " }</style>"
    )
