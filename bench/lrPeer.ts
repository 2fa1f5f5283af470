// Wall time of PyTorch Lightning's lr_find vs `gradient-lens lr` on the same MNIST MLP and 1024 digits
// (test/fixtures/runner/lr/mnist-mlp.js ↔ test/oracle/lightning_lr_find.py), same sweep (1e-7 → 10,
// 100 steps, batch 64): Lightning with 1 repeat, ours with 1 repeat (like for like) and with our default 3.
// Each figure is a whole process (start-up, imports, data, sweep) measured from here; CPU seconds (user+sys
// of the process tree, via /usr/bin/time) are printed too because the machine is shared and wall times are
// noisy. "in-process ms/step": ours = the runner's whole run (loading tfjs, the script and its digits, then
// the sweep) / steps; Lightning's = the lr_find call (after imports and data) / steps. Interleaved; medians.
//   node --import tsx bench/lrPeer.ts [--runs 3] [--backends wasm,tensorflow]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, ROOT } from '../test/runner/helpers';
import { makeNativeWorkspace } from '../test/runner/nativeLane';
import { exportDigits, LIGHTNING_SCRIPT, LR_FIXTURE_DIR, lightningEnv, lightningSkipReason, lrCliArgs, MNIST_MLP, VENV_PYTHON, type LightningResult, type Sweep } from '../test/runner/lightningPeer';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, backends: { type: 'string', default: 'wasm,tensorflow' } } });
const runs = Number(values.runs);
const SWEEP: Sweep = { start: 1e-7, end: 10, steps: 100, batch: 64, repeats: 1, seed: 1 };
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timed {
  wallS: number;
  cpuS: number;
  stdout: string;
}

/** Runs a command to completion; wall seconds from here, CPU seconds from /usr/bin/time (NaN without it). */
function timed(command: string, args: string[], env = process.env): Timed {
  const started = performance.now();
  const options = { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, env } as const;
  const r = TIME ? spawnSync(TIME, ['-f', 'GL_CPU %U %S', command, ...args], options) : spawnSync(command, args, options);
  const wallS = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const cpu = /GL_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wallS, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, stdout: r.stdout };
}

/** The model file for a backend: tensorflow needs a workspace holding the native lane's tfjs-node. */
function modelFor(backend: string): string | undefined {
  if (backend !== 'tensorflow') return MNIST_MLP;
  const ws = makeNativeWorkspace(path.join(ROOT, 'out', 'bench'), [MNIST_MLP, path.join(LR_FIXTURE_DIR, 'digits.js')]);
  return ws && path.join(ws, path.basename(MNIST_MLP));
}

interface Row {
  label: string;
  wall: number[];
  cpu: number[];
  msPerStep: number[];
  note: string;
}

function main() {
  const skip = lightningSkipReason();
  if (skip) throw new Error(skip);
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js missing: run `npm run build`');
  const dataDir = exportDigits();
  // torch's default (one thread per core) and one thread, like our wasm backend.
  const peers = [undefined, 1].map((threads) => ({
    threads,
    row: { label: `Lightning lr_find, 1 repeat, ${threads ?? 'default'} thr.`, wall: [], cpu: [], msPerStep: [], note: '' } as Row,
    lrFindOnly: [] as number[],
  }));
  const ours: Row[] = [];
  const targets: { row: Row; file: string; backend: string; repeats: number }[] = [];
  for (const backend of values.backends.split(',')) {
    const file = modelFor(backend);
    if (!file) {
      console.log(`${backend}: skipped (native lane not ready: bash scripts/setup-native-lane.sh)`);
      continue;
    }
    for (const repeats of [1, 3]) {
      const row: Row = { label: `gradient-lens lr ${backend}, ${repeats} repeat${repeats > 1 ? 's' : ''}`, wall: [], cpu: [], msPerStep: [], note: '' };
      ours.push(row);
      targets.push({ row, file, backend, repeats });
    }
  }
  try {
    for (let run = 0; run < runs; run++) {
      for (const { threads, row, lrFindOnly } of peers) {
        const args = [LIGHTNING_SCRIPT, dataDir, '--min-lr', String(SWEEP.start), '--max-lr', String(SWEEP.end), '--steps', String(SWEEP.steps), '--batch', String(SWEEP.batch), '--seed', String(SWEEP.seed + run)];
        const py = timed(VENV_PYTHON, args, lightningEnv(threads));
        const result = JSON.parse(py.stdout.trim().split('\n').pop() ?? '') as LightningResult;
        const sweep = result.runs[0];
        row.wall.push(py.wallS);
        row.cpu.push(py.cpuS);
        row.msPerStep.push((sweep.lrFindSeconds * 1000) / sweep.steps);
        lrFindOnly.push(sweep.lrFindSeconds);
        row.note = `torch ${result.versions.torch} (${result.threads} threads), Lightning ${result.versions.pytorch_lightning}; import ${result.importSeconds.toFixed(1)} s; ${sweep.steps} steps`;
      }
      for (const { row, file, backend, repeats } of targets) {
        const ran = timed(process.execPath, [CLI, ...lrCliArgs(file, { ...SWEEP, repeats, seed: SWEEP.seed + run }, backend)]);
        const report = JSON.parse(ran.stdout) as { backend: string; durationMs: number; totalSteps: number; reason: string };
        if (report.backend !== backend) throw new Error(`asked for ${backend}, ran on ${report.backend}`);
        row.wall.push(ran.wallS);
        row.cpu.push(ran.cpuS);
        row.msPerStep.push(report.durationMs / report.totalSteps);
        row.note = `${report.totalSteps} steps (${report.reason})`;
      }
      process.stderr.write(`run ${run + 1}/${runs} done\n`);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const [base, base1] = peers.map((p) => median(p.row.wall));
  console.log(`LR range test, MNIST MLP 784-64-10 (Adam), 1024 digits, batch 64, 1e-7 → 10 in ${SWEEP.steps} steps; medians of ${runs} runs (2 shared cores: noisy)`);
  console.log('                                        process wall   CPU (user+sys)   in-process ms/step   wall vs Lightning default thr. / 1 thr.');
  for (const row of [...peers.map((p) => p.row), ...ours]) {
    console.log(`${row.label.padEnd(40)}${median(row.wall).toFixed(1).padStart(9)} s ${median(row.cpu).toFixed(1).padStart(12)} s ${median(row.msPerStep).toFixed(1).padStart(12)}      ${(median(row.wall) / base).toFixed(2).padStart(6)} / ${(median(row.wall) / base1).toFixed(2)}   ${row.note}`);
  }
  for (const { row, lrFindOnly } of peers) console.log(`${row.label}: the lr_find call alone (after imports and data) ${median(lrFindOnly).toFixed(2)} s`);
}

main();
