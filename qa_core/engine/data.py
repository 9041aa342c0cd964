"""Two-dimensional toy data sets (TensorFlow-Playground style), feature maps, augmentation.

Scale convention: every data set is generated in its own "native" units (moons exactly as
scikit-learn's make_moons, the others with structure of size ≈ 1), ``noise`` is the standard
deviation of Gaussian jitter added to the points in those native units, and the points are
then mapped by a fixed affine map into the playground's box, coordinates ≈ [−6, 6]. So every
data set is drawn on the same axes, and ``noise`` scales with the data.

The network never sees the box coordinates directly: ``Dataset.inputs`` applies the feature
map (``features``, default x1, x2) and z-scores each feature with the training-set mean and
standard deviation, so the first layer always gets unit-scale inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: Half-width of the playground box the points are mapped into.
BOX = 6.0

#: Second seed word of the data generator (keeps data noise apart from weight draws).
DATA_STREAM = 0xDA7A

#: Data set name -> task.
DATASETS: dict[str, str] = {
    "moons": "classification",
    "circles": "classification",
    "xor": "classification",
    "spiral": "classification",
    "blobs": "classification",
    "plane": "regression",
    "reg_gaussian": "regression",
}

#: Input features for the playground, computed from box coordinates (x1, x2).
FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}


def _split_counts(n: int) -> tuple[int, int]:
    """Two classes: n//2 of class 0, the rest class 1."""
    return n // 2, n - n // 2


def _moons(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles of radius 1 (scikit-learn's make_moons geometry)."""
    n0, n1 = _split_counts(n)
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    x = np.concatenate(
        [
            np.column_stack([np.cos(t0), np.sin(t0)]),
            np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)]),
        ]
    )
    return x, np.repeat([0, 1], [n0, n1])


