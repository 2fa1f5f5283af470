// What the scaling probe (src/runner/scaleProbe.ts) adds to a profile: for each case, the time from its
// "Scaling probe" phase to the next message, beside the profiled steps' own time ("Computing gradients" to the next
// phase) and the whole profile, measured in the same run (this machine is shared and noisy: read the ratios).
//   node --import tsx bench/diagnosis/scaleProbeCost.ts --filter REGEX [--repeat N]
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startProfile } from '../../src/host/client';
import type { RunnerMessage } from '../../src/core/protocol';
import { listCases } from './labels';

const ROOT = path.resolve(__dirname, '..', '..');
const { values } = parseArgs({ options: { filter: { type: 'string' }, repeat: { type: 'string', default: '1' } } });
const pattern = new RegExp(values.filter ?? '.');
// Never the blind sets: their cases are scored only by their own engineers.
const cases = listCases(path.join(__dirname, 'cases')).filter((c) => pattern.test(c.id) && c.set !== 'heldout8' && c.set !== 'heldout9' && c.set !== 'heldout10' && c.set !== 'heldout11' && c.set !== 'heldout12' && c.set !== 'heldout13' && c.set !== 'heldout14' && c.set !== 'heldout15' && c.set !== 'heldout16' && c.set !== 'heldout17' && c.set !== 'heldout18' && c.set !== 'heldout19' && c.set !== 'heldout20' && c.set !== 'heldout21');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function timed(file: string): Promise<{ total: number; steps?: number; probe?: number }> {
  const stamps: { at: number; message: RunnerMessage }[] = [];
  const started = Date.now();
  const run = startProfile({ file, steps: 20, backend: 'wasm' }, { runnerPath: path.join(ROOT, 'dist', 'runner.js'), timeoutMs: 180_000 }, (message) => stamps.push({ at: Date.now(), message }));
  await run.result;
  const after = (test: (m: RunnerMessage) => boolean) => {
    const i = stamps.findIndex((s) => test(s.message));
    return i >= 0 && i + 1 < stamps.length ? stamps[i + 1 + stamps.slice(i + 1).findIndex((s) => s.message.type === 'phase' || s.message.type === 'probe' || s.message.type === 'finding')].at - stamps[i].at : undefined;
  };
  const phase = (text: RegExp) => (m: RunnerMessage) => m.type === 'phase' && text.test(m.message);
  const stepsStart = stamps.find((s) => phase(/Computing gradients/)(s.message))?.at;
  const lastStep = [...stamps].reverse().find((s) => s.message.type === 'step')?.at;
  return { total: Date.now() - started, steps: stepsStart && lastStep ? lastStep - stepsStart : undefined, probe: after(phase(/Scaling probe/)) };
}

async function main() {
  const probes: number[] = [];
  const shares: number[] = [];
  for (const c of cases) {
    for (let i = 0; i < Number(values.repeat); i++) {
      const t = await timed(c.file);
      console.log(`${c.id.padEnd(28)} profile ${(t.total / 1000).toFixed(1)} s, profiled steps ${t.steps ? (t.steps / 1000).toFixed(2) : '—'} s, scaling probe ${t.probe !== undefined ? `${(t.probe / 1000).toFixed(2)} s (${((100 * t.probe) / t.total).toFixed(0)} % of the profile)` : 'not run'}`);
      if (t.probe !== undefined) {
        probes.push(t.probe);
        shares.push(t.probe / t.total);
      }
    }
  }
  if (probes.length) console.log(`\nscaling probe: median ${(median(probes) / 1000).toFixed(2)} s (${(100 * median(shares)).toFixed(0)} % of the profile), worst ${(Math.max(...probes) / 1000).toFixed(2)} s (${(100 * Math.max(...shares)).toFixed(0)} %) over ${probes.length} profiles`);
}

void main();
