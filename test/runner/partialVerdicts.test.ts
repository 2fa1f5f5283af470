// A verdict must not depend on how a profile ended: the host judges a cancelled or timed-out profile with the
// same evidence and the same code (core/runEnd.ts ProfileEvidence) as the runner judges a finished one. Here
// (1) the host's reading of a finished profile's messages gives exactly the runner's findings, over fixtures
// whose verdicts use every input (the script's planned steps, the optimizer's and compile()'s lines, the data's
// lines and scale, the labels' class counts, where a NaN appeared, the learning-rate and input-scale probes, the
// overfit check); (2) a profile stopped
// at a known step (partial/stall.js blocks the next update) gets the verdicts the full profile's evidence
// gives on the same steps, and the same finding on the same line as the full profile.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { startProfile } from '../../src/host/client';
import { ProfileEvidence } from '../../src/core/runEnd';
import { parseWithNonFinite, stringifyWithNonFinite, type Finding, type ProfileRequest, type RunnerMessage } from '../../src/core/protocol';
import type { ProfileReport } from '../../src/core/report';
import { assertGone, fixture, limitAt, lineOf, pool, profile, profileOk, RUNNER, type RunOutcome } from './helpers';

const PLATEAU = fixture('partial', 'plan-plateau.js');
const NAN = fixture('partial', 'nan-inputs.js');
/** The scripts they run (the lines findings point at). */
const PLATEAU_SCRIPT = fixture('verdicts', 'long-plan-plateau.js');
const NAN_SCRIPT = fixture('data-sites', 'nan-inputs.js');
const OPTIMIZER_LINE = lineOf(PLATEAU_SCRIPT, 'tf.train.sgd(0.01)');

/** Fixtures whose verdicts read each input of the evidence. */
const FINISHED: { file: string; request: Partial<ProfileRequest> }[] = [
  { file: PLATEAU, request: { steps: 20 } }, // plannedSteps, the optimizer's line
  { file: NAN, request: { steps: 5 } }, // nonFiniteOrigin, the inputs' line
  { file: fixture('rates', 'high-lr.js'), request: { steps: 20 } }, // a ÷10 learning-rate probe
  { file: fixture('inputs', 'raw-relu.js'), request: { steps: 20 } }, // the inputs' scale
  { file: fixture('data-sites', 'labels-divided.js'), request: { steps: 5 } }, // the labels' line, compile()
  { file: fixture('verdicts', 'stalled.js'), request: { steps: 20, overfitBatch: true } }, // the overfit check
  { file: fixture('small-inputs', 'twice.js'), request: { steps: 20 } }, // input-scale probes
  { file: fixture('class-balance', 'rare-zeros.js'), request: { steps: 3 } }, // the labels' class counts
];
const finished = pool(FINISHED, 2, ({ file, request }) => profileOk(file, { backend: 'wasm', ...request }));

const sent = (messages: RunnerMessage[]) => messages.flatMap((m) => (m.type === 'finding' ? [m.finding] : []));

/**
 * The verdicts the host gives on a profile's messages (as they travel: absent, not undefined, fields); with
 * `steps`, on the model and steps 0…steps−1 only (what a profile stopped there had measured).
 */
function hostVerdicts(messages: RunnerMessage[], thresholds?: ProfileRequest['thresholds'], steps?: number): Finding[] {
  const evidence = new ProfileEvidence();
  for (const m of messages) if (steps === undefined || m.type === 'model' || (m.type === 'step' && m.step < steps)) evidence.observe(m);
  return parseWithNonFinite(stringifyWithNonFinite(evidence.findings(thresholds))) as Finding[];
}

const brief = (findings: readonly { code: string; severity: string; line?: number; location?: { line: number } }[]) =>
  findings.map((f) => `${f.code}:${f.severity}:${f.line ?? f.location?.line ?? '-'}`).sort();

