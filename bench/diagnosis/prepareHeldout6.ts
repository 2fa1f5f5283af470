// The data of the sixth held-out set (`@set heldout6`) that its programs read from files, rebuilt in ~/.cache (never
// committed) from the `fetch` mirrors at pinned commits:
//  - names: the 32,033 names of karpathy/makemore (names.txt), the data of the nn-zero-to-hero makemore lectures
//    (the `nzh-*` cases), one row per name of character indices (a = 1 … z = 26, the lectures' stoi; '.' = 0 is the
//    terminator the cases append);
//  - ridership: the Chicago Transit Authority's daily boardings that Géron's chapter 15 downloads from ageron/data
//    (ridership.tgz → CTA_-_Ridership_-_Daily_Boarding_Totals.csv; the repository also stores the CSV unpacked), as
//    rows [yyyymmdd, rail boardings], sorted by date with the duplicated months dropped (the notebook's
//    df.sort_values("date").drop_duplicates()).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from './cases/data';

export const MAKEMORE = { repo: 'karpathy/makemore', commit: '988aa59e4d8fefa526d06f3b453ad116258398d4', file: 'names.txt' };
export const AGERON_DATA = { repo: 'ageron/data', commit: '2ea73147454d2ff8c8a933913be4606f05b352ca', file: 'ridership/CTA_-_Ridership_-_Daily_Boarding_Totals.csv' };

function gitDir(repo: string): string | undefined {
  const base = path.join('/work/.mirror', repo.replace('/', '+'), 'repo');
  return [base, path.join(base, '.git')].find((dir) => fs.existsSync(path.join(dir, 'HEAD')));
}

function show(pin: { repo: string; commit: string; file: string }): string {
  const dir = gitDir(pin.repo);
  if (!dir) throw new Error(`no mirror of ${pin.repo} under /work/.mirror (bring it with the fetch tool)`);
  return execFileSync('git', ['--git-dir', dir, 'show', `${pin.commit}:${pin.file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function names(write: (name: string, table: Table) => void): void {
  const words = show(MAKEMORE).split('\n').filter(Boolean);
  const rows = words.map((word) => [...word].map((ch) => ch.charCodeAt(0) - 96));
  if (rows.some((row) => row.some((ix) => ix < 1 || ix > 26))) throw new Error('names.txt holds a character outside a–z');
  write('names', { columns: ['characters (a = 1 … z = 26)'], rows, source: `${MAKEMORE.repo}@${MAKEMORE.commit.slice(0, 7)}:${MAKEMORE.file}` });
}

function ridership(write: (name: string, table: Table) => void): void {
  const lines = show(AGERON_DATA).trim().split('\n').slice(1);
  const seen = new Set<string>();
  const rows: number[][] = [];
  for (const line of lines) {
    const [date, dayType, bus, rail] = line.split(',');
    const [month, day, year] = date.split('/').map(Number);
    const row = [year * 10000 + month * 100 + day, Number(rail)];
    // drop_duplicates() compares the whole row (day type, bus, rail) after the date became the index.
    const key = `${dayType},${bus},${rail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row);
  }
  rows.sort((a, b) => a[0] - b[0]);
  write('ridership', { columns: ['date (yyyymmdd)', 'rail'], rows, source: `${AGERON_DATA.repo}@${AGERON_DATA.commit.slice(0, 7)}:${AGERON_DATA.file}` });
}

export function prepareHeldout6(write: (name: string, table: Table) => void): void {
  for (const [what, build] of [['makemore names', names], ['CTA ridership', ridership]] as const) {
    try {
      build(write);
    } catch (error) {
      console.log(`  ${what}: SKIPPED — ${String((error as Error).message).split('\n')[0]}`);
    }
  }
}
