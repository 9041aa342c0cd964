"""Overfitting on purpose, then the remedies side by side against the same baseline.

The set-up (``overfit_config``) is a small noisy training set, a validation set, a large
held-out test set, a wide MLP and many epochs: the baseline's training loss keeps falling while
its validation and test losses turn up. The validation set is what early stopping and every
"best epoch" watch; the test set is only reported, so its numbers stay an unbiased estimate.
Each remedy is ONE change to that baseline (``remedy_config``), run with the same seed, so the
same data and the same initial weights: any difference in the generalisation gap is the
remedy's. ``plan_runs`` adds an optional run with every chosen remedy at once.

- data augmentation: ``copies`` jittered copies x + N(0, σ²) of every training point, the label
  unchanged, so (1 + copies)·n rows per epoch (box units for σ, like the plots);
- L1 / L2: λ·Σ|w| and (λ/2)·Σw² on the Dense weights (biases, γ, β are not penalised);
- dropout: drop probability p after every hidden activation (inverted dropout; Srivastava et al.
  2014 call 1 − p the retain probability);
- ensemble: K members with seeds s, s+1, …, s+K−1 on the same data, as
  ``qa_core.engine.ensemble.train_ensemble``; the ensemble predicts the MEAN of the members'
  probabilities, p̄(x) = (1/K) Σ_k p_k(x), and its loss and accuracy are those of p̄; a member
  that diverged is left out of the mean (and the page says which);
- early stopping: stop after ``patience`` epochs without a lower validation loss (Prechelt
  1998); the weights of the last epoch are kept, so the table shows where it stopped;
- batch norm: BatchNorm before every hidden activation (Ioffe & Szegedy 2015 note a mild
  regularising effect from the mini-batch statistics).
"""
