// The data of the fourteenth held-out set (`@set heldout14`), rebuilt in ~/.cache (never committed). Made With ML's
// foundations notebooks (G. Mohandas, `mwm*` cases) read two CSV files from their repository: datasets/spiral.csv (1,500 points of
// a three-arm spiral, classes c1/c2/c3) and datasets/tumors.csv (1,000 rows: leukocyte_count, blood_pressure, benign/malignant).
// This script takes them at the commit the notebooks were read at, either from a local clone (`--repo DIR`, read with
// `git show`) or from raw.githubusercontent.com, and writes each as a data.ts table with the class as an integer column
// (spiral c1, c2, c3 → 0, 1, 2; tumors benign → 0, malignant → 1: the notebooks' label encoders sort the names the same way).
// The Straight Dope cases (`sd6-*`) and kann's XOR (`kann14-*`) generate their data in the program: nothing to prepare.
//
//   node --import tsx bench/diagnosis/prepareHeldout14.ts [--repo /path/to/Made-With-ML]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR } from './cases/data';

const COMMIT = '2ad655c4fe1b96ce3e00fa20531fbdeedeeee1ce';
const FILES = [
  { name: 'mwm-spiral', file: 'datasets/spiral.csv', classes: ['c1', 'c2', 'c3'] },
  { name: 'mwm-tumors', file: 'datasets/tumors.csv', classes: ['benign', 'malignant'] },
];

async function readCsv(file: string, repo: string | undefined): Promise<string> {
  if (repo) return execFileSync('git', ['-C', repo, 'show', `${COMMIT}:${file}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const url = `https://raw.githubusercontent.com/GokuMohandas/Made-With-ML/${COMMIT}/${file}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}. Without network, clone the repository and pass --repo DIR.`);
  return response.text();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repo: { type: 'string' } } });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const { name, file, classes } of FILES) {
    const [header, ...lines] = (await readCsv(file, values.repo)).trim().split(/\r?\n/);
    const columns = header.split(',');
    const rows = lines.map((line) => {
      const cells = line.split(',');
      const label = classes.indexOf(cells[cells.length - 1]);
      if (label < 0) throw new Error(`${file}: unexpected class "${cells[cells.length - 1]}" (expected ${classes.join(', ')})`);
      return [...cells.slice(0, -1).map(Number), label];
    });
    const out = path.join(DATA_DIR, `${name}.json`);
    fs.writeFileSync(out, JSON.stringify({ columns, rows, source: `github.com/GokuMohandas/Made-With-ML@${COMMIT.slice(0, 7)} ${file}` }));
    console.log(`${out}: ${rows.length} rows`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
