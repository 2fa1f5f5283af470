// Does the suggested learning rate train well? For each task of bench/lrRegret/tasks.js: the held-out loss
// after the task's epoch budget on a 13-point LR grid 1e-4…1 (cached in bench/lrRegret/grid.json, so later
// runs only train the suggestions), then `gradient-lens lr` on the task's training script and training at
// each suggestion computed on the same curves: ours (the default), fastai's valley, Lightning's steepest
// descent (per decade) and minimum/10. Figure: normalized regret (L(s) − L_best) / (L(1e-4) − L_best), per
// task and worst case (0 = as good as the best grid rate, 1 = no better than 1e-4; a suggestion may beat the
// grid: negative). Also the finder's wall time against one epoch of the task's training, in the same run.
// One training's held-out loss varies with its initial weights by as much as the gap between good and bad
// rates on some tasks: `--seeds N` trains ours and the grid rates that can be the best (regret < 0.5 on
// the cached 4 seeds, and 1e-4) on seeds 1…N (paired) and prints a 90 % bootstrap interval over the seeds.
//   npm run build && node --import tsx bench/lrRegret.ts [--tasks a,b] [--refresh-grid] [--finder-seeds 1,2]
//                  [--seeds 16] [--anchor-seeds 4] [--finder-args "--check-steps 100"] [--label NAME]
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseWithNonFinite } from '../src/core/protocol';
import { loadTfjs, type Tf } from '../src/runner/tfjsResolve';
import { cli, CLI, ROOT } from '../test/runner/helpers';
import { meanOver, regret, regretInterval, seedSpread, type SeedLosses } from './lrRegret/regret';
import { TASKS, trainAt } from './lrRegret/train';

const DIR = path.join(ROOT, 'bench', 'lrRegret');
const GRID_FILE = path.join(DIR, 'grid.json');
const OUT = path.join(ROOT, 'out', 'lrRegret');
/** Suggestions' trainings, kept between runs (same task, rate and seed give the same loss). */
const TRAINED_FILE = path.join(OUT, 'trained.json');
const GRID = Array.from({ length: 13 }, (_, k) => Number((10 ** (-4 + k / 3)).toPrecision(4)));
/** Every grid rate is trained from these initial-weight seeds (the grid's fingerprint). */
const GRID_SEEDS = [1, 2, 3, 4];
/** Grid rates this close to the best on GRID_SEEDS (and 1e-4) are trained on all --seeds: the best is among them. */
const CONTENDER_REGRET = 0.5;
const BACKEND = 'wasm';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string' },
    'refresh-grid': { type: 'boolean', default: false },
    'finder-seeds': { type: 'string', default: '1' },
    /** Seeds 1…N for ours and the grid's contenders. */
    seeds: { type: 'string', default: '4' },
    /** Seeds 1…M for the anchor rules (their regrets are far above the noise). */
    'anchor-seeds': { type: 'string', default: '4' },
    /** Extra arguments for `gradient-lens lr`, e.g. "--check-steps 100". */
    'finder-args': { type: 'string', default: '' },
    /** Names the finder's saved JSON (out/lrRegret/<task>-seed<k><label>.json). */
    label: { type: 'string', default: '' },
  },
});
const taskNames = values.tasks ? values.tasks.split(',') : Object.keys(TASKS);
const finderSeeds = values['finder-seeds'].split(',').map(Number);
const seedCount = Number(values.seeds);
const anchorSeedCount = Number(values['anchor-seeds']);
if (!(seedCount >= GRID_SEEDS.length) || !(anchorSeedCount >= 1 && anchorSeedCount <= GRID_SEEDS.length)) {
  throw new Error(`--seeds must be at least ${GRID_SEEDS.length} and --anchor-seeds 1…${GRID_SEEDS.length}`);
}

interface GridEntry {
  fingerprint: string;
  summary: string;
  backend: string;
  seeds: number[];
  /** Per grid LR: held-out loss per seed, index = seed − 1 (null = NaN/±Inf); contenders may have more than `seeds`. */
  points: { lr: number; losses: SeedLosses }[];
  epochMs: number;
}
type GridFile = Record<string, GridEntry>;

/** What the cached figures depend on: the task's definition and the grid settings. */
function fingerprint(name: string): string {
  const task = TASKS[name] as unknown as Record<string, unknown>;
  const parts = Object.keys(task).sort().map((key) => `${key}=${String(task[key])}`);
  return createHash('sha256').update(JSON.stringify({ parts, GRID, SEEDS: GRID_SEEDS, BACKEND })).digest('hex').slice(0, 16);
}

