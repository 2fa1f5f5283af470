// Verdicts from evidence over the profiled steps, on real models (test/fixtures/runner/verdicts): each
// case the issue names must fire on its fixture, its near miss must stay quiet (no warning or error).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, layer, lineOf, profileEach } from './helpers';
import type { ProfileReport } from '../../src/core/report';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['l2-sigmoid.js', 'tanh-unscaled.js', 'zero-output.js', 'tiny-linreg.js', 'std1-weights.js', 'mse-softmax.js', 'ce-relu.js', 'oscillating.js', 'fitted-batch.js', 'bn-dropout-raw.js', 'bn-dropout-frozen.js'];
const outcome = profileEach(FILES, FIX, (f) => ({ steps: 20, backend: 'wasm', overfitBatch: f === 'zero-output.js' || f === 'std1-weights.js' }));
const serious = (r: ProfileReport) => r.findings.filter((f) => f.severity !== 'info');
const summary = (r: ProfileReport) => r.findings.map((f) => `${f.code}:${f.severity}:${f.layer ?? '-'}`).join(', ');

test('L2 + 12 sigmoid layers: vanishing found on the data gradient, penalty gradient reported beside it', async () => {
  const { report } = await outcome('l2-sigmoid.js');
  const vanishing = report.findings.filter((f) => f.code === 'vanishing');
  assert.equal(vanishing.length, 1, summary(report));
  assert.equal(vanishing[0].severity, 'warning');
  assert.equal(vanishing[0].layer, 'sig0');
  assert.equal(vanishing[0].line, lineOf(FIX('l2-sigmoid.js'), 'L:first'));
  assert.match(vanishing[0].message, /sigmoid layers at lines \d+, \d+: the data loss's ‖g‖ shrinks ×0\.\d+ per layer/);
  assert.match(vanishing[0].message, /regularization penalty's gradient is/);
  assert.ok((vanishing[0].related?.length ?? 0) >= 3, 'the other layers of the stack are related locations');
  const first = layer(report, 'sig0').steps[0];
  assert.ok(first.gradNorm < 1e-6, `data ‖g‖ at sig0 = ${first.gradNorm}`);
  assert.ok(first.regGradNorm! > 1e-2, `penalty ‖g‖ at sig0 = ${first.regGradNorm}`);
  // The report's loss is data + penalty, as fit() reports it.
  assert.ok(report.steps[0].regLoss! > 0 && report.steps[0].regLoss! < report.steps[0].loss);
  for (const l of ['sig1', 'sig2']) assert.deepEqual(layer(report, l).verdicts, ['vanishing']);
});

test('a batch fitted to a loss of ~0 (every layer’s gradient collapses with it, the logits layer’s too): no vanishing — the L2 sigmoid stack above is the near miss', async () => {
  const { report } = await outcome('fitted-batch.js');
  assert.deepEqual(serious(report), [], summary(report));
  assert.ok(!report.findings.some((f) => f.code === 'vanishing'), summary(report));
  const last = report.steps[report.steps.length - 1].loss;
  assert.ok(last <= 1e-3 * report.steps[0].loss, `loss ${report.steps[0].loss} → ${last}`);
  // What the rule used to read as vanishing: the logits layer's own gradient is gone too.
  const logits = layer(report, 'logits').steps;
  assert.ok(logits[logits.length - 1].gradNorm < 1e-4 * logits[0].gradNorm, `logits ‖g‖ ${logits[0].gradNorm} → ${logits[logits.length - 1].gradNorm}`);
});

test('BatchNormalization on raw columns + dropout: the noise-free curve (training-mode statistics, dropout off) falls and nothing warns; at rate 0 it is flat to the digit and loss-not-decreasing fires', async () => {
  const { report } = await outcome('bn-dropout-raw.js');
  assert.deepEqual(serious(report), [], summary(report));
  const evals = report.steps.map((s) => s.evalLoss!);
  assert.ok(evals.every(Number.isFinite) && evals[evals.length - 1] < 0.8 * evals[0], `evalLoss ${evals[0]} → ${evals[evals.length - 1]}`);
  const frozen = (await outcome('bn-dropout-frozen.js')).report;
  const flat = frozen.steps.map((s) => s.evalLoss!);
  assert.equal(Math.max(...flat) - Math.min(...flat), 0, `evalLoss at rate 0: ${flat.slice(0, 5).join(', ')}…`);
  const stuck = frozen.findings.find((f) => f.code === 'loss-not-decreasing');
  assert.equal(stuck?.severity, 'warning', summary(frozen));
  assert.match(stuck!.message, /stuck/);
});

test('tanh on unscaled inputs that trains: no warning', async () => {
  const { report } = await outcome('tanh-unscaled.js');
  assert.deepEqual(serious(report), [], summary(report));
  assert.ok(report.steps[20].loss < 0.5 * report.steps[0].loss, `loss ${report.steps[0].loss} → ${report.steps[20].loss}`);
});

test('zero-initialised output layer: no vanishing; initial loss exactly ln 10; overfit one batch passes', async () => {
  const { report } = await outcome('zero-output.js');
  assert.deepEqual(serious(report), [], summary(report));
  assert.ok(!report.findings.some((f) => f.code === 'vanishing'), summary(report));
  assert.equal(layer(report, 'h1').gradNorm, 0, 'every gradient below the zero layer is exactly 0 at step 0');
  assert.ok(layer(report, 'h1').steps[20].gradNorm > 0);
  // Zero logits → uniform softmax over 10 classes: the loss at step 0 is ln 10 (closed form).
  assert.ok(Math.abs(report.steps[0].loss - Math.log(10)) < 1e-5, `loss ${report.steps[0].loss}`);
  assert.equal(report.overfit?.batchSize, 8);
  assert.ok(report.overfit!.losses.length <= 201);
  assert.ok(Math.abs(report.overfit!.losses[0] - Math.log(10)) < 1e-5, 'the overfit check starts from the initial weights');
  assert.equal(report.findings.find((f) => f.code === 'overfit-batch')?.severity, 'info', summary(report));
});

test('tiny-weight linear regression that trains stably: not exploding at error level', async () => {
  const { report } = await outcome('tiny-linreg.js');
  assert.deepEqual(serious(report), [], summary(report));
  assert.ok(report.steps[20].loss < 0.05 * report.steps[0].loss, `loss ${report.steps[0].loss} → ${report.steps[20].loss}`);
});

test('every weight overwritten with std-1 values: saturated output at init, loss at the clip floor; overfit fails', async () => {
  const { report } = await outcome('std1-weights.js');
  const sat = report.findings.find((f) => f.code === 'saturated-output');
  assert.ok(sat, summary(report));
  assert.equal(sat.severity, 'warning');
  assert.equal(sat.line, lineOf(FIX('std1-weights.js'), 'L:out'));
  assert.match(sat.message, /expected ≈ 2\.3, ln 10 for 10 classes; a confidently wrong example costs 16, the clip floor/);
  assert.ok(report.steps[0].loss > 4 * Math.log(10), `loss ${report.steps[0].loss}`);
  const below = report.findings.find((f) => f.code === 'vanishing');
  if (below) assert.equal(below.cause?.layer, 'out', 'layers below point at the saturated output');
  assert.equal(report.findings.find((f) => f.code === 'overfit-batch')?.severity, 'warning', summary(report));
});

test('MSE on a 5-unit softmax output: output-activation on the compile() line (the loss is what to change), the output layer related', async () => {
  const { report } = await outcome('mse-softmax.js');
  const f = report.findings.find((x) => x.code === 'output-activation');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'warning');
  assert.equal(f.line, lineOf(FIX('mse-softmax.js'), 'L:compile'));
  assert.equal(f.related?.[0].line, lineOf(FIX('mse-softmax.js'), 'L:out'));
});

test('cross-entropy on a ReLU output giving NaN: reported as that cause, not non-finite + dead ReLU', async () => {
  const { report } = await outcome('ce-relu.js');
  assert.deepEqual(
    report.findings.map((f) => `${f.code}:${f.severity}:${f.layer}`),
    ['output-activation:error:out'],
  );
  assert.match(report.findings[0].message, /caused by the output activation: categoricalCrossentropy expects class probabilities but the output layer's activation is relu/);
});

test('heavy momentum on linear regression: oscillating loss', async () => {
  const { report } = await outcome('oscillating.js');
  const f = report.findings.find((x) => x.code === 'loss-oscillating');
  assert.ok(f, summary(report));
  assert.equal(f.severity, 'warning');
  assert.ok(!report.findings.some((x) => x.code === 'exploding' && x.severity === 'error'), summary(report));
});
