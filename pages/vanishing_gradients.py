"""Vanishing gradients: saturation up close, depth sweeps, per-layer gradient norms and
per-layer activation statistics of freshly initialised deep probe networks (its experiments:
ui/topics/vanishing_gradients/)."""

from ui.layout import topic_page

topic_page("vanishing_gradients")
