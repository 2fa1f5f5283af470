// Profiles every corpus case with the CLI, as a user would, and compares the reported layer lines with the
// lines written down from reading the code. Not a test (CI cannot fetch the repositories): it prints figures.
//   npm run build && node --import tsx bench/realworld/run.ts [--case NAME]... [--batch 1|2|3|4|5|7|8|9|10|11|12|13] [--steps N] [--json FILE] [--markdown FILE]
//   (--cli another build's dist/cli.js, e.g. main's, for a before/after side by side)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, workspaceOf, CORPORA_DIR, type Case } from './manifest';
import { ensureWorkspace } from './rebuild';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

interface ReportLayer { className: string; file?: string; line?: number }
interface Report {
  status: string;
  partial?: boolean;
  layers: ReportLayer[];
  tfjsVersion?: string;
  tfjsSource?: string;
  backend?: string;
  error?: { kind?: string; message: string; location?: { file: string; line: number }; details?: string[] };
}

export type Outcome =
  | 'correct' // expected to profile, profiled, exact lines
  | 'wrong-lines' // profiled, lines differ
  | 'failed' // expected to profile, did not
  | 'cause-named' // expected to fail, failed naming the cause
  | 'cause-not-named' // expected to fail, failed with another message
  | 'unexpected-profile' // expected to fail, profiled
  | 'skipped'; // workspace could not be rebuilt

export interface Result {
  name: string;
  outcome: Outcome;
  installed: string;
  /** Major version of the tfjs the workspace pins ("none" when it installs none). */
  major?: string;
  ran?: string;
  right?: number;
  expected?: number;
  message?: string;
  seconds?: number;
}

/** Multiset intersection size of the expected and reported "file:line Class" entries. */
export function matchLines(expected: string[], reported: string[]): { right: number; missing: string[]; extra: string[] } {
  const pool = new Map<string, number>();
  for (const r of reported) pool.set(r, (pool.get(r) ?? 0) + 1);
  const missing: string[] = [];
  for (const e of expected) {
    const n = pool.get(e) ?? 0;
    if (n > 0) pool.set(e, n - 1);
    else missing.push(e);
  }
  const extra = [...pool].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { right: expected.length - missing.length, missing, extra };
}

export function runCli(args: string[], cwd: string, timeoutMs: number, cliPath = cli): Promise<{ stdout: string; stderr: string; code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the CLI and its runner
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

export function parseReport(stdout: string): Report | undefined {
  const start = stdout.indexOf('{\n');
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as Report;
  } catch {
    return undefined;
  }
}

/** The error as the user sees it: kind, message, the source location it points at, and its detail lines. */
function describeError(error: NonNullable<Report['error']>, root: string): string {
  const where = error.location ? ` (at ${path.relative(root, error.location.file)}:${error.location.line})` : '';
  const details = error.details?.length ? ` — ${error.details.join(' | ')}` : '';
  return `${error.kind ? error.kind + ': ' : ''}${error.message}${where}${details}`;
}

