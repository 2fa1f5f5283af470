// Outcome checks on the corpus cases that train: `watch` runs the project's own training to its end (or
// --max-steps), and `lr` recommends a rate, which is set beside the project's own compiled rate trained the
// same way (same short budget, initial weights, batch order and held-out rows: the report's ownRate). It
// prints where a recommendation would have left the model untrained. Not a test: it prints figures.
//   npm run build && node --import tsx bench/realworld/outcomes.ts [--case NAME]... [--max-steps 3000] [--json FILE]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, type Case } from './manifest';
import { ensureWorkspace } from './rebuild';

const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** Cases whose file trains a model on its own data (a script, a training entry, or a fit() export). */
export const TRAINING_CASES = [
  'cibis-boston-training-entry-csv',
  'dlmit-occupancy-csv-script-no-package-json',
  'antoine-ts-training-entry-circular',
  'openfpga-tfjs012-script',
  'resto-tiny-fit-no-package-json',
  'learn-tfjs-dice-train',
  'kereta-fitdataset-generator',
  'ermine-sizemb-entry',
  'fit-callback-export',
  // Batch 3 (the LSTM script is left out: one step of training, then 512 sequential predictions over 512-step inputs).
  'luvmusic-random-regression-script',
  'ajou-car-nonascii-path-no-package-json',
  // Batch 4: the one script that trains on data of its own (a GPU check fitting ones).
  'asg-cuda-tfjs-node-gpu2-script',
  // Batch 5: a word-level LSTM on a Dr. Seuss text, a 5-point linear regression (SGD 0.01), y = x² on 10,000 points.
  'wenjalan-nlg-lstm-text-script',
  'xuyaxiong-node-gpu-linear-regression-script',
  'inikolas-ts-esm-training-entry-dir-import',
];

/** A held-out loss within this share of the untrained one counts as "left untrained" (lrRecommend's LEARNED_DROP is 2 %). */
const UNTRAINED_SHARE = 0.05;

interface Outcome {
  name: string;
  watch: { status: string; steps?: number; first?: number; last?: number; findings: string[]; seconds: number; error?: string };
  lr: { status: string; why?: string; recommended?: number; confidence?: string; steps?: number; initial?: number; recommendedLoss?: number | null; own?: { lr: number; loss: number | null }; verdict: string; seconds: number; error?: string };
}

interface Recommendation {
  lr?: number;
  confidence?: string;
  why?: string;
  checks?: { lr: number; loss: number | null }[];
  checkSteps?: number;
  initialLoss?: number;
  ownRate?: { lr: number; loss: number | null };
}

/** The fields of `watch --json` and `lr --json` read here. */
interface CliDoc {
  status?: string;
  stepCount?: number;
  timeline?: { loss: number }[];
  findings?: { code: string; severity: string; step?: number }[];
  error?: { message: string };
  recommendation?: Recommendation;
}

function runJson(args: string[], cwd: string, timeoutMs: number): Promise<{ doc?: CliDoc; seconds: number; stderr: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [cli, ...args, '--json'], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      const start = stdout.indexOf('{\n');
      let doc: CliDoc | undefined;
      try {
        doc = start >= 0 ? (JSON.parse(stdout.slice(start)) as CliDoc) : undefined;
      } catch {
        doc = undefined;
      }
      resolve({ doc, seconds: (Date.now() - started) / 1000, stderr });
    });
  });
}

/** Whether the recommendation trains the model, and how it compares with the project's own rate. */
export function lrVerdict(initial: number | undefined, recommendedLoss: number | null | undefined, own: { loss: number | null } | undefined, recommended: number | undefined): string {
  if (recommended === undefined) return 'no rate recommended';
  if (initial === undefined || recommendedLoss === undefined) return 'unchecked (curve only)';
  if (recommendedLoss === null) return 'recommended rate diverged';
  const untrained = recommendedLoss > initial * (1 - UNTRAINED_SHARE);
  const vsOwn = own?.loss === undefined ? '' : own.loss === null ? '; own rate diverged' : `; own rate ${recommendedLoss <= own.loss ? 'no better' : `better (its loss ${(own.loss / recommendedLoss).toFixed(2)}× the recommended one)`}`;
  return `${untrained ? 'LEFT UNTRAINED' : 'trains'}${vsOwn}`;
}

