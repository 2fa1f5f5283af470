// The host's memory over a long watched run: test/fixtures/runner/watch/many-steps.js (10,000 optimizer
// steps, a finding near the end) through the host client, the host's heap measured (after a full GC)
// when the run reaches 1,000 steps and at its end, with the sizes of what it holds.
//   npm run build && node --expose-gc --import tsx bench/watchMemory.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWatch } from '../src/host/client';
import { WATCH_DEFAULTS } from '../src/core/defaults';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function main(): Promise<void> {
  const runFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-watch-memory-')), 'run.jsonl');
  const before = heapMb();
  let at1000: number | undefined;
  const run = startWatch(
    { file: path.resolve('test/fixtures/runner/watch/many-steps.js'), backend: 'auto', every: WATCH_DEFAULTS.every },
    { runnerPath: path.resolve('dist/runner.js'), runFile },
    () => undefined,
  );
  const poll = setInterval(() => {
    if (at1000 === undefined && run.report.stepCount >= 1000) at1000 = heapMb();
  }, 20);
  const report = await run.result;
  clearInterval(poll);
  const after = heapMb();
  console.log(`watch memory: ${report.stepCount} steps (${report.status}), ${report.findings.length} findings, ${report.timeline.length} timeline points (max ${WATCH_DEFAULTS.maxTimelinePoints}), ${report.samples.length} samples, ${report.epochs.length} epochs`);
  console.log(`host heap: before ${before.toFixed(1)} MB, at 1,000 steps ${at1000?.toFixed(1) ?? '?'} MB, at ${report.stepCount} steps ${after.toFixed(1)} MB`);
  console.log(`report as JSON ${(JSON.stringify(report).length / 1024).toFixed(0)} KB; run file ${(fs.statSync(runFile).size / 2 ** 20).toFixed(1)} MB (every step, on disk)`);
}

void main();
