"""The playground's settings: one ``PlaygroundState``, its URL codec, lesson presets, export.

A ``PlaygroundState`` holds every knob of the playground (TensorFlow Playground's state plus
dropout, batch norm and the optimiser) as plain values with the page's own ids. From it:

- ``to_config(state)`` builds the engine's ``TrainConfig`` (500 points, as in TF Playground);
- ``encode(state)`` gives the URL query parameters (every field, short stable ids) and
  ``decode(params)`` reads them back. Decoding never raises: unknown keys are ignored; a value
  that cannot be read, names an unknown choice or lies outside its range is **rejected** (the
  default is used); a value inside the range but between the allowed steps is **clamped** to
  the nearest step. Each rejection or adjustment comes back as a ``UrlMessage``;
- ``validate(state)`` fixes combinations that cannot run (a regression data set under the
  classification problem, batch norm with batches of one, no input feature) and says so;
- ``PRESETS``: lesson presets, each a state plus the one change that contrasts it;
- ``reproduction_script``: a short NumPy-only Python script (via qa_core) that replays a run,
  mid-run changes included, and prints its final losses.
"""

# The lab's public names in one namespace (``from qa_core.labs import playground as pg``).
from qa_core.labs.playground.presets import PRESETS, Preset
from qa_core.labs.playground.script import reproduction_script
from qa_core.labs.playground.state import (
    ACTIVATIONS,
    BATCH_MAX,
    BATCH_MIN,
    DATASET_NAMES,
    DATASETS_BY_PROBLEM,
    DEFAULT,
    DROPOUT_MAX,
    DROPOUT_STEP,
    FEATURES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_SEED,
    MAX_WIDTH,
    MAX_WIDTH_BASIC,
    N_SAMPLES,
    NOISE_MAX,
    NOISE_STEP,
    OPTIMIZERS,
    PROBLEMS,
    RATIO_MAX,
    RATIO_MIN,
    RATIO_STEP,
    REG_RATES,
    REGULARISERS,
    PlaygroundState,
    UrlMessage,
    lower_lr,
    penalties,
    to_config,
    validate,
)
from qa_core.labs.playground.url import (
    DROPOUTS,
    NOISES,
    OWN_KEYS,
    PRESET_KEY,
    RATIOS,
    URL_KEYS,
    Decoded,
    decode,
    encode,
)

__all__ = [
    "ACTIVATIONS",
    "BATCH_MAX",
    "BATCH_MIN",
    "DATASETS_BY_PROBLEM",
    "DATASET_NAMES",
    "DEFAULT",
    "DROPOUTS",
    "DROPOUT_MAX",
    "DROPOUT_STEP",
    "FEATURES",
    "LEARNING_RATES",
    "MAX_LAYERS",
    "MAX_SEED",
    "MAX_WIDTH",
    "MAX_WIDTH_BASIC",
    "NOISES",
    "NOISE_MAX",
    "NOISE_STEP",
    "N_SAMPLES",
    "OPTIMIZERS",
    "OWN_KEYS",
    "PRESETS",
    "PRESET_KEY",
    "PROBLEMS",
    "RATIOS",
    "RATIO_MAX",
    "RATIO_MIN",
    "RATIO_STEP",
    "REGULARISERS",
    "REG_RATES",
    "URL_KEYS",
    "Decoded",
    "PlaygroundState",
    "Preset",
    "UrlMessage",
    "decode",
    "encode",
    "lower_lr",
    "penalties",
    "reproduction_script",
    "to_config",
    "validate",
]
