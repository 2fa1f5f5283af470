// Closed form: a single linear dense layer with MSE. loss = 1/(N·K) Σ (XW + b − Y)², so
// ∂loss/∂W = 2/(N·K) · Xᵀ(XW + b − Y) and ∂loss/∂b = 2/(N·K) · Σ_rows (XW + b − Y), computed here in
// float64 and compared with what the engine reports (relative error ≤ 1e-5), at step 0 and — after one
// SGD step W ← W − lr·∂W — at step 1. On every backend the runner offers here (cpu, wasm).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixture, lineOf, profileOk } from './helpers';

type M = number[][];
const data = JSON.parse(fs.readFileSync(fixture('closed', 'data.json'), 'utf8')) as { X: M; Y: M; W: M; b: number[]; lr: number };

const matmul = (a: M, b: M): M => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const transpose = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));
const norm = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

function closedForm(X: M, Y: M, W: M, b: number[] | undefined) {
  const N = X.length;
  const K = Y[0].length;
  const residual = matmul(X, W).map((row, i) => row.map((v, j) => v + (b?.[j] ?? 0) - Y[i][j]));
  const gW = matmul(transpose(X), residual).map((row) => row.map((v) => (2 / (N * K)) * v));
  const gb = b && residual[0].map((_, j) => (2 / (N * K)) * residual.reduce((s, row) => s + row[j], 0));
  const loss = residual.flat().reduce((s, r) => s + r * r, 0) / (N * K);
  return { gW, gb, loss };
}

const relErr = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`closed form on ${backend}`, () => {
    test('dense with bias: kernel and bias gradient norms, loss, and the SGD step', async () => {
      const file = fixture('closed', 'dense-bias.js');
      const { report } = await profileOk(file, { steps: 1, backend });
      assert.equal(report.backend, backend);
      assert.equal(report.dataSource, 'sampleBatch');
      const [l] = report.layers;
      assert.equal(l.line, lineOf(file, 'L:dense'));
      const [kernel, bias] = l.weights;
      assert.deepEqual(kernel.shape, [3, 2]);
      const s0 = closedForm(data.X, data.Y, data.W, data.b);
      assert.ok(relErr(kernel.gradNorm, norm(s0.gW.flat())) <= 1e-5, `kernel ‖g‖ ${kernel.gradNorm} vs ${norm(s0.gW.flat())}`);
      assert.ok(relErr(bias.gradNorm, norm(s0.gb!)) <= 1e-5, `bias ‖g‖ ${bias.gradNorm} vs ${norm(s0.gb!)}`);
      assert.ok(relErr(l.gradNorm, norm([...s0.gW.flat(), ...s0.gb!])) <= 1e-5);
      assert.ok(relErr(report.steps[0].loss, s0.loss) <= 1e-5, `loss ${report.steps[0].loss} vs ${s0.loss}`);
      // Other statistics of the kernel gradient.
      const abs = s0.gW.flat().map(Math.abs);
      assert.ok(relErr(kernel.stats.maxAbs, Math.max(...abs)) <= 1e-5);
      assert.ok(relErr(kernel.stats.meanAbs, abs.reduce((a, v) => a + v, 0) / abs.length) <= 1e-5);
      assert.ok(relErr(kernel.stats.weightNorm, norm(data.W.flat())) <= 1e-6);
      assert.ok(relErr(kernel.stats.ratio, norm(s0.gW.flat()) / norm(data.W.flat())) <= 1e-5);
      // Step 1: after one SGD step with lr from the fixture.
      const W1 = data.W.map((row, i) => row.map((w, j) => w - data.lr * s0.gW[i][j]));
      const b1 = data.b.map((v, j) => v - data.lr * s0.gb![j]);
      const s1 = closedForm(data.X, data.Y, W1, b1);
      assert.deepEqual(kernel.steps.map((s) => s.step), [0, 1]);
      assert.ok(relErr(kernel.steps[1].gradNorm, norm(s1.gW.flat())) <= 1e-5, `step-1 kernel ‖g‖ ${kernel.steps[1].gradNorm} vs ${norm(s1.gW.flat())}`);
      assert.ok(relErr(bias.steps[1].gradNorm, norm(s1.gb!)) <= 1e-5);
      assert.ok(relErr(report.steps[1].loss, s1.loss) <= 1e-5);
    });

    test('dense without bias, one output', async () => {
      const file = fixture('closed', 'dense-nobias.js');
      const { report } = await profileOk(file, { steps: 0, backend });
      const [l] = report.layers;
      assert.equal(l.weights.length, 1);
      const W = data.W.map((row) => [row[0]]);
      const Y = data.Y.map((row) => [row[0]]);
      const { gW, loss } = closedForm(data.X, Y, W, undefined);
      assert.ok(relErr(l.weights[0].gradNorm, norm(gW.flat())) <= 1e-5, `kernel ‖g‖ ${l.weights[0].gradNorm} vs ${norm(gW.flat())}`);
      assert.ok(relErr(report.steps[0].loss, loss) <= 1e-5);
    });
  });
}
