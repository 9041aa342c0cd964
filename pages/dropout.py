"""Dropout: Bernoulli masks and 2^N thinned networks, the two conventions for p, the ensemble
story tested, and where dropout helps or hurts (its experiments: ui/topics/dropout/)."""

from ui.layout import topic_page

topic_page("dropout")