test("the host's verdict on a finished profile's messages is exactly the runner's", async () => {
  const outcomes = await finished;
  outcomes.forEach(({ messages }, i) => {
    const runner = sent(messages);
    assert.ok(runner.length > 0, `${FINISHED[i].file}: the runner reported findings`);
    assert.deepEqual(hostVerdicts(messages), runner, FINISHED[i].file);
  });
  // Each input was present in the evidence (else the comparison above proves less than it says).
  const [plateau, nan, rates, raw, labels, stalled, small, rare] = outcomes.map((o) => o.messages);
  const model = (ms: RunnerMessage[]) => ms.find((m): m is Extract<RunnerMessage, { type: 'model' }> => m.type === 'model')!;
  assert.equal(model(plateau).plannedSteps, 256_000);
  assert.deepEqual([model(plateau).optimizerLocation?.file, model(plateau).optimizerLocation?.line], [PLATEAU_SCRIPT, OPTIMIZER_LINE]);
  assert.ok(nan.some((m) => m.type === 'step' && m.nonFiniteOrigin?.pass === 'forward'));
  assert.ok(rates.some((m) => m.type === 'probe' && m.kind === 'rate' && m.factor === 0.1));
  assert.ok(model(raw).inputScale!.rms > 10);
  assert.ok(model(labels).compileLocation && model(labels).dataLocations?.targets);
  assert.ok(stalled.some((m) => m.type === 'overfit'));
  assert.ok(small.some((m) => m.type === 'probe' && m.kind === 'input'));
  assert.ok(model(rare).classCounts?.[0]?.length === 10);
  // What the verdicts of the last two rest on.
  assert.ok(sent(small).some((f) => f.code === 'unscaled-input') && sent(rare).some((f) => f.code === 'class-imbalance'));
});

/**
 * Profiles `file` stopped after `updates` updates (partial/stall.js) by a cancel, or by the timeout, once step
 * `updates − 1` arrives. The timeout expires at that event, not after a wall-clock span: under load ~50 a 15 s limit
 * ended the run 9 steps in, before the stall it is meant to interrupt.
 */
async function stopped(file: string, updates: number, how: 'cancel' | 'timeout', request: Partial<ProfileRequest>): Promise<ProfileReport> {
  let cancelled = false;
  const atStall = (m: RunnerMessage) => m.type === 'step' && m.step === updates - 1;
  const { options, observe } = limitAt({ runnerPath: RUNNER, timeoutMs: 60_000, expireWhen: how === 'timeout' ? atStall : undefined });
  const run = startProfile(
    { file, backend: 'wasm', steps: 20, scriptArgs: [String(updates)], ...request },
    options,
    (m) => {
      observe(m);
      if (how === 'cancel' && atStall(m) && !cancelled) {
        cancelled = true;
        void run.cancel();
      }
    },
  );
  const report = await run.result;
  await assertGone(run.pid);
  assert.equal(report.error?.kind, how === 'cancel' ? 'cancelled' : 'timeout');
  assert.equal(report.partial, true);
  assert.equal(report.steps.length, updates, 'the steps before the stalled update, exactly');
  return report;
}

test('a flat start stopped at step 40 (cancel, then timeout) is judged against the plan like the full profile: info on the optimizer line', async () => {
  const [full] = await finished;
  for (const how of ['cancel', 'timeout'] as const) {
    const report = await stopped(PLATEAU, 41, how, { steps: 20 });
    assert.deepEqual(brief(report.findings), brief(hostVerdicts(full.messages, undefined, 41)), `${how}: the full profile's evidence on steps 0–40`);
    const slow = report.findings.find((f) => f.code === 'loss-not-decreasing');
    assert.equal(slow?.severity, 'info', `${how}: ${JSON.stringify(report.findings)}`);
    assert.match(slow!.message, /^The loss starts flat: .* At this pace the 256,000 steps the script's training plans would take off all of it/);
    assert.deepEqual([slow!.file, slow!.line], [PLATEAU_SCRIPT, OPTIMIZER_LINE]);
    const whole = sent(full.messages).find((f) => f.code === 'loss-not-decreasing');
    assert.deepEqual([whole?.severity, whole?.location?.line], ['info', slow!.line], 'the full profile (80 steps) says the same on the same line');
    assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), []);
  }
});

