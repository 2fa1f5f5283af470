// Closed form for the LR range test: linear regression y = Xw + noise, MSE, plain SGD. Gradient descent on
// this quadratic is unstable exactly above lr* = 2/λmax, λmax the largest eigenvalue of the Hessian
// (2/N)XᵀX, computed here in float64 by power iteration, independently of TensorFlow.js. The sweep's
// reported divergence LR must land within 2× of lr*, for two data sets whose λmax differ ~9×, on the
// default backend and on the native lane's tfjs-node (skipped visibly where the lane is not set up).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLrSweep } from '../../src/host/client';
import { assertGone, fixture, lineOf, RUNNER } from './helpers';
import { makeNativeWorkspace, NATIVE_SKIP } from './nativeLane';

interface Data {
  scales: number[];
  X: number[][];
  Y: number[][];
}

/** Largest eigenvalue of the symmetric positive semi-definite H, by power iteration to 1e-13 relative change. */
function largestEigenvalue(H: number[][]): number {
  let v = H.map((_, i) => 1 + i / 10);
  let lambda = 0;
  for (let k = 0; k < 10_000; k++) {
    const w = H.map((row) => row.reduce((sum, h, j) => sum + h * v[j], 0));
    const norm = Math.hypot(...w);
    v = w.map((x) => x / norm);
    if (Math.abs(norm - lambda) <= 1e-13 * norm) return norm;
    lambda = norm;
  }
  throw new Error('power iteration did not converge');
}

function hessianOfMse(X: number[][]): number[][] {
  const n = X.length;
  const d = X[0].length;
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (2 / n) * X.reduce((sum, row) => sum + row[i] * row[j], 0)));
}

const cases = ['well-conditioned', 'ill-conditioned'] as const;

function closedForm(name: string) {
  const data = JSON.parse(fs.readFileSync(fixture('lr', `${name}.json`), 'utf8')) as Data;
  const H = hessianOfMse(data.X);
  const lambdaMax = largestEigenvalue(H);
  return { H, lambdaMax, lrStar: 2 / lambdaMax };
}

/** Where each backend's copy of the scripts lives: the fixtures (auto: wasm here), and a native-lane workspace. */
const fixtureFiles = ['linear.js', ...cases.flatMap((c) => [`${c}.js`, `${c}.json`])].map((f) => fixture('lr', f));
const lanes: { backend: 'auto' | 'tensorflow'; dir: () => string | undefined }[] = [
  { backend: 'auto', dir: () => fixture('lr') },
  { backend: 'tensorflow', dir: () => makeNativeWorkspace(fixtureFiles) },
];

for (const lane of lanes) for (const name of cases) {
  test(`divergence LR within 2× of lr* = 2/λmax: ${name} X, backend ${lane.backend}`, async (t) => {
    const dir = lane.dir();
    if (!dir) return t.skip(NATIVE_SKIP);
    if (lane.backend === 'tensorflow') t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { H, lambdaMax, lrStar } = closedForm(name);
    // Rayleigh quotient bound: λmax is at least every diagonal entry (a sanity check of the iteration).
    assert.ok(H.every((row, i) => row[i] <= lambdaMax * (1 + 1e-12)));

    const run = startLrSweep(
      { file: path.join(dir, `${name}.js`), backend: lane.backend, startLr: 1e-7, endLr: 10, steps: 100, mode: 'exp', repeats: 3 },
      { runnerPath: RUNNER, timeoutMs: 120_000 },
    );
    const report = await run.result;
    await assertGone(run.pid);
    assert.equal(report.status, 'done', JSON.stringify(report.error));
    assert.equal(report.dataSource, 'fit');
    assert.equal(report.batchSize, 32);
    assert.equal(report.optimizer, 'SGD');
    if (lane.backend === 'tensorflow') assert.equal(report.backend, 'tensorflow');
    const result = report.result!;
    const perRepeat = report.points.map((points) => points.at(-1)!.lr);
    t.diagnostic(
      `${name}: λmax ${lambdaMax.toPrecision(6)}, lr* ${lrStar.toPrecision(4)}, divergenceLr ${result.divergenceLr?.toPrecision(4)} ` +
        `(${((result.divergenceLr ?? NaN) / lrStar).toFixed(2)}× lr*), stopped at ${perRepeat.map((lr) => lr.toPrecision(3)).join(', ')} (${result.reason}), ` +
        `valley ${result.suggestions.valley?.lr.toPrecision(3)}, backend ${report.backend}`,
    );
    assert.ok(result.divergenceLr !== undefined, 'the sweep diverged');
    assert.ok(result.divergenceLr >= lrStar / 2 && result.divergenceLr <= lrStar * 2, `divergenceLr ${result.divergenceLr} vs lr* ${lrStar}`);
    // It diverged because of the LR: every repeat's loss exploded only past lr*.
    for (const last of perRepeat) assert.ok(last > lrStar, `a repeat stopped at ${last}, below lr* ${lrStar}`);
    // A good LR lies below the divergence point.
    assert.ok(result.suggestions.valley && result.suggestions.valley.lr < result.divergenceLr);
    // The recommendation, chosen by short runs: a stable rate (below lr*, where gradient descent diverges)
    // that is not timid (within 1.5 decades of lr*), and one that lowered the held-out loss.
    const rec = result.recommendation!;
    t.diagnostic(`recommended ${rec.lr?.toPrecision(3)} (${((rec.lr ?? NaN) / lrStar).toFixed(3)}× lr*), ${rec.confidence}: ${rec.why}`);
    assert.equal(rec.basis, 'short-run');
    assert.ok(rec.lr !== undefined && rec.lr < lrStar && rec.lr > lrStar / 10 ** 1.5, `recommended ${rec.lr} vs lr* ${lrStar}`);
    // The best short run (the rate is that run's, or the fitted vertex within a quarter decade of it).
    const chosen = rec.checks!.filter((c) => c.loss !== null).sort((a, b) => a.loss! - b.loss!)[0];
    assert.ok(Math.abs(Math.log10(rec.lr / chosen.lr)) <= 0.25 + 1e-9, `recommended ${rec.lr}, best short run ${chosen.lr}`);
    assert.ok(chosen.loss! < rec.initialLoss! / 10, `held-out loss ${chosen.loss} from ${rec.initialLoss}`);
    for (const c of rec.checks!) if (c.lr > 1.2 * lrStar) assert.ok(c.loss === null || c.loss > rec.initialLoss!, `a short run at ${c.lr} > lr* should diverge, ended at ${c.loss}`);
    // Apply will edit the compile() that built the swept optimizer: the runner reports its line.
    const linear = path.join(dir, 'linear.js');
    assert.deepEqual({ file: report.compileLocation?.file, line: report.compileLocation?.line }, { file: linear, line: lineOf(linear, 'model.compile(') });
  });
}

test('the two data sets are differently conditioned (lr* differs by more than 5×)', () => {
  const [well, ill] = cases.map((c) => closedForm(c).lrStar);
  assert.ok(well / ill > 5, `lr* ${well} vs ${ill}`);
});
