"""Output layers and losses (its experiments: ui/topics/losses/)."""

from ui.layout import topic_page

topic_page("losses")
