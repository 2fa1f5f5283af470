// The data of the held-out DeepLocalize cases (bench/diagnosis/cases/so-*, `@set heldout`): the CSV files the
// Stack Overflow programs read sit beside them in github.com/Wardat-ISU/DeepLocalize@297bc34, so they are read
// from the `fetch` mirror at that commit and turned into numeric tables in ~/.cache (never committed) by
// Python's standard csv module — titanic's names hold quoted commas — with the preprocessing each program does
// before its model sees the data (pandas' header row dropped, LabelEncoder's sorted codes, fillna with the mean).
// Any python3 does: no third-party Python package is needed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Table } from './cases/data';

export const DEEPLOCALIZE = { repo: 'Wardat-ISU/DeepLocalize', commit: '297bc3441b5903b5c85bc5ffd7c9881a3c0c75a2' };

const SO = 'Benchmark/StackOverflow';
/** table name → the CSV each program reads (the Buggy folder's copy; the Correct folder holds the same file). */
const FILES: Record<string, string> = {
  'dl-34673164': `${SO}/34673164/Buggy Model/dataset.csv`,
  'dl-44066044': `${SO}/44066044/Buggy Code/NetworkPackets.csv`,
  'dl-45442843': `${SO}/45442843/Buggy Code/dataset.csv`,
  'dl-48221692': `${SO}/48221692/Buggy Model/Linear_Data.csv`,
  'dl-48251943': `${SO}/48251943/Buggy Code/Book1.csv`,
  'dl-58609115': `${SO}/58609115/Buggy Code/export78.csv`,
  'dl-31627380-train': `${SO}/31627380/Buggy Code/train.csv`,
  'dl-31627380-test': `${SO}/31627380/Buggy Code/test.csv`,
};

// Each table's rows as its program hands them to the model (see the comment on each).
const SCRIPT = String.raw`
import csv, json, os, sys
d = sys.argv[1]
def rows(name):
    with open(os.path.join(d, name), newline='', encoding='utf-8-sig') as f:
        return [r for r in csv.reader(f) if r]
def codes(values):  # sklearn LabelEncoder: index in the sorted unique values
    order = {v: i for i, v in enumerate(sorted(set(values)))}
    return [order[v] for v in values]
out = {}
def put(name, columns, table, note):
    out[name] = {"columns": columns, "rows": table, "source": "Wardat-ISU/DeepLocalize@297bc34 " + note}
# pd.read_csv: the first line is the header; 16 features, the candidate's name label-encoded.
r = rows("dl-34673164")[1:]
put("dl-34673164", ["f%d" % i for i in range(16)] + ["y"], [[float(v) for v in x[:16]] + [c] for x, c in zip(r, codes([x[16] for x in r]))], "34673164/dataset.csv")
# numpy.loadtxt: no header.
put("dl-44066044", ["f%d" % i for i in range(11)] + ["y"], [[float(v) for v in x] for x in rows("dl-44066044")], "44066044/NetworkPackets.csv")
# pd.read_csv: header line dropped.
put("dl-45442843", ["x", "y"], [[float(v) for v in x] for x in rows("dl-45442843")[1:]], "45442843/dataset.csv")
# header=None.
put("dl-48221692", ["x", "y"], [[float(v) for v in x] for x in rows("dl-48221692")], "48221692/Linear_Data.csv")
# numpy.genfromtxt: no header; the program reads only columns 1 (target) and 2-3 (features).
put("dl-48251943", ["y", "x0", "x1"], [[float(x[1]), float(x[2]), float(x[3])] for x in rows("dl-48251943")], "48251943/Book1.csv (columns 1-3)")
# pd.read_csv: header line dropped; OneHotEncoder(categorical_features=[1]) puts column 1's sorted values first: stored as its code.
r = rows("dl-58609115")[1:]
put("dl-58609115", ["x", "class"], [[float(x[0]), c] for x, c in zip(r, codes([int(x[1]) for x in r]))], "58609115/export78.csv")
# Titanic (read_csv index_col=0): Age/Fare NaN → the column mean, categorical columns 'missing' when empty, then
# LabelEncoder fitted on train + test values; columns Pclass, Name, Sex, Age, SibSp, Parch, Ticket, Fare, Cabin, Embarked.
train, test = rows("dl-31627380-train"), rows("dl-31627380-test")
cols = train[0][2:]
tr = [x[2:] for x in train[1:]]; te = [x[1:] for x in test[1:]]
survived = [float(x[1]) for x in train[1:]]
def num(v): return float(v) if v != "" else None
for j, name in enumerate(cols):
    for t in (tr, te):
        if name in ("Age", "Fare"):
            vals = [num(x[j]) for x in t]
            known = [v for v in vals if v is not None]
            mean = sum(known) / len(known)
            for x, v in zip(t, vals): x[j] = mean if v is None else v
        else:
            for x in t:
                v = x[j] if x[j] != "" else "missing"
                x[j] = int(v) if name in ("Pclass", "SibSp", "Parch") else v
for j, name in enumerate(cols):
    if name in ("Age", "Fare"): continue
    both = codes([x[j] for x in tr] + [x[j] for x in te])
    for i, x in enumerate(tr): x[j] = both[i]
put("dl-31627380", cols + ["Survived"], [[float(v) for v in x] + [s] for x, s in zip(tr, survived)], "31627380/train.csv (+ test.csv for the label codes)")
json.dump(out, sys.stdout)
`;

export function prepareDeepLocalize(write: (name: string, table: Table) => void): void {
  const gitDir = path.join('/work/.mirror', DEEPLOCALIZE.repo.replace('/', '+'), 'repo');
  if (!fs.existsSync(gitDir)) {
    console.log(`  DeepLocalize tables: SKIPPED — no mirror of ${DEEPLOCALIZE.repo} at ${gitDir} (bring it with the fetch tool)`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deeplocalize-'));
  try {
    for (const [name, file] of Object.entries(FILES)) {
      fs.writeFileSync(path.join(tmp, name), execFileSync('git', ['--git-dir', gitDir, 'show', `${DEEPLOCALIZE.commit}:${file}`]));
    }
    const json = execFileSync('python3', ['-c', SCRIPT, tmp], { encoding: 'utf8', maxBuffer: 64 << 20 });
    for (const [name, table] of Object.entries(JSON.parse(json) as Record<string, Table>)) write(name, table);
  } catch (error) {
    console.log(`  DeepLocalize tables: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
