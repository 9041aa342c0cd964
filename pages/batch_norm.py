"""Batch normalisation: per-batch statistics, the linear-region argument for γ and β, training
with and without BN, and train vs eval mode (issue #9; its experiments: ui/topics/batch_norm/)."""

from ui.layout import topic_page

topic_page("batch_norm")
