"""The units of a playground network by id, as the diagram and the "enlarge" picker name them:
"in:<k>" an input feature, "h:<layer>:<unit>" a hidden unit (0-based), "out" the output, and
"none" for no unit. ``unit_map`` picks a unit's map out of a Snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from qa_core.labs.playground.session import Snapshot

NO_UNIT, OUTPUT_UNIT = "none", "out"


def input_id(k: int) -> str:
    return f"in:{k}"


def hidden_id(layer: int, unit: int) -> str:
    return f"h:{layer}:{unit}"


def parse_unit(uid: str) -> tuple[str, tuple[int, ...]]:
    """("none" | "out", ()), ("in", (k,)) or ("h", (layer, unit)); ValueError for anything else."""
    if uid in (NO_UNIT, OUTPUT_UNIT):
        return uid, ()
    kind, *numbers = uid.split(":")
    if (kind, len(numbers)) not in (("in", 1), ("h", 2)) or not all(n.isdigit() for n in numbers):
        raise ValueError(f"unit id must be none, out, in:<k> or h:<layer>:<unit>; got {uid!r}")
    return kind, tuple(int(n) for n in numbers)


def unit_options(snap: Snapshot) -> list[str]:
    """Every unit of the snapshot's network, for the picker: none, the output, the inputs, then
    the hidden units layer by layer."""
    options = [NO_UNIT, OUTPUT_UNIT]
    options += [input_id(k) for k in range(len(snap.features))]
    options += [hidden_id(i, u) for i, h in enumerate(snap.hidden) for u in range(len(h))]
    return options


def unit_map(snap: Snapshot, uid: str) -> np.ndarray:
    """The unit's (n, n) map over the box."""
    kind, index = parse_unit(uid)
    if kind == OUTPUT_UNIT:
        return snap.output
    if kind == "in":
        return snap.features[index[0]]
    if kind == "h":
        return snap.hidden[index[0]][index[1]]
    raise ValueError("the unit id 'none' names no map")


def is_probability(uid: str, task: str) -> bool:
    """True for a classifier's output, P(class 1) in [0, 1]; every other map is drawn on a
    scale symmetric about 0."""
    return uid == OUTPUT_UNIT and task == "classification"


__all__ = [
    "NO_UNIT",
    "OUTPUT_UNIT",
    "hidden_id",
    "input_id",
    "is_probability",
    "parse_unit",
    "unit_map",
    "unit_options",
]
