"""The normalisation family: BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm, which
axes each averages over, what small batches and eval mode do to each, and how large a learning
rate each tolerates. Each module serves one experiment of the page:

- ``axes``: an (N, C, H, W) tensor of random numbers, the cells each norm averages over for one
  chosen cell, and their statistics;
- ``sweep``: one network per norm and batch size (2, 4, 8, 32): test accuracy and the gap
  between training mode (batch statistics) and eval mode;
- ``modes``: one probe example inside many different batches, through each norm in training
  and in eval mode;
- ``stability``: a deep network per norm and learning rate: which rates still train;
- ``placement``: pre-norm against post-norm residual stacks at initialisation (Xiong et al.
  2020): each block's gradient norm.
"""
