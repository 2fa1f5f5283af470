// A loss that is flat at the last planned step: the profile keeps stepping (up to 4× the planned steps)
// to tell a slow start on a plateau of small initial weights from a stall (src/core/plateau.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, pool, profileOk } from './helpers';

const FIX = (f: string) => fixture('verdicts', f);
const FILES = ['slow-start.js', 'stalled.js', 'batch1-sorted.js'];
const PLANS = [{ file: 'long-plan-plateau.js', scriptArgs: [] }, { file: 'long-plan-plateau.js', scriptArgs: ['20'] }];
const runs = pool(FILES, 2, (f) => profileOk(FIX(f), { steps: 20, backend: 'wasm' }));
const plans = pool(PLANS, 2, ({ file, scriptArgs }) => profileOk(FIX(file), { steps: 20, backend: 'wasm', scriptArgs }));

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

test('a flat start that the planned 1000 × 256 steps outlast at its pace: info naming the plan; the same with 20 epochs planned: stuck', async () => {
  const [long, short] = await plans;
  for (const { report } of [long, short]) {
    const losses = report.steps.map((s) => s.loss);
    assert.equal(report.steps.length, 81, 'still flat after 80 steps');
    const fell = (losses[0] - losses[80]) / losses[0];
    assert.ok(fell > 1e-4 && fell < 1e-3, `falls 0.01–0.1 % in 80 steps: ${losses[0]} → ${losses[80]}`);
  }
  const [info] = long.report.findings.filter((f) => f.code === 'loss-not-decreasing');
  assert.equal(info?.severity, 'info');
  assert.match(info.message, /^The loss starts flat: .* At this pace the 256,000 steps the script's training plans would take off all of it: a slow start/);
  assert.deepEqual(long.report.findings.filter((f) => f.severity !== 'info').map((f) => f.code), []);
  const [stuck] = short.report.findings.filter((f) => f.code === 'loss-not-decreasing');
  assert.equal(stuck?.severity, 'warning');
  assert.match(stuck.message, /^The loss is stuck: /);
});