function oneLine(text: string, max = 160): string {
  const flat = text.split(CORPORA_DIR).join('<corpora>').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

async function runCase(c: Case, steps: number, rebuild: boolean, cliPath = cli): Promise<Result> {
  const installed = Object.entries(c.install)
    .filter(([k]) => k.startsWith('@tensorflow/'))
    .map(([k, v]) => `${k.replace('@tensorflow/', '')}@${v}`)
    .join(' ');
  const firstTfjs = Object.entries(c.install).find(([k]) => k.startsWith('@tensorflow/tfjs'));
  const base = { name: c.name, installed, major: firstTfjs ? `${firstTfjs[1].split('.')[0]}.x` : 'none' };
  const ws = rebuild ? ensureWorkspace(c) : ({ ok: false, reason: 'not rebuilt (--no-rebuild)' } as const);
  if (!ws.ok) return { ...base, outcome: 'skipped', message: ws.reason };

  const timeout = c.timeout ?? 150;
  const args = ['profile', ws.file, '--json', '--steps', String(steps), '--timeout', String(timeout - 15), ...(c.cliArgs ?? [])];
  const started = Date.now();
  const run = await runCli(args, ws.root, timeout * 1000, cliPath);
  const seconds = (Date.now() - started) / 1000;
  const report = parseReport(run.stdout);
  const ran = report?.tfjsVersion ? `${report.tfjsVersion} ${report.backend ?? ''}`.trim() : undefined;
  const failure = run.timedOut
    ? `bench timeout after ${timeout} s`
    : report?.error
      ? describeError(report.error, ws.root)
      : !report
        ? `no JSON report (exit ${run.code}): ${oneLine(run.stderr || run.stdout)}`
        : undefined;
  const profiled = !!report && report.layers.length > 0 && (report.status === 'done' || report.partial === true);

  if (c.expect.profiles) {
    if (!profiled) return { ...base, ran, seconds, outcome: 'failed', message: failure ?? `status ${report?.status}` };
    const reported = report.layers.map((l) => `${l.file ? path.relative(ws.root, l.file) : '?'}:${l.line ?? 0} ${l.className}`);
    const { right, missing, extra } = matchLines(c.expect.layers, reported);
    const exact = missing.length === 0 && extra.length === 0;
    const detail = exact ? (report.partial ? 'partial' : undefined) : `missing [${missing.join(', ')}] extra [${extra.join(', ')}]`;
    return { ...base, ran, seconds, outcome: exact ? 'correct' : 'wrong-lines', right, expected: c.expect.layers.length, message: detail };
  }
  if (profiled) return { ...base, ran, seconds, outcome: 'unexpected-profile', message: `profiled ${report.layers.length} layers; expected: ${c.expect.why}` };
  const message = failure ?? `status ${report?.status}`;
  // Scored without the workspace's own path: its folder is the case's name, whose words may be the cause's
  // (batch 11's bite-…-tfjs-node-… case "named" tfjs-node through its path alone).
  const named = new RegExp(c.expect.cause, 'i').test(message.split(workspaceOf(c)).join('<workspace>'));
  return { ...base, ran, seconds, outcome: named ? 'cause-named' : 'cause-not-named', message };
}

function printResult(r: Result) {
  const lines = r.expected !== undefined ? `${r.right}/${r.expected}` : '';
  const cells = [r.name.padEnd(38), r.installed.padEnd(44), (r.ran ?? '').padEnd(18), r.outcome.padEnd(18), lines.padEnd(6), r.seconds !== undefined ? `${r.seconds.toFixed(0)} s`.padStart(5) : '     '];
  console.log(cells.join(' ') + (r.message ? `  ${oneLine(r.message, 220)}` : ''));
}

/** The per-case table for docs/realworld.md. */
export function markdownTable(results: Result[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = results.map((r) =>
    `| ${r.name} | ${r.installed || '(none)'} | ${r.ran ?? ''} | ${r.outcome} | ${r.expected !== undefined ? `${r.right}/${r.expected}` : ''} | ${cell(oneLine(r.message ?? '', 140))} |`,
  );
  return ['| case | installed tfjs | ran | outcome | lines | message |', '|---|---|---|---|---|---|', ...rows, '', ...summarize(results).map((l) => `**${l}**  `), ''].join('\n');
}

function byMajor(toRun: Result[]): string {
  const majors = [...new Set(toRun.map((r) => r.major ?? 'none'))].sort();
  return majors
    .map((m) => {
      const group = toRun.filter((r) => (r.major ?? 'none') === m);
      return `${m} ${group.filter((r) => r.outcome === 'correct').length}/${group.length}`;
    })
    .join(', ');
}

export function summarize(results: Result[]): string[] {
  const toRun = results.filter((r) => ['correct', 'wrong-lines', 'failed'].includes(r.outcome));
  const toFail = results.filter((r) => ['cause-named', 'cause-not-named', 'unexpected-profile'].includes(r.outcome));
  const skipped = results.filter((r) => r.outcome === 'skipped');
  const count = (xs: Result[], o: Outcome) => xs.filter((r) => r.outcome === o).length;
  const pct = (n: number, d: number) => (d ? ` (${((100 * n) / d).toFixed(0)} %)` : '');
  const correct = count(toRun, 'correct');
  const named = count(toFail, 'cause-named');
  return [
    `${correct}/${toRun.length} profiled with correct lines${pct(correct, toRun.length)}` +
      ` — ${count(toRun, 'wrong-lines')} with wrong lines, ${count(toRun, 'failed')} failed`,
    `${named}/${toFail.length} expected failures name their cause${pct(named, toFail.length)}` +
      (count(toFail, 'unexpected-profile') ? ` — ${count(toFail, 'unexpected-profile')} profiled although not expected to` : ''),
    ...(toRun.length ? [`by pinned tfjs (profiled with correct lines / expected to run): ${byMajor(toRun)}`] : []),
    ...(skipped.length ? [`${skipped.length} skipped (workspace not rebuilt): ${skipped.map((r) => r.name).join(', ')}`] : []),
  ];
}

/** Figures from a dist/ older than src/ describe code that is no longer there: say so before running. */
function warnIfStale() {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  if (newest(path.join(repoRoot, 'src')) > fs.statSync(cli).mtimeMs) {
    console.error('warning: src/ is newer than dist/cli.js: run `npm run build` (and `npm ci` after a rebase) first.');
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      case: { type: 'string', multiple: true },
      /** 1: the first batch (the code was fixed against it); 2 to 5 and 7 to 13: the later, blind ones. */
      batch: { type: 'string' },
      steps: { type: 'string', default: '2' },
      json: { type: 'string' },
      markdown: { type: 'string' },
      'no-rebuild': { type: 'boolean', default: false },
      cli: { type: 'string' },
    },
  });
  if (!fs.existsSync(cli)) {
    console.error(`${cli} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
  if (!values.cli) warnIfStale();
  const all = loadCorpus();
  const unknown = (values.case ?? []).filter((n) => !all.some((c) => c.name === n));
  if (unknown.length) {
    console.error(`unknown case(s): ${unknown.join(', ')}; cases: ${all.map((c) => c.name).join(', ')}`);
    process.exit(2);
  }
  const inBatch = (c: Case) => !values.batch || String(c.batch ?? 1) === values.batch;
  const cases = all.filter((c) => (!values.case || values.case.includes(c.name)) && inBatch(c));
  console.log(['case'.padEnd(38), 'installed tfjs packages'.padEnd(44), 'ran (tfjs backend)'.padEnd(18), 'outcome'.padEnd(18), 'lines'.padEnd(6), ' time'].join(' '));
  const results: Result[] = [];
  for (const c of cases) {
    const r = await runCase(c, Number(values.steps), !values['no-rebuild'], values.cli ? path.resolve(values.cli) : cli);
    printResult(r);
    results.push(r);
  }
  console.log('');
  for (const line of summarize(results)) console.log(line);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
  if (values.markdown) fs.writeFileSync(values.markdown, markdownTable(results));
}

if (require.main === module) void main();