test('NaN inputs, profile cancelled after 2 steps: non-finite on the line that made the inputs, as in the full profile', async () => {
  const full: RunOutcome = (await finished)[1];
  const report = await stopped(NAN, 2, 'cancel', { steps: 5 });
  assert.deepEqual(brief(report.findings), brief(hostVerdicts(full.messages, undefined, 2)));
  const nan = report.findings.find((f) => f.code === 'non-finite');
  assert.deepEqual([nan?.file, nan?.line], [NAN_SCRIPT, lineOf(NAN_SCRIPT, 'L:inputs')], JSON.stringify(report.findings));
  const whole = sent(full.messages).find((f) => f.code === 'non-finite');
  assert.deepEqual([whole?.location?.line, whole?.message], [nan!.line, nan!.message]);
});

test('near miss: a profile that fails before any step gets no verdicts', async () => {
  const { report } = await profile(fixture('bad', 'infinite-loop.js'), {}, { timeoutMs: 1500 });
  assert.equal(report.partial, false);
  assert.deepEqual(report.findings, []);
});

test('stopped during the second input-scale probe (cancel, then timeout): the first probe is kept and judged as in the full profile', async () => {
  const full = (await finished)[6].messages;
  const inputProbes = full.filter((m): m is Extract<RunnerMessage, { type: 'probe' }> => m.type === 'probe' && m.kind === 'input');
  assert.equal(inputProbes.length, 2, 'the full profile ran both input-scale probes');
  // The updates before the second input probe's first: the profile's steps, the rate probes', the first input probe's.
  const steps = full.filter((m) => m.type === 'step').length - 1;
  // A probe reports a loss per update, except the plan-reach runs: their first and last loss, for `every` updates.
  const probeUpdates = full.flatMap((m) => (m.type === 'probe' && m !== inputProbes[1] ? [m.kind === 'reach' ? (m.every ?? 0) : m.losses.length - 1] : []));
  const updates = steps + probeUpdates.reduce((a, b) => a + b, 0);
  const kept = full.filter((m) => m !== inputProbes[1]);
  const SCRIPT = fixture('small-inputs', 'twice.js');
  for (const how of ['cancel', 'timeout'] as const) {
    let cancelled = false;
    // The timeout expires at the event the cancel waits for (the first input probe), whatever the machine's load.
    const atFirstProbe = (m: RunnerMessage) => m.type === 'probe' && m.kind === 'input';
    const { options, observe } = limitAt({ runnerPath: RUNNER, timeoutMs: 60_000, expireWhen: how === 'timeout' ? atFirstProbe : undefined });
    const run = startProfile(
      { file: fixture('partial', 'small-inputs-stalled.js'), backend: 'wasm', steps: 20, scriptArgs: [String(updates)] },
      options,
      (m) => {
        observe(m);
        if (how === 'cancel' && atFirstProbe(m) && !cancelled) {
          cancelled = true;
          void run.cancel();
        }
      },
    );
    const report = await run.result;
    await assertGone(run.pid);
    assert.deepEqual([report.error?.kind, report.partial], [how === 'cancel' ? 'cancelled' : 'timeout', true]);
    assert.equal(report.steps.length, steps + 1, 'every profiled step');
    assert.deepEqual(brief(report.findings), brief(hostVerdicts(kept)), `${how}: the full profile's evidence without the second probe`);
    const found = report.findings.find((f) => f.code === 'unscaled-input');
    assert.deepEqual([found?.file, found?.line], [SCRIPT, lineOf(SCRIPT, 'L:inputs')], `${how}: ${JSON.stringify(report.findings)}`);
  }
});
