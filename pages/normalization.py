"""The normalisation family (its experiments: ui/topics/normalization/)."""

from ui.layout import topic_page

topic_page("normalization")
