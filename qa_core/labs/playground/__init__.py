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
  mid-run changes included, and prints its final losses;
- what the page shows of a run: the units by id (``unit_options``, ``unit_map``), the
  diagnostics (``layer_columns``, ``layer_table_text``) and the pace of play (``epochs_due``).

``session.LiveRun`` (the live run itself) is imported from its module: it brings the engine.
"""

# The lab's public names in one namespace (``from qa_core.labs import playground as pg``).
from qa_core.labs.playground.diagnostics import (
    DIAG_PREFIX,
    DIAGNOSTICS,
    layer_columns,
    layer_table_text,
)
from qa_core.labs.playground.pace import (
    DEFAULT_SPEED,
    MAX_CATCH_UP_S,
    SPEEDS,
    elapsed_s,
    epochs_due,
)
from qa_core.labs.playground.presets import PRESETS, Preset
from qa_core.labs.playground.script import reproduction_script
from qa_core.labs.playground.state import (
    ACTIVATIONS,
    BATCH_MAX,
    BATCH_MIN,
    CONSTANT_WEIGHT,
    DATASET_NAMES,
    DATASETS_BY_PROBLEM,
    DEFAULT,
    DROPOUT_MAX,
    DROPOUT_STEP,
    FEATURES,
    INIT_CHOICES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_SEED,
    MAX_WIDTH,
    MAX_WIDTH_BASIC,
    N_SAMPLES,
    NOISE_MAX,
    NOISE_STEP,
    NORM_CHOICES,
    OPTIMIZERS,
    PROBLEMS,
    RATIO_MAX,
    RATIO_MIN,
    RATIO_STEP,
    REG_RATES,
    REGULARISERS,
    SCHEDULE_EPOCHS,
    SCHEDULES,
    SMOOTHING_MAX,
    SMOOTHING_STEP,
    PlaygroundState,
    UrlMessage,
    basic_width,
    dataset_for,
    effective_norm,
    lower_lr,
    next_seed,
    norm_fields,
    penalties,
    to_config,
    validate,
)
from qa_core.labs.playground.units import (
    NO_UNIT,
    OUTPUT_UNIT,
    hidden_id,
    input_id,
    is_probability,
    parse_unit,
    unit_map,
    unit_options,
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
    echo_text,
    encode,
)

__all__ = [
    "ACTIVATIONS",
    "BATCH_MAX",
    "BATCH_MIN",
    "CONSTANT_WEIGHT",
    "DATASETS_BY_PROBLEM",
    "DATASET_NAMES",
    "DEFAULT",
    "DEFAULT_SPEED",
    "DIAGNOSTICS",
    "DIAG_PREFIX",
    "DROPOUTS",
    "DROPOUT_MAX",
    "DROPOUT_STEP",
    "FEATURES",
    "INIT_CHOICES",
    "LEARNING_RATES",
    "MAX_CATCH_UP_S",
    "MAX_LAYERS",
    "MAX_SEED",
    "MAX_WIDTH",
    "MAX_WIDTH_BASIC",
    "NOISES",
    "NOISE_MAX",
    "NOISE_STEP",
    "NORM_CHOICES",
    "NO_UNIT",
    "N_SAMPLES",
    "OPTIMIZERS",
    "OUTPUT_UNIT",
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
    "SCHEDULES",
    "SCHEDULE_EPOCHS",
    "SMOOTHING_MAX",
    "SMOOTHING_STEP",
    "SPEEDS",
    "URL_KEYS",
    "Decoded",
    "PlaygroundState",
    "Preset",
    "UrlMessage",
    "basic_width",
    "dataset_for",
    "decode",
    "echo_text",
    "effective_norm",
    "elapsed_s",
    "encode",
    "epochs_due",
    "hidden_id",
    "input_id",
    "is_probability",
    "layer_columns",
    "layer_table_text",
    "lower_lr",
    "next_seed",
    "norm_fields",
    "parse_unit",
    "penalties",
    "reproduction_script",
    "to_config",
    "unit_map",
    "unit_options",
    "validate",
]
