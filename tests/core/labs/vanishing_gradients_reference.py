"""The vanishing-gradient probe rebuilt from the engine's layers and backpropagated by its
Network, with its own draws (not the lab's): the reference the lab's norms are checked against."""

import numpy as np

from qa_core.engine.layers import Activation, Dense, init_weights
from qa_core.engine.losses import softmax_cross_entropy
from qa_core.engine.network import Network


def reference_norms(
    depth, width, activation, init, batch, seed, std=1.0, weight_scale=1.0, input_scale=1.0
):
    """‖∂L/∂W_l‖ of every hidden layer and the pre-activations z_l of the rebuilt probe."""
    rng = np.random.default_rng(seed)
    x = input_scale * rng.standard_normal((batch, width))
    labels = rng.integers(0, 10, batch)
    readout = init_weights(width, 10, init, rng, std=std)
    layers = []
    for _ in range(depth):
        dense = Dense(width, width, init="zeros")
        dense.params["W"][:] = init_weights(width, width, init, rng, std=std, scale=weight_scale)
        layers += [dense, Activation(activation)]
    head = Dense(width, 10, init="zeros")
    head.params["W"][:] = readout
    net = Network([*layers, head])
    _, dout = softmax_cross_entropy(net.forward(x, training=False), labels)
    net.backward(dout)
    return net.grad_norms()[:-1], [layer.last_input for layer in net.activation_layers]
