from __future__ import annotations

import numpy as np

from samestory.trees import TreeEnsemble


def _random_tree(rng, depth: int, features: int) -> dict:
    """A tree in sklearn's flat layout, grown at random to at most ``depth`` levels."""
    feature, threshold, left, right, value = [], [], [], [], []

    def grow(level: int) -> int:
        node = len(feature)
        feature.append(-2), threshold.append(-2.0), left.append(-1), right.append(-1), value.append(0.0)
        if level < depth and rng.random() < 0.7:
            feature[node], threshold[node] = int(rng.integers(features)), float(rng.normal())
            left[node] = grow(level + 1)
            right[node] = grow(level + 1)
        else:
            value[node] = float(rng.normal())
        return node

    grow(0)
    return {"feature": feature, "threshold": threshold, "left": left, "right": right, "value": value}


def _walk(tree: dict, row: np.ndarray) -> float:
    """The reference: one tree, one row, node by node (NaN fails ``<=`` and goes right)."""
    node = 0
    while tree["left"][node] >= 0:
        go_left = row[tree["feature"][node]] <= tree["threshold"][node]
        node = tree["left"][node] if go_left else tree["right"][node]
    return tree["value"][node]


def test_the_ensemble_sums_what_a_node_by_node_walk_of_each_tree_finds():
    rng = np.random.default_rng(7)
    trees = [_random_tree(rng, depth=int(rng.integers(0, 9)), features=5) for _ in range(60)]
    ensemble = TreeEnsemble.from_dict({"init": 0.25, "learning_rate": 0.1, "trees": trees})
    x = rng.normal(size=(300, 5))
    x[::11, 2] = np.nan
    want = [0.25 + 0.1 * sum(_walk(t, row) for t in trees) for row in x]
    got = ensemble.predict(x, block=64)  # several blocks, the last one short
    assert np.allclose(got, want, rtol=0, atol=1e-12)
    assert np.allclose(ensemble.predict(x[7]), want[7:8], rtol=0, atol=1e-12)  # one row
