// What learning-rate-low's plan-reach runs (src/runner/planReach.ts) measure and cost on each case: the rows and steps they
// ran, each run's first and last loss beside the uninformed guess, a run the budget stopped, the time from the first
// "Plan at" phase to the message after the last run, the whole profile's time, and the learning-rate-low verdict.
// Wide nets are the point (held-out 12's jax1573-* 1,024-wide MNIST nets): read the times as ratios at the load printed.
//   npm run build && node --import tsx bench/diagnosis/planReachCost.ts --filter REGEX [--repeat N] [--root DIR]
// --root: another checkout's dist/ (a side-by-side before/after at one load); --timeout: the run's limit in s (600).
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startProfile } from '../../src/host/client';
import type { RunnerMessage } from '../../src/core/protocol';
import { listCases } from './labels';

const ROOT = path.resolve(__dirname, '..', '..');
const { values } = parseArgs({ options: { filter: { type: 'string' }, repeat: { type: 'string', default: '1' }, root: { type: 'string' }, timeout: { type: 'string', default: '600' } } });
const pattern = new RegExp(values.filter ?? '.');
const cases = listCases(path.join(__dirname, 'cases')).filter((c) => pattern.test(c.id));
const runner = path.join(path.resolve(values.root ?? ROOT), 'dist', 'runner.js');
const fmt = (x: number | undefined) => (x === undefined ? '—' : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(2));

async function once(file: string): Promise<string> {
  const stamps: { at: number; message: RunnerMessage }[] = [];
  const started = Date.now();
  const load = os.loadavg()[0];
  const run = startProfile({ file, steps: 20, backend: 'wasm' }, { runnerPath: runner, timeoutMs: Number(values.timeout) * 1000 }, (message) => stamps.push({ at: Date.now(), message }));
  const report = await run.result.catch((error: unknown) => ({ findings: [], probeStops: [], error: String(error) }));
  const first = stamps.findIndex((s) => s.message.type === 'phase' && /^Plan at/.test(s.message.message));
  const reach = stamps.filter((s): s is { at: number; message: Extract<RunnerMessage, { type: 'probe' }> } => s.message.type === 'probe' && s.message.kind === 'reach');
  const stop = stamps.find((s) => s.message.type === 'probeStop' && s.message.probe === 'plan' && /ten times/.test(s.message.check));
  const end = stop ?? reach[reach.length - 1];
  const phase = first >= 0 ? (stamps[first].message as { message: string }).message : '';
  const runs = reach.map(({ message: m }) => `×${m.factor}: ${fmt(m.losses[0])} → ${fmt(m.losses[m.losses.length - 1])} (guess ${fmt(m.baseline)}${m.rows !== undefined ? `, ${m.rows} rows` : ''})`);
  const stopText = stop && stop.message.type === 'probeStop' ? `stopped ${stop.message.steps}/${stop.message.plannedSteps} steps` : '';
  const low = ('findings' in report ? report.findings : []).filter((f) => f.code === 'learning-rate-low').map((f) => `${f.severity}${/script's plan/.test(f.message) ? ' (plan runs)' : ' (profiled steps)'}`);
  const cost = first >= 0 && end ? `${((end.at - stamps[first].at) / 1000).toFixed(1)} s` : '—';
  return `profile ${((Date.now() - started) / 1000).toFixed(0)} s (load ${load.toFixed(0)}), plan runs ${cost}${phase ? ` [${phase}]` : ' [not run]'} ${runs.join('; ')} ${stopText} | learning-rate-low: ${low.join(', ') || 'none'}`;
}

async function main() {
  for (const c of cases) for (let i = 0; i < Number(values.repeat); i++) console.log(`${c.id.padEnd(26)} ${await once(c.file)}`);
}

void main();
