"""The NumPy engine: activations, layers, a multilayer network, losses, optimisers, data sets and
training runs. It knows no topic; the labs in ``qa_core.labs`` build each topic's experiments on it."""
