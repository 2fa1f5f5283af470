// The data of the second held-out set (`@set heldout2`) that its programs read from files, rebuilt in ~/.cache (never
// committed) from the `fetch` mirrors at pinned commits:
//  - fd-59282996: the Stack Overflow program keeps its data inline (ten training sequences of 20 steps × 5 features,
//    labels 0 = padding, 1, 2); Python's standard `ast` reads the numpy literals out of DeepFD's origin.py without
//    running it, and applies its reshape((20, 5)).
//  - fd-kerasma: pima-indians-diabetes.data, committed beside kerasma.py in github.com/eangelou/kerasma;
//  - so-45002504: heart_train.csv, committed beside the program in github.com/ForeverZyh/TensorFlow-Program-Bugs
//    (StackOverflow/IPS-13); the program maps famhist "Present" → 1, else 0.
// Any python3 does: no third-party Python package is needed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Table } from './cases/data';

export const DEEPFD = { repo: 'ArabelaTso/DeepFD', commit: '9fe089510cf10af35b0c2cba024d9732a1048df4' };
export const KERASMA = { repo: 'eangelou/kerasma', commit: '2a2a46f46559a03855c22f55971ca1d3ed51430c' };
export const TF_PROGRAM_BUGS = { repo: 'ForeverZyh/TensorFlow-Program-Bugs', commit: '158ba0a23e0cb74e73dbab08571b05fc36848f2a' };

const SUBJECT = 'Benchmark/Subjects/59282996/epoch_30/origin.py';

// Every `name = [np.array(...), ...]` literal of the program, as nested lists; then the program's reshape.
const SCRIPT = String.raw`
import ast, json, sys
src = open(sys.argv[1]).read()
tree = ast.parse(src)
def lit(node):
    if isinstance(node, ast.Call):  # np.array([...])
        return lit(node.args[0])
    if isinstance(node, ast.List):
        return [lit(e) for e in node.elts]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -lit(node.operand)
    return float(node.value)
arrays = {}
for stmt in tree.body:
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.List) and stmt.value.elts and isinstance(stmt.value.elts[0], ast.Call):
        arrays[stmt.targets[0].id] = lit(stmt.value)
def steps(x):  # x.reshape((20, 5)) of a (5, 20) array: row-major, as numpy does
    flat = [v for row in x for v in row]
    return [flat[i * 5:(i + 1) * 5] for i in range(20)]
out = {}
for split in ("train", "test"):
    xs = [steps(x) for x in arrays["X_batches_" + split]]
    ys = arrays["y_batches_" + split]
    # One row per sequence: 100 features (20 steps × 5), then its 20 labels.
    out["fd-59282996-" + split] = {"columns": ["x%d_%d" % (t, f) for t in range(20) for f in range(5)] + ["y%d" % t for t in range(20)],
        "rows": [[v for step in x for v in step] + y for x, y in zip(xs, ys)],
        "source": "ArabelaTso/DeepFD@9fe0895 " + "${SUBJECT}" + " (X/y_batches_" + split + ")"}
json.dump(out, sys.stdout)
`;

function gitDir(repo: string): string | undefined {
  const base = path.join('/work/.mirror', repo.replace('/', '+'), 'repo');
  return [base, path.join(base, '.git')].find((dir) => fs.existsSync(path.join(dir, 'HEAD')));
}

function show(repo: string, commit: string, file: string): string {
  const dir = gitDir(repo);
  if (!dir) throw new Error(`no mirror of ${repo} under /work/.mirror (bring it with the fetch tool)`);
  return execFileSync('git', ['--git-dir', dir, 'show', `${commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function prepareHeldout2(write: (name: string, table: Table) => void): void {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepfd-'));
  try {
    const program = path.join(tmpDir, 'deepfd-59282996.py');
    fs.writeFileSync(program, show(DEEPFD.repo, DEEPFD.commit, SUBJECT));
    const json = execFileSync('python3', ['-c', SCRIPT, program], { encoding: 'utf8', maxBuffer: 64 << 20 });
    for (const [name, table] of Object.entries(JSON.parse(json) as Record<string, Table>)) write(name, table);
  } catch (error) {
    console.log(`  DeepFD 59282996: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  try {
    const csv = show(KERASMA.repo, KERASMA.commit, 'pima-indians-diabetes.data');
    write('fd-pima', {
      columns: ['pregnancies', 'glucose', 'pressure', 'skin', 'insulin', 'bmi', 'pedigree', 'age', 'diabetes'],
      rows: csv.trim().split(/\r?\n/).map((line) => line.split(',').map(Number)),
      source: `${KERASMA.repo}@${KERASMA.commit.slice(0, 7)}:pima-indians-diabetes.data`,
    });
  } catch (error) {
    console.log(`  kerasma pima data: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
  }
  try {
    const file = 'StackOverflow/IPS-13/45002504-buggy/heart_train.csv';
    const [header, ...lines] = show(TF_PROGRAM_BUGS.repo, TF_PROGRAM_BUGS.commit, file).trim().split(/\r?\n/);
    write('so-45002504-heart', {
      columns: header.split(','),
      rows: lines.map((line) => line.split(',').map((v, i) => (i === 4 ? (v === 'Present' ? 1 : 0) : Number(v)))),
      source: `${TF_PROGRAM_BUGS.repo}@${TF_PROGRAM_BUGS.commit.slice(0, 7)}:${file}`,
    });
  } catch (error) {
    console.log(`  TensorFlow-Program-Bugs heart data: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
  }
}
