"""The vanishing-gradient lab: saturation, per-layer gradient norms, depth sweeps, statistics.

Everything here measures the probe network of ``probe`` (read its module doc), whose
settings are one ``probe.Probe``: a stack of ``depth`` square Dense layers (no bias at init)
with activation f, input x ~ N(0, input_scale²), a linear read-out and softmax cross-entropy
against random labels.
Backpropagation multiplies the error by one factor per layer,

    δ_{k−1} = (δ_k ⊙ f′(z_k)) W_kᵀ,     ∂L/∂W_k = h_{k−1}ᵀ (δ_k ⊙ f′(z_k)),

so the first layer's gradient carries the product of every f′ below the loss. For sigmoid
0 < σ′ ≤ 1/4, hence the activation part of that product is at most 0.25^L (the "ceiling";
the weights enter too and can offset or overwhelm it). Initialisations:
Xavier/Glorot (Glorot & Bengio 2010) Var[W] = 2/(n_in + n_out); He/Kaiming (He et al. 2015)
Var[W] = 2/n_in; "normal" draws N(0, std²) whatever the width — the classic bad start.

Non-finite numbers are expected, not errors: huge weights make the forward pass or the norm's
sum of squares exceed float64 (≈1.8e308; a Frobenius norm computed as √Σg² overflows once it
passes ≈1e154), and tiny factors underflow to exactly 0. Every result carries a status per
value — "ok", "overflow" (inf or NaN) or "zero" — so a page can mark them instead of failing.
"""
