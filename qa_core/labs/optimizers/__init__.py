"""Optimisers: how SGD, momentum, the adaptive methods and Adam move, why Adam needs bias
correction and AdamW, how to schedule the learning rate and how it scales with the batch.
Each module serves one experiment of the page:

- ``surfaces``: 2-D loss surfaces (a ravine, Rosenbrock, a saddle, two wells) and their gradients;
- ``race``: optimisers racing on a surface from the same start;
- ``bias``: Adam with and without bias correction over its first steps;
- ``decay``: L2 against decoupled weight decay under Adam on a small network;
- ``schedule``: the learning-rate schedules on one run, and the range test;
- ``batch``: gradient noise against batch size, and the linear scaling rule.
"""
