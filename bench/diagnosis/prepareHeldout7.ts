// The data of the seventh held-out set (`@set heldout7`), rebuilt in ~/.cache (never committed). What its programs generate
// with numpy/scikit-learn comes from the same calls with the same seeds in HELDOUT7_SCRIPT, which prepare.ts runs through a
// Python with scikit-learn ($GRADIENT_LENS_PYTHON, else ~/.cache/gradient-lens-venv/bin/python, else python3):
//  - circles: make_circles(1000, noise=0.03, random_state=42), mrdbourke/tensorflow-deep-learning's notebook 02 (`ztm-*`);
//  - xor: np.random.seed(1); uniform(-1, 1, (200, 2)), label 1 where x0·x1 ≥ 0, Raschka's ch. 13 (`rasbt-ch13-xor-*`);
//  - iris-rasbt: load_iris() split by train_test_split(test_size=1/3, random_state=1), Raschka's ch. 12 (`rasbt-ch12-iris`),
//    rows [4 features, class, 1 for the training split / 0 for the test split];
//  - moons-1000 / moons-2000: make_moons(1000, noise=0.2, random_state=100) split by train_test_split(test_size=0.1,
//    random_state=42), and make_moons(2000, noise=0.4, random_state=100) split by (test_size=0.2, random_state=42), Piotr
//    Skalski's numpy-network and overfitting notebooks (`skalski-*`), rows [x1, x2, label, 1 training / 0 test];
//  - btc: the daily Bitcoin closing prices of mrdbourke/tensorflow-deep-learning's extras/BTC_USD_2013-10-01_2021-05-18-CoinDesk.csv
//    (what its notebook 10 reads), from the `fetch` mirror at the pinned commit, rows [yyyymmdd, closing price] (`ztm-btc-*`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from './cases/data';

export const ZTM = { repo: 'mrdbourke/tensorflow-deep-learning', commit: 'bd065b806249f7b1155e5b1fabd130c5cfc9d184', file: 'extras/BTC_USD_2013-10-01_2021-05-18-CoinDesk.csv' };

function btc(write: (name: string, table: Table) => void): void {
  const base = path.join('/work/.mirror', ZTM.repo.replace('/', '+'), 'repo');
  const dir = [base, path.join(base, '.git')].find((d) => fs.existsSync(path.join(d, 'HEAD')));
  if (!dir) {
    console.log(`  btc: SKIPPED — no mirror of ${ZTM.repo} under /work/.mirror (bring it with the fetch tool)`);
    return;
  }
  const csv = execFileSync('git', ['--git-dir', dir, 'show', `${ZTM.commit}:${ZTM.file}`], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const rows = csv.trim().split(/\r?\n/).slice(1).map((line) => {
    const [, date, close] = line.split(',');
    return [Number(date.replaceAll('-', '')), Number(close)];
  });
  write('btc', { columns: ['date (yyyymmdd)', 'Closing Price (USD)'], rows, source: `${ZTM.repo}@${ZTM.commit.slice(0, 7)}:${ZTM.file}` });
}

export const HELDOUT7_SCRIPT = `
import json, sys
import numpy as np
import sklearn
from sklearn.datasets import make_circles, load_iris
from sklearn.model_selection import train_test_split
out = {}
X, y = make_circles(1000, noise=0.03, random_state=42)
out["circles"] = {"columns": ["X0", "X1", "label"], "rows": np.column_stack([X, y]).tolist(),
                  "source": "scikit-learn %s make_circles(1000, noise=0.03, random_state=42)" % sklearn.__version__}
np.random.seed(1)
x = np.random.uniform(low=-1, high=1, size=(200, 2))
t = np.ones(len(x)); t[x[:, 0] * x[:, 1] < 0] = 0
out["xor"] = {"columns": ["x1", "x2", "y"], "rows": np.column_stack([x, t]).tolist(),
              "source": "numpy %s: np.random.seed(1); np.random.uniform(-1, 1, (200, 2))" % np.__version__}
iris = load_iris()
Xtr, Xte, ytr, yte = train_test_split(iris["data"], iris["target"], test_size=1./3, random_state=1)
rows = [list(r) + [float(c), 1.0] for r, c in zip(Xtr, ytr)] + [list(r) + [float(c), 0.0] for r, c in zip(Xte, yte)]
out["iris-rasbt"] = {"columns": ["sepal length", "sepal width", "petal length", "petal width", "class", "train"], "rows": rows,
                     "source": "scikit-learn %s load_iris(), train_test_split(test_size=1/3, random_state=1)" % sklearn.__version__}
from sklearn.datasets import make_moons
for name, n, noise, test in [("moons-1000", 1000, 0.2, 0.1), ("moons-2000", 2000, 0.4, 0.2)]:
    X, y = make_moons(n_samples=n, noise=noise, random_state=100)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test, random_state=42)
    rows = [list(r) + [float(c), 1.0] for r, c in zip(Xtr, ytr)] + [list(r) + [float(c), 0.0] for r, c in zip(Xte, yte)]
    out[name] = {"columns": ["x1", "x2", "label", "train"], "rows": rows,
                 "source": "scikit-learn %s make_moons(%d, noise=%s, random_state=100), train_test_split(test_size=%s, random_state=42)" % (sklearn.__version__, n, noise, test)}
json.dump(out, sys.stdout)
`;

/** The Bitcoin CSV from the fetch mirror; the generated tables are HELDOUT7_SCRIPT's, run by prepare.ts. */
export function prepareHeldout7(write: (name: string, table: Table) => void): void {
  btc(write);
}