const saveGrid = (cache: GridFile) => fs.writeFileSync(GRID_FILE, `${JSON.stringify(cache, null, 1)}\n`);

/** Trains the missing seeds 1…count of `losses` (in place). */
async function fillSeeds(tf: Tf, name: string, lr: number, losses: SeedLosses, count: number, epochs?: number[]): Promise<boolean> {
  let trained = false;
  for (let seed = losses.length + 1; seed <= count; seed++) {
    const outcome = await trainAt(tf, name, lr, seed);
    losses.push(outcome.loss);
    epochs?.push(outcome.epochMs);
    trained = true;
  }
  return trained;
}

async function gridFor(tf: Tf, name: string, cache: GridFile): Promise<GridEntry> {
  const print = fingerprint(name);
  let entry = cache[name];
  if (!entry || entry.fingerprint !== print || values['refresh-grid']) {
    process.stderr.write(`${name}: training the grid (${GRID.length} rates × ${GRID_SEEDS.length} seeds)…\n`);
    const points: GridEntry['points'] = [];
    const epochs: number[] = [];
    for (const lr of GRID) {
      const losses: SeedLosses = [];
      await fillSeeds(tf, name, lr, losses, GRID_SEEDS.length, epochs);
      points.push({ lr, losses });
    }
    entry = { fingerprint: print, summary: TASKS[name].summary, backend: BACKEND, seeds: GRID_SEEDS, points, epochMs: median(epochs) };
    cache[name] = entry;
    saveGrid(cache);
  }
  for (const point of contenders(entry)) {
    if (point.losses.length >= seedCount) continue;
    process.stderr.write(`${name}: grid rate ${fmt(point.lr)} on seeds ${point.losses.length + 1}…${seedCount}\n`);
    await fillSeeds(tf, name, point.lr, point.losses, seedCount);
    saveGrid(cache);
  }
  return entry;
}

