"""The reproduction script: a NumPy-only Python file (via qa_core) that replays a run exactly,
mid-run changes included, and prints its final losses."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from qa_core.engine.config import TrainConfig

# -- the reproduction script ------------------------------------------------------------------

_SCRIPT = '''"""Reproduce a Deep Learning Q&A Lab playground run, exactly (NumPy only, via qa_core).

Run it from the project's root (the folder that holds qa_core/):  python {file_name}
"""

import sys

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")

from qa_core.engine.config import TrainConfig  # noqa: E402
from qa_core.engine.training import Run  # noqa: E402

CONFIG = TrainConfig(
{config_lines}
)
EPOCHS = {epochs}
# Changes made while the run was going: (epochs trained before the change, Run.update kwargs)
UPDATES = [
{update_lines}]

run = Run(CONFIG)
pending = list(UPDATES)
for _ in range(EPOCHS):
    while pending and pending[0][0] == run.epoch:
        run.update(**pending.pop(0)[1])
    record = run.step()
    if run.diverged:
        print(run.diverged)
        break
last = run.records[-1] if run.records else run.evaluate()
print(f"epoch {{last.epoch}}")
print(f"train_loss {{last.train_loss!r}}")
print(f"test_loss {{last.test_loss!r}}")
'''


def reproduction_script(
    config: TrainConfig,
    updates: Sequence[tuple[int, Mapping[str, object]]],
    epochs: int,
    file_name: str = "playground_run.py",
) -> str:
    """Python source that rebuilds ``config``, applies each ``(epoch, changes)`` update before
    the step that follows ``epoch`` trained epochs (in order), trains ``epochs`` epochs and
    prints ``epoch``, ``train_loss`` and ``test_loss`` (repr, so every digit is kept).

    Same config, same updates, same epochs → the same bits (the engine is deterministic).
    """
    config_lines = "\n".join(
        f"    {f.name}={getattr(config, f.name)!r}," for f in dataclasses.fields(config)
    )
    update_lines = "".join(
        f"    ({int(epoch)}, {dict(changes)!r}),\n" for epoch, changes in updates if epoch < epochs
    )
    return _SCRIPT.format(
        file_name=file_name,
        config_lines=config_lines,
        epochs=int(epochs),
        update_lines=update_lines,
    )