async function measure(c: Case, maxSteps: number): Promise<Outcome> {
  const ws = ensureWorkspace(c);
  if (!ws.ok) throw new Error(`${c.name}: ${ws.reason}`);
  const extra = c.cliArgs ?? [];
  const w = await runJson(['watch', ws.file, '--max-steps', String(maxSteps), '--timeout', '600', ...extra], ws.root, 700_000);
  const timeline = w.doc?.timeline ?? [];
  const watch = {
    status: w.doc?.status ?? 'no report',
    steps: w.doc?.stepCount,
    first: timeline[0]?.loss,
    last: timeline[timeline.length - 1]?.loss,
    findings: (w.doc?.findings ?? []).map((f) => `${f.code}:${f.severity}${f.step !== undefined ? `@${f.step}` : ''}`),
    seconds: w.seconds,
    error: w.doc?.error?.message ?? (w.doc ? undefined : w.stderr.trim().split('\n').pop()),
  };
  const l = await runJson(['lr', ws.file, '--timeout', '900', ...extra], ws.root, 1_000_000);
  const rec = l.doc?.recommendation;
  // The recommended rate is the vertex of a parabola through the best runs: its outcome is the best run's.
  const best = rec?.checks?.filter((k) => k.loss !== null).sort((a, b) => a.loss! - b.loss!)[0];
  const lr = {
    status: l.doc?.status ?? 'no report',
    recommended: rec?.lr,
    why: rec?.lr === undefined ? rec?.why : undefined,
    confidence: rec?.confidence,
    steps: rec?.checkSteps,
    initial: rec?.initialLoss,
    recommendedLoss: best?.loss,
    own: rec?.ownRate,
    verdict: lrVerdict(rec?.initialLoss, best?.loss, rec?.ownRate, rec?.lr),
    seconds: l.seconds,
    error: l.doc?.error?.message ?? (l.doc ? undefined : l.stderr.trim().split('\n').pop()),
  };
  return { name: c.name, watch, lr };
}

const num = (x: number | null | undefined) => (x === undefined ? '–' : x === null ? 'diverged' : Number(x.toPrecision(3)).toString());

async function main() {
  const { values } = parseArgs({ options: { case: { type: 'string', multiple: true }, 'max-steps': { type: 'string', default: '3000' }, json: { type: 'string' } } });
  const names = values.case ?? TRAINING_CASES;
  const corpus = loadCorpus();
  const results: Outcome[] = [];
  for (const name of names) {
    const c = corpus.find((k) => k.name === name);
    if (!c) throw new Error(`unknown case ${name}`);
    const o = await measure(c, Number(values['max-steps']));
    results.push(o);
    const w = o.watch;
    const r = o.lr;
    console.log(`${name}\n  watch: ${w.status}, ${w.steps ?? '?'} steps, loss ${num(w.first)} → ${num(w.last)}, findings [${w.findings.join(', ')}], ${w.seconds.toFixed(0)} s${w.error ? ` — ${w.error.slice(0, 160)}` : ''}`);
    console.log(`  lr: ${r.status}, recommended ${num(r.recommended)} (${r.confidence ?? '–'}), held-out after ${r.steps ?? '?'} steps: untrained ${num(r.initial)}, recommended ${num(r.recommendedLoss)}, own ${r.own ? `${num(r.own.lr)} → ${num(r.own.loss)}` : '–'} — ${r.verdict}${r.why ? ` (${r.why.slice(0, 220)})` : ''}, ${r.seconds.toFixed(0)} s${r.error ? ` — ${r.error.slice(0, 160)}` : ''}`);
  }
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
}

if (require.main === module) void main();
