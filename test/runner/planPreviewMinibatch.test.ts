// The plan preview for mini-batch SGD and momentum (src/core/plateau.ts planPreviewPlan): XOR under one-row steps from small
// weights sits on its saddle for the profile's 80 steps; an epoch of four one-row steps of a mean loss is four full-batch
// steps' worth of η·t, so the plan is previewed on the four rows — and the preview is skipped when the loss is a sum.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunnerMessage } from '../../src/core/protocol';
import { fixture, pool, profileOk } from './helpers';
import { PREVIEW_MAX_STEPS } from '../../src/core/plateau';

const FILE = fixture('verdicts', 'xor-minibatch-plateau.js');
const ARGS = [['sgd'], ['momentum'], ['sum'], ['short']];
// The preview's step count is the program's and its budget charged time (src/runner/probePace.ts): on a busy machine it
// takes longer on the wall clock, not fewer steps, so the harness's wall-clock limit is raised past the helpers' 60 s — what is asserted is the behaviour.
const runs = pool(ARGS, 2, (scriptArgs) => profileOk(FILE, { steps: 20, backend: 'wasm', scriptArgs }, { timeoutMs: 300_000 }));

type Outcome = Awaited<typeof runs>[number];
const notDecreasing = ({ report }: Outcome) => report.findings.filter((f) => f.code === 'loss-not-decreasing');
const planProbe = ({ messages }: Outcome) => messages.find((m): m is Extract<RunnerMessage, { type: 'probe' }> => m.type === 'probe' && m.kind === 'plan');
const previewPhase = ({ messages }: Outcome) => messages.find((m) => m.type === 'phase' && m.message.startsWith('Plan preview:'));

for (const [index, optimizer] of [[0, 'SGD'], [1, 'momentum']] as const) {
  test(`one-row ${optimizer}, 20,000 epochs planned: flat over 80 steps; the plan's 80,000 steps previewed on the four rows leave the saddle — info`, async () => {
    const outcome = (await runs)[index];
    const losses = outcome.report.steps.map((s) => s.loss);
    assert.equal(losses.length, 81, 'still flat after 80 steps');
    assert.ok(Math.abs(losses[0] - losses[80]) / losses[0] < 0.01, `${losses[0]} → ${losses[80]}`);
    assert.ok(previewPhase(outcome), 'the preview said what it runs');
    const probe = planProbe(outcome);
    assert.ok(probe, 'the preview ran');
    // PREVIEW_MAX_STEPS steps (41 weights on 4 rows: the step cap, not the work cap), and factor × steps is the plan: 80,000 one-row steps
    assert.equal(probe.losses.length - 1, PREVIEW_MAX_STEPS);
    assert.ok(Math.abs(probe.factor * (probe.losses.length - 1) - 80_000) < 1, `${probe.factor} × ${probe.losses.length - 1}`);
    const end = probe.losses[probe.losses.length - 1];
    assert.ok(end <= 0.5 * probe.losses[0], `the previewed plan learns XOR: ${probe.losses[0]} → ${end}`);
    const [finding] = notDecreasing(outcome);
    assert.equal(finding?.severity, 'info');
    assert.deepEqual(outcome.report.findings.filter((f) => f.severity !== 'info').map((f) => f.code), []);
  });
}

test('near miss: the loss summed over the rows — four one-row steps are one full-batch step, not four: no preview', async () => {
  const outcome = (await runs)[2];
  assert.equal(previewPhase(outcome), undefined);
  assert.equal(planProbe(outcome), undefined);
});

test('near miss: 50 epochs planned — the plan itself (200 steps at 1×) ends on the saddle: the warning stays and says so', async () => {
  const outcome = (await runs)[3];
  assert.equal(planProbe(outcome)?.factor, 1);
  assert.equal(planProbe(outcome)?.losses.length, 201);
  const [stuck] = notDecreasing(outcome);
  assert.equal(stuck?.severity, 'warning');
  assert.match(stuck.message, /Previewed over the script's planned training, 200 steps at 1× the rate .* the plan ends on this plateau too\./);
});
