// Warm re-profile (RunnerPool: Node, tfjs and the backend already loaded; the module loaded fresh) vs a
// cold profile (new process), same file, same backend, interleaved. Prints medians and the ratio.
import * as path from 'node:path';
import { startProfile } from '../src/host/client';
import { RunnerPool } from '../src/host/runnerPool';
import type { ProfileRequest } from '../src/core/protocol';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const [file, steps = '0', runs = '5', backend = 'wasm'] = process.argv.slice(2);
  const options = { runnerPath: path.resolve('dist/runner.js'), extensionRoot: path.resolve('.') };
  const request: ProfileRequest = { file: path.resolve(file), steps: Number(steps), backend: backend as ProfileRequest['backend'] };
  const pool = new RunnerPool(options);
  pool.prepare(request.file, request.backend);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < Number(runs); i++) {
    await sleep(1500); // let the warm runner finish preparing, as it has while the user edits
    let t = performance.now();
    const w = await pool.profile(request).result;
    warm.push(performance.now() - t);
    t = performance.now();
    const c = await startProfile(request, options).result;
    cold.push(performance.now() - t);
    if (w.status !== 'done' || c.status !== 'done') throw new Error(`profile failed: ${w.error?.message ?? c.error?.message}`);
  }
  pool.dispose();
  console.log(JSON.stringify({ file, steps: Number(steps), backend, coldMs: median(cold), warmMs: median(warm), ratio: median(warm) / median(cold) }));
}
void main();
