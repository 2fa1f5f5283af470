// Does the suggested learning rate train well? For each task of bench/lrRegret/tasks.js: the held-out loss
// after the task's epoch budget on a 13-point LR grid 1e-4…1 (cached in bench/lrRegret/grid.json, so later
// runs only train the suggestions), then `gradient-lens lr` on the task's training script and training at
// each suggestion computed on the same curves: ours (the default), fastai's valley, Lightning's steepest
// descent (per decade) and minimum/10. Figure: normalized regret (L(s) − L_best) / (L(1e-4) − L_best), per
// task and worst case (0 = as good as the best grid rate, 1 = no better than 1e-4; a suggestion may beat the
// grid: negative). Also the finder's wall time against one epoch of the task's training, in the same run.
//   npm run build && node --import tsx bench/lrRegret.ts [--tasks a,b] [--refresh-grid] [--finder-seeds 1,2]
//                                                     [--finder-args "--check-steps 100"]
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithNonFinite } from '../src/core/protocol';
import { loadTfjs, type Tf } from '../src/runner/tfjsResolve';
import { cli, CLI, ROOT } from '../test/runner/helpers';
import { TASKS, trainAt } from './lrRegret/train';

const DIR = path.join(ROOT, 'bench', 'lrRegret');
const GRID_FILE = path.join(DIR, 'grid.json');
const GRID = Array.from({ length: 13 }, (_, k) => Number((10 ** (-4 + k / 3)).toPrecision(4)));
/** Every rate is trained from these initial-weight seeds; the held-out loss is their mean. */
const SEEDS = [1, 2, 3, 4];
const BACKEND = 'wasm';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string' },
    'refresh-grid': { type: 'boolean', default: false },
    'finder-seeds': { type: 'string', default: '1' },
    /** Extra arguments for `gradient-lens lr`, e.g. "--check-steps 100". */
    'finder-args': { type: 'string', default: '' },
  },
});
const taskNames = values.tasks ? values.tasks.split(',') : Object.keys(TASKS);
const finderSeeds = values['finder-seeds'].split(',').map(Number);

interface GridEntry {
  fingerprint: string;
  summary: string;
  backend: string;
  seeds: number[];
  /** Per grid LR: held-out loss per seed (null = NaN/±Inf). */
  points: { lr: number; losses: (number | null)[] }[];
  epochMs: number;
}
type GridFile = Record<string, GridEntry>;

/** What the cached figures depend on: the task's definition and the grid settings. */
function fingerprint(name: string): string {
  const task = TASKS[name] as unknown as Record<string, unknown>;
  const parts = Object.keys(task).sort().map((key) => `${key}=${String(task[key])}`);
  return createHash('sha256').update(JSON.stringify({ parts, GRID, SEEDS, BACKEND })).digest('hex').slice(0, 16);
}

/** Mean held-out loss over the seeds; Infinity when any seed diverged. */
const meanLoss = (losses: (number | null)[]) => (losses.some((l) => l === null) ? Infinity : (losses as number[]).reduce((a, b) => a + b, 0) / losses.length);

