"""Activation-function explorer: f and f′ side by side, saturation, tanh = 2σ(2z) − 1, FD check
(its experiments: ui/topics/activations/)."""

from ui.layout import topic_page

topic_page("activations")
