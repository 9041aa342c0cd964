"""ReLU and its variants: measured cost, non-saturation, sparsity, dying units, and the fixes
(Leaky ReLU, PReLU, RReLU) side by side (its experiments: ui/topics/relu/)."""

from ui.layout import topic_page

topic_page("relu")
