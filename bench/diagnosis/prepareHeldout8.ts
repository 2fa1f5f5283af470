// The data of the eighth held-out set (`@set heldout8`), rebuilt in ~/.cache (never committed). Its Machine Learning Mastery
// programs (J. Brownlee's tutorials, `mlm-*`) generate their data with scikit-learn's seeded generators; HELDOUT8_SCRIPT makes
// the same calls with the same seeds, and prepare.ts runs it through a Python with scikit-learn ($GRADIENT_LENS_PYTHON, else
// ~/.cache/gradient-lens-venv/bin/python, else python3). Each program splits the rows itself as its tutorial does (the first
// n_train rows for training, the rest for the test set it passes as validation data):
//  - mlm-circles-1000: make_circles(n_samples=1000, noise=0.1, random_state=1) (vanishing-gradient, batch-normalization and
//    loss-function tutorials);
//  - mlm-circles-100: make_circles(n_samples=100, noise=0.1, random_state=1) (dropout tutorial);
//  - mlm-moons-100: make_moons(n_samples=100, noise=0.2, random_state=1) (weight-regularization tutorial);
//  - mlm-blobs-3: make_blobs(n_samples=1000, centers=3, n_features=2, cluster_std=2, random_state=2) (learning-rate, batch-size
//    and loss-function tutorials);
//  - mlm-blobs-20: make_blobs(n_samples=1000, centers=20, n_features=100, cluster_std=2, random_state=2) (model-capacity tutorial);
//  - mlm-regression: make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1) (gradient-clipping and
//    data-scaling tutorials).
export const HELDOUT8_SCRIPT = `
import json, sys
import numpy as np
import sklearn
from sklearn.datasets import make_circles, make_moons, make_blobs, make_regression
out = {}
def add(name, X, y, call):
    cols = ["x%d" % i for i in range(X.shape[1])] + ["y"]
    out[name] = {"columns": cols, "rows": np.column_stack([X, y]).tolist(), "source": "scikit-learn %s %s" % (sklearn.__version__, call)}
X, y = make_circles(n_samples=1000, noise=0.1, random_state=1); add("mlm-circles-1000", X, y, "make_circles(n_samples=1000, noise=0.1, random_state=1)")
X, y = make_circles(n_samples=100, noise=0.1, random_state=1); add("mlm-circles-100", X, y, "make_circles(n_samples=100, noise=0.1, random_state=1)")
X, y = make_moons(n_samples=100, noise=0.2, random_state=1); add("mlm-moons-100", X, y, "make_moons(n_samples=100, noise=0.2, random_state=1)")
X, y = make_blobs(n_samples=1000, centers=3, n_features=2, cluster_std=2, random_state=2); add("mlm-blobs-3", X, y, "make_blobs(n_samples=1000, centers=3, n_features=2, cluster_std=2, random_state=2)")
X, y = make_blobs(n_samples=1000, centers=20, n_features=100, cluster_std=2, random_state=2); add("mlm-blobs-20", X, y, "make_blobs(n_samples=1000, centers=20, n_features=100, cluster_std=2, random_state=2)")
X, y = make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1); add("mlm-regression", X, y, "make_regression(n_samples=1000, n_features=20, noise=0.1, random_state=1)")
json.dump(out, sys.stdout)
`;