/** 1e-4 first, then the grid rates within CONTENDER_REGRET of the best on the grid's own seeds. */
function contenders(entry: GridEntry): GridEntry['points'] {
  const means = entry.points.map((p) => meanOver(p.losses, GRID_SEEDS.length));
  const best = Math.min(...means);
  return entry.points.filter((_, i) => i === 0 || (means[i] - best) / (means[0] - best) <= CONTENDER_REGRET);
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
const fmtInterval = ([low, high]: [number, number]) => `[${Number.isFinite(low) ? low.toFixed(2) : '∞'}, ${Number.isFinite(high) ? high.toFixed(2) : '∞'}]`;

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js missing: run `npm run build` first');
  const unknown = taskNames.filter((n) => !TASKS[n]);
  if (unknown.length) throw new Error(`unknown task(s) ${unknown.join(', ')}; known: ${Object.keys(TASKS).join(', ')}`);
  const { tf } = await loadTfjs(path.join(DIR, 'tasks.js'), ROOT, BACKEND);
  const cache: GridFile = fs.existsSync(GRID_FILE) ? JSON.parse(fs.readFileSync(GRID_FILE, 'utf8')) : {};
  fs.mkdirSync(OUT, { recursive: true });
  const trainedCache: Record<string, Record<string, SeedLosses>> = fs.existsSync(TRAINED_FILE) ? JSON.parse(fs.readFileSync(TRAINED_FILE, 'utf8')) : {};
  const worst: Record<Rule, number> = { ours: -Infinity, valley: -Infinity, steep: -Infinity, minimum: -Infinity, div10: -Infinity };
  const rows: string[] = [];
  const missing = new Set<Rule>();
  for (const name of taskNames) {
    const grid = await gridFor(tf, name, cache);
    const gridMeans = grid.points.map((p) => meanOver(p.losses, GRID_SEEDS.length));
    const rivals = contenders(grid);
    const rivalMeans = rivals.map((p) => meanOver(p.losses, seedCount));
    const bestRival = rivals[rivalMeans.indexOf(Math.min(...rivalMeans))];
    const scale = rivalMeans[0] - Math.min(...rivalMeans);
    /** Losses of `lr` on seeds 1…count, trained once per task, rate and seed across runs. */
    const lossesAt = async (lr: number, count: number): Promise<SeedLosses> => {
      const byRate = (trainedCache[name] ??= {});
      const losses = (byRate[String(lr)] ??= []);
      if (await fillSeeds(tf, name, lr, losses, count)) fs.writeFileSync(TRAINED_FILE, JSON.stringify(trainedCache));
      return losses;
    };
    console.log(`\n${name}: ${grid.summary}`);
    console.log(`  grid (mean of seeds 1-${GRID_SEEDS.length}): ${grid.points.map((p, i) => `${fmt(p.lr)} ${Number.isFinite(gridMeans[i]) ? gridMeans[i].toFixed(3) : 'NaN'}`).join(' · ')}`);
    console.log(
      `  on seeds 1-${seedCount}: ${rivals.map((p, i) => `${fmt(p.lr)} ${rivalMeans[i].toFixed(4)} (sd ${seedSpread(p.losses, seedCount, scale).toFixed(2)})`).join(' · ')}; best ${fmt(bestRival.lr)}; sd in regret units (one training's spread; the mean's is sd/√${seedCount})`,
    );
    for (const seed of finderSeeds) {
      const started = performance.now();
      const ran = await cli(['lr', path.join(DIR, 'scripts', `${name}.js`), '--json', '--backend', BACKEND, '--seed', String(seed), ...values['finder-args'].split(' ').filter(Boolean)]);
      const wallMs = performance.now() - started;
      if (ran.code === null || ran.code > 1) throw new Error(`gradient-lens lr failed on ${name} (exit ${ran.code}): ${ran.stderr}`);
      const report = parseWithNonFinite(ran.stdout) as FinderReport;
      // Kept for reading the rules offline (which candidate each short run preferred, the curves).
      fs.writeFileSync(path.join(OUT, `${name}-seed${seed}${values.label}.json`), ran.stdout);
      const lrs = ruleLrs(report);
      const epoch = await trainAt(tf, name, bestRival.lr, GRID_SEEDS[0]);
      const cells: string[] = [];
      for (const rule of RULES) {
        const lr = lrs[rule];
        let r: number | undefined;
        let interval = '';
        if (lr !== undefined) {
          const count = rule === 'ours' ? seedCount : anchorSeedCount;
          const input = { grid: rule === 'ours' ? rivals.map((p) => p.losses) : grid.points.map((p) => p.losses), suggestion: await lossesAt(lr, count), count };
          r = regret(input);
          interval = ` ${fmtInterval(regretInterval(input))}`;
          if (rule === 'ours') interval += ` sd ${seedSpread(input.suggestion, count, scale).toFixed(2)}`;
        }
        // No suggestion at all counts as the worst outcome for the anchors; ours says why instead (reported).
        if (r === undefined && rule !== 'ours') missing.add(rule);
        else if (r !== undefined) worst[rule] = Math.max(worst[rule], r);
        cells.push(`${fmt(lr)} → ${fmtRegret(r)}${interval}`);
      }
      const rec = report.recommendation;
      console.log(`  finder seed ${seed}: ${RULES.map((rule, i) => `${RULE_TITLES[rule]} ${cells[i]}`).join(' · ')}`);
      if (rec) console.log(`    ours: ${rec.confidence} confidence, ${rec.basis}: ${rec.why}`);
      console.log(`    divergence LR ${fmt(report.divergenceLr)}`);
      console.log(`    finder ${(report.durationMs / 1000).toFixed(1)} s in the runner (${(wallMs / 1000).toFixed(1)} s wall with process start) vs one epoch ${(epoch.epochMs / 1000).toFixed(2)} s: ${(report.durationMs / epoch.epochMs).toFixed(1)} epochs`);
      rows.push(`| ${name} | ${seed} | ${fmt(bestRival.lr)} | ${cells.join(' | ')} | ${(report.durationMs / 1000).toFixed(1)} s / ${(epoch.epochMs / 1000).toFixed(2)} s |`);
    }
  }
  console.log(`\nours on seeds 1-${seedCount}, the anchors on seeds 1-${anchorSeedCount}; [5 %, 95 %] bootstrap over the seeds`);
  console.log(`| task | finder seed | best grid LR | ${RULES.map((r) => RULE_TITLES[r]).join(' | ')} | finder / one epoch |`);
  console.log(`|---|---|---|${RULES.map(() => '---').join('|')}|---|`);
  for (const row of rows) console.log(row);
  console.log(`| **worst case** | | | ${RULES.map((r) => `**${fmtRegret(worst[r] === -Infinity ? undefined : worst[r])}**${missing.has(r) ? ' (no rate on a run)' : ''}`).join(' | ')} | |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