async function gridFor(tf: Tf, name: string, cache: GridFile): Promise<GridEntry> {
  const print = fingerprint(name);
  const cached = cache[name];
  if (cached && cached.fingerprint === print && !values['refresh-grid']) return cached;
  process.stderr.write(`${name}: training the grid (${GRID.length} rates × ${SEEDS.length} seeds)…\n`);
  const points: GridEntry['points'] = [];
  const epochs: number[] = [];
  for (const lr of GRID) {
    const losses: (number | null)[] = [];
    for (const seed of SEEDS) {
      const outcome = await trainAt(tf, name, lr, seed);
      losses.push(outcome.loss);
      epochs.push(outcome.epochMs);
    }
    points.push({ lr, losses });
  }
  const entry: GridEntry = { fingerprint: print, summary: TASKS[name].summary, backend: BACKEND, seeds: SEEDS, points, epochMs: median(epochs) };
  cache[name] = entry;
  fs.writeFileSync(GRID_FILE, `${JSON.stringify(cache, null, 1)}\n`);
  return entry;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface FinderReport {
  suggestions: Partial<Record<'steep' | 'valley' | 'minimum' | 'slide', { lr: number }>>;
  recommendation?: { lr?: number; confidence?: string; basis?: string; why?: string };
  divergenceLr?: number;
  durationMs: number;
}

const RULES = ['ours', 'valley', 'steep', 'minimum', 'div10'] as const;
type Rule = (typeof RULES)[number];
const RULE_TITLES: Record<Rule, string> = { ours: 'ours (default)', valley: "fastai's valley", steep: "Lightning's steepest", minimum: 'minimum/10', div10: 'divergence/10 (unchecked)' };

/** Each rule's LR from the finder's JSON; ours is the recommendation, or the default (valley) before there was one. */
function ruleLrs(report: FinderReport): Record<Rule, number | undefined> {
  const ours = report.recommendation ? report.recommendation.lr : report.suggestions.valley?.lr;
  const div10 = report.divergenceLr === undefined ? undefined : report.divergenceLr / 10;
  return { ours, valley: report.suggestions.valley?.lr, steep: report.suggestions.steep?.lr, minimum: report.suggestions.minimum?.lr, div10 };
}

const fmt = (lr: number | undefined) => (lr === undefined ? '—' : lr.toExponential(1));
const fmtRegret = (r: number | undefined) => (r === undefined ? 'none' : Number.isFinite(r) ? r.toFixed(3) : 'diverged');

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js missing: run `npm run build` first');
  const unknown = taskNames.filter((n) => !TASKS[n]);
  if (unknown.length) throw new Error(`unknown task(s) ${unknown.join(', ')}; known: ${Object.keys(TASKS).join(', ')}`);
  const { tf } = await loadTfjs(path.join(DIR, 'tasks.js'), ROOT, BACKEND);
  const cache: GridFile = fs.existsSync(GRID_FILE) ? JSON.parse(fs.readFileSync(GRID_FILE, 'utf8')) : {};
  const worst: Record<Rule, number> = { ours: -Infinity, valley: -Infinity, steep: -Infinity, minimum: -Infinity, div10: -Infinity };
  const rows: string[] = [];
  for (const name of taskNames) {
    const grid = await gridFor(tf, name, cache);
    const losses = grid.points.map((p) => meanLoss(p.losses));
    const bestIndex = losses.indexOf(Math.min(...losses));
    const best = losses[bestIndex];
    const atStart = losses[0];
    const regret = (loss: number) => (Number.isFinite(loss) ? (loss - best) / (atStart - best) : Infinity);
    const trained = new Map<number, number>();
    const lossAt = async (lr: number) => {
      if (!trained.has(lr)) {
        const outcomes = [];
        for (const seed of SEEDS) outcomes.push(await trainAt(tf, name, lr, seed));
        trained.set(lr, meanLoss(outcomes.map((o) => o.loss)));
      }
      return trained.get(lr)!;
    };
    console.log(`\n${name}: ${grid.summary}`);
    console.log(`  grid: ${grid.points.map((p, i) => `${fmt(p.lr)} ${Number.isFinite(losses[i]) ? losses[i].toFixed(3) : 'NaN'}`).join(' · ')}`);
    console.log(`  best ${fmt(grid.points[bestIndex].lr)} (${best.toFixed(4)}), at 1e-4 ${atStart.toFixed(4)}; one epoch ${grid.epochMs.toFixed(0)} ms (cached grid)`);
    for (const seed of finderSeeds) {
      const started = performance.now();
      const ran = await cli(['lr', path.join(DIR, 'scripts', `${name}.js`), '--json', '--backend', BACKEND, '--seed', String(seed), ...values['finder-args'].split(' ').filter(Boolean)]);
      const wallMs = performance.now() - started;
      if (ran.code === null || ran.code > 1) throw new Error(`gradient-lens lr failed on ${name} (exit ${ran.code}): ${ran.stderr}`);
      const report = parseWithNonFinite(ran.stdout) as FinderReport;
      // Kept for reading the rules offline (which candidate each short run preferred, the curves).
      fs.mkdirSync(path.join(ROOT, 'out', 'lrRegret'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'out', 'lrRegret', `${name}-seed${seed}.json`), ran.stdout);
      const lrs = ruleLrs(report);
      const epoch = await trainAt(tf, name, grid.points[bestIndex].lr, SEEDS[0]);
      const cells: string[] = [];
      for (const rule of RULES) {
        const lr = lrs[rule];
        const r = lr === undefined ? undefined : regret(await lossAt(lr));
        // No suggestion at all counts as the worst outcome for the anchors; ours says why instead (reported).
        worst[rule] = Math.max(worst[rule], r ?? (rule === 'ours' ? -Infinity : Infinity));
        cells.push(`${RULE_TITLES[rule]} ${fmt(lr)} → ${fmtRegret(r)}`);
      }
      const rec = report.recommendation;
      console.log(`  finder seed ${seed}: ${cells.join(' · ')}`);
      if (rec) console.log(`    ours: ${rec.confidence} confidence, ${rec.basis}: ${rec.why}`);
      console.log(`    divergence LR ${fmt(report.divergenceLr)}`);
      console.log(`    finder ${(report.durationMs / 1000).toFixed(1)} s in the runner (${(wallMs / 1000).toFixed(1)} s wall with process start) vs one epoch ${(epoch.epochMs / 1000).toFixed(2)} s: ${(report.durationMs / epoch.epochMs).toFixed(1)} epochs`);
      rows.push(`| ${name} | ${seed} | ${fmt(grid.points[bestIndex].lr)} | ${RULES.map((rule) => `${fmt(lrs[rule])} → ${fmtRegret(lrs[rule] === undefined ? undefined : regret(trained.get(lrs[rule]!)!))}`).join(' | ')} | ${(report.durationMs / 1000).toFixed(1)} s / ${(epoch.epochMs / 1000).toFixed(2)} s |`);
    }
  }
  console.log(`\n| task | finder seed | best grid LR | ${RULES.map((r) => RULE_TITLES[r]).join(' | ')} | finder / one epoch |`);
  console.log(`|---|---|---|${RULES.map(() => '---').join('|')}|---|`);
  for (const row of rows) console.log(row);
  console.log(`| **worst case** | | | ${RULES.map((r) => `**${fmtRegret(worst[r] === -Infinity ? undefined : worst[r])}**`).join(' | ')} | |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
