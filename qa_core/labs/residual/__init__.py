"""Residual connections and initialisation: why weights must not start equal, why deep plain
nets degrade, how a skip keeps the gradient, where BN and the activation go in a block, why a
block's last layer may start at zero, and what orthogonal weights do to a deep Jacobian. Each
module serves one experiment of the page:

- ``symmetry``: equal starting weights keep every hidden unit a copy of one;
- ``depth``: plain against residual nets as depth grows (gradients at the start, loss after a
  budget);
- ``degradation``: He et al.'s Figure 1 in miniature (training error, shallow and deep);
- ``order``: post-activation against pre-activation blocks;
- ``zero_init``: each block's last weights at 0, so every block starts as the identity;
- ``isometry``: singular values of a deep Jacobian under Xavier, He and orthogonal weights.
"""