def _circles(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """An outer circle of radius 1 (class 0) around an inner one of radius 0.5 (class 1)."""
    n0, n1 = _split_counts(n)
    t0 = rng.uniform(0.0, 2 * np.pi, n0)
    t1 = rng.uniform(0.0, 2 * np.pi, n1)
    x = np.concatenate(
        [np.column_stack([np.cos(t0), np.sin(t0)]), 0.5 * np.column_stack([np.cos(t1), np.sin(t1)])]
    )
    return x, np.repeat([0, 1], [n0, n1])


def _xor(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform in [−1, 1]² kept 0.05 away from the axes; class = [x1·x2 < 0]."""
    x = rng.uniform(0.05, 1.0, (n, 2)) * rng.choice([-1.0, 1.0], (n, 2))
    return x, (x[:, 0] * x[:, 1] < 0).astype(np.int64)


def _spiral(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals r = t, angle = 1.75·2π·t + class·π, t ∈ [0.05, 1]."""
    n0, n1 = _split_counts(n)
    y = np.repeat([0, 1], [n0, n1])
    t = np.concatenate([np.linspace(0.05, 1.0, n0), np.linspace(0.05, 1.0, n1)])
    angle = 1.75 * 2 * np.pi * t + np.pi * y
    return np.column_stack([t * np.sin(angle), t * np.cos(angle)]), y


def _blobs(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs, std 0.25, centred at (−0.5, −0.5) and (0.5, 0.5)."""
    n0, n1 = _split_counts(n)
    y = np.repeat([0, 1], [n0, n1])
    centres = np.where(y[:, None] == 0, -0.5, 0.5)
    return centres + 0.25 * rng.standard_normal((n, 2)), y


def _plane(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform in [−1, 1]²; target y = (x1 + x2)/2, in [−1, 1]."""
    x = rng.uniform(-1.0, 1.0, (n, 2))
    return x, 0.5 * (x[:, 0] + x[:, 1])


_BUMPS = np.array(  # the playground's six Gaussian bumps (centre x, centre y, sign), / 6
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]]
) / np.array([6.0, 6.0, 1.0])


def _reg_gaussian(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform in [−1, 1]²; y = Σ_k s_k exp(−‖x − c_k‖² / (2·0.2²)), six bumps of sign ±1."""
    x = rng.uniform(-1.0, 1.0, (n, 2))
    d2 = ((x[:, None, :] - _BUMPS[None, :, :2]) ** 2).sum(axis=2)
    return x, (_BUMPS[:, 2] * np.exp(-d2 / (2 * 0.2**2))).sum(axis=1)


#: name -> (generator, centre of the native coordinates, factor into the box)
_GENERATORS = {
    "moons": (_moons, (0.5, 0.25), BOX / 1.5),
    "circles": (_circles, (0.0, 0.0), BOX),
    "xor": (_xor, (0.0, 0.0), BOX),
    "spiral": (_spiral, (0.0, 0.0), BOX),
    "blobs": (_blobs, (0.0, 0.0), BOX),
    "plane": (_plane, (0.0, 0.0), BOX),
    "reg_gaussian": (_reg_gaussian, (0.0, 0.0), BOX),
}


def generate(
    name: str, n: int, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points (n, 2) in box coordinates and their targets (int labels or floats).

    Noise N(0, noise²) is added to the native coordinates (classification), or to the target
    (regression: the target's own units), before the fixed map into the box.
    """
    if name not in _GENERATORS:
        raise ValueError(f"dataset must be one of {', '.join(DATASETS)}; got {name!r}")
    gen, centre, factor = _GENERATORS[name]
    x, y = gen(n, rng)
    if DATASETS[name] == "classification":
        x = x + noise * rng.standard_normal(x.shape)
    else:
        y = y + noise * rng.standard_normal(y.shape)
    return (x - np.asarray(centre)) * factor, y


def feature_map(points: np.ndarray, features: Sequence[str] = ("x1", "x2")) -> np.ndarray:
    """Columns f(x1, x2) for each feature name, from box coordinates (n, 2) -> (n, k)."""
    unknown = [f for f in features if f not in FEATURES]
    if unknown or not features:
        raise ValueError(
            f"features must be a non-empty tuple drawn from {', '.join(FEATURES)}; got {features!r}"
        )
    points = np.asarray(points, dtype=np.float64)
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([FEATURES[f](x1, x2) for f in features])


def augment(
    x: np.ndarray, y: np.ndarray, copies: int, sigma: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """The data plus ``copies`` jittered copies x + N(0, sigma²): (1 + copies)·n rows.

    Labels are repeated unchanged; the originals come first.
    """
    if copies < 0 or sigma < 0:
        raise ValueError(f"copies and sigma must be >= 0, got copies={copies!r}, sigma={sigma!r}")
    if copies == 0:
        return x, y
    jitter = x[None] + sigma * rng.standard_normal((copies, *x.shape))
    x_aug = np.concatenate([x[None], jitter]).reshape(-1, *x.shape[1:])
    return x_aug, np.tile(y, copies + 1)


def _no_points() -> np.ndarray:
    return np.empty((0, 2))


def _no_labels() -> np.ndarray:
    return np.empty(0, dtype=np.int64)


def split_sizes(
    n_samples: int, test_fraction: float, validation_fraction: float = 0.0
) -> tuple[int, int, int]:
    """(n_train, n_val, n_test): round(test_fraction·n) test and round(validation_fraction·n)
    validation points; the rest train. ValueError unless 0 < test_fraction < 1,
    0 ≤ validation_fraction < 1, a validation split (if asked for) has at least 1 point, and at
    least 1 test and 2 training points remain."""
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction!r}")
    if not 0.0 <= validation_fraction < 1.0:
        raise ValueError(f"validation_fraction must be in [0, 1), got {validation_fraction!r}")
    n_test = round(test_fraction * n_samples)
    n_val = round(validation_fraction * n_samples)
    if validation_fraction > 0 and n_val < 1:
        raise ValueError(
            "validation_fraction must give at least 1 validation sample, got "
            f"validation_fraction={validation_fraction!r} with n_samples={n_samples!r}"
        )
    if n_test < 1 or n_samples - n_test - n_val < 2:
        if validation_fraction == 0:
            raise ValueError(
                "test_fraction must leave at least 1 test and 2 training samples, "
                f"got test_fraction={test_fraction!r} with n_samples={n_samples!r}"
            )
        raise ValueError(
            "test_fraction and validation_fraction must leave at least 1 test and 2 training "
            f"samples, got test_fraction={test_fraction!r}, "
            f"validation_fraction={validation_fraction!r} with n_samples={n_samples!r}"
        )
    return n_samples - n_test - n_val, n_val, n_test


@dataclass(frozen=True, eq=False)
class Dataset:
    """A train/test split of one data set (and an optional validation split), in box
    coordinates, with its input scaling. Without a validation split ``x_val`` has no rows."""

    name: str
    task: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    features: tuple[str, ...]
    mean: np.ndarray
    std: np.ndarray
    x_val: np.ndarray = field(default_factory=_no_points)
    y_val: np.ndarray = field(default_factory=_no_labels)

    @property
    def has_validation(self) -> bool:
        """True when a validation split was held out."""
        return len(self.x_val) > 0

    @property
    def n_classes(self) -> int:
        """2 for the classification sets, 0 for regression."""
        return 2 if self.task == "classification" else 0

    @property
    def n_inputs(self) -> int:
        return len(self.features)

    def inputs(self, points: np.ndarray) -> np.ndarray:
        """Network inputs for box points: the feature map, z-scored with training statistics."""
        return (feature_map(points, self.features) - self.mean) / self.std


def make_dataset(
    name: str = "moons",
    n_samples: int = 1000,
    noise: float = 0.2,
    test_fraction: float = 0.2,
    seed: int = 0,
    features: Sequence[str] = ("x1", "x2"),
    validation_fraction: float = 0.0,
) -> Dataset:
    """Generate ``n_samples`` points, shuffle, and hold out round(test_fraction·n) for testing
    and round(validation_fraction·n) for validation (none by default); the rest train.

    After the shuffle the first n_test points are the test set, the next n_val the validation
    set, the rest the training set: without a validation split the data are exactly as
    before it existed. The input scaling uses the training points only.
    Randomness comes from ``np.random.default_rng([seed, DATA_STREAM])``: a stream of its own,
    independent of a training run's ``default_rng(seed)`` with the same seed.
    """
    _, n_val, n_test = split_sizes(n_samples, test_fraction, validation_fraction)
    rng = np.random.default_rng([seed, DATA_STREAM])
    x, y = generate(name, n_samples, noise, rng)
    order = rng.permutation(n_samples)
    x, y = x[order], y[order]
    start = n_test + n_val
    x_train = x[start:]
    f = feature_map(x_train, features)
    std = f.std(axis=0)
    std[std == 0] = 1.0
    return Dataset(
        name=name,
        task=DATASETS[name],
        x_train=x_train,
        y_train=y[start:],
        x_test=x[:n_test],
        y_test=y[:n_test],
        features=tuple(features),
        mean=f.mean(axis=0),
        std=std,
        x_val=x[n_test:start],
        y_val=y[n_test:start],
    )


__all__ = [
    "BOX",
    "DATASETS",
    "FEATURES",
    "Dataset",
    "augment",
    "feature_map",
    "generate",
    "make_dataset",
    "split_sizes",
]
