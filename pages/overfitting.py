"""Overfitting: cause it on purpose, then switch remedies on one at a time against the same
baseline (same seed) and compare gaps, decision boundaries, loss curves and weights (its
experiments: ui/topics/overfitting/)."""

from ui.layout import topic_page

topic_page("overfitting")
