// The data of the fifteenth held-out set (`@set heldout15`) that a program cannot draw itself, rebuilt in ~/.cache (never
// committed) by prepare.ts, which runs HELDOUT15_SCRIPT through a Python with scikit-learn ($GRADIENT_LENS_PYTHON, else
// ~/.cache/gradient-lens-venv/bin/python, else python3):
//  - mg-moons-100: micrograd's demo.ipynb (`mg-demo-moons`) seeds numpy and Python's random with 1337 and draws
//    make_moons(n_samples=100, noise=0.1) from numpy's global state — the same call after the same seeds gives its points;
//    rows [x1, x2, label 0/1].
// The scikit-learn example's iris cases (`skl-iris-*`) read the `iris` table prepare.ts already writes (load_iris()); the other
// programs of the set (keras #3040, tensorflow #12030 and the Getting Started guide, Flux #798, genann #13 and #54, OCANNL's
// moons test) hold or draw their data inline.
export const HELDOUT15_SCRIPT = `
import json, random, sys
import numpy as np
import sklearn
from sklearn.datasets import make_moons
np.random.seed(1337)
random.seed(1337)
X, y = make_moons(n_samples=100, noise=0.1)
out = {"mg-moons-100": {"columns": ["x1", "x2", "label"], "rows": [[float(a), float(b), float(c)] for (a, b), c in zip(X, y)],
       "source": "scikit-learn %s make_moons(n_samples=100, noise=0.1) after np.random.seed(1337), random.seed(1337) (karpathy/micrograd@c911406 demo.ipynb)" % sklearn.__version__}}
json.dump(out, sys.stdout)
`;
