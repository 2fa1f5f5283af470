// A loss that is flat at the last planned step: the profile keeps stepping (up to 4× the planned steps)
// to tell a slow start on a plateau of small initial weights from a stall (src/core/plateau.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, pool, profileOk } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['slow-start.js', 'stalled.js', 'batch1-sorted.js'];
const runs = pool(FILES, 2, (f) => profileOk(FIX(f), { steps: 20, backend: 'wasm' }));

test('N(0, 0.05) kernels with Adam: flat for 20 steps, then falling — stepped on, no warning', async () => {
  const { report, messages } = (await runs)[0];
  const losses = report.steps.map((s) => s.loss);
  assert.ok((losses[0] - losses[20]) / losses[0] < 0.01, `flat at step 20: ${losses[0]} → ${losses[20]}`);
  assert.ok(report.steps.length > 21, `stepped on past 20 (took ${report.steps.length - 1})`);
  assert.ok(report.steps.length <= 81);
  assert.ok(losses.at(-1)! < losses[20], 'the loss falls in the extra steps');
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info').map((f) => f.code), []);
  assert.ok(messages.some((m) => m.type === 'phase' && m.message === 'The loss has not fallen in 20 steps: up to 80, to tell a slow start from a stall'));
});

test('learning rate 1e-7: still flat after 80 steps — stuck, said over 80 steps', async () => {
  const { report } = (await runs)[1];
  assert.equal(report.steps.length, 81);
  const stuck = report.findings.filter((f) => f.code === 'loss-not-decreasing');
  assert.equal(stuck.length, 1);
  assert.equal(stuck[0].severity, 'warning');
  assert.match(stuck[0].message, /^The loss is stuck: it stays at \S+ \(range \S+\) over 80 optimizer steps on the same batch\./);
});

test('a loss that falls within the planned steps: exactly those steps', async () => {
  const { report } = (await runs)[2];
  assert.equal(report.steps.length, 21);
});
