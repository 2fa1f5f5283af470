"""Rebuilds the numbers the held-out 13 cases inline from their sources' own seeded generators (numpy's PCG64), so a
reader can check them: `python3 bench/diagnosis/heldout13Inits.py`.

- tinytorch's XOR milestone (harvard-edge/cs249r_book, tinytorch/milestones/02_1969_xor/02_xor_solved.py and
  tinytorch/src/03_layers/03_layers.py): the 100 noisy XOR rows come from the script's `rng = default_rng(7)`; every
  Linear draws `rng.standard_normal((in, out)) * sqrt(1 / in)` from the layers module's own generator, seeded 7 at
  import (the bug, issue #1614) or re-seeded 1986 before the model is built (the fix, pull request #1618); biases are 0.
- hinton-problems' XOR (cybertronai/hinton-problems, xor/xor.py): `default_rng(seed)`, then W1 (2, 2), b1 (2,), W2 (1, 2),
  b2 (1,) each `rng.random(shape) - 0.5` (init_scale 1), seed 0.
"""
import json

import numpy as np


def tinytorch_xor_rows():
    rng = np.random.default_rng(7)
    per_case = 100 // 4
    xs, ys = [], []
    for centre, target in (((0.0, 0.0), 0.0), ((0.0, 1.0), 1.0), ((1.0, 0.0), 1.0), ((1.0, 1.0), 0.0)):
        xs.append(rng.standard_normal((per_case, 2)) * 0.1 + np.array(centre))
        ys.append(np.full((per_case, 1), target))
    x, y = np.vstack(xs), np.vstack(ys)
    order = rng.permutation(100)
    return x[order], y[order]


def tinytorch_weights(seed):
    rng = np.random.default_rng(seed)
    hidden = rng.standard_normal((2, 4)) * np.sqrt(1 / 2)
    output = rng.standard_normal((4, 1)) * np.sqrt(1 / 4)
    return hidden, output


def hinton_xor_weights(seed):
    rng = np.random.default_rng(seed)
    w1 = rng.random((2, 2)) - 0.5
    b1 = rng.random((2,)) - 0.5
    w2 = rng.random((1, 2)) - 0.5
    b2 = rng.random((1,)) - 0.5
    return w1, b1, w2, b2


def rounded(array, digits=6):
    return np.round(np.asarray(array, dtype=float), digits).tolist()


if __name__ == '__main__':
    x, y = tinytorch_xor_rows()
    print('tinytorch XOR rows x:', json.dumps(rounded(x)))
    print('tinytorch XOR rows y:', json.dumps([int(v) for v in y.ravel()]))
    for seed in (7, 1986):
        hidden, output = tinytorch_weights(seed)
        print(f'tinytorch seed {seed}: hidden kernel (2, 4)', json.dumps(rounded(hidden)), 'output kernel (4, 1)', json.dumps(rounded(output)))
    w1, b1, w2, b2 = hinton_xor_weights(0)
    # tfjs kernels are (in, out): the transposes of numpy's (out, in) W1 and W2.
    print('hinton-problems XOR seed 0: kernel1', json.dumps(rounded(w1.T)), 'bias1', json.dumps(rounded(b1)),
          'kernel2', json.dumps(rounded(w2.T)), 'bias2', json.dumps(rounded(b2)))
