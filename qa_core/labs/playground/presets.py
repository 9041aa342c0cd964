"""Lesson presets: each a state plus the one change that contrasts it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from qa_core.labs.playground.state import PlaygroundState

# -- lesson presets ------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A one-click set-up that shows one lesson within ``epochs`` epochs.

    ``contrast`` is the single change that makes the lesson disappear (the comparison the
    learner should run next); ``topic``/``question`` name the Q&A answer that links here.
    """

    id: str
    state: PlaygroundState
    epochs: int
    contrast: tuple[tuple[str, object], ...]
    topic: str
    question: str

    @property
    def contrast_state(self) -> PlaygroundState:
        return dataclasses.replace(self.state, **dict(self.contrast))


PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        # Six sigmoid layers: the gradient reaching the first layer is orders of magnitude
        # smaller than at the output, and the loss sits at log 2 for hundreds of epochs.
        # The contrast: the same network with ReLU learns the circle.
        Preset(
            id="sigmoid-deep",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8, 8, 8, 8),
                activation="sigmoid",
                lr=0.03,
                optimizer="sgd",
            ),
            epochs=200,
            contrast=(("activation", "relu"),),
            topic="vanishing_gradients",
            question="mechanism",
        ),
        # ReLU at learning rate 3: within the first epoch the big steps push units'
        # pre-activations below zero on every input; the whole top layer dies, so no gradient
        # reaches any hidden layer and nothing comes back. Only the output bias learns: the
        # loss never goes below that of the best constant guess (0.692, the entropy of the
        # class shares) and jumps above it as each mini-batch pushes the bias around.
        # The contrast: the same set-up at lr 0.03 keeps its units.
        Preset(
            id="relu-dies",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8),
                activation="relu",
                lr=3.0,
                optimizer="sgd",
            ),
            epochs=50,
            contrast=(("lr", 0.03),),
            topic="relu",
            question="dying",
        ),
        # 50 noisy training points and a wide network: without dropout the training loss
        # falls to almost zero while the test loss climbs past 1.5; with p = 0.5 the test
        # loss stays below 1 and the train/test gap is far smaller (the test accuracy of 50
        # points is about the same either way: dropout cannot invent data).
        Preset(
            id="dropout-tiny",
            state=PlaygroundState(
                dataset="circle",
                noise=0.25,
                ratio=10,
                batch_size=10,
                hidden=(32, 32),
                activation="relu",
                lr=0.01,
                optimizer="adam",
                dropout=0.5,
                show_test=True,
            ),
            epochs=300,
            contrast=(("dropout", 0.0),),
            topic="overfitting",
            question="dropout",
        ),
        # Plain SGD at learning rate 1 through four ReLU layers: with BN the circle is
        # learned within 100 epochs; without BN the same rate kills the top layer's units
        # and the loss stays at log 2.
        Preset(
            id="bn-high-lr",
            state=PlaygroundState(
                dataset="circle",
                noise=0.1,
                hidden=(8, 8, 8, 8),
                activation="relu",
                lr=1.0,
                optimizer="sgd",
                batch_norm=True,
            ),
            epochs=100,
            contrast=(("batch_norm", False),),
            topic="batch_norm",
            question="why-it-works",
        ),
    )
}
