"""Residual connections and initialisation (its experiments: ui/topics/residual/)."""

from ui.layout import topic_page

topic_page("residual")
