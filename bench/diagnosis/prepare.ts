// Rebuilds the third-party data of the diagnosis benchmark outside the repository, in
// ~/.cache/gradient-lens-corpora/diagnosis (cases/data.ts reads it):
//  - auto-mpg.csv from thedeepchecker (the data of its regrNN programs), read from the `fetch` mirror
//    of github.com/thedeepchecker/thedeepchecker at the pinned commit;
//  - scikit-learn's bundled toy datasets and seeded generator output (make_multilabel_classification,
//    as two of the Stack Overflow programs call it), through a Python with scikit-learn:
//    $GRADIENT_LENS_PYTHON, else ~/.cache/gradient-lens-venv/bin/python, else python3;
//  - the CSVs the held-out DeepLocalize programs read, from its `fetch` mirror (prepareDeepLocalize.ts);
//  - the data files of the second held-out set's programs, from the `fetch` mirrors (prepareHeldout2.ts);
//  - the car-damage images of the fourth held-out set's bdr-50079585 pair, from the `fetch` mirror (prepareHeldout4.ts);
//  - the makemore names and the CTA ridership series of the sixth held-out set, from the `fetch` mirrors (prepareHeldout6.ts);
//  - the seeded numpy/scikit-learn data of the seventh held-out set (circles, XOR, Raschka's iris split; prepareHeldout7.ts);
//  - the scikit-learn generator output of the eighth held-out set's tutorials (circles, moons, blobs, regression; prepareHeldout8.ts);
//  - micrograd's seeded make_moons draw for the fifteenth held-out set (prepareHeldout15.ts);
//  - the standardised scikit-learn digits split of the seventeenth held-out set's lectures-labs programs (prepareHeldout17.ts).
// What cannot be built is skipped with the reason; the cases that need it then fail with a clear message.
//
//   node --import tsx bench/diagnosis/prepare.ts
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA_DIR, type Table } from './cases/data';
import { prepareDeepLocalize } from './prepareDeepLocalize';
import { prepareHeldout2 } from './prepareHeldout2';
import { prepareHeldout4 } from './prepareHeldout4';
import { prepareHeldout6 } from './prepareHeldout6';
import { HELDOUT7_SCRIPT, prepareHeldout7 } from './prepareHeldout7';
import { HELDOUT8_SCRIPT } from './prepareHeldout8';
import { HELDOUT15_SCRIPT } from './prepareHeldout15';
import { HELDOUT17_SCRIPT } from './prepareHeldout17';

export const DEEPCHECKER = { repo: 'thedeepchecker/thedeepchecker', commit: 'd0a2b3a5339b50c3f0b147231e295d3db25017fb' };

function mirrorDir(repo: string): string {
  return path.join('/work/.mirror', repo.replace('/', '+'), 'repo');
}

function write(name: string, table: Table): void {
  fs.writeFileSync(path.join(DATA_DIR, `${name}.json`), JSON.stringify(table));
  console.log(`  ${name}: ${table.rows.length} rows × ${table.columns.length} columns (${table.source})`);
}

function autoMpg(): void {
  const gitDir = mirrorDir(DEEPCHECKER.repo);
  if (!fs.existsSync(gitDir)) {
    console.log(`  auto-mpg: SKIPPED — no mirror of ${DEEPCHECKER.repo} at ${gitDir} (bring it with the fetch tool)`);
    return;
  }
  const csv = execFileSync('git', ['--git-dir', gitDir, 'show', `${DEEPCHECKER.commit}:data/auto-mpg.csv`], { encoding: 'utf8' });
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  write('auto-mpg', {
    columns: header.split(','),
    rows: lines.map((line) => line.split(',').map(Number)),
    source: `${DEEPCHECKER.repo}@${DEEPCHECKER.commit.slice(0, 7)}:data/auto-mpg.csv (UCI Auto MPG)`,
  });
}

const SKLEARN_SCRIPT = `
import json, sys
import numpy as np
from sklearn import datasets
out = {}
def put(name, X, y, columns, source):
    X = np.asarray(X, dtype=float); y = np.asarray(y, dtype=float)
    if y.ndim == 1: y = y[:, None]
    out[name] = {"columns": list(columns) + ["y%d" % i for i in range(y.shape[1])],
                 "rows": np.concatenate([X, y], axis=1).round(6).tolist(), "source": source}
for name, loader in [("iris", datasets.load_iris), ("breast-cancer", datasets.load_breast_cancer),
                     ("wine", datasets.load_wine), ("diabetes", datasets.load_diabetes)]:
    d = loader()
    put(name, d.data, d.target, d.feature_names, "scikit-learn %s bundled %s" % (__import__("sklearn").__version__, name))
X, Y = datasets.make_multilabel_classification(n_samples=2000, n_features=20, n_classes=3, random_state=0)
put("multilabel-20x3", X, Y, ["f%d" % i for i in range(20)], "sklearn make_multilabel_classification(n_samples=2000, n_features=20, n_classes=3, random_state=0)")
X, Y = datasets.make_multilabel_classification(n_samples=1000, n_features=4, n_classes=1, random_state=0)
put("multilabel-4x1", X, Y, ["f%d" % i for i in range(4)], "sklearn make_multilabel_classification(n_samples=1000, n_features=4, n_classes=1, random_state=0)")
json.dump(out, sys.stdout)
`;

function pythonCandidates(): string[] {
  return [process.env.GRADIENT_LENS_PYTHON, path.join(os.homedir(), '.cache', 'gradient-lens-venv', 'bin', 'python'), 'python3'].filter(
    (p): p is string => !!p,
  );
}

/** Runs a Python script that prints {name: Table} as JSON and writes each table; what cannot run is skipped with the reason. */
function pythonTables(script: string, what: string): void {
  for (const python of pythonCandidates()) {
    try {
      const json = execFileSync(python, ['-c', script], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
      for (const [name, table] of Object.entries(JSON.parse(json) as Record<string, Table>)) write(name, table);
      return;
    } catch (error) {
      console.log(`  (${python}: ${String((error as Error).message).split('\n')[0]})`);
    }
  }
  console.log(`  ${what}: SKIPPED — no Python with scikit-learn (set GRADIENT_LENS_PYTHON, or run scripts/setup-python-oracle.sh)`);
}

export function prepare(): void {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  console.log(`Benchmark data → ${DATA_DIR}`);
  autoMpg();
  pythonTables(SKLEARN_SCRIPT, 'scikit-learn tables');
  prepareDeepLocalize(write);
  prepareHeldout2(write);
  prepareHeldout4(write);
  prepareHeldout6(write);
  prepareHeldout7(write);
  pythonTables(HELDOUT7_SCRIPT, 'circles, xor, iris-rasbt, moons-1000, moons-2000');
  pythonTables(HELDOUT8_SCRIPT, 'mlm-circles-1000, mlm-circles-100, mlm-moons-100, mlm-blobs-3, mlm-blobs-20, mlm-regression');
  pythonTables(HELDOUT15_SCRIPT, 'mg-moons-100');
  pythonTables(HELDOUT17_SCRIPT, 'lectures-digits-train');
}

if (require.main === module) prepare();
