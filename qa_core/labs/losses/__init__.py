"""Output layers and losses: why cross-entropy goes with a softmax or sigmoid output, how to
compute it without overflow, what label smoothing does to confidence, and which regression loss
resists outliers. Each module serves one experiment of the page:

- ``gradients``: ∂L/∂z at the output for cross-entropy and for MSE on a sigmoid;
- ``escape``: one logistic unit trained from a confidently wrong start with MSE and with
  cross-entropy (same data, same start);
- ``stability``: naive softmax / sigmoid against the log-sum-exp forms as the logits grow;
- ``heads``: softmax against independent sigmoids on the same logits;
- ``smoothing``: label smoothing's effect on accuracy, confidence and calibration;
- ``robust``: a line fitted under MSE, MAE and Huber with outliers.
"""
