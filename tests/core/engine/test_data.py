"""qa_core.engine.data: data sets, split, scaling, feature maps, augmentation."""

import numpy as np
import pytest

from qa_core.engine import data

CLASSIFICATION = [k for k, v in data.DATASETS.items() if v == "classification"]
REGRESSION = [k for k, v in data.DATASETS.items() if v == "regression"]


@pytest.mark.parametrize("name", list(data.DATASETS))
def test_every_dataset_has_the_requested_size_split_and_box_scale(name):
    ds = data.make_dataset(name, n_samples=500, noise=0.1, test_fraction=0.2, seed=3)
    assert ds.x_train.shape == (400, 2)
    assert ds.x_test.shape == (100, 2)
    assert len(ds.y_train) == 400
    assert len(ds.y_test) == 100
    points = np.concatenate([ds.x_train, ds.x_test])
    assert np.abs(points).max() < 2 * data.BOX
    assert np.abs(points).max() > 0.5 * data.BOX  # fills the playground's box
    assert ds.task == data.DATASETS[name]


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_sets_have_two_balanced_classes(name):
    ds = data.make_dataset(name, n_samples=401, seed=0)
    y = np.concatenate([ds.y_train, ds.y_test])
    assert set(np.unique(y)) == {0, 1}
    assert abs(np.sum(y == 0) - np.sum(y == 1)) <= 1
    assert ds.n_classes == 2


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_sets_have_real_targets(name):
    ds = data.make_dataset(name, n_samples=300, noise=0.0, seed=0)
    assert ds.y_train.dtype == np.float64
    assert ds.n_classes == 0
    assert np.std(ds.y_train) > 0.1


def test_plane_target_is_linear_in_the_inputs_without_noise():
    ds = data.make_dataset("plane", n_samples=200, noise=0.0, seed=1)
    design = np.column_stack([ds.x_train, np.ones(len(ds.x_train))])
    coef, *_ = np.linalg.lstsq(design, ds.y_train, rcond=None)
    np.testing.assert_allclose(design @ coef, ds.y_train, atol=1e-12)


def test_noise_free_moons_lie_on_two_unit_half_circles():
    ds = data.make_dataset("moons", n_samples=200, noise=0.0, seed=0)
    native = np.concatenate([ds.x_train, ds.x_test]) / 4.0 + [0.5, 0.25]
    y = np.concatenate([ds.y_train, ds.y_test])
    centres = np.where(y[:, None] == 0, [0.0, 0.0], [1.0, 0.5])
    np.testing.assert_allclose(np.linalg.norm(native - centres, axis=1), 1.0, atol=1e-12)


def test_same_seed_same_data_and_another_seed_other_data():
    a = data.make_dataset("spiral", seed=5)
    b = data.make_dataset("spiral", seed=5)
    c = data.make_dataset("spiral", seed=6)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    np.testing.assert_array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.x_train, c.x_train)


def test_noise_is_the_standard_deviation_of_the_jitter_in_native_units():
    def spread(noise):
        x, y = data.generate("blobs", 20_000, noise, np.random.default_rng(0))
        return (x - np.where(y[:, None] == 0, -3.0, 3.0)).std(axis=0)  # centres (±0.5)·6

    # blobs have std 0.25 (native) → 1.5 in the box; noise 0.3 adds 1.8 in quadrature
    assert spread(0.0) == pytest.approx([1.5, 1.5], rel=0.03)
    assert spread(0.3) == pytest.approx([np.hypot(1.5, 1.8)] * 2, rel=0.03)


def test_inputs_are_the_features_z_scored_on_the_training_set():
    ds = data.make_dataset("circles", seed=2, features=("x1", "x2", "x1^2", "x1x2", "sin_x2"))
    x = ds.inputs(ds.x_train)
    assert x.shape == (len(ds.x_train), 5)
    np.testing.assert_allclose(x.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(x.std(axis=0), 1.0)


def test_feature_map_computes_each_named_feature():
    pts = np.array([[1.0, 2.0], [-3.0, 0.5]])
    names = tuple(data.FEATURES)
    f = data.feature_map(pts, names)
    x1, x2 = pts[:, 0], pts[:, 1]
    expected = np.column_stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(f, expected)


@pytest.mark.parametrize("features", [(), ("x3",), ("x1", "cos_x1")])
def test_feature_map_rejects_unknown_or_empty_features(features):
    with pytest.raises(ValueError, match="features must be"):
        data.feature_map(np.zeros((2, 2)), features)


def test_unknown_dataset_is_a_value_error():
    with pytest.raises(ValueError, match="dataset must be one of"):
        data.make_dataset("mnist")


def test_augment_returns_the_originals_then_jittered_copies():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((500, 2)), rng.integers(0, 2, 500)
    xa, ya = data.augment(x, y, copies=3, sigma=0.2, rng=np.random.default_rng(1))
    assert xa.shape == (2000, 2)
    assert ya.shape == (2000,)
    np.testing.assert_array_equal(xa[:500], x)
    np.testing.assert_array_equal(ya, np.tile(y, 4))
    jitter = xa[500:] - np.tile(x, (3, 1))
    assert jitter.std() == pytest.approx(0.2, rel=0.03)
    assert abs(jitter.mean()) < 0.01
    same = data.augment(x, y, copies=0, sigma=0.2, rng=np.random.default_rng(1))
    assert same[0] is x


def test_split_must_leave_test_and_training_points():
    with pytest.raises(ValueError, match="test_fraction"):
        data.make_dataset("moons", n_samples=10, test_fraction=0.01)
