"""Optimisers (its experiments: ui/topics/optimizers/)."""

from ui.layout import topic_page

topic_page("optimizers")
